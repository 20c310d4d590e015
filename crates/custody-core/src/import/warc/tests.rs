use std::io::{Cursor, Write};

use super::*;

pub(crate) fn record(fields: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut r = b"WARC/1.1\r\n".to_vec();
    for (k, v) in fields {
        r.extend(format!("{k}: {v}\r\n").as_bytes());
    }
    r.extend(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    r.extend(body);
    r.extend(b"\r\n\r\n");
    r
}

fn response(uri: &str, date: &str, http: &str) -> Vec<u8> {
    record(&[("WARC-Type", "response"), ("WARC-Date", date), ("WARC-Target-URI", uri)], http.as_bytes())
}

pub(crate) fn sample_warc() -> Vec<u8> {
    let mut w = record(&[("WARC-Type", "warcinfo")], b"software: TestCrawler 1.2\r\n");
    w.extend(response(
        "http://a.example/",
        "2026-03-14T08:31:04.123Z",
        "HTTP/1.1 302 Found\r\nLocation: https://a.example/\r\n\r\n",
    ));
    w.extend(response("<https://a.example/>", "2026-03-14T08:31:09Z", "HTTP/1.1 200 OK\r\n\r\n<html></html>"));
    w
}

/// Each record its own gzip member, as WARC writers do.
fn gzip_members(records: &[Vec<u8>]) -> (Vec<u8>, Vec<usize>) {
    let mut out = Vec::new();
    let mut starts = Vec::new();
    for r in records {
        starts.push(out.len());
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(r).unwrap();
        out.extend(e.finish().unwrap());
    }
    (out, starts)
}

fn read(bytes: &[u8]) -> Imported {
    read_warc(Cursor::new(bytes)).unwrap()
}

fn urls(i: &Imported) -> Vec<&str> {
    i.pages.iter().map(|p| p.url.as_str()).collect()
}

#[test]
fn warc_gives_pages_urls_times_and_tool() {
    let i = read(&sample_warc());
    assert_eq!(i.capture.source_url.as_deref(), Some("http://a.example/"));
    assert_eq!(i.capture.final_url.as_deref(), Some("https://a.example/"), "angle brackets of WARC 1.0 removed");
    assert_eq!(i.capture.captured_at.unwrap().to_string(), "2026-03-14T08:31:04Z", "fractions truncated");
    assert_eq!(i.capture.capture_end.unwrap().to_string(), "2026-03-14T08:31:09Z");
    assert_eq!(i.capture.tool.as_ref().unwrap().name, "TestCrawler 1.2");
    assert_eq!(i.role, Some(FileRole::Warc));
    assert_eq!(urls(&i), ["http://a.example/", "https://a.example/"]);
    assert_eq!((i.pages[0].status, i.pages[1].status), (Some(302), Some(200)));
    assert_eq!(i.pages[0].final_url.as_deref(), Some("https://a.example/"));
    assert_eq!(i.pages[1].final_url, None);
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
}

#[test]
fn gzip_is_recognised_by_content_member_by_member() {
    let w = sample_warc();
    let mut records = vec![record(&[("WARC-Type", "warcinfo")], b"software: TestCrawler 1.2\r\n")];
    records.push(w[records[0].len()..].to_vec());
    let (gz, _) = gzip_members(&records);
    assert_eq!(read(&gz).capture, read(&w).capture);
    assert_eq!(read(&gz).pages, read(&w).pages);

    // Named .warc but gzip inside (Webrecorder exports): read by content, through the
    // importer the sealer calls.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.warc");
    std::fs::write(&path, &gz).unwrap();
    let i = super::super::import(&path, "export.warc").unwrap().unwrap();
    assert_eq!(i.capture.source_url.as_deref(), Some("http://a.example/"));
    // And a plain file named .warc.gz.
    std::fs::write(&path, &w).unwrap();
    assert_eq!(super::super::import(&path, "x.warc.gz").unwrap().unwrap().pages.len(), 2);
}

#[test]
fn non_http_records_are_never_pages() {
    // Heritrix writes its DNS lookup first; wget writes its log and arguments as metadata
    // and resource records at the end, after a redirect to a host that did not answer.
    let mut w = record(&[("WARC-Type", "warcinfo")], b"software: Wget/1.21.3 (linux-gnu)\r\n");
    w.extend(record(
        &[("WARC-Type", "response"), ("WARC-Date", "2026-03-14T08:00:00Z"), ("WARC-Target-URI", "dns:www.archive.org")],
        b"20260314080000\r\nwww.archive.org.\t300\tIN\tA\t207.241.224.2\r\n",
    ));
    w.extend(record(
        &[
            ("WARC-Type", "request"),
            ("WARC-Date", "2026-03-14T08:00:01Z"),
            ("WARC-Target-URI", "http://site.example/old"),
        ],
        b"GET /old HTTP/1.1\r\n\r\n",
    ));
    w.extend(response(
        "http://site.example/old",
        "2026-03-14T08:00:01Z",
        "HTTP/1.1 301 Moved Permanently\r\nLocation: http://dead.example/new\r\n\r\n",
    ));
    w.extend(record(
        &[
            ("WARC-Type", "metadata"),
            ("WARC-Date", "2026-03-14T08:00:09Z"),
            ("WARC-Target-URI", "metadata://gnu.org/software/wget/warc/MANIFEST.txt"),
        ],
        b"x",
    ));
    w.extend(record(
        &[
            ("WARC-Type", "resource"),
            ("WARC-Date", "2026-03-14T08:00:09Z"),
            ("WARC-Target-URI", "metadata://gnu.org/software/wget/warc/wget_arguments.txt"),
        ],
        b"\"http://site.example/old\"",
    ));
    let i = read(&w);
    assert_eq!(urls(&i), ["http://site.example/old"]);
    assert_eq!(i.capture.source_url.as_deref(), Some("http://site.example/old"));
    assert_eq!(
        i.capture.final_url.as_deref(),
        Some("http://dead.example/new"),
        "the redirect's target, not wget's log"
    );
    assert_eq!(i.capture.captured_at.unwrap().to_string(), "2026-03-14T08:00:01Z", "the DNS lookup is no page");
    assert_eq!(i.capture.capture_end, None, "one page, one time");
    assert_eq!(i.capture.tool.unwrap().name, "Wget/1.21.3 (linux-gnu)");

    // Only records of other kinds: explained, not imported.
    let only_dns = record(&[("WARC-Type", "response"), ("WARC-Target-URI", "dns:a.example")], b"x");
    assert!(read_warc(Cursor::new(only_dns)).unwrap_err().contains("no HTTP or HTTPS page"));
}

#[test]
fn every_site_and_page_is_listed_and_redirect_chains_followed() {
    let mut w = response("http://one.example/", "2026-03-14T08:00:00Z", "HTTP/1.1 200 OK\r\n\r\n");
    w.extend(response("http://one.example/robots.txt", "2026-03-14T08:00:01Z", "HTTP/1.1 404 Not Found\r\n\r\n"));
    w.extend(response("http://two.example/a", "2026-03-14T08:01:00Z", "HTTP/1.1 302 Found\r\nlocation: /b\r\n\r\n"));
    w.extend(response(
        "http://two.example/b",
        "2026-03-14T08:01:01Z",
        "HTTP/1.1 307 Temporary\r\nLocation: c?x=1\r\n\r\n",
    ));
    w.extend(response("http://two.example/c?x=1", "2026-03-14T08:01:02Z", "HTTP/1.1 200 OK\r\n\r\n"));
    let i = read(&w);
    assert_eq!(urls(&i).len(), 5);
    assert_eq!(i.pages_total, 5);
    assert_eq!(i.pages[2].final_url.as_deref(), Some("http://two.example/c?x=1"), "followed through two hops");
    assert_eq!(i.pages[3].final_url.as_deref(), Some("http://two.example/c?x=1"));
    assert_eq!(i.capture.capture_end.unwrap().to_string(), "2026-03-14T08:01:02Z");

    // A robots.txt fetched first is not the capture's source.
    let mut w = response("http://one.example/robots.txt", "2026-03-14T08:00:00Z", "HTTP/1.1 200 OK\r\n\r\n");
    w.extend(response("http://one.example/", "2026-03-14T08:00:01Z", "HTTP/1.1 200 OK\r\n\r\n"));
    assert_eq!(read(&w).capture.source_url.as_deref(), Some("http://one.example/"));

    // Redirect loops end.
    let mut w = response("http://l.example/a", "2026-03-14T08:00:00Z", "HTTP/1.1 302 F\r\nLocation: /b\r\n\r\n");
    w.extend(response("http://l.example/b", "2026-03-14T08:00:00Z", "HTTP/1.1 302 F\r\nLocation: /a\r\n\r\n"));
    assert_eq!(read(&w).pages.len(), 2);
}

#[test]
fn revisits_are_pages_and_count_in_the_capture_window() {
    let revisit = |uri: &str, date: &str| {
        record(
            &[
                ("WARC-Type", "revisit"),
                ("WARC-Date", date),
                ("WARC-Target-URI", uri),
                ("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"),
            ],
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
        )
    };
    let mut w = revisit("https://r.example/", "2026-03-14T09:00:00Z");
    w.extend(revisit("https://r.example/x", "2026-03-14T09:30:00Z"));
    let i = read(&w);
    assert_eq!(urls(&i), ["https://r.example/", "https://r.example/x"]);
    assert!(i.pages.iter().all(|p| p.revisit && p.status == Some(200)));
    assert_eq!(i.capture.capture_end.unwrap().to_string(), "2026-03-14T09:30:00Z");

    let mut w = sample_warc();
    w.extend(revisit("https://a.example/", "2026-03-14T10:00:00Z"));
    assert_eq!(read(&w).capture.capture_end.unwrap().to_string(), "2026-03-14T10:00:00Z", "revisit ends the window");
}

#[test]
fn a_damaged_record_costs_only_itself() {
    let good = sample_warc();
    let later = response("https://later.example/", "2026-03-14T11:00:00Z", "HTTP/1.1 200 OK\r\n\r\n");

    // Plain: a record without a Content-Length, and garbage, between good ones.
    let mut w = good.clone();
    let bad_at = w.len();
    w.extend(b"WARC/1.1\r\nWARC-Type: response\r\n\r\nsome body\r\n\r\n");
    w.extend(b"garbage that is no record\r\n\r\n");
    w.extend(&later);
    let i = read(&w);
    assert_eq!(urls(&i), ["http://a.example/", "https://a.example/", "https://later.example/"]);
    assert!(i.warnings[0].contains(&format!("at byte {bad_at}")), "{:?}", i.warnings);
    assert!(i.warnings[0].contains("Content-Length"), "{:?}", i.warnings);

    // Plain, cut short: the pages before the cut are kept, and the cut record's header
    // facts too (as stock readers list it), with a warning.
    let mut w = good.clone();
    w.extend(&later[..later.len() - 10]);
    let i = read(&w);
    assert_eq!(i.pages.len(), 3);
    assert!(i.warnings[0].contains("cut short") && i.warnings[0].contains(&format!("at byte {}", good.len())));

    // Gzip: one damaged member among three; each record its own member.
    let records = vec![
        good.clone(),
        later.clone(),
        response("https://third.example/", "2026-03-14T12:00:00Z", "HTTP/1.1 200 OK\r\n\r\n"),
    ];
    let (mut gz, starts) = gzip_members(&records);
    let mid = starts[1] + (starts[2] - starts[1]) / 2;
    gz[mid] ^= 0xff;
    let i = read(&gz);
    assert_eq!(urls(&i), ["http://a.example/", "https://a.example/", "https://third.example/"]);
    assert!(i.warnings.iter().any(|w| w.contains(&format!("gzip member at byte {}", starts[1]))), "{:?}", i.warnings);

    // Gzip: a truncated last member.
    let (gz, starts) = gzip_members(&records);
    let i = read(&gz[..starts[2] + 20]);
    assert_eq!(i.pages.len(), 3);
    assert!(i.warnings.iter().any(|w| w.contains(&format!("byte {}", starts[2]))), "{:?}", i.warnings);

    // Gzip: garbage between members.
    let (gz, starts) = gzip_members(&records);
    let mut g = gz[..starts[1]].to_vec();
    g.extend(b"\x00junk\x1f\x8b");
    g.extend(&gz[starts[1]..]);
    let i = read(&g);
    assert_eq!(i.pages.len(), 4);
    assert!(!i.warnings.is_empty());
}

#[test]
fn arc_files_are_read() {
    let body = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html></html>";
    let desc = b"1 0 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n";
    let mut a = format!("filedesc://test.arc 0.0.0.0 20050614070159 text/plain {}\n", desc.len()).into_bytes();
    a.extend(desc);
    a.extend(b"\n");
    a.extend(format!("http://www.example.com/ 192.0.2.1 20050614070144 text/html {}\n", body.len()).as_bytes());
    a.extend(body);
    a.extend(b"\n");
    a.extend(format!("dns:www.example.com 192.0.2.2 20050614070143 text/dns {}\n", 5).as_bytes());
    a.extend(b"x.y.z\n");
    let i = read(&a);
    assert_eq!(i.format, "ARC");
    assert_eq!(urls(&i), ["http://www.example.com/"]);
    assert_eq!(i.pages[0].status, Some(200));
    assert_eq!(i.capture.captured_at.unwrap().to_string(), "2005-06-14T07:01:44Z");
    let (gz, _) = gzip_members(&[a]);
    assert_eq!(read(&gz).pages, i.pages);
}

#[test]
fn hostile_warcs_are_explained_not_fatal() {
    for (bytes, why) in [
        (b"hello world\n\n".to_vec(), "not a WARC or ARC file"),
        (vec![], "not a WARC or ARC file"),
        (b"WARC/1.1\r\nWARC-Type: response\r\n\r\n".to_vec(), "Content-Length"),
        (b"WARC/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n".to_vec(), "Content-Length"),
        (record(&[("WARC-Type", "warcinfo")], b"x"), "no HTTP"),
        (vec![0x28, 0xb5, 0x2f, 0xfd, 0, 0], "zstd"),
        ([b"WARC/1.1\r\nX: ".as_slice(), &vec![b'a'; 200_000]].concat(), "too long"),
        ([b"WARC/1.1\r\n".as_slice(), &b"X: y\r\n".repeat(5000)].concat(), "too many lines"),
    ] {
        let e = read_warc(Cursor::new(bytes)).unwrap_err();
        assert!(e.contains(why), "{why}: got {e}");
    }
    // A Content-Length beyond the end: the record is cut short, the earlier ones stand.
    let mut w = sample_warc();
    w.extend(b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 18446744073709551615\r\n\r\nabc");
    assert!(read(&w).warnings[0].contains("cut short"));

    // An endless gzip member (zeros without end): read up to the limit, then stopped, with
    // what came before kept.
    let (mut gz, _) = gzip_members(&[sample_warc()]);
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(&vec![0u8; 8 << 20]).unwrap();
    gz.extend(e.finish().unwrap());
    let limits = WarcLimits { scan_bytes: 1 << 20, pages: 10, ..WarcLimits::default() };
    let i = read_warc_with(Cursor::new(&gz), limits).unwrap();
    assert_eq!(i.pages.len(), 2);
    assert!(i.warnings.iter().any(|w| w.contains("only its first 1 MiB")), "{:?}", i.warnings);
    assert_eq!(i.capture.capture_end, None, "a window not read to its end is not claimed");

    // More pages than listed: counted.
    let mut w = Vec::new();
    for n in 0..30 {
        w.extend(response(&format!("https://p.example/{n}"), "2026-03-14T08:00:00Z", "HTTP/1.1 200 OK\r\n\r\n"));
    }
    let i = read_warc_with(Cursor::new(&w), limits).unwrap();
    assert_eq!((i.pages.len(), i.pages_total), (10, 30));
    assert!(i.warnings.iter().any(|w| w.contains("30 pages")));
}

#[test]
fn reading_is_linear_in_the_input() {
    // 100 000 records, and 100 000 damaged ones: each costs its own bytes only.
    let one = response("https://p.example/", "2026-03-14T08:00:00Z", "HTTP/1.1 200 OK\r\n\r\n");
    let mut w = one.repeat(100_000);
    w.extend(b"WARC/1.1\r\n\r\n".repeat(100_000));
    let started = std::time::Instant::now();
    let i = read(&w);
    assert_eq!(i.pages_total, 100_000);
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
}

#[test]
fn redirects_resolve_like_browsers() {
    for (base, loc, want) in [
        ("http://h.example/a/b?q#f", "https://o.example/x", "https://o.example/x"),
        ("http://h.example/a/b", "//o.example/x", "http://o.example/x"),
        ("http://h.example/a/b", "/x", "http://h.example/x"),
        ("http://h.example/a/b", "x", "http://h.example/a/x"),
        ("http://h.example", "x", "http://h.example/x"),
        ("http://h.example/a/b?q", "?r", "http://h.example/a/b?r"),
    ] {
        assert_eq!(resolve(base, loc), want, "{base} + {loc}");
    }
}

/// A reader giving at most `chunk` bytes per read, as pipes and some file systems do.
struct Chunked<'a> {
    bytes: &'a [u8],
    chunk: usize,
}

impl Read for Chunked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(self.chunk).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

#[test]
fn valid_gzip_warcs_get_no_damage_note_wherever_a_member_ends() {
    // Members of different lengths, read in chunks of 1 to 97 bytes: a member boundary falls
    // at every offset of the reader's buffer, and none is taken for damage.
    let records: Vec<Vec<u8>> = (0..40)
        .map(|n| response(&format!("http://a.example/{n}"), "2026-03-14T08:31:04Z", &"x".repeat(n * 37)))
        .collect();
    let (gz, _) = gzip_members(&records);
    for chunk in 1..=97 {
        let i = read_warc(Chunked { bytes: &gz, chunk }).unwrap();
        assert!(i.warnings.is_empty(), "chunk {chunk}: {:?}", i.warnings);
        assert_eq!(i.pages.len(), 40, "chunk {chunk}");
    }
}

#[test]
fn draft_warc_versions_resync_and_warnings_name_the_record_start() {
    // WARC/0.17 (Heritrix): after a damaged record, reading goes on; a second damaged record
    // found by the resync is named by the offset of its first line.
    let v017 = |r: Vec<u8>| [b"WARC/0.17".as_slice(), &r[8..]].concat();
    let a = v017(response("http://a.example/", "2026-03-14T08:31:04Z", "HTTP/1.1 200 OK\r\n\r\n"));
    let bad = b"WARC/0.17\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\nbody\r\n\r\n".to_vec();
    let d = v017(response("http://d.example/", "2026-03-14T08:31:09Z", "HTTP/1.1 200 OK\r\n\r\n"));
    let w = [a.clone(), bad.clone(), bad.clone(), d].concat();
    let i = read(&w);
    assert_eq!(urls(&i), ["http://a.example/", "http://d.example/"], "{:?}", i.warnings);
    let (first, second) = (a.len(), a.len() + bad.len());
    assert!(i.warnings[0].contains(&format!("at byte {first} is damaged")), "{:?}", i.warnings);
    assert!(i.warnings[1].contains(&format!("at byte {second} is damaged")), "{:?}", i.warnings);
}

#[test]
fn long_urls_count_as_pages_and_are_not_called_damage() {
    let long = format!("https://t.example/?utm={}", "x".repeat(2000));
    let w = [
        response("http://a.example/", "2026-03-14T08:31:04Z", "HTTP/1.1 200 OK\r\n\r\n"),
        response(&long, "2026-03-14T09:00:00Z", "HTTP/1.1 200 OK\r\n\r\n"),
    ]
    .concat();
    let i = read(&w);
    assert_eq!((i.pages.len(), i.pages_total), (1, 2));
    assert_eq!(i.capture.capture_end.unwrap().to_string(), "2026-03-14T09:00:00Z", "its time is in the window");
    assert_eq!(i.warnings.len(), 1, "{:?}", i.warnings);
    assert!(i.warnings[0].contains("longer than 1024 characters") && !i.warnings[0].contains("damaged"));
}

#[test]
fn redirects_follow_the_next_record_of_their_target_not_an_earlier_capture() {
    // An earlier session captured B as a redirect to C; later, A redirects to B, answered 200.
    let w = [
        response(
            "http://b.example/",
            "2026-03-13T08:00:00Z",
            "HTTP/1.1 302 Found\r\nLocation: http://c.example/\r\n\r\n",
        ),
        response(
            "http://a.example/",
            "2026-03-14T08:00:00Z",
            "HTTP/1.1 301 Moved\r\nLocation: http://b.example/\r\n\r\n",
        ),
        response("http://b.example/", "2026-03-14T08:00:01Z", "HTTP/1.1 200 OK\r\n\r\n"),
    ]
    .concat();
    let i = read(&w);
    assert_eq!(i.pages[0].final_url.as_deref(), Some("http://c.example/"));
    assert_eq!(i.pages[1].final_url.as_deref(), Some("http://b.example/"), "{:?}", i.pages);
}

#[test]
fn a_gzip_bomb_is_read_only_to_a_multiple_of_its_size() {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(&record(&[("WARC-Type", "response"), ("WARC-Target-URI", "http://a.example/")], &vec![0u8; 64 << 20]))
        .unwrap();
    let bomb = e.finish().unwrap();
    let limits = WarcLimits { inflate_floor: 1 << 20, ..WarcLimits::default() };
    let i = read_warc_with(Cursor::new(&bomb), limits).unwrap();
    assert_eq!(i.pages.len(), 1);
    assert!(i.warnings.iter().any(|w| w.contains("decompression bomb")), "{:?}", i.warnings);
    assert!(i.warnings.iter().all(|w| !w.contains("cut short")), "{:?}", i.warnings);
}

#[test]
fn arc_resync_skips_content_lines_that_look_like_headers() {
    // An ARC file whose second record is damaged (its length is not a number); the content
    // after it holds a line of five fields ending in a number, which is not a record start.
    let rec = |url: &str, body: &str| format!("{url} 1.2.3.4 20080430204825 text/html {}\n{body}\n", body.len());
    let filedesc = rec("filedesc://x.arc", "1 0 Test\nURL IP-address Archive-date Content-type Archive-length");
    let a = rec("http://a.example/", "HTTP/1.1 200 OK\r\n\r\nhello");
    let damaged = "http://b.example/ 1.2.3.4 20080430204826 text/html xx\nsome words here and 12\n";
    let c = rec("http://c.example/", "HTTP/1.1 200 OK\r\n\r\nbye");
    let i = read(format!("{filedesc}\n{a}\n{damaged}{c}").as_bytes());
    assert_eq!(urls(&i), ["http://a.example/", "http://c.example/"], "{:?}", i.warnings);
}

#[test]
fn a_redirect_whose_location_is_beyond_the_headers_read_is_said() {
    let http = format!("HTTP/1.1 302 Found\r\nX-Pad: {}\r\nLocation: http://b.example/\r\n\r\n", "p".repeat(20_000));
    let i = read(&response("http://a.example/", "2026-03-14T08:31:04Z", &http));
    assert_eq!(i.pages[0].final_url, None);
    assert!(i.warnings.iter().any(|w| w.contains("Location is not read")), "{:?}", i.warnings);
}

#[test]
fn records_spanning_gzip_members_are_whole_bgzip_style() {
    // bgzip-style block compression cuts the stream at fixed sizes, not at records: a
    // record spans members, and the file is whole. Read as one stream, it gets no note.
    let records: Vec<Vec<u8>> = (0..30)
        .map(|n| response(&format!("http://b.example/{n}"), "2026-03-14T08:31:04Z", &"y".repeat(n * 53)))
        .collect();
    let plain = records.concat();
    let blocks: Vec<Vec<u8>> = plain.chunks(61).map(<[u8]>::to_vec).collect();
    let (gz, starts) = gzip_members(&blocks);
    for chunk in [1, 7, 4096] {
        let i = read_warc(Chunked { bytes: &gz, chunk }).unwrap();
        assert!(i.warnings.is_empty(), "chunk {chunk}: {:?}", i.warnings);
        assert_eq!(i.pages.len(), 30, "chunk {chunk}");
        assert_eq!(i.capture.capture_end, read(&plain).capture.capture_end);
    }

    // One damaged block costs the records it touches, named by the member's offset; the
    // records after it are found again.
    let mut bad = gz.clone();
    let k = blocks.len() / 2;
    bad[starts[k] + 12] ^= 0xff;
    let i = read(&bad);
    assert!(i.warnings.iter().any(|w| w.contains(&format!("gzip member at byte {}", starts[k]))), "{:?}", i.warnings);
    assert!(i.pages.len() >= 28, "{}", i.pages.len());
    assert!(urls(&i).contains(&"http://b.example/29"), "{:?}", urls(&i));
}
