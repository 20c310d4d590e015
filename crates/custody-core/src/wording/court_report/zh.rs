//! Chinese, simplified (中文): the court report's words.

use super::{Label, Sentence};
use crate::check::Level;

pub(super) fn label(label: Label) -> &'static str {
    match label {
        Label::Title => "核验报告",
        Label::Verdict => "结论",
        Label::LatestEvent => "最近事件：",
        Label::Damaged => "受损证据项",
        Label::FailedCodes => "未通过的检查",
        Label::Restrictions => "使用限制与移交条件",
        Label::NoRestrictions => "该证据包未载明任何使用限制或移交条件。",
        Label::Case => "案件与法律依据",
        Label::NoCase => "无法从证据包中读取案件信息。",
        Label::Items => "证据项",
        Label::Path => "路径",
        Label::Size => "大小（字节）",
        Label::Sha256 => "SHA-256",
        Label::MediaType => "媒体类型",
        Label::Result => "结果",
        Label::FileDamaged => "已受损",
        Label::FileOk => "未发现问题",
        Label::FileDisposed => "不在本证据包中（已返还或已销毁）",
        Label::DisposedBy => "已依据经签名的监管事件返还或销毁，事件",
        Label::Capture => "提取",
        Label::NotAccepted => "未接收",
        Label::Attestations => "随清单封存的证明",
        Label::Statements => "会签、附加文件、检验和访问记录",
        Label::NoStatements => "该证据包不含任何声明。",
        Label::Timeline => "监管链时间线",
        Label::Events => "监管事件",
        Label::Checks => "全部检查",
        Label::ContentChecks => "内容检查",
        Label::Code => "代码",
        Label::Level => "级别",
        Label::Message => "说明",
        Label::Appendix => "附录：自行复核",
        Label::About => "关于本报告",
        Label::Bundle => "证据包文件",
        Label::BundleId => "证据包标识",
        Label::Tool => "核验程序",
        Label::GeneratedAt => "报告生成时间",
        Label::VerifiedAt => "核验执行时间",
        Label::TrustList => "信任列表",
        Label::TsaRoots => "时间戳机构根证书",
        Label::NoneGiven => "未提供：未据此核对签署人和时间戳机构",
        Label::Parties => "签署方",
        Label::Name => "姓名",
        Label::Organisation => "机构",
        Label::Role => "职责",
        Label::Jurisdiction => "管辖地",
        Label::Key => "密钥指纹",
        Label::Trusted => "信任列表",
        Label::InTrustList => "在信任列表中",
        Label::NotInTrustList => "不在信任列表中",
        Label::NotChecked => "未核对",
        Label::Refused => "已拒收",
        Label::ShowFiles => "个文件",
        Label::Language => "语言",
        Label::DetailsInEnglish => {
            "各项检查的含义以本报告的语言给出；各项检查的具体说明（列出文件和数值）及引自核验的细节为英文。"
        }
        Label::Area => "类别",
        Label::CaptureKind => "类型",
        Label::CaptureSource => "来源",
        Label::CaptureFinalUrl => "最终网址",
        Label::CaptureOn => "平台与账号",
        Label::CaptureAt => "提取时间",
        Label::CaptureTool => "提取工具",
        Label::CaptureMethods => "提取方法",
        Label::CaptureClock => "时钟来源",
        Label::CaptureEnvironment => "提取环境",
        Label::CaptureSteps => "提取步骤",
        Label::CaptureBy => "提取人",
        Label::CaptureWitnessedBy => "见证人",
        Label::CaptureUnder => "依据的授权",
        Label::CaptureAltered => "已知改动",
        Label::CaptureNote => "备注",
        Label::EnvOs => "操作系统",
        Label::EnvBrowser => "浏览器",
        Label::EnvUserAgent => "User-Agent",
        Label::EnvEgressIp => "出口 IP 地址",
        Label::EnvExitJurisdiction => "网络出口所在地",
        Label::EnvNote => "其他",
        Label::CaptureAccount => "账号",
        Label::CaptureAccountId => "账号 ID",
        Label::CaptureObject => "对象",
        Label::CaseReference => "案件编号",
        Label::CaseTitle => "案件名称",
        Label::CaseProceeding => "程序类型",
        Label::CaseObtainedBy => "取得方式",
        Label::CaseUrgency => "紧急程度",
        Label::CaseLegalBasis => "法律依据",
        Label::CaseOffence => "涉嫌罪名",
        Label::CaseFileNumber => "卷宗编号",
        Label::CaseRequest => "相关请求",
        Label::StateInvalid => "无效",
        Label::StateNotTrusted => "信任未确立",
        Label::StateIntact => "完整",
        Label::StateTrusted => "可信",
    }
}

