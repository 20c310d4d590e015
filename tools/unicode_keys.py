#!/usr/bin/env python3.11
"""Prints the name-collision key (spec §3.4) as Python 3.11 computes it, for the Rust parity
test (crates/custody-core/tests/unicode_parity.rs): one line per input whose key differs from
itself, `<input hex code points> <key hex code points>` (space-separated within each, `;`
between), first every single code point, then fixed pseudo-random strings of combining
marks, Hangul, case-folding and unassigned code points."""
import random
import sys
import unicodedata


def key(s):
    d = unicodedata.normalize("NFD", s)
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
            + [chr(c) for c in (0x1dfa, 0x1df9, 0x0898, 0x10f82, 0x1e4ec, 0x0cf3, 0x11f00)])
    rng = random.Random(13)
    for _ in range(20000):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))
        out.write("%s;%s\n" % (hexs(s), hexs(key(s))))


if __name__ == "__main__":
    main()
