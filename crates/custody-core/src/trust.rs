//! Trust lists: which keys a verifier relies on, and who holds them.
//!
//! A trust list is a UTF-8 text file, one key per line, in the spirit of OpenSSH's
//! `allowed_signers`:
//!
//! ```text
//! # comments and blank lines are ignored
//! sha256:9f86d0...0a08 name="Alice Wang" organisation="City Police, Cyber Unit" role=investigator jurisdiction=CN
//! ```
//!
//! The first field is the key fingerprint. The rest are optional `field=value` pairs (value
//! quoted with `"` when it has spaces; `\"` and `\\` escape inside quotes). A field given in
//! the list must equal the identity a bundle claims for that key, or verification fails: the
//! list is the verifier's own statement of who holds each key.
//!
//! [`TrustList`] is the parsed list a verifier uses; [`TrustListText`] edits a list's text
//! (adding a key keeps every other line, comments included, as it was).

use std::collections::HashMap;

use crate::keys::{Fingerprint, Identity, Role, check_jurisdiction};
use crate::time::Timestamp;

/// One trusted key: its fingerprint and, field by field, who the list says holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustEntry {
    /// The key's fingerprint (the line's first field).
    pub fingerprint: Fingerprint,
    /// The holder's name, if the line gives it.
    pub name: Option<String>,
    /// The organisation the holder acts for, if the line gives it (`organisation`,
    /// `organization` or `org`).
    pub organisation: Option<String>,
    /// The holder's role, if the line gives it.
    pub role: Option<Role>,
    /// The holder's state (ISO 3166-1 alpha-2), if the line gives it.
    pub jurisdiction: Option<String>,
    /// From when the key may sign (`valid_from`): a signature made earlier is not trusted.
    pub valid_from: Option<Timestamp>,
    /// Until when the key may sign (`valid_until`, exclusive): a signature made at or after
    /// it is not trusted.
    pub valid_until: Option<Timestamp>,
    /// When the key was revoked (`revoked`): a signature is trusted only if a trusted time
    /// (an RFC 3161 token chaining to the verifier's TSA roots) proves it earlier, since the
    /// holder of a revoked key can claim any time.
    pub revoked: Option<Timestamp>,
}

/// A parsed trust list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustList {
    /// The keys, in the order of their lines; a fingerprint appears at most once.
    entries: Vec<TrustEntry>,
    /// Where each fingerprint's entry is, so that a long list costs linear time.
    index: HashMap<Fingerprint, usize>,
}

/// A line of a trust list that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("trust list line {line}: {message}")]
pub struct TrustError {
    /// The line number, from 1.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

fn tokens(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(out);
        }
        let mut tok = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            if c == '"' {
                loop {
                    match chars.next() {
                        None => return Err("unterminated quoted value".into()),
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(e @ ('"' | '\\')) => tok.push(e),
                            _ => return Err("only \\\" and \\\\ are allowed escapes".into()),
                        },
                        Some(c) => tok.push(c),
                    }
                }
            } else {
                tok.push(c);
            }
        }
        out.push(tok);
    }
}

