//! Statement packages (`NAME.custody-statement`, spec §5.7): how a statement made by someone
//! who does not hold custody travels to the custodian, who adds it (`custody add`).
//!
//! A package is a ZIP of the strict profile (§3) holding, under one root folder
//! `custody-statement-<first 32 hex digits of the statement's SHA-256>/`, exactly
//! `statement.json`, `statement.json.sig` (the author's 64-byte signature) and `key.pem` (the
//! author's public key file), and, for a statement that attaches files (a `document`), each
//! of them as `attachments/<name>`. A package is untrusted input: it is read within fixed
//! limits, entry by entry, from the file (never whole into memory), and nothing in it is
//! taken on its word: [`super::add`] checks it against the bundle before anything is appended.

use std::io::{Seek, Write};
use std::path::Path;

use crate::Error;
use crate::append::Content;
use crate::archive::{Archive, ArchiveWriter, FileSource, Root, RootKind, Source};
use crate::digest::Sha256Digest;
use crate::layout::{MAX_ATTACHMENT_WRITE, MAX_ATTACHMENTS, MAX_KEY_FILE, MAX_SIGNATURE_FILE, ROOT_ID_HEX};
use crate::statement::MAX_STATEMENT_BYTES;

/// The extension of a statement package.
pub const PACKAGE_SUFFIX: &str = ".custody-statement";
/// The statement's name inside the package root.
pub const PACKAGE_STATEMENT: &str = "statement.json";
/// The signature's name inside the package root.
pub const PACKAGE_SIGNATURE: &str = "statement.json.sig";
/// The author's key file's name inside the package root.
pub const PACKAGE_KEY: &str = "key.pem";
/// The folder of attached files inside the package root.
pub const PACKAGE_ATTACHMENTS: &str = "attachments/";
/// The size of a package without attached files ([`crate::layout::MAX_STATEMENT_PACKAGE`]);
/// attached files add their own size, whatever it is: read from a file, they are streamed,
/// never held. Packages are read entry by entry, each within its own limit, never whole.
pub const MAX_PACKAGE: u64 = crate::layout::MAX_STATEMENT_PACKAGE;

/// A statement package's contents, as read (not yet checked against any bundle).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// The statement's bytes, as the author signed them.
    pub statement: Vec<u8>,
    /// The author's signature over them.
    pub signature: Vec<u8>,
    /// The author's public key file.
    pub key_file: Vec<u8>,
    /// The attached files, by name, in the package's order (checked against the statement
    /// by [`super::add`]): held when the package was given as bytes, ranges of the package
    /// file (streamed) when it was read from one.
    pub attachments: Vec<(String, Content)>,
}

/// The root folder of the package of a statement whose bytes are `statement`:
/// `custody-statement-<first 32 hex digits of its SHA-256>/`.
pub fn package_root(statement: &[u8]) -> Root {
    let hex = Sha256Digest::of(statement).hex();
    // 32 lowercase hex digits are always a valid root id.
    Root::new(RootKind::StatementPackage, &hex[..ROOT_ID_HEX]).unwrap_or_else(|| unreachable!())
}

/// The package's bytes: a strict-profile ZIP of the three files under its root, and its
/// attached files.
pub fn package_bytes(p: &Package) -> Result<Vec<u8>, Error> {
    let out = write_to(p, std::io::Cursor::new(Vec::new())).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(out.into_inner())
}

/// Writes the package into `out`, an attached file on disk copied as a stream (its SHA-256,
/// when given, checked).
fn write_to<W: Write + Seek>(p: &Package, out: W) -> std::io::Result<W> {
    let root = package_root(&p.statement);
    let fixed = chrono::DateTime::from_timestamp(315_532_800, 0).unwrap_or_default();
    let mut w = ArchiveWriter::new(out, &root);
    w.add_bytes(PACKAGE_STATEMENT, fixed, &p.statement)?;
    w.add_bytes(PACKAGE_SIGNATURE, fixed, &p.signature)?;
    w.add_bytes(PACKAGE_KEY, fixed, &p.key_file)?;
    for (name, data) in &p.attachments {
        let name = format!("{PACKAGE_ATTACHMENTS}{name}");
        match data {
            Content::Bytes(b) => w.add_bytes(&name, fixed, b)?,
            Content::File { path, sha256, size, .. } => {
                let got = w.add_stream(&name, fixed, *size, &mut data.reader()?, &mut |_| ())?;
                if sha256.is_some_and(|want| want.0 != got) {
                    let why = crate::wording::archive::changed_while_added(&path.display().to_string());
                    return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, why));
                }
            }
        }
    }
    w.finish()
}

/// Writes the package to `out`, which must not exist (atomically: a temporary beside it,
/// then renamed). Attached files are streamed into it, never held whole.
pub fn write_package(p: &Package, out: &Path) -> Result<(), Error> {
    if out.symlink_metadata().is_ok() {
        return Err(Error::Exists { path: out.into(), hint: "choose another name for the statement package" });
    }
    let tmp = crate::fsutil::temp_beside(out)?;
    let file = tmp.as_file().try_clone().map_err(Error::io(out))?;
    write_to(p, std::io::BufWriter::with_capacity(1 << 16, file))
        .and_then(|mut w| w.flush())
        .map_err(Error::io(out))?;
    crate::fsutil::persist(tmp, out, false)
}

fn refused(path: &Path, why: impl Into<String>) -> Error {
    Error::BadInput {
        field: "package",
        why: format!("{} is not a usable statement package: {}", path.display(), why.into()),
        remedy: Some("ask its author to make the statement again (custody countersign) and send the new file".into()),
    }
}

