//! Trusted time added afterwards: a timestamp token for every event of a bundle that has
//! none, appended without adding an event or changing a signature.
//!
//! It sits with the hand-overs, not in `timestamp`, because it is an update of a bundle: it
//! verifies, refuses a bundle that does not verify and appends through what the hand-overs
//! share (`on_bundle`, `read_tags`, the tag manifest). `timestamp` is the token format and
//! asking a TSA (`timestamp::request_token` obtains each token here); it sits below the
//! verifier and the writers, and would import both if this moved there.

use std::path::{Path, PathBuf};

use super::{on_bundle, read_tags, refuse_if_invalid, tag_manifest_with, verify_open};
use crate::layout::{event_path, signature_path, token_path};
use crate::time::Timestamp;
use crate::timestamp::StampOutcome;
use crate::{Action, Error};

/// What [`add_tokens`] did.
#[derive(Debug, Clone)]
pub struct AddedTokens {
    /// The bundle that holds the tokens (the output copy, if one was asked for and written).
    pub bundle: PathBuf,
    /// Tokens added, one per event that had none.
    pub added: Vec<StampOutcome>,
    /// Events that already had a token.
    pub already: usize,
}

/// Adds a token to every event of the bundle that has none, as one append that adds no
/// event and changes no signature. Refuses a bundle whose custody documents do not verify.
/// Every token is obtained before anything is written: a TSA failure leaves the bundle as
/// it was. With nothing to add, nothing is written (not even `out`).
pub fn add_tokens(bundle: &Path, out: Option<&Path>, url: &str) -> Result<AddedTokens, Error> {
    let (mut result, path) = on_bundle(bundle, out, |b| {
        let report = verify_open(&b, false, 0, None)?;
        refuse_if_invalid(&report, Action::Timestamp)?;
        let (tags, large, _) = read_tags(&b.archive, &b.path, false)?;
        let mut new: Vec<(String, Vec<u8>)> = Vec::new();
        let mut added = Vec::new();
        let mut already = 0;
        let mut newest: Option<Timestamp> = None;
        for ev in &report.events {
            let path = event_path(ev.sequence, ev.event_type.as_str());
            let token_path = token_path(&path);
            if tags.contains_key(&token_path) {
                already += 1;
                continue;
            }
            let sig = tags.get(&signature_path(&path)).ok_or_else(|| Error::Documents {
                path: b.path.clone(),
                why: format!("{path} has no signature to timestamp"),
            })?;
            let token = crate::timestamp::request_token(url, sig)?;
            let t = crate::timestamp::parse_token(&token).map_err(|e| Error::BadInput {
                field: "tsa",
                why: e.to_string(),
                remedy: None,
            })?;
            newest = newest.max(Timestamp::from_unix(t.gen_time().timestamp()));
            added.push(StampOutcome::Stamped {
                token_path: token_path.clone(),
                time: t.gen_time_text(),
                tsa: t.tsa_name(),
            });
            new.push((token_path, token));
        }
        let wrote = !new.is_empty();
        if wrote {
            let tag_manifest = tag_manifest_with(&tags, &large, &new);
            b.append(&new, &tag_manifest, newest.unwrap_or_else(Timestamp::now))?;
        }
        Ok((AddedTokens { bundle: PathBuf::new(), added, already }, wrote))
    })?;
    result.bundle = path;
    Ok(result)
}
