//! Keys that never leave their device (issue #19.1): an Ed25519 key made on a PKCS#11 token
//! (SoftHSM2) and one held by a real `ssh-agent` seal, transfer and receive; the bundle
//! verifies with both verifiers exactly as one signed with key files; keys that are not
//! Ed25519, a wrong PIN, a missing key and a location file naming another key are refused
//! with nothing written.
//!
//! The tools come from Debian (softhsm2, openssh-client), which `.ci/run` installs and
//! where it sets CUSTODY_REQUIRE_DEVICES=1: there a missing tool fails the test; elsewhere the
//! test says what it skipped.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process};

use crate::common::Scratch;

const SOFTHSM_MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";

/// Whether `program` runs here; if not, the test is skipped (or fails where devices are required).
fn have(program: &str, probe: &[&str]) -> bool {
    let ok = Process::new(program).args(probe).output().is_ok();
    if !ok {
        assert!(
            std::env::var_os("CUSTODY_REQUIRE_DEVICES").is_none(),
            "{program} is required here (CUSTODY_REQUIRE_DEVICES is set) but cannot be run"
        );
        eprintln!("skipped: {program} is not installed (apt-get install softhsm2 openssh-client)");
    }
    ok
}

/// A real ssh-agent on a socket in the scratch folder, killed when dropped.
struct Agent {
    child: Child,
    socket: PathBuf,
}

