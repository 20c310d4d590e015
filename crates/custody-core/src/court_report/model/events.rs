//! Each custody event's line and a statement's lines, worded from what it did ([`EventFacts`]) with the catalogue's
//! sentences (`Sentence::Event*` and the smaller ones they hold: the items, the events, the files
//! counted), so that the events list, the timeline picture and the statements section say it in
//! the report's language(s), its values (names, purposes, references, item ids) isolated as
//! everywhere. Its English, written plain ([`event_summary`]), is word for word the verification's
//! own summary of the event (`EventReport::summary`, `verify::wording::event_summary`, from the
//! same English templates; a test holds the two alike for every kind of event).

use super::sections::signer;
use super::{Run, joined, say};
use crate::event::DispositionAction;
use crate::verify::{EventFacts, StatementReport};
use crate::wording::court_report::Sentence;

/// How many items an examination's line names before it says how many more there are.
const EXAMINED_ITEMS_NAMED: usize = 5;

fn value(v: &str) -> Run {
    Run::Value(v.to_owned())
}

fn number(n: impl ToString) -> Vec<Run> {
    vec![Run::Text(n.to_string())]
}

/// Item ids as a list, each a value.
fn ids(items: &[String]) -> Vec<Run> {
    joined(items.iter().map(|i| value(i)), Sentence::Comma)
}

/// The items a disposition or an access record concerns: every item (`None`), or the ones named;
/// `one` words a single item as such (an access record does, a disposition does not).
fn items(items: Option<&[String]>, one: bool) -> Vec<Run> {
    vec![match items {
        None => say(Sentence::AllItems, Vec::new()),
        Some(i) if one && i.len() == 1 => say(Sentence::OneItem, vec![ids(i)]),
        Some(i) => say(Sentence::SomeItems, vec![ids(i)]),
    }]
}

