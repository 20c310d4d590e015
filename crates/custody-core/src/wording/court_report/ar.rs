//! Arabic (العربية), written right to left: the court report's words.

use super::Label;
use crate::check::Level;

pub(super) fn label(label: Label) -> &'static str {
    match label {
        Label::Title => "تقرير التحقق",
        Label::Verdict => "النتيجة",
        Label::LatestEvent => "آخر حدث:",
        Label::Damaged => "الأدلة التالفة",
        Label::FailedCodes => "الفحوص التي لم تنجح",
        Label::Restrictions => "قيود الاستخدام وشروط الإحالة",
        Label::NoRestrictions => "لا تنص الحزمة على أي قيد على الاستخدام ولا على أي شرط للإحالة.",
        Label::Case => "القضية والأساس القانوني",
        Label::NoCase => "تعذرت قراءة بيانات القضية من الحزمة.",
        Label::Items => "الأدلة",
        Label::Path => "المسار",
        Label::Size => "الحجم (بايت)",
        Label::Sha256 => "SHA-256",
        Label::MediaType => "نوع الوسائط",
        Label::Result => "النتيجة",
        Label::FileDamaged => "تالف",
        Label::FileOk => "لم يُكتشف أي خلل",
        Label::FileDisposed => "غير موجود في هذه الحزمة (أُعيد أو أُتلف)",
        Label::DisposedBy => "أُعيد أو أُتلف بموجب حدث الحيازة الموقَّع",
        Label::Capture => "الحصول على الدليل",
        Label::NotAccepted => "لم يُقبل",
        Label::Attestations => "الإقرارات المختومة مع قائمة المحتويات",
        Label::Statements => "التوقيعات المقابلة والمستندات المرفقة والفحوص الفنية وسجلات الاطلاع",
        Label::NoStatements => "لا تتضمن الحزمة أي إفادة.",
        Label::Timeline => "التسلسل الزمني لسلسلة الحيازة",
        Label::Events => "أحداث سلسلة الحيازة",
        Label::Checks => "جميع الفحوص",
        Label::ContentChecks => "فحوص المحتوى",
        Label::Code => "الرمز",
        Label::Level => "المستوى",
        Label::Message => "الرسالة",
        Label::Appendix => "ملحق: تحقق بنفسك",
        Label::About => "حول هذا التقرير",
        Label::Bundle => "ملف الحزمة",
        Label::BundleId => "معرّف الحزمة",
        Label::Tool => "جرى التحقق بواسطة",
        Label::GeneratedAt => "تاريخ إعداد التقرير",
        Label::VerifiedAt => "تاريخ إجراء التحقق",
        Label::TrustList => "قائمة الثقة",
        Label::TsaRoots => "الشهادات الجذرية لسلطة الختم الزمني",
        Label::NoneGiven => "لم تُقدَّم: لم يُتحقق من الموقّعين ولا من سلطات الختم الزمني بالرجوع إلى أي قائمة",
        Label::Parties => "الأطراف الموقّعة",
        Label::Name => "الاسم",
        Label::Organisation => "الجهة",
        Label::Role => "الصفة",
        Label::Jurisdiction => "الولاية القضائية",
        Label::Key => "بصمة المفتاح",
        Label::Trusted => "قائمة الثقة",
        Label::InTrustList => "مدرج في قائمة الثقة",
        Label::NotInTrustList => "غير مدرج في قائمة الثقة",
        Label::NotChecked => "لم يُتحقق منه",
        Label::Refused => "مرفوض",
        Label::ShowFiles => "ملف (ملفات)",
        Label::Language => "اللغة",
        Label::DetailsInEnglish => "رسائل الفحوص والتفاصيل المقتبسة من التحقق باللغة الإنكليزية.",
        Label::Area => "المجال",
        Label::CaptureKind => "النوع",
        Label::CaptureSource => "المصدر",
        Label::CaptureFinalUrl => "عنوان URL النهائي",
        Label::CaptureOn => "المنصة والحساب",
        Label::CaptureAt => "وقت الالتقاط",
        Label::CaptureTool => "أداة الالتقاط",
        Label::CaptureMethods => "طرق الالتقاط",
        Label::CaptureClock => "مصدر الساعة",
        Label::CaptureEnvironment => "بيئة الالتقاط",
        Label::CaptureSteps => "الخطوات",
        Label::CaptureBy => "بواسطة",
        Label::CaptureWitnessedBy => "بحضور",
        Label::CaptureUnder => "بموجب",
        Label::CaptureAltered => "التعديلات",
        Label::CaptureNote => "ملاحظة",
        Label::EnvOs => "نظام التشغيل",
        Label::EnvBrowser => "المتصفح",
        Label::EnvUserAgent => "User-Agent",
        Label::EnvEgressIp => "عنوان IP للخروج",
        Label::EnvExitJurisdiction => "بلد مخرج الشبكة",
        Label::EnvNote => "ملاحظة أخرى",
        Label::CaptureAccount => "الحساب",
        Label::CaptureAccountId => "معرّف الحساب",
        Label::CaptureObject => "العنصر",
    }
}

pub(super) fn state_name(state: &str) -> &'static str {
    match state {
        "invalid" => "غير صالح",
        "not_trusted" => "الثقة غير ثابتة",
        "trusted" => "موثوق",
        _ => "سليم",
    }
}

