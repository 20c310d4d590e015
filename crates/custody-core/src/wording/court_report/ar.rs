//! Arabic (العربية), written right to left: the court report's words.

use super::{Label, Sentence};
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
        Label::DetailsInEnglish => {
            "يرد معنى كل فحص بلغة التقرير؛ أما الرسالة الخاصة بكل فحص، التي تسمّي الملفات والقيم، والتفاصيل المقتبسة \
            من التحقق فباللغة الإنكليزية."
        }
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
        Label::CaseReference => "مرجع القضية",
        Label::CaseTitle => "العنوان",
        Label::CaseProceeding => "نوع الإجراء",
        Label::CaseObtainedBy => "طريقة الحصول",
        Label::CaseUrgency => "درجة الاستعجال",
        Label::CaseLegalBasis => "الأساس القانوني",
        Label::CaseOffence => "الجريمة",
        Label::CaseFileNumber => "رقم الملف",
        Label::CaseRequest => "طلب ذو صلة",
        Label::StateInvalid => "غير صالح",
        Label::StateNotTrusted => "الثقة غير ثابتة",
        Label::StateIntact => "سليم",
        Label::StateTrusted => "موثوق",
    }
}

pub(super) fn state_meaning(state: &str) -> &'static str {
    match state {
        "invalid" => {
            "لم ينجح أحد الفحوص: الحزمة تالفة أو معدّلة أو ناقصة أو مشوّهة البنية، أو ليست حزمة سلسلة حيازة. لا تعتمد \
            عليها على حالها؛ تبيّن الفحوص غير الناجحة أدناه ما الخلل وأين."
        }
        "not_trusted" => {
            "الحزمة سليمة، لكن قائمة الثقة أو الشهادات الجذرية المقدَّمة لا تضمن أحد الموقّعين أو إحدى سلطات الختم \
            الزمني: لم تثبت هوية الموقّع أو وقت التوقيع."
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
        "preservation" => "التحفظ",
        "provenance" => "مصدر الحصول على الدليل",
        "receipt" => "إيصالات الاستلام",
        "retention" => "مدة الحفظ",
        "signature" => "التوقيعات",
        "statement" => "الإفادات",
        "timestamp" => "الأختام الزمنية",
        "log" => "سجل الحيازة",
        "trust" => "الثقة في الموقّعين",
        _ => return None,
    })
}

pub(super) fn item_size(files: usize, bytes: u64) -> String {
    format!("عدد الملفات: {files}، الحجم: {bytes} بايت")
}

pub(super) fn timeline_description(parties: usize, events: usize) -> String {
    format!(
        "التسلسل الزمني لسلسلة الحيازة: عدد الأطراف في المسارات: {parties}، وعدد الأحداث المرتبة على محور الزمن: \
        {events}؛ الأسهم عمليات تسليم، والمعيّن يشير إلى وقت موثَّق، والصليب الأحمر إلى أدلة أو شروط مرفوضة."
    )
}

pub(super) fn timeline_key() -> &'static str {
    "المسارات: الأطراف الموقّعة. النقاط: الأحداث من اليسار إلى اليمين بالترتيب، ولكل منها وقته. الأسهم: إحالة إلى \
    إيصال الاستلام الذي رد عليها (متقطع: لا إيصال بعد). المعيّن: وقت موثَّق (مملوء: سلطة الختم الزمني تنتهي إلى \
    الشهادات الجذرية المقدَّمة). الصليب الأحمر: أدلة أو شروط مرفوضة."
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
    "هذا التقرير ناتج عن تشغيل واحد للتحقق بواسطة البرنامج المذكور أعلاه. يمكن لأي شخص إعادة الفحوص دونه، باستخدام \
    أدوات شائعة فقط. وتتضمن الحزمة نفسها هذه التعليمات باللغة الإنكليزية في الملف HOW-TO-VERIFY.txt:"
}

pub(super) fn more_checks(n: u64) -> String {
    format!("فحوص أخرى من هذا الرمز غير مدرجة: {n}")
}

pub(super) fn items_not_listed(n: u64) -> String {
    format!(
        "بنود أخرى غير مدرجة في ملف PDF هذا: {n} (أُدرجت البنود التالفة وغير المقبولة أولًا). يسرد تقرير HTML \
        (custody report --out report.html) و custody verify --format json كل بند وكل ملف مع SHA-256 الخاص به"
    )
}
pub(super) fn files_not_listed(n: u64) -> String {
    format!(
        "ملفات أخرى من هذا البند غير مدرجة في ملف PDF هذا: {n}. يسرد تقرير HTML (custody report --out report.html) و \
        custody verify --format json كل ملف مع SHA-256 الخاص به"
    )
}

