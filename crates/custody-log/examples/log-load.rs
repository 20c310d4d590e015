//! The custody log's load client (bench/log-load.sh, docs/performance.md): `--clients` threads
//! (default 16) submit `--events` distinct events over HTTP to the served log(s) at `--url`
//! (comma-separated: client `t` uses URL `t mod n`), each through custody-core's own
//! `LogClient`, with real leaf values (`tlog::leaf`: the HMACs of a bundle id, a sequence
//! number, an event's SHA-256 and a signer fingerprint under a bundle salt). Every receipt is
//! checked: its checkpoint opened with the log's verifier key (`--vkey FILE`) and its inclusion
//! proof verified. Prints the throughput and the latency percentiles of one submission.
//! With `--acked FILE` it writes the slot of every acknowledged event (hex, one a line); with
//! `--until-error` a client stops at its first failed submission (the crash tests kill the
//! server under it) instead of failing the run.
//!
//! `cargo run --release -p custody-log --example log-load -- --url http://127.0.0.1:8080
//! --vkey log.vkey --events 10000`

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use custody_core::commit::merkle::{leaf_hash, verify_inclusion};
use custody_core::keys::note::VerifierKey;
use custody_core::tlog::leaf::{event, signer, slot};
use custody_core::tlog::{Checkpoint, Claim, Kind, LeafInput, LogClient};

struct Args {
    urls: Vec<String>,
    vkey: VerifierKey,
    events: u64,
    clients: u64,
    acked: Option<String>,
    until_error: bool,
    run: u64,
}

fn args() -> Result<Args, String> {
    let mut a = std::env::args().skip(1);
    let (mut urls, mut vkey, mut events, mut clients, mut acked, mut until_error, mut run) =
        (None, None, 10_000u64, 16u64, None, false, 0u64);
    while let Some(flag) = a.next() {
        let mut value = || a.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--url" => urls = Some(value()?.split(',').map(str::to_owned).collect::<Vec<_>>()),
            "--vkey" => {
                let p = value()?;
                let text = std::fs::read_to_string(&p).map_err(|e| format!("{p}: {e}"))?;
                vkey = Some(VerifierKey::parse(text.trim()).map_err(|e| format!("{p}: {e}"))?);
            }
            "--events" => events = value()?.parse().map_err(|e| format!("--events: {e}"))?,
            "--clients" => clients = value()?.parse().map_err(|e| format!("--clients: {e}"))?,
            "--acked" => acked = Some(value()?),
            // Distinct events per run: a second run on the same log adds, not resubmits.
            "--run" => run = value()?.parse().map_err(|e| format!("--run: {e}"))?,
            "--until-error" => until_error = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let urls = urls.ok_or("--url is required")?;
    let vkey = vkey.ok_or("--vkey is required")?;
    if clients == 0 || urls.is_empty() {
        return Err("--clients and --url must not be empty".into());
    }
    Ok(Args { urls, vkey, events, clients, acked, until_error, run })
}

/// The claim of event `n` of this run: bundle `n`'s first event, with real leaf values.
fn claim(run: u64, n: u64) -> (Claim, LeafInput) {
    let salt = leaf_hash(&[b"load-salt", &run.to_be_bytes(), &n.to_be_bytes()]);
    let mut bundle = [0u8; 16];
    bundle[..8].copy_from_slice(&run.to_be_bytes());
    bundle[8..].copy_from_slice(&n.to_be_bytes());
    let event_sha = leaf_hash(&[b"signed event", &bundle]);
    let fingerprint = leaf_hash(&[b"signer key", &(n % 97).to_be_bytes()]);
    let leaf = LeafInput {
        kind: Kind::Event,
        slot: slot(&salt, &bundle, 1),
        event: event(&salt, 1, &event_sha),
        signer: signer(&salt, 1, &fingerprint),
    };
    (Claim { slot: leaf.slot, event: leaf.event, signer: leaf.signer, from: None }, leaf)
}

/// What one client did: latencies of acknowledged submissions, their slots, failures.
struct Done {
    latencies: Vec<Duration>,
    slots: Vec<String>,
    failed: Vec<String>,
}

fn client(a: &Args, t: u64) -> Done {
    let mut done = Done { latencies: Vec::new(), slots: Vec::new(), failed: Vec::new() };
    let url = &a.urls[(t % a.urls.len() as u64) as usize];
    let log = match LogClient::new(url) {
        Ok(l) => l,
        Err(e) => {
            done.failed.push(e.to_string());
            return done;
        }
    };
    for n in (t..a.events).step_by(a.clients as usize) {
        let (c, leaf) = claim(a.run, n);
        let start = Instant::now();
        let r = log.submit_claim(&c);
        let took = start.elapsed();
        let checked = r.map_err(|e| e.to_string()).and_then(|r| {
            let cp = Checkpoint::open(r.checkpoint.as_bytes(), &a.vkey).map_err(|e| e.to_string())?;
            if !verify_inclusion(r.index, cp.size, &leaf.hash(), &r.inclusion, &cp.root) {
                return Err(format!("event {n}: the inclusion proof does not verify"));
            }
            Ok(())
        });
        match checked {
            Ok(()) => {
                done.latencies.push(took);
                done.slots.push(c.slot.iter().map(|b| format!("{b:02x}")).collect());
            }
            Err(e) => {
                done.failed.push(e);
                if a.until_error {
                    break;
                }
            }
        }
    }
    done
}

fn main() -> ExitCode {
    let a = match args() {
        Ok(a) => Arc::new(a),
        Err(e) => {
            eprintln!("log-load: {e}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let threads: Vec<_> = (0..a.clients)
        .map(|t| {
            let a = Arc::clone(&a);
            std::thread::spawn(move || client(&a, t))
        })
        .collect();
    let mut all = Done { latencies: Vec::new(), slots: Vec::new(), failed: Vec::new() };
    for t in threads {
        match t.join() {
            Ok(d) => {
                all.latencies.extend(d.latencies);
                all.slots.extend(d.slots);
                all.failed.extend(d.failed);
            }
            Err(_) => all.failed.push("a client thread panicked".into()),
        }
    }
    let secs = start.elapsed().as_secs_f64();
    if let Some(p) = &a.acked {
        let written = std::fs::File::create(p).and_then(|mut f| {
            all.slots.iter().try_for_each(|s| writeln!(f, "{s}"))?;
            f.sync_all()
        });
        if let Err(e) = written {
            eprintln!("log-load: {p}: {e}");
            return ExitCode::FAILURE;
        }
    }
    all.latencies.sort_unstable();
    let pct = |q: f64| {
        let l = &all.latencies;
        if l.is_empty() { 0.0 } else { l[((l.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3 }
    };
    println!(
        "acknowledged={} failed={} clients={} seconds={secs:.2} events_per_s={:.0} p50_ms={:.2} p99_ms={:.2} max_ms={:.2}",
        all.latencies.len(),
        all.failed.len(),
        a.clients,
        all.latencies.len() as f64 / secs,
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    if let Some(first) = all.failed.first() {
        eprintln!("log-load: first failure: {first}");
        if !a.until_error {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
