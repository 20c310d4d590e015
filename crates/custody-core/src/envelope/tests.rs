use std::io::Cursor;

use super::*;
use crate::archive::Source;
use crate::keys::{Identity, KeyPair, Role};

fn key(seed: u8) -> KeyPair {
    let id = Identity::new("Bob Example", "Ministry (fictional)", Role::Other, "DE");
    KeyPair::from_seed([seed; 32], id)
}

fn sealed_to(key: &KeyPair, plain: &[u8]) -> Vec<u8> {
    let mut r = Recipients::new();
    r.add_key(&key.public()).unwrap();
    encrypt(&r, plain, Vec::new()).unwrap().1
}

#[test]
fn a_custody_key_decrypts_what_was_encrypted_to_its_public_key() {
    let bob = key(7);
    let plain: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let ct = sealed_to(&bob, &plain);
    assert!(ct.starts_with(AGE_MAGIC));
    let mut ids = Identities::new();
    ids.add_key(&bob).unwrap();
    let mut out = Vec::new();
    assert_eq!(decrypt(&ids, Cursor::new(&ct), &mut out).unwrap(), plain.len() as u64);
    assert_eq!(out, plain);
    // The converted identity in age's own text is the same key: age's parser reads it, and
    // its public key is the recipient converted from the public key file.
    let text = x25519_identity_text(&bob).unwrap().unwrap();
    let parsed = age::x25519::Identity::from_str(&text).unwrap();
    assert_eq!(parsed.to_public().to_string(), x25519_recipient_text(&bob.public()).unwrap());
    assert!(text.starts_with("AGE-SECRET-KEY-1"));
}

#[test]
fn the_wrong_identity_a_plain_file_and_damage_are_told_apart() {
    let bob = key(7);
    let ct = sealed_to(&bob, &[5u8; 100_000]);
    let mut mallory = Identities::new();
    mallory.add_key(&key(9)).unwrap();
    assert!(matches!(decrypt(&mallory, Cursor::new(&ct), Vec::new()), Err(EnvelopeError::NoMatchingIdentity)));
    let mut ids = Identities::new();
    ids.add_key(&bob).unwrap();
    assert!(matches!(decrypt(&ids, Cursor::new(b"PK\x03\x04rest"), Vec::new()), Err(EnvelopeError::NotEncrypted)));
    assert!(matches!(decrypt(&ids, Cursor::new(b""), Vec::new()), Err(EnvelopeError::NotEncrypted)));
    // A flipped byte in the payload, and a file cut short, fail authentication.
    let mut tampered = ct.clone();
    let n = tampered.len();
    tampered[n - 10] ^= 1;
    assert!(matches!(decrypt(&ids, Cursor::new(&tampered), Vec::new()), Err(EnvelopeError::Damaged(_))));
    let cut = &ct[..ct.len() - 70_000];
    assert!(matches!(decrypt(&ids, Cursor::new(cut), Vec::new()), Err(EnvelopeError::Damaged(_))));
    // A header cut short is a damaged header, not a panic.
    for at in [20, 40, 80, 120] {
        let r = decrypt(&ids, Cursor::new(&ct[..at]), Vec::new());
        assert!(matches!(r, Err(EnvelopeError::BadHeader(_))), "{at}: {r:?}");
    }
    // A header with no end is refused after MAX_HEADER bytes.
    let mut endless = b"age-encryption.org/v1\n".to_vec();
    endless.resize(MAX_HEADER + 10, b'a');
    assert!(matches!(decrypt(&ids, Cursor::new(&endless), Vec::new()), Err(EnvelopeError::BadHeader(_))));
}