pub(super) fn sentence(s: Sentence) -> &'static str {
    match s {
        Sentence::UseFor => "يقتصر الاستخدام على الأغراض التالية: {0}",
        Sentence::UseIn => "يقتصر الاستخدام على الإجراءات التالية: {0}",
        Sentence::UseForIn => "يقتصر الاستخدام على الأغراض التالية: {0}؛ وعلى الإجراءات التالية: {1}",
        Sentence::UseLimited => "الاستخدام مقيَّد",
        Sentence::Speciality => "{0} (مبدأ التخصيص: يتطلب أي استخدام آخر موافقة الدولة التي قدّمت الأدلة)",
        Sentence::WithNote => "{0}. {1}",
        Sentence::OnwardAllowed => "الإحالة اللاحقة مسموح بها",
        Sentence::OnwardForbidden => "الإحالة اللاحقة محظورة",
        Sentence::OnwardConsentOf => "لا تجوز الإحالة اللاحقة إلا بموافقة مسبقة من: {0}",
        Sentence::OnwardConsent => "لا تجوز الإحالة اللاحقة إلا بموافقة مسبقة من السلطة التي قدّمت الأدلة",
        Sentence::Confidentiality => "السرية: {0}",
        Sentence::Retention => "الحفظ: {0}",
        Sentence::KeepUntil => "يُحفظ حتى {0}",
        Sentence::ReviewBy => "يُراجَع في موعد أقصاه {0}",
        Sentence::PersonalData => "تتضمن بيانات شخصية",
        Sentence::NoPersonalData => "لا تتضمن أي بيانات شخصية",
        Sentence::DataSubjects => "أصحاب البيانات: {0}",
        Sentence::SpecialCategories => "فئات خاصة من البيانات: {0}",
        Sentence::Minors => "تشمل بيانات تتعلق بقاصرين",
        Sentence::ExportApproval => "موافقة التصدير: {0}",
        Sentence::ListSep => "؛ ",
        Sentence::Comma => "، ",
        Sentence::TwoSentences => "{0} {1}",
        Sentence::ConditionAccepted => "{0} ({1})، وضعه {2} عند الإحالة رقم {3}: قَبِله المستلم",
        Sentence::ConditionRefused => "{0} ({1})، وضعه {2} عند الإحالة رقم {3}: رفضه المستلم",
        Sentence::Pending => "معلّقة منذ {0}: الإحالة رقم {1} إلى {2} لغرض «{3}»، لم تُستلم بعد",
        Sentence::Signer => "{0} ({1}، {2}، {3})",
        Sentence::LatestSigned => "رقم {0}، {1}، في {2}، موقَّع من {3}",
        Sentence::LatestClaimed => "رقم {0}، {1}، في {2}، يُدَّعى أنه موقَّع من {3} (لم يُتحقق منه: الحزمة غير صالحة)",
        Sentence::LatestKey => "المفتاح {0}",
        Sentence::ConfirmLatest => "تأكَّد من المرسِل أن هذا هو آخر حدث لديه: ربما حُذفت أحداث لاحقة.",
        Sentence::NotAcceptedBy => "من {0} عند الإحالة رقم {1} ({2})",
        Sentence::NotAcceptedByWhy => "من {0} عند الإحالة رقم {1} ({2}: {3})",
        Sentence::NotAcceptedAt => "عند الإحالة رقم {0} ({1})",
        Sentence::MoreDamagedItems => "و{0} من الأدلة التالفة الأخرى (انظر الفحوص أدناه)",
        Sentence::TrustedTime => "الوقت الموثوق {0} من {1} (بعد الوقت المدّعى بـ{2} ثانية)",
        Sentence::TrustedTimeUntrusted => {
            "الوقت الموثوق {0} من {1} (بعد الوقت المدّعى بـ{2} ثانية) [سلطة الختم الزمني غير موثوقة: لم تُقدَّم \
            شهادتها الجذرية]"
        }
        Sentence::SummaryInvalid => {
            "غير صالح: لم ينجح {0} من الفحوص. لا تعتمد على هذه الحزمة على حالتها؛ الملفات التالفة والفحوص التي لم \
            تنجح مدرجة أدناه."
        }
        Sentence::SummaryInvalidNothingDamaged => {
            "غير صالح: لم ينجح {0} من الفحوص. لا تعتمد على هذه الحزمة على حالتها؛ الفحوص التي لم تنجح مدرجة أدناه."
        }
        Sentence::SummaryNotTrustedSigner => {
            "الثقة غير ثابتة (سليم): الملفات مطابقة لما وُقّع، لكن موقّعًا واحدًا على الأقل غير مدرج في قائمة الثقة \
            لديك بالهوية التي يدّعيها، فلا ضمان لهوية من وقّع. تحقق من المفتاح مع صاحبه قبل الاعتماد عليه. إن حذف آخر \
            أحداث الحيازة، أو نسخة واصلها حائز سابق على حدة (تفرّع)، لا يترك أثرًا: تأكد من المرسل من آخر حدث أدناه."
        }
        Sentence::SummaryNotTrustedTsa => {
            "الثقة غير ثابتة (سليم): الملفات مطابقة لما وُقّع، لكن ختمًا زمنيًا صادر عن سلطة ختم زمني ليست شهادتها \
            الجذرية بين الشهادات الجذرية المقدَّمة، فلا ضمان لوقته. تحقق من المفتاح مع صاحبه قبل الاعتماد عليه. إن \
            حذف آخر أحداث الحيازة، أو نسخة واصلها حائز سابق على حدة (تفرّع)، لا يترك أثرًا: تأكد من المرسل من آخر حدث \
            أدناه."
        }
        Sentence::SummaryNotTrustedBoth => {
            "الثقة غير ثابتة (سليم): الملفات مطابقة لما وُقّع، لكن موقّعًا واحدًا على الأقل غير مدرج في قائمة الثقة \
            لديك بالهوية التي يدّعيها، وختمًا زمنيًا صادر عن سلطة ختم زمني ليست شهادتها الجذرية بين الشهادات الجذرية \
            المقدَّمة. تحقق من المفتاح مع صاحبه قبل الاعتماد عليه. إن حذف آخر أحداث الحيازة، أو نسخة واصلها حائز سابق \
            على حدة (تفرّع)، لا يترك أثرًا: تأكد من المرسل من آخر حدث أدناه."
        }
        Sentence::SummaryIntact => {
            "سليم: كل ملف مطابق لما وُقّع وأحداث الحيازة تشكّل سلسلة متصلة موقَّعة. لم يُتحقق من مفاتيح الموقّعين \
            بالرجوع إلى قائمة ثقة (لم تُقدَّم أي قائمة). إن حذف آخر أحداث الحيازة، أو نسخة واصلها حائز سابق على حدة \
            (تفرّع)، لا يترك أثرًا: تأكد من المرسل من آخر حدث أدناه."
        }
        Sentence::SummaryTrusted => {
            "موثوق: كل ملف مطابق لما وُقّع وأحداث الحيازة تشكّل سلسلة متصلة موقَّعة وكل موقّع مدرج في قائمة الثقة \
            لديك. إن حذف آخر أحداث الحيازة، أو نسخة واصلها حائز سابق على حدة (تفرّع)، لا يترك أثرًا: تأكد من المرسل \
            من آخر حدث أدناه."
        }
        Sentence::ContainerNotChecked => {
            "هذه حزمة مفكوكة الضغط (مجلد): فُحصت ملفاتها لكن حاوية ZIP نفسها لم تُفحص (فحوص الحاوية لا تنطبق على \
            مجلد). الدليل المختوم هو ملف .zip الأصلي: احتفظ به وسلّمه هو لا المجلد."
        }
        Sentence::ContainerNotApplicable => "لا ينطبق على مجلد: {0}.",
        Sentence::EventSealed => "خُتمت من قِبل {0}",
        Sentence::EventTransfer => "إحالة إلى {0} لغرض «{1}»",
        Sentence::EventRequest => "، الطلب {0}",
        Sentence::EventConditions => "، عدد الشروط: {0}",
        Sentence::EventReceipt => "استلام الإحالة رقم {0}: {1}",
        Sentence::EventReason => " (السبب: {0})",
        Sentence::EventItemsNotAccepted => "، عدد الأدلة غير المقبولة: {0}",
        Sentence::EventConditionsRefused => "، عدد الشروط المرفوضة: {0}",
        Sentence::EventRetentionExtended => "مُدِّد الحفظ حتى {0} من قِبل {1} (السبب: {2})",
        Sentence::EventReturned => "{0}: أُعيدت إلى {1} من قِبل {2} (السبب: {3})",
        Sentence::EventDestroyed => "{0}: أُتلفت من قِبل {1}، الطريقة: {2} (السبب: {3})",
        Sentence::EventDisposed => "{0} بشأن {1} من قِبل {2} (السبب: {3})",
        Sentence::EventDerived => "نسخة مشتقة {0} أعدّها {1}: {2}",
        Sentence::EventRedacted => "، عدد الملفات المنقّحة: {0}",
        Sentence::EventCountersigned => "{1} ({2}) بصفته {0} وقّع توقيعًا مقابلًا على {3}، أضافه {4}",
        Sentence::EventAttached => "{1} ({2}) بصفته {0} أرفق مستندًا: {3}، أضافه {4}",
        Sentence::EventExamined => "{1} ({2}) بصفته {0} فحص {3}، أضافه {4}",
        Sentence::EventAccessed => "اطلاع من قِبل {0} ({1}) لغرض «{2}»: {3}، أضافه {4}",
        Sentence::EventCarrier => "{0} يحمل الإفادة {1}",
        Sentence::DocumentSummary => "{0} (المرجع {1}، بتاريخ {2}، {3})",
        Sentence::ExaminationSummary => "{0} باستخدام {1} {2} ({3})",
        Sentence::AndMore => " و{0} أخرى",
        Sentence::AllItems => "جميع الأدلة",
        Sentence::OneItem => "الدليل {0}",
        Sentence::SomeItems => "الأدلة {0}",
        Sentence::OneEvent => "الحدث رقم {0}",
        Sentence::SomeEvents => "الأحداث رقم {0}",
        Sentence::OneFile => "ملف واحد",
        Sentence::SomeFiles => "عدد الملفات: {0}",
        Sentence::OneResultFile => "ملف نتائج واحد",
        Sentence::SomeResultFiles => "عدد ملفات النتائج: {0}",
        Sentence::StatementBy => "إفادة من {0} ({1})، المفتاح {2}، حُررت في {3}",
        Sentence::StatementByIn => "إفادة من {0} ({1})، المفتاح {2}، حُررت في {3} بمكان {4}",
        Sentence::StatementText => "«{0}»",
        Sentence::DocumentLine => "{0} {1}، بتاريخ {2}، باللغة {3}",
        Sentence::DocumentLineTitled => "{0} {1}، بتاريخ {2}، باللغة {3}: «{4}»",
        Sentence::ExaminationLine => "فحص {0} باستخدام {1} {2}",
        Sentence::ParametersLine => "المعايير: {0}",
        Sentence::ConclusionLine => "الاستنتاج: {0}",
        Sentence::NotABundle => {
            "هذا ليس حزمة سلسلة حيازة ({0}). {1} ويُعدّ غير صالح: فقد تبدو حزمة تالفة أو معبوث بها على هذا النحو."
        }
        Sentence::NotABundleEmpty => "الملف فارغ",
        Sentence::NotABundleWebPage => {
            "إنه صفحة ويب (نص HTML) وليس أرشيف ZIP؛ ربما حفظ رابط التنزيل الصفحة بدلًا من الملف"
        }
        Sentence::NotABundleCutShort => {
            "إنه أرشيف ZIP مبتور: ينتهي الملف قبل الدليل الختامي لأرشيف ZIP، كما يحدث عندما يتوقف تنزيل أو نسخ قبل \
            اكتماله"
        }
        Sentence::NotABundleOtherFile => "إنه ليس أرشيف ZIP على الإطلاق",
        Sentence::NotABundleOtherZip => {
            "إنه أرشيف ZIP لكنه لا يحوي bagit.txt ولا custody/manifest.json في مجلد custody-<id>/ في أعلاه"
        }
        Sentence::NotABundleRezippedTopLevel => {
            "إنها حزمة أُعيد ضغطها: فكّ أحدهم ضغط حزمة ثم أعاد ضغط ملفاتها بأداة ZIP أخرى تكتب ملف ZIP بطريقة تختلف \
            عن custody. تنطبق الفحوص على ملف الحزمة كما خُتم تمامًا لا على نسخة أُعيد ضغطها"
        }
        Sentence::NotABundleRezippedInFolder => {
            "إنها حزمة أُعيد ضغطها: فكّ أحدهم ضغط حزمة ثم ضغط ملفاتها في ملف ZIP جديد داخل المجلد «{0}». تنطبق الفحوص \
            على ملف الحزمة كما خُتم تمامًا لا على نسخة أُعيد ضغطها"
        }
        Sentence::TodoAskAgain => "اطلب الحزمة من المرسل مرة أخرى.",
        Sentence::TodoDownloadAgain => "نزّل الحزمة نفسها مرة أخرى.",
        Sentence::TodoCompareSize => "احصل على الملف مرة أخرى وقارن حجمه بالحجم الذي يذكره المرسل.",
        Sentence::TodoCheckFile => "تأكد من أن الملف الذي سُلّم إليك هو الملف الصحيح.",
        Sentence::TodoAskForOriginal => "اطلب من المرسل ملف .zip الأصلي وسلّمه كما هو دون تغيير.",
        Sentence::SummaryNotABundle => "غير صالح: {0}",
        Sentence::ContainerNotCheckedRefused => {
            "هذه حزمة مفكوكة الضغط (مجلد) رُفضت قبل فحص ملفاتها؛ ولم تُفحص حاوية ZIP نفسها أيضًا (فحوص الحاوية لا \
            تنطبق على مجلد). الدليل المختوم هو ملف .zip الأصلي: احتفظ به وسلّمه هو لا المجلد."
        }
        Sentence::ContainerBreaksRules => {
            "حاوية ZIP تخالف قواعد الصيغة المختومة (كما يحدث عندما تعيد أداة أخرى حزم ملفات الحزمة أو عندما يكون \
            الملف قد تلف أو عُدّل)"
        }
        Sentence::SummaryRepackedHolds => {
            "غير صالح: {0}، ولذلك لا يمكن ضمان أن ملف ZIP هذا هو الحزمة المختومة؛ وتفيد فحوص المحتوى بأن الأدلة \
            والتوقيعات لا تزال سليمة. {1}"
        }
        Sentence::SummaryRepackedDoesNotHold => {
            "غير صالح: {0}، ولذلك لا يمكن ضمان أن ملف ZIP هذا هو الحزمة المختومة؛ وتفيد فحوص المحتوى بأن الأدلة أو \
            التوقيعات ليست سليمة: انظر فحوص المحتوى. {1}"
        }
        Sentence::ContentHolds => {
            "فحوص المحتوى ({0}): لا تزال الأدلة والتوقيعات سليمة: كل ملف قُرئ من ملف ZIP هذا مطابق لما وقّعه الخاتم. \
            والخلل الوحيد: {1}."
        }
        Sentence::ContentDoesNotHold => {
            "فحوص المحتوى ({0}): الأدلة أو التوقيعات ليست سليمة كما قُرئت من ملف ZIP هذا: لم ينجح {1} من فحوص المحتوى \
            ({2})، وهي مدرجة أدناه."
        }
    }
}

