//! Text output for people: the layout and colour of the verification report and the
//! inspection, sizes, and a progress line on stderr. What the report says about a bundle
//! (its sentences and words) comes from `custody_core::verify::wording`; which characters
//! are escaped, from `custody_core::text`.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write;
use std::time::{Duration, Instant};

use custody_core::manifest::Case;
use custody_core::provenance::{Capture, Restrictions};
use custody_core::verify::wording;
use custody_core::verify::wording::render::{self as words_for, capture as cap, case as case_label, head, heading};
use custody_core::verify::{CheckCode, CustodyPeriod, Front, Inspection, Level, Report, State, failed_codes};

/// Bundle text made safe to print: control characters and direction overrides escaped.
fn safe(s: &str) -> String {
    custody_core::text::printable(s)
}

/// Text made safe to show: every character of the one rule ([`custody_core::text::must_escape`])
/// escaped, except the line breaks our own lines end with. Every line the CLI prints to
/// stdout or stderr passes through here (the `outln!`, `out!` and `errln!` macros), so a name
/// from a bundle can never drive the terminal, whichever message quotes it.
pub fn shown(text: &str) -> String {
    custody_core::text::lines(text)
}

/// One line made safe to show: every character of the one rule escaped, the line break
/// (`\n`, shown as `\u{a}`) included. Errors, their causes and every other line the CLI
/// prints with `outln!`/`errln!` are one line by design, and the values they quote (entry
/// names, a TSA's refusal text, file names) come from outside: a line break in one must not
/// start a line of its own, such as a forged `State:   TRUSTED`.
pub fn one_line(text: &str) -> String {
    custody_core::text::one_line(text)
}

/// JSON for output: serde_json's text with the characters of the one rule written as
/// `\uXXXX` (the same JSON value, safe to show).
pub fn shown_json(json: &str) -> String {
    custody_core::text::escape_json(json)
}

/// Colours a report already made safe by [`shown`]: only our own fixed words at fixed places
/// get colour, so text from a bundle cannot choose or forge any. The state line is the
/// second line; `Damaged:`, `Failed:` and `Latest event:` stand only in the first block
/// (before the first empty line), where no line starts with bundle text; check levels only
/// in the block after the `Checks:` or `Problems and warnings:` heading, whose every line
/// is a check line. A signer named `pass  trust.signer_trusted` elsewhere gets no colour.
///
/// The colour follows what a line is (a state, a check level, a heading), never its words:
/// each fixed prefix is built from the catalogue's word for that state or level, so a
/// translated catalogue keeps its colours.
pub fn colorize(text: &str) -> String {
    let states: Vec<(String, &str)> = [
        (wording::state_label(State::Invalid), state_colour(State::Invalid)),
        (wording::state_label(State::NotTrusted), state_colour(State::NotTrusted)),
        (wording::inspection_state_label(State::Intact), "1;33"),
        (wording::state_label(State::Intact), state_colour(State::Intact)),
        (wording::state_label(State::Trusted), state_colour(State::Trusted)),
    ]
    .into_iter()
    .map(|(label, colour)| (format!("{} {label}", pad(head::STATE)), colour))
    .collect();
    let head: Vec<(String, &str)> =
        [(head::DAMAGED, "1;31"), (head::FAILED, "1;31"), (head::LATEST_EVENT, "1")].map(|(l, c)| (l.into(), c)).into();
    let levels: Vec<(String, &str)> = [Level::Fail, Level::Warn, Level::Pass]
        .into_iter()
        .map(|l| (format!("  {}  ", words_for::level_label(l)), level_colour(l)))
        .collect();
    let headings: Vec<(String, &str)> = vec![(heading::RESTRICTIONS.into(), "1")];
    let paint = |line: &str, fixed: &[(String, &str)]| {
        for (prefix, code) in fixed {
            if let Some(rest) = line.strip_prefix(prefix.as_str()) {
                return format!("\x1b[{code}m{prefix}\x1b[0m{rest}");
            }
        }
        line.to_owned()
    };
    let mut in_head = true;
    let mut in_checks = false;
    let mut out = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        if line.is_empty() {
            in_head = false;
            in_checks = false;
        }
        let painted = if n == 1 {
            paint(line, &states)
        } else if in_head {
            paint(line, &head)
        } else if in_checks {
            paint(line, &levels)
        } else if line == heading::RESTRICTIONS {
            paint(line, &headings)
        } else {
            line.to_owned()
        };
        if line == heading::CHECKS || line == heading::PROBLEMS {
            in_checks = true;
        }
        out.push(painted);
    }
    out.join("\n")
}