impl Agent {
    fn start(dir: &Path) -> Agent {
        let socket = dir.join("agent.sock");
        let child = Process::new("ssh-agent").arg("-D").arg("-a").arg(&socket).spawn().unwrap();
        for _ in 0..200 {
            if socket.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        Agent { child, socket }
    }
    /// Makes a key of `kind` with ssh-keygen, adds it, and returns its SHA256 fingerprint.
    fn add(&self, dir: &Path, name: &str, kind: &str) -> String {
        let path = dir.join(name);
        let made = Process::new("ssh-keygen").args(["-q", "-t", kind, "-N", "", "-C", name, "-f"]).arg(&path).status();
        assert!(made.unwrap().success());
        let added = Process::new("ssh-add").arg("-q").arg(&path).env("SSH_AUTH_SOCK", &self.socket).status();
        assert!(added.unwrap().success());
        let listed = Process::new("ssh-keygen").arg("-lf").arg(path.with_extension("pub")).output().unwrap();
        let line = String::from_utf8(listed.stdout).unwrap();
        line.split_whitespace().nth(1).unwrap().to_owned()
    }
    fn remove_all(&self) {
        let status = Process::new("ssh-add").arg("-D").env("SSH_AUTH_SOCK", &self.socket).output().unwrap().status;
        assert!(status.success());
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A SoftHSM2 configuration with one initialised token, `custody`, user PIN 1234.
fn softhsm(s: &Scratch) -> PathBuf {
    let tokens = s.path("tokens");
    fs::create_dir_all(&tokens).unwrap();
    let conf = s.write("softhsm2.conf", &format!("directories.tokendir = {}\n", tokens.display()));
    let init = Process::new("softhsm2-util")
        .args(["--init-token", "--free", "--label", "custody", "--pin", "1234", "--so-pin", "5678"])
        .env("SOFTHSM2_CONF", &conf)
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    conf
}

/// Runs custody with the agent and the token configured; returns (exit code, stdout, stderr).
fn run(s: &Scratch, env: &[(&str, &Path)], args: &[&str]) -> (i32, String, String) {
    let mut c = s.command(args);
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.env("CUSTODY_PIN", "1234").output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

/// The second verifier (Python, standalone) on a bundle: its verdict line.
fn python_verdict(bundle: &Path) -> String {
    let script = crate::common::repo().join("tools/verify_bundle.py");
    let o = Process::new("python3").arg(script).arg(bundle).output().unwrap();
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn keys_on_a_token_and_in_an_agent_seal_transfer_and_receive() {
    if !have("softhsm2-util", &["--version"]) || !have("ssh-agent", &["-h"]) || !Path::new(SOFTHSM_MODULE).exists() {
        return;
    }
    let s = Scratch::new();
    let conf = softhsm(&s);
    let agent = Agent::start(&s.path(""));
    let bob_fp = agent.add(&s.path(""), "bob_ed25519", "ed25519");
    let module = PathBuf::from(SOFTHSM_MODULE);
    let env = [
        ("SOFTHSM2_CONF", conf.as_path()),
        ("SSH_AUTH_SOCK", agent.socket.as_path()),
        ("CUSTODY_PKCS11_MODULE", module.as_path()),
    ];
    s.write("page.html", "<p>evidence</p>\n");

    // Alice's key is made on the token; it never leaves it.
    let (code, out, err) = run(
        &s,
        &env,
        &["keygen", "--on", "pkcs11:token=custody;object=alice", "--out", "alice.key"]
            .into_iter()
            .chain(["--name", "Alice Wang", "--org", "City Police", "--role", "investigator", "--jurisdiction", "CN"])
            .collect::<Vec<_>>(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("key held by: pkcs11:token=custody;object=alice"), "{out}");
    let located = fs::read_to_string(s.path("alice.key")).unwrap();
    assert!(located.contains("Key-Location: pkcs11:token=custody;object=alice") && !located.contains("PRIVATE KEY"));
    // The same label twice is refused.
    let (code, _, err) = run(
        &s,
        &env,
        &["keygen", "--on", "pkcs11:token=custody;object=alice", "--out", "again.key"]
            .into_iter()
            .chain(["--name", "A", "--org", "P", "--role", "investigator", "--jurisdiction", "CN"])
            .collect::<Vec<_>>(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("already holds a key labelled"), "{err}");

    // Bob's key is in the agent.
    let (code, _, err) = run(
        &s,
        &env,
        &["keygen", "--on", &format!("ssh-agent:{bob_fp}"), "--out", "bob.key"]
            .into_iter()
            .chain(["--name", "Bob Lee", "--org", "Prosecutor", "--role", "prosecutor", "--jurisdiction", "FR"])
            .collect::<Vec<_>>(),
    );
    assert_eq!(code, 0, "{err}");

    let steps: [&[&str]; 3] = [
        &["seal", "--key", "alice.key", "--case-ref", "C-1", "--out", "case.zip", "page.html"],
        &["transfer", "case.zip", "--key", "alice.key", "--to", "bob.key.pub", "--purpose", "prosecution"],
        &["receive", "case.zip", "--key", "bob.key", "--accept-untrusted"],
    ];
    for step in steps {
        let (code, _, err) = run(&s, &env, step);
        assert_eq!(code, 0, "{step:?}: {err}");
    }
    // Both verifiers: intact, and the signers are the devices' keys.
    s.ok(&["trust", "add", "alice.key.pub", "--file", "trusted.txt"]);
    s.ok(&["trust", "add", "bob.key.pub", "--file", "trusted.txt"]);
    let report: serde_json::Value =
        serde_json::from_str(&s.ok(&["verify", "--json", "--trust", "trusted.txt", "case.zip"])).unwrap();
    assert_eq!(report["state"], "trusted", "{report:#}");
    assert_eq!(report["events"].as_array().unwrap().len(), 3);
    let verdict = python_verdict(&s.path("case.zip"));
    assert!(verdict.contains("INTACT"), "{verdict}");

    // A wrong PIN: refused, nothing written.
    let before = fs::read(s.path("case.zip")).unwrap();
    let mut c = s.command(&["countersign", "case.zip", "--key", "alice.key", "--event", "0", "--capacity", "witness"]);
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.env("CUSTODY_PIN", "0000").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("refused the PIN"), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(fs::read(s.path("case.zip")).unwrap(), before, "nothing was written");

    // The key gone from the agent: refused by name, nothing written.
    agent.remove_all();
    let (code, _, err) =
        run(&s, &env, &["transfer", "case.zip", "--key", "bob.key", "--to", "alice.key.pub", "--purpose", "back"]);
    assert_eq!(code, 2);
    assert!(err.contains("does not hold this key") && err.contains("ssh-add"), "{err}");
    assert_eq!(fs::read(s.path("case.zip")).unwrap(), before);
}

#[test]
fn keys_that_are_not_ed25519_or_not_the_named_key_are_refused() {
    if !have("ssh-agent", &["-h"]) {
        return;
    }
    let s = Scratch::new();
    let agent = Agent::start(&s.path(""));
    let rsa = agent.add(&s.path(""), "rsa", "rsa");
    let one = agent.add(&s.path(""), "one", "ed25519");
    let two = agent.add(&s.path(""), "two", "ed25519");
    let env = [("SSH_AUTH_SOCK", agent.socket.as_path())];
    let keygen = |location: &str, out: &str| {
        run(
            &s,
            &env,
            &["keygen", "--on", location, "--out", out]
                .into_iter()
                .chain(["--name", "Bob Lee", "--org", "P", "--role", "prosecutor", "--jurisdiction", "FR"])
                .collect::<Vec<_>>(),
        )
    };
    let (code, _, err) = keygen(&format!("ssh-agent:{rsa}"), "rsa.key");
    assert_eq!(code, 2);
    assert!(err.contains("ssh-rsa key") && err.contains("Ed25519 keys only"), "{err}");
    assert!(!s.path("rsa.key").exists());

    // A location file edited to name another key in the agent: the key is not the one the
    // file's public key and fingerprint say, so nothing is signed with it.
    assert_eq!(keygen(&format!("ssh-agent:{one}"), "one.key").0, 0);
    let text = fs::read_to_string(s.path("one.key")).unwrap().replace(&one, &two);
    fs::write(s.path("one.key"), text).unwrap();
    s.write("page.html", "x\n");
    let (code, _, err) = run(&s, &env, &["seal", "--key", "one.key", "--case-ref", "C", "--out", "c.zip", "page.html"]);
    assert_eq!(code, 2);
    assert!(err.contains("fingerprint") || err.contains("Fingerprint"), "{err}");
    assert!(!s.path("c.zip").exists());

    // No agent at all.
    let (code, _, err) = run(
        &s,
        &[("SSH_AUTH_SOCK", s.path("no.sock").as_path())],
        &["seal", "--key", "one.key", "--case-ref", "C", "--out", "c.zip", "page.html"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("cannot be reached"), "{err}");
}

#[test]
fn a_pkcs11_location_without_a_module_says_how_to_name_one() {
    let s = Scratch::new();
    let (code, _, err) = run(
        &s,
        &[],
        &["keygen", "--on", "pkcs11:token=custody;object=alice", "--out", "a.key"]
            .into_iter()
            .chain(["--name", "A B", "--org", "P", "--role", "investigator", "--jurisdiction", "CN"])
            .collect::<Vec<_>>(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("module-path") && err.contains("CUSTODY_PKCS11_MODULE"), "{err}");
    let (code, _, err) = run(
        &s,
        &[],
        &["keygen", "--on", "vault:alice", "--out", "a.key"]
            .into_iter()
            .chain(["--name", "A B", "--org", "P", "--role", "investigator", "--jurisdiction", "CN"])
            .collect::<Vec<_>>(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("pkcs11:") && err.contains("ssh-agent:"), "{err}");
}
