#!/usr/bin/env python3
"""The manifest's weight (spec §9.4, manifest.too_large_to_hold) in tools/verify_bundle.py,
on tiny hand-made manifests whose weights are computed by hand in the comments (V = 32, the
weight of one value outside file records). Run by tests/second-verifier.sh; alone:
python3 tests/manifest-weight.py (stdlib only, no bundle, no custody binary)."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import verify_bundle as vb  # noqa: E402

V = vb.VALUE_WEIGHT
R = vb.RECORD_TEXT_WEIGHT  # what a record's string that it cannot share weighs beside its bytes
assert V == 64 and R == 32 and vb.MAX_MANIFEST_WEIGHT == 67108864 and vb.MAX_JSON_DEPTH == 127


# Every small case is also a vector (tests/vectors/manifest-weight.json): the Rust verifier's
# weigher is held to the same weights (crates/custody-core/src/manifest/weight.rs). With
# --write-vectors the file is written again; without, it must equal what would be written.
VECTORS = []
LAST = [None]


def weight(text, names=()):
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    LAST[0] = (data, sorted(names))
    _, tree = vb.json_pairs(data)
    return vb.manifest_weight(tree, frozenset(names))


def vector(label, data, names, want):
    v = {"name": label, "entries": names, "weight": want}
    try:
        v["text"] = data.decode("utf-8")
    except UnicodeDecodeError:
        v["hex"] = data.hex()
    VECTORS.append(v)


def invalid(text, names=(), label=None):
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    if len(data) < 65536:
        vector("not JSON: " + label, data, sorted(names), "invalid")
    try:
        weight(text, names)
    except vb.TooLargeToHold:
        return False
    except vb.DocInvalid:
        return True
    return False


failures = []


def check(label, got, want):
    if LAST[0] is not None and len(LAST[0][0]) < 65536:
        vector(label, LAST[0][0], LAST[0][1], want)
    LAST[0] = None
    if got != want:
        failures.append("%s: got %r, want %r" % (label, got, want))


# Values outside records: each V, a string also its UTF-8 bytes; member names nothing.
check("empty object", weight("{}"), V)                                             # the object
check("one string", weight('{"a":"xy"}'), 2 * V + 2)                               # object, "xy"
check("scalars", weight('{"n":[1,true,false,null,"\\u00e9"]}'), 7 * V + 2)         # obj, arr, 5 values, é = 2 bytes
check("long member name", weight('{"%s":1}' % ("k" * 1000)), 2 * V)                # names weigh nothing
check("escapes resolved", weight('{"a":"\\n\\ud83d\\ude00"}'), 2 * V + 1 + 4)      # \n 1 byte, U+1F600 4 bytes
check("not an object", weight('"abc"'), V + 3)                                     # a top-level string
check("number text", weight('{"a":1e400,"b":%s}' % ("9" * 5000)), 3 * V)            # any number: V

# File records. R1 = one record; the paths a bundle holds make its path weigh 0.
R1 = ('{"items":[{"id":"item-1","files":[{"path":"data/item-1/a.txt","original_name":"a.txt",'
      '"media_type":"text/plain","size":5,"sha256":"ab","role":"x"}]}]}')
# top, items, item, "item-1" (V + 6), files: 5V + 6; the record: path 0 (an entry), original
# name 0 (ends its path), "text/plain" R + 10 (what a record cannot share weighs R and its
# bytes), size/sha256/role 0.
check("record, path an entry", weight(R1, ["data/item-1/a.txt"]), 5 * V + 6 + R + 10)
# The path is no entry: + R + 17. (The verifier passes the names of payload entries only, those
# under data/: a tag file's name never makes a path weigh 0.)
check("record, path no entry", weight(R1), 5 * V + 6 + R + 10 + R + 17)
# original_name a byte-wise suffix at any boundary ("m-1/a.txt" of "data/item-1/a.txt"): 0;
# not a suffix ("b.txt"): R + 5.
check("suffix at any boundary", weight(R1.replace('"a.txt"', '"m-1/a.txt"'), ["data/item-1/a.txt"]), 5 * V + R + 6 + 10)
check("not a suffix", weight(R1.replace('"a.txt"', '"b.txt"'), ["data/item-1/a.txt"]), 5 * V + R + 6 + 10 + R + 5)
# Non-ASCII: "é.txt" (6 bytes) ends "data/item-1/é.txt" (18 bytes, no entry): R + 18.
check("non-ASCII suffix", weight(R1.replace("a.txt", "\u00e9.txt")), 5 * V + R + 6 + 10 + R + 18)
# Over MAX_SHARED_NAME (1024 bytes) an original name weighs even at the end of its path, and
# over MAX_SHARED_MEDIA_TYPE (255) a media type even seen before.
LONG = "n" * 1025
RL = ('{"items":[{"files":[{"path":"data/%s","original_name":"%s","media_type":"%s"},'
      '{"path":"data/%s","original_name":"%s","media_type":"%s"}]}]}') % (LONG, LONG, "m" * 256, "x" * 1024,
                                                                          "x" * 1024, "m" * 256)
# (Paths this long are never a bundle's entry names: those are at most 983 bytes, §3.4.)
# top, items, item, files 4V; record 1: path R + 1030, name R + 1025 (at the end of its path,
# but longer than 1024), media R + 256; record 2: path R + 1029, name 1024 bytes at the end of
# its path 0, media again R + 256 (longer than 255: never taken as seen).
check("long names always weigh", weight(RL), 4 * V + (R + 1030) + (R + 1025) + (R + 1029) + 2 * (R + 256))

# An item's capture object weighs CAPTURE_WEIGHT (1024) instead of V; only there, and only
# when it is an object.
CAP = ('{"items":[{"capture":{"note":"ab","access_steps":["x"]},"files":[]},{"capture":"s"},'
       '{"x":{"capture":{}}}],"capture":{}}')
# top V; items V; item 1: V, capture 1024, "ab" V + 2, steps array V, "x" V + 1, files V;
# item 2: V, "s" V + 1 (not an object); item 3: V, x object V, its capture {} V; top's
# capture {} V.
check("capture objects", weight(CAP), 2 * V + (V + 1024 + (V + 2) + V + (V + 1) + V) + (2 * V + 1) + 3 * V + V)
assert vb.CAPTURE_WEIGHT == 1024

# Only the first MAX_SHARED_MEDIA_TYPES (1024) distinct media types are remembered: the 1025th
# weighs each time it appears, an early one still weighs nothing. 1027 records with path "p"
# (R + 1 each) and media types t0000..t1024, then t1024 and t0000 again: t0000..t1023 weigh
# R + 5 once, t1024 twice, the last t0000 nothing.
assert vb.MAX_SHARED_MEDIA_TYPES == 1024
MANY = '{"items":[{"files":[%s]}]}' % ",".join('{"path":"p","media_type":"t%04d"}' % k
                                             for k in list(range(1025)) + [1024, 0])
check("media types remembered", weight(MANY), 4 * V + 1027 * (R + 1) + 1026 * (R + 5))

# Two items, three records: media types weigh once per manifest (document order, any item).
R3 = ('{"items":[{"files":[{"path":"p1","media_type":"t/a"},{"path":"p2","media_type":"t/b"}]},'
      '{"files":[{"media_type":"t/a","path":"p3","original_name":"3"}]}]}')
# top, items, 2 items, 2 files arrays: 6V; paths p1 p2 p3 (no entries): 3(R + 2); "t/a" R + 3,
# "t/b" R + 3, "t/a" again 0; "3" ends "p3": 0.
check("media types seen", weight(R3), 6 * V + 3 * (R + 2) + 2 * (R + 3))
check("media types seen, entries", weight(R3, ["p1", "p2", "p3"]), 6 * V + 2 * (R + 3))

# Duplicate members (JSON, refused only later by the schema): the first string of each of the
# three counts; later strings and every number or literal in a record weigh 0; arrays and
# objects in a record weigh as values outside records.
RD = ('{"items":[{"files":[{"path":7,"path":"data/x","path":"loooooong","original_name":null,'
      '"original_name":"zz","original_name":"x","media_type":["ab"],"media_type":"m","extra":{"k":"vvv"}}]}]}')
# top, items, item, files: 4V. Record: path 7 -> 0 (a number); first string path "data/x":
# R + 6 (no entry); "loooooong" 0; original_name null 0; first string original_name "zz":
# R + 2 (not a suffix of "data/x"; the later "x" is, but is not the first); media_type
# ["ab"]: 2V + 2 (as outside records); first string media_type "m": R + 1; extra {"k":"vvv"}:
# 2V + 3.
check("duplicates", weight(RD), 4 * V + (R + 6) + (R + 2) + (2 * V + 2) + (R + 1) + (2 * V + 3))
check("duplicates, entry", weight(RD, ["data/x"]), 4 * V + (R + 2) + (2 * V + 2) + (R + 1) + (2 * V + 3))
# Every `items` member that is an array, every `files` member that is an array, holds records.
DI = '{"items":{"files":[{"path":"ab"}]},"items":[{"files":1,"files":[{"path":"cd"}],"files":[{"path":"ef"}]}]}'
# top V; the first items, an object, outside: {files: [ {path: "ab"} ]} = 4V + 2; the second:
# array V, item V, files 1: V, two files arrays 2V, records: "cd" R + 2, "ef" R + 2.
check("duplicate items and files", weight(DI), V + (4 * V + 2) + 5 * V + 2 * (R + 2))
# What is not a record: an element of items or of files that is not an object, an object in
# files of an object that is not in items, a record's own nested objects.
NR = ('{"items":["s",{"files":["t",[{"path":"u"}]]}],"other":{"files":[{"path":"v"}]},'
      '"x":[{"items":[{"files":[{"path":"w"}]}]}]}')
# top V; items V; "s" V+1; item V; files V; "t" V+1 (6V + 2); [ {path "u"} ] 3V+1; other:
# object, array, object, "v": 4V+1; x: array, object, array, object, array, object, "w": 7V+1.
check("not records", weight(NR), 6 * V + 2 + (3 * V + 1) + (4 * V + 1) + (7 * V + 1))
REC_NESTED = '{"items":[{"files":[{"path":"p","sub":{"path":"qq","media_type":"t"}}]}]}'
# top, items, item, files 4V; path "p" R + 1; sub weighed outside: object V, "qq" V+2, "t" V+1.
check("nested in a record", weight(REC_NESTED), 4 * V + (R + 1) + 3 * V + 3)

# Rule 1: not JSON is DocInvalid (manifest.invalid), never too large.
check("depth 127", weight("[" * 127 + "]" * 127), 127 * V)
check("depth 127 in a record",
      weight('{"items":[{"files":[{"a":%s}]}]}' % ("[" * 122 + "]" * 122)), 4 * V + 122 * V)
for label, text in [
        ("depth 128", "[" * 128 + "]" * 128),
        ("depth 128 in a record", '{"items":[{"files":[{"a":%s}]}]}' % ("[" * 123 + "]" * 123)),
        ("depth 128 in an object", '{"a":' * 128 + "1" + "}" * 128),
        ("depth 100000", "[" * 100000 + "]" * 100000),
        ("depth unclosed", "[" * 100000),
        ("lone high surrogate", '{"a":"\\ud800"}'),
        ("lone low surrogate", '{"a":"\\udc00\\ud800"}'),
        ("lone surrogate in a name", '{"\\ud800":1}'),
        ("lone surrogate in a record's other member", '{"items":[{"files":[{"x":"\\udfff"}]}]}'),
        ("lone surrogate in a repeated path", '{"items":[{"files":[{"path":"a","path":"\\ud800"}]}]}'),
        ("NaN", '{"a":NaN}'),
        ("Infinity", '{"a":-Infinity}'),
        ("trailing comma", '{"a":1,}'),
        ("trailing data", '{"a":1} x'),
        ("two values", '{} {}'),
        ("control character", '{"a":"\x01"}'),
        ("empty", ""),
        ("leading zero", '{"a":01}'),
        (b"not UTF-8", b'{"a":"\xff"}'),
        (b"byte order mark", b'\xef\xbb\xbf{}'),
        (b"encoded surrogate", b'{"a":"\xed\xa0\x80"}')]:
    if not invalid(text, label=label if isinstance(label, str) else label.decode()):
        failures.append("%s: not refused as not JSON" % (label if isinstance(label, str) else label.decode()))
check("white space around", weight(" \t\r\n{} \n"), V)

# The bound: over MAX_MANIFEST_WEIGHT is TooLargeToHold; at it, the text is given back.
note = vb.MAX_MANIFEST_WEIGHT - 2 * V  # {"note": "xxx..."} weighs exactly the limit
exact = ('{"note":"%s"}' % ("x" * note)).encode()
check("at the limit", vb.weigh_manifest(exact, frozenset()) is not None, True)
try:
    vb.weigh_manifest(('{"note":"%s"}' % ("x" * (note + 1))).encode(), frozenset())
    failures.append("one byte over the limit: not refused")
except vb.TooLargeToHold:
    pass
# Over the weight but not JSON at its very end: not JSON first.
try:
    vb.weigh_manifest(('{"note":"%s",}' % ("x" * (note + 1))).encode(), frozenset())
    failures.append("over the limit, then not JSON: not refused")
except vb.TooLargeToHold:
    failures.append("over the limit, then not JSON: too large, not invalid")
except vb.DocInvalid:
    pass

import json  # noqa: E402
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vectors", "manifest-weight.json")
text = json.dumps({"about": "Spec §9.4, the manifest's weight: each text (or hex) with the bag paths of the "
                   "bundle's payload entries weighs `weight`, or is not JSON (\"invalid\"). Written by "
                   "tests/manifest-weight.py --write-vectors.", "vectors": VECTORS},
                  indent=1, ensure_ascii=True) + "\n"
if "--write-vectors" in sys.argv:
    open(path, "w").write(text)
elif open(path).read() != text:
    failures.append("%s is not what this script writes: run it with --write-vectors" % path)

if failures:
    print("manifest-weight: %d failed:\n  %s" % (len(failures), "\n  ".join(failures)), file=sys.stderr)
    sys.exit(1)
print("manifest-weight: all passed")
