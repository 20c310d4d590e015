//! Chinese: the forms' words (the extraction record's are its own; the execution certificate's
//! follow the English).

use super::{Label, Seal};

pub(super) fn label(l: Label) -> &'static str {
    match l {
        Label::NotIntact => "警告：本证据包未通过完整性验证",
        Label::Item => "证据项",
        Label::Matches => "与封存时记录的值一致",
        Label::DoesNotMatch => "与封存时记录的值不一致（已损坏或缺失）",
        Label::MatchesUntrusted => {
            "与清单记录的值一致（清单签名已验证，但证据包的某一签署人或时间戳机构不在信任列表中，见警告）"
        }
        Label::DoNotSign => "请勿按现状签署：见本文书开头的警告",
        Label::NotEstablished => "未能确认（见警告）",
        Label::Signature => "签名",
        Label::Date => "日期",
        Label::Place => "地点",
        Label::Name => "姓名",
        Label::Position => "职务",
        Label::LegalSources => "法律依据",
        Label::BundleSha256 => "证据包文件的 SHA-256 值",
        Label::SealedAt => "封存时间",
        Label::TrustedTime => "封存的可信时间",
        Label::SignedEvent => "已签名的监管事件",
        Label::NotTrusted => "警告：本证据包至少有一个签署人或时间戳机构不在信任列表中",
        Label::UntrustedSigners => "不在信任列表中的签署人",
        Label::Verification => "验证",
        Label::CnTitle => "电子数据提取笔录",
        Label::CnCause => "案由",
        Label::CnTarget => "提取对象",
        Label::CnTime => "提取时间",
        Label::CnPlace => "提取地点",
        Label::CnMethod => "提取方法",
        Label::CnContent => "提取内容",
        Label::CnNetworkAddress => "网络地址",
        Label::CnAccessMethod => "访问方式",
        Label::CnSystemEnvironment => "系统环境",
        Label::CnSteps => "提取过程",
        Label::CnRecording => "录像文件",
        Label::CnList => "电子数据固定清单",
        Label::CnNumber => "序号",
        Label::CnCategory => "类别",
        Label::CnFormat => "文件格式",
        Label::CnCheckValue => "完整性校验值",
        Label::CnAlgorithm => "校验算法",
        Label::CnInvestigator => "侦查人员",
        Label::CnWitness => "见证人或电子数据持有人（提供人）",
        Label::CnHolderDidNotSign => "电子数据持有人（提供人）无法签名或者拒绝签名的，在此注明：",
        Label::CnNoRecording => "证据包中没有提取过程的录像；如有录像，在此注明。",
        Label::MlaTitle => "司法协助请求执行证明",
        Label::MlaRequest => "一、请求",
        Label::MlaReference => "案件编号",
        Label::MlaLegalBasis => "法律依据",
        Label::MlaFileNumber => "文号",
        Label::MlaRelatedRequest => "相关请求",
        Label::MlaRequesting => "请求机关",
        Label::MlaRequested => "被请求机关",
        Label::MlaExecuted => "二、执行情况",
        Label::MlaSent => "三、移交的证据",
        Label::MlaConditions => "四、使用条件（特定性、保密、保存期限、再移交）",
        Label::MlaNoConditions => "证据包未载明使用限制或移交条件。",
        Label::MlaChain => "五、监管链",
        Label::MlaHolder => "保管人",
        Label::MlaFrom => "自",
        Label::MlaUntil => "至",
        Label::MlaHandover => "保管的开始",
        Label::MlaCertify => "六、执行机关证明",
        Label::MlaCertifyText => {
            "执行机关证明：上述请求已按第二部分所述执行；移交的证据为第三部分以 SHA-256 值标识的证据包，\
             并附第四部分所列条件。"
        }
        Label::MlaAuthority => "执行机关",
        Label::MlaStamp => "公章",
        Label::MlaSources => {
            "依据第一部分所载法律依据提供司法协助；被请求方可依适用的规定对使用附加条件（《布达佩斯公约》\
             ETS 185 第二十八条；《第二附加议定书》CETS 224 第十四条，如适用）。"
        }
    }
}

pub(super) fn not_intact(state: &str) -> String {
    format!("验证结果为“{state}”。以下内容是证据包所声称的，而非验证所确认的：请勿按现状签署本文书。")
}

pub(super) fn not_trusted() -> &'static str {
    "验证确认每个文件均与签名清单一致，但证据包至少有一个签署人或时间戳机构不在所提供的信任列表中（不一定是封存人）：\
     该密钥所签署的内容或其时间未获担保。在确认这些密钥之前，请勿按现状签署本文书。"
}

pub(super) fn trusted_time(time: &str, trusted: bool) -> String {
    // Proven only where the token's authority chains to the roots given; else only read from it.
    if trusted {
        format!("{time}（由时间戳令牌证明；出具该令牌的时间戳机构的证书链可追溯至所提供的时间戳根证书）。时间戳机构：")
    } else {
        format!("{time}（取自时间戳令牌；出具该令牌的时间戳机构未获所提供的时间戳根证书的担保）。时间戳机构：")
    }
}

