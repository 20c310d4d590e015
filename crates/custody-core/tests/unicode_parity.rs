//! The name-collision key (spec §3.4) must be the same in custody and in the second verifier
//! (Python 3.11, Unicode 14.0.0): compared here over every code point and 20,000 strings of
//! combining marks, Hangul, case-folding and unassigned code points
//! (`tools/unicode_keys.py` computes Python's side). Needs `python3.11`; without it the test
//! fails unless CUSTODY_SKIP_UNICODE_PARITY=1.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use custody_core::archive::collision_key;

fn decode(hex: &str) -> String {
    hex.split(' ')
        .filter(|h| !h.is_empty())
        .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
        .collect()
}

#[test]
fn collision_key_matches_python_3_11_on_every_code_point() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/unicode_keys.py");
    let out = match Command::new("python3.11").arg(&script).output() {
        Ok(o) => o,
        Err(e) if std::env::var_os("CUSTODY_SKIP_UNICODE_PARITY").is_some_and(|v| v == "1") => {
            eprintln!("SKIPPED: python3.11 is not available ({e}) and CUSTODY_SKIP_UNICODE_PARITY=1");
            return;
        }
        Err(e) => panic!(
            "python3.11 is needed to compare the collision key with the second verifier ({e}); \
             install it, or set CUSTODY_SKIP_UNICODE_PARITY=1 to skip this test"
        ),
    };
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut single: HashMap<char, String> = HashMap::new();
    let mut strings = 0;
    let mut wrong = Vec::new();
    for line in text.lines() {
        let (input, key) = line.split_once(';').unwrap();
        let (input, key) = (decode(input), decode(key));
        let mut chars = input.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if strings == 0 => {
                single.insert(c, key);
            }
            _ => {
                strings += 1;
                if collision_key(&input) != key {
                    wrong.push(format!("{input:?}: Rust {:?}, Python {key:?}", collision_key(&input)));
                }
            }
        }
    }
    assert!(single.len() > 10_000 && strings > 1000, "{} code points, {strings} strings", single.len());
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let expected = single.get(&c).cloned().unwrap_or_else(|| c.to_string());
        if collision_key(&c.to_string()) != expected {
            wrong.push(format!(
                "U+{:04X}: Rust {:?}, Python {expected:?}",
                u32::from(c),
                collision_key(&c.to_string())
            ));
        }
    }
    assert!(wrong.is_empty(), "{} differences, first: {:?}", wrong.len(), &wrong[..wrong.len().min(10)]);
}
