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
    if name.contains('\\') {
        return Err(wording::archive::NAME_BACKSLASH);
    }
    if name.as_bytes().get(1) == Some(&b':') {
        return Err(wording::archive::NAME_DRIVE_LETTER);
    }
    if name.chars().any(|c| c.is_control()) {
        return Err(wording::archive::NAME_CONTROL_CHARACTER);
    }
    if name.chars().any(|c| matches!(c, ':' | '<' | '>' | '"' | '|' | '?' | '*')) {
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
    let stem = part.split('.').next().unwrap_or(part).trim_end_matches(' ').to_ascii_uppercase();
    match stem.as_bytes() {
        b"CON" | b"PRN" | b"AUX" | b"NUL" => true,
        [b'C', b'O', b'M', d] | [b'L', b'P', b'T', d] => (b'1'..=b'9').contains(d),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        for good in
            ["a", "data/item-1/vidéo.mp4", "données/日本.txt", "a..b", "CONSOLE", "COM0", "COM10", "xcon", ".a", "a .b"]
        {
            assert!(check_name(good).is_ok(), "{good:?}");
        }
    }
}
