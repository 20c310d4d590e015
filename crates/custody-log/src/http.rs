//! The log's HTTP/1.1 transport (design §4.1): a `TcpListener` served by a fixed number of
//! worker threads, each with its own database connection for reads. Read and write time out
//! after 10 s; at most 100 requests per connection; the head is at most 8 KiB and 32 headers
//! (431); a POST needs one `Content-Length` (411) within the route's limit (413, the body left
//! unread) and `Content-Type: application/json` (415); `Transfer-Encoding` or two lengths are refused (400) and the connection closed, so
//! nothing can be smuggled behind a proxy. Plain HTTP: everything served is signed or an HMAC
//! output; a TLS proxy goes in front of a public log.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use custody_core::keys::KeyPair;

use crate::api::{self, Response};
use crate::{LogError, Sequencer, SqliteStore};

/// The largest request head.
pub const MAX_HEAD: usize = 8 * 1024;
/// The most headers of a request.
pub const MAX_HEADERS: usize = 32;
/// The most requests on one connection.
pub const MAX_REQUESTS: usize = 100;
/// Read and write timeout of a connection.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// What `serve` needs.
pub struct ServeConfig {
    /// The SQLite file, created by `SqliteStore::create`.
    pub db: PathBuf,
    /// The log's key (checked against the database's).
    pub key: KeyPair,
    /// Where to listen (`127.0.0.1:0` picks a free port).
    pub listen: String,
    /// Worker threads.
    pub threads: usize,
}

/// A running server.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
    seq: Option<Arc<Sequencer>>,
}

impl Server {
    /// Binds, checks the key against the database and starts the sequencer and the workers.
    pub fn start(config: ServeConfig) -> Result<Server, LogError> {
        let seq = Arc::new(Sequencer::start(SqliteStore::open(&config.db)?, config.key)?);
        let listener = TcpListener::bind(&config.listen).map_err(|e| LogError::Listen(e.to_string()))?;
        let addr = listener.local_addr().map_err(|e| LogError::Listen(e.to_string()))?;
        let stop = Arc::new(AtomicBool::new(false));
        let mut workers = Vec::new();
        for _ in 0..config.threads.max(1) {
            let listener = listener.try_clone().map_err(|e| LogError::Listen(e.to_string()))?;
            let mut store = SqliteStore::open(&config.db)?;
            let (seq, stop) = (Arc::clone(&seq), Arc::clone(&stop));
            workers.push(std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    if let Ok((conn, _)) = listener.accept() {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        serve_connection(conn, &mut store, &seq);
                    }
                }
            }));
        }
        Ok(Server { addr, stop, workers, seq: Some(seq) })
    }

    /// The address listened on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting, lets each worker finish its connection, then the sequencer its queue.
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for _ in 0..self.workers.len() {
            let _ = TcpStream::connect(self.addr);
        }
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
        if let Some(seq) = self.seq.take().and_then(Arc::into_inner) {
            seq.stop();
        }
    }
}

fn write_response(conn: &mut TcpStream, r: &Response, close: bool) -> bool {
    let reason = match r.status {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    };
    let mut head = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\n",
        r.status,
        r.content_type,
        r.body.len()
    );
    for (k, v) in &r.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(if close { "Connection: close\r\n\r\n" } else { "\r\n" });
    conn.write_all(head.as_bytes()).and_then(|_| conn.write_all(&r.body)).and_then(|_| conn.flush()).is_ok()
}

/// Serves the requests of one connection until it closes, errs, or breaks a rule.
fn serve_connection(mut conn: TcpStream, store: &mut SqliteStore, seq: &Sequencer) {
    if conn.set_read_timeout(Some(TIMEOUT)).is_err() || conn.set_write_timeout(Some(TIMEOUT)).is_err() {
        return;
    }
    let mut buf: Vec<u8> = Vec::new();
    for served in 0..MAX_REQUESTS {
        // The head: read until the blank line, at most MAX_HEAD bytes.
        let head_len = loop {
            if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            if buf.len() > MAX_HEAD {
                write_response(
                    &mut conn,
                    &Response::error(431, "head_too_large", "the request head is over 8 KiB"),
                    true,
                );
                return;
            }
            let mut chunk = [0u8; 4096];
            match conn.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        if head_len > MAX_HEAD {
            write_response(&mut conn, &Response::error(431, "head_too_large", "the request head is over 8 KiB"), true);
            return;
        }
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut req = httparse::Request::new(&mut headers);
        let parsed = req.parse(&buf[..head_len]);
        let mut json_body = false;
        let (method, target, mut length, mut bad, mut close) = match parsed {
            Ok(httparse::Status::Complete(_)) => {
                (req.method.unwrap_or("").to_string(), req.path.unwrap_or("").to_string(), None, None, false)
            }
            Err(httparse::Error::TooManyHeaders) => {
                write_response(&mut conn, &Response::error(431, "too_many_headers", "more than 32 headers"), true);
                return;
            }
            _ => {
                write_response(&mut conn, &Response::error(400, "bad_request", "not an HTTP/1.1 request"), true);
                return;
            }
        };
        for h in req.headers.iter() {
            if h.name.eq_ignore_ascii_case("transfer-encoding") {
                bad = Some("Transfer-Encoding is not accepted; send Content-Length");
            } else if h.name.eq_ignore_ascii_case("content-length") {
                let v = std::str::from_utf8(h.value)
                    .ok()
                    .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
                match (length, v.and_then(|v| v.parse::<usize>().ok())) {
                    (None, Some(n)) => length = Some(n),
                    _ => bad = Some("one Content-Length, a decimal number"),
                }
            } else if h.name.eq_ignore_ascii_case("content-type") {
                let media = h.value.split(|b| *b == b';').next().unwrap_or_default();
                json_body = media.trim_ascii().eq_ignore_ascii_case(b"application/json");
            } else if h.name.eq_ignore_ascii_case("connection") && h.value.eq_ignore_ascii_case(b"close") {
                close = true;
            }
        }
        if let Some(why) = bad {
            write_response(&mut conn, &Response::error(400, "bad_request", why), true);
            return;
        }
        let body_len = match (method.as_str(), length) {
            ("POST", None) => {
                write_response(
                    &mut conn,
                    &Response::error(411, "length_required", "a POST needs Content-Length"),
                    true,
                );
                return;
            }
            (_, Some(n)) if n > api::body_limit(&target) => {
                let r = Response::error(413, "body_too_large", "the body is over the endpoint's limit");
                write_response(&mut conn, &r, true);
                return;
            }
            ("POST", _) if !json_body => {
                let r = Response::error(415, "unsupported_media_type", "send the body as application/json");
                write_response(&mut conn, &r, true);
                return;
            }
            (_, n) => n.unwrap_or(0),
        };
        buf.drain(..head_len);
        while buf.len() < body_len {
            let mut chunk = [0u8; 1024];
            match conn.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        let body: Vec<u8> = buf.drain(..body_len).collect();
        let response = api::handle(&method, &target, &body, store, seq);
        close |= served + 1 == MAX_REQUESTS;
        if !write_response(&mut conn, &response, close) || close {
            return;
        }
    }
}

#[cfg(test)]
mod tests;