impl TrustList {
    /// Parses a trust list.
    pub fn parse(text: &str) -> Result<Self, TrustError> {
        let mut list = TrustList::default();
        for (i, raw) in text.lines().enumerate() {
            let err = |message: String| TrustError { line: i + 1, message };
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with("Custody-Key-Version:") || line.starts_with("-----BEGIN ") {
                return Err(err(crate::wording::trust::KEY_FILE_NOT_A_LIST.into()));
            }
            let toks = tokens(line).map_err(err)?;
            let fingerprint: Fingerprint = toks[0].parse().map_err(|e: crate::keys::KeyError| err(e.to_string()))?;
            if list.index.contains_key(&fingerprint) {
                return Err(err(format!("{fingerprint} is listed twice")));
            }
            let mut e = TrustEntry {
                fingerprint,
                name: None,
                organisation: None,
                role: None,
                jurisdiction: None,
                valid_from: None,
                valid_until: None,
                revoked: None,
            };
            let time = |k: &str, v: &str| {
                v.parse::<Timestamp>().map_err(|_| {
                    err(format!("the field '{k}' is not a time of the form 2026-03-14T08:31:04Z (UTC, to the second)"))
                })
            };
            for t in &toks[1..] {
                let (k, v) = t.split_once('=').ok_or_else(|| err(format!("'{t}' is not field=value")))?;
                let v = v.to_owned();
                let already = match k {
                    "name" => e.name.is_some(),
                    "organisation" | "organization" | "org" => e.organisation.is_some(),
                    "role" => e.role.is_some(),
                    "jurisdiction" => e.jurisdiction.is_some(),
                    "valid_from" => e.valid_from.is_some(),
                    "valid_until" => e.valid_until.is_some(),
                    "revoked" => e.revoked.is_some(),
                    _ => false,
                };
                if already {
                    return Err(err(format!("the field '{k}' is given twice")));
                }
                match k {
                    "name" => e.name = Some(v),
                    "organisation" | "organization" | "org" => e.organisation = Some(v),
                    "role" => e.role = Some(v.parse().map_err(|x: crate::keys::IdentityError| err(x.to_string()))?),
                    "jurisdiction" => {
                        check_jurisdiction(&v).map_err(|x| err(x.to_string()))?;
                        e.jurisdiction = Some(v)
                    }
                    "valid_from" => e.valid_from = Some(time(k, &v)?),
                    "valid_until" => e.valid_until = Some(time(k, &v)?),
                    "revoked" => e.revoked = Some(time(k, &v)?),
                    _ => {
                        return Err(err(format!(
                            "unknown field '{k}' (use name, organisation, role, jurisdiction, valid_from, valid_until, \
                             revoked)"
                        )));
                    }
                }
            }
            if let (Some(from), Some(until)) = (e.valid_from, e.valid_until)
                && until <= from
            {
                return Err(err("valid_until is not later than valid_from".into()));
            }
            list.index.insert(e.fingerprint, list.entries.len());
            list.entries.push(e);
        }
        Ok(list)
    }

    /// The keys, in the order of their lines.
    pub fn entries(&self) -> &[TrustEntry] {
        &self.entries
    }

    /// The entry for the key `fp`, if the list has one.
    pub fn get(&self, fp: &Fingerprint) -> Option<&TrustEntry> {
        self.index.get(fp).and_then(|&i| self.entries.get(i))
    }

    /// Whether this list vouches for the key `fp` held by `claimed`: the one rule used by
    /// verify, extract and receive (spec §10).
    pub fn vouch(&self, fp: &Fingerprint, claimed: &Identity) -> Vouch {
        let Some(e) = self.get(fp) else { return Vouch::Unknown };
        if !e.is_complete() {
            return Vouch::IdentityUnlisted;
        }
        let diffs = e.disagreements(claimed);
        if diffs.is_empty() { Vouch::Trusted } else { Vouch::Mismatch(diffs) }
    }
}

/// What a trust list says about one signer (see [`TrustList::vouch`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Vouch {
    /// Listed with every identity field, each equal to the identity claimed.
    Trusted,
    /// The key is not in the list.
    Unknown,
    /// The key is listed without a full identity (name, organisation, role, jurisdiction):
    /// the list says the key is known, not whose it is, so it vouches for no one.
    IdentityUnlisted,
    /// The key is listed under another identity: the fields that differ.
    Mismatch(Vec<String>),
}

/// Why a listed key's signature falls outside what the list allows (spec §10): the one rule
/// the verifier applies to every signature of a vouched-for key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Invalidity {
    /// Made before the key's `valid_from`.
    NotYetValid(Timestamp),
    /// Made at or after the key's `valid_until`.
    Expired(Timestamp),
    /// The key was revoked at this time, and no trusted time proves the signature earlier.
    Revoked(Timestamp),
}