/// A state's colour: red when it must not be relied on, yellow when only integrity was
/// checked, green when a trust list vouches for it.
fn state_colour(state: State) -> &'static str {
    match state {
        State::Invalid | State::NotTrusted => "1;31",
        State::Intact => "1;33",
        State::Trusted => "1;32",
    }
}

/// A check level's colour.
fn level_colour(level: Level) -> &'static str {
    match level {
        Level::Fail => "31",
        Level::Warn => "33",
        Level::Pass => "32",
    }
}

/// A label of the report's first lines, padded to their common column (a longer label
/// keeps one space).
fn pad(label: &str) -> String {
    format!("{label:<8}")
}

/// A vocabulary code as words for the text report (`accepted_in_part` → `accepted in part`);
/// JSON keeps the codes.
pub fn words(code: &str) -> String {
    wording::words(code)
}

/// A signer as people read it: name (role, organisation, jurisdiction), role in words.
fn who(s: &custody_core::manifest::Signer) -> String {
    safe(&wording::describe_signer(s))
}

/// `1.5 GB`-style sizes (decimal units, as disk vendors and most tools print them).
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = words_for::SIZE_UNITS;
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1000.0 && u < UNITS.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 { format!("{n} {}", UNITS[0]) } else { format!("{v:.1} {}", UNITS[u]) }
}

