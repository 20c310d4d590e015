//! Appending a carrying event (countersign, document, examination, access): the event that
//! carries a signed statement, its author's key if new and its attachments, signed by the
//! custodian and appended with its trusted time and custody log proof in one crash-safe append.

use super::record::{SignedStatement, check_not_after, not_entitled};
use super::{Appended, Documents, event_time};
use crate::Error;
use crate::append::Content;
use crate::digest::Sha256Digest;
use crate::document::to_json;
use crate::event::{FileRef, StatementRef};
use crate::keys::KeyPair;
use crate::layout::{attachment_path, event_path, key_path, signature_path, statement_path};
use crate::statement::StatementKind;
use crate::time::Timestamp;
use crate::timestamp::Stamping;

/// What proves a new carrying event beyond its signature: trusted time (if a TSA is asked)
/// and the custody log the bundle names (its failure tolerated if `log_optional`).
#[derive(Clone, Copy)]
pub(super) struct Proofs<'a> {
    pub(super) stamping: Option<&'a Stamping>,
    pub(super) log_optional: bool,
}

/// The custodian `key` appends the event that carries `signed` (with its key file if the
/// bundle lacks it) and `attachments` (the bytes of each file the statement attaches, in its
/// order, stored at `custody/attachments/NNNNNN/<name>`), in one crash-safe append. Refused unless `key` holds
/// custody and no transfer is pending ([`crate::rules::Chain::may_record`]); every file must
/// be one the event may add ([`crate::rules::files_may_add`]).
pub(super) fn append_carrying(
    b: crate::append::OpenBundle,
    st: &Documents,
    key: &KeyPair,
    signed: SignedStatement,
    attachments: Vec<Content>,
    time: Option<Timestamp>,
    proofs: Proofs<'_>,
) -> Result<Appended, Error> {
    let files = signed.statement.attachments();
    // A streamed file is checked against its SHA-256 as it is copied (`append_content`).
    let matches = files.len() == attachments.len()
        && files.iter().zip(&attachments).all(|(f, d)| {
            f.size == d.len()
                && match d {
                    Content::Bytes(b) => f.sha256 == Sha256Digest::of(b),
                    Content::File { sha256, .. } => *sha256 == Some(f.sha256),
                }
        });
    if !matches {
        return Err(Error::Internal("the attached files are not the ones the statement binds".into()));
    }
    let event_type = signed.statement.kind.event_type();
    st.chain.may_record(event_type, &key.public().fingerprint()).map_err(|r| not_entitled(r, key))?;
    let time = event_time(time, st.last())?;
    check_not_after(&signed.statement, time)?;
    let mut ev = super::new_event(st, key, event_type, time);
    let path = statement_path(ev.sequence, event_type.as_str());
    let body = Some(StatementRef { statement: path.clone() });
    match signed.statement.kind {
        StatementKind::Countersign => ev.countersign = body,
        StatementKind::Document => ev.document = body,
        StatementKind::Examination => ev.examination = body,
        StatementKind::Access => ev.access = body,
    }
    let author = signed.statement.author.fingerprint;
    // In the order of §2.2: the author's key if new, the statement and its signature, the
    // attachments.
    let author_key = key_path(&author.hex());
    // Each new file with its SHA-256: an attached file's is the one its statement binds.
    let mut extra: Vec<(String, Content, Sha256Digest)> = Vec::new();
    let held = |p: String, d: Vec<u8>| {
        let sha = Sha256Digest::of(&d);
        (p, Content::Bytes(d), sha)
    };
    if !st.tags.contains_key(&author_key) {
        extra.push(held(author_key, signed.key_file));
    }
    let named = files.iter().map(|f| (attachment_path(ev.sequence, &f.name), f.sha256));
    let attached: Vec<_> = named.zip(attachments).map(|((p, sha), d)| (p, d, sha)).collect();
    let statement = &signed.statement;
    extra.extend([held(path.clone(), signed.bytes), held(signature_path(&path), signed.signature)]);
    extra.extend(attached);
    if let Some(f) =
        crate::rules::first_file_not_allowed_by(&ev, Some(statement), extra.iter().map(|(p, _, _)| p.as_str()))
    {
        return Err(Error::Internal(format!("a {} event may not add {f}", event_type.as_str())));
    }
    ev.files = extra.iter().map(|(p, _, sha)| FileRef { path: p.clone(), sha256: *sha }).collect();
    let bytes = to_json(&ev);
    let sig = key.sign(&bytes)?.to_vec();
    let ev_path = event_path(ev.sequence, event_type.as_str());
    let (token, timestamp) = crate::timestamp::stamp(proofs.stamping, &ev_path, &sig)?;
    let mut new = extra;
    new.push(held(ev_path.clone(), bytes.clone()));
    new.push(held(signature_path(&ev_path), sig));
    new.extend(token.into_iter().map(|(p, d)| held(p, d)));
    let bundle = b.path.clone();
    // Kept beside the bundle, logged and appended as every event is (issue #20).
    let log = super::log_and_append(b, st, &ev, &bytes, new, proofs.log_optional)?;
    Ok(Appended { bundle, event: ev, event_path: ev_path, timestamp, parties: None, log })
}
