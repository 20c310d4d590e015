//! The canonical JSON of a committed document part (§5.12): members sorted by the bytes of
//! their names, no whitespace, strings escaped as RFC 8785 §3.2.2.2 does, integers in
//! decimal, and members that say nothing dropped (null, `[]`, `{}` after their own
//! canonicalisation, and `false` for the flags whose absence means false), so that two
//! spellings of one manifest commit to the same leaves.

use serde_json::Value;

/// The boolean members whose `false` is their absence (§5.2).
pub const FALSE_DEFAULTS: [&str; 3] = ["minors", "revisit", "speciality"];

/// Writes the canonical form of `v` to `out`. `v` is a typed value serialised by
/// `serde_json::to_value`, so it holds no floats; one would be written as serde_json shows it.
pub fn canonical_json(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().filter(|(k, v)| !says_nothing(k, v)).collect();
            members.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push(b'{');
            for (i, (k, v)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_str(k, out);
                out.push(b':');
                canonical_json(v, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                canonical_json(x, out);
            }
            out.push(b']');
        }
        Value::String(s) => write_str(s, out),
        Value::Number(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::Null => out.extend_from_slice(b"null"),
    }
}

/// The canonical bytes of any serialisable value.
pub fn canonical_bytes<T: serde::Serialize>(v: &T) -> Vec<u8> {
    let mut out = Vec::new();
    // A typed value of the crate always serialises; Null if it ever did not (a leaf that then
    // fails to prove, never a panic).
    canonical_json(&serde_json::to_value(v).unwrap_or(Value::Null), &mut out);
    out
}

/// Whether a member is dropped: null, false for a flag, or an array or object with nothing
/// left after canonicalisation.
fn says_nothing(name: &str, v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(false) => FALSE_DEFAULTS.contains(&name),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.iter().all(|(k, v)| says_nothing(k, v)),
        _ => false,
    }
}

/// A JSON string as RFC 8785 writes it (serde_json's escaping is the same: `\"`, `\\`,
/// `\b \t \n \f \r`, other controls as lowercase `\u00xx`, everything else raw UTF-8).
fn write_str(s: &str, out: &mut Vec<u8>) {
    // Writing a &str to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::hex;
    use serde_json::json;

    #[test]
    fn strings_are_escaped_as_rfc_8785_does() {
        let mut out = Vec::new();
        canonical_json(&json!("a\u{1}\u{1f}\u{7f}\u{2028}é😀\"\\/"), &mut out);
        assert_eq!(hex(&out), "22615c75303030315c75303031667fe280a8c3a9f09f98805c225c5c2f22");
        let mut out = Vec::new();
        canonical_json(&json!("\u{8}\t\n\u{c}\r"), &mut out);
        assert_eq!(out, br#""\b\t\n\f\r""#);
    }

    #[test]
    fn members_sorted_and_empty_ones_dropped() {
        let a = json!({"b": 1, "a": {"z": [], "y": null}, "c": [{"speciality": false, "x": 18446744073709551615u64}],
                       "minors": true, "other": false});
        let mut out = Vec::new();
        canonical_json(&a, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"b":1,"c":[{"x":18446744073709551615}],"minors":true,"other":false}"#
        );
        let b = json!({"other": false, "minors": true, "c": [{"x": 18446744073709551615u64}], "b": 1});
        let mut out2 = Vec::new();
        canonical_json(&b, &mut out2);
        let mut out1 = Vec::new();
        canonical_json(&a, &mut out1);
        assert_eq!(out1, out2);
    }
}
