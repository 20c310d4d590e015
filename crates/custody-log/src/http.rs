//! The log's HTTP/1.1 transport (design §4.1): a `TcpListener` served by a fixed number of
//! worker threads, each with its own database connection for reads. A request (head and body)
//! must arrive within 10 s, and its answer be written within 10 s: one deadline each, so a
//! client trickling bytes is cut off (408); at most 100 requests per connection; the head is at
//! most 8 KiB and 32 headers (431); a POST needs one `Content-Length` (411) within the route's
//! limit (413, the body left unread) and `Content-Type: application/json` (415);
//! `Transfer-Encoding` or two lengths are refused (400) and the connection closed, so nothing
//! can be smuggled behind a proxy. Plain HTTP: everything served is signed or an HMAC output; a
//! TLS proxy goes in front of a public log.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use custody_core::keys::KeyPair;
use custody_core::tlog::wording as words;

use crate::api::{self, Response};
use crate::{Db, LogError, Sequencer, Store};

/// The largest request head.
pub const MAX_HEAD: usize = 8 * 1024;
/// The most headers of a request.
pub const MAX_HEADERS: usize = 32;
/// The most requests on one connection.
pub const MAX_REQUESTS: usize = 100;
/// The time a request has to arrive whole (head and body, from its first byte awaited), and
/// an answer to be written: one deadline each, not a timeout per read.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// The most bytes read and dropped after a refusal, before closing.
const DRAIN: usize = 4 << 20;

/// What `serve` needs.
pub struct ServeConfig {
    /// The SQLite file or PostgreSQL database, created by `Store::create`.
    pub db: Db,
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
        let seq = Arc::new(Sequencer::start(Store::open(&config.db)?, config.key)?);
        let listen_failed = |why| LogError::Listen { addr: config.listen.clone(), why };
        let listener = TcpListener::bind(&config.listen).map_err(listen_failed)?;
        let addr = listener.local_addr().map_err(listen_failed)?;
        let stop = Arc::new(AtomicBool::new(false));
        let mut workers = Vec::new();
        for _ in 0..config.threads.max(1) {
            let listener = listener.try_clone().map_err(listen_failed)?;
            let mut store = Store::open(&config.db)?;
            let (seq_w, stop_w) = (Arc::clone(&seq), Arc::clone(&stop));
            let worker = std::thread::Builder::new().name("custody-log-worker".into()).spawn(move || {
                let (seq, stop) = (seq_w, stop_w);
                while !stop.load(Ordering::SeqCst) {
                    match listener.accept() {
                        Ok((conn, _)) => {
                            if stop.load(Ordering::SeqCst) {
                                break;
                            }
                            serve_connection(conn, &mut store, &seq);
                        }
                        // Out of descriptors or a reset before accept: do not spin.
                        Err(_) => std::thread::sleep(Duration::from_millis(50)),
                    }
                }
            });
            match worker {
                Ok(w) => workers.push(w),
                Err(e) => {
                    // No thread: stop the ones started and say why, rather than panic.
                    Server { addr, stop, workers, seq: Some(seq) }.stop();
                    return Err(listen_failed(e));
                }
            }
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
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    };
    let mut out = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\n",
        r.status,
        r.content_type,
        r.body.len()
    );
    for (k, v) in &r.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(if close { "Connection: close\r\n\r\n" } else { "\r\n" });
    // Head and body in one write, all of it within one deadline.
    let mut out = out.into_bytes();
    out.extend_from_slice(&r.body);
    let deadline = Instant::now() + TIMEOUT;
    let mut rest = &out[..];
    while !rest.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || conn.set_write_timeout(Some(left)).is_err() {
            return false;
        }
        match conn.write(rest) {
            Ok(0) | Err(_) => return false,
            Ok(n) => rest = &rest[n..],
        }
    }
    conn.flush().is_ok()
}

/// Reads what arrives before `deadline` into `buf` (false at its end, on EOF or an error).
fn read_by(conn: &mut TcpStream, buf: &mut Vec<u8>, deadline: Instant) -> bool {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() || conn.set_read_timeout(Some(left)).is_err() {
        return false;
    }
    let mut chunk = [0u8; 4096];
    match conn.read(&mut chunk) {
        Ok(0) | Err(_) => false,
        Ok(n) => {
            buf.extend_from_slice(&chunk[..n]);
            true
        }
    }
}