pub(super) fn files_of(n: u64, bytes: u64) -> String {
    format!("{n} 个文件，共 {bytes} 字节")
}

pub(super) fn more_items(n: u64) -> String {
    format!("另有 {n} 个证据项，其提取记录载于所附清单（证据包中的 manifest.json）。")
}

pub(super) fn more_signatures(n: u64) -> String {
    format!("另有 {n} 个会签，均为证据包中已签名的监管事件。")
}

/// The format's vocabulary words in Chinese, by their names as the format writes them.
pub(super) fn term(name: &str) -> Option<&'static str> {
    Some(match name {
        // Item kinds.
        "web_page" => "网页",
        "video" => "视频",
        "image" => "图片",
        "audio" => "音频",
        "social_post" => "社交媒体帖子",
        "file" => "文件",
        "provider_record" => "服务提供者记录",
        // Capture methods.
        "screenshot" => "截图",
        "html" => "网页源代码（HTML）",
        "warc" => "网页存档（WARC）",
        "media_download" => "媒体下载",
        "screen_recording" => "录屏",
        "api" => "应用程序接口（API）",
        "provider_production" => "服务提供者提供",
        "forensic_copy" => "取证复制",
        // Capacities and roles.
        "investigator" => "侦查人员",
        "second_investigator" => "第二名侦查人员",
        "capturer" => "提取人",
        "witness" => "见证人",
        "data_holder" => "电子数据持有人",
        "service_provider" => "服务提供者",
        "translator" => "翻译人员",
        "examiner" => "检验鉴定人员",
        "prosecutor" => "检察人员",
        "central_authority" => "中央机关",
        "requesting_central_authority" => "请求方中央机关",
        "requested_central_authority" => "被请求方中央机关",
        "court" => "法院",
        "custodian" => "保管人",
        "redactor" => "脱敏处理人员",
        // Receipts' decisions.
        "accepted" => "接收",
        "accepted_in_part" => "部分接收",
        "rejected" => "拒收",
        // Authorities' roles.
        "investigating" => "侦查机关",
        "prosecuting" => "检察机关",
        "issuing" => "签发机关",
        "validating" => "审核机关",
        "executing" => "执行机关",
        // Requests.
        "preservation" => "保全",
        "mla" => "司法协助",
        "eio" => "欧洲调查令",
        "epoc" => "欧洲提供令证书",
        "epoc_pr" => "欧洲保全令证书",
        "provider_request" => "向服务提供者的请求",
        "emergency_disclosure" => "紧急披露",
        "other" => "其他",
        _ => return None,
    })
}

pub(super) fn more_files(n: u64) -> String {
    format!("另有 {n} 个文件，连同其 SHA-256 值列于所附清单（证据包中的 manifest.json）。")
}

pub(super) fn verification(tool: &str, at: &str, seal: Seal) -> String {
    match seal {
        Seal::Established => format!("由 {tool} 于 {at} 验证：每个文件均重新计算 SHA-256 值，并与签名清单比对。"),
        Seal::Untrusted => format!(
            "由 {tool} 于 {at} 验证：每个文件均重新计算 SHA-256 值，并与清单比对；清单签名已验证，但证据包至少有一个签署人\
             或时间戳机构不在所提供的信任列表中（见警告）。"
        ),
        Seal::NotEstablished => {
            format!("由 {tool} 于 {at} 验证：未能确认封存（见警告）；不证明任何文件与封存时记录的值一致。")
        }
    }
}

pub(super) fn cn_integrity(at: &str, seal: Seal) -> String {
    match seal {
        Seal::Established => format!("完整性校验值在封存时计算并记录于签名清单；{at} 的验证重新计算并进行了比对。"),
        Seal::Untrusted => format!(
            "完整性校验值为清单所记录的值，清单签名已验证（证据包至少有一个签署人或时间戳机构不在所提供的信任列表中）；{at} 的验证重新计算并进行了比对。"
        ),
        Seal::NotEstablished => {
            format!("{at} 的验证未能确认封存（见警告）：下列值是证据包所声称的，而非封存时确认的值。")
        }
    }
}

pub(super) fn cn_sources() -> &'static str {
    "《最高人民法院 最高人民检察院 公安部关于办理刑事案件收集提取和审查判断电子数据若干问题的规定》（2016年）\
     第七条（侦查人员不少于二人）、第十四条、第十五条（笔录、清单及签名）；《人民检察院办理网络犯罪案件规定》（2021年）\
     第三十七条（网络地址、访问方式、系统环境）。"
}

pub(super) fn mla_handed_over(transfer: u64) -> String {
    format!("已签收移交 #{transfer}，移交人：")
}

pub(super) fn mla_sealed() -> &'static str {
    "封存证据包"
}
