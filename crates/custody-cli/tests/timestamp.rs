//! Trusted time (RFC 3161) end to end, against a real TSA: OpenSSL's `openssl ts -reply`
//! behind a small HTTP listener on 127.0.0.1, with a test PKI made here by `openssl`: a root
//! CA, an intermediate CA, a P-256 TSA certificate with extendedKeyUsage critical,timeStamping,
//! and bad variants (no timeStamping usage, expired, issued by another root).
//!
//! `openssl` is required: without it these tests fail; they never skip.

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command as Proc;

use assert_cmd::Command;
use custody_core::archive::{Archive, FileSource};
use serde_json::Value;
use tempfile::TempDir;

const SEAL: &str = "custody/events/000000-seal.json";

fn openssl(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Proc::new("openssl").current_dir(dir).args(args).output().unwrap_or_else(|e| {
        panic!("these tests need the openssl command (apt-get install openssl): {e}");
    });
    assert!(out.status.success(), "openssl {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// A test PKI and TSA configurations in a temporary directory.
struct Pki {
    dir: TempDir,
}

const TSA_EXT: &str =
    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n";
const NO_EKU_EXT: &str = "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n";
const CA_EXT: &str = "basicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\n";

impl Pki {
    fn new() -> Self {
        let p = Pki { dir: TempDir::new().unwrap() };
        let d = p.dir.path();
        fs::write(d.join("tsa.ext"), TSA_EXT).unwrap();
        fs::write(d.join("noeku.ext"), NO_EKU_EXT).unwrap();
        fs::write(d.join("ca.ext"), CA_EXT).unwrap();
        fs::create_dir(d.join("newcerts")).unwrap();
        fs::write(d.join("index.txt"), "").unwrap();
        fs::write(d.join("ca.serial"), "1000\n").unwrap();
        fs::write(
            d.join("ca.cnf"),
            "[ ca ]\ndefault_ca = CA_default\n[ CA_default ]\ndir = .\ndatabase = $dir/index.txt\n\
             new_certs_dir = $dir/newcerts\nserial = $dir/ca.serial\ndefault_md = sha256\npolicy = any\n\
             unique_subject = no\n[ any ]\ncommonName = supplied\n",
        )
        .unwrap();
        for (name, cn) in [("root", "Custody Test Root CA"), ("other", "Some Other Root CA")] {
            openssl(
                d,
                &[
                    "req",
                    "-x509",
                    "-new",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:P-256",
                    "-nodes",
                    "-keyout",
                    &format!("{name}.key"),
                    "-out",
                    &format!("{name}.pem"),
                    "-days",
                    "3650",
                    "-subj",
                    &format!("/CN={cn}"),
                    "-addext",
                    "basicConstraints=critical,CA:true",
                    "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign",
                ],
            );
        }
        p.issue("inter", "Custody Test Intermediate CA", "root", "ca.ext", None);
        p.issue("tsa", "Custody Test TSA", "inter", "tsa.ext", None);
        p.issue("noeku", "TSA Without Timestamping Usage", "root", "noeku.ext", None);
        p.issue("expired", "Expired TSA", "root", "tsa.ext", Some(("20200101000000Z", "20210101000000Z")));
        p.issue("foreign", "Foreign TSA", "other", "tsa.ext", None);
        // Real-world TSAs mostly sign with RSA; some with P-384.
        p.issue_key("rsa", "RSA TSA", "root", "tsa.ext", None, &["-newkey", "rsa:2048"]);
        let p384 = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"];
        p.issue_key("p384", "P-384 TSA", "root", "tsa.ext", None, &p384);
        p.config("tsa", "tsa", Some("inter.pem"), "sha256, sha384, sha512");
        p.config("expired", "expired", None, "sha256");
        p.config("foreign", "foreign", None, "sha256");
        // Accepts only SHA-512 imprints: refuses custody's SHA-256 requests.
        p.config("strict", "tsa", Some("inter.pem"), "sha512");
        p.config("rsa", "rsa", None, "sha256");
        p.config("p384", "p384", None, "sha256");
        p
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    /// A P-256 key and a certificate for it, issued by `ca` with the extensions in `ext`.
    fn issue(&self, name: &str, cn: &str, ca: &str, ext: &str, dates: Option<(&str, &str)>) {
        self.issue_key(name, cn, ca, ext, dates, &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]);
    }

    fn issue_key(&self, name: &str, cn: &str, ca: &str, ext: &str, dates: Option<(&str, &str)>, key: &[&str]) {
        let d = self.dir.path();
        let (keyout, csr, subj) = (format!("{name}.key"), format!("{name}.csr"), format!("/CN={cn}"));
        let mut args = vec!["req", "-new", "-nodes"];
        args.extend_from_slice(key);
        args.extend_from_slice(&["-keyout", &keyout, "-out", &csr, "-subj", &subj]);
        openssl(d, &args);
        let (start, end) = dates.unwrap_or(("20250101000000Z", "20450101000000Z"));
        openssl(
            d,
            &[
                "ca",
                "-batch",
                "-notext",
                "-config",
                "ca.cnf",
                "-cert",
                &format!("{ca}.pem"),
                "-keyfile",
                &format!("{ca}.key"),
                "-in",
                &format!("{name}.csr"),
                "-out",
                &format!("{name}.pem"),
                "-startdate",
                start,
                "-enddate",
                end,
                "-extfile",
                ext,
            ],
        );
    }

    /// An `openssl ts` configuration signing with `name`'s key, with 3-digit fractional
    /// seconds in genTime.
    fn config(&self, name: &str, signer: &str, chain: Option<&str>, digests: &str) {
        let d = self.dir.path().display().to_string();
        fs::write(self.path(&format!("{name}.tsaserial")), "01\n").unwrap();
        let certs = chain.map(|c| format!("certs = {d}/{c}\n")).unwrap_or_default();
        fs::write(
            self.path(&format!("{name}.cnf")),
            format!(
                "[ tsa ]\ndefault_tsa = tsa_config1\n[ tsa_config1 ]\nserial = {d}/{name}.tsaserial\n\
                 crypto_device = builtin\nsigner_cert = {d}/{signer}.pem\n{certs}signer_key = {d}/{signer}.key\n\
                 signer_digest = sha256\ndefault_policy = 1.2.3.4.1\ndigests = {digests}\n\
                 accuracy = secs:1, millisecs:500\nclock_precision_digits = 3\nordering = no\ntsa_name = yes\n\
                 ess_cert_id_chain = no\ness_cert_id_alg = sha256\n"
            ),
        )
        .unwrap();
    }

    /// A token (not a response) from the TSA configured as `cfg`, over `data`, made by
    /// `openssl ts` directly.
    fn token(&self, cfg: &str, data: &[u8]) -> Vec<u8> {
        let d = self.dir.path();
        fs::write(d.join("data.bin"), data).unwrap();
        openssl(d, &["ts", "-query", "-data", "data.bin", "-sha256", "-cert", "-out", "q.tsq"]);
        openssl(
            d,
            &["ts", "-reply", "-config", &format!("{cfg}.cnf"), "-queryfile", "q.tsq", "-token_out", "-out", "t.tst"],
        );
        fs::read(d.join("t.tst")).unwrap()
    }

    /// The same TSTInfo as `token`, signed instead by `name` (any certificate) with
    /// `openssl cms`, which, unlike `openssl ts`, does not insist on the timeStamping usage.
    fn resign(&self, token: &[u8], name: &str) -> Vec<u8> {
        let d = self.dir.path();
        fs::write(d.join("in.tst"), token).unwrap();
        openssl(
            d,
            &["cms", "-verify", "-noverify", "-binary", "-inform", "DER", "-in", "in.tst", "-out", "tstinfo.der"],
        );
        openssl(
            d,
            &[
                "cms",
                "-sign",
                "-binary",
                "-nodetach",
                "-nosmimecap",
                "-md",
                "sha256",
                "-econtent_type",
                "1.2.840.113549.1.9.16.1.4",
                "-in",
                "tstinfo.der",
                "-signer",
                &format!("{name}.pem"),
                "-inkey",
                &format!("{name}.key"),
                "-outform",
                "DER",
                "-out",
                "resigned.tst",
            ],
        );
        fs::read(d.join("resigned.tst")).unwrap()
    }
}

/// How the test TSA answers.
#[derive(Clone)]
enum Mode {
    /// `openssl ts -reply` with this configuration file.
    Reply(PathBuf),
    /// 200, the right content type, and bytes that are no RFC 3161 response.
    Garbage,
    /// 200 with an HTML page.
    WrongContent,
}

/// A TSA on 127.0.0.1: a listener thread answering each POST. Returns its URL.
fn serve(mode: Mode) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = answer(stream, &mode);
        }
    });
    format!("http://127.0.0.1:{port}/tsa")
}

