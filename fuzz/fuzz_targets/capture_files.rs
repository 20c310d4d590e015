//! What sealing reads from files other tools and other people wrote: WARC and ARC (plain and gzip),
//! WACZ, yt-dlp info files, case files and capture sidecars.
#![no_main]
use std::io::Cursor;
use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    use custody_core::{casefile, import};
    let _ = import::read_warc(Cursor::new(data));
    // Small limits, so that limit paths are reached too.
    let _ = import::read_warc_with(Cursor::new(data), import::WarcLimits { scan_bytes: 4096, pages: 3, inflate_floor: 4096 });
    let _ = import::read_wacz(Cursor::new(data));
    let _ = import::read_ytdlp(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = casefile::parse_case_file(text, Path::new("/nonexistent/case.toml"));
        let _ = casefile::parse_sidecar(text, Path::new("x.capture.toml"));
        let _ = casefile::parse_sidecar(text, Path::new("x.capture.json"));
    }
});
