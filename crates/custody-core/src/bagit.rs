//! BagIt 1.0 (RFC 8493) tag files: the declaration, bag-info, and the SHA-256 manifests.
//!
//! An unzipped bundle is a valid bag, so any BagIt tool can check payload completeness and
//! fixity. Manifest lines are `<64 lowercase hex digits><two spaces><path>` (the form
//! `sha256sum -c` reads), paths use `/`, and, as RFC 8493 section 2.1.3 requires, `%`, CR and
//! LF in a path are written `%25`, `%0D` and `%0A`.

/// The exact bytes of `bagit.txt`.
pub const BAGIT_TXT: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

/// One line of a manifest: a digest and a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestLine {
    /// The file's SHA-256.
    pub sha256: crate::digest::Sha256Digest,
    /// The file's bundle path, decoded.
    pub path: String,
}

/// Encodes a path for a manifest line.
pub fn encode_path(path: &str) -> String {
    path.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Decodes a manifest path; `None` if it has a `%` escape other than the three allowed.
pub fn decode_path(encoded: &str) -> Option<String> {
    let mut out = String::with_capacity(encoded.len());
    let mut rest = encoded;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let esc = rest.get(i..i + 3)?;
        out.push(match esc {
            "%25" => '%',
            "%0D" | "%0d" => '\r',
            "%0A" | "%0a" => '\n',
            _ => return None,
        });
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    Some(out)
}

/// Writes a manifest, sorted by path.
pub fn write_manifest(lines: &mut [ManifestLine]) -> String {
    lines.sort_by(|a, b| a.path.cmp(&b.path));
    lines.iter().map(|l| format!("{}  {}\n", l.sha256, encode_path(&l.path))).collect()
}

/// Parses a manifest strictly: every line `digest  path`, LF-terminated, digests lowercase.
pub fn parse_manifest(text: &str) -> Result<Vec<ManifestLine>, String> {
    if !text.is_empty() && !text.ends_with('\n') {
        return Err(crate::wording::documents::MANIFEST_LAST_LINE_OPEN.into());
    }
    if text.contains('\r') {
        return Err(crate::wording::documents::MANIFEST_CRLF.into());
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let (digest, path) = line.split_once("  ").ok_or_else(|| crate::wording::documents::manifest_line_shape(n))?;
        let sha256 = digest.parse().map_err(|e| crate::wording::documents::manifest_line_digest(n, e))?;
        let path = decode_path(path).ok_or_else(|| crate::wording::documents::manifest_line_escape(n))?;
        crate::archive::check_name(&path)
            .map_err(|why| crate::wording::documents::manifest_line_unsafe(n, &path, why))?;
        out.push(ManifestLine { sha256, path });
    }
    Ok(out)
}

/// Parses `bag-info.txt` into (label, value) pairs. Continuation lines (starting with
/// whitespace) are joined to the value before them, as RFC 8493 section 2.2.2 allows.
pub fn parse_bag_info(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with([' ', '\t']) {
            let last = out.last_mut().ok_or(crate::wording::documents::BAG_INFO_STARTS_CONTINUED)?;
            last.1.push(' ');
            last.1.push_str(line.trim());
            continue;
        }
        let (k, v) =
            line.split_once(':').ok_or_else(|| crate::wording::documents::bag_info_line_without_colon(i + 1))?;
        out.push((k.trim().to_owned(), v.trim().to_owned()));
    }
    Ok(out)
}

/// A one-line bag-info value: line breaks become spaces.
pub fn bag_info_value(v: &str) -> String {
    v.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// What `bag-info.txt` is derived from (spec §2.3): nothing in it is signed, so every byte of
/// it is fixed by signed facts and checked exactly.
#[derive(Debug, Clone, Copy)]
pub struct BagInfoFacts<'a> {
    /// The seal event's time, `YYYY-MM-DD…`; the date (its first 10 characters) is used.
    pub sealed_at: &'a str,
    /// The payload present: its total size in bytes.
    pub payload_bytes: u64,
    /// The payload present: its number of files.
    pub payload_files: usize,
    /// The manifest's `case.reference`.
    pub case_reference: &'a str,
    /// The manifest's `bundle_id`.
    pub bundle_id: &'a str,
    /// The sealer's name (`manifest.sealer.name`).
    pub sealer_name: &'a str,
    /// The sealer's organisation (`manifest.sealer.organisation`).
    pub sealer_organisation: &'a str,
}

/// The exact bytes of `bag-info.txt` (spec §2.3): `Bagging-Date`, `Payload-Oxum`,
/// `External-Identifier`, `Internal-Sender-Identifier`, `Contact-Name`, `Source-Organization`,
/// in this order, one line each, values with control characters as spaces. No version or
/// other unsigned word: a writer and a verifier derive the same bytes.
pub fn derive_bag_info(f: &BagInfoFacts<'_>) -> String {
    format!(
        "Bagging-Date: {}\nPayload-Oxum: {}.{}\nExternal-Identifier: {}\n\
         Internal-Sender-Identifier: {}\nContact-Name: {}\nSource-Organization: {}\n",
        f.sealed_at.get(..10).unwrap_or(f.sealed_at),
        f.payload_bytes,
        f.payload_files,
        bag_info_value(f.case_reference),
        f.bundle_id,
        bag_info_value(f.sealer_name),
        bag_info_value(f.sealer_organisation),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bag_info_is_derived_exactly() {
        let facts = BagInfoFacts {
            sealed_at: "2026-11-20T10:00:00Z",
            payload_bytes: 65_617,
            payload_files: 5,
            case_reference: "2026-CT-0412\n",
            bundle_id: "6a1d3c5e9f0b42d8a7e1c0ffee123456",
            sealer_name: "Alice\tWang",
            sealer_organisation: "City Police",
        };
        assert_eq!(
            derive_bag_info(&facts),
            "Bagging-Date: 2026-11-20\nPayload-Oxum: 65617.5\nExternal-Identifier: 2026-CT-0412 \n\
             Internal-Sender-Identifier: 6a1d3c5e9f0b42d8a7e1c0ffee123456\nContact-Name: Alice Wang\n\
             Source-Organization: City Police\n"
        );
        let parsed = parse_bag_info(&derive_bag_info(&facts)).unwrap();
        assert_eq!(parsed.len(), 6, "one line per label: {parsed:?}");
    }

    #[test]
    fn paths_escape_round_trip() {
        for p in ["a/b", "100%.txt", "x%25y", "line\nbreak"] {
            assert_eq!(decode_path(&encode_path(p)).as_deref(), Some(p));
        }
        assert_eq!(decode_path("bad%zz"), None);
    }

    #[test]
    fn manifest_parse_is_strict() {
        let d = crate::digest::Sha256Digest::of(b"x");
        let text = format!("{d}  data/a b.txt\n");
        let lines = parse_manifest(&text).unwrap();
        assert_eq!(lines[0].path, "data/a b.txt");
        assert!(parse_manifest(&format!("{d} data/a\n")).is_err());
        assert!(parse_manifest(&format!("{d}  data/a")).is_err());
        assert!(parse_manifest(&format!("{d}  ../a\n")).is_err());
        assert!(parse_manifest(&format!("{}  data/a\n", d.hex().to_uppercase())).is_err());
    }
}