#[test]
fn the_source_reads_any_offset_and_notes_damage() {
    let bob = key(7);
    let plain: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 256) as u8).collect();
    let ct = sealed_to(&bob, &plain);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.age");
    std::fs::write(&path, &ct).unwrap();
    let mut ids = Identities::new();
    ids.add_key(&bob).unwrap();
    let src = DecryptedSource::open(std::fs::File::open(&path).unwrap(), &ids).unwrap();
    assert_eq!(src.len(), plain.len() as u64);
    for (off, len) in [(0usize, 10usize), (299_990, 10), (65_530, 20), (1000, 140_000), (5, 1)] {
        let mut buf = vec![0; len];
        src.read_exact_at(&mut buf, off as u64).unwrap();
        assert_eq!(buf, plain[off..off + len]);
    }
    assert!(src.read_exact_at(&mut [0; 11], 299_990).is_err());
    assert!(src.damage().is_none());
    // A chunk in the middle tampered with: the read that meets it fails, and it is noted.
    let mut bad = ct.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x80;
    std::fs::write(&path, &bad).unwrap();
    let src = DecryptedSource::open(std::fs::File::open(&path).unwrap(), &ids).unwrap();
    let mut all = vec![0; plain.len()];
    assert!(src.read_exact_at(&mut all, 0).is_err());
    assert!(matches!(src.damage(), Some(EnvelopeError::Damaged(_))));
    // Truncated: refused at open (the last chunk does not authenticate as the last).
    std::fs::write(&path, &ct[..ct.len() - 100]).unwrap();
    assert!(matches!(DecryptedSource::open(std::fs::File::open(&path).unwrap(), &ids), Err(EnvelopeError::Damaged(_))));
}

#[test]
fn recipients_and_identities_are_read_from_their_files() {
    let bob = key(7);
    let mut r = Recipients::new();
    r.add_file_text("bob.pub", &bob.public_key_file()).unwrap();
    assert_eq!(r.to_strings(), [x25519_recipient_text(&bob.public()).unwrap()]);
    let (id_text, recipient) = generate_identity("2026-12-05T10:00:00Z");
    r.add_file_text("r.txt", &format!("# a comment\n\n{recipient}\n")).unwrap();
    assert_eq!(r.to_strings().len(), 2);
    let refused = |text: &str| Recipients::new().add_file_text("x", text).unwrap_err().to_string();
    assert!(refused(&bob.private_key_file()).contains("private key"));
    assert!(refused("ssh-ed25519 AAAA bob").contains("SSH keys"));
    assert!(refused("age1notarecipient\n").contains("line 1"));
    assert!(refused("# nothing\n").contains("names no recipient"));
    assert!(Recipients::new().add_text("age1xyz").is_err());
    let mut ids = Identities::new();
    assert!(Identities::is_age_identity_text(&id_text));
    ids.add_file_text(&id_text).unwrap();
    let ct = encrypt(&r, &b"both can open it"[..], Vec::new()).unwrap().1;
    let mut out = Vec::new();
    decrypt(&ids, Cursor::new(&ct), &mut out).unwrap();
    assert_eq!(out, b"both can open it");
    assert!(matches!(Identities::new().add_file_text("AGE-SECRET-KEY-1XYZ"), Err(EnvelopeError::BadIdentity(_))));
    assert!(matches!(encrypt(&Recipients::new(), &b""[..], Vec::new()), Err(EnvelopeError::Encrypt(_))));
}