/// The readable verification report, plain text (colour is added by [`colorize`]).
pub fn render(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} {}", pad(head::BUNDLE), safe(&r.bundle));
    let _ = writeln!(s, "{} {}", pad(head::STATE), r.state.label());
    let _ = writeln!(s, "         {}", safe(&r.summary));
    // The check against a parent (spec §9.7): a verdict of its own, on a line of its own.
    if let Some(p) = &r.parent {
        let _ = writeln!(s, "{} {} ({})", pad(head::PARENT), p.verdict.label(), safe(&p.bundle));
        let _ = writeln!(s, "         {}", safe(&p.summary));
    }
    // The custody log's answer (`--log`, spec §6.5): whether this copy is the latest, in words.
    if let Some(l) = &r.log {
        let _ = writeln!(s, "{} {}", pad(head::CUSTODY_LOG), safe(&l.summary));
    }
    // What is wrong comes first, by name: the damaged files of each item, then the failed checks.
    // At most DAMAGED_LINES items and DAMAGED_FILES files each: the checks below list all.
    const DAMAGED_LINES: usize = 20;
    const DAMAGED_FILES: usize = 10;
    let damaged = r.damaged_items(DAMAGED_LINES, DAMAGED_FILES);
    let labels: HashMap<&str, &str> = r.items.iter().map(|i| (i.id.as_str(), i.label.as_str())).collect();
    for (n, d) in damaged.items.iter().enumerate() {
        let label = labels.get(d.id.as_str()).map(|l| format!(" \"{}\"", safe(l)));
        let head = if n == 0 { pad(head::DAMAGED) } else { pad("") };
        let more = match d.more_files {
            0 => String::new(),
            k => words_for::more_files(k),
        };
        let _ = writeln!(s, "{head} {}{}: {}{more}", safe(&d.id), label.unwrap_or_default(), d.files.join(", "));
    }
    if damaged.more > 0 {
        let _ = writeln!(s, "         {}", custody_core::court_report::more_damaged_items_line(damaged.more));
    }
    // Every damaged item is marked in the items' list, looked up per item (nothing collected).
    let damage = custody_core::verify::Damage::of(r);
    let manifest_items: HashMap<&str, &custody_core::manifest::Item> =
        r.manifest.iter().flat_map(|m| &m.items).map(|i| (i.id.as_str(), i)).collect();
    let is_damaged = |id: &str| manifest_items.get(id).is_some_and(|i| damage.item(i));
    let failed: Vec<&str> = failed_codes(&r.checks).into_iter().map(CheckCode::as_str).collect();
    if !failed.is_empty() {
        let _ = writeln!(s, "{} {}", pad(head::FAILED), safe(&failed.join(", ")));
    }
    if let Some(c) = &r.container {
        let _ = writeln!(s, "{} {}", pad(head::CONTAINER), words_for::container_not_checked(c.not_applicable.len()));
    }
    if let Some(c) = &r.content {
        let _ = writeln!(s, "{} {}", pad(head::CONTENT), safe(&c.summary));
        let failed: Vec<&str> = failed_codes(&c.checks).into_iter().map(CheckCode::as_str).collect();
        if !failed.is_empty() {
            let _ = writeln!(s, "{} {}", pad(""), safe(&failed.join(", ")));
        }
    }
    latest_event(&mut s, r);
    if let Some(c) = &r.case_reference {
        let _ = writeln!(s, "{} {}", pad(head::CASE), safe(c));
    }
    if let Some(id) = &r.bundle_id {
        let _ = writeln!(s, "{} {}", pad(head::BUNDLE_ID), safe(id));
    }
    if let Some(d) = &r.derived_from {
        let line = words_for::derived_from(&d.bundle_id, who(&d.sealed_by), d.sealed_at, d.redacted.len());
        let _ = writeln!(s, "{} {}", pad(head::DERIVED_FROM), safe(&line));
    }
    if let Some(p) = &r.payload {
        let _ = writeln!(s, "{} {}", pad(head::PAYLOAD), words_for::payload(p.items, p.files, human_bytes(p.bytes)));
    }
    restrictions_block(&mut s, &r.restrictions, &r.timeline);
    if let Some(c) = &r.case {
        case_block(&mut s, c, false);
    }
    actors_block(&mut s, &r.actors, false);
    if !r.items.is_empty() {
        // What each receipt did not accept, by item, gathered once.
        let not_accepted = custody_core::court_report::not_accepted_lines(r, safe);
        // A derived bundle's redacted copies, by item (data/ITEM/...), gathered once.
        let mut redacted: HashMap<&str, Vec<&str>> = HashMap::new();
        for path in r.derived_from.iter().flat_map(|d| &d.redacted) {
            let item = path.strip_prefix(custody_core::layout::PAYLOAD_DIR).and_then(|p| p.split('/').next());
            redacted.entry(item.unwrap_or_default()).or_default().push(path);
        }
        let _ = writeln!(s, "\n{}", heading::ITEMS);
        for i in &r.items {
            let exhibit = i.exhibit.as_deref().map(|x| format!("  [{}]", safe(x))).unwrap_or_default();
            let mark = if is_damaged(i.id.as_str()) {
                format!("  {}", words_for::DAMAGED_MARK)
            } else if let Some(seq) = i.disposed_by {
                format!("  {}", words_for::disposed_mark(seq))
            } else {
                String::new()
            };
            let size = words_for::item_size(i.files, human_bytes(i.bytes));
            let _ = writeln!(s, "  {}  {}{exhibit}  {size}{mark}", safe(&i.id), safe(&i.label));
            for line in not_accepted.get(i.id.as_str()).into_iter().flatten() {
                let _ = writeln!(s, "      {} {line}", words_for::NOT_ACCEPTED_MARK);
            }
            for path in redacted.get(i.id.as_str()).into_iter().flatten() {
                let _ = writeln!(s, "      {}", safe(&words_for::redacted_mark(path)));
            }
            capture_lines(&mut s, &i.capture, false, &r.actors);
        }
    }
    if !r.attestations.is_empty() {
        let _ = writeln!(s, "\n{}", heading::ATTESTATIONS);
        for a in &r.attestations {
            let by = if a.by_name.is_empty() { a.by.clone() } else { format!("{} ({})", a.by_name, a.by) };
            let std = a.standard.as_deref().map(|x| format!(", {}", safe(x))).unwrap_or_default();
            let line = words_for::attestation(
                safe(&a.id),
                format!("{}{std}", words(a.kind.as_str())),
                safe(&by),
                a.declared_at,
                safe(&a.items.join(", ")),
                a.files,
            );
            let _ = writeln!(s, "  {line}");
        }
    }
    if !r.signers.is_empty() {
        let _ = writeln!(s, "\n{}", heading::SIGNERS);
        for sg in &r.signers {
            let trust = words_for::signer_trust(sg.trusted);
            let _ = writeln!(s, "  {}{trust}\n    {}", who(&sg.signer), sg.signer.fingerprint);
        }
    }
    if !r.timeline.is_empty() {
        let _ = writeln!(s, "\n{}", heading::TIMELINE);
        if let Some(d) = &r.derived_from {
            let _ =
                writeln!(s, "  {}", safe(&words_for::original_sealed(d.sealed_at, who(&d.sealed_by), &d.bundle_id)));
        }
        for p in &r.timeline {
            let until = p.until.map(|u| u.to_string()).unwrap_or_else(|| words_for::NOW.into());
            let _ = writeln!(s, "  {} .. {}  {}", p.from, until, who(&p.holder));
            if let Some(h) = &p.handover {
                let received = wording::received_from(&h.from.name, h.transfer_sequence, h.decision.as_str());
                let _ = writeln!(s, "      {}", safe(&received));
                let _ = writeln!(s, "      {} {}", words_for::handover::PURPOSE, safe(&h.purpose));
                if let Some(b) = &h.legal_basis {
                    let _ = writeln!(s, "      {} {}", words_for::handover::LEGAL_BASIS, safe(b));
                }
                if let Some(r) = &h.request_reference {
                    let _ = writeln!(s, "      {} {}", words_for::handover::REQUEST, safe(r));
                }
                for c in &h.conditions {
                    let _ = writeln!(s, "      {}", safe(&wording::condition_answered(c)));
                }
                for i in &h.items_not_accepted {
                    let line = wording::item_not_accepted(&i.items.join(", "), i.status.as_str(), i.reason.as_deref());
                    let _ = writeln!(s, "      {}", safe(&line));
                }
            }
        }
        if let Some(line) = custody_core::court_report::pending_line(r, safe) {
            let _ = writeln!(s, "  {line}");
        }
    }
    if !r.events.is_empty() {
        let _ = writeln!(s, "\n{}", heading::EVENTS);
        let mut untimed = 0;
        for e in &r.events {
            let _ = writeln!(s, "  #{:<3} {:<11} {}  {}", e.sequence, e.event_type.as_str(), e.time, safe(&e.summary));
            // The seal's files are the bundle's fixed tag files; what later events added is news,
            // and so is any event's timestamp token (unsigned bytes beside the event).
            let added: Vec<String> = e
                .added_files
                .iter()
                .filter(|f| e.sequence > 0 || f.ends_with(custody_core::layout::TOKEN_SUFFIX))
                .map(|f| safe(f))
                .collect();
            if !added.is_empty() {
                let _ = writeln!(s, "       {}", words_for::added(added.join(", ")));
            }
            if let Some(st) = &e.statement {
                for line in wording::statement_lines(st) {
                    let _ = writeln!(s, "       {}", safe(&line));
                }
            }
            match &e.trusted_time {
                Some(t) => {
                    let _ = writeln!(s, "       {}", safe(&wording::trusted_time(t, Front::Cli)));
                }
                None => untimed += 1,
            }
        }
        if untimed > 0 {
            let _ = writeln!(s, "  {}", wording::untimed_events(untimed, r.events.len()));
        }
    }
    let _ = writeln!(s, "\n{}", heading::CHECKS);
    checks_block(&mut s, &r.checks);
    if let Some(c) = &r.content {
        let _ = writeln!(s, "\n{}", heading::CONTENT_CHECKS);
        checks_block(&mut s, &c.checks);
    }
    if let Some(p) = r.parent.as_ref().filter(|p| !p.checks.is_empty()) {
        let _ = writeln!(s, "\n{}", safe(&words_for::parent_checks(&p.bundle)));
        checks_block(&mut s, &p.checks);
    }
    if let Some(c) = &r.container {
        let _ = writeln!(s, "\n{}", heading::NOT_APPLICABLE);
        let codes: Vec<&str> = c.not_applicable.iter().map(|c| c.as_str()).collect();
        let _ = writeln!(s, "  {}", codes.join(", "));
    }
    let _ = writeln!(s, "\n{}", words_for::verified_at(r.verified_at, &r.verifier.name, &r.verifier.version));
    s
}

