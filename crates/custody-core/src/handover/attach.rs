//! Attaching a document after sealing ([`attach`], spec §5.8): an MLA request, an order, a
//! translation... bound by hash from a small signed statement (`kind` `document`) and stored
//! at `custody/attachments/NNNNNN/<name>` by the custodian's `document` event.
//!
//! Anyone may attach a document: the author signs a statement over the bundle id, the latest
//! event they saw (by its SHA-256) and each file's name, SHA-256 and size. When the author
//! holds custody the statement and files are appended at once; otherwise a package is written
//! for the custodian to add (`add`), as with a countersignature, so the chain never forks.

use std::path::{Path, PathBuf};

use super::record::{
    Countersigned, Recording, SignedStatement, bad_statement, concern, record_statement, sign_statement,
};
use super::{Documents, event_time};
use crate::Error;
use crate::append::Content;
use crate::event::Tool;
use crate::keys::KeyPair;
use crate::manifest::Signer;
use crate::statement::{
    Attachment, Capacity, DocumentBody, DocumentKind, STATEMENT_FORMAT, Statement, StatementKind,
    check_attachment_name, check_statement,
};
use crate::time::Timestamp;
use crate::timestamp::Stamping;

/// A document to attach. Made with [`AttachOptions::new`]; the optional fields are then set
/// as needed.
#[derive(Clone)]
#[non_exhaustive]
pub struct AttachOptions<'a> {
    /// The author's key (any key: whoever attaches needs no custody).
    pub key: &'a KeyPair,
    /// In what capacity the author attaches it.
    pub capacity: Capacity,
    /// What the document is.
    pub kind: DocumentKind,
    /// Its reference (the request's number, the order's docket).
    pub reference: String,
    /// The language it is written in (a language tag such as `en`).
    pub language: String,
    /// The date it bears (`YYYY-MM-DD`).
    pub date: String,
    /// Its title.
    pub title: Option<String>,
    /// Its files (1 to 64): each is stored under its own file name.
    pub files: Vec<PathBuf>,
    /// The time of the statement (and of the carrying event); now if `None`.
    pub time: Option<Timestamp>,
    /// Where to write the package when the author is not the custodian; beside the bundle if
    /// `None`.
    pub package: Option<PathBuf>,
    /// Trusted time for the carrying event, when the author is the custodian.
    pub stamping: Option<Stamping>,
    /// If the custody log the bundle names fails, write the event without its log proof
    /// (spec §6.5, `--log-optional`) instead of failing with nothing written.
    pub log_optional: bool,
}

impl<'a> AttachOptions<'a> {
    /// `key`'s holder attaches `files`, a document of `kind` with `reference`, written in
    /// `language` and dated `date`, in `capacity`, now.
    pub fn new(
        key: &'a KeyPair,
        capacity: Capacity,
        kind: DocumentKind,
        reference: impl Into<String>,
        language: impl Into<String>,
        date: impl Into<String>,
        files: Vec<PathBuf>,
    ) -> Self {
        AttachOptions {
            key,
            capacity,
            kind,
            reference: reference.into(),
            language: language.into(),
            date: date.into(),
            title: None,
            files,
            time: None,
            package: None,
            stamping: None,
            log_optional: false,
        }
    }
}

/// Attaches a document to the bundle. The bundle's custody documents must verify. If the
/// key's holder is the current custodian, the statement, its files and a `document` event
/// are appended at once (in `out`, a copy, if given); otherwise they are written as a package
/// for the custodian, and the bundle is left untouched.
pub fn attach(bundle: &Path, out: Option<&Path>, opts: &AttachOptions) -> Result<Countersigned, Error> {
    let (files, data) = read_files(&opts.files)?;
    let body = DocumentBody {
        kind: opts.kind,
        reference: opts.reference.clone(),
        language: opts.language.clone(),
        date: opts.date.clone(),
        title: opts.title.clone(),
        files,
    };
    crate::statement::check_document(&body).map_err(|e| bad_statement("document", e))?;
    let how = Recording {
        key: opts.key,
        package: opts.package.as_deref(),
        stamping: opts.stamping.as_ref(),
        log_optional: opts.log_optional,
        package_while_pending: false,
    };
    record_statement(bundle, out, &how, |st| make_document(st, opts, body), data)
}

/// The files at `paths`, each named by its own file name (the name rules of §5.8) and hashed
/// as a stream, whatever its size: their entries for a statement, and each as [`Content`]
/// to copy (streamed again, and checked against the same SHA-256, when it is written).
pub(super) fn read_files(paths: &[PathBuf]) -> Result<(Vec<Attachment>, Vec<Content>), Error> {
    let mut files = Vec::new();
    let mut data = Vec::new();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).ok_or_else(|| Error::BadInput {
            field: "file",
            why: format!("{}: its name is not UTF-8 text, or it has none", path.display()),
            remedy: Some("rename the file".into()),
        })?;
        check_attachment_name(name).map_err(|e| bad_statement("file", e))?;
        if !std::fs::metadata(path).map_err(Error::io(path))?.is_file() {
            return Err(Error::BadInput {
                field: "file",
                why: format!("{}: not a regular file", path.display()),
                remedy: Some("name a file, not a directory or a device".into()),
            });
        }
        let content = Content::whole_file(path).map_err(Error::io(path))?;
        let (sha256, size) = content.digest().map_err(Error::io(path))?;
        files.push(Attachment { name: name.to_owned(), media_type: None, sha256, size });
        // The size the file had when it was hashed; copied later, it must still have it.
        data.push(match content {
            Content::File { path, offset, .. } => Content::File { path, offset, size, sha256: Some(sha256) },
            held => held,
        });
    }
    Ok((files, data))
}

/// The author's statement attaching `body`, about the latest event of their copy, signed.
fn make_document(st: &Documents, opts: &AttachOptions, body: DocumentBody) -> Result<SignedStatement, Error> {
    let (concern, _) = concern(st, st.last().sequence)?;
    // Not before the latest event, which the statement concerns.
    let time = event_time(opts.time, st.last())?;
    let statement = Statement {
        format: STATEMENT_FORMAT.into(),
        kind: StatementKind::Document,
        bundle_id: st.manifest.bundle_id.clone(),
        concerns: vec![concern],
        time,
        author: Signer::new(opts.key.public().fingerprint(), &opts.key.identity),
        capacity: opts.capacity,
        tool: Tool::this(),
        countersign: None,
        document: Some(body),
        examination: None,
        access: None,
    };
    check_statement(&statement).map_err(|e| bad_statement("document", e))?;
    sign_statement(statement, opts.key)
}
