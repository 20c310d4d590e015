//! An item's capture provenance as every document states it (the HTML report, the PDF report,
//! the forms, and the CLI's text report through `court_report::capture_facts`): which facts,
//! in which order, under which label of the catalogue, each value a run of its own, words of
//! the vocabularies by name, in no format and no language. The renderers only lay the facts
//! out, each escaping and isolating values its way.

use super::{Actors, Run};
use crate::provenance::{Capture, EnvironmentKey};
use crate::wording::court_report::Label;

/// A fact of a capture record: its label and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Fact {
    /// Its label, a key of the catalogue.
    pub label: Label,
    /// Its value, runs laid out in order.
    pub value: Vec<Run>,
}

/// The label of the environment's member `key`.
pub(crate) fn environment_label(key: EnvironmentKey) -> Label {
    match key {
        EnvironmentKey::Os => Label::EnvOs,
        EnvironmentKey::Browser => Label::EnvBrowser,
        EnvironmentKey::UserAgent => Label::EnvUserAgent,
        EnvironmentKey::EgressIp => Label::EnvEgressIp,
        EnvironmentKey::ExitJurisdiction => Label::EnvExitJurisdiction,
        EnvironmentKey::Note => Label::EnvNote,
    }
}

/// The environment's members among `keys`, each under its label, separated by `; `; empty if
/// none is given.
pub(crate) fn environment(c: &Capture, keys: &[EnvironmentKey]) -> Vec<Run> {
    let mut runs = Vec::new();
    for (k, v) in c.environment.entries().filter(|(k, _)| keys.contains(k)) {
        if !runs.is_empty() {
            runs.push(Run::Text("; ".to_owned()));
        }
        runs.extend([Run::Label(environment_label(k)), Run::Text(": ".to_owned()), Run::Value(v.to_owned())]);
    }
    runs
}

/// Values joined by `sep`.
fn values<'a>(v: impl IntoIterator<Item = &'a str>, sep: &str) -> Vec<Run> {
    let mut runs = Vec::new();
    for (n, x) in v.into_iter().enumerate() {
        if n > 0 {
            runs.push(Run::Text(sep.to_owned()));
        }
        runs.push(Run::Value(x.to_owned()));
    }
    runs
}

/// The platform, then the account's handle, the account's id and the object's id, each after
/// its label.
pub(crate) fn on(c: &Capture) -> Vec<Run> {
    let mut runs = Vec::new();
    let parts = [
        (None, &c.platform),
        (Some(Label::CaptureAccount), &c.account_handle),
        (Some(Label::CaptureAccountId), &c.account_id),
        (Some(Label::CaptureObject), &c.object_id),
    ];
    for (label, v) in parts {
        let Some(v) = v else { continue };
        if !runs.is_empty() {
            runs.push(Run::Text(", ".to_owned()));
        }
        if let Some(l) = label {
            runs.extend([Run::Label(l), Run::Text(" ".to_owned())]);
        }
        runs.push(Run::Value(v.clone()));
    }
    runs
}

/// The time a capture ran: its start, and its end after a dash.
pub(crate) fn time(c: &Capture) -> Option<Vec<Run>> {
    let t = c.captured_at?;
    let end = c.capture_end.map(|e| format!(" \u{2013} {e}")).unwrap_or_default();
    Some(vec![Run::Text(format!("{t}{end}"))])
}

/// The capture's tool and its version.
pub(crate) fn tool(c: &Capture) -> Option<Vec<Run>> {
    c.tool.as_ref().map(|t| values([t.name.as_str()].into_iter().chain(t.version.as_deref()), " "))
}

/// The capture's methods, words of the vocabulary.
pub(crate) fn methods(c: &Capture) -> Option<Vec<Run>> {
    let mut runs = Vec::new();
    for (n, m) in c.methods.iter().enumerate() {
        if n > 0 {
            runs.push(Run::Text(", ".to_owned()));
        }
        runs.push(Run::Term(m.as_str()));
    }
    (!runs.is_empty()).then_some(runs)
}

/// The access steps, numbered, a [`Run::Break`] between two (one line each in the text report).
pub(crate) fn steps(c: &Capture) -> Option<Vec<Run>> {
    let mut runs = Vec::new();
    for (n, s) in c.access_steps.iter().enumerate() {
        if n > 0 {
            runs.push(Run::Break);
        }
        runs.push(Run::Text(format!("{}. ", n + 1)));
        runs.push(Run::Value(s.clone()));
    }
    (!runs.is_empty()).then_some(runs)
}

/// People by actor id, as they are read: the manifest's name, role and organisation for each
/// id, the id as written when the manifest has no actor of it.
fn people(ids: &[String], actors: &Actors<'_>) -> Vec<Run> {
    let mut runs = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        if n > 0 {
            runs.push(Run::Text(", ".to_owned()));
        }
        match actors.get(id.as_str()) {
            Some(a) => {
                runs.extend([Run::Value(a.name.clone()), Run::Text(" (".to_owned()), Run::Term(a.role.as_str())]);
                if let Some(o) = &a.organisation {
                    runs.extend([Run::Text(", ".to_owned()), Run::Value(o.clone())]);
                }
                runs.push(Run::Text(")".to_owned()));
            }
            None => runs.push(Run::Value(id.clone())),
        }
    }
    runs
}

