//! Text output for people: the verification report, sizes, and a progress line on stderr.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use custody_core::verify::{Level, Report, State};

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
    if !r.items.is_empty() {
        let _ = writeln!(s, "\nItems:");
        for i in &r.items {
            let _ =
                writeln!(s, "  {}  {}  ({} file(s), {})", safe(&i.id), safe(&i.label), i.files, human_bytes(i.bytes));
            let c = &i.capture;
            if let Some(u) = &c.source_url {
                let _ = writeln!(s, "      source:   {}", safe(u));
            }
            if let Some(t) = &c.captured_at {
                let _ = writeln!(s, "      captured: {t}");
            }
            if let Some(t) = &c.tool {
                let _ = writeln!(s, "      tool:     {}", safe(t));
            }
            if let Some(n) = &c.note {
                let _ = writeln!(s, "      note:     {}", safe(n));
            }
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
    let stop = std::sync::atomic::AtomicBool::new(false);
    /// Stops the progress thread however `work` ends, a panic included (else the scope
    /// would wait for it forever).
    struct Stop<'a>(&'a std::sync::atomic::AtomicBool);
    impl Drop for Stop<'_> {
        fn drop(&mut self) {
            self.0.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut p = Progress::new(label);
            while !stop.load(Ordering::Relaxed) {
                let (done, total) = (counter.done.load(Ordering::Relaxed), counter.total.load(Ordering::Relaxed));
                if total > 0 {
                    p.update(done, total);
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            p.finish();
        });
        let _stop = Stop(&stop);
        work()
    })
}
