//! Chinese, simplified (中文): what each check code means, for the court report's checks section.

use crate::check::CheckCode as C;

/// What `code` means, in Chinese.
pub(super) fn meaning(code: C) -> &'static str {
    match code {
        C::BundleJournalPending => "证据包旁存有一次中断更新的回滚日志；证据包按其现状核验。",
        C::BundleNotABundle => {
            "该文件根本不是 custody 证据包（空文件、网页、被截断的 ZIP、其他 ZIP、重新压缩的证据包）。"
        }
        C::ArchiveStructure => "ZIP 容器符合第 3 节的严格规范。",
        C::ArchiveNotZip => "该文件末尾没有 ZIP 中央目录结束记录。",
        C::ArchiveMalformed => "某一 ZIP 结构格式错误或前后不一致。",
        C::ArchiveMultiDisk => "该压缩文件声称跨越多个磁盘。",
        C::ArchiveTooManyEntries => "该压缩文件的条目超过 1,100,000 个。",
        C::ArchiveNameTooLong => "某一条目名称超过 1024 字节。",
        C::ArchiveNamesTooLarge => "解压后的包中文件和文件夹的名称合计超过 256 MiB。",
        C::ArchiveNonUtf8Name => "某一条目名称不是 UTF-8 编码。",
        C::ArchiveNotRegularFile => "某一条目是文件夹、链接或其他非普通文件。",
        C::ArchiveUnsafeName => "某一条目名称违反命名规则（绝对路径、上级文件夹、保留名称、控制字符）。",
        C::ArchiveEncryptedEntry => "某一条目已加密。",
        C::ArchiveUnsupportedFlags => "某一条目的通用标志位与写入程序所写的不完全一致。",
        C::ArchiveUnsupportedCompression => "某一条目经过压缩；证据包中的每一条目均以不压缩方式存储。",
        C::ArchiveUnsupportedAttributes => "某一条目的属性或时间不是写入程序所写的固定值。",
        C::ArchiveUnsupportedVersion => "某一条目的创建版本或所需版本不是写入程序所写的值。",
        C::ArchiveUnsupportedExtra => "某一条目带有 ZIP64 以外的扩展字段。",
        C::ArchiveDuplicateName => "两个条目名称相同。",
        C::ArchiveNameCollision => "两个条目在解压时会相互覆盖（字母大小写、Unicode 形式、与文件夹同名的文件）。",
        C::ArchiveHeaderMismatch => "某一本地文件头与其中央目录记录不一致。",
        C::ArchiveUnaccountedBytes => "条目之间或中央目录之前存在不属于任何条目的字节。",
        C::ArchiveOverlappingEntries => "两个条目的数据相互重叠。",
        C::ArchiveCrcMismatch => "某一条目的数据与其 CRC-32 校验值不符。",
        C::ArchiveUnreadable => "某一条目无法读取。",
        C::ArchiveEntryTooLarge => "某一标签文件超出其大小上限，未予读取。",
        C::ArchiveRootInvalid => "并非所有条目都位于同一个 custody-<32 位小写十六进制>/ 文件夹下且顶层别无他物。",
        C::ArchiveTooManyEvents => "证据包所含事件文档超过允许的数量；均未读取。",
        C::ArchiveUnlistedFile => "某一文件在证据包中，但未列入其 BagIt 清单：该文件系后来添加。",
        C::BagitMissingTagFile => "缺少一个必需的 BagIt 标签文件。",
        C::BagitDeclarationInvalid => "bagit.txt 不是第 2.1 节规定的 BagIt 1.0 声明。",
        C::BagitDeclaration => "bagit.txt 声明为 BagIt 1.0、UTF-8。",
        C::BagitManifestMalformed => {
            "某一 BagIt 清单不是 UTF-8 编码、格式错误、重复列出某一路径或列出了不得列出的路径。"
        }
        C::BagitTagFileMissing => "标签清单所列的某一文件不在证据包中。",
        C::BagitTagHashMismatch => "某一标签文件与标签清单中的 SHA-256 值不符：该文件已被更改。",
        C::BagitTagFiles => "每一标签文件均与标签清单相符。",
        C::BagitBagInfoInvalid => "bag-info.txt 格式错误或缺少 Payload-Oxum。",
        C::BagitPayloadOxumMismatch => "bag-info.txt 中的 Payload-Oxum 与载荷的大小和文件数不符。",
        C::BagitBagInfoMismatch => "bag-info.txt 中的标识与清单不一致。",
        C::PayloadMissing => "manifest-sha256.txt 所列的某一载荷文件不在证据包中。",
        C::PayloadHashMismatch => "某一载荷文件与其 SHA-256 值不符：该文件已被更改。",
        C::PayloadVerified => "每一载荷文件均与其 SHA-256 值相符。",
        C::PayloadNotChecked => "本次检查未重新计算载荷的摘要值（对证据作出结论时绝不如此）。",
        C::KeyInvalid => "某一随附密钥文件不是带有持有人身份的可用公钥，或命名有误。",
        C::KeyDuplicateIdentity => "多个随附密钥声称属于同一人员或机构。",
        C::KeyMissing => "某一文档由一把密钥签名，但该密钥的公钥文件不在证据包中。",
        C::SignatureMissing => "某一已签名文档没有签名文件。",
        C::SignatureSignerMismatch => "某一文档所写的签署人与随附密钥文件所写的不同。",
        C::SignatureInvalid => "某一签名未通过验证：文档或其签名已被改动。",
        C::SignatureValid => "某一文档的签名经其签署人的密钥验证通过。",
        C::ManifestMissing => "缺少 custody/manifest.json。",
        C::ManifestInvalid => "清单不符合其模式或规则。",
        C::ManifestTooManyItems => "清单列出的证据项超过证据包允许的数量；未再继续读取。",
        C::ManifestTooLargeToHold => "清单的内容量超过读取方可被要求保存的上限；未检查其内容。",
        C::ManifestTooManyFiles => "清单列出的文件记录超过证据包允许的数量；未再继续读取。",
        C::ManifestPayloadMismatch => "清单与 manifest-sha256.txt（或载荷的大小）所描述的载荷不同。",
        C::BundleRootMismatch => "压缩文件根文件夹所写的证据包标识与清单不同。",
        C::ManifestValid => "清单格式正确，且准确描述了载荷。",
        C::ManifestCaptureAfterSeal => "某一证据项称其提取时间晚于证据包封存时间：某一时钟有误。",
        C::AttestationValid => "某一证明所认证的摘要值与载荷相符。",
        C::ProvenanceBerkeleyMinimum => "某一网页证据项缺少《伯克利议定书》所要求的部分最低来源信息。",
        C::ProvenanceOutsideAuthorisation => "某一证据项的提取时间不在其授权的时间范围内。",
        C::ProvenanceTimeUnexplained => "某一内容时间未说明其含义或时区。",
        C::ProvenanceUnwitnessed => "某一证据项由一名操作人员单独提取，无见证人、无提取过程录像，也无见证人会签封存。",
        C::PreservationExpired => "案件所列的某一保全请求在评估日期已过期。",
        C::RetentionExceeded => "评估日期已晚于限制条件中的 keep_until：证据的保存时间超出了允许的期限。",
        C::CustodyCaptureSealGap => "最后一次提取结束与封存之间相隔超过 30 天。",
        C::EventInvalid => "某一事件文档不符合其模式或规则；已将其排除。",
        C::EventMissing => "证据包没有任何监管事件：从未封存。",
        C::EventSequenceGap => "某一事件的序号与其位置不符：缺少某一事件或有重复事件。",
        C::EventWrongBundle => "某一事件属于另一证据包。",
        C::EventChainBroken => "某一事件未写明其前一事件的 SHA-256 值。",
        C::EventTimeBackwards => "某一事件声称的时间早于其前一事件。",
        C::EventNotEntitled => "某一事件由无权签署该事件的密钥签名。",
        C::EventTransferPending => "在另一移交尚待接收时又进行了一次移交。",
        C::EventUnexpectedReceipt => "某一接收并未对应任何待接收的移交。",
        C::EventRecipientMismatch => "某一移交所写的接收方与随附密钥文件所写的不同。",
        C::EventRecipientKeyMissing => "某一移交的接收方密钥文件未由任何事件绑定。",
        C::EventFileMismatch => "某一事件绑定了其不得绑定的文件（已被绑定、缺失或已更改）。",
        C::EventUnexpectedFile => "某一事件添加了其事件类型不得添加的文件。",
        C::EventChain => "监管事件构成一条完整、经签名的链。",
        C::CustodyTransferPending => "最后一次移交尚无接收回执。",
        C::ReceiptInvalid => "某一接收回执违反第 7.3 节的规则。",
        C::ReceiptAcceptsDamagedItem => "某一接收回执接收了含有受损文件的证据项。",
        C::ReceiptTrustUnrecorded => "某一接收了内容的回执未记录接收方核对了何人。",
        C::ReceiptAcceptedUntrusted => "某一接收回执接收了证据包，尽管接收方的信任列表未能为其封存人或发送方作保。",
        C::StatementInvalid => "某一声明格式错误、过大，或与承载它的事件类别不符。",
        C::StatementWrongBundle => "某一声明针对的是另一证据包。",
        C::StatementConcernsUnknown => "某一声明所涉事件并非本证据包中带有其所写 SHA-256 值的先前事件。",
        C::StatementTimeInvalid => "某一声明所称时间早于其所涉事件，或晚于承载它的事件。",
        C::StatementValid => "某一声明格式正确，针对本证据包的事件，并由其作者签名。",
        C::CountersignByOwnSigner => "某一会签的作者本人签署了其所会签的事件。",
        C::AttachmentMissing => "某一声明所附的文件不在证据包中，或承载该声明的事件未绑定该文件。",
        C::AttachmentHashMismatch => "某一声明所附的文件与该声明所写的 SHA-256 值或大小不符。",
        C::ExaminationUnknownItem => "某一检验所写的证据项未在清单中描述。",
        C::AccessUnknownItem => "某一访问记录所列的证据项不在清单中。",
        C::DispositionUnknownItem => "某一处置所写的证据项未在清单中描述，或已由先前的处置移除。",
        C::DispositionStillPresent => "某一经处置返还或销毁的证据项的文件仍在证据包中。",
        C::PayloadDisposed => "某一证据项的载荷文件缺失，因为一项经签名的处置已将其返还或销毁。",
        C::CommitmentValid => "封存事件的默克尔根与清单及其种子所得出的一致。",
        C::CommitmentMismatch => "封存事件的默克尔根或树大小与清单不同，或只有其中一方带有承诺值。",
        C::DerivationParentProven => "每一转录的证据项和行为人、案件及限制条件均已证明属于其封存人签署的父证据包。",
        C::DerivationParentSealInvalid => {
            "转录的父证据包封存事件缺失、无法读取、签名有误、属于另一证据包、是派生证据包的封存事件，或没有承诺值。"
        }
        C::DerivationProofInvalid => "某一包含证明格式错误，或无法推导出父证据包经签名的根。",
        C::DerivationNotProven => "某一转录的证据项或行为人没有证明，或某一证明所写的内容不在本证据包中。",
        C::DerivationSaltReused => "两个公开的盐值相同，或其中一个全为零。",
        C::DerivationRedactionInvalid => {
            "某一遮蔽未写明任何转录文件或重复写明同一文件，与该文件的记录不符，或未说明理由。"
        }
        C::DerivationRedacted => "某一文件是经遮蔽的副本：父证据包封存的是其原件的 SHA-256 值，而非这些字节。",
        C::DerivationEventUnknownItem => "某一派生事件所写的证据项未在清单中描述。",
        C::DerivationEventRemovedItem => "某一派生事件所写的证据项已由先前的处置返还或销毁。",
        C::ParentVerified => "用以核对派生证据包的父证据包本身核验通过。",
        C::ParentNotVerified => "用以核对派生证据包的父证据包本身未通过核验：无法据其证明任何内容。",
        C::ParentNotDerived => "与父证据包核对的证据包不是派生副本：其清单没有派生信息，或未能读取。",
        C::ParentCopyNotVerified => "派生副本本身未通过核验：其关于父证据包的陈述未获证明。",
        C::ParentOtherBundle => "所提供的父证据包并非副本所写证据包标识和封存事件对应的证据包。",
        C::ParentLatestEvent => "父证据包含有副本所写的、派生时父证据包的最近事件。",
        C::ParentLatestEventMissing => "父证据包中没有带有副本所写 SHA-256 值的最近事件。",
        C::ParentDerivationRecorded => {
            "父证据包的派生事件在副本所写的最近事件之后写明了副本的证据包标识、封存事件哈希值和证据项。"
        }
        C::ParentDerivationMismatch => "父证据包中写明该副本的派生事件给出了不同的封存事件哈希值、证据项或前一事件。",
        C::ParentDerivationRepeated => {
            "父证据包中有多个派生事件写明该副本：核验的是紧随该副本所写明的父证据包最新事件之后的那一个；其余事件系父证据包自相矛盾。"
        }
        C::ParentDerivationUnrecorded => "父证据包中没有任何派生事件写明该副本：该副本派生时未在父证据包中记录。",
        C::CustodyUnsignedFile => "某一标签文件未被任何签名覆盖：该文件系封存后添加。",
        C::TimestampOrphan => "某一时间戳令牌对应的事件或签名不在证据包中。",
        C::TimestampMalformed => "某一时间戳令牌不是格式正确的 RFC 3161 令牌。",
        C::TimestampUnsupportedAlgorithm => "某一时间戳令牌使用了本核验程序不支持的算法。",
        C::TimestampImprintMismatch => "某一时间戳令牌所针对的数据并非其事件的签名。",
        C::TimestampBadSignature => "某一时间戳令牌的签名未通过验证。",
        C::TimestampNoEku => "某一时间戳机构证书的用途未限定为时间戳。",
        C::TimestampCertExpired => "某一时间戳机构证书在令牌时间时无效。",
        C::TimestampUntrustedRoot => "某一时间戳令牌的时间戳机构未能链接到所提供的时间戳机构根证书（信任检查）。",
        C::TimestampValid => "某一时间戳令牌完好，且其时间戳机构链接到所提供的根证书。",
        C::TimestampUntrusted => "某一时间戳令牌完好，但未提供可据以信任其时间戳机构的根证书。",
        C::TimestampTimeConflict => "某一事件声称的时间晚于其可信时间，且超出容差。",
        C::TimestampLate => "某一事件的可信时间远晚于其声称的时间。",
        C::TimestampMissing => "某一事件没有时间戳令牌：其时间仅为签署人的声称。",
        C::LogMemberInvalid => "清单的 log 字段未指明可用的日志：其 URL 或验证密钥格式有误。",
        C::LogProofInvalid => "某一日志证明文件格式有误、不属于任何事件、其检查点未经日志密钥签名，或未能证明其事件。",
        C::LogCheckpointsInconsistent => {
            "某一存储的检查点未被证明延续其前一检查点：日志呈现了两种历史，或某一证明已被改动（缺少其之前的证明不属此情形：第 6.5 节第 3 步）。"
        }
        C::LogIncluded => "某一事件的存储证明表明该事件在保管日志中，且位于经日志密钥签名的检查点内。",
        C::LogProofMissing => {
            "某一写明保管日志的证据包中的事件没有证明：写入时日志无法访问，或证明已被删除；在线核验可予确定。"
        }
        C::LogTruncated => "保管日志中存有编号在本副本最后一个事件之后的事件：本副本并非最新。",
        C::LogForked => "保管日志在本副本某一位置上接受的事件与副本的事件不同：另一副本已被续写。",
        C::LogConflictsRecorded => "保管日志记录了其他事件对本副本位置的被拒主张：有人曾试图续写另一副本。",
        C::LogNotLogged => "保管日志在本副本某一位置上没有事件：该事件系未经日志写入。",
        C::LogLatest => {
            "保管日志的答复经证明其检查点延续副本存储的检查点，且未列出副本最后一个事件之后的事件（答复未经签名：请通过可信连接查询）。"
        }
        C::LogUnreachable => {
            "已要求在线核验但未能进行（日志无法访问，或其答复不能证明任何事项）：无法得知副本是否为最新（custody verify 的退出码为 2）。"
        }
        C::BundleComplete => "每一文件均已列出、计算哈希值并由签名覆盖，且无任何检查未通过。",
        C::TrustSignerUnknown => "某一签署人不在信任列表中。",
        C::TrustIdentityUnlisted => "某一签署人的密钥列于信任列表中但无完整身份，因此不为任何人作保。",
        C::TrustIdentityMismatch => "某一签署人的密钥在信任列表中的身份与证据包所声称的不同。",
        C::TrustKeyNotValid => "某一签署人的密钥在信任列表所给的有效期之外签署了事件。",
        C::TrustKeyRevoked => "某一签署人的密钥已在信任列表中被吊销，且没有可信时间证明其所签事件早于吊销。",
        C::TrustSignerTrusted => "某一签署人以其声称的身份列于信任列表中。",
    }
}
