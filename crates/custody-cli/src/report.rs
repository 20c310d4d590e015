//! Text output for people: the verification report, sizes, and a progress line on stderr.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use custody_core::manifest::Case;
use custody_core::provenance::{Capture, Restrictions};
use custody_core::verify::{CustodyPeriod, Inspection, Level, Report, State};

/// Bundle text made safe to print: control characters and direction overrides escaped.
fn safe(s: &str) -> String {
    custody_core::verify::printable(s)
}

/// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
pub fn use_color(stream: &impl IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn paint(on: bool, code: &str, text: &str) -> String {
    if on { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
}

/// `1.5 GB`-style sizes (decimal units, as disk vendors and most tools print them).
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "kB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1000.0 && u < UNITS.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 { format!("{n} bytes") } else { format!("{v:.1} {}", UNITS[u]) }
}

/// The readable verification report.
pub fn render(r: &Report, color: bool) -> String {
    let mut s = String::new();
    let state = match r.state {
        State::Invalid => paint(color, "1;31", "INVALID"),
        State::Intact => paint(color, "1;33", "INTACT"),
        State::Trusted => paint(color, "1;32", "TRUSTED"),
    };
    let _ = writeln!(s, "Bundle:  {}", safe(&r.bundle));
    let _ = writeln!(s, "State:   {state}");
    let _ = writeln!(s, "         {}", safe(&r.summary));
    if let Some(c) = &r.case_reference {
        let _ = writeln!(s, "Case:    {}", safe(c));
    }
    if let Some(id) = &r.bundle_id {
        let _ = writeln!(s, "Bundle id: {}", safe(id));
    }
    if let Some(p) = &r.payload {
        let _ = writeln!(s, "Payload: {} item(s), {} file(s), {}", p.items, p.files, human_bytes(p.bytes));
    }
    restrictions_block(&mut s, &r.restrictions, &r.timeline, color);
    if let Some(c) = &r.case {
        case_block(&mut s, c, false);
    }
    if !r.items.is_empty() {
        let _ = writeln!(s, "\nItems:");
        for i in &r.items {
            let exhibit = i.exhibit.as_deref().map(|x| format!("  [{}]", safe(x))).unwrap_or_default();
            let _ = writeln!(
                s,
                "  {}  {}{exhibit}  ({} file(s), {})",
                safe(&i.id),
                safe(&i.label),
                i.files,
                human_bytes(i.bytes)
            );
            capture_lines(&mut s, &i.capture, false);
        }
    }
    if !r.attestations.is_empty() {
        let _ = writeln!(s, "\nAttestations (sealed with the manifest):");
        for a in &r.attestations {
            let by = if a.by_name.is_empty() { a.by.clone() } else { format!("{} ({})", a.by_name, a.by) };
            let std = a.standard.as_deref().map(|x| format!(", {}", safe(x))).unwrap_or_default();
            let _ = writeln!(
                s,
                "  {} [{}{std}] by {} at {}, for {}; {} file digest(s)",
                safe(&a.id),
                a.kind,
                safe(&by),
                a.declared_at,
                safe(&a.items.join(", ")),
                a.files
            );
        }
    }
    if !r.signers.is_empty() {
        let _ = writeln!(s, "\nSigners:");
        for sg in &r.signers {
            let trust = match sg.trusted {
                Some(true) => paint(color, "32", " [trusted]"),
                Some(false) => paint(color, "31", " [NOT TRUSTED]"),
                None => String::new(),
            };
            let _ = writeln!(s, "  {}{trust}\n    {}", safe(&sg.signer.identity().describe()), sg.signer.fingerprint);
        }
    }
    if !r.timeline.is_empty() {
        let _ = writeln!(s, "\nCustody timeline:");
        for p in &r.timeline {
            let until = p.until.map(|u| u.to_string()).unwrap_or_else(|| "now".into());
            let _ = writeln!(s, "  {} .. {}  {}", p.from, until, safe(&p.holder.identity().describe()));
            if let Some(h) = &p.handover {
                let _ = writeln!(
                    s,
                    "      received from {} (transfer #{}): {}",
                    safe(&h.from.name),
                    h.transfer_sequence,
                    h.decision.as_str()
                );
                let _ = writeln!(s, "      purpose: {}", safe(&h.purpose));
                if let Some(b) = &h.legal_basis {
                    let _ = writeln!(s, "      legal basis: {}", safe(b));
                }
                if let Some(r) = &h.request_reference {
                    let _ = writeln!(s, "      request: {}", safe(r));
                }
                for c in &h.conditions {
                    let answer =
                        if c.accepted { paint(color, "32", "accepted") } else { paint(color, "31", "REFUSED") };
                    let why = c.reason.as_deref().map(|r| format!(" ({})", safe(r))).unwrap_or_default();
                    let _ =
                        writeln!(s, "      condition {} [{}] {answer}{why}: {}", c.id, c.kind.as_str(), safe(&c.text));
                }
                for i in &h.items_not_accepted {
                    let why = i.reason.as_deref().map(|r| format!(" ({})", safe(r))).unwrap_or_default();
                    let _ = writeln!(s, "      {} not accepted: {}{why}", safe(&i.item), i.status.as_str());
                }
            }
        }
        if let Some(p) = &r.pending_transfer {
            let _ = writeln!(
                s,
                "  pending since {}: transfer #{} to {} for {:?}, not yet received",
                p.since,
                p.sequence,
                safe(&p.to.identity().describe()),
                safe(&p.purpose)
            );
        }
    }
    if !r.events.is_empty() {
        let _ = writeln!(s, "\nCustody events:");
        for e in &r.events {
            let _ = writeln!(s, "  #{:<3} {:<8} {}  {}", e.sequence, e.event_type.as_str(), e.time, safe(&e.summary));
            // The seal's files are the bundle's fixed tag files; what later events added is news.
            if e.sequence > 0 && !e.added_files.is_empty() {
                let added: Vec<String> = e.added_files.iter().map(|f| safe(f)).collect();
                let _ = writeln!(s, "       added {}", added.join(", "));
            }
            match &e.trusted_time {
                Some(t) => {
                    let trust = if t.trusted {
                        String::new()
                    } else {
                        paint(color, "33", " [TSA NOT TRUSTED: use --tsa-roots]")
                    };
                    let _ = writeln!(
                        s,
                        "       trusted time {} from {} ({} s after the claimed time){trust}",
                        safe(&t.time),
                        safe(&t.tsa),
                        t.gap_seconds
                    );
                }
                None => {
                    let _ = writeln!(s, "       no trusted time (the time above is only the signer's claim)");
                }
            }
        }
    }
    let _ = writeln!(s, "\nChecks:");
    for c in &r.checks {
        let level = match c.level {
            Level::Pass => paint(color, "32", "pass"),
            Level::Warn => paint(color, "33", "WARN"),
            Level::Fail => paint(color, "31", "FAIL"),
        };
        let _ = writeln!(s, "  {level}  {:<28} {}", safe(&c.code), safe(&c.message));
    }
    let _ = writeln!(s, "\nVerified at {} by {} {}", r.verified_at, r.verifier.name, r.verifier.version);
    s
}

/// Restrictions on use, shown near the top of every report: the sealer's, then each
/// condition a hand-over attached and what the recipient answered.
fn restrictions_block(s: &mut String, r: &Restrictions, timeline: &[CustodyPeriod], color: bool) {
    let conditions: Vec<String> = timeline
        .iter()
        .filter_map(|p| p.handover.as_ref())
        .flat_map(|h| {
            h.conditions.iter().map(move |c| {
                let answer = if c.accepted { "accepted" } else { "REFUSED" };
                format!(
                    "{} ({}), set by {} at transfer #{}, {answer} by the recipient",
                    safe(&c.text),
                    c.kind.as_str(),
                    safe(&h.from.name),
                    h.transfer_sequence
                )
            })
        })
        .collect();
    let lines = r.describe();
    if lines.is_empty() && conditions.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n{}", paint(color, "1", "RESTRICTIONS ON USE"));
    for l in lines {
        let _ = writeln!(s, "  * {}", safe(&l));
    }
    for c in conditions {
        let _ = writeln!(s, "  * {c}");
    }
}

fn case_block(s: &mut String, c: &Case, full: bool) {
    let mut lines = Vec::new();
    if let Some(t) = &c.title {
        lines.push(format!("title:        {}", safe(t)));
    }
    if let Some(p) = c.proceeding {
        lines.push(format!("proceeding:   {p}"));
    }
    if let Some(m) = c.acquisition_mode {
        lines.push(format!("obtained by:  {m}"));
    }
    if let Some(u) = c.urgency {
        lines.push(format!("urgency:      {u}"));
    }
    for l in &c.legal_basis {
        let art = l.article.as_deref().map(|a| format!(", {}", safe(a))).unwrap_or_default();
        lines.push(format!("legal basis:  {}{art}", safe(&l.instrument)));
    }
    for o in &c.offences {
        let st = o.statute.as_deref().map(|a| format!(" ({})", safe(a))).unwrap_or_default();
        lines.push(format!("offence:      {}{st}", safe(&o.description)));
    }
    for f in &c.file_numbers {
        let role = f.role.map(|r| format!(" [{r}]")).unwrap_or_default();
        lines.push(format!("file number:  {} at {}{role}", safe(&f.number), safe(&f.authority)));
    }
    for a in &c.authorisations {
        let mut l = format!("authorisation {}: {}", safe(&a.id), safe(&a.description));
        if let Some(r) = &a.reference {
            l += &format!(", ref. {}", safe(r));
        }
        if let Some(b) = &a.issued_by {
            l += &format!(", by {}", safe(b));
        }
        if a.scope.from.is_some() || a.scope.until.is_some() {
            l += &format!(
                ", window {} to {}",
                a.scope.from.map_or("-".into(), |t| t.to_string()),
                a.scope.until.map_or("-".into(), |t| t.to_string())
            );
        }
        if full {
            if !a.scope.accounts.is_empty() {
                l += &format!(", accounts: {}", safe(&a.scope.accounts.join(", ")));
            }
            if !a.scope.data_categories.is_empty() {
                let cats: Vec<&str> = a.scope.data_categories.iter().map(|c| c.as_str()).collect();
                l += &format!(", data: {}", cats.join(", "));
            }
            if let Some(d) = &a.document_sha256 {
                l += &format!(", document sha256 {d}");
            }
            if let Some(p) = &a.document_path {
                l += &format!(" (sealed as {})", safe(p));
            }
        }
        lines.push(l);
    }
    for r in &c.related_requests {
        let exp = r.expires_on.map(|d| format!(", expires {d}")).unwrap_or_default();
        lines.push(format!("request:      {} {}{exp}", r.kind, safe(&r.reference)));
    }
    if !lines.is_empty() {
        let _ = writeln!(s, "\nCase details:");
        for l in lines {
            let _ = writeln!(s, "  {l}");
        }
    }
}

/// The capture provenance of an item; `full` adds everything, otherwise the essentials.
fn capture_lines(s: &mut String, c: &Capture, full: bool) {
    let mut put = |label: &str, value: String| {
        let _ = writeln!(s, "      {label:<13} {value}");
    };
    if let Some(k) = c.kind {
        put("kind:", k.to_string());
    }
    if let Some(u) = &c.source_url {
        put("source:", safe(u));
    }
    if let Some(u) = &c.final_url {
        put("final URL:", safe(u));
    }
    let account = [c.platform.as_deref(), c.account_handle.as_deref(), c.account_id.as_deref(), c.object_id.as_deref()];
    if account.iter().any(Option::is_some) {
        let v = [
            c.platform.as_deref().map(safe),
            c.account_handle.as_deref().map(|h| format!("account {}", safe(h))),
            c.account_id.as_deref().map(|h| format!("id {}", safe(h))),
            c.object_id.as_deref().map(|h| format!("object {}", safe(h))),
        ];
        put("on:", v.into_iter().flatten().collect::<Vec<_>>().join(", "));
    }
    if let Some(t) = &c.captured_at {
        let end = c.capture_end.map(|e| format!(" to {e}")).unwrap_or_default();
        put("captured:", format!("{t}{end}"));
    }
    if let Some(t) = &c.tool {
        let v = t.version.as_deref().map(|v| format!(" {}", safe(v))).unwrap_or_default();
        put("tool:", format!("{}{v}", safe(&t.name)));
    }
    if !c.methods.is_empty() {
        put("methods:", c.methods.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", "));
    }
    if !c.operators.is_empty() || !c.witnesses.is_empty() {
        let w =
            if c.witnesses.is_empty() { String::new() } else { format!("; witness {}", safe(&c.witnesses.join(", "))) };
        put("by:", format!("{}{w}", safe(&c.operators.join(", "))));
    }
    if let Some(a) = &c.authorisation {
        put("under:", format!("authorisation {}", safe(a)));
    }
    if full {
        if let Some(x) = &c.clock_source {
            put("clock:", safe(x));
        }
        let e = &c.environment;
        let env = [&e.os, &e.browser, &e.user_agent, &e.egress_ip, &e.exit_jurisdiction, &e.note];
        let env: Vec<String> = env.iter().filter_map(|v| v.as_deref().map(safe)).collect();
        if !env.is_empty() {
            put("environment:", env.join("; "));
        }
        for (i, step) in c.access_steps.iter().enumerate() {
            put(if i == 0 { "steps:" } else { "" }, format!("{}. {}", i + 1, safe(step)));
        }
        for t in &c.content_times {
            let meaning = t.meaning.as_deref().map(safe).unwrap_or_else(|| "meaning NOT STATED".into());
            let zone = t.time_zone.as_deref().map(safe).unwrap_or_else(|| "zone NOT STATED".into());
            let utc = t.utc.map(|u| format!(" = {u}")).unwrap_or_default();
            put("content time:", format!("{}: {}{utc} ({meaning}; {zone})", safe(&t.label), safe(&t.value)));
        }
        for a in &c.alterations {
            put("altered:", safe(a));
        }
        for d in &c.derived_from {
            let item = d.item.as_deref().map(|i| format!("{} ", safe(i))).unwrap_or_default();
            put("derived from:", format!("{item}sha256 {} by {}", d.sha256, safe(&d.transformation)));
        }
        if !c.languages.is_empty() {
            put("languages:", safe(&c.languages.join(", ")));
        }
        if let Some(x) = &c.original_not_seized {
            put("not seized:", safe(x));
        }
        for f in &c.imported {
            put("imported:", format!("{} from {} ({})", safe(&f.field), safe(&f.from), safe(&f.key)));
        }
    } else if !c.imported.is_empty() {
        put("imported:", format!("{} field(s) read from capture files", c.imported.len()));
    }
    if let Some(n) = &c.note {
        put("note:", safe(n));
    }
}