/// The URL of a TSA that is down: a port nothing listens on.
fn down() -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    format!("http://127.0.0.1:{port}/tsa")
}

fn answer(mut s: TcpStream, mode: &Mode) -> std::io::Result<()> {
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let header_end = loop {
        let n = s.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).to_ascii_lowercase();
    let len: usize =
        head.lines().find_map(|l| l.strip_prefix("content-length:")).and_then(|v| v.trim().parse().ok()).unwrap_or(0);
    while buf.len() < header_end + len {
        let n = s.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = &buf[header_end..];
    let (ctype, reply): (&str, Vec<u8>) = match mode {
        Mode::Reply(cfg) => {
            let work = TempDir::new()?;
            fs::write(work.path().join("q.tsq"), body)?;
            let out = Proc::new("openssl")
                .current_dir(work.path())
                .args(["ts", "-reply", "-config"])
                .arg(cfg)
                .args(["-queryfile", "q.tsq", "-out", "r.tsr"])
                .output()?;
            assert!(out.status.success(), "openssl ts -reply: {}", String::from_utf8_lossy(&out.stderr));
            ("application/timestamp-reply", fs::read(work.path().join("r.tsr"))?)
        }
        Mode::Garbage => ("application/timestamp-reply", b"\x30\x03\x02\x01\x00garbage".to_vec()),
        Mode::WrongContent => ("text/html", b"<html>login required</html>".to_vec()),
    };
    write!(
        s,
        "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        reply.len()
    )?;
    s.write_all(&reply)?;
    s.flush()
}

/// Parties with keys, evidence and a sealed-or-not bundle in a temporary directory.
struct Case {
    dir: TempDir,
}

impl Case {
    fn new() -> Self {
        let c = Case { dir: TempDir::new().unwrap() };
        for (who, name, role, jur) in [("a", "Alice Wang", "investigator", "CN"), ("b", "Bo Li", "prosecutor", "CN")] {
            c.ok(&[
                "keygen",
                "--out",
                &format!("{who}.key"),
                "--name",
                name,
                "--org",
                "Org",
                "--role",
                role,
                "--jurisdiction",
                jur,
            ]);
        }
        fs::write(c.path("page.html"), "<p>post</p>").unwrap();
        c
    }
    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }
    fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::cargo_bin("custody")
            .unwrap()
            .current_dir(self.dir.path())
            .env_remove("CUSTODY_TSA_URL")
            .args(args)
            .output()
            .unwrap()
    }
    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args);
        assert!(out.status.success(), "custody {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
    fn seal(&self, out: &str, extra: &[&str]) -> std::process::Output {
        let mut args = vec!["seal", "--key", "a.key", "--case-ref", "TS-1", "--out", out];
        args.extend_from_slice(extra);
        args.push("page.html");
        self.cmd(&args)
    }
    /// `custody verify --format json`, with its exit code.
    fn verify(&self, bundle: &str, extra: &[&str]) -> (Value, i32) {
        let mut args = vec!["verify", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(bundle);
        let out = self.cmd(&args);
        (serde_json::from_slice(&out.stdout).unwrap(), out.status.code().unwrap())
    }
    fn entry(&self, bundle: &str, name: &str) -> Option<Vec<u8>> {
        let f = fs::File::open(self.path(bundle)).unwrap();
        let a = Archive::open(Box::new(FileSource::new(f).unwrap())).unwrap();
        a.entry(name).map(|e| a.read_entry(e, 1 << 24).unwrap())
    }
    /// Adds `token` to the bundle as the token of `event`, without any check: what a
    /// hostile party could do (the tag manifest is updated, as it would be).
    fn inject(&self, bundle: &str, event: &str, token: &[u8]) {
        let path = format!("{event}.sig.tst");
        let tm = self.entry(bundle, "tagmanifest-sha256.txt").unwrap();
        let mut lines = custody_core::bagit::parse_manifest(std::str::from_utf8(&tm).unwrap()).unwrap();
        lines.push(custody_core::bagit::ManifestLine {
            sha256: custody_core::Sha256Digest::of(token),
            path: path.clone(),
        });
        let tm = custody_core::bagit::write_manifest(&mut lines);
        // Rewritten whole, the token and the new tag manifest last, as an append would leave it.
        let mut entries = custody_core::archive::read_archive(fs::read(self.path(bundle)).unwrap()).unwrap();
        entries.retain(|(name, _)| name != "tagmanifest-sha256.txt");
        assert!(entries.iter().all(|(name, _)| *name != path), "{path} is already in {bundle}");
        entries.push((path, token.to_vec()));
        entries.push(("tagmanifest-sha256.txt".into(), tm.into_bytes()));
        let bytes = custody_core::archive::testing::write_archive(&entries, chrono::Utc::now()).unwrap();
        fs::write(self.path(bundle), bytes).unwrap();
    }
    fn leftovers(&self) -> Vec<String> {
        fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("custody-tmp") || n.contains("journal") || n.starts_with(".tmp"))
            .collect()
    }
}