pub(super) fn state_meaning(state: &str) -> &'static str {
    match state {
        "invalid" => {
            "有检查未通过：证据包已受损、被篡改、不完整或格式错误，或并非 custody 证据包。请勿按现状依赖该证据包；下方未通过的检查说明了问题及其位置。"
        }
        "not_trusted" => {
            "证据包完整，但所提供的信任列表或时间戳机构根证书未能为某一签署人或时间戳机构作保：签署人身份或签署时间未能确立。"
        }
        "trusted" => "全部检查均已通过，且每一签署人均以其声明的身份列于信任列表中。",
        _ => "全部检查均已通过；未依据信任列表核对签署人。",
    }
}

pub(super) fn level_name(level: Level) -> &'static str {
    match level {
        Level::Pass => "通过",
        Level::Warn => "警告",
        Level::Fail => "未通过",
    }
}

pub(super) fn area_title(area: &str) -> Option<&'static str> {
    Some(match area {
        "access" => "访问记录",
        "archive" => "ZIP 容器",
        "attachment" => "附加文件",
        "attestation" => "证明",
        "bagit" => "BagIt 结构",
        "bundle" => "证据包",
        "commitment" => "默克尔承诺",
        "derivation" => "派生证据包",
        "countersign" => "会签",
        "custody" => "监管链",
        "disposition" => "处置（返还或销毁）",
        "event" => "监管事件",
        "examination" => "检验",
        "extract" => "提取",
        "key" => "密钥",
        "manifest" => "清单",
        "parent" => "与原始证据包核对",
        "payload" => "文件完整性",
        "preservation" => "保存",
        "provenance" => "提取来源",
        "receipt" => "接收回执",
        "retention" => "保存期限",
        "signature" => "签名",
        "statement" => "声明",
        "timestamp" => "时间戳",
        "log" => "保管日志",
        "trust" => "签署人可信度",
        _ => return None,
    })
}

pub(super) fn item_size(files: usize, bytes: u64) -> String {
    format!("{files} 个文件，{bytes} 字节")
}

pub(super) fn timeline_description(parties: usize, events: usize) -> String {
    format!(
        "监管链时间线：{parties} 个签署方各占一条泳道，{events} 个事件按顺序排列于时间轴；箭头表示移交，菱形表示可信时间，红叉表示被拒收的证据项或条件。"
    )
}

pub(super) fn timeline_key() -> &'static str {
    "泳道：签署各方。圆点：事件，自左向右按顺序排列，各附时间。箭头：一次移交指向回应它的接收回执（虚线：尚无回执）。菱形：可信时间（实心：其时间戳机构的证书链可追溯至所提供的根证书）。红叉：被拒收的证据项或条件。"
}

pub(super) fn pending() -> &'static str {
    "待接收：尚无回执"
}

pub(super) fn refused_mark(items: usize, conditions: usize) -> String {
    format!("已拒收：{items} 组证据项，{conditions} 项条件")
}

pub(super) fn more_damaged_files(n: usize) -> String {
    format!("另有 {n} 个受损文件（见该项的文件和检查）")
}

pub(super) fn lanes_not_drawn(n: usize) -> String {
    format!("时间线此段另有 {n} 方未绘出：各方一览表列出了全部各方")
}