pub(super) fn state_meaning(state: &str) -> &'static str {
    match state {
        "invalid" => {
            "لم ينجح أحد الفحوص: الحزمة تالفة أو معدّلة أو ناقصة أو مشوّهة البنية، أو ليست حزمة سلسلة حيازة. لا تعتمد عليها على حالها؛ تبيّن الفحوص غير الناجحة أدناه ما الخلل وأين."
        }
        "not_trusted" => {
            "الحزمة سليمة، لكن قائمة الثقة أو الشهادات الجذرية المقدَّمة لا تضمن أحد الموقّعين أو إحدى سلطات الختم الزمني: لم تثبت هوية الموقّع أو وقت التوقيع."
        }
        "trusted" => "نجحت جميع الفحوص، وكل موقّع مدرج في قائمة الثقة بالهوية التي يدّعيها.",
        _ => "نجحت جميع الفحوص؛ ولم يُتحقق من الموقّعين بالرجوع إلى قائمة ثقة.",
    }
}

pub(super) fn level_name(level: Level) -> &'static str {
    match level {
        Level::Pass => "ناجح",
        Level::Warn => "تحذير",
        Level::Fail => "فشل",
    }
}

pub(super) fn area_title(area: &str) -> Option<&'static str> {
    Some(match area {
        "access" => "سجلات الاطلاع",
        "archive" => "حاوية ZIP",
        "attachment" => "المستندات المرفقة",
        "attestation" => "الإقرارات",
        "bagit" => "بنية BagIt",
        "bundle" => "الحزمة",
        "commitment" => "الالتزام التشفيري (شجرة ميركل)",
        "derivation" => "حزمة مشتقة",
        "countersign" => "التوقيعات المقابلة",
        "custody" => "سلسلة الحيازة",
        "disposition" => "التصرف في الأدلة",
        "event" => "أحداث الحيازة",
        "examination" => "الفحوص الفنية",
        "extract" => "الاستخراج",
        "key" => "المفاتيح",
        "manifest" => "قائمة المحتويات",
        "parent" => "المطابقة مع الأصل",
        "payload" => "سلامة الملفات",
        "preservation" => "الحفظ",
        "provenance" => "مصدر الحصول على الدليل",
        "receipt" => "إيصالات الاستلام",
        "retention" => "مدة الحفظ",
        "signature" => "التوقيعات",
        "statement" => "الإفادات",
        "timestamp" => "الأختام الزمنية",
        "trust" => "الثقة في الموقّعين",
        _ => return None,
    })
}

pub(super) fn item_size(files: usize, bytes: u64) -> String {
    format!("عدد الملفات: {files}، الحجم: {bytes} بايت")
}

pub(super) fn timeline_description(parties: usize, events: usize) -> String {
    format!(
        "التسلسل الزمني لسلسلة الحيازة: عدد الأطراف في المسارات: {parties}، وعدد الأحداث المرتبة على محور الزمن: {events}؛ الأسهم عمليات تسليم، والمعيّن يشير إلى وقت موثَّق، والصليب الأحمر إلى أدلة أو شروط مرفوضة."
    )
}

pub(super) fn timeline_key() -> &'static str {
    "المسارات: الأطراف الموقّعة. النقاط: الأحداث من اليسار إلى اليمين بالترتيب، ولكل منها وقته. الأسهم: إحالة إلى إيصال الاستلام الذي رد عليها (متقطع: لا إيصال بعد). المعيّن: وقت موثَّق (مملوء: سلطة الختم الزمني تنتهي إلى الشهادات الجذرية المقدَّمة). الصليب الأحمر: أدلة أو شروط مرفوضة."
}

pub(super) fn pending() -> &'static str {
    "معلّق: لا إيصال استلام بعد"
}

pub(super) fn refused_mark(items: usize, conditions: usize) -> String {
    format!("مرفوض: مجموعات الأدلة: {items}، الشروط: {conditions}")
}

pub(super) fn more_damaged_files(n: usize) -> String {
    format!("و{n} من الملفات التالفة الأخرى (انظر ملفات العنصر والفحوص)")
}

pub(super) fn lanes_not_drawn(n: usize) -> String {
    format!("لم تُرسم {n} من الأطراف الأخرى في هذا الجزء من التسلسل الزمني: جدول الأطراف يذكرها جميعها")
}

pub(super) fn appendix_intro() -> &'static str {
    "هذا التقرير ناتج عن تشغيل واحد للتحقق بواسطة البرنامج المذكور أعلاه. يمكن لأي شخص إعادة الفحوص دونه، باستخدام أدوات شائعة فقط. وتتضمن الحزمة نفسها هذه التعليمات باللغة الإنكليزية في الملف HOW-TO-VERIFY.txt:"
}

pub(super) fn more_checks(n: u64) -> String {
    format!("فحوص أخرى من هذا الرمز غير مدرجة: {n}")
}

pub(super) fn items_not_listed(n: u64) -> String {
    format!(
        "بنود أخرى غير مدرجة في ملف PDF هذا: {n} (أُدرجت البنود التالفة وغير المقبولة أولًا). يسرد تقرير HTML (custody report --out report.html) و custody verify --format json كل بند وكل ملف مع SHA-256 الخاص به"
    )
}
pub(super) fn files_not_listed(n: u64) -> String {
    format!(
        "ملفات أخرى من هذا البند غير مدرجة في ملف PDF هذا: {n}. يسرد تقرير HTML (custody report --out report.html) و custody verify --format json كل ملف مع SHA-256 الخاص به"
    )
}
