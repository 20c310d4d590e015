//! Entry names (spec §3.4): which names are safe relative paths, and when two names count
//! as the same file. Every entry name and every path inside a bundle document obeys these rules.

use super::ArchiveError;
use crate::wording;

/// The form under which two names count as the same file (spec §3.4; see [`crate::names`]).
/// macOS normalises names and Windows and macOS ignore case by default, so names equal in
/// this form would overwrite each other when extracted there. Bundles never contain two.
pub fn collision_key(name: &str) -> String {
    crate::names::collision_key(name)
}

impl From<crate::names::Collision> for ArchiveError {
    fn from(c: crate::names::Collision) -> Self {
        match c {
            crate::names::Collision::SameFile { earlier, later } => ArchiveError::NameCollision(earlier, later),
            crate::names::Collision::FileAndFolder { file, folder_of } => {
                ArchiveError::FileIsFolder { file, folder_of }
            }
        }
    }
}

/// Checks that `name` is a safe, normalised relative path: the rules every entry name and
/// every path inside a bundle document obey. Returns the reason when it is not.
pub fn check_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err(wording::archive::NAME_EMPTY);
    }
    if name.starts_with('/') {
        return Err(wording::archive::NAME_ABSOLUTE);
    }
    // One pass over the characters for three rules (every entry name is checked when a bundle
    // is written and when it is read: a million names a bundle, issue #22), over bytes when
    // the name is ASCII (issue #13.4: a tenth of the time of reading a million long names
    // went to the pass over characters); the first rule broken is still the one reported.
    let windows_char = |c: char| matches!(c, ':' | '<' | '>' | '"' | '|' | '?' | '*');
    let (mut backslash, mut control, mut windows) = (false, false, false);
    if name.is_ascii() {
        for &b in name.as_bytes() {
            backslash |= b == b'\\';
            control |= b.is_ascii_control();
            windows |= windows_char(char::from(b));
        }
    } else {
        for c in name.chars() {
            backslash |= c == '\\';
            control |= c.is_control();
            windows |= windows_char(c);
        }
    }
    if backslash {
        return Err(wording::archive::NAME_BACKSLASH);
    }
    if name.as_bytes().get(1) == Some(&b':') {
        return Err(wording::archive::NAME_DRIVE_LETTER);
    }
    if control {
        return Err(wording::archive::NAME_CONTROL_CHARACTER);
    }
    if windows {
        return Err(wording::archive::NAME_WINDOWS_CHARACTER);
    }
    for part in name.split('/') {
        match part {
            "" => return Err(wording::archive::NAME_EMPTY_COMPONENT),
            "." | ".." => return Err(wording::archive::NAME_DOT_COMPONENT),
            _ if part.ends_with('.') || part.ends_with(' ') => {
                return Err(wording::archive::NAME_TRAILING_DOT_OR_SPACE);
            }
            _ if is_windows_device(part) => {
                return Err(wording::archive::NAME_WINDOWS_DEVICE);
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether Windows takes `part` for a device (spec §3.4): CON, PRN, AUX, NUL, COM1–COM9 or
/// LPT1–LPT9 in any case, alone or before an extension (`con.txt`), spaces before it ignored.
fn is_windows_device(part: &str) -> bool {
    // Compared without a case-folded copy: this runs on every part of every name.
    let stem = part.split('.').next().unwrap_or(part).trim_end_matches(' ').as_bytes();
    match stem {
        [_, _, _] => [b"CON", b"PRN", b"AUX", b"NUL"].iter().any(|d| stem.eq_ignore_ascii_case(*d)),
        [a, b, c, d] => {
            let head = [*a, *b, *c];
            (head.eq_ignore_ascii_case(b"COM") || head.eq_ignore_ascii_case(b"LPT")) && (b'1'..=b'9').contains(d)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue #13.4: ASCII names are checked over their bytes, others over their characters;
    /// both give, for every character in either kind of name, what the rules say, the first
    /// rule broken reported.
    #[test]
    fn names_are_checked_alike_over_bytes_and_characters() {
        let reference = |name: &str| -> Option<&'static str> {
            if name.contains('\\') {
                return Some(wording::archive::NAME_BACKSLASH);
            }
            if name.chars().any(char::is_control) {
                return Some(wording::archive::NAME_CONTROL_CHARACTER);
            }
            if name.chars().any(|c| matches!(c, ':' | '<' | '>' | '"' | '|' | '?' | '*')) {
                return Some(wording::archive::NAME_WINDOWS_CHARACTER);
            }
            None
        };
        for c in (0u32..0x300).chain([0x2028, 0x202e, 0xfeff, 0x1_0000]).filter_map(char::from_u32) {
            for name in
                [format!("ab/c{c}d"), format!("ab/\u{e9}{c}d"), format!("ab/c{c}d\\x"), format!("ab/c{c}d\u{85}")]
            {
                let got = check_name(&name).err();
                let expected = reference(&name).or_else(|| got.filter(|_| c == '/' || c == '.' || c == ' '));
                assert_eq!(got, expected, "{name:?}");
            }
        }
        // The first rule broken is reported, in the rules' order, whichever pass found it.
        for (name, rule) in [
            ("C:\\x", wording::archive::NAME_BACKSLASH),
            ("C:\u{1}", wording::archive::NAME_DRIVE_LETTER),
            ("C:\u{e9}\u{85}", wording::archive::NAME_DRIVE_LETTER),
            ("a\u{1}\\", wording::archive::NAME_BACKSLASH),
            ("a\u{1}*", wording::archive::NAME_CONTROL_CHARACTER),
            ("\u{e9}\u{9f}*", wording::archive::NAME_CONTROL_CHARACTER),
            ("a*/./b", wording::archive::NAME_WINDOWS_CHARACTER),
            ("/a\\b", wording::archive::NAME_ABSOLUTE),
        ] {
            assert_eq!(check_name(name), Err(rule), "{name:?}");
        }
    }

    #[test]
    fn unsafe_names() {
        for bad in ["/etc/passwd", "../x", "a/../b", "a\\b", "C:x", "a//b", "a/", "", "a\nb", "./a"] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
        for bad in [
            "a.txt.",
            "a.txt ",
            "d./x",
            "d /x",
            "CON",
            "data/con.txt",
            "Lpt9",
            "nul .txt/x",
            "COM1.tar.gz",
            "cOm5",
            "pRn",
            "aux  .txt",
            "d/Nul.x/y",
            "x:y",
            "a/b:c",
            "a<b",
            "a>b",
            "a\"b",
            "a|b",
            "a?b",
            "a*b",
        ] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
        for good in [
            "a",
            "data/item-1/vidéo.mp4",
            "données/日本.txt",
            "a..b",
            "CONSOLE",
            "COM0",
            "COM10",
            "xcon",
            ".a",
            "a .b",
            "lpt",
            "cön",
            "AUX_",
            "LPTx",
        ] {
            assert!(check_name(good).is_ok(), "{good:?}");
        }
    }
}
