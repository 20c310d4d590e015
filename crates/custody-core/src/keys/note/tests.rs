use super::*;
use crate::keys::tests::alice;

/// Go's `golang.org/x/mod/sumdb/note` example and test vector (`example_test.go`,
/// `note_test.go`): the key PeterNeumann, its verifier key and the note it signs.
const GO_SKEY_SEED: &str = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const GO_VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const GO_TEXT: &str =
    "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE: &str = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

fn go_key() -> KeyPair {
    let bytes = decode_base64(GO_SKEY_SEED).unwrap();
    assert_eq!(bytes[0], ALG_ED25519);
    KeyPair::from_seed(bytes[1..].try_into().unwrap(), alice())
}

#[test]
fn the_go_vector_is_signed_and_verified_byte_for_byte() {
    let key = go_key();
    let vk = VerifierKey::new("PeterNeumann", key.public()).unwrap();
    assert_eq!(vk.to_string(), GO_VKEY);
    assert_eq!(vk.key_id(), 0xc74f20a3);
    assert_eq!(VerifierKey::parse(GO_VKEY).unwrap(), vk);
    // Ed25519 is deterministic: our signature is Go's, byte for byte.
    assert_eq!(sign(GO_TEXT, "PeterNeumann", &key).unwrap(), GO_NOTE);
    let note = Note::parse(GO_NOTE.as_bytes()).unwrap();
    assert_eq!(note.text, GO_TEXT);
    assert_eq!(note.signatures.len(), 1);
    note.verify(&vk).unwrap();
}

#[test]
fn cosignatures_are_kept_and_ignored_a_tampered_one_is_refused() {
    let vk = VerifierKey::parse(GO_VKEY).unwrap();
    let other = KeyPair::from_seed([9; 32], alice());
    let cosigned = sign(GO_TEXT, "witness.example", &other).unwrap();
    let cosig_line = cosigned.rsplit_once("\n\n").unwrap().1;
    let both = format!("{GO_NOTE}{cosig_line}");
    let note = Note::parse(both.as_bytes()).unwrap();
    assert_eq!(note.signatures.len(), 2);
    note.verify(&vk).unwrap();
    let witness = VerifierKey::new("witness.example", other.public()).unwrap();
    note.verify(&witness).unwrap();
    // Only the other key's line: not signed by ours.
    let only_other = Note::parse(cosigned.as_bytes()).unwrap();
    assert!(matches!(only_other.verify(&vk), Err(NoteError::NotSigned { .. })));
    // A changed text or signature.
    let changed = GO_NOTE.replace("problem,", "problem;");
    assert!(matches!(Note::parse(changed.as_bytes()).unwrap().verify(&vk), Err(NoteError::BadSignature { .. })));
    let flipped = GO_NOTE.replace("x08go/ZJ", "x08go/ZK");
    assert!(matches!(Note::parse(flipped.as_bytes()).unwrap().verify(&vk), Err(NoteError::BadSignature { .. })));
    // A signature by our name but another key id is not ours (ignored).
    let wrong_id = GO_NOTE.replace("x08go", "x09go");
    assert!(matches!(Note::parse(wrong_id.as_bytes()).unwrap().verify(&vk), Err(NoteError::NotSigned { .. })));
}

#[test]
fn malformed_notes_are_refused_with_typed_errors() {
    let sig_line = GO_NOTE.rsplit_once("\n\n").unwrap().1;
    type Expect = fn(&NoteError) -> bool;
    let cases: Vec<(String, Expect)> = vec![
        (GO_NOTE.replace('\n', "\r\n"), |e| matches!(e, NoteError::ControlCharacter(_))),
        (GO_NOTE.replace("problem,", "problem,\t"), |e| matches!(e, NoteError::ControlCharacter(_))),
        (GO_NOTE.replace("\n\n", "\n"), |e| matches!(e, NoteError::Malformed(_))),
        (GO_NOTE.trim_end_matches('\n').to_string(), |e| matches!(e, NoteError::Malformed(_))),
        (format!("{GO_TEXT}\n"), |e| matches!(e, NoteError::Malformed(_))),
        (GO_NOTE.replace("\u{2014} ", "- "), |e| matches!(e, NoteError::BadSignatureLine { .. })),
        (GO_NOTE.replace("nAM=", "nAN="), |e| matches!(e, NoteError::BadSignatureLine { .. })),
        (GO_NOTE.replace("x08go/ZJkuBS9UG", "x08go/ZJkuBS9U"), |e| matches!(e, NoteError::BadSignatureLine { .. })),
        (GO_NOTE.replace("PeterNeumann ", "Peter+Neumann "), |e| matches!(e, NoteError::BadSignatureLine { .. })),
        (GO_NOTE.replace("PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=", "PeterNeumann AAAA"), |e| matches!(e, NoteError::BadSignatureLine { .. })),
        (format!("{GO_NOTE}{}", sig_line.repeat(32)), |e| matches!(e, NoteError::TooManySignatures)),
        (format!("{}\n{sig_line}", "a".repeat(MAX_NOTE_BYTES)), |e| matches!(e, NoteError::TooLarge(_))),
    ];
    for (text, want) in cases {
        let e = Note::parse(text.as_bytes()).unwrap_err();
        assert!(want(&e), "{text:?}: {e:?}");
        assert!(!e.to_string().is_empty());
    }
    assert_eq!(Note::parse(b"a\n\n\xff\n"), Err(NoteError::NotUtf8));
    // 32 signature lines are read.
    assert_eq!(Note::parse(format!("{GO_NOTE}{}", sig_line.repeat(31)).as_bytes()).unwrap().signatures.len(), 32);
}

#[test]
fn malformed_verifier_keys_are_refused() {
    for bad in [
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+ApEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T",
        "PeterNeumann+c74f20a3",
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "",
    ] {
        assert!(VerifierKey::parse(bad).is_err(), "{bad}");
    }
    // The identity point (a small-order key) is no key.
    let mut weak = vec![ALG_ED25519, 1];
    weak.extend_from_slice(&[0; 31]);
    let name = "weak";
    let text = format!("{name}+00000000+{}", Base64::encode_string(&weak));
    assert_eq!(VerifierKey::parse(&text), Err(NoteError::BadVerifierKey("not a usable Ed25519 public key")));
}

#[test]
fn signing_refuses_what_would_not_read_back() {
    let key = go_key();
    assert!(sign("no newline", "n", &key).is_err());
    assert!(sign("a\n\nb\n", "n", &key).is_err());
    assert!(sign("a\r\n", "n", &key).is_err());
    assert!(sign("a\n", "has space", &key).is_err());
    assert!(sign("a\n", "", &key).is_err());
}
