//! Russian (русский): the court report's words.

use super::{Label, Sentence};
use crate::check::Level;

pub(super) fn label(label: Label) -> &'static str {
    match label {
        Label::Title => "Отчёт о проверке",
        Label::Verdict => "Заключение",
        Label::LatestEvent => "Последнее событие:",
        Label::Damaged => "Повреждённые объекты",
        Label::FailedCodes => "Непройденные проверки",
        Label::Restrictions => "Ограничения использования и условия передачи",
        Label::NoRestrictions => "В пакете не указано ни ограничений использования, ни условий передачи.",
        Label::Case => "Дело и правовое основание",
        Label::NoCase => "Сведения о деле не удалось прочитать из пакета.",
        Label::Items => "Доказательства",
        Label::Path => "Путь",
        Label::Size => "Размер (байт)",
        Label::Sha256 => "SHA-256",
        Label::MediaType => "Тип данных",
        Label::Result => "Результат",
        Label::FileDamaged => "ПОВРЕЖДЁН",
        Label::FileOk => "нарушений не выявлено",
        Label::FileDisposed => "отсутствует в этом пакете (возвращено или уничтожено)",
        Label::DisposedBy => "Возвращено или уничтожено согласно подписанному событию хранения",
        Label::Capture => "Получение",
        Label::NotAccepted => "Не принято",
        Label::Attestations => "Удостоверения, скреплённые с манифестом",
        Label::Statements => "Контрподписи, приложенные документы, экспертизы и записи о доступе",
        Label::NoStatements => "В пакете нет ни одного заявления.",
        Label::Timeline => "Хронология цепочки хранения",
        Label::Events => "События цепочки хранения",
        Label::Checks => "Все проверки",
        Label::ContentChecks => "Проверки содержимого",
        Label::Code => "Код",
        Label::Level => "Уровень",
        Label::Message => "Сообщение",
        Label::Appendix => "Приложение: проверьте сами",
        Label::About => "Об этом отчёте",
        Label::Bundle => "Файл пакета",
        Label::BundleId => "Идентификатор пакета",
        Label::Tool => "Проверено программой",
        Label::GeneratedAt => "Отчёт составлен",
        Label::VerifiedAt => "Проверка выполнена",
        Label::TrustList => "Список доверия",
        Label::TsaRoots => "Корневые сертификаты TSA",
        Label::NoneGiven => "не указан: подписавшие лица и службы штампов времени ни с каким списком не сверялись",
        Label::Parties => "Подписавшие стороны",
        Label::Name => "Имя",
        Label::Organisation => "Организация",
        Label::Role => "Роль",
        Label::Jurisdiction => "Юрисдикция",
        Label::Key => "Отпечаток ключа",
        Label::Trusted => "Список доверия",
        Label::InTrustList => "в списке доверия",
        Label::NotInTrustList => "НЕТ в списке доверия",
        Label::NotChecked => "не проверено",
        Label::Refused => "отклонено",
        Label::ShowFiles => "файл(ов)",
        Label::Language => "Язык",
        Label::DetailsInEnglish => {
            "Значение каждой проверки приведено на языке отчёта; собственное сообщение каждой проверки, называющее \
            файлы и значения, и цитируемые подробности проверки приведены на английском языке."
        }
        Label::Area => "Область",
        Label::CaptureKind => "Вид",
        Label::CaptureSource => "Источник",
        Label::CaptureFinalUrl => "Итоговый URL",
        Label::CaptureOn => "Платформа и учётная запись",
        Label::CaptureAt => "Время фиксации",
        Label::CaptureTool => "Инструмент",
        Label::CaptureMethods => "Методы",
        Label::CaptureClock => "Источник времени",
        Label::CaptureEnvironment => "Среда",
        Label::CaptureSteps => "Шаги",
        Label::CaptureBy => "Кем зафиксировано",
        Label::CaptureWitnessedBy => "В присутствии",
        Label::CaptureUnder => "На основании",
        Label::CaptureAltered => "Изменения",
        Label::CaptureNote => "Примечание",
        Label::EnvOs => "Операционная система",
        Label::EnvBrowser => "Браузер",
        Label::EnvUserAgent => "User-Agent",
        Label::EnvEgressIp => "Исходящий IP-адрес",
        Label::EnvExitJurisdiction => "Страна выхода в сеть",
        Label::EnvNote => "Прочее",
        Label::CaptureAccount => "учётная запись",
        Label::CaptureAccountId => "ID учётной записи",
        Label::CaptureObject => "объект",
        Label::CaseReference => "Номер дела",
        Label::CaseTitle => "Наименование",
        Label::CaseProceeding => "Вид производства",
        Label::CaseObtainedBy => "Способ получения",
        Label::CaseUrgency => "Срочность",
        Label::CaseLegalBasis => "Правовое основание",
        Label::CaseOffence => "Преступление",
        Label::CaseFileNumber => "Номер производства",
        Label::CaseRequest => "Связанный запрос",
        Label::StateInvalid => "НЕДЕЙСТВИТЕЛЕН",
        Label::StateNotTrusted => "ДОВЕРИЕ НЕ УСТАНОВЛЕНО",
        Label::StateIntact => "ЦЕЛОСТНОСТЬ ПОДТВЕРЖДЕНА",
        Label::StateTrusted => "ДОВЕРИЕ УСТАНОВЛЕНО",
    }
}