pub(super) fn appendix_intro() -> &'static str {
    "本报告来自上述程序的一次核验运行。任何人无需该程序，仅用常见工具即可重复这些检查。证据包本身以英文文件 HOW-TO-VERIFY.txt 载有以下说明："
}

pub(super) fn more_checks(n: u64) -> String {
    format!("该代码另有 {n} 项检查，未列出")
}

pub(super) fn items_not_listed(n: u64) -> String {
    format!(
        "另有 {n} 个项目未在此 PDF 中列出（已损坏和未被接受的项目优先列出）：HTML 报告（custody report --out report.html）和 custody verify --format \
        json 列出每个项目和每个文件及其 SHA-256"
    )
}
pub(super) fn files_not_listed(n: u64) -> String {
    format!(
        "本项另有 {n} 个文件未在此 PDF 中列出：HTML 报告（custody report --out report.html）和 custody verify --format json 列出每个文件及其 \
        SHA-256"
    )
}

pub(super) fn sentence(s: Sentence) -> &'static str {
    match s {
        Sentence::UseFor => "仅限用于以下目的：{0}",
        Sentence::UseIn => "仅限用于以下程序：{0}",
        Sentence::UseForIn => "仅限用于以下目的：{0}；且仅限用于以下程序：{1}",
        Sentence::UseLimited => "使用受到限制",
        Sentence::Speciality => "{0}（特定性原则：用于任何其他用途须经提供证据的国家同意）",
        Sentence::WithNote => "{0}。{1}",
        Sentence::OnwardAllowed => "允许再移交",
        Sentence::OnwardForbidden => "禁止再移交",
        Sentence::OnwardConsentOf => "须事先征得以下机关同意方可再移交：{0}",
        Sentence::OnwardConsent => "须事先征得提供证据的机关同意方可再移交",
        Sentence::Confidentiality => "保密等级：{0}",
        Sentence::Retention => "保存期限：{0}",
        Sentence::KeepUntil => "保存至 {0}",
        Sentence::ReviewBy => "于 {0} 前复核",
        Sentence::PersonalData => "含有个人信息",
        Sentence::NoPersonalData => "不含个人信息",
        Sentence::DataSubjects => "信息主体：{0}",
        Sentence::SpecialCategories => "敏感个人信息类别：{0}",
        Sentence::Minors => "含有涉及未成年人的信息",
        Sentence::ExportApproval => "出境批准：{0}",
        Sentence::ListSep => "；",
        Sentence::Comma => "、",
        Sentence::TwoSentences => "{0}{1}",
        Sentence::ConditionAccepted => "{0}（{1}），由{2}在移交事件 #{3} 中设定：接收方已接受",
        Sentence::ConditionRefused => "{0}（{1}），由{2}在移交事件 #{3} 中设定：接收方已拒绝",
        Sentence::Pending => "自 {0} 起待接收：移交事件 #{1}，移交给{2}，目的为“{3}”，尚未接收",
        Sentence::Signer => "{0}（{1}，{2}，{3}）",
        Sentence::LatestSigned => "#{0} {1}，{2}，签署人：{3}",
        Sentence::LatestClaimed => "#{0} {1}，{2}，声称的签署人：{3}（未经核验：证据包无效）",
        Sentence::LatestKey => "密钥 {0}",
        Sentence::ConfirmLatest => "请向发送方确认这是其最近一次监管事件：其后的监管事件可能已被删除。",
        Sentence::NotAcceptedBy => "{0}，移交事件 #{1}（{2}）",
        Sentence::NotAcceptedByWhy => "{0}，移交事件 #{1}（{2}：{3}）",
        Sentence::NotAcceptedAt => "移交事件 #{0}（{1}）",
        Sentence::MoreDamagedItems => "另有 {0} 个受损证据项（见下方检查）",
        Sentence::TrustedTime => "可信时间 {0}，由 {1} 出具（晚于声称时间 {2} 秒）",
        Sentence::TrustedTimeUntrusted => {
            "可信时间 {0}，由 {1} 出具（晚于声称时间 {2} 秒）【时间戳机构未获信任：未提供其根证书】"
        }
        Sentence::SummaryInvalid => "无效：{0} 项检查未通过。请勿按现状依赖该证据包；受损文件和未通过的检查列于下方。",
        Sentence::SummaryInvalidNothingDamaged => {
            "无效：{0} 项检查未通过。请勿按现状依赖该证据包；未通过的检查列于下方。"
        }
        Sentence::SummaryNotTrustedSigner => {
            "信任未确立（完整）：文件与所签署的内容相符，但至少有一名签署人未以其声称的身份列于您的信任列表中，因此签署人身份未获担保。请先向密钥持有人核实该密钥，再予依赖。删除最后的监管事件，或前任保管人另行延续的副本（分\
            叉），均不会留下痕迹：请向发送方确认下方的最近事件。"
        }
        Sentence::SummaryNotTrustedTsa => {
            "信任未确立（完整）：文件与所签署的内容相符，但某一时间戳出自一家根证书不在所提供的时间戳根证书之列的时间戳机构，因此其时间未获担保。请先向密钥持有人核实该密钥，再予依赖。删除最后的监管事件，或前任保管人另行延续\
            的副本（分叉），均不会留下痕迹：请向发送方确认下方的最近事件。"
        }
        Sentence::SummaryNotTrustedBoth => {
            "信任未确立（完整）：文件与所签署的内容相符，但至少有一名签署人未以其声称的身份列于您的信任列表中，且某一时间戳出自一家根证书不在所提供的时间戳根证书之列的时间戳机构。请先向密钥持有人核实该密钥，再予依赖。删除最\
            后的监管事件，或前任保管人另行延续的副本（分叉），均不会留下痕迹：请向发送方确认下方的最近事件。"
        }
        Sentence::SummaryIntact => {
            "完整：每一文件均与所签署的内容相符，监管事件构成一条完整、经签名的链。签署人的密钥未依据信任列表核对（未提供信任列表）。删除最后的监管事件，或前任保管人另行延续的副本（分叉），均不会留下痕迹：请向发送方确认下方\
            的最近事件。"
        }
        Sentence::SummaryTrusted => {
            "可信：每一文件均与所签署的内容相符，监管事件构成一条完整、经签名的链，且每一签署人均列于您的信任列表中。删除最后的监管事件，或前任保管人另行延续的副本（分叉），均不会留下痕迹：请向发送方确认下方的最近事件。"
        }
        Sentence::ContainerNotChecked => {
            "这是一个已解压的证据包（文件夹）：其文件已经检查，但 ZIP 容器本身未经检查（容器检查不适用于文件夹）。封存的证据是原始 .zip 文件：请保存该文件，并移交该文件而非文件夹。"
        }
        Sentence::ContainerNotApplicable => "不适用于文件夹：{0}。",
        Sentence::EventSealed => "由{0}封存",
        Sentence::EventTransfer => "移交给{0}，目的为“{1}”",
        Sentence::EventRequest => "，请求{0}",
        Sentence::EventConditions => "，{0} 项条件",
        Sentence::EventReceipt => "对移交事件 #{0} 的接收回执：{1}",
        Sentence::EventReason => "（理由：{0}）",
        Sentence::EventItemsNotAccepted => "，{0} 个证据项未被接受",
        Sentence::EventConditionsRefused => "，{0} 项条件被拒绝",
        Sentence::EventRetentionExtended => "保存期限由{1}延长至 {0}（理由：{2}）",
        Sentence::EventReturned => "{0}由{2}返还给{1}（理由：{3}）",
        Sentence::EventDestroyed => "{0}由{1}销毁，方法：{2}（理由：{3}）",
        Sentence::EventDisposed => "{2}对{1}作出处置：{0}（理由：{3}）",
        Sentence::EventDerived => "{1}制作派生副本 {0}：{2}",
        Sentence::EventRedacted => "，{0} 个文件经遮盖处理",
        Sentence::EventCountersigned => "{1}（{2}）以{0}身份会签了{3}，由{4}添加",
        Sentence::EventAttached => "{1}（{2}）以{0}身份附加了文件：{3}，由{4}添加",
        Sentence::EventExamined => "{1}（{2}）以{0}身份检验了{3}，由{4}添加",
        Sentence::EventAccessed => "{0}（{1}）为“{2}”访问：{3}，由{4}添加",
        Sentence::EventCarrier => "载有声明 {1} 的{0}事件",
        Sentence::DocumentSummary => "{0}（编号 {1}，日期 {2}，{3}）",
        Sentence::ExaminationSummary => "{0}，使用 {1} {2}（{3}）",
        Sentence::AndMore => "及另外 {0} 项",
        Sentence::AllItems => "全部证据项",
        Sentence::OneItem => "证据项 {0}",
        Sentence::SomeItems => "证据项 {0}",
        Sentence::OneEvent => "事件 #{0}",
        Sentence::SomeEvents => "事件 #{0}",
        Sentence::OneFile => "1 个文件",
        Sentence::SomeFiles => "{0} 个文件",
        Sentence::OneResultFile => "1 个结果文件",
        Sentence::SomeResultFiles => "{0} 个结果文件",
        Sentence::StatementBy => "{0}（{1}）的声明，密钥 {2}，作出时间 {3}",
        Sentence::StatementByIn => "{0}（{1}）的声明，密钥 {2}，作出时间 {3}，地点 {4}",
        Sentence::StatementText => "“{0}”",
        Sentence::DocumentLine => "{0} {1}，日期 {2}，语言 {3}",
        Sentence::DocumentLineTitled => "{0} {1}，日期 {2}，语言 {3}：“{4}”",
        Sentence::ExaminationLine => "使用 {1} {2} 检验了{0}",
        Sentence::ParametersLine => "参数：{0}",
        Sentence::ConclusionLine => "结论：{0}",
        Sentence::NotABundle => {
            "这不是 custody 证据包（{0}）。{1}它被视为无效：受损或被篡改的证据包也可能呈现这种样子。"
        }
        Sentence::NotABundleEmpty => "文件为空",
        Sentence::NotABundleWebPage => "这是一个网页（HTML 文本），而非 ZIP 压缩包；下载链接可能保存了网页而非文件本身",
        Sentence::NotABundleCutShort => {
            "这是一个被截断的 ZIP 压缩包：文件在 ZIP 的结尾目录之前就已结束，下载或复制中途停止时会出现这种情况"
        }
        Sentence::NotABundleOtherFile => "它根本不是 ZIP 压缩包",
        Sentence::NotABundleOtherZip => {
            "它是 ZIP 压缩包，但其顶层的 custody-<id>/ 文件夹中既没有 bagit.txt，也没有 custody/manifest.json"
        }
        Sentence::NotABundleRezippedTopLevel => {
            "这是一个被重新压缩的证据包：有人解压了证据包，又用另一种 ZIP 工具重新打包其文件，该工具写出的 ZIP 与 custody 不同。检查针对的是与封存时完全一致的证据包文件，而非重新打包的副本"
        }
        Sentence::NotABundleRezippedInFolder => {
            "这是一个被重新压缩的证据包：有人解压了证据包，又将其文件打包进一个新的 ZIP，位于文件夹“{0}”内。检查针对的是与封存时完全一致的证据包文件，而非重新打包的副本"
        }
        Sentence::TodoAskAgain => "请向发送方重新索取证据包。",
        Sentence::TodoDownloadAgain => "请重新下载证据包本身。",
        Sentence::TodoCompareSize => "请重新获取文件，并与发送方核对其大小。",
        Sentence::TodoCheckFile => "请确认您收到的是正确的文件。",
        Sentence::TodoAskForOriginal => "请向发送方索取原始 .zip 文件，并原样转交。",
        Sentence::SummaryNotABundle => "无效：{0}",
        Sentence::ContainerNotCheckedRefused => {
            "这是一个已解压的证据包（文件夹），在检查其文件之前即被拒绝；ZIP 容器本身也未经检查（容器检查不适用于文件夹）。封存的证据是原始 .zip 文件：请保存该文件，并移交该文件而非文件夹。"
        }
        Sentence::ContainerBreaksRules => {
            "ZIP 容器违反了封存格式的规则（另一工具重新打包证据包的文件，或文件遭到损坏或编辑时，都会出现这种情况）"
        }
        Sentence::SummaryRepackedHolds => {
            "无效：{0}，因此无法担保该 ZIP 文件即为封存的证据包；其内容检查表明证据和签名仍然成立。{1}"
        }
        Sentence::SummaryRepackedDoesNotHold => {
            "无效：{0}，因此无法担保该 ZIP 文件即为封存的证据包；其内容检查表明证据或签名不成立：请查看内容检查。{1}"
        }
        Sentence::ContentHolds => {
            "内容检查（{0}）：证据和签名仍然成立：从该 ZIP 文件读取的每一文件均与封存人所签署的内容相符。唯一的问题是{1}。"
        }
        Sentence::ContentDoesNotHold => {
            "内容检查（{0}）：按从该 ZIP 文件读取的内容，证据或签名不成立：{1} 项内容检查未通过（{2}），列于下方。"
        }
    }
}

