//! The verdict as every court document states it, decided once: the state (§9.2) by its name,
//! the summary, the failed codes, the latest event to confirm with the sender, the damaged items
//! (capped as they are collected), and the signers outside the trust list. The HTML and PDF
//! reports draw it as their verdict box; the forms' warning states the same facts.

use super::sections::{self, LatestEvent};
use super::{Run, joined, say};
use crate::verify::{ContentReport, DamagedItems, NotABundle, Report, SignerReport, State, SummaryChoice};
use crate::wording::court_report::{Label, Sentence};

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

/// The verification's summary as the catalogue's sentences the verifier chose
/// ([`Report::said`][crate::verify::Report]), filled from its facts (the count of failed
/// checks, what a file that is no bundle appears to be, whether a re-zipped bundle's content
/// holds, the container note of an unzipped one): the case is not decided again here, so the
/// English is the verification's own, word for word. `None` only where `verify --log` reworded
/// the summary (never in a court report): the document keeps the English then.
fn summary(r: &Report) -> Option<Vec<Run>> {
    r.said.as_ref().map(said)
}

/// The runs of one summary choice ([`summary`]).
fn said(choice: &SummaryChoice) -> Vec<Run> {
    match choice {
        SummaryChoice::Said { sentence, failed } => {
            let holes = failed.iter().map(|n| vec![Run::Text(n.to_string())]).collect();
            vec![say(*sentence, holes)]
        }
        SummaryChoice::NotABundle(kind) => vec![say(Sentence::SummaryNotABundle, vec![not_a_bundle(kind)])],
        SummaryChoice::Folder { content, refused } => {
            let note = if *refused { Sentence::ContainerNotCheckedRefused } else { Sentence::ContainerNotChecked };
            // No space between full-width sentences in Chinese: the catalogue joins them.
            vec![say(Sentence::TwoSentences, vec![said(content), vec![say(note, Vec::new())]])]
        }
        SummaryChoice::Repacked { holds } => {
            let s = if *holds { Sentence::SummaryRepackedHolds } else { Sentence::SummaryRepackedDoesNotHold };
            let holes = vec![
                vec![say(Sentence::ContainerBreaksRules, Vec::new())],
                vec![say(Sentence::TodoAskForOriginal, Vec::new())],
            ];
            vec![say(s, holes)]
        }
    }
}

/// Why a file is no custody bundle ([`Sentence::NotABundle`]): what it appears to be (a
/// re-zipped bundle's folder as a value), then what to do.
pub(crate) fn not_a_bundle(kind: &NotABundle) -> Vec<Run> {
    let (what, folder, todo) = kind.sentences();
    let what = say(what, folder.map(|f| vec![Run::Value(f.to_owned())]).into_iter().collect());
    vec![say(Sentence::NotABundle, vec![vec![what], vec![say(todo, Vec::new())]])]
}