/// The line of the event whose facts are `f`.
pub(crate) fn event_line(f: &EventFacts) -> Vec<Run> {
    let mut line = Vec::new();
    match f {
        EventFacts::Sealed { by } => line.push(say(Sentence::EventSealed, vec![signer(by)])),
        EventFacts::Transferred { to, purpose, request_reference, conditions } => {
            line.push(say(Sentence::EventTransfer, vec![signer(to), vec![value(purpose)]]));
            if let Some(r) = request_reference {
                line.push(say(Sentence::EventRequest, vec![vec![value(r)]]));
            }
            if *conditions > 0 {
                line.push(say(Sentence::EventConditions, vec![number(conditions)]));
            }
        }
        EventFacts::Received { transfer, decision, reason, items_not_accepted, conditions_refused } => {
            line.push(say(Sentence::EventReceipt, vec![number(transfer), vec![Run::Term(decision.as_str())]]));
            if let Some(r) = reason {
                line.push(say(Sentence::EventReason, vec![vec![value(r)]]));
            }
            if *items_not_accepted > 0 {
                line.push(say(Sentence::EventItemsNotAccepted, vec![number(items_not_accepted)]));
            }
            if *conditions_refused > 0 {
                line.push(say(Sentence::EventConditionsRefused, vec![number(conditions_refused)]));
            }
        }
        EventFacts::Disposed { by, action, items: which, method, returned_to, keep_until, reason } => {
            // The action's detail, from the field that belongs to it (a disposition without it is
            // worded by its action's name).
            let (method, to, until) = (method.as_deref(), returned_to.as_deref(), keep_until.as_deref());
            let detail = crate::verify::disposition_detail(*action, method, to, until);
            let (by, reason, which) = (signer(by), vec![value(reason)], items(which.as_deref(), false));
            line.push(match (action, detail) {
                (DispositionAction::RetentionExtended, Some(d)) => {
                    say(Sentence::EventRetentionExtended, vec![vec![value(d)], by, reason])
                }
                (DispositionAction::Returned, Some(d)) => {
                    say(Sentence::EventReturned, vec![which, vec![value(d)], by, reason])
                }
                (DispositionAction::Destroyed, Some(d)) => {
                    say(Sentence::EventDestroyed, vec![which, by, vec![value(d)], reason])
                }
                _ => say(Sentence::EventDisposed, vec![vec![Run::Term(action.as_str())], which, by, reason]),
            });
        }
        EventFacts::Derived { by, bundle_id, items: carried, redacted_files } => {
            let carried = items(Some(carried), false);
            line.push(say(Sentence::EventDerived, vec![vec![value(bundle_id)], signer(by), carried]));
            if *redacted_files > 0 {
                line.push(say(Sentence::EventRedacted, vec![number(redacted_files)]));
            }
        }
        EventFacts::Countersigned { author, concerns, added_by } => {
            let numbers = joined(concerns.iter().map(|c| Run::Text(c.to_string())), Sentence::Comma);
            let events =
                say(if concerns.len() == 1 { Sentence::OneEvent } else { Sentence::SomeEvents }, vec![numbers]);
            line.push(say(Sentence::EventCountersigned, by_author(author, vec![events], added_by)));
        }
        EventFacts::DocumentAttached { author, document, reference, date, files, added_by } => {
            let files = match files {
                1 => say(Sentence::OneFile, Vec::new()),
                n => say(Sentence::SomeFiles, vec![number(n)]),
            };
            let what = say(
                Sentence::DocumentSummary,
                vec![vec![Run::Term(document.as_str())], vec![value(reference)], vec![value(date)], vec![files]],
            );
            line.push(say(Sentence::EventAttached, by_author(author, vec![what], added_by)));
        }
        EventFacts::Examined { author, items: examined, tool, version, results, added_by } => {
            let named = examined.get(..EXAMINED_ITEMS_NAMED).unwrap_or(examined);
            let mut which = ids(named);
            if examined.len() > named.len() {
                which.push(say(Sentence::AndMore, vec![number(examined.len() - named.len())]));
            }
            let results = match results {
                1 => say(Sentence::OneResultFile, Vec::new()),
                n => say(Sentence::SomeResultFiles, vec![number(n)]),
            };
            let what =
                say(Sentence::ExaminationSummary, vec![which, vec![value(tool)], vec![value(version)], vec![results]]);
            line.push(say(Sentence::EventExamined, by_author(author, vec![what], added_by)));
        }
        EventFacts::Accessed { author, purpose, items: extracted, added_by } => {
            let holes = vec![
                vec![value(&author.name)],
                vec![Run::Term(author.capacity.as_str())],
                vec![value(purpose)],
                items(extracted.as_deref(), true),
                vec![value(added_by)],
            ];
            line.push(say(Sentence::EventAccessed, holes));
        }
        EventFacts::CarriesStatement { event_type, statement } => {
            let holes = vec![vec![Run::Term(event_type.as_str())], vec![value(statement)]];
            line.push(say(Sentence::EventCarrier, holes));
        }
    }
    line
}

