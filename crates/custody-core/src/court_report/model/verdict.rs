//! The verdict as every court document states it, decided once: the state (§9.2) by its name,
//! the summary, the failed codes, the latest event to confirm with the sender, the damaged items
//! (capped as they are collected), and the signers outside the trust list. The HTML and PDF
//! reports draw it as their verdict box; the forms' warning states the same facts.

use super::sections::{self, LatestEvent};
use super::{Run, say};
use crate::verify::{DamagedItems, Report, SignerReport};

/// What the verdict says.
pub(crate) struct Verdict<'a> {
    /// The state's name as the format writes it (`invalid`, `not_trusted`, ...): the key of its
    /// words in the catalogue and of its colour.
    pub(crate) state: String,
    /// The verification's summary, a sentence of the English catalogue (quoting values).
    pub(crate) summary: &'a str,
    /// The summary in the catalogue's sentences, where it is one of them ([`summary`]): in the
    /// document's language(s) then, [`Verdict::summary`] (English) where it is not.
    pub(crate) said_summary: Option<Vec<Run>>,
    /// The codes of the failed checks, each once, in the order first found.
    pub(crate) failed: Vec<&'a str>,
    /// The latest custody event, to confirm with the sender.
    pub(crate) latest: Option<LatestEvent>,
    /// The damaged items it names, at most `VERDICT_DAMAGED_ITEMS`, each with at most
    /// `VERDICT_DAMAGED_FILES` files, and how many more of each.
    pub(crate) damaged: DamagedItems,
    /// The signers the verification found outside the trust list, in the report's order.
    pub(crate) untrusted: Vec<&'a SignerReport>,
}

/// The verdict of `r` ([`Verdict`]).
pub(crate) fn verdict(r: &Report) -> Verdict<'_> {
    Verdict {
        state: super::state_name(r),
        summary: &r.summary,
        said_summary: summary(r),
        failed: super::failed_codes(r),
        latest: sections::latest_event(r),
        damaged: super::verdict_damaged(r),
        untrusted: r.signers.iter().filter(|s| s.trusted == Some(false)).collect(),
    }
}