pub(super) fn state_meaning(state: &str) -> &'static str {
    match state {
        "invalid" => {
            "Проверка не пройдена: пакет повреждён, изменён, неполон или неверно сформирован либо не является пакетом \
            цепочки хранения. Не полагайтесь на него в таком виде; непройденные проверки ниже указывают, что и где."
        }
        "not_trusted" => {
            "Пакет цел, но подписавшее лицо или служба штампов времени не подтверждены указанным списком доверия или \
            корневыми сертификатами TSA: кто подписал или когда, не установлено."
        }
        "trusted" => {
            "Все проверки пройдены, и каждое подписавшее лицо значится в списке доверия с заявленной им личностью."
        }
        _ => "Все проверки пройдены; подписавшие лица не сверялись со списком доверия.",
    }
}

pub(super) fn level_name(level: Level) -> &'static str {
    match level {
        Level::Pass => "пройдена",
        Level::Warn => "ПРЕДУПРЕЖДЕНИЕ",
        Level::Fail => "ОШИБКА",
    }
}

pub(super) fn area_title(area: &str) -> Option<&'static str> {
    Some(match area {
        "access" => "Записи о доступе",
        "archive" => "Контейнер ZIP",
        "attachment" => "Приложенные документы",
        "attestation" => "Удостоверения",
        "bagit" => "Структура BagIt",
        "bundle" => "Пакет",
        "commitment" => "Обязательство Меркла",
        "derivation" => "Производный пакет",
        "countersign" => "Контрподписи",
        "custody" => "Цепочка хранения",
        "disposition" => "Возврат или уничтожение",
        "event" => "События цепочки хранения",
        "examination" => "Экспертизы",
        "extract" => "Извлечение",
        "key" => "Ключи",
        "manifest" => "Манифест",
        "parent" => "Сверка с оригиналом",
        "payload" => "Целостность файлов",
        "preservation" => "Сохранность",
        "provenance" => "Происхождение данных",
        "receipt" => "Расписки в получении",
        "retention" => "Срок хранения",
        "signature" => "Подписи",
        "statement" => "Заявления",
        "timestamp" => "Штампы времени",
        "log" => "Журнал хранения",
        "trust" => "Доверие к подписавшим",
        _ => return None,
    })
}

pub(super) fn item_size(files: usize, bytes: u64) -> String {
    format!("файлов: {files}, байт: {bytes}")
}

pub(super) fn timeline_description(parties: usize, events: usize) -> String {
    format!(
        "Хронология цепочки хранения: сторон (дорожек): {parties}, событий по порядку на оси времени: {events}; \
        стрелки — передачи, ромб — удостоверенное время, красный крест — отклонённые объекты или условия."
    )
}

pub(super) fn timeline_key() -> &'static str {
    "Дорожки: подписавшие стороны. Точки: события слева направо по порядку, каждое со своим временем. Стрелки: \
    передача к расписке, которая на неё ответила (пунктир: расписки ещё нет). Ромб: удостоверенное время (закрашен: \
    служба штампов времени восходит к указанным корневым сертификатам). Красный крест: отклонённые объекты или условия."
}