/// The lines the statements section shows of a statement under its event (its files are listed
/// apart): who made it, with which key, when and where; what it says, line by line; the document
/// it attaches; what was examined, with the parameters and the conclusion, line by line. Their
/// English, written plain, is the text report's (`verify::wording::statement_lines_without_files`).
pub(crate) fn statement_lines(st: &StatementReport) -> Vec<Vec<Run>> {
    let mut head = vec![
        vec![value(&st.author.name)],
        vec![Run::Term(st.capacity.as_str())],
        // The key and the time are codes, not words: values, isolated and never rewritten (zh punctuation).
        vec![value(&st.author.fingerprint.to_string())],
        vec![value(&st.time.to_string())],
    ];
    let heading = match &st.place {
        Some(p) => {
            head.push(vec![value(p)]);
            say(Sentence::StatementByIn, head)
        }
        None => say(Sentence::StatementBy, head),
    };
    let mut lines = vec![vec![heading]];
    let quoted = |s: Sentence, l: &str| vec![say(s, vec![vec![value(l)]])];
    if let Some(t) = &st.text {
        lines.extend(t.lines().map(|l| quoted(Sentence::StatementText, l)));
    }
    if let Some(d) = &st.document {
        let mut holes = vec![
            vec![Run::Term(d.kind.as_str())],
            vec![value(&d.reference)],
            vec![value(&d.date)],
            vec![value(&d.language)],
        ];
        let s = match &d.title {
            Some(t) => {
                holes.push(vec![value(t)]);
                Sentence::DocumentLineTitled
            }
            None => Sentence::DocumentLine,
        };
        lines.push(vec![say(s, holes)]);
    }
    if let Some(x) = &st.examination {
        let holes = vec![ids(&x.items), vec![value(&x.tool.name)], vec![value(&x.tool.version)]];
        lines.push(vec![say(Sentence::ExaminationLine, holes)]);
        if let Some(p) = &x.parameters {
            lines.extend(p.lines().map(|l| quoted(Sentence::ParametersLine, l)));
        }
        lines.extend(x.conclusion.lines().map(|l| quoted(Sentence::ConclusionLine, l)));
    }
    lines
}

/// The holes of a statement's line: the author's capacity, name and organisation, what the
/// statement did, and who added it.
fn by_author(author: &crate::verify::StatementAuthor, what: Vec<Run>, added_by: &str) -> Vec<Vec<Run>> {
    vec![
        vec![Run::Term(author.capacity.as_str())],
        vec![value(&author.name)],
        vec![value(&author.organisation)],
        what,
        vec![value(added_by)],
    ]
}