impl TrustEntry {
    /// Whether a signature made at `time` is within what this entry allows. `trusted`: the
    /// time is a trusted time (an RFC 3161 token chaining to the verifier's TSA roots), not
    /// only the time the signer claims; only a trusted time earlier than a revocation keeps
    /// a revoked key's signature trusted.
    pub fn allows(&self, time: Timestamp, trusted: bool) -> Result<(), Invalidity> {
        if let Some(r) = self.revoked
            && (!trusted || time >= r)
        {
            return Err(Invalidity::Revoked(r));
        }
        if let Some(from) = self.valid_from
            && time < from
        {
            return Err(Invalidity::NotYetValid(from));
        }
        match self.valid_until {
            Some(until) if time >= until => Err(Invalidity::Expired(until)),
            _ => Ok(()),
        }
    }

    /// Whether every identity field is given (only such an entry vouches for a signer).
    pub fn is_complete(&self) -> bool {
        self.name.is_some() && self.organisation.is_some() && self.role.is_some() && self.jurisdiction.is_some()
    }

    /// The fields of this entry that disagree with `claimed`.
    pub fn disagreements(&self, claimed: &Identity) -> Vec<String> {
        let mut out = Vec::new();
        let mut cmp = |field: &str, listed: Option<&str>, claim: &str| {
            if let Some(l) = listed.filter(|l| *l != claim) {
                out.push(crate::wording::documents::trust_field_differs(field, l, claim));
            }
        };
        cmp("name", self.name.as_deref(), &claimed.name);
        cmp("organisation", self.organisation.as_deref(), &claimed.organisation);
        cmp("role", self.role.map(|r| r.as_str()), claimed.role.as_str());
        cmp("jurisdiction", self.jurisdiction.as_deref(), &claimed.jurisdiction);
        out
    }
}

fn quote(v: &str) -> String {
    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The trust list line for a key and its holder.
pub fn entry_line(fp: &Fingerprint, id: &Identity) -> String {
    format!(
        "{fp} name={} organisation={} role={} jurisdiction={}",
        quote(&id.name),
        quote(&id.organisation),
        id.role,
        id.jurisdiction
    )
}

/// The first line of a trust list that [`TrustListText::new_file`] starts.
pub const NEW_LIST_HEADER: &str = "# custody trust list: one trusted key per line (see docs/bundle-format.md)\n";

/// The key a line of a trust list is about: its first word, when that is a fingerprint
/// (comments, blank lines and anything else: `None`). The one place edits of a list's text
/// (`add`, `import`) find a key's line; `TrustList::parse` has already refused a list whose
/// entry lines do not start with one.
fn line_key(line: &str) -> Option<Fingerprint> {
    line.split_whitespace().next().and_then(|f| f.parse().ok())
}

/// The text of a trust list, for editing: every change keeps the other lines (comments,
/// blank lines, the order of keys) exactly as they were, and the text always parses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustListText {
    text: String,
    list: TrustList,
}

/// What [`TrustListText::add`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addition {
    /// The key was not listed; a line naming it and its holder was added at the end.
    Added,
    /// The key was already listed with the full identity given: nothing was changed.
    AlreadyListed,
    /// The key was listed without a full identity (which vouches for no one, spec §10), and
    /// every field it gave agreed: its line was replaced by one with the full identity.
    Completed,
}

/// Why a key could not be added to a trust list. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// The key is listed under another identity: the list's author said someone else holds
    /// it. Remedy: edit that line by hand if the holder's identity has really changed.
    #[error(
        "{fingerprint} is already in the trust list under another identity ({}); edit that line if the holder's \
         identity has really changed",
        differences.join("; ")
    )]
    OtherIdentity {
        /// The key.
        fingerprint: Fingerprint,
        /// Each field that differs, in words (see [`TrustEntry::disagreements`]).
        differences: Vec<String>,
    },
    /// The key is listed without a full identity and its line could not be completed in
    /// place. Remedy: replace that line by hand with `line`.
    #[error(
        "{fingerprint} is in the trust list without a full identity, and its line could not be completed; \
         replace it with: {line}"
    )]
    CannotComplete {
        /// The key.
        fingerprint: Fingerprint,
        /// The complete line to put in its place.
        line: String,
    },
}

