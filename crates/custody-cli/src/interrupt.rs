//! Ctrl-C and `kill`: an interrupted command removes its temporary files, says in one line
//! what was and was not written, and exits 130 (SIGINT) or 143 (SIGTERM).
//!
//! The work happens on a thread of its own, never in a signal handler: it waits until no
//! bundle is being changed in place (an update is never cut midway), removes every temporary
//! file and folder the command created, prints its line (giving up after a moment if stderr
//! is blocked, so a stuck pipe cannot hang it) and exits. A second signal while it does so
//! kills the process at once, as if custody had no handler. A signal that custody inherited
//! as ignored (a background job of a shell script) stays ignored.

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use signal_hook::consts::{SIGINT, SIGTERM};

/// Set while `custody log serve` serves: a stop then ends a server, not an update.
static SERVING: AtomicBool = AtomicBool::new(false);

/// Marks the process as a log server: SIGTERM then exits 0 (a service stopped as asked) and
/// the line says the log stopped with every acknowledged submission stored (each is answered
/// only after its batch is committed, so a stop at any moment loses none).
pub fn serving() {
    SERVING.store(true, Ordering::SeqCst);
}

/// Installs the handling of SIGINT and SIGTERM for the rest of the process.
pub fn install() {
    let signals: Vec<i32> = [SIGINT, SIGTERM].into_iter().filter(|&s| !inherited_ignored(s)).collect();
    if signals.is_empty() {
        return;
    }
    // Once the first signal is being handled, the next one does what it would without us.
    let second = Arc::new(AtomicBool::new(false));
    for &s in &signals {
        let _ = signal_hook::flag::register_conditional_default(s, second.clone());
    }
    let Ok(mut iter) = signal_hook::iterator::Signals::new(&signals) else { return };
    let spawned = std::thread::Builder::new().name("interrupt".into()).spawn(move || {
        if let Some(sig) = iter.forever().next() {
            second.store(true, Ordering::SeqCst);
            stop(sig);
        }
    });
    drop(spawned);
}

/// Whether `sig` was ignored when custody started (Linux: `SigIgn` in /proc/self/status).
fn inherited_ignored(sig: i32) -> bool {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return false };
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigIgn:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| sig > 0 && mask & (1u64 << (sig - 1)) != 0)
}

/// Cleans up after signal `sig` and exits with 128 + `sig`.
fn stop(sig: i32) -> ! {
    let done = custody_core::files::stop_for_interrupt();
    let name = if sig == SIGINT { "interrupted (Ctrl-C)" } else { "stopped (SIGTERM)" };
    let serving = SERVING.load(Ordering::SeqCst);
    let mut line = if serving {
        format!("custody log: {name}; the log stopped taking submissions, and every one it acknowledged is stored")
    } else if done.written.is_empty() {
        format!("custody: {name}; nothing was written, and its temporary files were removed")
    } else {
        let list: Vec<String> = done.written.iter().map(|p| p.display().to_string()).collect();
        format!(
            "custody: {name}; {} had been written completely before it; nothing else was written, and its temporary files were removed",
            list.join(", ")
        )
    };
    // A signed event kept for the custody log (issue #20) outlives the command: the next one
    // completes it, so say so (it may already be in the log).
    let suffix = custody_core::handover::PENDING_SUFFIX;
    for kept in done.written.iter().filter(|p| p.to_string_lossy().ends_with(suffix) && p.exists()) {
        let text = kept.to_string_lossy();
        let beside = text.strip_suffix(suffix).unwrap_or(&text);
        line.push_str(&format!(". {}", custody_core::tlog::wording::pending_after_interrupt(kept.display(), beside)));
    }
    for (path, e) in &done.not_removed {
        line.push_str(&format!(" (could not remove {}: {e}; delete it by hand)", path.display()));
    }
    // Written on another thread: a full or stuck stderr must not keep the process alive.
    let (said, wait) = std::sync::mpsc::channel::<()>();
    let _ = std::thread::Builder::new().name("interrupt-message".into()).spawn(move || {
        let mut err = std::io::stderr();
        // On a terminal, off the line a progress display may have left.
        let lead = if std::io::IsTerminal::is_terminal(&err) { "\n" } else { "" };
        let _ = writeln!(err, "{lead}{}", crate::report::shown(&line));
        let _ = err.flush();
        let _ = said.send(());
    });
    let _ = wait.recv_timeout(Duration::from_secs(2));
    std::process::exit(if serving && sig == SIGTERM { 0 } else { 128 + sig })
}