/// The summary above a re-zipped bundle's content checks (spec §9.6), from the content's facts:
/// its state when they hold ([`Sentence::ContentHolds`]), else the codes of the failed content
/// checks, each once, trust checks apart ([`Sentence::ContentDoesNotHold`]), as
/// `verify::wording::content_holds` and `content_does_not_hold` word them in English.
pub(crate) fn content_summary(c: &ContentReport) -> Vec<Run> {
    let state = |s: State| {
        vec![Run::Label(match s {
            State::Invalid => Label::StateInvalid,
            State::NotTrusted => Label::StateNotTrusted,
            State::Intact => Label::StateIntact,
            State::Trusted => Label::StateTrusted,
        })]
    };
    if c.holds {
        let breaks = vec![say(Sentence::ContainerBreaksRules, Vec::new())];
        return vec![say(Sentence::ContentHolds, vec![state(c.state), breaks])];
    }
    let failed = c.failed_codes();
    let count = vec![Run::Text(failed.len().to_string())];
    let codes = joined(failed.iter().map(|code| Run::Text(code.as_str().to_owned())), Sentence::Comma);
    vec![say(Sentence::ContentDoesNotHold, vec![state(State::Invalid), count, codes])]
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::{Read, Write};
    use std::path::{Path, PathBuf};

    use super::{Run, verdict};
    use crate::court_report::plain_lines;
    use crate::trust::TrustList;
    use crate::verify::{Report, State, SummaryChoice, VerifyOptions, verify_path};
    use crate::wording::court_report::{Language, Sentence};

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
        unzipped_and_rezipped_with(dir, false)
    }

    /// [`unzipped_and_rezipped`], with one byte of the first evidence file changed when `damage`.
    fn unzipped_and_rezipped_with(dir: &Path, damage: bool) -> (PathBuf, PathBuf) {
        let bytes = std::fs::read(vectors().join("mla-case.zip")).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        std::fs::create_dir_all(dir).unwrap();
        let folder = dir.join("unzipped");
        let rezipped = dir.join("rezipped.zip");
        let mut out = zip::ZipWriter::new(std::fs::File::create(&rezipped).unwrap());
        let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let mut folders = std::collections::BTreeSet::new();
        let mut damaged = false;
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let name = entry.name().unwrap().to_string();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            if damage && name.contains("/data/") && !data.is_empty() && !std::mem::replace(&mut damaged, true) {
                data[0] ^= 1;
            }
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
        assert_eq!(damaged, damage);
        let root = std::fs::read_dir(&folder).unwrap().next().unwrap().unwrap().path();
        (root, rezipped)
    }

    /// The verdict's summary, in every case the `Summary*` sentences do not cover, each checked
    /// to say in English what the verification says, word for word: a file that is no bundle
    /// (every kind: the vectors', an empty file, a file that is no ZIP), an unzipped bundle
    /// (checked, and refused for a link in it), a re-zipped bundle whose content holds and one
    /// whose content does not; and each re-zipped bundle's content summary. With the report, to
    /// be made in other languages.
    pub(crate) fn other_summaries() -> Vec<(Report, Vec<Run>)> {
        let dir = tempfile::tempdir().unwrap();
        let mut reports = Vec::new();
        let mut paths: Vec<PathBuf> = ["cut-10-bytes", "html", "plain-zip", "rezipped", "truncated"]
            .iter()
            .map(|n| vectors().join(format!("not-a-bundle-{n}.zip")))
            .collect();
        for (name, bytes) in [("empty.zip", &b""[..]), ("other.zip", &b"%PDF-1.7 not a zip"[..])] {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            paths.push(path);
        }
        let mut kinds = std::collections::HashSet::new();
        for path in &paths {
            let r = verify_path(path, &VerifyOptions::default()).unwrap();
            let Some(crate::verify::SummaryChoice::NotABundle(kind)) = &r.said else {
                panic!("{}: {:?}", path.display(), r.said)
            };
            kinds.insert(kind.sentences().0);
            reports.push(r);
        }
        // A bundle re-zipped at the top whose entries cannot be read even leniently: no vector is
        // one (the vector's entries read, so it is a re-zipped bundle, below); its summary as the
        // verifier words it for that kind.
        let mut r = reports[0].clone();
        let kind = crate::verify::NotABundle::RezippedTopLevel;
        r.summary = crate::wording::report::summary_not_a_bundle(kind.explain());
        kinds.insert(kind.sentences().0);
        r.said = Some(crate::verify::SummaryChoice::NotABundle(kind));
        reports.push(r);
        assert_eq!(kinds.len(), 7, "every kind of file that is no bundle: {kinds:?}");
        let top = verify_path(&vectors().join("not-a-bundle-rezipped-top-level.zip"), &VerifyOptions::default());
        reports.push(top.unwrap());
        let (folder, rezipped) = unzipped_and_rezipped(&dir.path().join("holds"));
        let (_, damaged) = unzipped_and_rezipped_with(&dir.path().join("damaged"), true);
        reports.push(verify_path(&folder, &VerifyOptions::default()).unwrap());
        reports.push(verify_path(&rezipped, &VerifyOptions::default()).unwrap());
        reports.push(verify_path(&damaged, &VerifyOptions::default()).unwrap());
        #[cfg(unix)]
        {
            let page = std::fs::read_dir(folder.join("data")).unwrap().next().unwrap().unwrap().path();
            std::os::unix::fs::symlink(dir.path().join("empty.zip"), page.join("link")).unwrap();
            let r = verify_path(&folder, &VerifyOptions::default()).unwrap();
            assert!(
                matches!(r.said, Some(crate::verify::SummaryChoice::Folder { refused: true, .. })),
                "{}",
                r.summary
            );
            reports.push(r);
        }
        let mut out = Vec::new();
        for r in reports {
            let said = verdict(&r).said_summary.unwrap_or_else(|| panic!("{}: no summary said", r.bundle));
            assert_eq!(plain_lines(&said, str::to_owned).join(" "), r.summary, "{}", r.bundle);
            if let Some(c) = &r.content {
                let content = super::content_summary(c);
                assert_eq!(plain_lines(&content, str::to_owned).join(" "), c.summary, "{}", r.bundle);
                out.push((r.clone(), content));
            }
            out.push((r, said));
        }
        let holds: Vec<bool> = out.iter().filter_map(|(r, _)| r.content.as_ref().map(|c| c.holds)).collect();
        assert!(holds.contains(&true) && holds.contains(&false), "{holds:?}");
        out
    }

    /// The English words of every catalogue sentence in `runs`, however deep, that a reader
    /// would recognise as English: each part of a template's words of 12 characters or more
    /// (its values and short punctuation left out).
    pub(crate) fn english_words(runs: &[Run]) -> Vec<&'static str> {
        let mut out = Vec::new();
        for r in runs {
            if let Run::Sentence(s, holes) = r {
                for p in crate::wording::court_report::parts(crate::wording::court_report::sentence(Language::En, *s)) {
                    if let crate::wording::court_report::Part::Words(w) = p
                        && w.trim().chars().count() >= 12
                    {
                        out.push(w.trim());
                    }
                }
                for h in holes {
                    out.extend(english_words(h));
                }
            }
        }
        out
    }

    /// Issue #16 requirement 4, for the verdicts said beyond the `Summary*` sentences: the HTML
    /// report in each language but English, of a file that is no bundle (each kind), an
    /// unzipped bundle (checked, and refused), a re-zipped bundle whose content holds and one
    /// whose content does not, holds none of the English of the summary, of why the file is no
    /// bundle (its check's message too), of the container's note or of the content summary;
    /// the English report holds all of it. (The PDF: `pdf::tests`.)
    #[test]
    fn a_report_in_another_language_holds_none_of_the_english_of_these_verdicts() {
        let html = |r: &Report, lang: Language| {
            let mut ctx = crate::court_report::ReportContext::new(crate::time::Timestamp::from_unix(0).unwrap());
            ctx.languages = lang.into();
            let mut out = Vec::new();
            crate::court_report::write_html(r, &ctx, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let escape = crate::court_report::html::escape;
        let mut seen = 0;
        for (r, said) in other_summaries() {
            let words = english_words(&said);
            assert!(!words.is_empty(), "{}", r.bundle);
            let en = html(&r, Language::En);
            for w in &words {
                assert!(en.contains(&escape(w)), "{}: {w:?} not in the English report", r.bundle);
            }
            for lang in Language::ALL.iter().copied().filter(|l| *l != Language::En) {
                let page = html(&r, lang);
                for w in &words {
                    assert!(!page.contains(&escape(w)) && !page.contains(w), "{}: {lang:?} holds {w:?}", r.bundle);
                    seen += 1;
                }
            }
        }
        assert!(seen > 100, "{seen}");
    }

    /// M4 of the s19r review: an unzipped bundle's summary and the container's note are joined
    /// by the catalogue, one space in English, none between the full-width Chinese sentences.
    #[test]
    fn a_folders_summary_and_its_note_are_joined_in_each_languages_way() {
        let mut folders = 0;
        for (r, said) in other_summaries() {
            let Some(SummaryChoice::Folder { refused, .. }) = &r.said else { continue };
            folders += 1;
            let note = if *refused { Sentence::ContainerNotCheckedRefused } else { Sentence::ContainerNotChecked };
            let note = vec![super::say(note, Vec::new())];
            for (lang, sep) in [(Language::En, " "), (Language::Zh, "\u{3002}")] {
                let (all, note) = (
                    super::super::plain_in(lang, &said, &str::to_owned),
                    super::super::plain_in(lang, &note, &str::to_owned),
                );
                assert!(all.ends_with(&format!("{sep}{note}")), "{lang:?}: {all}");
            }
            let zh = super::super::plain_in(Language::Zh, &said, &str::to_owned);
            assert!(!zh.contains("\u{3002} "), "zh: {zh}");
        }
        assert!(folders > usize::from(cfg!(unix)), "a folder checked and (on Unix) one refused: {folders}");
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
        let (mut chosen, mut other) = (std::collections::HashSet::new(), 0);
        for path in &paths {
            for opts in
                [VerifyOptions::default(), VerifyOptions { trust: Some(trust.clone()), ..VerifyOptions::default() }]
            {
                let r = verify_path(path, &opts).unwrap();
                let (english, count) = said_in_english(&r);
                assert_eq!(english, r.summary, "{}", path.display());
                assert_eq!(count, stated_count(&r.summary), "{}", path.display());
                match &r.said {
                    Some(SummaryChoice::Said { sentence, failed }) => {
                        chosen.insert(*sentence);
                        assert_eq!(failed.is_some(), r.state == State::Invalid, "{}", path.display());
                    }
                    Some(_) => other += 1,
                    None => panic!("{}: no summary chosen", path.display()),
                }
            }
        }
        // The re-zipped and unzipped bundles' summaries are said too (a note on the container).
        for p in [&folder, &rezipped] {
            let r = verify_path(p, &VerifyOptions::default()).unwrap();
            assert!(r.said.is_some() && verdict(&r).said_summary.is_some(), "{}", p.display());
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
        assert!(other >= 4, "{other}");
    }
}