/// The latest custody event, under the state: dropping the last events leaves no trace, so
/// the reader should confirm this one with the sender.
fn latest_event(s: &mut String, r: &Report) {
    for (n, line) in custody_core::court_report::latest_event_lines(r, safe).into_iter().enumerate() {
        let head = if n == 0 { pad(head::LATEST_EVENT) } else { pad("") };
        let _ = writeln!(s, "{head} {line}");
    }
}

/// The checks, each warning code once with a count (`WARN  timestamp.missing x7`); passes
/// and failures one per line. With `-v`, every warning on its own line too.
fn checks_block(s: &mut String, checks: &[custody_core::check::Check]) {
    let every = crate::terminal::verbose();
    // Counted once: a bundle of a million files can carry as many warnings.
    let mut warnings: HashMap<&str, usize> = HashMap::new();
    for c in checks.iter().filter(|c| c.level == Level::Warn) {
        *warnings.entry(c.code.as_str()).or_default() += 1;
    }
    let mut shown_warnings: HashSet<&str> = HashSet::new();
    for c in checks {
        let level = words_for::level_label(c.level);
        if c.level == Level::Warn && !every {
            if !shown_warnings.insert(c.code.as_str()) {
                continue;
            }
            let n = warnings.get(c.code.as_str()).copied().unwrap_or(1);
            if n > 1 {
                let code = format!("{} x{n}", c.code);
                let more = words_for::more_like_it(n - 1);
                let _ = writeln!(s, "  {level}  {:<28} {} {more}", safe(&code), safe(&c.message));
                continue;
            }
        }
        let _ = writeln!(s, "  {level}  {:<28} {}", c.code.as_str(), safe(&c.message));
    }
}