fn codes(r: &Value, level: &str) -> Vec<String> {
    r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] == level)
        .map(|c| c["code"].as_str().unwrap().to_owned())
        .collect()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn seal_transfer_receive_with_trusted_time() {
    let pki = Pki::new();
    let url = serve(Mode::Reply(pki.path("tsa.cnf")));
    let c = Case::new();
    let roots = pki.path("root.pem").display().to_string();
    let out = c.seal("case.zip", &["--tsa", &url]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("trusted time:"));
    c.ok(&["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review", "--tsa", &url]);
    // The TSA from the environment.
    let out = Command::cargo_bin("custody")
        .unwrap()
        .current_dir(c.dir.path())
        .env("CUSTODY_TSA_URL", &url)
        .args(["receive", "case.zip", "--accept-untrusted", "--key", "b.key", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["timestamp"]["status"], "stamped");

    let (r, code) = c.verify("case.zip", &["--tsa-roots", &roots]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["state"], "intact");
    assert_eq!(codes(&r, "pass").iter().filter(|c| *c == "timestamp.valid").count(), 3, "{r:#}");
    // The only warning: the receipt was made with --accept-untrusted (spec §7.3).
    assert_eq!(codes(&r, "warn"), ["receipt.accepted_untrusted"], "{r:#}");
    for e in r["events"].as_array().unwrap() {
        let t = &e["trusted_time"];
        assert_eq!(t["tsa"], "Custody Test TSA");
        assert_eq!(t["trusted"], true);
        let gap = t["gap_seconds"].as_i64().unwrap();
        assert!((-5..120).contains(&gap), "gap {gap}");
    }
    // Without roots: checked, but not trusted, and said plainly.
    let (r, code) = c.verify("case.zip", &[]);
    assert_eq!(code, 0);
    assert_eq!(codes(&r, "warn").iter().filter(|c| *c == "timestamp.untrusted").count(), 3);
    assert!(r["checks"].to_string().contains("pass --tsa-roots"));
    let text = c.ok(&["verify", "--tsa-roots", &roots, "case.zip"]);
    assert!(text.contains("trusted time 20") && text.contains("from Custody Test TSA"), "{text}");

    // The stored token and signature verify with the stock tool.
    fs::write(c.path("seal.sig"), c.entry("case.zip", &format!("{SEAL}.sig")).unwrap()).unwrap();
    fs::write(c.path("seal.tst"), c.entry("case.zip", &format!("{SEAL}.sig.tst")).unwrap()).unwrap();
    let out = Proc::new("openssl")
        .current_dir(c.dir.path())
        .args(["ts", "-verify", "-token_in", "-in", "seal.tst", "-data", "seal.sig", "-CAfile", &roots])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Verification: OK"), "{}", stderr(&out));
}

#[test]
fn rsa_and_p384_tsas() {
    let pki = Pki::new();
    let roots = pki.path("root.pem").display().to_string();
    let c = Case::new();
    for (cfg, tsa) in [("rsa", "RSA TSA"), ("p384", "P-384 TSA")] {
        let url = serve(Mode::Reply(pki.path(&format!("{cfg}.cnf"))));
        let b = format!("{cfg}.zip");
        let out = c.seal(&b, &["--tsa", &url]);
        assert!(out.status.success(), "{cfg}: {}", stderr(&out));
        let (r, code) = c.verify(&b, &["--tsa-roots", &roots]);
        assert_eq!(code, 0, "{cfg}: {r:#}");
        assert_eq!(r["events"][0]["trusted_time"]["tsa"], tsa);
        assert!(codes(&r, "pass").contains(&"timestamp.valid".to_string()));
    }
}

#[test]
fn timestamp_command_adds_tokens_later_without_touching_signatures() {
    let pki = Pki::new();
    let url = serve(Mode::Reply(pki.path("tsa.cnf")));
    let c = Case::new();
    assert!(c.seal("case.zip", &[]).status.success());
    c.ok(&["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review"]);
    let (r, code) = c.verify("case.zip", &[]);
    assert_eq!(code, 0, "an event without trusted time does not make a bundle invalid");
    assert_eq!(codes(&r, "warn").iter().filter(|c| *c == "timestamp.missing").count(), 2);
    assert!(c.ok(&["verify", "case.zip"]).contains("no trusted time"));
    let before: Vec<Vec<u8>> = ["custody/events/000000-seal.json", "custody/events/000001-transfer.json"]
        .iter()
        .flat_map(|e| [c.entry("case.zip", e).unwrap(), c.entry("case.zip", &format!("{e}.sig")).unwrap()])
        .collect();

    // --out leaves the input alone.
    c.ok(&["timestamp", "case.zip", "--tsa", &url, "--out", "stamped.zip"]);
    assert!(c.entry("case.zip", &format!("{SEAL}.sig.tst")).is_none());
    let out = c.ok(&["timestamp", "case.zip", "--tsa", &url]);
    assert!(out.contains("Added trusted time to 2 event(s)"), "{out}");
    let after: Vec<Vec<u8>> = ["custody/events/000000-seal.json", "custody/events/000001-transfer.json"]
        .iter()
        .flat_map(|e| [c.entry("case.zip", e).unwrap(), c.entry("case.zip", &format!("{e}.sig")).unwrap()])
        .collect();
    assert_eq!(before, after, "events and signatures are unchanged");
    for b in ["case.zip", "stamped.zip"] {
        let (r, code) = c.verify(b, &["--tsa-roots", &pki.path("root.pem").display().to_string()]);
        assert_eq!(code, 0, "{r:#}");
        assert_eq!(codes(&r, "pass").iter().filter(|c| *c == "timestamp.valid").count(), 2);
        assert!(!codes(&r, "warn").contains(&"timestamp.missing".to_string()));
    }
    // Idempotent: nothing to do, nothing written.
    let bytes = fs::read(c.path("case.zip")).unwrap();
    let out = c.ok(&["timestamp", "case.zip", "--tsa", &url]);
    assert!(out.contains("Nothing to do"), "{out}");
    assert_eq!(fs::read(c.path("case.zip")).unwrap(), bytes);
    // A later event gets its own token; the earlier ones keep theirs.
    c.ok(&["receive", "case.zip", "--accept-untrusted", "--key", "b.key"]);
    let out = c.ok(&["timestamp", "case.zip", "--tsa", &url]);
    assert!(out.contains("Added trusted time to 1 event(s)") && out.contains("2 event(s) already"), "{out}");
    // No TSA given at all.
    let out = c.cmd(&["timestamp", "case.zip"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--tsa URL"), "{}", stderr(&out));
}

#[test]
fn tsa_down_fails_cleanly_unless_allowed() {
    let c = Case::new();
    let url = down();
    let out = c.seal("case.zip", &["--tsa", &url]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&url) && err.contains("could not be reached"), "{err}");
    assert!(!c.path("case.zip").exists(), "no bundle is left behind");
    assert!(c.leftovers().is_empty(), "{:?}", c.leftovers());

    // Allowed: sealed without trusted time, said loudly, and verify says so.
    let out = c.seal("case.zip", &["--tsa", &url, "--tsa-optional", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("NO TRUSTED TIME"), "{}", stderr(&out));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["timestamp"]["status"], "failed");
    let (r, code) = c.verify("case.zip", &[]);
    assert_eq!(code, 0);
    assert_eq!(codes(&r, "warn"), ["timestamp.missing"]);

    // A hand-over with the TSA down changes nothing.
    let bytes = fs::read(c.path("case.zip")).unwrap();
    let out = c.cmd(&["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "x", "--tsa", &url]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read(c.path("case.zip")).unwrap(), bytes);
    assert!(c.leftovers().is_empty(), "{:?}", c.leftovers());
    let out = c.cmd(&["timestamp", "case.zip", "--tsa", &url]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read(c.path("case.zip")).unwrap(), bytes);
}

#[test]
fn tsa_answering_garbage_or_something_else_is_refused() {
    let pki = Pki::new();
    let c = Case::new();
    for (mode, says) in [
        (Mode::Garbage, "not an RFC 3161 response"),
        (Mode::WrongContent, "not application/timestamp-reply"),
        (Mode::Reply(pki.path("strict.cnf")), "refused the request"),
        (Mode::Reply(pki.path("expired.cnf")), "not valid at the token's time"),
    ] {
        let url = serve(mode);
        let out = c.seal("case.zip", &["--tsa", &url]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains(says) && stderr(&out).contains(&url), "{}", stderr(&out));
        assert!(!c.path("case.zip").exists());
        assert!(c.leftovers().is_empty(), "{:?}", c.leftovers());
    }
}

#[test]
fn bad_tokens_in_a_bundle_are_caught() {
    let pki = Pki::new();
    let roots = pki.path("root.pem").display().to_string();
    let c = Case::new();
    assert!(c.seal("base.zip", &[]).status.success());
    let sig = c.entry("base.zip", &format!("{SEAL}.sig")).unwrap();
    let good = pki.token("tsa", &sig);
    // Tampered: one byte of the TSTInfo (the policy OID's last arc) changed.
    let mut tampered = good.clone();
    let at = tampered.windows(4).position(|w| w == [0x2a, 0x03, 0x04, 0x01]).expect("policy 1.2.3.4.1") + 3;
    tampered[at] ^= 0x02;
    let cases: Vec<(&str, Vec<u8>, &str, Option<&str>)> = vec![
        ("good", good.clone(), "", Some("timestamp.valid")),
        ("other-data", pki.token("tsa", b"some other data"), "timestamp.imprint_mismatch", None),
        ("tampered", tampered, "timestamp.bad_signature", None),
        ("untrusted-root", pki.token("foreign", &sig), "timestamp.untrusted_root", None),
        ("no-eku", pki.resign(&good, "noeku"), "timestamp.no_eku", None),
        ("expired", pki.token("expired", &sig), "timestamp.cert_expired", None),
        ("garbage", b"\x30\x82\x01\x00 not DER at all".to_vec(), "timestamp.malformed", None),
    ];
    for (name, token, fails, passes) in cases {
        let b = format!("{name}.zip");
        fs::copy(c.path("base.zip"), c.path(&b)).unwrap();
        c.inject(&b, SEAL, &token);
        let (r, code) = c.verify(&b, &["--tsa-roots", &roots]);
        if let Some(p) = passes {
            assert_eq!(code, 0, "{name}: {r:#}");
            assert!(codes(&r, "pass").contains(&p.to_string()), "{name}: {r:#}");
        } else {
            assert_eq!(code, 1, "{name}: {r:#}");
            assert_eq!(codes(&r, "fail"), [fails], "{name}: {r:#}");
            // A TSA outside --tsa-roots is a matter of trust, not of integrity.
            let state = if name == "untrusted-root" { "not_trusted" } else { "invalid" };
            assert_eq!(r["state"], state, "{name}");
            assert!(r["events"][0].get("trusted_time").is_none(), "{name}");
        }
    }
    // A token from another root is fine for a verifier who trusts that root.
    let (r, code) = c.verify("untrusted-root.zip", &["--tsa-roots", &pki.path("other.pem").display().to_string()]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["events"][0]["trusted_time"]["tsa"], "Foreign TSA");
    // A token for an event that does not exist.
    fs::copy(c.path("base.zip"), c.path("orphan.zip")).unwrap();
    c.inject("orphan.zip", "custody/events/000001-transfer.json", &good);
    let (r, code) = c.verify("orphan.zip", &[]);
    assert_eq!(code, 1);
    assert_eq!(codes(&r, "fail"), ["timestamp.orphan"]);
    // A --tsa-roots file that is not PEM certificates is an error of the verifier's input.
    fs::write(c.path("bad-roots.pem"), "not a certificate").unwrap();
    let out = c.cmd(&["verify", "--tsa-roots", "bad-roots.pem", "good.zip"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad-roots.pem"), "{}", stderr(&out));
}

#[test]
fn fractional_seconds_and_time_claims() {
    let pki = Pki::new();
    let roots = pki.path("root.pem").display().to_string();
    let c = Case::new();
    let key = custody_core::files::load_keypair(&c.path("a.key")).unwrap();
    let seal_at = |name: &str, secs_from_now: i64| {
        let time = custody_core::Timestamp::from_unix(custody_core::Timestamp::now().unix() + secs_from_now).unwrap();
        let opts = custody_core::seal::SealOptions::default()
            .with_case(custody_core::casefile::CaseInput::new("TS-2"))
            .with_item(custody_core::seal::ItemInput::bare(c.path("page.html")))
            .with_import(true)
            .with_fixed_time(time)
            .with_jobs(1);
        custody_core::seal::seal(&key, c.path(name), &opts).unwrap();
        c.entry(name, &format!("{SEAL}.sig")).unwrap()
    };
    // genTime with fractional seconds (clock_precision_digits = 3): accepted and reported.
    let sig = seal_at("frac.zip", 0);
    let token = (0..20)
        .map(|_| pki.token("tsa", &sig))
        .find(|t| t.windows(2).any(|w| w[0] == b'.' && w[1].is_ascii_digit()))
        .expect("a genTime with fractional seconds");
    c.inject("frac.zip", SEAL, &token);
    let (r, code) = c.verify("frac.zip", &["--tsa-roots", &roots]);
    assert_eq!(code, 0, "{r:#}");
    let t = r["events"][0]["trusted_time"]["time"].as_str().unwrap();
    assert!(t.contains('.') && t.ends_with('Z'), "{t}");

    // An event claiming a time well after its trusted time: a conflict.
    let sig = seal_at("future.zip", 3600);
    c.inject("future.zip", SEAL, &pki.token("tsa", &sig));
    let (r, code) = c.verify("future.zip", &["--tsa-roots", &roots]);
    assert_eq!(code, 1);
    assert_eq!(codes(&r, "fail"), ["timestamp.time_conflict"]);
    // Within the tolerance: fine.
    let sig = seal_at("skew.zip", 120);
    c.inject("skew.zip", SEAL, &pki.token("tsa", &sig));
    assert_eq!(c.verify("skew.zip", &["--tsa-roots", &roots]).1, 0);
    // Trusted time long after the claim (a token added later): a warning.
    let sig = seal_at("late.zip", -3 * 86400);
    c.inject("late.zip", SEAL, &pki.token("tsa", &sig));
    let (r, code) = c.verify("late.zip", &["--tsa-roots", &roots]);
    assert_eq!(code, 0);
    assert_eq!(codes(&r, "warn"), ["timestamp.late"]);
}

/// `custody receive --tsa-roots`: every token must chain to the roots given, and the receipt
/// records the roots' SHA-256 and the result (null without roots). Issue #13.6.
#[test]
fn receive_checks_tsa_roots_and_records_them() {
    let pki = Pki::new();
    let url = serve(Mode::Reply(pki.path("tsa.cnf")));
    let c = Case::new();
    let (roots, other) = (pki.path("root.pem").display().to_string(), pki.path("other.pem").display().to_string());
    c.ok(&["trust", "add", "a.key.pub", "--file", "trusted.txt"]);
    assert!(c.seal("case.zip", &["--tsa", &url]).status.success());
    c.ok(&["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review", "--tsa", &url]);
    fs::copy(c.path("case.zip"), c.path("no-roots.zip")).unwrap();
    let before = fs::read(c.path("case.zip")).unwrap();
    let receive = |bundle: &str, extra: &[&str]| {
        let mut args = vec!["receive", bundle, "--key", "b.key", "--trust", "trusted.txt", "--json"];
        args.extend_from_slice(extra);
        c.cmd(&args)
    };
    // Roots that the TSA does not chain to: refused, exit 1, nothing written.
    let out = receive("case.zip", &["--tsa-roots", &other]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("--tsa-roots"), "{}", stderr(&out));
    assert_eq!(fs::read(c.path("case.zip")).unwrap(), before, "nothing written");
    // The right roots: accepted, and recorded.
    let out = receive("case.zip", &["--tsa-roots", &roots]);
    assert!(out.status.success(), "{}", stderr(&out));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    let v = &j["receipt"]["verification"];
    let sha = |p: &Path| custody_core::Sha256Digest::of(&fs::read(p).unwrap()).hex();
    assert_eq!(v["tsa_roots_sha256"], sha(&pki.path("root.pem")), "{j:#}");
    assert_eq!(v["tsa_trusted"], true);
    assert_eq!(v["trust_list_sha256"], sha(&c.path("trusted.txt")));
    assert_eq!((v["sealer_trusted"].clone(), v["sender_trusted"].clone()), (Value::Bool(true), Value::Bool(true)));
    let (r, code) = c.verify("case.zip", &["--tsa-roots", &roots]);
    assert_eq!((code, r["state"].as_str()), (0, Some("intact")), "{r:#}");
    // No roots given: tsa_trusted is null, and so is tsa_roots_sha256.
    let out = receive("no-roots.zip", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    let v = &j["receipt"]["verification"];
    assert!(v["tsa_trusted"].is_null() && v["tsa_roots_sha256"].is_null(), "{j:#}");
}

/// How many times `needle` occurs in `hay`.
fn occurrences(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// The DER of the first certificate in a PEM file.
fn pem_der(path: &Path) -> Vec<u8> {
    let dir = path.parent().unwrap();
    openssl(dir, &["x509", "-in", &path.display().to_string(), "-outform", "DER"])
}

#[test]
fn tsa_sending_its_own_certificate_twice_is_accepted() {
    // A common configuration: the chain file given to the TSA starts with its own certificate,
    // so tokens carry it twice; `openssl ts -verify` accepts such tokens (issue #13.9).
    let pki = Pki::new();
    let both = [fs::read(pki.path("tsa.pem")).unwrap(), fs::read(pki.path("inter.pem")).unwrap()].concat();
    fs::write(pki.path("both.pem"), both).unwrap();
    pki.config("dup", "tsa", Some("both.pem"), "sha256");
    let roots = pki.path("root.pem").display().to_string();
    let c = Case::new();
    let url = serve(Mode::Reply(pki.path("dup.cnf")));
    let out = c.seal("dup.zip", &["--tsa", &url]);
    assert!(out.status.success(), "{}", stderr(&out));
    let token = c.entry("dup.zip", &format!("{SEAL}.sig.tst")).unwrap();
    assert_eq!(occurrences(&token, &pem_der(&pki.path("tsa.pem"))), 2, "the token carries the TSA certificate twice");
    let (r, code) = c.verify("dup.zip", &["--tsa-roots", &roots]);
    assert_eq!(code, 0, "{r:#}");
    assert!(codes(&r, "pass").contains(&"timestamp.valid".to_string()), "{r:#}");
    assert_eq!(r["events"][0]["trusted_time"]["tsa"], "Custody Test TSA");
}

#[test]
fn p521_tsa() {
    let pki = Pki::new();
    let p521 = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-521"];
    pki.issue_key("p521", "P-521 TSA", "root", "tsa.ext", None, &p521);
    pki.config("p521", "p521", None, "sha256");
    let roots = pki.path("root.pem").display().to_string();
    let c = Case::new();
    let url = serve(Mode::Reply(pki.path("p521.cnf")));
    let out = c.seal("p521.zip", &["--tsa", &url]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (r, code) = c.verify("p521.zip", &["--tsa-roots", &roots]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["events"][0]["trusted_time"]["tsa"], "P-521 TSA");
    assert!(codes(&r, "pass").contains(&"timestamp.valid".to_string()), "{r:#}");
}

#[test]
fn intermediate_omitted_by_the_token_is_given_with_tsa_untrusted() {
    let pki = Pki::new();
    // Signed by the TSA under the intermediate CA, without sending the intermediate.
    pki.config("bare", "tsa", None, "sha256");
    let roots = pki.path("root.pem").display().to_string();
    let inter = pki.path("inter.pem").display().to_string();
    let c = Case::new();
    assert!(c.seal("bare.zip", &[]).status.success());
    let sig = c.entry("bare.zip", &format!("{SEAL}.sig")).unwrap();
    c.inject("bare.zip", SEAL, &pki.token("bare", &sig));
    let (r, code) = c.verify("bare.zip", &["--tsa-roots", &roots]);
    assert_eq!(code, 1, "{r:#}");
    assert_eq!(codes(&r, "fail"), ["timestamp.untrusted_root"], "{r:#}");
    let (r, code) = c.verify("bare.zip", &["--tsa-roots", &roots, "--tsa-untrusted", &inter]);
    assert_eq!(code, 0, "{r:#}");
    assert!(codes(&r, "pass").contains(&"timestamp.valid".to_string()), "{r:#}");
    // Intermediates are not trusted: the chain must still end at a given root.
    let other = pki.path("other.pem").display().to_string();
    let (r, code) = c.verify("bare.zip", &["--tsa-roots", &other, "--tsa-untrusted", &inter]);
    assert_eq!(code, 1, "{r:#}");
    assert_eq!(codes(&r, "fail"), ["timestamp.untrusted_root"], "{r:#}");
    let out = c.cmd(&["verify", "--tsa-untrusted", &inter, "bare.zip"]);
    assert_eq!(out.status.code(), Some(2), "--tsa-untrusted needs --tsa-roots");
    fs::write(c.path("junk.pem"), "junk").unwrap();
    let out = c.cmd(&["verify", "--tsa-roots", &roots, "--tsa-untrusted", "junk.pem", "bare.zip"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--tsa-untrusted"), "{}", stderr(&out));
}

#[test]
fn expired_since_verifies_by_hand_with_attime() {
    // A TSA certificate valid when the token was made and expired now: custody judges it at
    // genTime; `openssl ts -verify` judges it today unless given `-attime` (issue #13.9).
    let pki = Pki::new();
    let until = chrono::Utc::now() + chrono::Duration::seconds(4);
    let until = until.format("%Y%m%d%H%M%SZ").to_string();
    pki.issue("brief", "Short-Lived TSA", "root", "tsa.ext", Some(("20250101000000Z", &until)));
    pki.config("brief", "brief", None, "sha256");
    let roots = pki.path("root.pem").display().to_string();
    let c = Case::new();
    assert!(c.seal("brief.zip", &[]).status.success());
    let sig = c.entry("brief.zip", &format!("{SEAL}.sig")).unwrap();
    let token = pki.token("brief", &sig);
    c.inject("brief.zip", SEAL, &token);
    std::thread::sleep(std::time::Duration::from_secs(6));
    let (r, code) = c.verify("brief.zip", &["--tsa-roots", &roots]);
    assert_eq!(code, 0, "{r:#}");
    fs::write(c.path("seal.tst"), &token).unwrap();
    fs::write(c.path("seal.sig"), &sig).unwrap();
    let by_hand = |extra: &[&str]| {
        let out = Proc::new("openssl")
            .current_dir(c.dir.path())
            .args(["ts", "-verify", "-token_in", "-in", "seal.tst", "-data", "seal.sig", "-CAfile", &roots])
            .args(extra)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).contains("Verification: OK")
    };
    assert!(!by_hand(&[]), "openssl judges the certificate today");
    // The documented form: genTime from `openssl ts -reply -text`, as Unix seconds.
    let text = Proc::new("openssl")
        .current_dir(c.dir.path())
        .args(["ts", "-reply", "-token_in", "-in", "seal.tst", "-text"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    let stamp = text.lines().find_map(|l| l.strip_prefix("Time stamp: ")).expect("Time stamp line").to_owned();
    let epoch = Proc::new("date").args(["-u", "-d", &stamp, "+%s"]).output().unwrap();
    let epoch = String::from_utf8_lossy(&epoch.stdout).trim().to_owned();
    assert!(by_hand(&["-attime", &epoch]), "with -attime {epoch} ({stamp})");
}

/// A rejection never records `tsa_trusted: true` for a bundle whose token is bad in another
/// way than an untrusted root (review of issue #13.6, point 3; spec §5.5).
#[test]
fn a_rejection_records_a_bad_token_as_not_trusted_time() {
    let pki = Pki::new();
    let roots = pki.path("root.pem").display().to_string();
    let c = Case::new();
    c.ok(&["trust", "add", "a.key.pub", "--file", "trusted.txt"]);
    assert!(c.seal("case.zip", &[]).status.success());
    c.ok(&["transfer", "case.zip", "--key", "a.key", "--to", "b.key.pub", "--purpose", "review"]);
    // A token over other data: timestamp.imprint_mismatch, not timestamp.untrusted_root.
    c.inject("case.zip", SEAL, &pki.token("tsa", b"some other data"));
    let out = c.cmd(&[
        "receive",
        "case.zip",
        "--key",
        "b.key",
        "--trust",
        "trusted.txt",
        "--tsa-roots",
        &roots,
        "--reject-all",
        "--reason",
        "bad token",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["receipt"]["decision"], "rejected", "{j:#}");
    assert_eq!(j["receipt"]["verification"]["tsa_trusted"], false, "{j:#}");
}