pub(super) fn pending() -> &'static str {
    "ожидается: расписки ещё нет"
}

pub(super) fn refused_mark(items: usize, conditions: usize) -> String {
    format!("отклонено: групп объектов: {items}, условий: {conditions}")
}

pub(super) fn more_damaged_files(n: usize) -> String {
    format!("и ещё повреждённых файлов: {n} (см. файлы объекта и проверки)")
}

pub(super) fn lanes_not_drawn(n: usize) -> String {
    format!("ещё сторон этого участка хронологии не показано: {n}; таблица сторон перечисляет все стороны")
}

pub(super) fn appendix_intro() -> &'static str {
    "Этот отчёт получен в результате одного запуска проверки указанной выше программой. Любой может повторить \
    проверки без неё, только стандартными средствами. Сам пакет содержит эти инструкции на английском языке в файле \
    HOW-TO-VERIFY.txt:"
}

pub(super) fn more_checks(n: u64) -> String {
    format!("ещё проверок этого кода, не перечисленных: {n}")
}

pub(super) fn items_not_listed(n: u64) -> String {
    format!(
        "ещё предметов, не перечисленных в этом PDF: {n} (повреждённые и не принятые предметы перечислены первыми); \
        HTML-отчёт (custody report --out report.html) и custody verify --format json перечисляют каждый предмет и \
        каждый файл с его SHA-256"
    )
}
pub(super) fn files_not_listed(n: u64) -> String {
    format!(
        "ещё файлов этого предмета, не перечисленных в этом PDF: {n}; HTML-отчёт (custody report --out report.html) и \
        custody verify --format json перечисляют каждый файл с его SHA-256"
    )
}