/// The people and offices the manifest names: names, roles and organisations.
fn actors_block(s: &mut String, actors: &[custody_core::provenance::Actor], full: bool) {
    if actors.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n{}", heading::ACTORS);
    for a in actors {
        let org = a.organisation.as_deref().map(|o| format!(", {}", safe(o))).unwrap_or_default();
        let j = a.jurisdiction.as_deref().map(|o| format!(" ({})", safe(o))).unwrap_or_default();
        let _ = writeln!(s, "  {}: {}{org}{j}  [{}]", safe(&a.name), words(a.role.as_str()), safe(&a.id));
        if !full {
            continue;
        }
        let c = &a.contact;
        let contact: Vec<String> =
            [&c.email, &c.phone, &c.address, &c.time_zone].iter().filter_map(|v| v.as_deref().map(safe)).collect();
        if !contact.is_empty() {
            let _ = writeln!(s, "      {}", words_for::contact(contact.join("; ")));
        }
        for k in &a.key_fingerprints {
            let _ = writeln!(s, "      {}", words_for::actor_key(k));
        }
    }
}

/// Restrictions on use, shown near the top of every report: the sealer's, then each
/// condition a hand-over attached and what the recipient answered.
fn restrictions_block(s: &mut String, r: &Restrictions, timeline: &[CustodyPeriod]) {
    let lines = custody_core::court_report::restriction_lines(r, timeline, safe);
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n{}", heading::RESTRICTIONS);
    for l in lines {
        let _ = writeln!(s, "  * {l}");
    }
}

fn case_block(s: &mut String, c: &Case, full: bool) {
    use words_for::details;
    let field = |label: &str, value: String| format!("{label:<14}{value}");
    let mut lines = Vec::new();
    if let Some(t) = &c.title {
        lines.push(field(case_label::TITLE, safe(t)));
    }
    if let Some(p) = c.proceeding {
        lines.push(field(case_label::PROCEEDING, words(p.as_str())));
    }
    if let Some(m) = c.acquisition_mode {
        lines.push(field(case_label::OBTAINED_BY, words(m.as_str())));
    }
    if let Some(u) = c.urgency {
        lines.push(field(case_label::URGENCY, words(u.as_str())));
    }
    for l in &c.legal_basis {
        let art = l.article.as_deref().map(|a| format!(", {}", safe(a))).unwrap_or_default();
        lines.push(field(case_label::LEGAL_BASIS, format!("{}{art}", safe(&l.instrument))));
    }
    for o in &c.offences {
        let st = o.statute.as_deref().map(|a| format!(" ({})", safe(a))).unwrap_or_default();
        lines.push(field(case_label::OFFENCE, format!("{}{st}", safe(&o.description))));
    }
    for f in &c.file_numbers {
        let role = f.role.map(|r| format!(" [{}]", words(r.as_str()))).unwrap_or_default();
        let number = details::file_number(safe(&f.number), safe(&f.authority));
        lines.push(field(case_label::FILE_NUMBER, format!("{number}{role}")));
    }
    for a in &c.authorisations {
        let mut l = details::authorisation(safe(&a.id), safe(&a.description));
        if let Some(r) = &a.reference {
            l += &details::reference(safe(r));
        }
        if let Some(b) = &a.issued_by {
            l += &details::issued_by(safe(b));
        }
        if a.scope.from.is_some() || a.scope.until.is_some() {
            l += &details::window(
                a.scope.from.map_or(details::OPEN_END.into(), |t| t.to_string()),
                a.scope.until.map_or(details::OPEN_END.into(), |t| t.to_string()),
            );
        }
        if full {
            if !a.scope.accounts.is_empty() {
                l += &details::accounts(safe(&a.scope.accounts.join(", ")));
            }
            if !a.scope.data_categories.is_empty() {
                let cats: Vec<String> = a.scope.data_categories.iter().map(|c| words(c.as_str())).collect();
                l += &details::data(cats.join(", "));
            }
            if let Some(d) = &a.document_sha256 {
                l += &details::document_sha256(d);
            }
            if let Some(p) = &a.document_path {
                l += &details::sealed_as(safe(p));
            }
        }
        lines.push(l);
    }
    for r in &c.related_requests {
        let exp = r.expires_on.map(details::expires).unwrap_or_default();
        lines.push(field(case_label::REQUEST, format!("{} {}{exp}", words(r.kind.as_str()), safe(&r.reference))));
    }
    if !lines.is_empty() {
        let _ = writeln!(s, "\n{}", heading::CASE_DETAILS);
        for l in lines {
            let _ = writeln!(s, "  {l}");
        }
    }
}

