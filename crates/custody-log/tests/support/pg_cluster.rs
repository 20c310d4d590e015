//! A throwaway PostgreSQL cluster for tests: `initdb` into a temporary directory, `postgres`
//! on a free 127.0.0.1 port (and a socket in that directory), a superuser `custody` with a
//! password (scram-sha-256 over TCP), stopped (`pg_ctl stop -m immediate`) and deleted when
//! dropped, also when the test fails. The binaries are Debian's (`/usr/lib/postgresql/N/bin`,
//! newest first) or `pg_config --bindir`'s. PostgreSQL refuses to run as root: as root, the
//! directory is made directly under /tmp (TMPDIR may be a root-owned 0700 folder the
//! postgres user cannot pass through), given to the `postgres` user, and every command runs through
//! `runuser -u postgres --`. Without PostgreSQL, [`cluster`] prints `SKIPPED: PostgreSQL not
//! available: <reason>` to the real stderr, or fails the test when `CUSTODY_REQUIRE_POSTGRES=1`.
//! Included with `#[path]` by the tests that need it.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The password of the cluster's `custody` superuser (the tests check it is never printed).
pub const PASSWORD: &str = "s3cret-pg-pass";

/// A running cluster.
pub struct PgCluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    as_postgres: bool,
    /// The TCP port it listens on (127.0.0.1).
    pub port: u16,
}

fn bindir() -> Result<PathBuf, String> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| {
            d.filter_map(|e| e.ok()).map(|e| e.path().join("bin")).filter(|b| b.join("initdb").is_file()).collect()
        })
        .unwrap_or_default();
    found.sort_by_key(|p| p.parent().and_then(|v| v.file_name()?.to_str()?.parse::<u32>().ok()).unwrap_or(0));
    if let Some(b) = found.pop() {
        return Ok(b);
    }
    let out = Command::new("pg_config").arg("--bindir").output().map_err(|e| format!("no initdb: {e}"))?;
    let b = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    if b.join("initdb").is_file() { Ok(b) } else { Err("no initdb in /usr/lib/postgresql or pg_config".into()) }
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)).trim().to_string()
}

impl PgCluster {
    fn cmd(&self, tool: &str) -> Command {
        let exe = self.bin.join(tool);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        }
    }

    fn run(&self, tool: &str, args: &[&str]) -> Result<(), String> {
        let out = self.cmd(tool).args(args).output().map_err(|e| format!("{tool}: {e}"))?;
        if out.status.success() { Ok(()) } else { Err(format!("{tool} failed: {}", text(&out))) }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Initialises and starts a cluster.
    pub fn start() -> Result<PgCluster, String> {
        let bin = bindir()?;
        let uid = Command::new("id").arg("-u").output().map_err(|e| format!("id: {e}"))?;
        let as_postgres = String::from_utf8_lossy(&uid.stdout).trim() == "0";
        // As root, the directory goes straight under /tmp (mode 1777): TMPDIR may be a root-owned 0700 folder
        // (tests/run.sh makes one), which the postgres user could not pass through.
        let builder = tempfile::Builder::new().prefix("custody-pg").clone();
        let dir = if as_postgres { builder.tempdir_in("/tmp") } else { builder.tempdir() };
        let dir = dir.map_err(|e| e.to_string())?;
        let pwfile = dir.path().join("pw");
        std::fs::write(&pwfile, PASSWORD).map_err(|e| e.to_string())?;
        if as_postgres {
            let out = Command::new("chown").args(["-R", "postgres"]).arg(dir.path()).output();
            match out {
                Ok(o) if o.status.success() => {}
                Ok(o) => return Err(format!("chown to the postgres user failed (runs as root): {}", text(&o))),
                Err(e) => return Err(format!("chown: {e}")),
            }
        }
        let mut c = PgCluster { dir, bin, as_postgres, port: 0 };
        let (data, pw) = (c.data(), pwfile.display().to_string());
        let data_s = data.display().to_string();
        c.run(
            "initdb",
            &["-D", &data_s, "-U", "custody", "--pwfile", &pw, "--auth-host=scram-sha-256", "--auth-local=trust"],
        )?;
        let mut last = String::new();
        for _ in 0..5 {
            c.port = free_port()?;
            let opts = format!(
                "-c port={} -c listen_addresses=127.0.0.1 -c unix_socket_directories={} -c max_connections=300 \
                 -c fsync=on -c synchronous_commit=on",
                c.port,
                c.dir.path().display()
            );
            let log = c.dir.path().join("server.log").display().to_string();
            match c.run("pg_ctl", &["-D", &data_s, "-o", &opts, "-l", &log, "-w", "-t", "30", "start"]) {
                Ok(()) => return Ok(c),
                Err(e) => {
                    last = format!("{e}; {}", std::fs::read_to_string(&log).unwrap_or_default());
                }
            }
        }
        Err(last)
    }

    /// The URL of database `db` with the `custody` user's password.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://custody:{PASSWORD}@127.0.0.1:{}/{db}", self.port)
    }

    /// Creates database `name` (empty) and returns its URL.
    pub fn database(&self, name: &str) -> String {
        let port = self.port.to_string();
        let sock = self.dir.path().display().to_string();
        self.run("createdb", &["-h", &sock, "-p", &port, "-U", "custody", name]).unwrap_or_else(|e| panic!("{e}"));
        self.url(name)
    }

    /// The directory holding the cluster (its socket and data).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let data = self.data().display().to_string();
        let _ = self.run("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
    }
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

/// A cluster for `test`, or `None` after a loud `SKIPPED` line (a failure instead with
/// `CUSTODY_REQUIRE_POSTGRES=1`).
pub fn cluster(test: &str) -> Option<PgCluster> {
    match PgCluster::start() {
        Ok(c) => Some(c),
        Err(why) => {
            let why = why.replace('\n', " ");
            if std::env::var("CUSTODY_REQUIRE_POSTGRES").as_deref() == Ok("1") {
                panic!("PostgreSQL not available ({test}), and CUSTODY_REQUIRE_POSTGRES=1: {why}");
            }
            // The real stderr, not the test harness's captured one: a skip is never silent.
            let _ = writeln!(std::io::stderr(), "SKIPPED: PostgreSQL not available: {why} ({test})");
            None
        }
    }
}
