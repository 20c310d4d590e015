//! Recording an examination ([`examine`], spec §5.9): an examiner states which items they
//! examined, with which tool, version and parameters, and what they concluded; the result
//! files (the report, exported findings) are bound by hash from the small signed statement
//! (`kind` `examination`) and stored at `custody/attachments/NNNNNN/<name>` by the
//! custodian's `examination` event.
//!
//! The examiner need not hold custody: as for a document (`attach`), the custodian appends
//! at once if the examiner is the custodian, and otherwise gets a package to add (`add`).

use std::path::{Path, PathBuf};

use super::attach::read_files;
use super::record::{
    Countersigned, Recording, SignedStatement, bad_statement, concern, items_known, record_statement, sign_statement,
};
use super::{Documents, event_time};
use crate::Error;
use crate::event::Tool;
use crate::keys::KeyPair;
use crate::manifest::Signer;
use crate::statement::{Capacity, ExaminationBody, STATEMENT_FORMAT, Statement, StatementKind, check_statement};
use crate::time::Timestamp;
use crate::timestamp::Stamping;

/// An examination to record. Made with [`ExamineOptions::new`]; the optional fields are then
/// set as needed.
#[derive(Clone)]
#[non_exhaustive]
pub struct ExamineOptions<'a> {
    /// The examiner's key (any key: an examiner needs no custody).
    pub key: &'a KeyPair,
    /// In what capacity (usually [`Capacity::Examiner`]).
    pub capacity: Capacity,
    /// The items examined (ids of the manifest).
    pub items: Vec<String>,
    /// The tool used.
    pub tool: Tool,
    /// How it was used.
    pub parameters: Option<String>,
    /// What the examiner concluded.
    pub conclusion: String,
    /// The result files (0 to 64), each stored under its own file name.
    pub results: Vec<PathBuf>,
    /// The time of the statement (and of the carrying event); now if `None`.
    pub time: Option<Timestamp>,
    /// Where to write the package when the examiner is not the custodian; beside the bundle
    /// if `None`.
    pub package: Option<PathBuf>,
    /// Trusted time for the carrying event, when the examiner is the custodian.
    pub stamping: Option<Stamping>,
    /// If the custody log the bundle names fails, write the event without its log proof
    /// (spec §6.5, `--log-optional`) instead of failing with nothing written.
    pub log_optional: bool,
}

impl<'a> ExamineOptions<'a> {
    /// `key`'s holder, as examiner, examined `items` with `tool` and concluded `conclusion`;
    /// no parameters, no result file, now.
    pub fn new(key: &'a KeyPair, items: Vec<String>, tool: Tool, conclusion: impl Into<String>) -> Self {
        ExamineOptions {
            key,
            capacity: Capacity::Examiner,
            items,
            tool,
            parameters: None,
            conclusion: conclusion.into(),
            results: Vec::new(),
            time: None,
            package: None,
            stamping: None,
            log_optional: false,
        }
    }
}

/// Records an examination of the bundle. The bundle's custody documents must verify, and
/// every item named must be one its manifest describes. If the key's holder is the current
/// custodian, the statement, its result files and an `examination` event are appended at once
/// (in `out`, a copy, if given); otherwise a package is written for the custodian, and the
/// bundle is left untouched.
pub fn examine(bundle: &Path, out: Option<&Path>, opts: &ExamineOptions) -> Result<Countersigned, Error> {
    let (results, data) = read_files(&opts.results)?;
    let body = ExaminationBody {
        items: opts.items.clone(),
        tool: opts.tool.clone(),
        parameters: opts.parameters.clone(),
        conclusion: opts.conclusion.clone(),
        results,
    };
    crate::statement::check_examination(&body).map_err(|e| bad_statement("examination", e))?;
    let how = Recording {
        key: opts.key,
        package: opts.package.as_deref(),
        stamping: opts.stamping.as_ref(),
        log_optional: opts.log_optional,
        package_while_pending: false,
    };
    record_statement(bundle, out, &how, |st| make_examination(st, opts, body), data)
}

/// The examiner's statement about the latest event of their copy, signed; every item must be
/// one the manifest describes.
fn make_examination(st: &Documents, opts: &ExamineOptions, body: ExaminationBody) -> Result<SignedStatement, Error> {
    items_known(st, &body.items)?;
    let (concern, _) = concern(st, st.last().sequence)?;
    let time = event_time(opts.time, st.last())?;
    let statement = Statement {
        format: STATEMENT_FORMAT.into(),
        kind: StatementKind::Examination,
        bundle_id: st.manifest.bundle_id.clone(),
        concerns: vec![concern],
        time,
        author: Signer::new(opts.key.public().fingerprint(), &opts.key.identity),
        capacity: opts.capacity,
        tool: Tool::this(),
        countersign: None,
        document: None,
        examination: Some(body),
        access: None,
    };
    check_statement(&statement).map_err(|e| bad_statement("examination", e))?;
    sign_statement(statement, opts.key)
}