/// A word of the vocabularies in this language ([`super::term`]).
pub(super) fn term(name: &str) -> Option<&'static str> {
    Some(match name {
        // Kinds of attached document; what a disposition did.
        "mla_request" => "طلب مساعدة قانونية متبادلة",
        "order" => "أمر أو إذن",
        "eio_form" => "استمارة أمر التحقيق الأوروبي",
        "epoc_form" => "شهادة أمر أوروبي بالتقديم أو الحفظ (EPOC)",
        "covering_letter" => "خطاب إحالة",
        "preservation_notice" => "إشعار حفظ",
        "export_approval" => "موافقة تصدير",
        "provider_certificate" => "شهادة مقدم الخدمة",
        "translation" => "ترجمة",
        "verification_report" => "تقرير تحقق",
        "returned" => "إعادة",
        "destroyed" => "إتلاف",
        "retention_extended" => "تمديد الحفظ",
        // Custody events.
        "seal" => "الختم",
        "transfer" => "الإحالة",
        "receipt" => "الاستلام",
        "countersign" => "التوقيع المقابل",
        "document" => "مستند مرفق",
        "examination" => "الفحص",
        "access" => "الاطلاع",
        "disposition" => "الإعادة أو الإتلاف",
        "derivation" => "الاشتقاق",
        // Conditions of a hand-over.
        "use_limitation" => "تقييد الاستخدام",
        "confidentiality" => "السرية",
        "onward_transfer" => "الإحالة اللاحقة",
        "retention" => "الحفظ",
        // Confidentiality levels.
        "public" => "عام",
        "restricted" => "مقيَّد",
        "confidential" => "سري",
        "secret" => "سري للغاية",
        // Data subjects.
        "suspects" => "المشتبه بهم",
        "victims" => "الضحايا",
        "witnesses" => "الشهود",
        "third_parties" => "الغير",
        "minors" => "القاصرون",
        // Proceedings.
        "criminal_investigation" => "تحقيق جنائي",
        "criminal_prosecution" => "ملاحقة جنائية",
        "criminal_trial" => "محاكمة جنائية",
        "civil" => "إجراء مدني",
        "administrative" => "إجراء إداري",
        // How the evidence was obtained (and requests of these kinds).
        "open_source" => "مصادر مفتوحة",
        "consent" => "الموافقة",
        "domestic_order" => "أمر قضائي وطني",
        "preservation" => "التحفظ",
        "provider_order" => "أمر موجَّه إلى مقدم خدمة",
        "emergency_disclosure" => "الإفصاح في حالات الطوارئ",
        "mla" => "المساعدة القانونية المتبادلة",
        "eio" => "أمر التحقيق الأوروبي",
        "seizure" => "الضبط",
        // Urgency.
        "routine" => "عادي",
        "urgent" => "عاجل",
        "emergency" => "طارئ",
        // Roles.
        "investigator" => "المحقق",
        "capturer" => "القائم بالالتقاط",
        "witness" => "الشاهد",
        "custodian" => "الحائز",
        "requesting_central_authority" => "السلطة المركزية الطالبة",
        "requested_central_authority" => "السلطة المركزية المطلوب منها",
        "prosecutor" => "المدعي العام",
        "court" => "المحكمة",
        "translator" => "المترجم",
        "redactor" => "القائم بالتنقيح",
        "examiner" => "الخبير",
        // Authorities' roles.
        "investigating" => "جهة التحقيق",
        "prosecuting" => "النيابة العامة",
        "issuing" => "الجهة المُصدِرة",
        "validating" => "جهة المصادقة",
        "executing" => "جهة التنفيذ",
        // Other requests.
        "epoc" => "شهادة أمر الإنتاج الأوروبي",
        "epoc_pr" => "شهادة أمر الحفظ الأوروبي",
        "provider_request" => "طلب موجَّه إلى مقدم خدمة",
        // Receipts' decisions, the status of an item not accepted, and other.
        "accepted" => "مقبول",
        "accepted_in_part" => "مقبول جزئياً",
        "rejected" => "مرفوض",
        "missing" => "مفقود",
        "hash_mismatch" => "تالف، لا يطابق قيمة SHA-256 الخاصة به",
        "out_of_scope" => "خارج نطاق الطلب",
        "other" => "أخرى",
        // Kinds of items.
        "web_page" => "صفحة ويب",
        "video" => "فيديو",
        "image" => "صورة",
        "audio" => "تسجيل صوتي",
        "social_post" => "منشور على وسائل التواصل الاجتماعي",
        "file" => "ملف",
        "provider_record" => "بيانات مقدم خدمة",
        // Capture methods.
        "screenshot" => "لقطة شاشة",
        "html" => "الشيفرة المصدرية HTML",
        "warc" => "أرشيف ويب (WARC)",
        "media_download" => "تنزيل الوسائط",
        "screen_recording" => "تسجيل الشاشة",
        "api" => "واجهة برمجة التطبيقات (API)",
        "provider_production" => "تقديم من مقدم الخدمة",
        "forensic_copy" => "نسخة جنائية",
        // Attestations.
        "capture_declaration" => "إقرار الالتقاط",
        "copy_certification" => "تصديق النسخة",
        "hash_certification" => "تصديق بالبصمة",
        "translation_certification" => "تصديق الترجمة",
        "redaction_certification" => "تصديق التنقيح",
        // Signers' roles and statements' capacities.
        "central_authority" => "السلطة المركزية",
        "second_investigator" => "المحقق الثاني",
        "data_holder" => "حائز البيانات",
        "service_provider" => "مقدم الخدمة",
        _ => return None,
    })
}