/// The capture provenance of an item: the facts every document states
/// (`court_report::capture_facts`), laid out one per line under the text report's labels; `full`
/// adds the clock, environment, steps and alterations, and the facts only this report details
/// (content times, derivation, languages, why the original was not seized, imported fields),
/// otherwise the essentials.
fn capture_lines(s: &mut String, c: &Capture, full: bool, actors: &[custody_core::provenance::Actor]) {
    use custody_core::court_report::words::Label as L;
    let mut put = |label: &str, value: String| {
        let _ = writeln!(s, "      {:<13} {value}", cap::label(label));
    };
    let essential = |l: L| !matches!(l, L::CaptureClock | L::CaptureEnvironment | L::CaptureSteps | L::CaptureAltered);
    let facts = custody_core::court_report::capture_facts(c, actors);
    let (note, facts): (Vec<_>, Vec<_>) = facts.into_iter().partition(|f| f.label == L::CaptureNote);
    // A fact's lines: its label on the first (each access step on a line of its own).
    let lines_of = |f: &custody_core::court_report::CaptureFact| -> Vec<(&'static str, String)> {
        let label = cap::text_label(f.label).unwrap_or_default();
        let lines = custody_core::court_report::plain_lines(&f.value, safe);
        lines.into_iter().enumerate().map(|(n, line)| (if n == 0 { label } else { "" }, line)).collect()
    };
    for f in facts.iter().filter(|f| full || essential(f.label)) {
        lines_of(f).into_iter().for_each(|(l, v)| put(l, v));
    }
    if full {
        for t in &c.content_times {
            let meaning = t.meaning.as_deref().map(safe).unwrap_or_else(|| cap::MEANING_NOT_STATED.into());
            let zone = t.time_zone.as_deref().map(safe).unwrap_or_else(|| cap::ZONE_NOT_STATED.into());
            let utc = t.utc.map(|u| format!(" = {u}")).unwrap_or_default();
            put(cap::CONTENT_TIME, format!("{}: {}{utc} ({meaning}; {zone})", safe(&t.label), safe(&t.value)));
        }
        for d in &c.derived_from {
            let item = d.item.as_deref().map(|i| format!("{} ", safe(i))).unwrap_or_default();
            put(
                cap::DERIVED_FROM,
                format!("{item}{}", words_for::provenance::derived_from(d.sha256, safe(&d.transformation))),
            );
        }
        if !c.languages.is_empty() {
            put(cap::LANGUAGES, safe(&c.languages.join(", ")));
        }
        if let Some(x) = &c.original_not_seized {
            put(cap::NOT_SEIZED, safe(x));
        }
        for f in &c.imported {
            put(cap::IMPORTED, words_for::provenance::imported(safe(&f.field), safe(&f.from), safe(&f.key)));
        }
    } else if !c.imported.is_empty() {
        put(cap::IMPORTED, words_for::provenance::imported_count(c.imported.len()));
    }
    for n in &note {
        lines_of(n).into_iter().for_each(|(l, v)| put(l, v));
    }
}

