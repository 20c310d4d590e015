"""Cross-checks tests/corpus/expected.json (what custody imports from each corpus file,
asserted by crates/custody-core/tests/corpus.rs) with independent readers: warcio for WARC
and ARC files, py-wacz (`wacz validate`) and Python's zipfile/hashlib for WACZ packages.
Run by tests/corpus-crosscheck.sh, which installs pinned warcio and wacz in a venv."""

import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile

from warcio.archiveiterator import ArchiveIterator

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
PAGE_TYPES = ("response", "resource", "revisit")

# Where py-wacz 0.6.0 and the files' own fixity disagree, and why: custody follows the
# fixity (every listed hash checked by hashlib below).
WACZ_VALIDATE_KNOWN = {
    # WACZ 1.0.0 lists hashes as stats.hash with hashing: sha256; py-wacz 0.6.0 no longer
    # detects that layout ("Hashing type was unable to be detected"), though every hash matches.
    "py-wacz/valid_example_1.wacz": 1,
}


def second(ts):
    """A WARC-Date (or ARC 14-digit date after arc2warc) to the second, UTC, as custody writes it."""
    ts = ts.strip()
    if "." in ts:
        ts = ts.split(".")[0] + "Z"
    return ts


def warc_facts(path):
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        return records(io.BytesIO(data), strict=True)
    except Exception as e:
        if "non-chunked" not in str(e):
            raise
    # One gzip member for the whole file: warcio reads only one record per member, so the
    # whole file is decompressed first (custody reads it as a stream of records).
    return records(io.BytesIO(gzip.decompress(data)), strict=False)


def records(fh, strict):
    pages, software, dates = [], None, []
    if True:
        try:
            for rec in ArchiveIterator(fh, arc2warc=True):
                t = rec.rec_type
                uri = (rec.rec_headers.get_header("WARC-Target-URI") or "").strip("<>")
                if t == "warcinfo" and software is None:
                    for line in rec.content_stream().read().decode("utf-8", "replace").splitlines():
                        k, _, v = line.partition(":")
                        if k.strip().lower() == "software" and v.strip():
                            software = v.strip()
                            break
                    continue
                if t not in PAGE_TYPES or not uri.lower().startswith(("http://", "https://")):
                    continue
                date = second(rec.rec_headers.get_header("WARC-Date"))
                status = None
                if t != "resource" and rec.http_headers is not None:
                    code = rec.http_headers.get_statuscode()
                    status = int(code) if code and code.isdigit() else None
                pages.append({"url": uri, "time": date, "status": status, "revisit": t == "revisit"})
                dates.append(date)
        except Exception as e:  # a damaged tail: what was read stands, as in custody
            if strict and "non-chunked" in str(e):
                raise
            print("  (warcio stopped: %s: %s)" % (type(e).__name__, str(e).splitlines()[0]))
    return pages, software, dates


def check_warc(rel, want, fail):
    pages, software, dates = warc_facts(os.path.join(ROOT, rel))
    if "error" in want:
        if pages:
            fail(rel, "custody imports nothing (%s) but warcio finds %d pages" % (want["error"], len(pages)))
        return
    if len(pages) != want["pages_total"]:
        fail(rel, "pages: custody %d, warcio %d" % (want["pages_total"], len(pages)))
    for i, p in enumerate(want["first_pages"]):
        w = pages[i] if i < len(pages) else None
        mine = {k: p[k] for k in ("url", "time", "status", "revisit")}
        if w != mine:
            fail(rel, "page %d: custody %s, warcio %s" % (i, mine, w))
    main = next((p for p in pages if not p["url"].endswith("/robots.txt")), pages[0] if pages else None)
    if main and want["source_url"] != main["url"]:
        fail(rel, "source_url: custody %s, warcio %s" % (want["source_url"], main["url"]))
    if dates:
        lo, hi = min(dates), max(dates)
        if want["captured_at"] != lo:
            fail(rel, "captured_at: custody %s, warcio %s" % (want["captured_at"], lo))
        if want["capture_end"] != (hi if hi != lo else None):
            fail(rel, "capture_end: custody %s, warcio %s" % (want["capture_end"], hi))
    if want["tool"] != software:
        fail(rel, "tool: custody %s, warcio's warcinfo %s" % (want["tool"], software))


