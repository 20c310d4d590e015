//! A bundle verified for a form: the verification report and the SHA-256 of the bundle file,
//! read before and after the verification and found the same. The verifier reads the archive
//! by random access (no whole-file digest comes out of it), so a file replaced between two reads
//! would otherwise get its new bytes certified by a verification of the old ones: a form never
//! states a digest of bytes other than those verified.

use std::path::Path;

use crate::digest::Sha256Digest;
use crate::error::Error;
use crate::verify::Report;
use crate::wording::forms as fw;

/// A bundle verified for a form ([`verify_hashed`]).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Verified {
    /// The verification report.
    pub report: Report,
    /// The SHA-256 of the bundle file, the same before and after the verification.
    pub sha256: Sha256Digest,
}

/// Hashes the bundle at `path`, runs `verify` (the verification of that file: `verify_path`,
/// with the caller's options and progress), and hashes it again: the report with the digest
/// when both agree, else [`Error::BadInput`] (the file changed while it was verified: no form).
pub fn verify_hashed<E: From<Error>>(path: &Path, verify: impl FnOnce() -> Result<Report, E>) -> Result<Verified, E> {
    let before = hash(path)?;
    let report = verify()?;
    let after = hash(path)?;
    if before != after {
        return Err(E::from(Error::BadInput {
            field: "bundle",
            why: fw::bundle_changed(&path.display().to_string()),
            remedy: Some(fw::bundle_changed_remedy().to_owned()),
        }));
    }
    Ok(Verified { report, sha256: before })
}

fn hash(path: &Path) -> Result<Sha256Digest, Error> {
    let file = std::fs::File::open(path).map_err(Error::io(path))?;
    let (digest, _) = Sha256Digest::of_reader(&mut std::io::BufReader::new(file)).map_err(Error::io(path))?;
    Ok(digest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::{VerifyOptions, verify_path};

    type Any = Box<dyn std::error::Error>;

    #[test]
    fn a_bundle_replaced_during_its_verification_is_refused_and_one_left_alone_is_hashed() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("b.zip");
        let vector = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/sealed.zip");
        std::fs::copy(vector, &path).expect("the test vectors: cargo run --example make-vectors");
        let bytes = std::fs::read(&path).expect("read");
        let verify = || verify_path(&path, &VerifyOptions::default()).map_err(Any::from);
        let v = verify_hashed(&path, verify).expect("unchanged");
        assert_eq!(v.sha256, Sha256Digest::of_reader(&mut bytes.as_slice()).expect("hashed").0);
        let changed = verify_hashed(&path, || {
            let r = verify_path(&path, &VerifyOptions::default())?;
            std::fs::write(&path, [bytes.as_slice(), b"x"].concat())?;
            Ok::<_, Any>(r)
        });
        let e = changed.expect_err("refused");
        match e.downcast_ref::<Error>() {
            Some(Error::BadInput { field: "bundle", why, .. }) => assert!(why.contains("changed"), "{why}"),
            other => panic!("not refused as it should be: {other:?}"),
        }
    }
}