/// A word of the vocabularies in Chinese that the forms' words (`wording::forms::zh::term`) do not have
/// ([`super::term`]).
pub(super) fn term(name: &str) -> Option<&'static str> {
    Some(match name {
        // Kinds of attached document; what a disposition did.
        "mla_request" => "司法协助请求书",
        "order" => "命令或授权文书",
        "eio_form" => "欧洲调查令表格",
        "epoc_form" => "欧洲提交或保全令证明（EPOC）",
        "covering_letter" => "附函",
        "preservation_notice" => "保全通知",
        "export_approval" => "出口许可",
        "provider_certificate" => "服务提供者证明",
        "translation" => "译文",
        "verification_report" => "核验报告",
        "returned" => "返还",
        "destroyed" => "销毁",
        "retention_extended" => "延长保存期限",
        // Custody events.
        "seal" => "封存",
        "transfer" => "移交",
        "receipt" => "接收回执",
        "countersign" => "会签",
        "document" => "附加文件",
        "examination" => "检验",
        "access" => "访问",
        "disposition" => "处置（返还或销毁）",
        "derivation" => "派生",
        // Conditions of a hand-over.
        "use_limitation" => "使用限制",
        "confidentiality" => "保密",
        "onward_transfer" => "再移交",
        "retention" => "保存期限",
        // Confidentiality levels.
        "public" => "公开",
        "restricted" => "限制分发",
        "confidential" => "秘密",
        "secret" => "机密",
        // Data subjects.
        "suspects" => "犯罪嫌疑人",
        "victims" => "被害人",
        "witnesses" => "证人",
        "third_parties" => "第三方",
        "minors" => "未成年人",
        // Proceedings.
        "criminal_investigation" => "刑事侦查",
        "criminal_prosecution" => "刑事起诉",
        "criminal_trial" => "刑事审判",
        "civil" => "民事诉讼",
        "administrative" => "行政程序",
        // How the evidence was obtained (the forms' words have the kinds of requests).
        "open_source" => "公开来源",
        "consent" => "同意",
        "domestic_order" => "国内法律文书",
        "provider_order" => "向服务提供者发出的命令",
        "seizure" => "扣押",
        // Urgency.
        "routine" => "常规",
        "urgent" => "紧急",
        "emergency" => "特急",
        // The status of an item not accepted.
        "missing" => "缺失",
        "hash_mismatch" => "已受损，与其 SHA-256 值不符",
        "out_of_scope" => "超出请求范围",
        // Attestations.
        "capture_declaration" => "提取声明",
        "copy_certification" => "副本证明",
        "hash_certification" => "哈希值证明",
        "translation_certification" => "翻译证明",
        "redaction_certification" => "脱敏处理证明",
        _ => return None,
    })
}
