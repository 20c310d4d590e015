//! An Ed25519 key held by an SSH agent (OpenSSH's `ssh-agent`, or any agent speaking its
//! protocol, draft-miller-ssh-agent), reached through `SSH_AUTH_SOCK`. custody asks the agent
//! for its keys and for signatures; the key never leaves the agent. Every answer is the
//! agent's (or whatever listens on the socket): lengths are bounded and each field checked.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use super::{KeyError, PublicKey, SignError, Signer};

const REQUEST_IDENTITIES: u8 = 11;
const IDENTITIES_ANSWER: u8 = 12;
const SIGN_REQUEST: u8 = 13;
const SIGN_RESPONSE: u8 = 14;
/// The largest answer read: an agent with a few hundred keys answers in a few dozen KiB.
const MAX_ANSWER: usize = 256 * 1024;
const ED25519: &[u8] = b"ssh-ed25519";

/// A key in the agent at `socket`, named by its SSH fingerprint (`SHA256:...`).
pub struct AgentKey {
    socket: PathBuf,
    fingerprint: String,
    blob: Vec<u8>,
    public: PublicKey,
    connection: Mutex<Option<std::os::unix::net::UnixStream>>,
}

/// The SSH fingerprint of a key blob, as `ssh-add -l` prints it.
fn ssh_fingerprint(blob: &[u8]) -> String {
    use base64ct::Encoding as _;
    format!("SHA256:{}", base64ct::Base64Unpadded::encode_string(&Sha256::digest(blob)))
}

/// Reads an SSH `string` (u32 length, bytes) from `buf` at `at`.
fn string<'a>(buf: &'a [u8], at: &mut usize) -> Option<&'a [u8]> {
    let len = u32::from_be_bytes(buf.get(*at..*at + 4)?.try_into().ok()?) as usize;
    let s = buf.get(*at + 4..(*at + 4).checked_add(len)?)?;
    *at += 4 + len;
    Some(s)
}

fn put_string(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(&(s.len() as u32).to_be_bytes());
    out.extend_from_slice(s);
}

fn refused(socket: &std::path::Path, why: impl std::fmt::Display) -> SignError {
    SignError::Refused { device: format!("the SSH agent at {}", socket.display()), why: why.to_string() }
}

/// One request and its answer: (type, payload).
fn ask(stream: &mut std::os::unix::net::UnixStream, request: &[u8]) -> std::io::Result<(u8, Vec<u8>)> {
    let mut framed = (request.len() as u32).to_be_bytes().to_vec();
    framed.extend_from_slice(request);
    stream.write_all(&framed)?;
    let mut len = [0u8; 4];
    stream.read_exact(&mut len)?;
    let len = u32::from_be_bytes(len) as usize;
    if len == 0 || len > MAX_ANSWER {
        return Err(std::io::Error::other(format!("an answer of {len} bytes (at most {MAX_ANSWER} are read)")));
    }
    let mut answer = vec![0u8; len];
    stream.read_exact(&mut answer)?;
    let kind = answer.remove(0);
    Ok((kind, answer))
}

fn connect(socket: &std::path::Path) -> std::io::Result<std::os::unix::net::UnixStream> {
    let s = std::os::unix::net::UnixStream::connect(socket)?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(60)))?;
    s.set_write_timeout(Some(std::time::Duration::from_secs(60)))?;
    Ok(s)
}