/// The facts of a capture record, in the order every court document states them; none for an
/// empty record.
pub(crate) fn facts(c: &Capture, actors: &Actors<'_>) -> Vec<Fact> {
    let mut out = Vec::new();
    let mut fact = |label: Label, value: Option<Vec<Run>>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            out.push(Fact { label, value });
        }
    };
    fact(Label::CaptureKind, c.kind.map(|k| vec![Run::Term(k.as_str())]));
    fact(Label::CaptureSource, c.source_url.as_deref().map(|v| values([v], "")));
    fact(Label::CaptureFinalUrl, c.final_url.as_deref().map(|v| values([v], "")));
    fact(Label::CaptureOn, Some(on(c)));
    fact(Label::CaptureAt, time(c));
    fact(Label::CaptureTool, tool(c));
    fact(Label::CaptureMethods, methods(c));
    fact(Label::CaptureClock, c.clock_source.as_deref().map(|v| values([v], "")));
    fact(Label::CaptureEnvironment, Some(environment(c, EnvironmentKey::ALL)));
    fact(Label::CaptureSteps, steps(c));
    fact(Label::CaptureBy, Some(people(&c.operators, actors)));
    fact(Label::CaptureWitnessedBy, Some(people(&c.witnesses, actors)));
    fact(Label::CaptureUnder, c.authorisation.as_deref().map(|v| values([v], "")));
    for a in &c.alterations {
        fact(Label::CaptureAltered, Some(values([a.as_str()], "")));
    }
    fact(Label::CaptureNote, c.note.as_deref().map(|v| values([v], "")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_environment_member_is_labelled_and_in_the_format_order() {
        let mut c = Capture::default();
        c.environment.os = Some("Debian".into());
        c.environment.exit_jurisdiction = Some("FR".into());
        c.environment.note = Some("\u{202e}vpn".into());
        let runs = environment(&c, EnvironmentKey::ALL);
        assert_eq!(
            runs,
            vec![
                Run::Label(Label::EnvOs),
                Run::Text(": ".into()),
                Run::Value("Debian".into()),
                Run::Text("; ".into()),
                Run::Label(Label::EnvExitJurisdiction),
                Run::Text(": ".into()),
                Run::Value("FR".into()),
                Run::Text("; ".into()),
                Run::Label(Label::EnvNote),
                Run::Text(": ".into()),
                Run::Value("\u{202e}vpn".into()),
            ]
        );
        let labels: Vec<Label> = EnvironmentKey::ALL.iter().map(|k| environment_label(*k)).collect();
        for (n, l) in labels.iter().enumerate() {
            assert!(!labels[..n].contains(l), "{l:?} twice");
        }
    }

    #[test]
    fn every_label_a_full_record_states_has_a_text_label_and_each_step_a_line() {
        let c: Capture = serde_json::from_value(serde_json::json!({
            "kind": "web_page", "source_url": "https://a.example/", "final_url": "https://b.example/",
            "platform": "P", "account_handle": "@h", "account_id": "42", "object_id": "77",
            "captured_at": "2026-01-01T00:00:00Z", "clock_source": "NTP",
            "methods": ["screenshot"], "tool": {"name": "T", "version": "1"},
            "environment": {"os": "D", "browser": "B", "user_agent": "U", "egress_ip": "192.0.2.1",
                            "exit_jurisdiction": "FR", "note": "n"},
            "access_steps": ["open", "scroll"], "operators": ["a-1"], "witnesses": ["a-2"],
            "authorisation": "auth-1", "alterations": ["x"], "note": "n"
        }))
        .expect("a capture record");
        let text_label = crate::wording::render::capture::text_label;
        for f in facts(&c, &Actors::new()) {
            assert!(text_label(f.label).is_some(), "{:?} has no text label", f.label);
            for r in &f.value {
                if let Run::Label(l) = r {
                    assert!(text_label(*l).is_some(), "{l:?} has no text label");
                }
            }
            let lines = crate::court_report::plain_lines(&f.value, str::to_owned);
            if f.label == Label::CaptureSteps {
                assert_eq!(lines, ["1. open", "2. scroll"]);
            } else {
                assert_eq!(lines.len(), 1, "{:?}", f.label);
            }
            if f.label == Label::CaptureOn {
                assert_eq!(lines, ["P, account @h, id 42, object 77"]);
            }
        }
        // A label no capture record states has none: the text report never shows a court label.
        assert_eq!(text_label(Label::Verdict), None);
    }

    #[test]
    fn an_empty_record_has_no_fact_and_a_full_one_every_fact_once_in_order() {
        assert!(facts(&Capture::default(), &Actors::new()).is_empty());
        let c: Capture = serde_json::from_value(serde_json::json!({
            "kind": "web_page", "source_url": "https://a.example/", "final_url": "https://b.example/",
            "platform": "P", "captured_at": "2026-01-01T00:00:00Z", "clock_source": "NTP",
            "methods": ["screenshot", "html"], "tool": {"name": "T", "version": "1"},
            "environment": {"os": "Debian"}, "access_steps": ["open", "scroll"],
            "operators": ["a-1"], "witnesses": ["a-2"], "authorisation": "auth-1",
            "alterations": ["x", "y"], "note": "n"
        }))
        .expect("a capture record");
        let labels: Vec<Label> = facts(&c, &Actors::new()).iter().map(|f| f.label).collect();
        use Label as L;
        assert_eq!(
            labels,
            [
                L::CaptureKind,
                L::CaptureSource,
                L::CaptureFinalUrl,
                L::CaptureOn,
                L::CaptureAt,
                L::CaptureTool,
                L::CaptureMethods,
                L::CaptureClock,
                L::CaptureEnvironment,
                L::CaptureSteps,
                L::CaptureBy,
                L::CaptureWitnessedBy,
                L::CaptureUnder,
                L::CaptureAltered,
                L::CaptureAltered,
                L::CaptureNote,
            ]
        );
    }
}