/// Answers `r` and closes: the write side first, then what the client still sends is read
/// and dropped for a moment (at most [`DRAIN`] bytes), so the answer is not lost to a reset.
fn refuse(conn: &mut TcpStream, r: &Response) {
    if write_response(conn, r, true) && conn.shutdown(Shutdown::Write).is_ok() {
        let deadline = Instant::now() + Duration::from_secs(1);
        let mut drained = Vec::new();
        while drained.len() < DRAIN && read_by(conn, &mut drained, deadline) {
            drained.clear();
        }
    }
}

/// Serves the requests of one connection until it closes, errs, or breaks a rule.
fn serve_connection(mut conn: TcpStream, store: &mut Store, seq: &Sequencer) {
    let mut buf: Vec<u8> = Vec::new();
    for served in 0..MAX_REQUESTS {
        let deadline = Instant::now() + TIMEOUT;
        // The head: read until httparse finds it whole (its length is where the body starts),
        // at most MAX_HEAD bytes.
        let head_len = loop {
            let mut scratch = [httparse::EMPTY_HEADER; MAX_HEADERS];
            match httparse::Request::new(&mut scratch).parse(&buf) {
                Ok(httparse::Status::Complete(n)) => break n,
                Ok(httparse::Status::Partial) => {}
                Err(httparse::Error::TooManyHeaders) => {
                    refuse(
                        &mut conn,
                        &Response::error(431, "too_many_headers", &words::http_too_many_headers(MAX_HEADERS)),
                    );
                    return;
                }
                Err(_) => {
                    refuse(&mut conn, &Response::error(400, "bad_request", words::HTTP_NOT_HTTP11));
                    return;
                }
            }
            if buf.len() > MAX_HEAD {
                refuse(&mut conn, &Response::error(431, "head_too_large", &words::http_head_too_large(MAX_HEAD)));
                return;
            }
            if !read_by(&mut conn, &mut buf, deadline) {
                if !buf.is_empty() && Instant::now() >= deadline {
                    refuse(&mut conn, &Response::error(408, "timeout", &words::http_timeout(TIMEOUT.as_secs())));
                }
                return;
            }
        };
        if head_len > MAX_HEAD {
            refuse(&mut conn, &Response::error(431, "head_too_large", &words::http_head_too_large(MAX_HEAD)));
            return;
        }
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut req = httparse::Request::new(&mut headers);
        if !matches!(req.parse(&buf[..head_len]), Ok(httparse::Status::Complete(n)) if n == head_len) {
            refuse(&mut conn, &Response::error(400, "bad_request", words::HTTP_NOT_HTTP11));
            return;
        }
        let mut json_body = false;
        let (method, target) = (req.method.unwrap_or("").to_string(), req.path.unwrap_or("").to_string());
        let (mut length, mut bad, mut close) = (None, None, false);
        for h in req.headers.iter() {
            if h.name.eq_ignore_ascii_case("transfer-encoding") {
                bad = Some(words::HTTP_CHUNKED);
            } else if h.name.eq_ignore_ascii_case("content-length") {
                let v = std::str::from_utf8(h.value)
                    .ok()
                    .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
                match (length, v.and_then(|v| v.parse::<usize>().ok())) {
                    (None, Some(n)) => length = Some(n),
                    _ => bad = Some(words::HTTP_BAD_LENGTH),
                }
            } else if h.name.eq_ignore_ascii_case("content-type") {
                let media = h.value.split(|b| *b == b';').next().unwrap_or_default();
                json_body = media.trim_ascii().eq_ignore_ascii_case(b"application/json");
            } else if h.name.eq_ignore_ascii_case("connection") && h.value.eq_ignore_ascii_case(b"close") {
                close = true;
            }
        }
        if let Some(why) = bad {
            refuse(&mut conn, &Response::error(400, "bad_request", why));
            return;
        }
        let body_len = match (method.as_str(), length) {
            ("POST", None) => {
                refuse(&mut conn, &Response::error(411, "length_required", words::HTTP_LENGTH_REQUIRED));
                return;
            }
            (_, Some(n)) if n > api::body_limit(&target) => {
                let r = Response::error(413, "body_too_large", words::HTTP_BODY_TOO_LARGE);
                refuse(&mut conn, &r);
                return;
            }
            ("POST", _) if !json_body => {
                let r = Response::error(415, "unsupported_media_type", words::HTTP_NOT_JSON);
                refuse(&mut conn, &r);
                return;
            }
            (_, n) => n.unwrap_or(0),
        };
        buf.drain(..head_len);
        while buf.len() < body_len {
            if !read_by(&mut conn, &mut buf, deadline) {
                if Instant::now() >= deadline {
                    refuse(&mut conn, &Response::error(408, "timeout", &words::http_timeout(TIMEOUT.as_secs())));
                }
                return;
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