impl AgentKey {
    /// Finds the key whose SSH fingerprint is `fingerprint` in the agent of `SSH_AUTH_SOCK`.
    pub fn open(fingerprint: &str) -> Result<Self, KeyError> {
        let bad = |why: String| KeyError::DeviceUnavailable { location: format!("ssh-agent:{fingerprint}"), why };
        let socket = std::env::var_os("SSH_AUTH_SOCK")
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
            .ok_or_else(|| bad("SSH_AUTH_SOCK is not set: start ssh-agent and add the key with ssh-add".into()))?;
        let mut stream =
            connect(&socket).map_err(|e| bad(format!("the agent at {} cannot be reached: {e}", socket.display())))?;
        let (kind, answer) = ask(&mut stream, &[REQUEST_IDENTITIES])
            .map_err(|e| bad(format!("the agent at {} did not answer: {e}", socket.display())))?;
        if kind != IDENTITIES_ANSWER {
            return Err(bad(format!("the agent answered with message type {kind}, not a list of keys")));
        }
        let mut at = 0;
        let count = answer.get(..4).and_then(|b| b.try_into().ok()).map(u32::from_be_bytes).unwrap_or(0);
        at += 4;
        let mut others = Vec::new();
        for _ in 0..count.min(10_000) {
            let (Some(blob), Some(_comment)) = (string(&answer, &mut at), string(&answer, &mut at)) else {
                return Err(bad("the agent's list of keys is cut short".into()));
            };
            let fp = ssh_fingerprint(blob);
            if fp != fingerprint {
                others.push(fp);
                continue;
            }
            let mut b = 0;
            let algorithm = string(blob, &mut b).unwrap_or_default();
            if algorithm != ED25519 {
                return Err(KeyError::UnsupportedAlgorithm(String::from_utf8_lossy(algorithm).into_owned()));
            }
            let raw = string(blob, &mut b).ok_or_else(|| bad("the agent's key is cut short".into()))?;
            let public = PublicKey::from_raw(raw)?;
            return Ok(AgentKey {
                socket,
                fingerprint: fingerprint.to_owned(),
                blob: blob.to_vec(),
                public,
                connection: Mutex::new(Some(stream)),
            });
        }
        let listed =
            if others.is_empty() { "it holds no key".to_owned() } else { format!("it holds {}", others.join(", ")) };
        Err(bad(format!("the agent at {} does not hold this key ({listed}); add it with ssh-add", socket.display())))
    }

    /// The key's public half.
    pub fn public(&self) -> PublicKey {
        self.public
    }
}

impl Signer for AgentKey {
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignError> {
        let mut request = vec![SIGN_REQUEST];
        put_string(&mut request, &self.blob);
        put_string(&mut request, message);
        request.extend_from_slice(&0u32.to_be_bytes());
        let mut guard = self.connection.lock().map_err(|_| refused(&self.socket, "an earlier request failed"))?;
        let stream = match guard.take() {
            Some(s) => s,
            None => connect(&self.socket).map_err(|e| refused(&self.socket, e))?,
        };
        let mut stream = stream;
        let (kind, answer) = ask(&mut stream, &request).map_err(|e| refused(&self.socket, e))?;
        *guard = Some(stream);
        if kind != SIGN_RESPONSE {
            return Err(refused(
                &self.socket,
                format!("it refused to sign with {} (answer type {kind})", self.fingerprint),
            ));
        }
        let mut at = 0;
        let sig = string(&answer, &mut at).ok_or_else(|| refused(&self.socket, "its signature is cut short"))?;
        let mut s = 0;
        let (Some(ED25519), Some(raw)) = (string(sig, &mut s), string(sig, &mut s)) else {
            return Err(refused(&self.socket, "it answered with a signature that is not ssh-ed25519"));
        };
        <[u8; 64]>::try_from(raw).map_err(|_| refused(&self.socket, "its signature is not 64 bytes"))
    }

    fn describe(&self) -> String {
        format!("the SSH agent at {} (key {})", self.socket.display(), self.fingerprint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_as_ssh_prints_them() {
        // The SHA-256 of the blob, base64 without padding (43 characters).
        let blob = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        let fp = ssh_fingerprint(blob);
        assert!(fp.starts_with("SHA256:") && !fp.ends_with('='), "{fp}");
        assert_eq!(fp.len(), "SHA256:".len() + 43);
    }

    #[test]
    fn strings_never_read_past_the_answer() {
        let mut at = 0;
        assert_eq!(string(b"\x00\x00\x00\x05abc", &mut at), None);
        assert_eq!(string(b"\xff\xff\xff\xff", &mut at), None);
        assert_eq!(string(b"\x00\x00", &mut at), None);
        assert_eq!(string(b"\x00\x00\x00\x02ab", &mut at), Some(&b"ab"[..]));
    }
}