impl TrustListText {
    /// The text of a new list: [`NEW_LIST_HEADER`] and no keys.
    pub fn new_file() -> Self {
        TrustListText { text: NEW_LIST_HEADER.to_owned(), list: TrustList::default() }
    }

    /// Reads the text of an existing list.
    pub fn parse(text: String) -> Result<Self, TrustError> {
        let list = TrustList::parse(&text)?;
        Ok(TrustListText { text, list })
    }

    /// The list as it stands.
    pub fn list(&self) -> &TrustList {
        &self.list
    }

    /// The text as it stands (to write back to the file).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Adds the key `fp`, held by `holder`, with their full identity. A key already listed
    /// with that identity is left alone; one listed without a full identity is completed if
    /// every field its line gives agrees; one listed under another identity is refused.
    pub fn add(&mut self, fp: &Fingerprint, holder: &Identity) -> Result<Addition, EditError> {
        let line = entry_line(fp, holder);
        let Some(listed) = self.list.get(fp) else {
            if !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push('\n');
            }
            self.text.push_str(&line);
            self.text.push('\n');
            self.list = TrustList::parse(&self.text)
                .map_err(|_| EditError::CannotComplete { fingerprint: *fp, line: line.clone() })?;
            return Ok(Addition::Added);
        };
        let differences = listed.disagreements(holder);
        if !differences.is_empty() {
            return Err(EditError::OtherIdentity { fingerprint: *fp, differences });
        }
        if listed.is_complete() {
            return Ok(Addition::AlreadyListed);
        }
        // A fingerprint-only or partial line vouches for no one (spec §10): the fields it
        // gives agree with the holder, so the line is completed in place.
        let mut done = false;
        let mut out = String::with_capacity(self.text.len() + line.len());
        for old in self.text.split_inclusive('\n') {
            if !done && line_key(old) == Some(*fp) {
                out.push_str(&line);
                out.push('\n');
                done = true;
            } else {
                out.push_str(old);
            }
        }
        let cannot = || EditError::CannotComplete { fingerprint: *fp, line: line.clone() };
        if !done {
            return Err(cannot());
        }
        let list = TrustList::parse(&out).map_err(|_| cannot())?;
        if !list.get(fp).is_some_and(TrustEntry::is_complete) {
            return Err(cannot());
        }
        self.text = out;
        self.list = list;
        Ok(Addition::Completed)
    }
}

/// The comment line that dates a signed trust list (spec §10.1): `# issued: ` and a time.
pub const ISSUED_PREFIX: &str = "# issued: ";
/// The comment line [`TrustListText::import`] leaves for each root it imported from:
/// `# imported: ` the root's fingerprint, ` issued ` and the list's issue time.
pub const IMPORTED_PREFIX: &str = "# imported: ";

/// A trust list signed by a root key, checked (spec §10.1): its signature verifies with the
/// pinned root key over the list's exact bytes, it parses, and it says when it was issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedTrustList {
    /// The list's text, as signed.
    pub text: String,
    /// The list.
    pub list: TrustList,
    /// When the root issued it (its `# issued:` line).
    pub issued: Timestamp,
    /// The root key that signed it.
    pub root: Fingerprint,
}

/// Why a signed trust list is refused. Nothing was imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignedListError {
    /// The signature does not verify with the root key over the list's bytes.
    #[error(
        "the signature does not verify with the root key {root}: the list was changed after it was signed, or \
         signed with another key. Get the list and its signature again from its issuer, and check that the root \
         key is the one the issuer published"
    )]
    BadSignature {
        /// The pinned root key.
        root: Fingerprint,
    },
    /// The list is not UTF-8 text.
    #[error("the list is not UTF-8 text: it is not a trust list")]
    NotText,
    /// The list has no `# issued:` line, or more than one, or its time is not one.
    #[error(
        "the list has no valid '# issued: ' line (exactly one, with a time such as 2026-12-01T00:00:00Z): its \
         issuer must date it"
    )]
    NotDated,
    /// A line of the list cannot be read.
    #[error("{0}")]
    List(#[from] TrustError),
    /// The list is older than one already imported from the same root: an old list replayed
    /// would bring back keys revoked since.
    #[error(
        "this list was issued at {issued}, before the one from the same root already imported ({previous}): an \
         older list would undo later revocations. Get the current list from its issuer"
    )]
    Older {
        /// This list's issue time.
        issued: Timestamp,
        /// The issue time of the list imported before.
        previous: Timestamp,
    },
}

