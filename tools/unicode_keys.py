#!/usr/bin/env python3.11
"""Prints the name-collision key (spec §3.4) as Python 3.11 computes it, for the Rust parity
test (crates/custody-core/tests/unicode_parity.rs): one line per input whose key differs from
itself, `<input hex code points> <key hex code points>` (space-separated within each, `;`
between), first every single code point, then fixed pseudo-random strings of combining
marks, Hangul, case-folding and unassigned code points."""
import random
import re
import sys
import unicodedata


# Default_Ignorable_Code_Point (Unicode 14.0.0), as in tools/verify_bundle.py.
IGNORABLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
                       "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
                       "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")


def key(s):
    d = unicodedata.normalize("NFD", IGNORABLE.sub("", s))
    return unicodedata.normalize("NFD", "".join(c.upper().casefold() for c in d))


def hexs(s):
    return " ".join("%x" % ord(c) for c in s)


def main():
    if unicodedata.unidata_version != "14.0.0":
        sys.exit("needs Python 3.11 (Unicode 14.0.0), not Unicode %s" % unicodedata.unidata_version)
    out = sys.stdout
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        k = key(c)
        if k != c:
            out.write("%s;%s\n" % (hexs(c), hexs(k)))
    pool = ([chr(c) for c in range(0x300, 0x370)] + [chr(c) for c in range(0x1100, 0x1176, 7)]
            + [chr(c) for c in (0x41, 0x61, 0xdf, 0x130, 0x131, 0x17f, 0x3a3, 0x3c2, 0x1e9e, 0xac00, 0xd7a3,
                                0x1e08f, 0x1e030, 0x10ffff, 0x0e31, 0x0f73, 0x1d15e, 0x2126, 0xfb01, 0x1f88)]
            + [chr(c) for c in (0x1dfa, 0x1df9, 0x0898, 0x10f82, 0x1e4ec, 0x0cf3, 0x11f00,
                                0x200c, 0x200d, 0x34f, 0xfe0f, 0x115f, 0x1160, 0xe0041, 0xe0fff)])
    rng = random.Random(13)
    for _ in range(20000):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))
        out.write("%s;%s\n" % (hexs(s), hexs(key(s))))


if __name__ == "__main__":
    main()
