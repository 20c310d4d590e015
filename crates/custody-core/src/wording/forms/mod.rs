//! The certification forms' words (`custody report --form`, issue #16 item 3): the FRE
//! 902(13)/(14) certification of a qualified person, the Chinese 电子数据提取笔录 with its
//! 固定清单, and a central authority's execution certificate. A form's legal wording is the
//! wording of its instrument, so each form is written in the languages it is used in: the FRE
//! certification in English, the extraction record in Chinese (English as the second language
//! of a bilingual record), the execution certificate in English or Chinese. [`Form::languages`]
//! says which; a form in another language is refused, never machine-translated. One module per
//! language (`en`, `zh`), each with the same functions; a missing label is a compile error (every
//! `match` on [`Label`] is exhaustive). Values stay as their authors wrote them.

mod en;
mod zh;

use super::court_report::Language;

/// A certification form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Form {
    /// `fre-902-14`: certification of a qualified person, US Federal Rules of Evidence
    /// 902(13)/(14).
    Fre90214,
    /// `cn-extraction-record`: 电子数据提取笔录 with its 固定清单 (2016 Provisions on electronic
    /// data, arts. 14-16).
    CnExtractionRecord,
    /// `mla-execution`: a central authority's certificate that a request was executed.
    MlaExecution,
}

impl Form {
    /// Every form, in the order `--form` lists them.
    pub const ALL: &'static [Form] = &[Form::Fre90214, Form::CnExtractionRecord, Form::MlaExecution];

    /// The name `--form` takes.
    pub fn name(self) -> &'static str {
        match self {
            Form::Fre90214 => "fre-902-14",
            Form::CnExtractionRecord => "cn-extraction-record",
            Form::MlaExecution => "mla-execution",
        }
    }

    /// The form called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Form> {
        Form::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The languages the form is written in; the first is its language when none is asked.
    /// A bilingual form takes a second language from this list too.
    pub fn languages(self) -> &'static [Language] {
        match self {
            Form::Fre90214 => &[Language::En],
            Form::CnExtractionRecord => &[Language::Zh, Language::En],
            Form::MlaExecution => &[Language::En, Language::Zh],
        }
    }

    /// Whether the form's first language may be `lang` (the Chinese record is Chinese first).
    pub fn may_be_first(self, lang: Language) -> bool {
        match self {
            Form::CnExtractionRecord => lang == Language::Zh,
            _ => self.languages().contains(&lang),
        }
    }
}

/// Why a form cannot be written in the languages asked; `valid` lists the choices it takes.
pub fn language_refused(form: &str, asked: &str, valid: &str) -> String {
    format!(
        "the form {form} cannot be written in {asked}: its legal wording is that of its instrument, so give --lang \
         {valid} (a second language is shown after the first)"
    )
}