impl SignedTrustList {
    /// Checks a signed list: `bytes` the list, `signature` its 64-byte Ed25519 signature,
    /// `root` the pinned root key.
    pub fn open(bytes: &[u8], signature: &[u8], root: &crate::keys::PublicKey) -> Result<Self, SignedListError> {
        if !root.verify(bytes, signature) {
            return Err(SignedListError::BadSignature { root: root.fingerprint() });
        }
        let text = std::str::from_utf8(bytes).map_err(|_| SignedListError::NotText)?.to_owned();
        let list = TrustList::parse(&text)?;
        let mut dates = text.lines().filter_map(|l| l.trim().strip_prefix(ISSUED_PREFIX.trim_end()));
        let issued = match (dates.next(), dates.next()) {
            (Some(t), None) => t.trim().parse::<Timestamp>().map_err(|_| SignedListError::NotDated)?,
            _ => return Err(SignedListError::NotDated),
        };
        Ok(SignedTrustList { text, list, issued, root: root.fingerprint() })
    }
}

/// What [`TrustListText::import`] changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Imported {
    /// Keys that were not listed.
    pub added: usize,
    /// Keys whose line was replaced by the signed list's (identity, validity or revocation).
    pub replaced: usize,
    /// Keys listed exactly as the signed list has them.
    pub unchanged: usize,
}

impl TrustListText {
    /// Imports a checked signed list: each of its keys' lines replaces that key's line here
    /// (so a revocation or a new validity takes effect) or is added; other lines stay as
    /// they are. A `# imported:` line records the root and issue time; a list older than
    /// one already imported from the same root is refused. Linear in both lists' sizes.
    pub fn import(&mut self, signed: &SignedTrustList) -> Result<Imported, SignedListError> {
        let marker = format!("{IMPORTED_PREFIX}{} issued ", signed.root);
        let mut incoming: HashMap<Fingerprint, &str> = HashMap::new();
        for line in signed.text.lines() {
            if let Some(fp) = line_key(line) {
                incoming.insert(fp, line.trim());
            }
        }
        let mut done = Imported::default();
        let mut seen: std::collections::HashSet<Fingerprint> = std::collections::HashSet::new();
        let mut out = String::with_capacity(self.text.len() + signed.text.len());
        for old in self.text.split_inclusive('\n') {
            let t = old.trim();
            if let Some(previous) = t.strip_prefix(marker.as_str()).and_then(|p| p.trim().parse::<Timestamp>().ok()) {
                if signed.issued < previous {
                    return Err(SignedListError::Older { issued: signed.issued, previous });
                }
                continue;
            }
            match line_key(t).and_then(|fp| incoming.get(&fp).map(|l| (fp, *l))) {
                Some((fp, line)) => {
                    seen.insert(fp);
                    if line == t {
                        done.unchanged += 1;
                        out.push_str(old);
                    } else {
                        done.replaced += 1;
                        out.push_str(line);
                        out.push('\n');
                    }
                }
                None => out.push_str(old),
            }
        }
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("{marker}{}\n", signed.issued));
        for e in signed.list.entries() {
            if !seen.contains(&e.fingerprint)
                && let Some(line) = incoming.get(&e.fingerprint)
            {
                done.added += 1;
                out.push_str(line);
                out.push('\n');
            }
        }
        self.list = TrustList::parse(&out)?;
        self.text = out;
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::tests::alice;