pub(super) fn sentence(s: Sentence) -> &'static str {
    match s {
        Sentence::UseFor => "Использование только в следующих целях: {0}",
        Sentence::UseIn => "Использование только в следующих производствах: {0}",
        Sentence::UseForIn => "Использование только в следующих целях: {0}; и только в следующих производствах: {1}",
        Sentence::UseLimited => "Использование ограничено",
        Sentence::Speciality => {
            "{0} (принцип специальности: любое иное использование требует согласия предоставившего государства)"
        }
        Sentence::WithNote => "{0}. {1}",
        Sentence::OnwardAllowed => "Дальнейшая передача разрешена",
        Sentence::OnwardForbidden => "Дальнейшая передача ЗАПРЕЩЕНА",
        Sentence::OnwardConsentOf => "Дальнейшая передача только с предварительного согласия: {0}",
        Sentence::OnwardConsent => "Дальнейшая передача только с предварительного согласия предоставившего органа",
        Sentence::Confidentiality => "Конфиденциальность: {0}",
        Sentence::Retention => "Хранение: {0}",
        Sentence::KeepUntil => "хранить до {0}",
        Sentence::ReviewBy => "пересмотреть не позднее {0}",
        Sentence::PersonalData => "Содержит персональные данные",
        Sentence::NoPersonalData => "Не содержит персональных данных",
        Sentence::DataSubjects => "субъекты данных: {0}",
        Sentence::SpecialCategories => "специальные категории данных: {0}",
        Sentence::Minors => "включает данные о НЕСОВЕРШЕННОЛЕТНИХ",
        Sentence::ExportApproval => "Разрешение на вывоз: {0}",
        Sentence::ListSep => "; ",
        Sentence::Comma => ", ",
        Sentence::TwoSentences => "{0} {1}",
        Sentence::ConditionAccepted => "{0} ({1}); кем установлено: {2}, передача № {3}; принято получателем",
        Sentence::ConditionRefused => "{0} ({1}); кем установлено: {2}, передача № {3}; ОТКЛОНЕНО получателем",
        Sentence::Pending => "Ожидает получения с {0}: передача № {1}, получатель: {2}, цель: «{3}»",
        Sentence::Signer => "{0} ({1}, {2}, {3})",
        Sentence::LatestSigned => "№ {0}, {1}, {2}, подписано: {3}",
        Sentence::LatestClaimed => "№ {0}, {1}, {2}, якобы подписано: {3} (НЕ проверено: пакет недействителен)",
        Sentence::LatestKey => "ключ {0}",
        Sentence::ConfirmLatest => {
            "Подтвердите у отправителя, что это его последнее событие: более поздние события могли быть удалены."
        }
        Sentence::NotAcceptedBy => "получатель: {0}, передача № {1} ({2})",
        Sentence::NotAcceptedByWhy => "получатель: {0}, передача № {1} ({2}: {3})",
        Sentence::NotAcceptedAt => "передача № {0} ({1})",
        Sentence::MoreDamagedItems => "и ещё повреждённых объектов: {0} (см. проверки ниже)",
        Sentence::TrustedTime => "удостоверенное время {0} от {1} (на {2} с позже заявленного времени)",
        Sentence::TrustedTimeUntrusted => {
            "удостоверенное время {0} от {1} (на {2} с позже заявленного времени) [СЛУЖБА ШТАМПОВ ВРЕМЕНИ НЕ \
            ДОВЕРЕНА: её корневой сертификат не указан]"
        }
        Sentence::SummaryInvalid => {
            "НЕДЕЙСТВИТЕЛЕН: не пройдено проверок: {0}. Не полагайтесь на этот пакет в нынешнем виде; повреждённые \
            файлы и непройденные проверки перечислены ниже."
        }
        Sentence::SummaryInvalidNothingDamaged => {
            "НЕДЕЙСТВИТЕЛЕН: не пройдено проверок: {0}. Не полагайтесь на этот пакет в нынешнем виде; непройденные \
            проверки перечислены ниже."
        }
        Sentence::SummaryNotTrustedSigner => {
            "ДОВЕРИЕ НЕ УСТАНОВЛЕНО (целостность подтверждена): файлы соответствуют подписанному, но по меньшей мере \
            одно подписавшее лицо не внесено в ваш список доверия с заявленными им данными о личности, поэтому \
            личность подписавшего не подтверждена. Прежде чем полагаться на ключ, сверьте его с владельцем. Удаление \
            последних событий хранения или копия, которую прежний хранитель продолжил отдельно (ответвление), не \
            оставляют следов: подтвердите у отправителя последнее событие, указанное ниже."
        }
        Sentence::SummaryNotTrustedTsa => {
            "ДОВЕРИЕ НЕ УСТАНОВЛЕНО (целостность подтверждена): файлы соответствуют подписанному, но штамп времени \
            выдан службой, корневого сертификата которой нет среди указанных корневых сертификатов TSA, поэтому его \
            время не подтверждено. Прежде чем полагаться на ключ, сверьте его с владельцем. Удаление последних \
            событий хранения или копия, которую прежний хранитель продолжил отдельно (ответвление), не оставляют \
            следов: подтвердите у отправителя последнее событие, указанное ниже."
        }
        Sentence::SummaryNotTrustedBoth => {
            "ДОВЕРИЕ НЕ УСТАНОВЛЕНО (целостность подтверждена): файлы соответствуют подписанному, но по меньшей мере \
            одно подписавшее лицо не внесено в ваш список доверия с заявленными им данными о личности, а штамп \
            времени выдан службой, корневого сертификата которой нет среди указанных корневых сертификатов TSA. \
            Прежде чем полагаться на ключ, сверьте его с владельцем. Удаление последних событий хранения или копия, \
            которую прежний хранитель продолжил отдельно (ответвление), не оставляют следов: подтвердите у \
            отправителя последнее событие, указанное ниже."
        }
        Sentence::SummaryIntact => {
            "ЦЕЛОСТНОСТЬ ПОДТВЕРЖДЕНА: каждый файл соответствует подписанному, а события хранения образуют \
            непрерывную подписанную цепочку. Ключи подписавших лиц не сверялись со списком доверия (он не был \
            указан). Удаление последних событий хранения или копия, которую прежний хранитель продолжил отдельно \
            (ответвление), не оставляют следов: подтвердите у отправителя последнее событие, указанное ниже."
        }
        Sentence::SummaryTrusted => {
            "ДОВЕРИЕ УСТАНОВЛЕНО: каждый файл соответствует подписанному, события хранения образуют непрерывную \
            подписанную цепочку, и каждое подписавшее лицо внесено в ваш список доверия. Удаление последних событий \
            хранения или копия, которую прежний хранитель продолжил отдельно (ответвление), не оставляют следов: \
            подтвердите у отправителя последнее событие, указанное ниже."
        }
        Sentence::ContainerNotChecked => {
            "Это распакованный пакет (папка): его файлы проверены, но сам контейнер ZIP — нет (проверки контейнера к \
            папке не применяются). Опечатанное доказательство — исходный файл .zip: сохраните его и передавайте \
            именно его, а не папку."
        }
        Sentence::ContainerNotApplicable => "Не применяется к папке: {0}.",
        Sentence::EventSealed => "опечатано: {0}",
        Sentence::EventTransfer => "передача: получатель {0}, цель «{1}»",
        Sentence::EventRequest => ", запрос {0}",
        Sentence::EventConditions => ", условий: {0}",
        Sentence::EventReceipt => "получение по передаче № {0}: {1}",
        Sentence::EventReason => " (причина: {0})",
        Sentence::EventItemsNotAccepted => ", не принято объектов: {0}",
        Sentence::EventConditionsRefused => ", отклонено условий: {0}",
        Sentence::EventRetentionExtended => "срок хранения продлён до {0}; кем: {1} (причина: {2})",
        Sentence::EventReturned => "{0}: возвращено получателю {1}; кем: {2} (причина: {3})",
        Sentence::EventDestroyed => "{0}: уничтожено; кем: {1}; способ: {2} (причина: {3})",
        Sentence::EventDisposed => "{0}, {1}; кем: {2} (причина: {3})",
        Sentence::EventDerived => "производная копия {0}, изготовитель: {1}; {2}",
        Sentence::EventRedacted => ", файлов с удалёнными фрагментами: {0}",
        Sentence::EventCountersigned => "{1} ({2}), в качестве: {0}, заверил(а) {3}; добавлено: {4}",
        Sentence::EventAttached => "{1} ({2}), в качестве: {0}, приложил(а) документ: {3}; добавлено: {4}",
        Sentence::EventExamined => "{1} ({2}), в качестве: {0}, провёл(а) экспертизу: {3}; добавлено: {4}",
        Sentence::EventAccessed => "доступ: {0} ({1}), цель: «{2}»; {3}; добавлено: {4}",
        Sentence::EventCarrier => "{0} с заявлением {1}",
        Sentence::DocumentSummary => "{0} (ссылка {1}, дата {2}, {3})",
        Sentence::ExaminationSummary => "{0} с помощью {1} {2} ({3})",
        Sentence::AndMore => " и ещё {0}",
        Sentence::AllItems => "все объекты",
        Sentence::OneItem => "объект {0}",
        Sentence::SomeItems => "объекты {0}",
        Sentence::OneEvent => "событие № {0}",
        Sentence::SomeEvents => "события № {0}",
        Sentence::OneFile => "1 файл",
        Sentence::SomeFiles => "файлов: {0}",
        Sentence::OneResultFile => "1 файл результатов",
        Sentence::SomeResultFiles => "файлов результатов: {0}",
        Sentence::StatementBy => "заявление: {0} ({1}), ключ {2}, составлено {3}",
        Sentence::StatementByIn => "заявление: {0} ({1}), ключ {2}, составлено {3}, место: {4}",
        Sentence::StatementText => "«{0}»",
        Sentence::DocumentLine => "{0} {1} от {2}, язык: {3}",
        Sentence::DocumentLineTitled => "{0} {1} от {2}, язык: {3}: «{4}»",
        Sentence::ExaminationLine => "исследовано: {0} с помощью {1} {2}",
        Sentence::ParametersLine => "параметры: {0}",
        Sentence::ConclusionLine => "вывод: {0}",
        Sentence::NotABundle => {
            "это не пакет цепочки хранения ({0}). {1} Он считается недействительным: так может выглядеть и \
            повреждённый или подделанный пакет."
        }
        Sentence::NotABundleEmpty => "файл пуст",
        Sentence::NotABundleWebPage => {
            "это веб-страница (текст HTML), а не архив ZIP; возможно, по ссылке для загрузки была сохранена страница \
            вместо файла"
        }
        Sentence::NotABundleCutShort => {
            "это обрезанный архив ZIP: файл заканчивается раньше завершающего каталога ZIP, как бывает, когда \
            загрузка или копирование прерывается"
        }
        Sentence::NotABundleOtherFile => "это вовсе не архив ZIP",
        Sentence::NotABundleOtherZip => {
            "это архив ZIP, но в нём нет ни bagit.txt, ни custody/manifest.json в папке custody-<id>/ на верхнем уровне"
        }
        Sentence::NotABundleRezippedTopLevel => {
            "это перепакованный пакет: кто-то распаковал пакет и снова упаковал его файлы другой программой ZIP, \
            которая записывает ZIP иначе, чем custody. Проверки относятся к файлу пакета ровно в том виде, в каком он \
            был опечатан, а не к перепакованной копии"
        }
        Sentence::NotABundleRezippedInFolder => {
            "это перепакованный пакет: кто-то распаковал пакет и упаковал его файлы в новый ZIP внутри папки «{0}». \
            Проверки относятся к файлу пакета ровно в том виде, в каком он был опечатан, а не к перепакованной копии"
        }
        Sentence::TodoAskAgain => "Запросите пакет у отправителя ещё раз.",
        Sentence::TodoDownloadAgain => "Загрузите сам пакет ещё раз.",
        Sentence::TodoCompareSize => "Получите файл ещё раз и сверьте его размер с размером, указанным отправителем.",
        Sentence::TodoCheckFile => "Убедитесь, что вам передан нужный файл.",
        Sentence::TodoAskForOriginal => "Запросите у отправителя исходный файл .zip и передавайте его без изменений.",
        Sentence::SummaryNotABundle => "НЕДЕЙСТВИТЕЛЕН: {0}",
        Sentence::ContainerNotCheckedRefused => {
            "Это распакованный пакет (папка), отклонённый до проверки его файлов; сам контейнер ZIP также не \
            проверялся (проверки контейнера к папке не применяются). Опечатанное доказательство — исходный файл .zip: \
            сохраните его и передавайте именно его, а не папку."
        }
        Sentence::ContainerBreaksRules => {
            "контейнер ZIP нарушает правила опечатанного формата (так бывает, когда другая программа заново \
            упаковывает файлы пакета или когда файл был повреждён или изменён)"
        }
        Sentence::SummaryRepackedHolds => {
            "НЕДЕЙСТВИТЕЛЕН: {0}, поэтому нельзя ручаться, что этот файл ZIP — опечатанный пакет; проверки \
            содержимого показывают, что доказательства и подписи по-прежнему в силе. {1}"
        }
        Sentence::SummaryRepackedDoesNotHold => {
            "НЕДЕЙСТВИТЕЛЕН: {0}, поэтому нельзя ручаться, что этот файл ZIP — опечатанный пакет; проверки \
            содержимого показывают, что доказательства или подписи НЕ подтверждаются: см. проверки содержимого. {1}"
        }
        Sentence::ContentHolds => {
            "Проверки содержимого ({0}): доказательства и подписи по-прежнему в силе: каждый файл, прочитанный из \
            этого файла ZIP, соответствует подписанному опечатавшим лицом. Единственная проблема: {1}."
        }
        Sentence::ContentDoesNotHold => {
            "Проверки содержимого ({0}): доказательства или подписи не подтверждаются в том виде, в каком они \
            прочитаны из этого файла ZIP: не пройдено проверок содержимого: {1} ({2}); они перечислены ниже."
        }
    }
}