/// A heading, label or fixed sentence of a form: the key of a catalogue entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Label {
    /// The warning at the top of a form on a bundle that did not verify intact.
    NotIntact,
    /// Column or row: an item of evidence.
    Item,
    /// A file whose digest matches the manifest's.
    Matches,
    /// A file whose digest does not match, or that is missing.
    DoesNotMatch,
    /// Above a section to sign and in every page's footer, on a bundle not verified intact.
    DoNotSign,
    /// A file whose digest matches a manifest whose signature verified, on a bundle verified
    /// `not_trusted` (a signer or timestamp authority of the bundle not in the trust list).
    MatchesUntrusted,
    /// A file of a bundle whose seal was not established (invalid): no match is certified.
    NotEstablished,
    /// Signature.
    Signature,
    /// Date.
    Date,
    /// Place.
    Place,
    /// A person's name (printed).
    Name,
    /// A person's position or title.
    Position,
    /// Legal sources, in the footer.
    LegalSources,
    /// Row: the bundle file's SHA-256.
    BundleSha256,
    /// Row: when the bundle was sealed.
    SealedAt,
    /// Row: the trusted time of the seal.
    TrustedTime,
    /// The verification this form states.
    Verification,
    /// Row: the signed custody event that fills a signature block.
    SignedEvent,
    /// The warning at the top of a form on a bundle whose files are intact but one of whose
    /// signers or timestamp authorities is not in the trust list given (`not_trusted`): not
    /// necessarily the sealer.
    NotTrusted,
    /// The warning's line naming the signers not in the trust list given.
    UntrustedSigners,

    // The extraction record (电子数据提取笔录).
    /// 电子数据提取笔录.
    CnTitle,
    /// 案由.
    CnCause,
    /// 提取对象.
    CnTarget,
    /// 提取时间.
    CnTime,
    /// 提取地点.
    CnPlace,
    /// 提取方法.
    CnMethod,
    /// 提取内容 (art. 14): what was extracted.
    CnContent,
    /// 网络地址 (SPP 2021 art. 37): the address the data was extracted from (the final URL).
    CnNetworkAddress,
    /// 访问方式 (SPP 2021 art. 37): how the address was reached (User-Agent, egress address).
    CnAccessMethod,
    /// 系统环境 (SPP 2021 art. 37): the system the extraction ran on, and its clock.
    CnSystemEnvironment,
    /// 提取过程 (steps).
    CnSteps,
    /// 录像文件.
    CnRecording,
    /// 固定清单.
    CnList,
    /// Column: 序号.
    CnNumber,
    /// Column: 类别.
    CnCategory,
    /// Column: 格式.
    CnFormat,
    /// Column: 完整性校验值.
    CnCheckValue,
    /// Column: 校验算法.
    CnAlgorithm,
    /// 侦查人员.
    CnInvestigator,
    /// 见证人或电子数据持有人（提供人）.
    CnWitness,
    /// The data holder could not or would not sign: the note art. 14 asks for.
    CnHolderDidNotSign,
    /// No recording file in the bundle.
    CnNoRecording,

    // The execution certificate.
    /// Its title.
    MlaTitle,
    /// 1. The request.
    MlaRequest,
    /// Row: the case reference.
    MlaReference,
    /// Row: the legal basis.
    MlaLegalBasis,
    /// Row: a file number of an authority.
    MlaFileNumber,
    /// Row: a related request.
    MlaRelatedRequest,
    /// Row: the requesting authority.
    MlaRequesting,
    /// Row: the requested authority.
    MlaRequested,
    /// 2. What was executed.
    MlaExecuted,
    /// 3. What is sent.
    MlaSent,
    /// 4. Conditions on use.
    MlaConditions,
    /// None stated.
    MlaNoConditions,
    /// 5. The custody chain.
    MlaChain,
    /// Column: the holder of a custody period.
    MlaHolder,
    /// Column: from.
    MlaFrom,
    /// Column: until.
    MlaUntil,
    /// Column: how the period began.
    MlaHandover,
    /// 6. The executing authority's certification.
    MlaCertify,
    /// The certifying sentence.
    MlaCertifyText,
    /// Row: the executing authority.
    MlaAuthority,
    /// The official seal or stamp.
    MlaStamp,
    /// The sources.
    MlaSources,
}

/// Calls `$f` of the language module of `$lang` with the arguments given: Chinese for Chinese,
/// English for every other language (a form refuses them before it is built).
macro_rules! each {
    ($lang:expr, $f:ident ( $($arg:expr),* )) => {
        match $lang {
            Language::Zh => zh::$f($($arg),*),
            _ => en::$f($($arg),*),
        }
    };
}

/// `l` in `lang`.
pub fn label(lang: Language, l: Label) -> &'static str {
    each!(lang, label(l))
}

/// The warning's sentence: the bundle verified as `state` (its name in the form's language),
/// so what follows is what the bundle claims, not what the verification established.
pub fn not_intact(lang: Language, state: &str) -> String {
    each!(lang, not_intact(state))
}

/// Under a capped file list: `n` more files, listed in the bundle's manifest.
pub fn more_files(lang: Language, n: u64) -> String {
    each!(lang, more_files(n))
}

/// The warning's sentence on a bundle verified `not_trusted`: its files and signatures check,
/// at least one of its signers or timestamp authorities is not in the trust list given.
pub fn not_trusted(lang: Language) -> &'static str {
    each!(lang, not_trusted())
}

/// Under a capped list of items' capture records: `n` more items, described in the manifest.
pub fn more_items(lang: Language, n: u64) -> String {
    each!(lang, more_items(n))
}

/// Under capped signature blocks: `n` more countersignatures, in the custody events.
pub fn more_signatures(lang: Language, n: u64) -> String {
    each!(lang, more_signatures(n))
}

/// The seal's trusted time as a form not in English states it: `time`, vouched for by a
/// timestamp token of the authority named after it, `trusted` when its certificate chains to
/// the TSA roots given (the English form quotes the verification's own sentence).
pub fn trusted_time(lang: Language, time: &str, trusted: bool) -> String {
    each!(lang, trusted_time(time, trusted))
}

/// An item's files, as the CN record's content states them: `n` files of `bytes` bytes.
pub fn files_of(lang: Language, n: u64, bytes: u64) -> String {
    each!(lang, files_of(n, bytes))
}

/// A word of the format's vocabularies (an item's kind, a capture method, a capacity, a role, a
/// receipt's decision, an authority's role) by its name as the format writes it, in `lang`; a
/// name the catalogue has no word for is shown as written, underscores as spaces.
pub fn term(lang: Language, name: &str) -> String {
    term_in(lang, name).1
}

