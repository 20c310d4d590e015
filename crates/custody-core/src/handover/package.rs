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

use std::path::Path;

use crate::Error;
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
/// each attached file may add up to [`MAX_ATTACHMENT_WRITE`]. Packages are read entry by
/// entry, each within its own limit, never whole.
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
    /// by [`super::add`]).
    pub attachments: Vec<(String, Vec<u8>)>,
}

/// The root folder of the package of a statement whose bytes are `statement`:
/// `custody-statement-<first 32 hex digits of its SHA-256>/`.
pub fn package_root(statement: &[u8]) -> Root {
    let hex = Sha256Digest::of(statement).hex();
    // 32 lowercase hex digits are always a valid root id.
    Root::new(RootKind::StatementPackage, &hex[..ROOT_ID_HEX]).unwrap_or_else(|| unreachable!())
}

/// The package's bytes: a strict-profile ZIP of the three files under its root.
pub fn package_bytes(p: &Package) -> Result<Vec<u8>, Error> {
    let root = package_root(&p.statement);
    let fixed = chrono::DateTime::from_timestamp(315_532_800, 0).unwrap_or_default();
    let mut w = ArchiveWriter::new(std::io::Cursor::new(Vec::new()), &root);
    let write = |w: &mut ArchiveWriter<_>, name: &str, data: &[u8]| {
        w.add_bytes(name, fixed, data).map_err(|e| Error::Internal(e.to_string()))
    };
    write(&mut w, PACKAGE_STATEMENT, &p.statement)?;
    write(&mut w, PACKAGE_SIGNATURE, &p.signature)?;
    write(&mut w, PACKAGE_KEY, &p.key_file)?;
    for (name, data) in &p.attachments {
        write(&mut w, &format!("{PACKAGE_ATTACHMENTS}{name}"), data)?;
    }
    Ok(w.finish().map_err(|e| Error::Internal(e.to_string()))?.into_inner())
}

/// Writes the package to `out`, which must not exist (atomically: a temporary beside it,
/// then renamed).
pub fn write_package(p: &Package, out: &Path) -> Result<(), Error> {
    if out.symlink_metadata().is_ok() {
        return Err(Error::Exists { path: out.into(), hint: "choose another name for the statement package" });
    }
    let bytes = package_bytes(p)?;
    let tmp = crate::fsutil::temp_beside(out)?;
    std::fs::write(tmp.path(), &bytes).map_err(Error::io(out))?;
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
/// within its limit, and at most [`MAX_ATTACHMENTS`] attached files of at most
/// [`MAX_ATTACHMENT_WRITE`] bytes each.
pub fn read_package(path: &Path) -> Result<Package, Error> {
    let file = std::fs::File::open(path).map_err(Error::io(path))?;
    let source = FileSource::new(file).map_err(Error::io(path))?;
    parse_source(Box::new(source)).map_err(|why| refused(path, why))
}

/// The package in `bytes`, or why it is not one.
pub fn parse_package(bytes: Vec<u8>) -> Result<Package, String> {
    parse_source(Box::new(bytes))
}

fn parse_source<S: Source + ?Sized>(source: Box<S>) -> Result<Package, String> {
    let archive = Archive::open_as(source, RootKind::StatementPackage)
        .map_err(|e| format!("not a ZIP of the strict profile ({e})"))?;
    let want = [PACKAGE_STATEMENT, PACKAGE_SIGNATURE, PACKAGE_KEY];
    let (attached, mut names): (Vec<&str>, Vec<&str>) =
        archive.entries().iter().map(|e| e.name.as_str()).partition(|n| n.starts_with(PACKAGE_ATTACHMENTS));
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
        attachments.push((name.to_owned(), read(full, MAX_ATTACHMENT_WRITE)?));
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
            attachments: vec![("request.pdf".into(), b"%PDF-1.7".to_vec())],
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
