"""What tools/unicode_fold_table.py and tools/unicode_marks_table.py share: the pinned Unicode
version, code-point ranges of a property, Rust array lines, and writing or `--check`ing a
generated file. Both verifiers must agree character for character, so every table is made
from Python 3.11's Unicode 14.0.0 data (tools/verify_bundle.py uses the same `unicodedata`).
"""
import sys
import unicodedata

UNICODE_VERSION = "14.0.0"


def require_pinned_unicode():
    """Stops unless this Python's Unicode data is the pinned version."""
    if unicodedata.unidata_version != UNICODE_VERSION:
        sys.exit("needs Python 3.11 (Unicode %s); this Python has Unicode %s"
                 % (UNICODE_VERSION, unicodedata.unidata_version))


def ranges_where(pred):
    """The inclusive code-point ranges [(first, last), ...] for which pred(cp) holds, sorted."""
    ranges = []
    start = None
    for cp in range(0x110000):
        if pred(cp):
            if start is None:
                start = cp
        elif start is not None:
            ranges.append((start, cp - 1))
            start = None
    if start is not None:
        ranges.append((start, 0x10FFFF))
    return ranges


def rust_items(items, width=110):
    """Rust array items, several to a line, each line at most `width` characters."""
    out = []
    line = ""
    for item in items:
        if line and len(line) + len(item) > width:
            out.append(line + "\n")
            line = ""
        line += item
    out.append(line + "\n")
    return "".join(out)


def range_items(ranges):
    return rust_items("(0x%x,0x%x)," % r for r in ranges)


def write_or_check(path, text, script):
    """Writes `text` to `path`, or with `--check` on the command line fails if it differs."""
    if "--check" in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit("%s is stale: run python3.11 %s" % (path, script))
        return
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