/// The verification's summary as the catalogue's sentence the verifier chose for it
/// ([`Report::said`][crate::verify::Report]), with the verifier's count of failed checks: the
/// case is not decided again here, so the English is the verification's own, word for word.
/// `None` where the verifier recorded no choice (a file that is no bundle, a folder, a re-zipped
/// bundle: the summary says more than its case): the document keeps the English then.
fn summary(r: &Report) -> Option<Vec<Run>> {
    let choice = r.said?;
    let holes = match choice.failed {
        Some(n) => vec![vec![Run::Text(n.to_string())]],
        None => Vec::new(),
    };
    Some(vec![say(choice.sentence, holes)])
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::path::{Path, PathBuf};

    use super::{Run, verdict};
    use crate::court_report::plain_lines;
    use crate::trust::TrustList;
    use crate::verify::{Report, State, VerifyOptions, verify_path};
    use crate::wording::court_report::Sentence;

    fn vectors() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
    }

    /// The count of failed checks an invalid bundle's summary states (`INVALID: n check(s)`).
    fn stated_count(summary: &str) -> Option<u64> {
        summary.strip_prefix("INVALID: ")?.split(' ').next()?.parse().ok()
    }

    /// What the court report says of `r`'s summary in English: the catalogue's sentence the
    /// verifier chose, rendered, or else the verification's English itself; and the count filled in.
    fn said_in_english(r: &Report) -> (String, Option<u64>) {
        let v = verdict(r);
        match &v.said_summary {
            Some(said) => {
                let count = said.iter().find_map(|run| match run {
                    Run::Sentence(_, holes) => holes.first().and_then(|h| match h.first() {
                        Some(Run::Text(n)) => n.parse().ok(),
                        _ => None,
                    }),
                    _ => None,
                });
                (plain_lines(said, str::to_owned).join(" "), count)
            }
            None => (v.summary.to_string(), stated_count(v.summary)),
        }
    }

    /// `mla-case`'s files unzipped into a folder, and packed again as `zip -r` packs them
    /// (a folder entry for each folder, every file deflated): a re-zipped bundle.
    fn unzipped_and_rezipped(dir: &Path) -> (PathBuf, PathBuf) {
        let bytes = std::fs::read(vectors().join("mla-case.zip")).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let folder = dir.join("unzipped");
        let rezipped = dir.join("rezipped.zip");
        let mut out = zip::ZipWriter::new(std::fs::File::create(&rezipped).unwrap());
        let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let mut folders = std::collections::BTreeSet::new();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let name = entry.name().unwrap().to_string();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            let path = folder.join(&name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let mut parent = Path::new(&name).parent();
            while let Some(p) = parent.filter(|p| !p.as_os_str().is_empty()) {
                if folders.insert(p.to_path_buf()) {
                    out.add_directory(format!("{}/", p.display()), deflated).unwrap();
                }
                parent = p.parent();
            }
            std::fs::write(&path, &data).unwrap();
            out.start_file(name, deflated).unwrap();
            out.write_all(&data).unwrap();
        }
        out.finish().unwrap();
        let root = std::fs::read_dir(&folder).unwrap().next().unwrap().unwrap().path();
        (root, rezipped)
    }

    /// BLOCKERS 1 and 2 of the s17r review: over every test vector (without a trust list and
    /// with one that trusts Alice only), a re-zipped and an unzipped bundle, the court report's
    /// summary in English is the verification's own word for word, with the verifier's count of
    /// failed checks; the catalogue's sentence is used exactly where the verifier chose one.
    #[test]
    fn the_summary_in_english_is_the_verifications_own_for_every_vector() {
        let trust =
            TrustList::parse(&std::fs::read_to_string(vectors().join("keys/trusted-alice.txt")).unwrap()).unwrap();
        let mut paths: Vec<PathBuf> = std::fs::read_dir(vectors())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "zip"))
            .collect();
        paths.sort();
        assert!(paths.len() > 150, "{} vectors", paths.len());
        let dir = tempfile::tempdir().unwrap();
        let (folder, rezipped) = unzipped_and_rezipped(dir.path());
        paths.extend([folder.clone(), rezipped.clone()]);
        let (mut chosen, mut kept) = (std::collections::HashSet::new(), 0);
        for path in &paths {
            for opts in
                [VerifyOptions::default(), VerifyOptions { trust: Some(trust.clone()), ..VerifyOptions::default() }]
            {
                let r = verify_path(path, &opts).unwrap();
                let (english, count) = said_in_english(&r);
                assert_eq!(english, r.summary, "{}", path.display());
                assert_eq!(count, stated_count(&r.summary), "{}", path.display());
                match r.said {
                    Some(choice) => {
                        chosen.insert(choice.sentence);
                        assert_eq!(choice.failed.is_some(), r.state == State::Invalid, "{}", path.display());
                    }
                    None => {
                        kept += 1;
                        let repacked_or_folder = r.content.is_some() || r.container.is_some();
                        let not_a_bundle = r.checks.iter().any(|c| c.code == crate::check::CheckCode::BundleNotABundle);
                        assert!(repacked_or_folder || not_a_bundle, "{}: no summary chosen", path.display());
                    }
                }
            }
        }
        // The re-zipped and unzipped bundles keep the verification's English (a note on the container).
        for p in [&folder, &rezipped] {
            let r = verify_path(p, &VerifyOptions::default()).unwrap();
            assert!(r.said.is_none() && verdict(&r).said_summary.is_none(), "{}", p.display());
        }
        let r = verify_path(&rezipped, &VerifyOptions::default()).unwrap();
        assert!(r.content.as_ref().is_some_and(|c| c.holds), "{}", r.summary);
        assert!(!r.summary.contains("Do not rely"), "{}", r.summary);
        for s in [
            Sentence::SummaryInvalid,
            Sentence::SummaryInvalidNothingDamaged,
            Sentence::SummaryIntact,
            Sentence::SummaryTrusted,
            Sentence::SummaryNotTrustedSigner,
        ] {
            assert!(chosen.contains(&s), "no vector chose {s:?}");
        }
        assert!(kept >= 4, "{kept}");
    }
}