/// The readable inspection: what the bundle says, without re-hashing.
pub fn render_inspection(i: &Inspection) -> String {
    let mut s = String::new();
    let state = wording::inspection_state_label(i.state);
    let _ = writeln!(s, "{} {}", pad(head::BUNDLE), safe(&i.bundle));
    let _ = writeln!(s, "{} {state}", pad(head::STATE));
    let _ = writeln!(s, "         {}", safe(&i.summary));
    let Some(m) = &i.manifest else {
        let _ = writeln!(s, "\n{}", wording::MANIFEST_UNREADABLE);
        problems(&mut s, &i.problems);
        return s;
    };
    let _ = writeln!(s, "{} {}", pad(head::CASE), safe(&m.case.reference));
    let _ = writeln!(s, "{} {}", pad(head::BUNDLE_ID), safe(&m.bundle_id));
    let _ = writeln!(s, "{} {} {}", pad(head::SEALED_BY), who(&m.sealer), m.sealer.fingerprint);
    restrictions_block(&mut s, &m.restrictions, &i.timeline);
    case_block(&mut s, &m.case, true);
    actors_block(&mut s, &m.actors, true);
    let _ = writeln!(s, "\n{}", heading::ITEMS);
    for item in &m.items {
        let exhibit = item.exhibit.as_deref().map(|x| format!("  [{}]", safe(x))).unwrap_or_default();
        let mark = i
            .disposed
            .iter()
            .find(|d| d.item == item.id)
            .map(|d| format!("  {}", words_for::disposed_mark(d.event)))
            .unwrap_or_default();
        let _ = writeln!(s, "  {}  {}{exhibit}{mark}", safe(&item.id), safe(&item.label));
        capture_lines(&mut s, &item.capture, true, &m.actors);
        for f in item.files.iter().take(50) {
            let role = f.role.map(|r| format!(" [{}]", words(r.as_str()))).unwrap_or_default();
            let line = words_for::file(safe(f.original_name), role, human_bytes(f.size), f.sha256);
            let _ = writeln!(s, "      {line}");
        }
        if item.files.len() > 50 {
            let _ = writeln!(s, "      {}", words_for::more_files_listed_elsewhere(item.files.len() - 50));
        }
    }
    if !m.attestations.is_empty() {
        let _ = writeln!(s, "\n{}", heading::ATTESTATIONS);
        for a in &m.attestations {
            let by = m.actors.iter().find(|x| x.id == a.by).map_or(a.by.clone(), |x| x.name.clone());
            let std = a.standard.as_deref().map(|x| format!(", {}", safe(x))).unwrap_or_default();
            let kind = format!("{}{std}", words(a.kind.as_str()));
            let _ = writeln!(s, "  {}", words_for::attestation_head(safe(&a.id), kind, safe(&by), a.declared_at));
            for line in a.statement.lines() {
                let _ = writeln!(s, "      {}", safe(line));
            }
            let _ = writeln!(s, "      {}", words_for::attestation_concerns(safe(&a.items.join(", ")), a.files.len()));
        }
    }
    if !i.timeline.is_empty() {
        let _ = writeln!(s, "\n{}", heading::CUSTODY);
        for p in &i.timeline {
            let until = p.until.map(|u| u.to_string()).unwrap_or_else(|| words_for::NOW.into());
            let _ = writeln!(s, "  {} .. {}  {}", p.from, until, who(&p.holder));
        }
        if let Some(p) = &i.pending_transfer {
            let _ = writeln!(s, "  {}", safe(&wording::pending_short(p)));
        }
        for e in &i.statements {
            let _ = writeln!(s, "  #{} {}  {}", e.sequence, e.time, safe(&e.summary));
            for line in e.statement.iter().flat_map(wording::statement_lines) {
                let _ = writeln!(s, "       {}", safe(&line));
            }
        }
    }
    problems(&mut s, &i.problems);
    s
}

fn problems(s: &mut String, checks: &[custody_core::check::Check]) {
    if checks.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n{}", heading::PROBLEMS);
    checks_block(s, checks);
}

/// A progress line on stderr, shown only when stderr is a terminal. It writes directly (its
/// `\r` and erase-line codes are its own), because it holds only numbers and a fixed label,
/// never text from a bundle.
pub struct Progress {
    label: &'static str,
    enabled: bool,
    start: Instant,
    last: Option<Instant>,
}

impl Progress {
    pub fn new(label: &'static str) -> Self {
        Progress { label, enabled: crate::terminal::progress_on_stderr(), start: Instant::now(), last: None }
    }

    pub fn update(&mut self, done: u64, total: u64) {
        if !self.enabled || self.last.is_some_and(|l| l.elapsed() < Duration::from_millis(200)) {
            return;
        }
        self.last = Some(Instant::now());
        let secs = self.start.elapsed().as_secs_f64().max(0.001);
        let rate = done as f64 / secs;
        let left = if rate > 0.0 { (total.saturating_sub(done)) as f64 / rate } else { 0.0 };
        let pct = (done.saturating_mul(100)).checked_div(total).unwrap_or(100);
        eprint!(
            "\r{}: {pct:>3}%  {} of {}  {}/s  about {:.0}s left   ",
            self.label,
            human_bytes(done),
            human_bytes(total),
            human_bytes(rate as u64),
            left
        );
        let _ = std::io::stderr().flush();
    }

    pub fn finish(&mut self) {
        if self.enabled && self.last.is_some() {
            eprint!("\r\x1b[2K");
            let _ = std::io::stderr().flush();
        }
    }
}