    #[test]
    fn parse_and_round_trip() {
        let fp = Fingerprint([3; 32]);
        let id = Identity {
            name: "Bob \"the\" Builder".into(),
            organisation: "Prosecutor's Office, Lyon".into(),
            role: Role::Prosecutor,
            jurisdiction: "FR".into(),
        };
        let text = format!("# comment\n\n{}\n", entry_line(&fp, &id));
        let list = TrustList::parse(&text).unwrap();
        let e = list.get(&fp).unwrap();
        assert!(e.disagreements(&id).is_empty());
        let mut other = id.clone();
        other.jurisdiction = "DE".into();
        assert_eq!(e.disagreements(&other).len(), 1);
    }

    #[test]
    fn a_key_file_given_as_a_trust_list_says_how_to_make_one() {
        let kp = crate::KeyPair::from_seed([7; 32], alice());
        for key_file in [kp.public_key_file(), kp.private_key_file()] {
            let e = TrustList::parse(&key_file).unwrap_err();
            assert_eq!(e.line, 1, "{e}");
            assert!(
                e.message.contains("a key file, not a trust list") && e.message.contains("custody trust add"),
                "{e}"
            );
        }
    }

    #[test]
    fn bad_lines_name_the_line() {
        let fp = Fingerprint([3; 32]);
        for bad in
            ["nonsense".to_string(), format!("{fp} colour=blue"), format!("{fp} name=\"open"), format!("{fp}\n{fp}")]
        {
            let e = TrustList::parse(&bad).unwrap_err();
            assert!(e.line >= 1, "{bad}");
        }
        assert_eq!(TrustList::parse(&format!("\n{fp} role=boss")).unwrap_err().line, 2);
    }

    #[test]
    fn adding_to_a_new_list_writes_the_header_and_one_line() {
        let fp = Fingerprint([7; 32]);
        let mut t = TrustListText::new_file();
        assert_eq!(t.add(&fp, &alice()), Ok(Addition::Added));
        assert_eq!(t.as_str(), format!("{NEW_LIST_HEADER}{}\n", entry_line(&fp, &alice())));
        assert_eq!(t.list().vouch(&fp, &alice()), Vouch::Trusted);
        assert_eq!(t.add(&fp, &alice()), Ok(Addition::AlreadyListed));
    }

    #[test]
    fn adding_keeps_other_lines_and_ends_the_last_one() {
        let (a, b) = (Fingerprint([1; 32]), Fingerprint([2; 32]));
        let before = format!("# ours\n\n{a} name=\"X\"");
        let mut t = TrustListText::parse(before.clone()).unwrap();
        assert_eq!(t.add(&b, &alice()), Ok(Addition::Added));
        assert_eq!(t.as_str(), format!("{before}\n{}\n", entry_line(&b, &alice())));
    }

    #[test]
    fn a_partial_line_that_agrees_is_completed_in_place() {
        let (a, b) = (Fingerprint([1; 32]), Fingerprint([2; 32]));
        let text = format!("# keep\n{a} name=\"Alice Wang\"\n{b}\n");
        let mut t = TrustListText::parse(text).unwrap();
        assert_eq!(t.list().vouch(&a, &alice()), Vouch::IdentityUnlisted);
        assert_eq!(t.add(&a, &alice()), Ok(Addition::Completed));
        assert_eq!(t.as_str(), format!("# keep\n{}\n{b}\n", entry_line(&a, &alice())));
        assert_eq!(t.list().vouch(&a, &alice()), Vouch::Trusted);
    }

    #[test]
    fn another_identity_is_refused_and_nothing_changes() {
        let a = Fingerprint([1; 32]);
        let text = format!("{a} name=\"Bob\"\n");
        let mut t = TrustListText::parse(text.clone()).unwrap();
        let e = t.add(&a, &alice()).unwrap_err();
        assert!(matches!(&e, EditError::OtherIdentity { differences, .. } if differences.len() == 1), "{e}");
        assert_eq!(t.as_str(), text);
    }
}