/// The readable inspection: what the bundle says, without re-hashing.
pub fn render_inspection(i: &Inspection, color: bool) -> String {
    let mut s = String::new();
    let state = match i.state {
        State::Invalid => paint(color, "1;31", "INVALID"),
        _ => paint(color, "1;33", "NOT RE-HASHED"),
    };
    let _ = writeln!(s, "Bundle:  {}", safe(&i.bundle));
    let _ = writeln!(s, "State:   {state}");
    let _ = writeln!(s, "         {}", safe(&i.summary));
    let Some(m) = &i.manifest else {
        let _ = writeln!(s, "\nThe manifest could not be read.");
        problems(&mut s, &i.problems, color);
        return s;
    };
    let _ = writeln!(s, "Case:    {}", safe(&m.case.reference));
    let _ = writeln!(s, "Bundle id: {}", safe(&m.bundle_id));
    let _ = writeln!(s, "Sealed by: {} {}", safe(&m.sealer.identity().describe()), m.sealer.fingerprint);
    restrictions_block(&mut s, &m.restrictions, &i.timeline, color);
    case_block(&mut s, &m.case, true);
    if !m.actors.is_empty() {
        let _ = writeln!(s, "\nActors:");
        for a in &m.actors {
            let org = a.organisation.as_deref().map(|o| format!(", {}", safe(o))).unwrap_or_default();
            let j = a.jurisdiction.as_deref().map(|o| format!(" ({o})")).unwrap_or_default();
            let _ = writeln!(s, "  {:<10} {}: {}{org}{j}", safe(&a.id), a.role, safe(&a.name));
            let c = &a.contact;
            let contact: Vec<String> =
                [&c.email, &c.phone, &c.address, &c.time_zone].iter().filter_map(|v| v.as_deref().map(safe)).collect();
            if !contact.is_empty() {
                let _ = writeln!(s, "             contact: {}", contact.join("; "));
            }
            for k in &a.key_fingerprints {
                let _ = writeln!(s, "             key: {k}");
            }
        }
    }
    let _ = writeln!(s, "\nItems:");
    for item in &m.items {
        let exhibit = item.exhibit.as_deref().map(|x| format!("  [{}]", safe(x))).unwrap_or_default();
        let _ = writeln!(s, "  {}  {}{exhibit}", safe(&item.id), safe(&item.label));
        capture_lines(&mut s, &item.capture, true);
        for f in item.files.iter().take(50) {
            let role = f.role.map(|r| format!(" [{r}]")).unwrap_or_default();
            let _ = writeln!(
                s,
                "      file: {}{role}  {}  sha256 {}",
                safe(&f.original_name),
                human_bytes(f.size),
                f.sha256
            );
        }
        if item.files.len() > 50 {
            let _ = writeln!(s, "      ... and {} more file(s) (--format json lists all)", item.files.len() - 50);
        }
    }
    if !m.attestations.is_empty() {
        let _ = writeln!(s, "\nAttestations (sealed with the manifest):");
        for a in &m.attestations {
            let by = m.actors.iter().find(|x| x.id == a.by).map_or(a.by.clone(), |x| x.name.clone());
            let std = a.standard.as_deref().map(|x| format!(", {}", safe(x))).unwrap_or_default();
            let _ = writeln!(s, "  {} [{}{std}] by {} at {}:", safe(&a.id), a.kind, safe(&by), a.declared_at);
            for line in a.statement.lines() {
                let _ = writeln!(s, "      {}", safe(line));
            }
            let _ = writeln!(s, "      concerns {}; {} file digest(s)", safe(&a.items.join(", ")), a.files.len());
        }
    }
    if !i.timeline.is_empty() {
        let _ = writeln!(s, "\nCustody:");
        for p in &i.timeline {
            let until = p.until.map(|u| u.to_string()).unwrap_or_else(|| "now".into());
            let _ = writeln!(s, "  {} .. {}  {}", p.from, until, safe(&p.holder.identity().describe()));
        }
        if let Some(p) = &i.pending_transfer {
            let _ = writeln!(s, "  pending: transfer #{} to {}", p.sequence, safe(&p.to.identity().describe()));
        }
    }
    problems(&mut s, &i.problems, color);
    s
}

fn problems(s: &mut String, checks: &[custody_core::verify::Check], color: bool) {
    if checks.is_empty() {
        return;
    }
    let _ = writeln!(s, "\nProblems and warnings:");
    for c in checks {
        let level = if c.level == Level::Fail { paint(color, "31", "FAIL") } else { paint(color, "33", "WARN") };
        let _ = writeln!(s, "  {level}  {:<28} {}", safe(&c.code), safe(&c.message));
    }
}

/// A progress line on stderr, shown only when stderr is a terminal.
pub struct Progress {
    label: &'static str,
    enabled: bool,
    start: Instant,
    last: Option<Instant>,
}

impl Progress {
    pub fn new(label: &'static str) -> Self {
        Progress { label, enabled: std::io::stderr().is_terminal(), start: Instant::now(), last: None }
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