/// A word of the vocabularies in this language ([`super::term`]).
pub(super) fn term(name: &str) -> Option<&'static str> {
    Some(match name {
        // Kinds of attached document; what a disposition did.
        "mla_request" => "запрос о правовой помощи",
        "order" => "постановление или разрешение",
        "eio_form" => "форма европейского следственного приказа",
        "epoc_form" => "сертификат европейского приказа (EPOC)",
        "covering_letter" => "сопроводительное письмо",
        "preservation_notice" => "уведомление о сохранении",
        "export_approval" => "разрешение на вывоз",
        "provider_certificate" => "сертификат поставщика услуг",
        "translation" => "перевод",
        "verification_report" => "отчёт о проверке",
        "returned" => "возврат",
        "destroyed" => "уничтожение",
        "retention_extended" => "продление срока хранения",
        // Custody events.
        "seal" => "опечатывание",
        "transfer" => "передача",
        "receipt" => "получение",
        "countersign" => "заверяющая подпись",
        "document" => "приложенный документ",
        "examination" => "исследование",
        "access" => "доступ",
        "disposition" => "возврат или уничтожение",
        "derivation" => "производный пакет",
        // Conditions of a hand-over.
        "use_limitation" => "ограничение использования",
        "confidentiality" => "конфиденциальность",
        "onward_transfer" => "дальнейшая передача",
        "retention" => "хранение",
        // Confidentiality levels.
        "public" => "открытый доступ",
        "restricted" => "ограниченный доступ",
        "confidential" => "конфиденциально",
        "secret" => "секретно",
        // Data subjects.
        "suspects" => "подозреваемые",
        "victims" => "потерпевшие",
        "witnesses" => "свидетели",
        "third_parties" => "третьи лица",
        "minors" => "несовершеннолетние",
        // Proceedings.
        "criminal_investigation" => "уголовное расследование",
        "criminal_prosecution" => "уголовное преследование",
        "criminal_trial" => "судебное разбирательство по уголовному делу",
        "civil" => "гражданское производство",
        "administrative" => "административное производство",
        // How the evidence was obtained (and requests of these kinds).
        "open_source" => "открытые источники",
        "consent" => "согласие",
        "domestic_order" => "внутригосударственное постановление",
        "preservation" => "обеспечение сохранности",
        "provider_order" => "требование к поставщику услуг",
        "emergency_disclosure" => "экстренное раскрытие",
        "mla" => "взаимная правовая помощь",
        "eio" => "европейский следственный ордер",
        "seizure" => "изъятие",
        // Urgency.
        "routine" => "в обычном порядке",
        "urgent" => "срочно",
        "emergency" => "экстренно",
        // Roles.
        "investigator" => "следователь",
        "capturer" => "лицо, осуществившее фиксацию",
        "witness" => "свидетель",
        "custodian" => "хранитель",
        "requesting_central_authority" => "запрашивающий центральный орган",
        "requested_central_authority" => "запрашиваемый центральный орган",
        "prosecutor" => "прокурор",
        "court" => "суд",
        "translator" => "переводчик",
        "redactor" => "лицо, обезличившее данные",
        "examiner" => "эксперт",
        // Authorities' roles.
        "investigating" => "орган расследования",
        "prosecuting" => "прокуратура",
        "issuing" => "орган, вынесший решение",
        "validating" => "утверждающий орган",
        "executing" => "исполняющий орган",
        // Other requests.
        "epoc" => "сертификат европейского распоряжения о предоставлении",
        "epoc_pr" => "сертификат европейского распоряжения о сохранении",
        "provider_request" => "запрос к поставщику услуг",
        // Receipts' decisions, the status of an item not accepted, and other.
        "accepted" => "принято",
        "accepted_in_part" => "принято частично",
        "rejected" => "отклонено",
        "missing" => "отсутствует",
        "hash_mismatch" => "повреждён, не совпадает со своим SHA-256",
        "out_of_scope" => "вне рамок запроса",
        "other" => "иное",
        // Kinds of items.
        "web_page" => "веб-страница",
        "video" => "видео",
        "image" => "изображение",
        "audio" => "аудио",
        "social_post" => "публикация в социальной сети",
        "file" => "файл",
        "provider_record" => "данные поставщика услуг",
        // Capture methods.
        "screenshot" => "снимок экрана",
        "html" => "исходный код HTML",
        "warc" => "веб-архив (WARC)",
        "media_download" => "загрузка медиафайла",
        "screen_recording" => "запись экрана",
        "api" => "программный интерфейс (API)",
        "provider_production" => "предоставление поставщиком услуг",
        "forensic_copy" => "криминалистическая копия",
        // Attestations.
        "capture_declaration" => "заявление о фиксации",
        "copy_certification" => "заверение копии",
        "hash_certification" => "заверение по хеш-значению",
        "translation_certification" => "заверение перевода",
        "redaction_certification" => "заверение обезличивания",
        // Signers' roles and statements' capacities.
        "central_authority" => "центральный орган",
        "second_investigator" => "второй следователь",
        "data_holder" => "держатель данных",
        "service_provider" => "поставщик услуг",
        _ => return None,
    })
}