/// Reads the package at `path` as hostile input, from the file entry by entry: the strict
/// ZIP profile, exactly the three files under one root named after the statement, each
/// within its limit, and at most [`MAX_ATTACHMENTS`] attached files, of any size: each is
/// a range of the package file, streamed when it is checked and copied, never held.
pub fn read_package(path: &Path) -> Result<Package, Error> {
    let file = std::fs::File::open(path).map_err(Error::io(path))?;
    let source = FileSource::new(file).map_err(Error::io(path))?;
    parse_source(Box::new(source), Some(path)).map_err(|why| refused(path, why))
}

/// The package in `bytes`, or why it is not one (attached files held, each within
/// [`MAX_ATTACHMENT_WRITE`]).
pub fn parse_package(bytes: Vec<u8>) -> Result<Package, String> {
    parse_source(Box::new(bytes), None)
}

fn parse_source<S: Source + ?Sized>(source: Box<S>, file: Option<&Path>) -> Result<Package, String> {
    let archive = Archive::open_as(source, RootKind::StatementPackage)
        .map_err(|e| format!("not a ZIP of the strict profile ({e})"))?;
    let want = [PACKAGE_STATEMENT, PACKAGE_SIGNATURE, PACKAGE_KEY];
    let (attached, mut names): (Vec<&str>, Vec<&str>) =
        archive.entries().iter().map(|e| e.name).partition(|n| n.starts_with(PACKAGE_ATTACHMENTS));
    if attached.len() > MAX_ATTACHMENTS {
        return Err(format!("it attaches more than {MAX_ATTACHMENTS} files"));
    }
    names.sort_unstable();
    let mut expected = want.to_vec();
    expected.sort_unstable();
    if names != expected {
        return Err(format!("it must hold exactly {} under one folder", want.join(", ")));
    }
    let read = |name: &str, limit: u64| {
        let entry = archive.entry(name).ok_or_else(|| format!("{name} is missing"))?;
        archive.read_entry(entry, limit).map_err(|e| format!("{name}: {e}"))
    };
    let statement = read(PACKAGE_STATEMENT, MAX_STATEMENT_BYTES)?;
    let signature = read(PACKAGE_SIGNATURE, MAX_SIGNATURE_FILE)?;
    let key_file = read(PACKAGE_KEY, MAX_KEY_FILE)?;
    let mut attachments = Vec::new();
    for full in attached {
        let name = full.strip_prefix(PACKAGE_ATTACHMENTS).unwrap_or(full);
        crate::statement::check_attachment_name(name).map_err(|e| e.to_string())?;
        let content = match file {
            Some(path) => {
                let entry = archive.entry(full).ok_or_else(|| format!("{full} is missing"))?;
                // By its resolved path: the reader never follows a link.
                let path = std::fs::canonicalize(path).map_err(|e| e.to_string())?;
                Content::File { path, offset: entry.data_offset, size: entry.size, sha256: None }
            }
            None => Content::Bytes(read(full, MAX_ATTACHMENT_WRITE)?),
        };
        attachments.push((name.to_owned(), content));
    }
    let named = package_root(&statement);
    if *archive.root() != named {
        return Err(format!("its folder {} is not named after its statement ({})", archive.root().dir(), named.dir()));
    }
    Ok(Package { statement, signature, key_file, attachments })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package() -> Package {
        Package {
            statement: b"{}\n".to_vec(),
            signature: vec![7; 64],
            key_file: b"key".to_vec(),
            attachments: vec![("request.pdf".into(), Content::Bytes(b"%PDF-1.7".to_vec()))],
        }
    }

    #[test]
    fn a_package_as_written_is_read_back() {
        let p = package();
        assert_eq!(parse_package(package_bytes(&p).unwrap()), Ok(p));
    }

    #[test]
    fn hostile_packages_are_refused() {
        let p = package();
        let root = package_root(&p.statement).dir();
        let zip = |entries: Vec<(String, Vec<u8>)>| {
            crate::archive::testing::write_unrooted(&entries, chrono::DateTime::from_timestamp(315_532_800, 0).unwrap())
                .unwrap()
        };
        let three = |root: &str| {
            vec![
                (format!("{root}statement.json"), p.statement.clone()),
                (format!("{root}statement.json.sig"), p.signature.clone()),
                (format!("{root}key.pem"), p.key_file.clone()),
            ]
        };
        // An extra file, a missing one, another root, a long signature, not a ZIP.
        let mut nested = three(&root);
        nested.push((format!("{root}attachments/a/b.pdf"), b"x".to_vec()));
        assert!(parse_package(zip(nested)).unwrap_err().contains("single name"));
        let mut extra = three(&root);
        extra.push((format!("{root}run.sh"), b"rm -rf /".to_vec()));
        assert!(parse_package(zip(extra)).unwrap_err().contains("exactly"));
        let mut missing = three(&root);
        missing.pop();
        assert!(parse_package(zip(missing)).is_err());
        let other = three("custody-statement-00000000000000000000000000000000/");
        assert!(parse_package(zip(other)).unwrap_err().contains("not named after"));
        let mut long = three(&root);
        long[1].1 = vec![0; 65];
        assert!(parse_package(zip(long)).is_err());
        assert!(parse_package(b"PK not a zip".to_vec()).unwrap_err().contains("strict profile"));
        assert!(parse_package(Vec::new()).is_err());
        // A bundle's root, or none at all, is not a package's.
        let bundle = three("custody-00000000000000000000000000000000/");
        assert!(parse_package(zip(bundle)).unwrap_err().contains("strict profile"));
        assert!(parse_package(zip(three(""))).unwrap_err().contains("strict profile"));
    }
}