/// Review #18.2-1: age re-parses its header after every line, so a header of many minimal
/// stanzas cost quadratic time (tens of minutes just under 1 MiB). It is scanned once first.
#[test]
fn a_header_of_many_stanzas_is_refused_fast() {
    let mut ids = Identities::new();
    ids.add_key(&key(7)).unwrap();
    let terminated = |stanzas: usize| {
        let mut f = b"age-encryption.org/v1\n".to_vec();
        for _ in 0..stanzas {
            f.extend_from_slice(b"-> a\n\n");
        }
        f.extend_from_slice(b"--- ");
        f.extend_from_slice(&[b'A'; 43]);
        f.extend_from_slice(b"\n");
        f.extend_from_slice(&[0u8; 64]);
        f
    };
    let started = std::time::Instant::now();
    // The reviewer's shape: ~174,000 stanzas then a MAC line, just under 1 MiB.
    let big = terminated(174_000);
    assert!(big.len() < 1 << 20);
    let r = decrypt(&ids, Cursor::new(&big), Vec::new());
    assert!(matches!(&r, Err(EnvelopeError::BadHeader(why)) if why.contains("more than 64 recipients")), "{r:?}");
    // Over 64 stanzas within 64 KiB: refused by count, before age parses anything.
    let r = decrypt(&ids, Cursor::new(&terminated(65)), Vec::new());
    assert!(matches!(&r, Err(EnvelopeError::BadHeader(why)) if why.contains("more than 64 recipients")), "{r:?}");
    // 64 stanzas is a header age parses: no stanza is for this identity.
    let r = decrypt(&ids, Cursor::new(&terminated(64)), Vec::new());
    assert!(matches!(&r, Err(EnvelopeError::NoMatchingIdentity)), "{r:?}");
    // One stanza with a 100 KiB body: no MAC line within 64 KiB.
    let mut long = b"age-encryption.org/v1\n-> X25519 a\n".to_vec();
    for _ in 0..1600 {
        long.extend_from_slice(&[b'B'; 64]);
        long.push(b'\n');
    }
    long.extend_from_slice(b"\n--- AAAA\n");
    let r = decrypt(&ids, Cursor::new(&long), Vec::new());
    assert!(matches!(&r, Err(EnvelopeError::BadHeader(why)) if why.contains("65536 bytes")), "{r:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
}

/// Review #18.2-3: a low-order or non-canonical recipient made age panic ("Generated the
/// all-zero esk"), exit 101 and, in a transfer, after it was signed. Each shape is refused
/// when parsed, from text and from a recipients file.
#[test]
fn low_order_and_non_canonical_recipients_are_refused_when_parsed() {
    let hrp = bech32::Hrp::parse("age").unwrap();
    let text = |u: [u8; 32]| bech32::encode::<bech32::Bech32>(hrp, &u).unwrap();
    let mut p = [0xff; 32];
    p[0] = 0xed;
    p[31] = 0x7f;
    let mut p_plus_1 = p;
    p_plus_1[0] = 0xee;
    let mut top_bit = [9u8; 32];
    top_bit[31] |= 0x80;
    let mut shapes: Vec<([u8; 32], &str)> = LOW_ORDER.iter().map(|u| (*u, "low order")).collect();
    shapes.extend([(p, "2^255 - 19"), (p_plus_1, "2^255 - 19"), ([0xff; 32], "2^255 - 19"), (top_bit, "2^255 - 19")]);
    for (u, why) in shapes {
        let t = text(u);
        let e = Recipients::new().add_text(&t).unwrap_err();
        assert!(matches!(&e, EnvelopeError::BadRecipient { .. }) && e.to_string().contains(why), "{t}: {e}");
        let e = Recipients::new().add_file_text("r.txt", &format!("{t}\n")).unwrap_err();
        assert!(e.to_string().contains("line 1") && e.to_string().contains(why), "{t}: {e}");
    }
    // Each low-order point really gives the all-zero output: age panics on it when it is
    // given one (checked here without the guard, so the list cannot be wrong).
    for u in LOW_ORDER {
        let r = age::x25519::Recipient::from_str(&text(u)).unwrap();
        let panicked = std::panic::catch_unwind(|| {
            let _ = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
                .map(|e| e.wrap_output(Vec::new()));
        });
        assert!(panicked.is_err(), "{}", text(u));
    }
    // p - 20 (canonical, not of low order) is accepted.
    let mut fine = p;
    fine[0] = 0xd9;
    Recipients::new().add_text(&text(fine)).unwrap();
}

/// Review #18.2-8: one cached chunk behind one mutex; the verifier's reads jump between the
/// central directory (at the end) and each entry (from the start), so a bundle of many small
/// entries cost a chunk decryption per read. The shape of 20,000 tiny files: a read at the
/// start, one at the end, alternately, each moving on by a small step.
#[test]
fn reads_jumping_between_the_ends_decrypt_each_chunk_about_once() {
    let bob = key(7);
    let plain: Vec<u8> = (0..3_000_000u32).map(|i| (i % 253) as u8).collect();
    let chunks = plain.len().div_ceil(64 << 10) as u64;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.age");
    std::fs::write(&path, sealed_to(&bob, &plain)).unwrap();
    let mut ids = Identities::new();
    ids.add_key(&bob).unwrap();
    let src = DecryptedSource::open(std::fs::File::open(&path).unwrap(), &ids).unwrap();
    let before = src.chunks_decrypted();
    let (mut entry, mut central) = (0usize, 1_500_000usize);
    for _ in 0..20_000 {
        for (at, len) in [(entry, 70usize), (central, 60usize)] {
            let mut buf = vec![0; len];
            src.read_exact_at(&mut buf, at as u64).unwrap();
            assert_eq!(buf, plain[at..at + len]);
        }
        entry += 75;
        central += 75;
    }
    // A read spanning a chunk boundary, and the last byte.
    let mut buf = vec![0; 200];
    src.read_exact_at(&mut buf, (64 << 10) - 100).unwrap();
    assert_eq!(buf, plain[(64 << 10) - 100..(64 << 10) + 100]);
    src.read_exact_at(&mut buf[..1], plain.len() as u64 - 1).unwrap();
    let decrypted = src.chunks_decrypted() - before;
    assert!(decrypted <= 2 * chunks, "{decrypted} chunk decryptions for {chunks} chunks");
}

/// A file made by stock `age -p` (Debian's age 1.1, passphrase "pw", 3 plaintext bytes): no
/// identity opens it, and the error says it is a passphrase file and what to do, not that
/// the identity given is the wrong one.
#[test]
fn a_passphrase_file_is_named_as_such() {
    const AGE_P: &[u8] = b"\x61\x67\x65\x2d\x65\x6e\x63\x72\x79\x70\x74\x69\x6f\x6e\x2e\x6f\x72\x67\x2f\x76\x31\x0a\x2d\x3e\x20\x73\x63\x72\x79\x70\x74\x20\x30\x39\x67\x6c\x76\x67\x2b\x58\x55\x39\x62\x55\x4b\x41\x78\x38\x31\x48\x67\x47\x57\x41\x20\x31\x38\x0a\x65\x75\x32\x68\x61\x2f\x61\x54\x54\x4a\x64\x73\x2b\x54\x35\x59\x61\x35\x6e\x63\x33\x31\x7a\x79\x30\x57\x64\x66\x62\x4f\x68\x69\x6b\x2f\x2b\x70\x44\x30\x4f\x30\x48\x68\x4d\x0a\x2d\x2d\x2d\x20\x36\x7a\x53\x45\x59\x6a\x44\x47\x58\x72\x77\x31\x6a\x70\x44\x35\x36\x68\x62\x52\x64\x2f\x38\x39\x37\x48\x57\x42\x39\x71\x53\x37\x62\x59\x4e\x36\x5a\x66\x35\x50\x49\x36\x6b\x0a\x23\xbd\xbf\x2e\xda\xdc\x7f\x2b\x92\xc1\xfd\x53\x24\x56\x98\x1d\x10\x96\x47\x72\x4f\x41\x60\x2e\x94\x33\xe9\x7f\x82\xfb\x7b\x4b\x0d\xd5\x65";
    let mut ids = Identities::new();
    ids.add_key(&key(7)).unwrap();
    let r = decrypt(&ids, Cursor::new(AGE_P), Vec::new());
    assert!(matches!(r, Err(EnvelopeError::Passphrase)), "{r:?}");
    let said = EnvelopeError::Passphrase.to_string();
    assert!(said.contains("passphrase (age -p)") && said.contains("age -d"), "{said}");
    let mut file = tempfile::tempfile().unwrap();
    std::io::Write::write_all(&mut file, AGE_P).unwrap();
    std::io::Seek::rewind(&mut file).unwrap();
    let r = DecryptedSource::open(file, &ids).map(|_| ());
    assert!(matches!(r, Err(EnvelopeError::Passphrase)), "{r:?}");
}