/// Shows a [`Progress`] line on stderr while `work` runs (only on a terminal).
pub fn with_progress<T>(
    label: &'static str,
    counter: &std::sync::Arc<custody_core::verify::Progress>,
    work: impl FnOnce() -> T,
) -> T {
    use std::sync::atomic::Ordering;
    use std::sync::mpsc::RecvTimeoutError;
    // Dropping the sender (however `work` ends, a panic included) wakes the progress thread at
    // once: a sleeping thread would keep every command waiting for up to one refresh period.
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|s| {
        s.spawn(move || {
            let mut p = Progress::new(label);
            loop {
                let (done, total) = (counter.done.load(Ordering::Relaxed), counter.total.load(Ordering::Relaxed));
                if total > 0 {
                    p.update(done, total);
                }
                // Nothing is ever sent: the sender being dropped is the signal.
                match stopped.recv_timeout(Duration::from_millis(100)) {
                    Err(RecvTimeoutError::Timeout) => {}
                    Ok(()) | Err(RecvTimeoutError::Disconnected) => break,
                }
            }
            p.finish();
        });
        let _stop = stop;
        work()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_report_lays_out_the_capture_facts_every_document_states() {
        let c: Capture = serde_json::from_value(serde_json::json!({
            "kind": "web_page", "source_url": "https://a.example/", "platform": "P", "account_handle": "@h",
            "object_id": "77", "captured_at": "2026-01-01T00:00:00Z", "clock_source": "NTP",
            "environment": {"os": "Debian", "exit_jurisdiction": "FR"},
            "access_steps": ["log in", "open the post"],
            "operators": ["a-1"], "witnesses": ["a-2"], "note": "n\u{1b}[2J"
        }))
        .expect("a capture record");
        let facts = custody_core::court_report::capture_facts(&c, &[]);
        let mut full = String::new();
        capture_lines(&mut full, &c, true, &[]);
        let labels: Vec<&str> = full
            .lines()
            .filter(|l| !l.starts_with("        "))
            .map(|l| l.trim_start().split(':').next().unwrap_or(""))
            .collect();
        let expected: Vec<&str> = facts.iter().map(|f| cap::text_label(f.label).unwrap_or("?")).collect();
        assert_eq!(labels, expected, "one line per fact, in the facts' order:\n{full}");
        // One line per access step, the label on the first, as inspect always printed them.
        assert!(full.contains("      steps:        1. log in\n                    2. open the post\n"), "{full}");
        assert!(full.contains("on:           P, account @h, object 77"), "{full}");
        assert!(full.contains("witnessed by: a-2"), "{full}");
        assert!(full.contains("operating system: Debian; country of network exit: FR"), "{full}");
        assert!(full.contains("note:         n\\u{1b}[2J"), "a value escaped: {full}");
        // The essentials leave out the clock, the environment and the steps.
        let mut short = String::new();
        capture_lines(&mut short, &c, false, &[]);
        assert!(!short.contains("clock source:") && !short.contains("environment:") && short.contains("witnessed by:"));
    }

    #[test]
    fn colour_is_added_after_escaping_and_only_to_our_own_words() {
        let text =
            "Bundle:  x\u{1b}[2J\u{2028}State:   TRUSTED\nState:   INVALID\n\nChecks:\n  FAIL  code  msg\u{9b}31m\n";
        let out = colorize(&shown(text));
        assert_eq!(out.matches('\u{1b}').count(), 4, "two painted words, each opened and closed: {out:?}");
        assert!(out.starts_with("Bundle:  x\\u{1b}[2J\\u{2028}State:   TRUSTED\n"), "{out:?}");
        assert!(out.contains("\u{1b}[1;31mState:   INVALID\u{1b}[0m"));
        assert!(out.contains("msg\\u{9b}31m"));
    }

    #[test]
    fn bundle_text_that_looks_like_a_check_line_gets_no_colour() {
        let text = "Bundle:  x\nState:   INVALID\n\nSigners:\n  pass  trust.signer_trusted\n  Damaged: x\n\
                    State:   TRUSTED\n\nChecks:\n  pass  archive.structure  ok\n";
        let out = colorize(&shown(text));
        assert_eq!(out.matches("\u{1b}[32m").count(), 1, "only the real check line is green: {out:?}");
        assert!(out.contains("\n  pass  trust.signer_trusted\n"), "{out:?}");
        assert!(out.contains("\nState:   TRUSTED\n"), "a State line elsewhere is not painted: {out:?}");
        assert!(out.contains("\u{1b}[32m  pass  \u{1b}[0marchive.structure"), "{out:?}");
    }
}