def wacz_fixity(zf):
    """True when every resource's SHA-256 matches (hash: sha256:..., or stats.hash + hashing)."""
    pkg = json.loads(zf.read("datapackage.json"))
    res = pkg.get("resources") or []
    if not res:
        return False
    for r in res:
        h = r.get("hash") or ""
        if h.startswith("sha256:"):
            want = h[7:]
        elif r.get("hashing") == "sha256":
            want = (r.get("stats") or {}).get("hash")
        else:
            return False
        try:
            if hashlib.sha256(zf.read(r["path"])).hexdigest() != want:
                return False
        except KeyError:
            return False
    if "datapackage-digest.json" in zf.namelist():
        d = json.loads(zf.read("datapackage-digest.json"))
        if d.get("hash") != "sha256:" + hashlib.sha256(zf.read("datapackage.json")).hexdigest():
            return False
    return True


def wacz_validate(path, venv_bin):
    r = subprocess.run([os.path.join(venv_bin, "wacz"), "validate", "-f", path], capture_output=True, timeout=300)
    return r.returncode


def check_wacz(rel, want, fail, venv_bin):
    path = os.path.join(ROOT, rel)
    with zipfile.ZipFile(path) as zf:
        ok = wacz_fixity(zf)
        urls = []
        for name in ("pages/pages.jsonl", "pages/extraPages.jsonl"):
            if name in zf.namelist():
                for line in zf.read(name).splitlines():
                    try:
                        v = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(v, dict) and isinstance(v.get("url"), str):
                        urls.append(v["url"])
    imported = want.get("source_url") is not None or want.get("captured_at") is not None
    if ok != imported:
        fail(rel, "fixity %s by hashlib, but custody %s values" % (ok, "imported" if imported else "did not import"))
    code = wacz_validate(path, venv_bin)
    expected_code = WACZ_VALIDATE_KNOWN.get(rel, 0 if ok else 1)
    if code != expected_code:
        fail(rel, "wacz validate exited %d, expected %d" % (code, expected_code))
    if ok and want["pages_total"] != len(urls):
        fail(rel, "pages: custody %d, pages.jsonl %d" % (want["pages_total"], len(urls)))
    if ok and urls and want["first_pages"][0]["url"] != urls[0]:
        fail(rel, "first page: custody %s, pages.jsonl %s" % (want["first_pages"][0]["url"], urls[0]))


def forged_pages_fail(venv_bin, fail):
    """A signed WACZ whose pages.jsonl is rewritten to a forged URL and time fails
    `wacz validate`: custody must not import it either (asserted in corpus.rs)."""
    src = os.path.join(ROOT, "py-wacz/valid_signed_example_1.wacz")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "forged.wacz")
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename == "pages/pages.jsonl":
                    data = data.replace(b"https://example.com/", b"https://forged.example/")
                zout.writestr(item, data)
        if wacz_validate(out, venv_bin) == 0:
            fail("forged pages.jsonl", "wacz validate accepted it")


def check_ytdlp(rel, want, fail):
    """A yt-dlp info file read with json: the URL asked for, the extraction time, and the
    generic extractor's timestamp labelled as a time the page or feed states."""
    with open(os.path.join(ROOT, rel)) as f:
        info = json.load(f)
    url = info.get("original_url") or info.get("webpage_url")
    if want["source_url"] != url:
        fail(rel, "source_url: custody %s, info %s" % (want["source_url"], url))
    import datetime
    epoch = datetime.datetime.fromtimestamp(info["epoch"], datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if want["captured_at"] != epoch:
        fail(rel, "captured_at: custody %s, info epoch %s" % (want["captured_at"], epoch))
    if info.get("extractor") == "generic" and "timestamp" in info:
        if not want["content_times"] or not want["content_times"][0].startswith("a time the page or feed states"):
            fail(rel, "the generic extractor's timestamp is not labelled as a time the page states: %s" % want["content_times"])
    if info.get("vcodec") in (None,) and info.get("ext") == "mp4" and want["kind"] != "video":
        fail(rel, "a direct .mp4 without kind video: %s" % want["kind"])


def main():
    venv_bin = sys.argv[1]
    with open(os.path.join(ROOT, "expected.json")) as f:
        expected = json.load(f)
    failures = []

    def fail(rel, why):
        failures.append("%s: %s" % (rel, why))

    for rel, want in sorted(expected.items()):
        print("corpus-crosscheck:", rel)
        if rel.endswith(".wacz"):
            check_wacz(rel, want, fail, venv_bin)
        elif rel.endswith(".info.json"):
            check_ytdlp(rel, want, fail)
        else:
            check_warc(rel, want, fail)
    forged_pages_fail(venv_bin, fail)
    for f in failures:
        print("MISMATCH", f)
    print("corpus-crosscheck: %d files, %d mismatches" % (len(expected), len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
