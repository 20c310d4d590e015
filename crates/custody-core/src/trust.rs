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

use crate::keys::{Fingerprint, Identity, Role, check_jurisdiction};

/// One trusted key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustEntry {
    pub fingerprint: Fingerprint,
    pub name: Option<String>,
    pub organisation: Option<String>,
    pub role: Option<Role>,
    pub jurisdiction: Option<String>,
}

/// A parsed trust list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustList {
    pub entries: Vec<TrustEntry>,
}

/// A line of a trust list that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("trust list line {line}: {message}")]
pub struct TrustError {
    pub line: usize,
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
        let mut entries: Vec<TrustEntry> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let err = |message: String| TrustError { line: i + 1, message };
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let toks = tokens(line).map_err(err)?;
            let fingerprint: Fingerprint = toks[0].parse().map_err(|e: crate::keys::KeyError| err(e.to_string()))?;
            if entries.iter().any(|e| e.fingerprint == fingerprint) {
                return Err(err(format!("{fingerprint} is listed twice")));
            }
            let mut e = TrustEntry { fingerprint, name: None, organisation: None, role: None, jurisdiction: None };
            for t in &toks[1..] {
                let (k, v) = t.split_once('=').ok_or_else(|| err(format!("'{t}' is not field=value")))?;
                let v = v.to_owned();
                let already = match k {
                    "name" => e.name.is_some(),
                    "organisation" | "organization" | "org" => e.organisation.is_some(),
                    "role" => e.role.is_some(),
                    "jurisdiction" => e.jurisdiction.is_some(),
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
                    _ => return Err(err(format!("unknown field '{k}' (use name, organisation, role, jurisdiction)"))),
                }
            }
            entries.push(e);
        }
        Ok(TrustList { entries })
    }

    pub fn get(&self, fp: &Fingerprint) -> Option<&TrustEntry> {
        self.entries.iter().find(|e| e.fingerprint == *fp)
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

impl TrustEntry {
    /// Whether every identity field is given (only such an entry vouches for a signer).
    pub fn is_complete(&self) -> bool {
        self.name.is_some() && self.organisation.is_some() && self.role.is_some() && self.jurisdiction.is_some()
    }

    /// The fields of this entry that disagree with `claimed`.
    pub fn disagreements(&self, claimed: &Identity) -> Vec<String> {
        let mut out = Vec::new();
        let mut cmp = |field: &str, listed: Option<&str>, claim: &str| {
            if let Some(l) = listed.filter(|l| *l != claim) {
                out.push(format!("{field}: trust list says '{l}', bundle says '{claim}'"));
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