/// The event's line in plain English, its values as written: the verification's summary of
/// the event (`EventReport::summary`).
pub fn event_summary(f: &EventFacts) -> String {
    crate::court_report::plain_lines(&event_line(f), str::to_owned).concat()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{event_line, event_summary};
    use crate::court_report::model::plain_in;
    use crate::event::{Decision, DispositionAction, EventType};
    use crate::manifest::Signer;
    use crate::statement::{Capacity, DocumentKind};
    use crate::verify::{EventFacts, StatementAuthor};
    use crate::wording::court_report::Language;

    fn signer(name: &str) -> Signer {
        serde_json::from_value(serde_json::json!({
            "fingerprint": format!("sha256:{}", "ab".repeat(32)),
            "name": name, "organisation": "Org-of-".to_owned() + name, "role": "investigator",
            "jurisdiction": "DE"
        }))
        .expect("a signer")
    }

    fn author(name: &str) -> StatementAuthor {
        StatementAuthor { name: name.into(), organisation: format!("Org-of-{name}"), capacity: Capacity::Investigator }
    }

    /// Which kind of event `f` is: an exhaustive match, so that a kind added to [`EventFacts`]
    /// without a sample here does not compile.
    fn kind(f: &EventFacts) -> usize {
        match f {
            EventFacts::Sealed { .. } => 0,
            EventFacts::Transferred { .. } => 1,
            EventFacts::Received { .. } => 2,
            EventFacts::Disposed { .. } => 3,
            EventFacts::Derived { .. } => 4,
            EventFacts::Countersigned { .. } => 5,
            EventFacts::DocumentAttached { .. } => 6,
            EventFacts::Examined { .. } => 7,
            EventFacts::Accessed { .. } => 8,
            EventFacts::CarriesStatement { .. } => 9,
        }
    }

    const KINDS: usize = 10;

    /// Facts of every kind of event, each way its line can be worded (a reason or none, one item
    /// or several or all, one file or several, every disposition), with the values it must keep.
    pub(crate) fn samples() -> Vec<(EventFacts, Vec<&'static str>)> {
        let ids = |n: usize| (1..=n).map(|i| format!("item-{i}")).collect::<Vec<_>>();
        let disposed =
            |action, method: Option<&str>, returned: Option<&str>, keep: Option<&str>, items| EventFacts::Disposed {
                by: signer("Dora"),
                action,
                items,
                method: method.map(str::to_owned),
                returned_to: returned.map(str::to_owned),
                keep_until: keep.map(str::to_owned),
                reason: "court order 7".into(),
            };
        vec![
            (EventFacts::Sealed { by: signer("Alice") }, vec!["Alice", "Org-of-Alice", "DE"]),
            (
                EventFacts::Transferred {
                    to: signer("Bob"),
                    purpose: "trial use".into(),
                    request_reference: Some("MLA-17".into()),
                    conditions: 3,
                },
                vec!["Bob", "trial use", "MLA-17", "3"],
            ),
            (
                EventFacts::Transferred {
                    to: signer("Bob"),
                    purpose: "p".into(),
                    request_reference: None,
                    conditions: 0,
                },
                vec!["Bob"],
            ),
            (
                EventFacts::Received {
                    transfer: 41,
                    decision: Decision::AcceptedInPart,
                    reason: Some("seal broken".into()),
                    items_not_accepted: 6,
                    conditions_refused: 2,
                },
                vec!["41", "seal broken", "6", "2"],
            ),
            (
                EventFacts::Received {
                    transfer: 41,
                    decision: Decision::Accepted,
                    reason: None,
                    items_not_accepted: 0,
                    conditions_refused: 0,
                },
                vec!["41"],
            ),
            (
                disposed(DispositionAction::RetentionExtended, None, None, Some("2031-01-01"), None),
                vec!["2031-01-01", "Dora", "court order 7"],
            ),
            (
                disposed(DispositionAction::Returned, None, Some("Owner Ltd"), None, Some(ids(2))),
                vec!["item-1", "item-2", "Owner Ltd", "Dora", "court order 7"],
            ),
            (
                disposed(DispositionAction::Destroyed, Some("shredding"), None, None, None),
                vec!["shredding", "Dora", "court order 7"],
            ),
            (disposed(DispositionAction::Destroyed, None, None, None, Some(ids(1))), vec!["item-1", "Dora"]),
            (
                EventFacts::Derived {
                    by: signer("Erin"),
                    bundle_id: "urn:uuid:d1".into(),
                    items: ids(2),
                    redacted_files: 4,
                },
                vec!["urn:uuid:d1", "Erin", "item-1", "item-2", "4"],
            ),
            (
                EventFacts::Countersigned { author: author("Wei"), concerns: vec![0], added_by: "Alice".into() },
                vec!["Wei", "Org-of-Wei", "0", "Alice"],
            ),
            (
                EventFacts::Countersigned { author: author("Wei"), concerns: vec![0, 3], added_by: "Alice".into() },
                vec!["Wei", "0", "3", "Alice"],
            ),
            (
                EventFacts::DocumentAttached {
                    author: author("Ana"),
                    document: DocumentKind::MlaRequest,
                    reference: "REF-9".into(),
                    date: "2026-11-19".into(),
                    files: 1,
                    added_by: "Alice".into(),
                },
                vec!["Ana", "REF-9", "2026-11-19", "Alice"],
            ),
            (
                EventFacts::DocumentAttached {
                    author: author("Ana"),
                    document: DocumentKind::Translation,
                    reference: "REF-9".into(),
                    date: "2026-11-19".into(),
                    files: 5,
                    added_by: "Alice".into(),
                },
                vec!["REF-9", "5"],
            ),
            (
                EventFacts::Examined {
                    author: author("Dana"),
                    items: ids(7),
                    tool: "X-Ways".into(),
                    version: "21.0".into(),
                    results: 1,
                    added_by: "Alice".into(),
                },
                vec!["Dana", "item-1", "item-5", "2", "X-Ways", "21.0", "Alice"],
            ),
            (
                EventFacts::Examined {
                    author: author("Dana"),
                    items: ids(1),
                    tool: "X-Ways".into(),
                    version: "21.0".into(),
                    results: 3,
                    added_by: "Alice".into(),
                },
                vec!["item-1", "3"],
            ),
            (
                EventFacts::Accessed {
                    author: author("Sam"),
                    purpose: "expert report".into(),
                    items: None,
                    added_by: "Alice".into(),
                },
                vec!["Sam", "expert report", "Alice"],
            ),
            (
                EventFacts::Accessed {
                    author: author("Sam"),
                    purpose: "expert report".into(),
                    items: Some(ids(1)),
                    added_by: "Alice".into(),
                },
                vec!["item-1"],
            ),
            (
                EventFacts::Accessed {
                    author: author("Sam"),
                    purpose: "expert report".into(),
                    items: Some(ids(2)),
                    added_by: "Alice".into(),
                },
                vec!["item-1", "item-2"],
            ),
            (
                EventFacts::CarriesStatement {
                    event_type: EventType::Countersign,
                    statement: "custody/statements/000004.json".into(),
                },
                vec!["custody/statements/000004.json"],
            ),
        ]
    }

    #[test]
    fn every_event_kind_is_worded_in_every_language_keeping_its_values() {
        let samples = samples();
        let mut kinds = [false; KINDS];
        // Values marked, so that each is found whole, as a value, in every language.
        let marked = |v: &str| format!("\u{27e6}{v}\u{27e7}");
        for (facts, values) in &samples {
            kinds[kind(facts)] = true;
            let line = event_line(facts);
            let english = plain_in(Language::En, &line, &marked);
            for lang in Language::ALL {
                let said = plain_in(*lang, &line, &marked);
                assert!(!said.contains(['{', '}']), "{lang:?} {facts:?}: a hole left in {said:?}");
                for v in values {
                    let shown = said.contains(&marked(v)) || said.contains(v);
                    assert!(shown, "{lang:?}: {said:?} lacks {v:?}");
                }
                // Every value of the facts is shown as a value (isolated where shown), never
                // as words of the language.
                let n = |s: &str| s.matches('\u{27e6}').count();
                assert_eq!(n(&said), n(&english), "{lang:?}: {said:?} has not the values of {english:?}");
                if *lang != Language::En {
                    assert_ne!(said, english, "{lang:?}: {facts:?} left in English");
                    let words = said.replace(|c: char| !c.is_alphabetic(), "");
                    let english_words = english.replace(|c: char| !c.is_alphabetic(), "");
                    assert_ne!(words, english_words, "{lang:?}: only punctuation translated");
                }
            }
        }
        assert!(kinds.iter().all(|k| *k), "a kind of event without a sample: {kinds:?}");
    }

    #[test]
    fn a_statements_lines_are_in_english_the_text_reports_and_in_every_language_keep_their_values() {
        use crate::verify::{VerifyOptions, verify_path, wording as vw};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
        let mut seen = [false; 4];
        for name in [
            "countersign-witness",
            "access-by-examiner",
            "document-mla-request",
            "document-translation",
            "examination-by-examiner",
        ] {
            let path = dir.join(format!("{name}.zip"));
            let r = verify_path(&path, &VerifyOptions::default()).expect("a test vector");
            for st in r.events.iter().filter_map(|e| e.statement.as_ref()) {
                let lines = super::statement_lines(st);
                let english: Vec<String> = lines.iter().map(|l| plain_in(Language::En, l, &str::to_owned)).collect();
                let want: Vec<String> =
                    vw::statement_lines_without_files(st).iter().map(|l| l.trim_start().to_owned()).collect();
                assert_eq!(english, want, "{name}");
                seen[0] = true;
                seen[1] |= st.document.is_some();
                seen[2] |= st.examination.is_some();
                seen[3] |= st.text.is_some();
                for lang in Language::ALL.iter().filter(|l| **l != Language::En) {
                    for (line, en) in lines.iter().zip(&english) {
                        let said = plain_in(*lang, line, &str::to_owned);
                        assert_ne!(&said, en, "{lang:?}: left in English");
                        assert!(said.contains(&st.author.name) || !en.contains(&st.author.name), "{lang:?} {said:?}");
                    }
                }
            }
        }
        assert_eq!(seen, [true; 4], "a kind of statement line not met in the vectors");
    }

    /// A statement's heading gives its key's fingerprint and its time as values: isolated where
    /// shown (an Arabic line is right to left) and never rewritten (Chinese punctuation).
    #[test]
    fn a_statements_key_and_time_are_values_in_arabic_and_chinese() {
        use crate::verify::{VerifyOptions, verify_path};
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/countersign-witness.zip");
        let r = verify_path(&path, &VerifyOptions::default()).expect("a test vector");
        let st = r.events.iter().find_map(|e| e.statement.as_ref()).expect("a statement");
        let marked = |v: &str| format!("\u{27e6}{v}\u{27e7}");
        let heading = &super::statement_lines(st)[0];
        for lang in [Language::Ar, Language::Zh] {
            let said = plain_in(lang, heading, &marked);
            for v in [st.author.fingerprint.to_string(), st.time.to_string()] {
                assert!(said.contains(&marked(&v)), "{lang:?}: {v} is not a value in {said:?}");
            }
        }
        // In the court document, values are written by `html::value`: each isolated in <bdi>.
        let html = plain_in(Language::Ar, heading, &crate::court_report::html::value);
        for v in [st.author.fingerprint.to_string(), st.time.to_string()] {
            assert!(html.contains(&format!("<bdi>{v}</bdi>")), "{v} not isolated in {html}");
        }
    }

    #[test]
    fn the_english_summary_is_the_lines_plain_english_as_the_verifier_wrote_it() {
        // The verification's composition (`verify::wording::event_summary`) and the report's
        // line written plain in English: the same words for every kind of event.
        let said = |f: &EventFacts| {
            let verified = crate::verify::wording::event_summary(f);
            assert_eq!(verified, event_summary(f), "{f:?}");
            verified
        };
        let samples = samples();
        let lines: Vec<String> = samples.iter().map(|(f, _)| said(f)).collect();
        // The verification's summaries before they were worded from facts, word for word.
        for want in [
            "sealed by Alice (investigator, Org-of-Alice, DE)",
            "transfer to Bob (investigator, Org-of-Bob, DE) for \"trial use\", request MLA-17, 3 condition(s)",
            "receipt of transfer 41: accepted in part (seal broken), 6 item(s) not accepted, 2 condition(s) refused",
            "receipt of transfer 41: accepted",
            "retention extended until 2031-01-01 by Dora (investigator, Org-of-Dora, DE) (reason: court order 7)",
            "items item-1, item-2 returned to Owner Ltd by Dora (investigator, Org-of-Dora, DE) (reason: court \
             order 7)",
            "all items destroyed by Dora (investigator, Org-of-Dora, DE), method: shredding (reason: court order 7)",
            "disposition destroyed of items item-1 by Dora (investigator, Org-of-Dora, DE) (reason: court order 7)",
            "derived copy urn:uuid:d1 made by Erin (investigator, Org-of-Erin, DE): items item-1, item-2, 4 file(s) \
             redacted",
            "investigator Wei (Org-of-Wei) countersigned event 0, added by Alice",
            "investigator Wei (Org-of-Wei) countersigned events 0, 3, added by Alice",
            "investigator Ana (Org-of-Ana) attached a document: mla request (ref REF-9, dated 2026-11-19, 1 file), \
             added by Alice",
            "investigator Dana (Org-of-Dana) examined item-1, item-2, item-3, item-4, item-5 and 2 more with X-Ways \
             21.0 (1 result file), added by Alice",
            "access by Sam (investigator) for expert report: all items, added by Alice",
            "access by Sam (investigator) for expert report: item item-1, added by Alice",
            "access by Sam (investigator) for expert report: items item-1, item-2, added by Alice",
            "countersign carrying the statement custody/statements/000004.json",
        ] {
            assert!(lines.iter().any(|l| l == want), "{want:?} not among {lines:#?}");
        }
    }
}