/// A word of the format's vocabularies ([`term`]) with the language it is in: `lang` where the
/// catalogue has the word in it (the forms' Chinese words first, then the court report's words
/// of each language, [`super::court_report::term`]), English otherwise, so that a document
/// marks an English word in another language's text as English.
pub fn term_in(lang: Language, name: &str) -> (Language, String) {
    let own = match lang {
        Language::Zh => zh::term(name).or_else(|| super::court_report::term(lang, name)),
        _ => super::court_report::term(lang, name),
    };
    own.map_or_else(|| (Language::En, super::words(name)), |w| (lang, w.to_owned()))
}

/// What the verification established of the seal, as a form states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Seal {
    /// Intact or trusted: the files were compared with the signed manifest.
    Established,
    /// Not trusted: the manifest's signature verified, but a signer or timestamp authority of
    /// the bundle (not necessarily the sealer) is not in the trust list.
    Untrusted,
    /// Invalid: the seal was not established; no comparison is certified.
    NotEstablished,
}

/// How the verification that the form states was made: by `tool` at `at`, and what it
/// established of the seal.
pub fn verification(lang: Language, tool: &str, at: &str, seal: Seal) -> String {
    each!(lang, verification(tool, at, seal))
}

/// The CN record's integrity sentence: the check values were computed at sealing and
/// recomputed by the verification at `at`, and what it established of the seal.
pub fn cn_integrity(lang: Language, at: &str, seal: Seal) -> String {
    each!(lang, cn_integrity(at, seal))
}

/// The CN record's footer: its legal sources.
pub fn cn_sources(lang: Language) -> &'static str {
    each!(lang, cn_sources())
}

/// The execution certificate's custody period that began with the receipt of transfer
/// `transfer`, before the sender's name.
pub fn mla_handed_over(lang: Language, transfer: u64) -> String {
    each!(lang, mla_handed_over(transfer))
}

/// The execution certificate's first custody period: the sealer's.
pub fn mla_sealed(lang: Language) -> &'static str {
    each!(lang, mla_sealed())
}

/// A form refused: the bundle at `path` changed while it was verified (its SHA-256 before and
/// after differ), so no digest can be certified for the bytes verified.
pub fn bundle_changed(path: &str) -> String {
    format!(
        "{path} changed while it was being verified (its SHA-256 before and after the verification differ): \
         no form certifies bytes other than those verified"
    )
}

/// What to do about [`bundle_changed`].
pub fn bundle_changed_remedy() -> &'static str {
    "make sure nothing writes to the bundle (copy it somewhere no other program uses), then write the form again"
}

/// The FRE form refused: where the declaration is signed was not given (§1746(1) or (2)
/// cannot be chosen from the bundle: the declarant's country is not where they sign).
pub fn declared_missing(front: crate::wording::Front) -> String {
    let how = match front {
        crate::wording::Front::Cli => "give --declared within-us or --declared outside-us",
        _ => "set within_us in the report context",
    };
    format!(
        "the form fre-902-14 needs where its declaration is signed: {how} (within the United States, its \
         territories, possessions or commonwealths: 28 U.S.C. §1746(2); elsewhere: §1746(1))"
    )
}

/// The FRE-only options given with another form.
pub fn fre_option_only() -> &'static str {
    "--declared and --foreign-business-records are for --form fre-902-14 (where its declaration is signed); \
     the other forms have none"
}

/// The FRE certification, English only: its fixed text.
pub mod fre {
    pub use super::en::fre::*;
}

#[cfg(test)]
mod tests {
    use super::{Form, Language};

    #[test]
    fn each_form_has_a_name_and_a_first_language() {
        for f in Form::ALL {
            assert_eq!(Form::from_name(f.name()), Some(*f));
            assert!(f.may_be_first(f.languages()[0]));
        }
        assert!(!Form::CnExtractionRecord.may_be_first(Language::En));
        assert!(!Form::Fre90214.may_be_first(Language::Zh));
        assert_eq!(Form::from_name("fre"), None);
    }

    #[test]
    fn the_chinese_catalogue_uses_one_word_per_concept() {
        // 签署人 for a signer, 所提供的 for what the user gave, 监管链 for the chain of custody,
        // 监管事件 for a custody event: never the variants, in the forms' words or the court
        // report's.
        for (file, text) in
            [("forms/zh.rs", include_str!("zh.rs")), ("court_report/zh.rs", include_str!("../court_report/zh.rs"))]
        {
            for rejected in ["签名人", "所给", "保管链", "保管事件", "监管链事件"] {
                assert!(!text.contains(rejected), "{file} says {rejected}");
            }
        }
    }

    #[test]
    fn a_chinese_trusted_time_is_proven_only_when_its_authority_is_vouched_for() {
        let proven = super::trusted_time(Language::Zh, "T", true);
        let read = super::trusted_time(Language::Zh, "T", false);
        assert!(proven.contains("由时间戳令牌证明"), "{proven}");
        assert!(read.contains("取自时间戳令牌") && !read.contains("证明"), "{read}");
    }
}
