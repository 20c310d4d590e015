#!/usr/bin/env python3
"""Independent verifier for custody evidence bundles (format version 2).

Written from docs/bundle-format.md and schemas/ alone; the reference source was read only to
locate bugs the comparison found (docs/spec-review-notes.md).

Usage: verify_bundle.py [--json] [--trust FILE] [--at YYYY-MM-DD] [--parent PARENT] BUNDLE.zip|UNZIPPED-FOLDER

--at: the UTC date the date-based advisories (§5.2.9) are evaluated at; default today.
--parent: also checks this derived bundle against PARENT, the original it names (§9.7).

Exit: 0 intact (without --trust) or trusted; 1 invalid, or intact with --trust;
2 when it cannot run (missing/unreadable bundle, bad arguments, bad trust list) or cannot
verify: a bundle of pre-release format 1 is neither valid nor invalid here; it is verified by
tools/legacy/verify_bundle_v1.py (§14).
"""

import base64
import calendar
import datetime
import hashlib
import hmac
import json
import os
import re
import stat
import struct
import sys
import time
import unicodedata
import zlib

# ---------------------------------------------------------------------------
# Constants
# ---------------------------------------------------------------------------

MIB = 1024 * 1024
BIG_TAG_FILES = {"custody/manifest.json", "manifest-sha256.txt", "tagmanifest-sha256.txt"}
BIG_LIMIT = 512 * MIB
SMALL_LIMIT = 16 * MIB
MAX_FOLDER_NAME_BYTES = 256 * 1024 * 1024  # §9.6: the names of an unzipped bundle
MAX_ENTRIES = 1_100_000
# Section 9.4 size classes: a signed document (an event), a signature, a key file, bag-info.txt.
SIGNED_DOCUMENT_LIMIT = 1 * MIB
SIGNATURE_LIMIT = 64
KEY_FILE_LIMIT = 64 * 1024
BAG_INFO_LIMIT = 64 * 1024
MAX_EVENTS = 10_000
MAX_ITEMS = 100_000  # §9.4: items a manifest may list (manifest.too_many_items)
MAX_FILE_RECORDS = 1_000_000  # §9.4: file records across a manifest's items (manifest.too_many_files)
MAX_MANIFEST_WEIGHT = 64 * 1024 * 1024  # §9.4: the manifest's weight (manifest.too_large_to_hold)
MAX_JSON_DEPTH = 127  # §9.4 rule 1: arrays and objects nested at most this deep
VALUE_WEIGHT = 64  # §9.4: what one JSON value outside file records weighs, besides its text
RECORD_TEXT_WEIGHT = 32  # §9.4: what a file record's string it cannot share weighs, besides its bytes
CAPTURE_WEIGHT = 1024  # §9.4: what an item's `capture` object weighs (a reader keeps its members' places)
MAX_SHARED_NAME = 1024  # §9.4: a longer original_name always weighs, even at the end of its path
MAX_SHARED_MEDIA_TYPES = 1024  # §9.4: only the first distinct short media types are remembered as seen
MAX_SHARED_MEDIA_TYPE = 255  # §9.4: a longer media_type always weighs, even seen before
MAX_CONDITIONS = 32
MAX_MANIFEST_LINE = 64 + 2 + 3 * 1024  # §3.3, §9.4: a BagIt manifest line without its LF
# Spec 9.4, a BagIt manifest's weight: each line whose path names no entry of the bundle
# weighs 32 plus its decoded path's UTF-8 bytes; over 16 MiB, bagit.manifest_malformed.
MAX_LISTING_WEIGHT = 16 * 1024 * 1024
LISTING_PATH_WEIGHT = 32
MAX_CHECKS_PER_CODE = 1000  # §9.3: a report lists at most this many checks of one code
MAX_CD = 256 * MIB
MARK16 = 0xFFFF
MADE_BY = 0x032D
EXTERNAL_ATTRS = 0o100644 << 16
MARK32 = 0xFFFFFFFF

BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
TAGMANIFEST = "tagmanifest-sha256.txt"
PAYLOAD_MANIFEST = "manifest-sha256.txt"
MANIFEST = "custody/manifest.json"
BAG_INFO = "bag-info.txt"
# §2.5: every entry name is ROOT + bag path, ROOT = "custody-<bundle id>/".
ROOT_RE = re.compile(r"custody-([0-9a-f]{32})/")
# Derived tag files (§6.3): unbound, checked exactly; no event may bind them.
DERIVED = (BAG_INFO, PAYLOAD_MANIFEST, TAGMANIFEST)

# Codes of docs/bundle-format.md this verifier never emits: custody's rollback journal
# (§8.2), a check that skips the payload (§9.1 step 5), and a token trusted through TSA roots
# (this verifier takes none, §6.4). Listed so that every code of the specification is named
# here (crates/custody-core/tests/check_codes.rs compares both with the Rust registry).
# The online check of a custody log (§6.5, §9.1 step 10c) is not made here: this verifier
# never goes online; it checks the stored proofs of step 10b.
NOT_EMITTED = ("bundle.journal_pending", "payload.not_checked", "timestamp.valid", "log.truncated", "log.forked",
               "log.conflicts_recorded", "log.not_logged", "log.latest", "log.unreachable")

ROLES = ["investigator", "prosecutor", "central_authority", "court", "examiner",
         "custodian", "witness", "translator", "other"]
CONDITION_KINDS = ["use_limitation", "confidentiality", "onward_transfer", "retention", "other"]
ITEM_STATES = ["missing", "hash_mismatch", "out_of_scope", "rejected"]
DECISIONS = ["accepted", "accepted_in_part", "rejected"]
EVENT_TYPES = ["seal", "transfer", "receipt", "countersign", "document", "examination", "access", "disposition",
               "derivation"]
DISPOSITION_ACTIONS = ["retention_extended", "returned", "destroyed"]  # §5.11
MAX_DISPOSITION_ITEMS = 10000
MAX_DISPOSITION_TEXT = 1000
ITEM_ID = re.compile(r"item-[1-9][0-9]{0,8}\Z")

JURISDICTIONS = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
VN VU WF WS YE YT ZA ZM ZW
""".split())
assert len(JURISDICTIONS) == 249

# Unicode White_Space property (what Rust's char::is_whitespace / str::trim use).
WHITE_SPACE = set(
    [chr(c) for c in range(0x09, 0x0E)] + [" ", "\u0085", "\u00a0", "\u1680"]
    + [chr(c) for c in range(0x2000, 0x200B)]
    + ["\u2028", "\u2029", "\u202f", "\u205f", "\u3000"])
WS_STR = "".join(sorted(WHITE_SPACE))

BIDI_CONTROLS = set(["\u061c", "\u200e", "\u200f"] + [chr(c) for c in range(0x202A, 0x202F)]
                    + [chr(c) for c in range(0x2066, 0x206A)])

HEX64 = re.compile(r"[0-9a-f]{64}\Z")
HEX32 = re.compile(r"[0-9a-f]{32}\Z")
FPRINT = re.compile(r"sha256:[0-9a-f]{64}\Z")
ITEM_ID = re.compile(r"item-[1-9][0-9]*\Z")

# Ed25519 / edwards25519
P = 2 ** 255 - 19
L = 2 ** 252 + 27742317777372353535851937790883648493
D = (-121665 * pow(121666, P - 2, P)) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)
SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")

SMALL_ORDER = set(bytes.fromhex(h) for h in """
0000000000000000000000000000000000000000000000000000000000000000
0000000000000000000000000000000000000000000000000000000000000080
0100000000000000000000000000000000000000000000000000000000000000
0100000000000000000000000000000000000000000000000000000000000080
26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05
26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85
c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a
c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa
ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f
ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff
edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f
edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff
eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f
eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff
""".split())
assert len(SMALL_ORDER) == 14


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

# §3.4: Default_Ignorable_Code_Point (Unicode 14.0.0), dropped from the collision key; §9.1:
# no base for combining marks.
DEFAULT_IGNORABLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
                               "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
                               "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")


def collision_key(name):
    """§3.4: Default_Ignorable code points dropped, NFD, then each character upper-cased and
    case-folded, then NFD (Unicode 14.0.0)."""
    d = unicodedata.normalize("NFD", DEFAULT_IGNORABLE.sub("", name))
    return unicodedata.normalize("NFD", "".join(c.upper().casefold() for c in d))


# Unicode White_Space (what Rust's split_whitespace splits on).
_WHITE_SPACE = re.compile("[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")


def identity_fold(s):
    """§4.3: Default_Ignorable dropped, NFKC (Unicode 14.0.0), white space collapsed, then the
    collision key. Look-alikes across scripts are not caught."""
    s = unicodedata.normalize("NFKC", DEFAULT_IGNORABLE.sub("", s))
    return collision_key(" ".join(p for p in _WHITE_SPACE.split(s) if p))


def key_path(fingerprint):
    """custody/keys/<hex>.pem for a fingerprint 'sha256:<hex>' (spec §2.1)."""
    return "custody/keys/%s.pem" % fingerprint.split(":", 1)[-1]


def is_cc(ch):
    o = ord(ch)
    return o < 0x20 or 0x7F <= o <= 0x9F


def uni_trim(s):
    return s.strip(WS_STR)


def plain_text_ok(s, n):
    """§1.1 plain text of at most n."""
    if not isinstance(s, str) or s == "":
        return False
    if all(c in WHITE_SPACE for c in s):
        return False
    if s[0] in WHITE_SPACE or s[-1] in WHITE_SPACE:
        return False
    for c in s:
        if is_cc(c) or c in BIDI_CONTROLS:
            return False
    return len(s) <= n


def time_ok(s):
    """§1.1 times: exactly YYYY-MM-DDTHH:MM:SSZ, a valid date and time."""
    if not isinstance(s, str) or len(s) != 20:
        return False
    for i, c in enumerate(s):
        if i in (4, 7):
            if c != "-":
                return False
        elif i == 10:
            if c != "T":
                return False
        elif i in (13, 16):
            if c != ":":
                return False
        elif i == 19:
            if c != "Z":
                return False
        elif not ("0" <= c <= "9"):
            return False
    y, mo, d = int(s[0:4]), int(s[5:7]), int(s[8:10])
    h, mi, se = int(s[11:13]), int(s[14:16]), int(s[17:19])
    if not (1 <= y <= 9999 and 1 <= mo <= 12 and h <= 23 and mi <= 59 and se <= 59):
        return False
    leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
    mdays = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]
    return 1 <= d <= mdays


def name_problem(name):
    """§3.4. `name` is a str (already valid UTF-8). Returns a reason or None."""
    if name == "":
        return "empty name"
    if len(name.encode("utf-8")) > 1024:
        return "longer than 1024 bytes"
    if name.startswith("/"):
        return "absolute path"
    if "\\" in name:
        return "contains a backslash"
    if len(name.encode("utf-8")) >= 2 and name.encode("utf-8")[1:2] == b":":
        return "drive letter"
    if any(is_cc(c) for c in name):
        return "control character"
    if any(c in ':<>"|?*' for c in name):
        return "a character Windows does not allow in names"
    for comp in name.split("/"):
        if comp == "":
            return "empty path component"
        if comp in (".", ".."):
            return "'.' or '..' path component"
        if comp.endswith(".") or comp.endswith(" "):
            return "ends with a dot or a space"
        stem = comp.split(".")[0].rstrip(" ").upper()
        if stem in ("CON", "PRN", "AUX", "NUL") or (len(stem) == 4 and stem[:3] in ("COM", "LPT") and stem[3] in "123456789"):
            return "a Windows device name"
    return None


def must_escape(c):
    """The one rule of §9.1: control, text-direction and line/paragraph separator characters."""
    return is_cc(c) or c in BIDI_CONTROLS or c in ("\u2028", "\u2029")


MAX_COMBINING_MARKS = 3


def escape_text(s):
    """Show every must_escape character as an escape, and every combining mark beyond
    MAX_COMBINING_MARKS on one base character (§9.1): General_Category M of Unicode 14.0.0,
    the unicodedata of Python 3.11, as custody's fixed table (text/table.rs).
    Default_Ignorable characters between marks do not start a new base, and a mark with no base
    before it in the value is escaped."""
    out = []
    marks = None  # the marks on the current base; None before the value's first base
    for c in s:
        if must_escape(c):
            marks = 0  # its escape's last character is the next marks' base
            escape = True
        elif unicodedata.category(c).startswith("M"):
            marks = None if marks is None else marks + 1
            escape = marks is None or marks > MAX_COMBINING_MARKS
        else:
            if not DEFAULT_IGNORABLE.match(c):
                marks = 0
            escape = False
        out.append("\\u{%x}" % ord(c) if escape else c)
    return "".join(out)


def escape_json(text):
    """JSON text with every must_escape character still raw in it written as \\uXXXX (§9.1)."""
    return "".join("\\u%04x" % ord(c) if must_escape(c) and c not in "\n\t\r" else c for c in text)


# Archive errors another ZIP tool causes when it re-packs a bundle (§9.1 step 1).
REPACKED_CODES = ("archive.unsupported_flags", "archive.unsupported_extra", "archive.unsupported_compression",
                  "archive.unsupported_attributes", "archive.unsupported_version")

# Names only a bundle has at its top (besides anything under custody/ and data/).
BUNDLE_FILES = ("bagit.txt", "custody/manifest.json", "manifest-sha256.txt", "tagmanifest-sha256.txt")


def not_a_bundle_kind(f, fsize, repacked=False):
    """§9.1 step 1: what a file the archive reader refused is, if it is not a custody bundle;
    None if it may be a damaged bundle (its own archive error then stands). repacked: the
    reader's error is one another ZIP tool causes (REPACKED_CODES)."""
    if fsize == 0:
        return "the file is empty"
    tail_len = min(fsize, 22 + 65535)
    tail = read_at(f, fsize - tail_len, tail_len)
    # Only where a whole end record (22 bytes) fits: the signature must end 18 bytes or more
    # before the end of the file.
    at = tail.rfind(b"PK\x05\x06", 0, max(0, len(tail) - 18))
    if at < 0:
        head = read_at(f, 0, min(fsize, 512))
        if head.startswith(b"PK\x03\x04"):
            return "a ZIP archive cut short"
        text = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
        text = text.lstrip(b" \t\n\r\x0c")
        return "a web page" if text.startswith(b"<") else "not a ZIP archive"
    cd_size, cd_off = struct.unpack("<II", tail[at + 12:at + 20])
    if cd_size == 0xFFFFFFFF or cd_off == 0xFFFFFFFF or cd_size > (16 << 20) or cd_off + cd_size > fsize:
        return None
    d = read_at(f, cd_off, cd_size)
    names = []
    custody_entry = False  # an entry as the writer writes it: flags 0x0800, fixed time and date
    pos = 0
    while pos < len(d):
        if pos + 46 > len(d) or d[pos:pos + 4] != b"PK\x01\x02":
            return None
        nl, xl, cl = struct.unpack("<HHH", d[pos + 28:pos + 34])
        flags, = struct.unpack("<H", d[pos + 8:pos + 10])
        custody_entry |= flags == 0x0800 and struct.unpack("<HH", d[pos + 12:pos + 16]) == (0, 0x0021)
        if pos + 46 + nl > len(d):
            return None
        names.append(d[pos + 46:pos + 46 + nl].decode("utf-8", "replace"))
        pos += 46 + nl + xl + cl
    if repacked and not custody_entry and any(bag_path_of(n) == "bagit.txt" for n in names):
        return "a re-zipped bundle"
    return not_a_bundle_zip(names)


def bag_path_of(name):
    """§9.1 step 1: an entry name with a first component starting with `custody-` taken off
    (a root, valid or not); other names unchanged."""
    if name.startswith("custody-") and "/" in name:
        return name.split("/", 1)[1]
    return name


def own_name(n):
    return n in BUNDLE_FILES or n.startswith("custody/") or n.startswith("data/")


def not_a_bundle_zip(names):
    """§9.1 step 1 for a ZIP archive's entry names: a name is a bundle's own if it or its bag
    path (bag_path_of) is one of a bundle's own names."""
    if any(own_name(n) or own_name(bag_path_of(n)) for n in names):
        return None
    for n in names:
        if n.endswith("/bagit.txt") or n.endswith("/custody/manifest.json"):
            return "a re-zipped bundle"
    return "a ZIP archive that is not a bundle"


# ---------------------------------------------------------------------------
# Ed25519 (strict, §1.1)
# ---------------------------------------------------------------------------

def ed_decode_point(b):
    """RFC 8032 §5.1.3 decoding, canonical only. Returns (x, y) or None."""
    if len(b) != 32:
        return None
    v = int.from_bytes(b, "little")
    sign = v >> 255
    y = v & ((1 << 255) - 1)
    if y >= P:
        return None
    u = (y * y - 1) % P
    w = (D * y * y + 1) % P
    # x = sqrt(u/w)
    x = (u * pow(w, 3, P) * pow(u * pow(w, 7, P), (P - 5) // 8, P)) % P
    if (w * x * x - u) % P != 0:
        if (w * x * x + u) % P == 0:
            x = (x * SQRT_M1) % P
        else:
            return None
    if x == 0 and sign == 1:
        return None
    if (x & 1) != sign:
        x = P - x
    return (x, y)


def ed_key_problem(a):
    """§4.1 step 3 for the 32-byte key A. Returns a reason or None."""
    if ed_decode_point(a) is None:
        return "the key is not a canonical encoding of a curve point"
    if a in SMALL_ORDER:
        return "the key is a small-order point"
    return None


def ed_verify_strict(a, msg, sig):
    """Rules 1-4 of §1.1. Returns True if the signature verifies strictly."""
    if len(sig) != 64 or len(a) != 32:
        return False
    r, s = sig[:32], sig[32:]
    if int.from_bytes(s, "little") >= L:
        return False
    if a in SMALL_ORDER or r in SMALL_ORDER:
        return False
    if ed_decode_point(a) is None or ed_decode_point(r) is None:
        return False
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.exceptions import InvalidSignature
    try:
        Ed25519PublicKey.from_public_bytes(a).verify(sig, msg)
    except (InvalidSignature, ValueError):
        return False
    return True


# ---------------------------------------------------------------------------
# ZIP profile (§3)
# ---------------------------------------------------------------------------

class ArchiveError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class Entry:
    __slots__ = ("name", "crc", "size", "offset", "data_start", "index", "_cmp", "path")


def parse_extra(extra, wanted):
    """Parse an extra field. `wanted` is the list of 32-bit marker slots whose 64-bit
    values must be supplied (in order). Returns the list of 64-bit values.
    Raises ValueError('unsupported') or ValueError('malformed')."""
    blocks = []
    pos = 0
    while pos < len(extra):
        # Blocks are taken in order: a block that does not fit is malformed, a block that
        # fits but has another ID is unsupported (matches the reference's behaviour).
        if pos + 4 > len(extra):
            raise ValueError("malformed")
        bid, blen = struct.unpack_from("<HH", extra, pos)
        if pos + 4 + blen > len(extra):
            raise ValueError("malformed")
        if bid != 0x0001:
            raise ValueError("unsupported")
        blocks.append((bid, extra[pos + 4:pos + 4 + blen]))
        pos += 4 + blen
    k = len(wanted)
    if k == 0:
        # §3.3: no ZIP64 block (an empty one included) where no field is a marker.
        if blocks:
            raise ValueError("malformed")
        return []
    if len(blocks) != 1 or len(blocks[0][1]) != 8 * k:
        raise ValueError("malformed")
    data = blocks[0][1]
    vals = [struct.unpack_from("<Q", data, 8 * i)[0] for i in range(k)]
    # §3.3: a marker only stands for a value that does not fit 32 bits.
    if any(v < MARK32 for v in vals):
        raise ValueError("malformed")
    return vals


def read_at(f, off, n):
    f.seek(off)
    b = f.read(n)
    return b


def open_archive(f, fsize):
    """Returns list of Entry (directory order). Raises ArchiveError."""
    E = ArchiveError
    if fsize < 22:
        raise E("archive.not_zip", "not a ZIP archive, or truncated: no end-of-archive record at the end of the file")
    eocd = read_at(f, fsize - 22, 22)
    if len(eocd) != 22 or eocd[:4] != b"PK\x05\x06":
        raise E("archive.not_zip", "not a ZIP archive, or truncated: no end-of-archive record at the end of the file")
    disk, cd_disk, n_disk, n_total, cd_size, cd_off, clen = struct.unpack("<HHHHIIH", eocd[4:])
    if clen != 0:
        raise E("archive.malformed", "the end record has a comment length")
    end_start = fsize - 22
    loc = read_at(f, fsize - 42, 20) if fsize >= 42 else b""
    if len(loc) == 20 and loc[:4] == b"PK\x06\x07":
        ldisk, z_off, ltotal = struct.unpack("<IQI", loc[4:])
        if ldisk != 0 or ltotal != 1:
            raise E("archive.multi_disk", "ZIP64 locator names another disk")
        loc_start = fsize - 42
        if z_off + 56 != loc_start:
            raise E("archive.malformed", "the ZIP64 end record does not end where the locator begins")
        rec = read_at(f, z_off, 56)
        if len(rec) != 56:
            raise E("archive.malformed", "ZIP64 end record truncated")
        (sig, rsize, zmade, zneed, zdisk, zcd_disk, zn_disk, zn_total, zcd_size,
         zcd_off) = struct.unpack("<4sQHHIIQQQQ", rec)
        if sig != b"PK\x06\x06" or rsize != 44:
            raise E("archive.malformed", "bad ZIP64 end record")
        if zdisk != 0 or zcd_disk != 0 or zn_disk != zn_total:
            raise E("archive.multi_disk", "the ZIP64 end record names several disks")
        if zmade != MADE_BY or zneed != 45:
            raise E("archive.unsupported_version", "the ZIP64 end record has version fields 0x%04x/%d, not 0x032d/45" % (zmade, zneed))
        if ((n_disk != MARK16 and n_disk != zn_disk)
                or (n_total != MARK16 and n_total != zn_total)
                or (cd_size != MARK32 and cd_size != zcd_size)
                or (cd_off != MARK32 and cd_off != zcd_off)
                or disk not in (0, MARK16) or cd_disk not in (0, MARK16)):
            raise E("archive.malformed", "the end record disagrees with the ZIP64 end record")
        if zn_total < MARK16 and zcd_size < MARK32 and zcd_off < MARK32:
            raise E("archive.malformed", "a ZIP64 end record where the end record's fields would do")
        n, cd_size, cd_off = zn_total, zcd_size, zcd_off
        end_start = z_off
    else:
        if disk != 0 or cd_disk != 0 or n_disk != n_total:
            raise E("archive.multi_disk", "the archive spans several disks")
        if n_disk == MARK16 or n_total == MARK16 or cd_size == MARK32 or cd_off == MARK32:
            raise E("archive.malformed", "ZIP64 marker without ZIP64 end records")
        n = n_total
    if n > MAX_ENTRIES:
        raise E("archive.too_many_entries", "more than 1,100,000 entries")
    if cd_off + cd_size != end_start:
        raise E("archive.malformed", "the central directory does not end where the end records begin")
    if cd_size > MAX_CD:
        raise E("archive.malformed", "the central directory is larger than 256 MiB")
    cd = read_at(f, cd_off, cd_size)
    if len(cd) != cd_size:
        raise E("archive.malformed", "central directory truncated")

    entries = []
    seen = set()
    folded_keys = []
    pos = 0
    for i in range(n):
        if pos + 46 > len(cd) or cd[pos:pos + 4] != b"PK\x01\x02":
            raise E("archive.malformed", "central directory record %d is broken" % i)
        (made_by, need, flags, method, dtime, ddate, crc, csize, usize, nlen, elen, clen,
         dstart, iattr, eattr, loff) = struct.unpack_from("<HHHHHHIIIHHHHHII", cd, pos + 4)
        reclen = 46 + nlen + elen + clen
        if pos + reclen > len(cd):
            raise E("archive.malformed", "central directory record %d runs past the directory" % i)
        raw = cd[pos + 46:pos + 46 + nlen]
        extra = cd[pos + 46 + nlen:pos + 46 + nlen + elen]
        if nlen > 1024:
            raise E("archive.name_too_long", "an entry name is longer than 1024 bytes")
        try:
            name = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise E("archive.non_utf8_name", "entry %r: name is not UTF-8" % raw)
        if name.endswith("/"):
            raise E("archive.not_regular_file", "entry '%s' is a directory" % escape_text(name))
        prob = name_problem(name)
        if prob:
            raise E("archive.unsafe_name", "entry '%s' has an unsafe name: %s" % (escape_text(name), prob))
        if flags & 0x41:
            raise E("archive.encrypted_entry", "entry '%s' is encrypted" % escape_text(name))
        if flags != 0x0800:
            raise E("archive.unsupported_flags", "entry '%s' has flags 0x%04x" % (escape_text(name), flags))
        if method != 0:
            raise E("archive.unsupported_compression", "entry '%s' is compressed (method %d)" % (escape_text(name), method))
        if (made_by >> 8) == 3 and ((eattr >> 16) & 0o170000) not in (0, 0o100000):
            raise E("archive.not_regular_file", "entry '%s' is not a regular file" % escape_text(name))
        if eattr & 0x10:
            raise E("archive.not_regular_file", "entry '%s' is marked as a directory" % escape_text(name))
        # §3.3 rules 10a-10c: unsigned fields hold exactly the writer's values.
        if iattr != 0 or eattr != EXTERNAL_ATTRS:
            raise E("archive.unsupported_attributes", "entry '%s' has attributes 0x%04x/0x%08x, not 0/0x81a40000" % (escape_text(name), iattr, eattr))
        if made_by != MADE_BY:
            raise E("archive.unsupported_version", "entry '%s' says version made by 0x%04x, not 0x032d" % (escape_text(name), made_by))
        if need != (45 if MARK32 in (usize, csize, loff) else 20):
            raise E("archive.unsupported_version", "entry '%s' says version needed %d" % (escape_text(name), need))
        if dtime != 0 or ddate != 0x0021:
            raise E("archive.unsupported_attributes", "entry '%s' has a ZIP date and time other than 1980-01-01 00:00" % escape_text(name))
        if clen != 0:
            raise E("archive.malformed", "entry '%s' has a comment" % escape_text(name))
        if dstart != 0:
            raise E("archive.multi_disk", "entry '%s' starts on another disk" % escape_text(name))
        wanted = [s for s, v in (("u", usize), ("c", csize), ("o", loff)) if v == MARK32]
        try:
            vals = parse_extra(extra, wanted)
        except ValueError as ex:
            if str(ex) == "unsupported":
                raise E("archive.unsupported_extra", "entry '%s' has an extra field other than ZIP64" % escape_text(name))
            raise E("archive.malformed", "entry '%s' has a malformed extra field" % escape_text(name))
        vmap = dict(zip(wanted, vals))
        usize = vmap.get("u", usize)
        csize = vmap.get("c", csize)
        loff = vmap.get("o", loff)
        if csize != usize:
            raise E("archive.malformed", "entry '%s': compressed and uncompressed sizes differ" % escape_text(name))
        if raw in seen:
            raise E("archive.duplicate_name", "entry '%s' appears more than once" % escape_text(name))
        seen.add(raw)
        # §3.3 rule 16 / §3.4: collision keys, with "/" as NUL, checked after the directory.
        folded_keys.append((collision_key(name).replace("/", "\0"), i, name))
        e = Entry()
        e.name, e.crc, e.size, e.offset, e.index = name, crc, usize, loff, i
        e.data_start = None
        e._cmp = (flags, method, dtime, ddate, crc, raw)  # type: ignore[attr-defined]
        entries.append(e)
        pos += reclen
    if pos != len(cd):
        raise E("archive.malformed", "the central directory holds more than the announced records")
    # §3.4: sorted, a key equal to its neighbour is the same file, and a key followed by
    # itself + "/" is a file and a folder. Memory stays about the size of the directory.
    folded_keys.sort()
    for (ka, _, na), (kb, _, nb) in zip(folded_keys, folded_keys[1:]):
        if ka == kb or kb.startswith(ka + "\0"):
            raise E("archive.name_collision", "entries '%s' and '%s' would be the same file or folder when letter case, Unicode form and invisible characters are ignored" % (escape_text(na), escape_text(nb)))

    # Local headers, in order of offset.
    expected = 0
    for e in sorted(entries, key=lambda x: x.offset):
        if e.offset > expected:
            raise E("archive.unaccounted_bytes", "bytes before entry '%s' belong to no entry" % escape_text(e.name))
        if e.offset < expected:
            raise E("archive.overlapping_entries", "entry '%s' overlaps the previous one" % escape_text(e.name))
        hdr = read_at(f, e.offset, 30)
        if len(hdr) != 30:
            raise E("archive.malformed", "the local header of '%s' runs past the end of the file" % escape_text(e.name))
        (sig, lneed, lflags, lmethod, ltime, ldate, lcrc, lcsize, lusize, lnlen,
         lelen) = struct.unpack("<4sHHHHHIIIHH", hdr)
        rest = read_at(f, e.offset + 30, lnlen + lelen)
        if len(rest) != lnlen + lelen:
            raise E("archive.malformed", "the local header of '%s' runs past the end of the file" % escape_text(e.name))
        flags, method, dtime, ddate, crc, raw = e._cmp  # type: ignore[attr-defined]
        mism = "archive.header_mismatch"
        msg = "the local header of '%s' does not match the central directory" % escape_text(e.name)
        if sig != b"PK\x03\x04":
            raise E(mism, msg)
        if lflags != 0x0800:
            raise E(mism, msg)
        if lneed != (45 if MARK32 in (lcsize, lusize) else 20):
            raise E("archive.unsupported_version", "the local header of '%s' says version needed %d" % (escape_text(e.name), lneed))
        if lmethod != 0 or ltime != dtime or ldate != ddate or lcrc != crc:
            raise E(mism, msg)
        if rest[:lnlen] != raw:
            raise E(mism, msg)
        markers = (lcsize == MARK32, lusize == MARK32)
        if markers[0] != markers[1]:
            raise E(mism, msg)
        lextra = rest[lnlen:]
        try:
            vals = parse_extra(lextra, ["u", "c"] if markers[0] else [])
        except ValueError as ex:
            if str(ex) == "unsupported":
                raise E("archive.unsupported_extra", "entry '%s' has a local extra field other than ZIP64" % escape_text(e.name))
            raise E(mism, msg)
        if markers[0]:
            lusize, lcsize = vals
        if lusize != e.size or lcsize != e.size:
            raise E(mism, msg)
        e.data_start = e.offset + 30 + lnlen + lelen
        expected = e.data_start + e.size
    if expected < cd_off:
        raise E("archive.unaccounted_bytes", "bytes between the last entry and the central directory belong to no entry")
    if expected > cd_off:
        raise E("archive.overlapping_entries", "the last entry overlaps the central directory")
    return entries


class UnsupportedFormat(Exception):
    """§9.2: a bundle of a format this verifier does not read: cannot verify (exit 2)."""

    def __init__(self, version):
        super().__init__("format %d" % version)
        self.version = version


V1_MESSAGE = ("this is a bundle of format 1 (pre-release), which this verifier does not read: it was not verified, "
              "and it is neither valid nor invalid. Verify it with tools/legacy/verify_bundle_v1.py, or with custody "
              "at git tag format-1-final (commit f386f04)")


MEMBER_WINDOW = 64 * 1024  # §9.1 step 1: how much of a manifest is read to find a member
JSON_WS = re.compile(r"[ \t\n\r]*")
JSON_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"')
JSON_SCALAR = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null")


def skip_json_value(text, i):
    """The index just past the JSON value that starts at text[i] (after whitespace), walked
    without recursion or conversion (any depth, any number's length, as a streaming parser
    skips it); raises ValueError if it is not JSON."""
    closers = []
    while True:
        i = JSON_WS.match(text, i).end()
        c = text[i:i + 1]
        if c in ("{", "["):
            i = JSON_WS.match(text, i + 1).end()
            close = "}" if c == "{" else "]"
            if text[i:i + 1] == close:
                i += 1
            else:
                closers.append(close)
                if close == "}":
                    i = json_key(text, i)[1]
                continue
        else:
            m = (JSON_STRING if c == '"' else JSON_SCALAR).match(text, i)
            if m is None or m.end() == i:
                raise ValueError("not JSON at %d" % i)
            i = m.end()
        # After a value: close what it ends, or go on to the next element or member.
        while closers:
            i = JSON_WS.match(text, i).end()
            c = text[i:i + 1]
            if c == closers[-1]:
                closers.pop()
                i += 1
            elif c == ",":
                i = JSON_WS.match(text, i + 1).end()
                if closers[-1] == "}":
                    i = json_key(text, i)[1]
                break
            else:
                raise ValueError("not JSON at %d" % i)
        if not closers:
            return i


def json_key(text, i):
    """The member name at text[i] (its JSON text, quotes and escapes included) and the index
    just past the `:` after it; raises ValueError if there is none."""
    m = JSON_STRING.match(text, i)
    if m is None:
        raise ValueError("not JSON at %d" % i)
    i = JSON_WS.match(text, m.end()).end()
    if text[i:i + 1] != ":":
        raise ValueError("not JSON at %d" % i)
    return m.group(0), i + 1


def first_member(data, key):
    """The string value of the first top-level member named `key` of the JSON object that
    `data` (a manifest's first MEMBER_WINDOW bytes) begins, the members before it skipped and
    nothing after it parsed (§9.1 step 1); None if not found there, or if `data` is not UTF-8
    (a character cut at its end aside)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as ex:
        if ex.reason != "unexpected end of data":
            return None
        text = data[:ex.start].decode("utf-8")  # the window cut a character short
    try:
        i = JSON_WS.match(text, 0).end()
        if text[i:i + 1] != "{":
            return None
        i = JSON_WS.match(text, i + 1).end()
        while text[i:i + 1] == '"':
            raw, i = json_key(text, i)
            k = json.loads(raw)
            k.encode("utf-8")  # a lone surrogate (\ud800) is no key a JSON parser gives
            i = JSON_WS.match(text, i).end()
            if k == key:
                v = JSON_STRING.match(text, i)
                return json.loads(v.group(0)) if v is not None else None
            i = JSON_WS.match(text, skip_json_value(text, i)).end()
            if text[i:i + 1] != ",":
                return None
            i = JSON_WS.match(text, i + 1).end()
    except (ValueError, UnicodeEncodeError):
        return None
    return None


def is_format_1(f, entries):
    """§9.1 step 1: a pre-release format-1 bundle: bagit.txt and custody/manifest.json at the
    archive's top level, and that manifest's `format`, found in its first 64 KiB, is
    custody.manifest/1 (the manifest is not read whole to tell)."""
    by = {e.name: e for e in entries}
    if "bagit.txt" not in by or MANIFEST not in by or by[MANIFEST].size > BIG_LIMIT:
        return False
    e = by[MANIFEST]
    return first_member(read_at(f, e.data_start, min(e.size, MEMBER_WINDOW)), "format") == "custody.manifest/1"


def strip_root(entries):
    """§2.5, the root rule: every entry name is `custody-<32 lowercase hex>/` + a non-empty bag
    path, the same root for all. Renames each entry to its bag path and returns the root's
    bundle id. Raises ArchiveError (archive.root_invalid)."""
    root = None
    for e in entries:
        m = ROOT_RE.match(e.name)
        if m is None or len(e.name) == m.end():
            why = ("'%s' is not under a folder custody-<bundle id>/" % escape_text(e.name) if m is None
                   else "'%s' is the root folder itself" % escape_text(e.name))
            raise ArchiveError("archive.root_invalid",
                               "entry %s: a bundle holds exactly one top-level folder, custody-<bundle id>/, and nothing beside it" % why)
        if root is None:
            root = m.group(0)
        elif m.group(0) != root:
            raise ArchiveError("archive.root_invalid",
                               "entries are under two top-level folders, '%s' and '%s': a bundle holds exactly one" % (
                                   escape_text(root), escape_text(m.group(0))))
    if root is None:
        raise ArchiveError("archive.root_invalid", "the archive has no entries: a bundle holds one folder custody-<bundle id>/")
    for e in entries:
        e.name = e.name[len(root):]
    return root[len("custody-"):-1]


class ReadFailure(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def stream_entry(f, e, chunk=1 << 20):
    """Yield the data of entry e in chunks (a file of an unzipped bundle: opened without
    following a link, and only while it is the regular file of the size the walk found)."""
    remaining = e.size
    path = getattr(e, "path", None)
    if path is not None:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as df:
            st = os.fstat(df.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size != e.size:
                raise OSError("it changed while it was being verified")
            while remaining > 0:
                b = df.read(min(chunk, remaining))
                if not b:
                    raise OSError("unexpected end of file")
                remaining -= len(b)
                yield b
        return
    f.seek(e.data_start)
    while remaining > 0:
        b = f.read(min(chunk, remaining))
        if not b:
            raise OSError("unexpected end of file")
        remaining -= len(b)
        yield b


def is_event_document(name):
    return name.startswith("custody/events/") and name.endswith(".json")


def is_statement_document(name):
    return name.startswith("custody/statements/") and name.endswith(".json")


def tag_limit(name):
    """Section 9.4: the size limit of a tag file by its class."""
    if is_event_document(name) or is_statement_document(name):
        return SIGNED_DOCUMENT_LIMIT
    if name.endswith(".sig"):
        return SIGNATURE_LIMIT
    if name.startswith("custody/keys/"):
        return KEY_FILE_LIMIT
    if name == BAG_INFO:
        return BAG_INFO_LIMIT
    if name.startswith(LOG_DIR):
        return LOG_PROOF_LIMIT
    return BIG_LIMIT if name in BIG_TAG_FILES else SMALL_LIMIT


def read_tag_entry(f, e):
    limit = tag_limit(e.name)
    if e.size > limit:
        raise ReadFailure("archive.entry_too_large",
                          "%s is larger than its limit of %d bytes: not read" % (escape_text(e.name), limit))
    try:
        parts = []
        crc = 0
        for b in stream_entry(f, e):
            crc = zlib.crc32(b, crc)
            parts.append(b)
    except OSError as ex:
        raise ReadFailure("archive.unreadable", "%s cannot be read: %s" % (escape_text(e.name), ex))
    if e.crc is not None and crc != e.crc:
        raise ReadFailure("archive.crc_mismatch",
                          "%s: the data does not match the ZIP CRC-32: the archive was damaged or edited" % escape_text(e.name))
    return b"".join(parts)


def is_attachment(name):
    """§5.8: an attached file, custody/attachments/NNNNNN/<name>: streamed, never held."""
    return name.startswith("custody/attachments/")


def hash_attachment(f, e):
    """§5.8, §9.4: an attached file is hashed as it is read, like payload, whatever its
    size. Returns (hex SHA-256, size)."""
    h = hashlib.sha256()
    crc = 0
    try:
        for b in stream_entry(f, e):
            crc = zlib.crc32(b, crc)
            h.update(b)
    except OSError as ex:
        raise ReadFailure("archive.unreadable", "%s cannot be read: %s" % (escape_text(e.name), ex))
    if e.crc is not None and crc != e.crc:
        raise ReadFailure("archive.crc_mismatch",
                          "%s: the data does not match the ZIP CRC-32: the archive was damaged or edited" % escape_text(e.name))
    return h.hexdigest(), e.size


# ---------------------------------------------------------------------------
# BagIt (§2.3, §2.4)
# ---------------------------------------------------------------------------

class Malformed(Exception):
    pass


class OxumMissing(Malformed):
    pass


class NotUtf8(Malformed):
    pass


def decode_bagit_path(enc):
    out = []
    i = 0
    while i < len(enc):
        c = enc[i]
        if c == "%":
            seq = enc[i:i + 3]
            if seq == "%25":
                out.append("%")
            elif seq in ("%0D", "%0d"):
                out.append("\r")
            elif seq in ("%0A", "%0a"):
                out.append("\n")
            else:
                raise Malformed("an invalid %%-sequence in %r" % enc)
            i += 3
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_bagit_manifest(data, entries=frozenset()):
    """Returns list of (digest, path). Raises Malformed. `entries`: the bundle's entry names
    (a line naming none of them weighs, spec 9.4)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Malformed("not UTF-8")
    if "\r" in text:
        raise Malformed("contains CR")
    if text == "":
        return []
    if not text.endswith("\n"):
        raise Malformed("does not end with LF")
    lines = text[:-1].split("\n")
    if len(lines) > MAX_ENTRIES:
        raise Malformed("it lists more than %d files, more than a bundle can hold" % MAX_ENTRIES)
    out = []
    seen = set()
    weight = 0
    for n, line in enumerate(lines, 1):
        if len(line.encode("utf-8")) > MAX_MANIFEST_LINE:
            raise Malformed("line %d is longer than %d bytes" % (n, MAX_MANIFEST_LINE))
        idx = line.find("  ")
        if idx < 0:
            raise Malformed("line %d has no two spaces" % n)
        digest = line[:idx]
        if not HEX64.match(digest):
            raise Malformed("line %d does not start with a SHA-256 digest" % n)
        path = decode_bagit_path(line[idx + 2:])
        prob = name_problem(path)
        if prob:
            raise Malformed("line %d: unsafe path: %s" % (n, prob))
        if path in seen:
            raise Malformed("line %d: %s is listed twice" % (n, escape_text(path)))
        seen.add(path)
        if path not in entries:
            weight += LISTING_PATH_WEIGHT + len(path.encode("utf-8"))
            if weight > MAX_LISTING_WEIGHT:
                raise Malformed("at line %d, it lists more files that are not in the bundle than a verifier holds "
                                "(their paths weigh over %d MiB)" % (n, MAX_LISTING_WEIGHT >> 20))
        out.append((digest, path))
    return out


def parse_bag_info(data):
    """Returns list of (label, value). Raises Malformed."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise NotUtf8("not UTF-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = []
    for line in lines:
        if line.startswith((" ", "\t")):
            if not out:
                raise Malformed("a continuation line with nothing to continue")
            label, value = out[-1]
            # Joined with one space, not re-trimmed (as the reference does; §2.3 is silent).
            out[-1] = (label, value + " " + uni_trim(line))
            continue
        if ":" not in line:
            raise Malformed("a line without ':'")
        label, value = line.split(":", 1)
        out.append((uni_trim(label), uni_trim(value)))
    return out


def utf8(data):
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def bag_info_value(v):
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in v)


def derived_bag_info(manifest, seal, removed=()):
    """§2.3: the exact bytes of bag-info.txt, derived from the manifest and the seal event;
    the files of items a disposition returned or destroyed (§5.11) are not payload."""
    files = [fr for it in manifest["items"] if it["id"] not in removed for fr in it["files"]]
    lines = [("Bagging-Date", seal["time"][:10]),
             ("Payload-Oxum", "%d.%d" % (sum(fr["size"] for fr in files), len(files))),
             ("External-Identifier", manifest["case_reference"]),
             ("Internal-Sender-Identifier", manifest["bundle_id"]),
             ("Contact-Name", manifest["sealer"]["name"]),
             ("Source-Organization", manifest["sealer"]["organisation"])]
    return "".join("%s: %s\n" % (k, bag_info_value(v)) for k, v in lines).encode("utf-8")


def bag_info_difference(have, want):
    """Where bag-info.txt first departs from the derived text, for the message."""
    have_lines, want_lines = have.split(b"\n"), want.split(b"\n")
    for i, w in enumerate(want_lines):
        if i >= len(have_lines) or have_lines[i] != w:
            label = w.split(b":", 1)[0].decode("utf-8", "replace") if w else None
            return ("line %d should be the %s line" % (i + 1, label)) if label else "line %d is extra" % (i + 1)
    return "it has more lines than derived"


def first_label(pairs, label):
    for k, v in pairs:
        if k == label:
            return v
    return None


# ---------------------------------------------------------------------------
# Keys (§4)
# ---------------------------------------------------------------------------

class KeyInvalid(Exception):
    pass


FIELD_NAME = re.compile(r"[A-Za-z0-9-]+\Z")
B64LINE = re.compile(r"[A-Za-z0-9+/=]+\Z")


def lenient_role(v):
    r = uni_trim(v)
    r = "".join(c.lower() if "A" <= c <= "Z" else c for c in r)
    return r.replace("-", "_").replace(" ", "_")


def identity_ok(name, org, role, juris):
    return (plain_text_ok(name, 200) and plain_text_ok(org, 200) and role in ROLES
            and juris in JURISDICTIONS)


def parse_key_file(data):
    """§4.1. Returns dict(fingerprint, key, identity) with identity a tuple or None."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise KeyInvalid("not UTF-8")
    idx = text.find("-----BEGIN ")
    if idx < 0:
        raise KeyInvalid("no PEM block")
    header, rest = text[:idx], text[idx:]
    fields = {}
    for line in header.split("\n"):
        if line.endswith("\r"):
            line = line[:-1]
        if uni_trim(line) == "" or line.startswith("#"):
            continue
        if ":" not in line:
            raise KeyInvalid("a header line is not 'Field: value'")
        fname, value = line.split(":", 1)
        if not FIELD_NAME.match(fname):
            raise KeyInvalid("a header field name is not letters, digits and '-'")
        key = fname.lower()
        if key in fields:
            raise KeyInvalid("header field %s repeats" % fname)
        fields[key] = uni_trim(value)
    if "custody-key-version" in fields and fields["custody-key-version"] != "1":
        raise KeyInvalid("Custody-Key-Version is not 1")
    # Strict PEM block.
    rest = rest.rstrip(WS_STR)
    lines = rest.split("\n")
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
    if len(lines) < 3:
        raise KeyInvalid("not a PEM block")
    m1 = re.fullmatch(r"-----BEGIN ([^-]*)-----", lines[0])
    m2 = re.fullmatch(r"-----END ([^-]*)-----", lines[-1])
    if not m1 or not m2 or m1.group(1) != m2.group(1):
        raise KeyInvalid("not a strict PEM block")
    label = m1.group(1)
    body = lines[1:-1]
    for i, ln in enumerate(body):
        if not B64LINE.match(ln):
            raise KeyInvalid("PEM headers or non-base64 text in the block")
        if i < len(body) - 1 and len(ln) != 64:
            raise KeyInvalid("base64 lines are not 64 characters")
        if len(ln) > 64:
            raise KeyInvalid("base64 line longer than 64 characters")
    b64 = "".join(body)
    try:
        der = base64.b64decode(b64, validate=True)
    except Exception:
        raise KeyInvalid("bad base64")
    if base64.b64encode(der).decode() != b64:
        raise KeyInvalid("non-canonical base64")
    if label != "PUBLIC KEY":
        raise KeyInvalid("the PEM label is not PUBLIC KEY")
    if len(der) != 44 or der[:12] != SPKI_PREFIX:
        raise KeyInvalid("not an Ed25519 SubjectPublicKeyInfo")
    a = der[12:]
    prob = ed_key_problem(a)
    if prob:
        raise KeyInvalid(prob)
    fp = "sha256:" + hashlib.sha256(der).hexdigest()
    if "fingerprint" in fields and fields["fingerprint"] != fp:
        raise KeyInvalid("its Fingerprint field does not match the key")
    idf = ["name", "organisation", "role", "jurisdiction"]
    present = [f for f in idf if f in fields]
    identity = None
    if present:
        if len(present) != 4:
            raise KeyInvalid("identity incomplete: Name, Organisation, Role and Jurisdiction are all required")
        name, org = fields["name"], fields["organisation"]
        role = lenient_role(fields["role"])
        juris = fields["jurisdiction"]
        if not identity_ok(name, org, role, juris):
            raise KeyInvalid("invalid identity")
        identity = (name, org, role, juris)
    return {"fingerprint": fp, "key": a, "identity": identity}


# ---------------------------------------------------------------------------
# JSON documents (§5)
# ---------------------------------------------------------------------------

class DocInvalid(Exception):
    pass


# §9.1 step 8: while a manifest is replayed up to a bound, only its shape is checked (the types
# the schema gives each value: members, JSON types, integer ranges, vocabularies, times, dates,
# digests, fingerprints), not the §5.2 rules of text, ids and countries nor the rules between
# values. SHAPE_ONLY[0] is True during that replay; the checkers below skip what it skips.
SHAPE_ONLY = [False]


def _pairs_hook(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            raise DocInvalid("duplicate member %r" % k)
        d[k] = v
    return d


def _bad_constant(s):
    raise DocInvalid("invalid JSON constant %s" % s)


def _bad_float(s):
    raise DocInvalid("a number with fraction or exponent: %s" % s)


def _parse_int(s):
    if s.startswith("-"):
        raise DocInvalid("a negative integer: %s" % s)
    return int(s)


def _check_strings(v):
    stack = [v]
    while stack:
        x = stack.pop()
        if isinstance(x, str):
            for c in x:
                if 0xD800 <= ord(c) <= 0xDFFF:
                    raise DocInvalid("a lone surrogate in a string")
        elif isinstance(x, dict):
            for k, val in x.items():
                stack.append(k)
                stack.append(val)
        elif isinstance(x, list):
            stack.extend(x)


def load_json(data, text=None):
    """`data` parsed as JSON (§9.1's rules); `text`, when given, is `data` already decoded."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise DocInvalid("starts with a byte order mark")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise DocInvalid("not UTF-8")
    try:
        v = json.loads(text, object_pairs_hook=_pairs_hook, parse_constant=_bad_constant,
                       parse_float=_bad_float, parse_int=_parse_int)
    except DocInvalid:
        raise
    except (ValueError, RecursionError) as ex:
        raise DocInvalid("not JSON: %s" % ex)
    _check_strings(v)
    return v


# Shape helpers ------------------------------------------------------------

def j_obj(v, where, required, optional=()):
    if not isinstance(v, dict):
        raise DocInvalid("%s is not an object" % where)
    for k in v:
        if k not in required and k not in optional:
            raise DocInvalid("%s has an unknown member %r" % (where, k))
    for k in required:
        if k not in v:
            raise DocInvalid("%s lacks member %r" % (where, k))
    return v


def j_str(v, where):
    if not isinstance(v, str):
        raise DocInvalid("%s is not a string" % where)
    return v


def j_opt_str(d, k, where):
    """Optional, nullable string. Returns str or None."""
    v = d.get(k)
    if v is None:
        return None
    return j_str(v, where + "." + k)


def j_uint(v, where, bits=64):
    if isinstance(v, bool) or not isinstance(v, int) or v < 0 or v >= (1 << bits):
        raise DocInvalid("%s is not an integer in 0..2^%d-1" % (where, bits))
    return v


def j_bool(v, where):
    if not isinstance(v, bool):
        raise DocInvalid("%s is not a boolean" % where)
    return v


def j_arr(v, where):
    if not isinstance(v, list):
        raise DocInvalid("%s is not an array" % where)
    return v


def j_enum(v, where, allowed):
    if not isinstance(v, str) or v not in allowed:
        raise DocInvalid("%s is not one of %s" % (where, ", ".join(allowed)))
    return v


def j_time(v, where):
    if not time_ok(v):
        raise DocInvalid("%s is not a time YYYY-MM-DDTHH:MM:SSZ" % where)
    return v


def j_sha(v, where):
    if not isinstance(v, str) or not HEX64.match(v):
        raise DocInvalid("%s is not 64 lowercase hex digits" % where)
    return v


def j_signer(v, where):
    j_obj(v, where, ("fingerprint", "name", "organisation", "role", "jurisdiction"))
    fp = j_fingerprint(j_str(v["fingerprint"], where + ".fingerprint"), where + ".fingerprint")
    name = j_str(v["name"], where + ".name")
    org = j_str(v["organisation"], where + ".organisation")
    role = j_enum(v["role"], where + ".role", ROLES)
    juris = j_str(v["jurisdiction"], where + ".jurisdiction")
    if SHAPE_ONLY[0]:
        return v
    if not plain_text_ok(name, 200):
        raise DocInvalid("%s.name is not plain text of at most 200" % where)
    if not plain_text_ok(org, 200):
        raise DocInvalid("%s.organisation is not plain text of at most 200" % where)
    j_country(juris, where + ".jurisdiction")
    return {"fingerprint": fp, "name": name, "organisation": org, "role": role, "jurisdiction": juris}


def signer_tuple(s):
    return (s["fingerprint"], s["name"], s["organisation"], s["role"], s["jurisdiction"])


def identity_of(s):
    return (s["name"], s["organisation"], s["role"], s["jurisdiction"])


# §5.2 value types and vocabularies -----------------------------------------

TEXT_MAX = 1024
LONG_TEXT_MAX = 16384
MANIFEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")
LANGUAGE_TAG = re.compile(r"[A-Za-z0-9-]{1,35}\Z")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")

# §5.2.7
PROCEEDING_TYPES = ["criminal_investigation", "criminal_prosecution", "criminal_trial", "civil",
                    "administrative", "other"]
ACQUISITION_MODES = ["open_source", "consent", "domestic_order", "preservation", "provider_order",
                     "emergency_disclosure", "mla", "eio", "seizure"]
AUTHORITY_ROLES = ["investigating", "prosecuting", "issuing", "validating", "executing",
                   "requesting_central_authority", "requested_central_authority", "court", "other"]
DATA_CATEGORIES = ["subscriber", "identification", "traffic", "content", "other"]
URGENCIES = ["routine", "urgent", "emergency"]
REQUEST_KINDS = ["preservation", "mla", "eio", "epoc", "epoc_pr", "provider_request",
                 "emergency_disclosure", "other"]
ACTOR_ROLES = ["investigator", "capturer", "witness", "custodian", "requesting_central_authority",
               "requested_central_authority", "prosecutor", "court", "translator", "redactor",
               "examiner", "other"]
CONFIDENTIALITY_LEVELS = ["public", "restricted", "confidential", "secret"]
ONWARD_TRANSFER_RULES = ["allowed", "forbidden", "consent_required"]
DATA_SUBJECT_CATEGORIES = ["suspects", "victims", "witnesses", "third_parties", "minors", "other"]
ATTESTATION_KINDS = ["capture_declaration", "copy_certification", "hash_certification",
                     "translation_certification", "redaction_certification", "other"]
CAPTURE_FILE_FORMATS = ["WARC", "ARC", "WACZ", "yt-dlp info"]   # §5.2.2, a closed list
ITEM_KINDS = ["web_page", "video", "image", "audio", "social_post", "file", "provider_record",
              "other"]
CAPTURE_METHODS = ["screenshot", "html", "warc", "media_download", "screen_recording", "api",
                   "provider_production", "forensic_copy", "other"]
FILE_ROLES = ["original", "screenshot", "html_source", "warc", "metadata", "capture_recording",
              "transcript", "translation", "other"]


def text_ok(s, n):
    """§5.2 *text* (n = 1024) and *long text* (n = 16384): not empty after trimming white
    space, at most n characters, no control character other than LF and TAB, no
    text-direction control (the list of §1.1)."""
    if not isinstance(s, str) or uni_trim(s) == "" or len(s) > n:
        return False
    for c in s:
        if (is_cc(c) and c not in "\n\t") or c in BIDI_CONTROLS:
            return False
    return True


def date_ok(s):
    """§5.2 *date*: YYYY-MM-DD, a valid calendar date (year 0001-9999, as for times)."""
    return isinstance(s, str) and DATE_RE.match(s) is not None and time_ok(s + "T00:00:00Z")


def j_text(v, where, n=TEXT_MAX):
    if SHAPE_ONLY[0]:
        return j_str(v, where)
    if not text_ok(v, n):
        raise DocInvalid("%s is not %s (§5.2)" % (
            where, "text of at most %d characters" % n if n == TEXT_MAX else "long text"))
    return v


def j_long_text(v, where):
    return j_text(v, where, LONG_TEXT_MAX)


def j_id(v, where):
    if SHAPE_ONLY[0]:
        return j_str(v, where)
    if not isinstance(v, str) or not MANIFEST_ID.match(v):
        raise DocInvalid("%s is not an id (1-64 of A-Z a-z 0-9 - _ ., starting with a letter or digit)" % where)
    return v


def j_country(v, where):
    if SHAPE_ONLY[0]:
        return j_str(v, where)
    if not isinstance(v, str) or v not in JURISDICTIONS:
        raise DocInvalid("%s is not an ISO 3166-1 alpha-2 code of Appendix A" % where)
    return v


def j_date(v, where):
    if not date_ok(v):
        raise DocInvalid("%s is not a date YYYY-MM-DD" % where)
    return v


def j_fingerprint(v, where):
    if not isinstance(v, str) or not FPRINT.match(v):
        raise DocInvalid("%s is not sha256: and 64 lowercase hex digits" % where)
    return v


def j_language(v, where):
    if SHAPE_ONLY[0]:
        return j_str(v, where)
    if not isinstance(v, str) or not LANGUAGE_TAG.match(v):
        raise DocInvalid("%s is not a language tag (1-35 of A-Z a-z 0-9 -)" % where)
    return v


def vocab(allowed):
    return lambda v, where: j_enum(v, where, allowed)


def j_opt(d, k, where, check, nullable=True):
    """Optional member k of object d. `nullable`: the schema allows null, which then means
    absent (§5.1). Returns the checked value, or None when absent (or null)."""
    if k not in d:
        return None
    v = d[k]
    if v is None:
        if nullable:
            return None
        raise DocInvalid("%s.%s is null" % (where, k))
    return check(v, where + "." + k)


def j_opt_arr(d, k, where, check):
    """Optional array member (never nullable in the schema); [] when absent."""
    if k not in d:
        return []
    arr = j_arr(d[k], where + "." + k)
    return [check(x, "%s.%s[%d]" % (where, k, i)) for i, x in enumerate(arr)]


def j_opt_obj(d, k, where, check, nullable=False):
    """Optional object member; {} when absent (or null, if nullable)."""
    v = j_opt(d, k, where, check, nullable)
    return {} if v is None else v


# §5.2 member checkers ---------------------------------------------------------

def j_file_number(v, w):
    j_obj(v, w, ("authority", "number"), ("role",))
    j_text(v["authority"], w + ".authority")
    j_opt(v, "role", w, vocab(AUTHORITY_ROLES))
    j_text(v["number"], w + ".number")
    return v


def j_offence(v, w):
    j_obj(v, w, ("description",), ("statute",))
    j_long_text(v["description"], w + ".description")
    j_opt(v, "statute", w, j_text)
    return v


def j_legal_basis(v, w):
    j_obj(v, w, ("instrument",), ("article", "note"))
    j_text(v["instrument"], w + ".instrument")
    j_opt(v, "article", w, j_text)
    j_opt(v, "note", w, j_long_text)
    return v


def j_scope(v, w):
    j_obj(v, w, (), ("accounts", "data_categories", "from", "until", "time_zone"))
    j_opt_arr(v, "accounts", w, j_text)
    j_opt_arr(v, "data_categories", w, vocab(DATA_CATEGORIES))
    frm = j_opt(v, "from", w, j_time)
    until = j_opt(v, "until", w, j_time)
    j_opt(v, "time_zone", w, j_text)
    if frm is not None and until is not None and until < frm and not SHAPE_ONLY[0]:   # §5.2.8 rule 4
        raise DocInvalid("%s: until is before from" % w)
    return {"from": frm, "until": until}


def j_authorisation(v, w):
    j_obj(v, w, ("id", "description"), ("issued_by", "reference", "issued_at", "scope",
                                        "document_sha256", "document_path"))
    aid = j_id(v["id"], w + ".id")
    j_long_text(v["description"], w + ".description")
    j_opt(v, "issued_by", w, j_text)
    j_opt(v, "reference", w, j_text)
    j_opt(v, "issued_at", w, j_time)
    scope = j_opt_obj(v, "scope", w, j_scope)
    dsha = j_opt(v, "document_sha256", w, j_sha)
    dpath = j_opt(v, "document_path", w, j_str)
    return {"id": aid, "from": scope.get("from"), "until": scope.get("until"),
            "document_sha256": dsha, "document_path": dpath, "where": w}


def j_related_request(v, w):
    j_obj(v, w, ("kind", "reference"), ("authority", "issued_on", "expires_on", "note"))
    j_enum(v["kind"], w + ".kind", REQUEST_KINDS)
    j_text(v["reference"], w + ".reference")
    j_opt(v, "authority", w, j_text)
    issued = j_opt(v, "issued_on", w, j_date)
    expires = j_opt(v, "expires_on", w, j_date)
    j_opt(v, "note", w, j_long_text)
    if issued is not None and expires is not None and expires < issued and not SHAPE_ONLY[0]:   # §5.2.8 rule 4
        raise DocInvalid("%s: expires_on is before issued_on" % w)
    return v


def j_case(v, w):
    j_obj(v, w, ("reference",), ("title", "file_numbers", "proceeding", "offences", "legal_basis",
                                 "acquisition_mode", "authorisations", "urgency",
                                 "related_requests"))
    ref = j_str(v["reference"], w + ".reference")
    if not plain_text_ok(ref, 256) and not SHAPE_ONLY[0]:
        raise DocInvalid("case.reference is not plain text of at most 256")
    j_opt(v, "title", w, j_text)
    j_opt_arr(v, "file_numbers", w, j_file_number)
    j_opt(v, "proceeding", w, vocab(PROCEEDING_TYPES))
    j_opt_arr(v, "offences", w, j_offence)
    j_opt_arr(v, "legal_basis", w, j_legal_basis)
    j_opt(v, "acquisition_mode", w, vocab(ACQUISITION_MODES))
    auths = j_opt_arr(v, "authorisations", w, j_authorisation)
    j_opt(v, "urgency", w, vocab(URGENCIES))
    reqs = j_opt_arr(v, "related_requests", w, j_related_request)
    return {"reference": ref, "authorisations": auths, "related_requests": reqs}


def j_tool(v, w):
    j_obj(v, w, ("name",), ("version", "sha256"))
    j_text(v["name"], w + ".name")
    j_opt(v, "version", w, j_text)
    j_opt(v, "sha256", w, j_sha)
    return v


def j_environment(v, w):
    j_obj(v, w, (), ("os", "browser", "user_agent", "egress_ip", "exit_jurisdiction", "note"))
    for k in ("os", "browser", "user_agent", "egress_ip"):
        j_opt(v, k, w, j_text)
    j_opt(v, "exit_jurisdiction", w, j_country)
    j_opt(v, "note", w, j_long_text)
    return v


def j_content_time(v, w):
    j_obj(v, w, ("label", "value"), ("meaning", "time_zone", "utc"))
    j_text(v["label"], w + ".label")
    j_text(v["value"], w + ".value")
    meaning = j_opt(v, "meaning", w, j_text)
    tz = j_opt(v, "time_zone", w, j_text)
    j_opt(v, "utc", w, j_time)
    return {"label": v["label"], "meaning": meaning, "time_zone": tz}


def j_derived_from(v, w):
    j_obj(v, w, ("sha256", "transformation"), ("item",))
    item = j_opt(v, "item", w, j_id)
    sha = j_sha(v["sha256"], w + ".sha256")
    j_long_text(v["transformation"], w + ".transformation")
    return {"item": item, "sha256": sha, "where": w}


def j_imported(v, w):
    j_obj(v, w, ("field", "from", "key"))
    j_str(v["field"], w + ".field")
    frm = j_str(v["from"], w + ".from")
    j_str(v["key"], w + ".key")
    return {"from": frm, "where": w}


def j_page(v, w):
    j_obj(v, w, ("url",), ("time", "status", "final_url", "revisit"))
    j_text(v["url"], w + ".url")
    j_opt(v, "time", w, j_time)
    j_opt(v, "status", w, lambda x, ww: j_uint(x, ww, 16))
    j_opt(v, "final_url", w, j_text)
    j_opt(v, "revisit", w, j_bool, nullable=False)


def j_capture_file(v, w):
    j_obj(v, w, ("path", "format"), ("kind", "source_url", "final_url", "platform", "object_id",
                                     "account_handle", "account_id", "captured_at", "capture_end",
                                     "tool", "content_times", "pages", "pages_total", "notes"))
    path = j_str(v["path"], w + ".path")
    fmt = j_text(v["format"], w + ".format")
    if fmt not in CAPTURE_FILE_FORMATS and not SHAPE_ONLY[0]:   # §5.2.2: a closed list
        raise DocInvalid("%s.format: '%s' is not one of WARC, ARC, WACZ, yt-dlp info" % (w, escape_text(fmt)))
    j_opt(v, "kind", w, vocab(ITEM_KINDS))
    for k in ("source_url", "final_url", "platform", "object_id", "account_handle", "account_id"):
        j_opt(v, k, w, j_text)
    start = j_opt(v, "captured_at", w, j_time)
    end = j_opt(v, "capture_end", w, j_time)
    if start is not None and end is not None and end < start and not SHAPE_ONLY[0]:   # §5.2.8 rule 4
        raise DocInvalid("%s: capture_end is before captured_at" % w)
    j_opt(v, "tool", w, j_tool)
    j_opt_arr(v, "content_times", w, j_content_time)
    pages = j_opt_arr(v, "pages", w, j_page)
    total = j_opt(v, "pages_total", w, j_uint)
    if total is not None and total <= len(pages) and not SHAPE_ONLY[0]:   # §5.2.2: more than listed
        raise DocInvalid("%s.pages_total: %d is not more than the %d pages listed" % (w, total, len(pages)))
    j_opt_arr(v, "notes", w, j_long_text)
    return {"path": path, "where": w}


def j_capture(v, w):
    j_obj(v, w, (), ("kind", "source_url", "final_url", "platform", "object_id", "account_handle",
                     "account_id", "captured_at", "capture_end", "clock_source", "methods", "tool",
                     "environment", "access_steps", "operators", "witnesses", "authorisation",
                     "content_times", "alterations", "derived_from", "languages",
                     "original_not_seized", "note", "imported", "capture_files"))
    c = {}
    c["kind"] = j_opt(v, "kind", w, vocab(ITEM_KINDS))
    for k in ("source_url", "final_url", "platform", "object_id", "account_handle", "account_id",
              "clock_source", "original_not_seized"):
        c[k] = j_opt(v, k, w, j_text)
    c["captured_at"] = j_opt(v, "captured_at", w, j_time)
    c["capture_end"] = j_opt(v, "capture_end", w, j_time)
    c["methods"] = j_opt_arr(v, "methods", w, vocab(CAPTURE_METHODS))
    j_opt(v, "tool", w, j_tool)
    j_opt_obj(v, "environment", w, j_environment)
    j_opt_arr(v, "access_steps", w, j_long_text)
    c["operators"] = j_opt_arr(v, "operators", w, j_id)
    c["witnesses"] = j_opt_arr(v, "witnesses", w, j_id)
    c["authorisation"] = j_opt(v, "authorisation", w, j_id)
    c["content_times"] = j_opt_arr(v, "content_times", w, j_content_time)
    j_opt_arr(v, "alterations", w, j_long_text)
    c["derived_from"] = j_opt_arr(v, "derived_from", w, j_derived_from)
    j_opt_arr(v, "languages", w, j_language)
    j_opt(v, "note", w, j_long_text)
    c["imported"] = j_opt_arr(v, "imported", w, j_imported)
    c["capture_files"] = j_opt_arr(v, "capture_files", w, j_capture_file)
    if (c["captured_at"] is not None and c["capture_end"] is not None
            and c["capture_end"] < c["captured_at"] and not SHAPE_ONLY[0]):   # §5.2.8 rule 4
        raise DocInvalid("%s: capture_end is before captured_at" % w)
    return c


def j_file_record(v, w):
    j_obj(v, w, ("path", "original_name", "size", "media_type", "sha256"), ("modified", "role"))
    path = j_str(v["path"], w + ".path")
    j_str(v["original_name"], w + ".original_name")
    size = j_uint(v["size"], w + ".size")
    j_str(v["media_type"], w + ".media_type")
    sha = j_sha(v["sha256"], w + ".sha256")
    j_opt(v, "modified", w, j_time)
    role = j_opt(v, "role", w, vocab(FILE_ROLES))
    return {"path": path, "size": size, "sha256": sha, "role": role}


def j_item(v, w):
    j_obj(v, w, ("id", "label", "files"), ("exhibit", "capture"))
    iid = j_str(v["id"], w + ".id")
    if not ITEM_ID.match(iid) and not SHAPE_ONLY[0]:
        raise DocInvalid("%s.id is not item-N" % w)
    j_str(v["label"], w + ".label")
    exhibit = j_opt(v, "exhibit", w, j_text)
    # §5.1: `capture`, if present, MUST be an object (not null).
    cap = j_opt(v, "capture", w, j_capture, nullable=False)
    files = j_arr(v["files"], w + ".files")
    frs = [j_file_record(fr, "%s.files[%d]" % (w, k)) for k, fr in enumerate(files)]
    return {"id": iid, "exhibit": exhibit, "capture": cap or {},
            "captured_at": (cap or {}).get("captured_at"), "files": frs}


def j_contact(v, w):
    j_obj(v, w, (), ("email", "phone", "address", "time_zone"))
    for k in ("email", "phone", "address", "time_zone"):
        j_opt(v, k, w, j_text)
    return v


def j_actor(v, w):
    j_obj(v, w, ("id", "role", "name"), ("organisation", "jurisdiction", "contact",
                                         "key_fingerprints"))
    aid = j_id(v["id"], w + ".id")
    j_enum(v["role"], w + ".role", ACTOR_ROLES)
    j_text(v["name"], w + ".name")
    j_opt(v, "organisation", w, j_text)
    j_opt(v, "jurisdiction", w, j_country)
    j_opt_obj(v, "contact", w, j_contact)
    j_opt_arr(v, "key_fingerprints", w, j_fingerprint)
    return {"id": aid}


def j_use_limitation(v, w):
    j_obj(v, w, (), ("purposes", "proceedings", "speciality", "note"))
    j_opt_arr(v, "purposes", w, j_text)
    j_opt_arr(v, "proceedings", w, j_text)
    j_opt(v, "speciality", w, j_bool, nullable=False)
    j_opt(v, "note", w, j_long_text)
    return v


def j_confidentiality(v, w):
    j_obj(v, w, ("level",), ("note",))
    j_enum(v["level"], w + ".level", CONFIDENTIALITY_LEVELS)
    j_opt(v, "note", w, j_long_text)
    return v


def j_retention(v, w):
    j_obj(v, w, (), ("keep_until", "review_on", "note"))
    j_opt(v, "keep_until", w, j_date)
    j_opt(v, "review_on", w, j_date)
    j_opt(v, "note", w, j_long_text)
    return v


def j_onward_transfer(v, w):
    j_obj(v, w, ("rule",), ("consent_of", "note"))
    rule = j_enum(v["rule"], w + ".rule", ONWARD_TRANSFER_RULES)
    consent_of = j_opt(v, "consent_of", w, j_text)
    j_opt(v, "note", w, j_long_text)
    if rule == "consent_required" and consent_of is None and not SHAPE_ONLY[0]:   # §5.2.8 rule 5
        raise DocInvalid("%s: rule consent_required without consent_of" % w)
    return v


def j_data_protection(v, w):
    j_obj(v, w, ("personal_data",), ("data_subjects", "special_categories", "minors", "note"))
    j_bool(v["personal_data"], w + ".personal_data")
    j_opt_arr(v, "data_subjects", w, vocab(DATA_SUBJECT_CATEGORIES))
    j_opt_arr(v, "special_categories", w, j_text)
    j_opt(v, "minors", w, j_bool, nullable=False)
    j_opt(v, "note", w, j_long_text)
    return v


def j_restrictions(v, w):
    j_obj(v, w, (), ("use_limitation", "confidentiality", "retention", "onward_transfer",
                     "data_protection", "export_approval"))
    j_opt(v, "use_limitation", w, j_use_limitation)
    j_opt(v, "confidentiality", w, j_confidentiality)
    j_opt(v, "retention", w, j_retention)
    j_opt(v, "onward_transfer", w, j_onward_transfer)
    j_opt(v, "data_protection", w, j_data_protection)
    j_opt(v, "export_approval", w, j_text)
    return v


def j_attested_file(v, w):
    j_obj(v, w, ("path", "sha256"))
    return {"path": j_str(v["path"], w + ".path"), "sha256": j_sha(v["sha256"], w + ".sha256"),
            "where": w}


def j_attestation(v, w):
    j_obj(v, w, ("id", "kind", "by", "declared_at", "statement", "items"), ("standard", "files"))
    aid = j_id(v["id"], w + ".id")
    j_enum(v["kind"], w + ".kind", ATTESTATION_KINDS)
    by = j_id(v["by"], w + ".by")
    j_time(v["declared_at"], w + ".declared_at")
    j_long_text(v["statement"], w + ".statement")
    j_opt(v, "standard", w, j_text)
    items = j_arr(v["items"], w + ".items")
    if not items and not SHAPE_ONLY[0]:
        raise DocInvalid("%s.items is empty" % w)
    items = [j_str(x, "%s.items[%d]" % (w, i)) for i, x in enumerate(items)]
    files = j_opt_arr(v, "files", w, j_attested_file)
    return {"id": aid, "by": by, "items": items, "files": files, "where": w}


def check_unique(values, what):
    seen = set()
    for x in values:
        if x is None:
            continue
        if x in seen:
            raise DocInvalid("%s %s is used twice" % (what, escape_text(x)))
        seen.add(x)


class TooManyItems(DocInvalid):
    """§9.4: the manifest lists more than MAX_ITEMS items (manifest.too_many_items)."""


class TooManyFiles(DocInvalid):
    """§9.4: the manifest's items list more than MAX_FILE_RECORDS file records in all
    (manifest.too_many_files)."""


class TooLargeToHold(DocInvalid):
    """§9.4: the manifest is JSON but weighs more than MAX_MANIFEST_WEIGHT
    (manifest.too_large_to_hold)."""


def _manifest_member(k, x):
    """The shape of one top-level member of the manifest, as parse_manifest checks it."""
    if k in ("format", "bundle_id"):
        j_str(x, k)
    elif k == "commitment":
        c = j_obj(x, k, ("scheme", "seed"))
        j_str(c["scheme"], "commitment.scheme")
        j_sha(c["seed"], "commitment.seed")
    elif k == "case":
        j_case(x, k)
    elif k == "sealer":
        j_signer(x, k)
    elif k == "derivation":
        if x is not None:
            j_derivation(x)
    elif k == "log":
        if x is not None:
            lg = j_obj(x, "log", ("url", "verifier_key", "salt"))
            j_str(lg["url"], "log.url")
            j_str(lg["verifier_key"], "log.verifier_key")
            j_sha(lg["salt"], "log.salt")
    elif k == "actors":
        j_opt_arr({k: x}, k, "manifest", j_actor)
    elif k == "attestations":
        j_opt_arr({k: x}, k, "manifest", j_attestation)
    elif k == "restrictions":
        j_opt_obj({k: x}, k, "manifest", j_restrictions)
    else:
        raise DocInvalid("the manifest has an unknown member %r" % k)


_WS = re.compile(r"[ \t\n\r]*")

ITEM_MEMBERS = ("id", "label", "files", "exhibit", "capture")


def _item_member(k, x, w):
    """The shape of one member of an item other than `files`, as the typed parse reads it."""
    if k in ("id", "label"):
        j_str(x, w + "." + k)
    elif k == "exhibit":
        j_opt({k: x}, k, w, j_text)
    else:  # capture: an object, not null (§5.1)
        j_opt({k: x}, k, w, j_capture, nullable=False)


def reaches_bound(text):
    """§9.4 and §9.1 step 8, in document order: "items" if a (MAX_ITEMS + 1)th element of `items`
    begins, "files" if a (MAX_FILE_RECORDS + 1)th file record (counted across items) begins,
    before any departure from the manifest's shape (in a top-level member before `items`, or an
    item or record before that point: DocInvalid; only the shape, SHAPE_ONLY); None if neither
    begins, or the text is not an object or `items` not a list (the full parse says what is
    wrong). `text` is the manifest decoded, already known to be JSON text within the weight
    (§9.4 rules 1-3, weigh_manifest): a fault of JSON after the bound was refused before the
    bound is looked for. An element begins when, after `[` or `,` and JSON white space, the
    next character is not `]`. Nothing of the element at the bound is checked again; nothing
    after it is reached."""
    dec = json.JSONDecoder(object_pairs_hook=_pairs_hook, parse_constant=_bad_constant,
                           parse_float=_bad_float, parse_int=_parse_int)

    def at(i):
        i = _WS.match(text, i).end()
        return i, text[i:i + 1]

    def value(i):
        i = _WS.match(text, i).end()
        try:
            x, i = dec.raw_decode(text, i)
        except (ValueError, RecursionError) as ex:  # the hooks' DocInvalid passes through
            raise DocInvalid("not JSON: %s" % ex)
        _check_strings(x)
        return x, i

    def expect(i, ch):
        i, c = at(i)
        if c != ch:
            raise DocInvalid("not JSON: expected %r at character %d" % (ch, i))
        return i + 1

    def array(i, where, each):
        """The array whose `[` is at i: each(place) reads the element that begins at place and
        gives the place after it, or None to stop there (a bound). None if stopped, else the
        place after the `]`."""
        i, c = at(i + 1)
        if c == "]":
            return i + 1
        while True:
            if c == "":
                raise DocInvalid("not JSON: the text ends in %s" % where)
            i = each(i)
            if i is None:
                return None
            i, c = at(i)
            if c == "]":
                return i + 1
            i = expect(i, ",")
            i, c = at(i)
            if c == "]":
                raise DocInvalid("not JSON: a trailing comma in %s" % where)

    hit = [None]
    counts = {"items": 0, "files": 0}

    def record(i, w):
        if counts["files"] == MAX_FILE_RECORDS:
            hit[0] = "files"
            return None
        rec, i = value(i)
        j_file_record(rec, "%s[%d]" % (w, counts["files"]))
        counts["files"] += 1
        return i

    def files_of(i, w):
        """An item's `files` at i: None if the bound is reached, else the place after it."""
        i, c = at(i)
        if c != "[":
            x, i = value(i)
            j_arr(x, w)
            return i
        return array(i, w, lambda at_: record(at_, w))

    def item(i, w):
        """An item at i: None if the bound is reached inside it, else the place after it."""
        i, c = at(i)
        if c != "{":
            x, i = value(i)
            j_item(x, w)  # not an object: refused
            return i
        i, c = at(i + 1)
        seen = set()
        if c != "}":
            while True:
                k, i = value(i)
                if not isinstance(k, str):
                    raise DocInvalid("not JSON: a member name that is not a string")
                if k not in ITEM_MEMBERS:
                    raise DocInvalid("%s has an unknown member %r" % (w, k))
                if k in seen:
                    raise DocInvalid("duplicate member %r" % k)
                seen.add(k)
                i = expect(i, ":")
                if k == "files":
                    i = files_of(i, w + ".files")
                    if i is None:
                        return None
                else:
                    x, i = value(i)
                    _item_member(k, x, w)
                i, c = at(i)
                if c == "}":
                    break
                i = expect(i, ",")
        for k in ("id", "label", "files"):
            if k not in seen:
                raise DocInvalid("%s lacks member %r" % (w, k))
        return i + 1

    i, c = at(0)
    if c != "{":
        return None
    i, c = at(i + 1)
    if c == "}":
        return None
    seen = set()
    while True:
        k, i = value(i)
        if not isinstance(k, str):
            raise DocInvalid("not JSON: a member name that is not a string")
        if k in seen:
            raise DocInvalid("duplicate member %r" % k)
        seen.add(k)
        i = expect(i, ":")
        if k != "items":
            x, i = value(i)
            _manifest_member(k, x)
        else:
            i, c = at(i)
            if c != "[":
                return None

            def each(place):
                n = counts["items"]
                if n == MAX_ITEMS:
                    hit[0] = "items"
                    return None
                counts["items"] += 1
                return item(place, "items[%d]" % n)

            i = array(i, "items", each)
            if i is None:
                return hit[0]
        i, c = at(i)
        if c == "}":
            return None
        i = expect(i, ",")


def _utf8_len(s):
    """The length in UTF-8 bytes of a decoded JSON string; a lone surrogate (only a `\\u` escape
    can make one: the text was UTF-8) is not JSON (§9.4 rule 1)."""
    if s.isascii():
        return len(s)
    try:
        return len(s.encode("utf-8"))
    except UnicodeEncodeError:
        raise DocInvalid("not JSON: a lone surrogate in a \\u escape")


def _stack_depth():
    n, f = 0, sys._getframe()
    while f is not None:
        n, f = n + 1, f.f_back
    return n


def json_pairs(data):
    """§9.4 rule 1: `data` read as JSON text (RFC 8259, UTF-8, no byte order mark, nothing but
    white space after the value): (the text, its tree), or DocInvalid. The tree is for weighing
    only: an object is a tuple of its (name, value) pairs in document order, duplicate names
    kept; an array is a list; a number is an int (the length of its text: a number weighs only
    its place, and a number is never converted, so no magnitude or digit count is refused).
    Lone surrogates and the nesting depth are checked as the tree is weighed (manifest_weight)."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise DocInvalid("starts with a byte order mark")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DocInvalid("not UTF-8")
    # json.loads recurses once per nesting level: room for MAX_JSON_DEPTH levels above this
    # frame, whatever the caller's depth; deeper nesting may instead raise RecursionError
    # (not JSON either, the depth being over the bound).
    old = sys.getrecursionlimit()
    need = _stack_depth() + MAX_JSON_DEPTH + 100
    if old < need:
        sys.setrecursionlimit(need)
    try:
        tree = json.loads(text, object_pairs_hook=tuple, parse_constant=_bad_constant, parse_int=len,
                          parse_float=len)
    except DocInvalid:
        raise
    except (ValueError, RecursionError) as ex:
        raise DocInvalid("not JSON: %s" % ex)
    finally:
        if old < need:
            sys.setrecursionlimit(old)
    return text, tree


def manifest_weight(tree, payload_names):
    """§9.4 rule 2: the weight of a manifest's tree as json_pairs gives it; `payload_names` is
    the set of the bundle's payload entry names (bag paths, `data/...`). Raises DocInvalid on
    what rule 1 leaves to the tree: a lone surrogate in any string or member name, an array or
    object nested deeper than MAX_JSON_DEPTH (the top level is depth 1). The whole tree is
    walked, without recursion, even once the weight is over the limit: rule 1 comes first.

    Values outside file records weigh VALUE_WEIGHT each, plus a string's UTF-8 length; member
    names nothing; an item's `capture` member that is an object weighs CAPTURE_WEIGHT instead. File records: the elements that are objects of every `files` member that is
    an array, of every element that is an object of every `items` member that is an array, of
    the top-level object (a duplicated `items` or `files` member: each one that is an array).
    A record weighs nothing itself; its first string `path`: RECORD_TEXT_WEIGHT plus its length,
    0 if a payload entry's name; its first string `original_name`: RECORD_TEXT_WEIGHT plus its
    length, 0 if it is at most MAX_SHARED_NAME bytes and the first string `path` ends with it;
    its first string `media_type`: RECORD_TEXT_WEIGHT plus its length, 0 if it is at most
    MAX_SHARED_MEDIA_TYPE bytes and one of the first MAX_SHARED_MEDIA_TYPES distinct such types
    an earlier record gave; other members (and repeated ones) with a string, number or literal:
    0; with an array or object: weighed as values outside records."""
    W = VALUE_WEIGHT
    weight = 0
    outside = []  # (value, depth of the value if it is an array or object)
    media_seen = set()
    list_, tuple_, str_ = list, tuple, str

    def names(pairs):
        for k, _ in pairs:
            if not k.isascii():
                _utf8_len(k)

    if type(tree) is tuple_:
        weight += W
        names(tree)
        for k, v in tree:
            if k != "items" or type(v) is not list_:
                outside.append((v, 2))
                continue
            weight += W  # the items array, depth 2
            for it in v:
                if type(it) is not tuple_:
                    outside.append((it, 3))
                    continue
                weight += W  # an item, depth 3
                names(it)
                for k2, v2 in it:
                    if k2 != "files" or type(v2) is not list_:
                        if k2 == "capture" and type(v2) is tuple_:
                            weight += CAPTURE_WEIGHT - W  # an item's capture object: CAPTURE_WEIGHT
                        outside.append((v2, 4))
                        continue
                    weight += W  # a files array, depth 4
                    for r in v2:
                        if type(r) is not tuple_:
                            outside.append((r, 5))
                            continue
                        # A file record, depth 5: weighs nothing itself.
                        names(r)
                        path = orig = media = None
                        for k3, v3 in r:
                            t = type(v3)
                            if t is str_:
                                if k3 == "path" and path is None:
                                    path = v3
                                elif k3 == "original_name" and orig is None:
                                    orig = v3
                                elif k3 == "media_type" and media is None:
                                    media = v3
                                else:
                                    _utf8_len(v3)  # weighs nothing, but must be JSON
                            elif t is list_ or t is tuple_:
                                outside.append((v3, 6))
                        # What a record cannot share weighs RECORD_TEXT_WEIGHT and its bytes.
                        if path is not None:
                            n = _utf8_len(path)
                            if path not in payload_names:
                                weight += RECORD_TEXT_WEIGHT + n
                        if orig is not None:
                            n = _utf8_len(orig)
                            # Both are Unicode text: a UTF-8 suffix of `path` that begins as
                            # `orig` does begins at a character, so this is the byte-wise test.
                            if n > MAX_SHARED_NAME or path is None or not path.endswith(orig):
                                weight += RECORD_TEXT_WEIGHT + n
                        if media is not None:
                            n = _utf8_len(media)
                            if n > MAX_SHARED_MEDIA_TYPE or media not in media_seen:
                                if n <= MAX_SHARED_MEDIA_TYPE and len(media_seen) < MAX_SHARED_MEDIA_TYPES:
                                    media_seen.add(media)
                                weight += RECORD_TEXT_WEIGHT + n
    else:
        outside.append((tree, 1))
    # Values outside records: a container's elements are weighed as its own, nested containers
    # pushed with their depth.
    while outside:
        v, d = outside.pop()
        t = type(v)
        weight += W
        if t is str_:
            weight += _utf8_len(v)
            continue
        if t is list_:
            elements = v
        elif t is tuple_:
            names(v)
            elements = [x for _, x in v]
        else:
            continue
        if d > MAX_JSON_DEPTH:
            raise DocInvalid("not JSON: arrays and objects nested more than %d deep" % MAX_JSON_DEPTH)
        for x in elements:
            tx = type(x)
            if tx is str_:
                weight += W + (len(x) if x.isascii() else _utf8_len(x))
            elif tx is list_ or tx is tuple_:
                outside.append((x, d + 1))
            else:
                weight += W
    return weight


def weigh_manifest(data, payload_names):
    """§9.4: the manifest's text once rule 1 holds and its weight is within MAX_MANIFEST_WEIGHT;
    DocInvalid if it is not JSON (rule 1), else TooLargeToHold if it weighs more."""
    text, tree = json_pairs(data)
    w = manifest_weight(tree, payload_names)
    if w > MAX_MANIFEST_WEIGHT:
        raise TooLargeToHold("%s weighs more than the %d MiB a reader may be asked to hold (spec §9.4): nothing that "
                             "depends on it was checked" % (MANIFEST, MAX_MANIFEST_WEIGHT // MIB))
    return text


def _too_many_items():
    return TooManyItems("%s lists more than the %d items a bundle may hold; nothing that depends on it was checked"
                        % (MANIFEST, MAX_ITEMS))


def _too_many_files():
    return TooManyFiles("%s lists more than the %d file records a bundle may hold; nothing that depends on it was "
                        "checked" % (MANIFEST, MAX_FILE_RECORDS))


def parse_manifest(data, payload_names=frozenset()):
    """The manifest's bytes `data`, in a bundle whose payload entries are named `payload_names`
    (bag paths, `data/...`: the weight does not count a file record's path that names one)."""
    # §9.4: first the manifest must be JSON (rule 1: manifest.invalid) and weigh at most
    # MAX_MANIFEST_WEIGHT (manifest.too_large_to_hold), before the bounds on items and records,
    # before its schema. The text is then UTF-8: decoded once, here.
    text = weigh_manifest(data, payload_names)
    # §9.1 step 8: the bounds of §9.4 are found in document order, before any other fault that
    # comes after them. Every element of an array begins after a `[` or a `,`: a manifest with
    # fewer of those cannot reach either bound, and is not replayed.
    # A fault the replay finds before either bound is the manifest's fault (manifest.invalid):
    # it is raised as found, not found again by parsing the whole document a second time.
    if data.count(b",") + data.count(b"[") > MAX_ITEMS:
        SHAPE_ONLY[0] = True
        try:
            bound = reaches_bound(text)
        finally:
            SHAPE_ONLY[0] = False
        if bound == "items":
            raise _too_many_items()
        if bound == "files":
            raise _too_many_files()
    v = load_json(data, text)  # not decoded again
    if isinstance(v, dict) and isinstance(v.get("items"), list) and (
            len(v["items"]) > MAX_ITEMS
            or sum(len(x["files"]) for x in v["items"] if isinstance(x, dict) and isinstance(x.get("files"), list))
            > MAX_FILE_RECORDS):
        raise DocInvalid("items: a bound was not reached in document order")  # unreachable
    j_obj(v, "the manifest", ("format", "bundle_id", "case", "sealer", "items", "commitment"),
          ("actors", "restrictions", "attestations", "derivation", "log"))
    derivation = j_derivation(v["derivation"]) if v.get("derivation") is not None else None
    fmt = j_str(v["format"], "format")
    # §5.12: required in format v2.
    c = j_obj(v["commitment"], "commitment", ("scheme", "seed"))
    scheme = j_str(c["scheme"], "commitment.scheme")
    seed = j_sha(c["seed"], "commitment.seed")
    if scheme != COMMITMENT_SCHEME:
        raise DocInvalid("commitment.scheme is '%s', not %s" % (escape_text(scheme), COMMITMENT_SCHEME))
    if seed == "0" * 64:
        raise DocInvalid("commitment.seed is all zeros")
    commitment = bytes.fromhex(seed)
    bid = j_str(v["bundle_id"], "bundle_id")
    log = None
    if v.get("log") is not None:  # null is the same as absent (§5.1), as for derivation
        lg = j_obj(v["log"], "log", ("url", "verifier_key", "salt"))
        log = {"url": j_str(lg["url"], "log.url"), "verifier_key": j_str(lg["verifier_key"], "log.verifier_key"),
               "salt": bytes.fromhex(j_sha(lg["salt"], "log.salt"))}
    case = j_case(v["case"], "case")
    sealer = j_signer(v["sealer"], "sealer")
    actors = j_opt_arr(v, "actors", "manifest", j_actor)
    restrictions = j_opt_obj(v, "restrictions", "manifest", j_restrictions)
    attestations = j_opt_arr(v, "attestations", "manifest", j_attestation)
    items = j_arr(v["items"], "items")
    out_items = [j_item(it, "items[%d]" % i) for i, it in enumerate(items)]
    # Semantic rules (§5.2, §9.1 step 8)
    if fmt != "custody.manifest/2":
        raise DocInvalid("format is '%s', not custody.manifest/2" % escape_text(fmt))
    if not HEX32.match(bid):
        raise DocInvalid("bundle_id is not 32 lowercase hex digits")
    if not out_items:
        raise DocInvalid("no items")
    if derivation is not None and attestations:
        # §5.13: nothing proves that a derived bundle's attestations are the parent's actors'.
        raise DocInvalid("a derived bundle carries no attestations: nothing proves they are the original's actors'")
    seen = set()
    last = 0
    for i, it in enumerate(out_items, 1):
        if derivation is not None:
            # §5.13: a derived bundle keeps its parent's ids, strictly increasing item-N.
            m = ITEM_ID.match(it["id"])
            if not m or int(m.group(1)) <= last:
                raise DocInvalid("item id %s is not item-N with N greater than the previous item's" % escape_text(it["id"]))
            last = int(m.group(1))
        elif it["id"] != "item-%d" % i:
            raise DocInvalid("item %d has id %s, not item-%d" % (i, it["id"], i))
        if not it["files"]:
            raise DocInvalid("%s has no files" % it["id"])
        prefix = "data/%s/" % it["id"]
        for fr in it["files"]:
            p = fr["path"]
            if not p.startswith(prefix):
                raise DocInvalid("path '%s' is not under %s" % (escape_text(p), prefix))
            prob = name_problem(p)
            if prob:
                raise DocInvalid("path '%s' is unsafe: %s" % (escape_text(p), prob))
            if p in seen:
                raise DocInvalid("path '%s' is listed twice" % escape_text(p))
            seen.add(p)
    check_provenance_rules(case, actors, attestations, out_items)
    return {"format": fmt, "bundle_id": bid, "case_reference": case["reference"],
            "sealer": sealer, "items": out_items, "attestations": attestations,
            "related_requests": case["related_requests"],
            "keep_until": (restrictions.get("retention") or {}).get("keep_until"),
            "commitment": commitment, "raw": v, "derivation": derivation, "log": log,
            "advisories": provenance_advisories(case, out_items)}


def check_provenance_rules(case, actors, attestations, items):
    """§5.2.8 (rule 4, reversed windows, and rule 5 are checked with the types)."""
    auths = case["authorisations"]
    # Rule 1
    check_unique([a["id"] for a in auths], "authorisation id")
    check_unique([a["id"] for a in actors], "actor id")
    check_unique([a["id"] for a in attestations], "attestation id")
    check_unique([it["exhibit"] for it in items], "exhibit")
    actor_ids = set(a["id"] for a in actors)
    auth_ids = set(a["id"] for a in auths)
    items_by_id = {it["id"]: it for it in items}
    described = {}
    for it in items:
        for fr in it["files"]:
            described[fr["path"]] = fr["sha256"]
    # Rule 6: an authorisation's document_path (with document_sha256)
    for a in auths:
        if a["document_path"] is not None:
            p = a["document_path"]
            if p not in described:
                raise DocInvalid("%s.document_path '%s' is not a payload file the manifest describes" % (a["where"], escape_text(p)))
            if a["document_sha256"] != described[p]:
                raise DocInvalid("%s.document_sha256 is not the SHA-256 of %s" % (a["where"], escape_text(p)))
    for at in attestations:
        w = at["where"]
        # Rule 2
        if at["by"] not in actor_ids:
            raise DocInvalid("%s.by '%s' is not the id of an actor" % (w, escape_text(at["by"])))
        # Rule 3
        for x in at["items"]:
            if x not in items_by_id:
                raise DocInvalid("%s.items names '%s', which is not an item" % (w, escape_text(x)))
        if len(set(at["items"])) != len(at["items"]):
            raise DocInvalid("%s.items names an item twice" % w)
        named = set(at["items"])
        for f in at["files"]:
            parts = f["path"].split("/", 2)
            if not (len(parts) == 3 and parts[0] == "data" and parts[1] in named):
                raise DocInvalid("%s.path '%s' is not a file of the items the attestation names" % (f["where"], escape_text(f["path"])))
        # Rule 6
        for f in at["files"]:
            if f["path"] not in described:
                raise DocInvalid("%s.path '%s' is not a payload file the manifest describes" % (f["where"], escape_text(f["path"])))
            if f["sha256"] != described[f["path"]]:
                raise DocInvalid("%s.sha256 is not the SHA-256 of %s" % (f["where"], escape_text(f["path"])))
    for it in items:
        cap = it["capture"]
        if not cap:
            continue
        w = "%s.capture" % it["id"]
        # Rule 2
        for k in ("operators", "witnesses"):
            for x in cap[k]:
                if x not in actor_ids:
                    raise DocInvalid("%s.%s names '%s', which is not the id of an actor" % (w, k, escape_text(x)))
        # Rule 3
        if cap["authorisation"] is not None and cap["authorisation"] not in auth_ids:
            raise DocInvalid("%s.authorisation '%s' is not the id of an authorisation" % (w, escape_text(cap["authorisation"])))
        for d in cap["derived_from"]:
            if d["item"] is None:
                continue
            parent = items_by_id.get(d["item"])
            if parent is None:
                raise DocInvalid("%s.derived_from names '%s', which is not an item" % (w, escape_text(d["item"])))
            # Rule 6: a parent item of this bundle, not itself, with a file of that sha256.
            if d["item"] == it["id"]:
                raise DocInvalid("%s.derived_from names the item itself" % w)
            if not any(fr["sha256"] == d["sha256"] for fr in parent["files"]):
                raise DocInvalid("%s.derived_from: no file of %s has SHA-256 %s" % (w, d["item"], d["sha256"]))
        # Rule 7
        paths = set(fr["path"] for fr in it["files"])
        for imp in cap["imported"]:
            if imp["from"] not in paths:
                raise DocInvalid("%s.imported: '%s' is not a file of %s" % (w, escape_text(imp["from"]), it["id"]))
        recorded = set()
        for cf in cap["capture_files"]:
            if cf["path"] not in paths:
                raise DocInvalid("%s.path: '%s' is not a file of %s" % (cf["where"], escape_text(cf["path"]), it["id"]))
            if cf["path"] in recorded:
                raise DocInvalid("%s.path: '%s' has a capture file record already" % (cf["where"], escape_text(cf["path"])))
            recorded.add(cf["path"])


def provenance_advisories(case, items):
    """§5.2.9: a list of (code, message, path) warnings, in item order."""
    out = []
    auths = case["authorisations"]
    by_id = {a["id"]: a for a in auths}
    for it in items:
        cap = it["capture"]
        if not cap:
            continue
        iid = it["id"]
        if cap["kind"] == "web_page":
            roles = set(fr["role"] for fr in it["files"])
            missing = []
            if cap["source_url"] is None:
                missing.append("source_url")
            if cap["captured_at"] is None:
                missing.append("captured_at")
            if "html_source" not in roles and "warc" not in roles:
                missing.append("a file with role html_source or warc")
            if "screenshot" not in roles:
                missing.append("a file with role screenshot")
            if missing:
                out.append(("provenance.berkeley_minimum",
                            "%s is a web page without %s (the Berkeley Protocol's minimum: URL, capture time, HTML source, full-page capture)" % (iid, ", ".join(missing)),
                            MANIFEST))
        if cap["authorisation"] is not None:
            auth = by_id.get(cap["authorisation"])
        elif len(auths) == 1:
            auth = auths[0]
        else:
            auth = None
        if auth is not None:
            for k in ("captured_at", "capture_end"):
                t = cap[k]
                if t is None:
                    continue
                if auth["from"] is not None and t < auth["from"]:
                    out.append(("provenance.outside_authorisation",
                                "%s: %s %s is before %s's window starts (%s)" % (iid, k, t, escape_text(auth["id"]), auth["from"]),
                                MANIFEST))
                elif auth["until"] is not None and t > auth["until"]:
                    out.append(("provenance.outside_authorisation",
                                "%s: %s %s is after %s's window ends (%s)" % (iid, k, t, escape_text(auth["id"]), auth["until"]),
                                MANIFEST))
        for n, ct in enumerate(cap["content_times"]):
            lack = [k for k in ("meaning", "time_zone") if ct[k] is None]
            if lack:
                out.append(("provenance.time_unexplained",
                            "%s: content time %d ('%s') has no %s" % (iid, n + 1, escape_text(ct["label"]), " and no ".join(lack)),
                            MANIFEST))
    return out


CAPTURE_SEAL_GAP_SECONDS = 30 * 86400


def chain_advisories(manifest, on, sealed_at, seal_witnessed, extended_to=None, nothing_kept=False):
    """§5.2.9: the advisories that depend on the evaluation date `on` (YYYY-MM-DD) or on the
    chain: the seal's time (or None), whether a witness countersigns the seal, the keep_until
    of the last retention_extended disposition and whether dispositions removed every item
    (§5.11)."""
    out = []
    for r in manifest["related_requests"]:
        exp = r.get("expires_on")
        if r["kind"] == "preservation" and exp is not None and exp < on:
            out.append(("preservation.expired", "the preservation request '%s' expired on %s (evaluated on %s)" % (escape_text(r["reference"]), exp, on)))
    keep_until = extended_to if extended_to is not None else manifest["keep_until"]
    if keep_until is not None and keep_until < on and not nothing_kept:
        out.append(("retention.exceeded", "the evidence may be kept only until %s (evaluated on %s)" % (keep_until, on)))
    ends = [it["capture"].get("capture_end") or it["capture"].get("captured_at") for it in manifest["items"]]
    ends = [e for e in ends if e is not None]
    if ends and sealed_at is not None:
        gap = unix_time(sealed_at) - unix_time(max(ends))
        if gap > CAPTURE_SEAL_GAP_SECONDS:
            out.append(("custody.capture_seal_gap", "the last capture ended at %s, %d days before the seal (%s)" % (max(ends), gap // 86400, sealed_at)))
    if not seal_witnessed:
        for it in manifest["items"]:
            cap = it["capture"]
            ops = cap.get("operators") or []
            recorded = (any(fr.get("role") == "capture_recording" for fr in it["files"])
                        or "screen_recording" in (cap.get("methods") or []))
            if len(ops) == 1 and not (cap.get("witnesses") or []) and not recorded:
                out.append(("provenance.unwitnessed", "%s was captured by one operator (%s) with no witness, no recording and no witness countersigning the seal" % (it["id"], escape_text(ops[0]))))
    return out


EVENT_NAME = re.compile(r"custody/events/([0-9]+)-([a-z]+)\.json\Z")


def parse_event(name, data):
    v = load_json(data)
    j_obj(v, "the event", ("format", "bundle_id", "sequence", "type", "previous_event_sha256",
                           "time", "signer", "tool", "files"), ("transfer", "receipt", "countersign", "document", "examination", "access",
                                                  "disposition", "derivation", "commitment"))
    fmt = j_str(v["format"], "format")
    bid = j_str(v["bundle_id"], "bundle_id")
    seq = j_uint(v["sequence"], "sequence")
    etype = j_enum(v["type"], "type", EVENT_TYPES)
    prev = v["previous_event_sha256"]
    if prev is not None:
        j_sha(prev, "previous_event_sha256")
    etime = j_time(v["time"], "time")
    signer = j_signer(v["signer"], "signer")
    tool = j_obj(v["tool"], "tool", ("name", "version"))
    j_str(tool["name"], "tool.name")
    j_str(tool["version"], "tool.version")
    files = []
    for k, fr in enumerate(j_arr(v["files"], "files")):
        j_obj(fr, "files[%d]" % k, ("path", "sha256"))
        files.append((j_str(fr["path"], "files[%d].path" % k), j_sha(fr["sha256"], "files[%d].sha256" % k)))
    transfer = None
    if v.get("transfer") is not None:
        t = j_obj(v["transfer"], "transfer", ("recipient", "purpose"),
                  ("legal_basis", "request_reference", "conditions"))
        recipient = j_signer(t["recipient"], "transfer.recipient")
        purpose = j_str(t["purpose"], "transfer.purpose")
        legal = j_opt_str(t, "legal_basis", "transfer")
        reqref = j_opt_str(t, "request_reference", "transfer")
        conds = []
        if "conditions" in t:
            for k, c in enumerate(j_arr(t["conditions"], "transfer.conditions")):
                cw = "transfer.conditions[%d]" % k
                j_obj(c, cw, ("id", "kind", "text"))
                conds.append({"id": j_uint(c["id"], cw + ".id", 32),
                              "kind": j_enum(c["kind"], cw + ".kind", CONDITION_KINDS),
                              "text": j_str(c["text"], cw + ".text")})
        transfer = {"recipient": recipient, "purpose": purpose, "legal_basis": legal,
                    "request_reference": reqref, "conditions": conds}
    receipt = None
    if v.get("receipt") is not None:
        r = j_obj(v["receipt"], "receipt",
                  ("transfer_sequence", "decision", "verification", "items_total", "exceptions", "conditions"),
                  ("reason",))
        tseq = j_uint(r["transfer_sequence"], "receipt.transfer_sequence")
        decision = j_enum(r["decision"], "receipt.decision", DECISIONS)
        ver = j_obj(r["verification"], "receipt.verification", ("state", "failures"),
                    ("trust_list_sha256", "sealer_trusted", "sender_trusted", "tsa_roots_sha256", "tsa_trusted"))
        vstate = j_str(ver["state"], "receipt.verification.state")
        for k, x in enumerate(j_arr(ver["failures"], "receipt.verification.failures")):
            j_str(x, "receipt.verification.failures[%d]" % k)
        # Section 5.5: who the recipient checked. sealer_trusted and sender_trusted may be
        # absent (older rejections) but not null; the others are nullable.
        vtrust = {
            "trust_list_sha256": j_opt(ver, "trust_list_sha256", "receipt.verification", j_sha),
            "sealer_trusted": j_opt(ver, "sealer_trusted", "receipt.verification", j_bool, nullable=False),
            "sender_trusted": j_opt(ver, "sender_trusted", "receipt.verification", j_bool, nullable=False),
            "tsa_roots_sha256": j_opt(ver, "tsa_roots_sha256", "receipt.verification", j_sha),
            "tsa_trusted": j_opt(ver, "tsa_trusted", "receipt.verification", j_bool),
        }
        reasons = [j_opt_str(r, "reason", "receipt")]
        items_total = j_uint(r["items_total"], "receipt.items_total")
        groups = []
        for k, g in enumerate(j_arr(r["exceptions"], "receipt.exceptions")):
            gw = "receipt.exceptions[%d]" % k
            j_obj(g, gw, ("status", "items"), ("reason",))
            ids = [j_str(x, gw + ".items[%d]" % i) for i, x in enumerate(j_arr(g["items"], gw + ".items"))]
            groups.append({"status": j_enum(g["status"], gw + ".status", ITEM_STATES),
                           "reason": j_opt_str(g, "reason", gw), "items": ids})
            reasons.append(groups[-1]["reason"])
        answers = []
        for k, a in enumerate(j_arr(r["conditions"], "receipt.conditions")):
            aw = "receipt.conditions[%d]" % k
            j_obj(a, aw, ("id", "accepted"), ("reason",))
            answers.append({"id": j_uint(a["id"], aw + ".id", 32),
                            "accepted": j_bool(a["accepted"], aw + ".accepted"),
                            "reason": j_opt_str(a, "reason", aw)})
            reasons.append(answers[-1]["reason"])
        receipt = {"transfer_sequence": tseq, "decision": decision, "verification_state": vstate,
                   "trust": vtrust,
                   "items_total": items_total, "exceptions": groups, "conditions": answers,
                   "reasons": reasons, "reason": reasons[0]}
    disposition = None
    if v.get("disposition") is not None:
        d = j_obj(v["disposition"], "disposition", ("action", "reason"),
                  ("items", "method", "returned_to", "keep_until", "legal_basis"))
        items = j_opt(d, "items", "disposition", lambda a, w: [j_str(x, "%s[%d]" % (w, i)) for i, x in enumerate(j_arr(a, w))])
        disposition = {"action": j_enum(d["action"], "disposition.action", DISPOSITION_ACTIONS),
                       "reason": j_str(d["reason"], "disposition.reason"),
                       "items": items,
                       "method": j_opt_str(d, "method", "disposition"),
                       "returned_to": j_opt_str(d, "returned_to", "disposition"),
                       "keep_until": j_opt(d, "keep_until", "disposition", j_date),
                       "legal_basis": j_opt_str(d, "legal_basis", "disposition")}
    derivation = None
    if v.get("derivation") is not None:
        d = j_obj(v["derivation"], "derivation", ("bundle_id", "seal_event_sha256", "items", "redacted_files"))
        derivation = {"bundle_id": j_str(d["bundle_id"], "derivation.bundle_id"),
                      "seal_event_sha256": j_sha(d["seal_event_sha256"], "derivation.seal_event_sha256"),
                      "items": [j_str(x, "derivation.items[%d]" % i) for i, x in enumerate(j_arr(d["items"], "derivation.items"))],
                      "redacted_files": j_uint(d["redacted_files"], "derivation.redacted_files")}
    body = parse_carrier(v)
    carried = body[1] if body is not None else None
    # Semantic rules
    if fmt != "custody.event/2":
        raise DocInvalid("format is '%s', not custody.event/2" % escape_text(fmt))
    expected_name = "custody/events/%06d-%s.json" % (seq, etype)
    if name != expected_name:
        raise DocInvalid("records event %d of type %s, which belongs in %s" % (seq, etype, expected_name))
    if etype == "seal" and (transfer is not None or receipt is not None or carried is not None):
        raise DocInvalid("a seal carries a transfer or receipt body")
    if etype == "transfer" and (transfer is None or receipt is not None or carried is not None):
        raise DocInvalid("a transfer must carry a transfer body and no receipt body")
    if etype == "receipt" and (receipt is None or transfer is not None or carried is not None):
        raise DocInvalid("a receipt must carry a receipt body and no transfer body")
    check_carrier(etype, seq, transfer, receipt, body)
    if (etype == "disposition") != (disposition is not None) or (
            etype == "disposition" and (transfer is not None or receipt is not None or carried is not None)):
        raise DocInvalid("a %s event must carry exactly its own details" % etype)
    if (etype == "derivation") != (derivation is not None) or (
            etype == "derivation" and (transfer is not None or receipt is not None or carried is not None)):
        raise DocInvalid("a %s event must carry exactly its own details" % etype)
    if derivation is not None:
        check_derivation_body(derivation)
    if not HEX32.match(bid):
        raise DocInvalid("bundle_id is not 32 lowercase hex digits")
    for p, _ in files:
        prob = name_problem(p)
        if prob:
            raise DocInvalid("files path '%s' is unsafe: %s" % (escape_text(p), prob))
    if transfer is not None:
        if len(transfer["conditions"]) > MAX_CONDITIONS:
            raise DocInvalid("%d conditions; a transfer may attach at most %d" % (len(transfer["conditions"]), MAX_CONDITIONS))
        if not plain_text_ok(transfer["purpose"], 1000):
            raise DocInvalid("transfer.purpose is not plain text of at most 1000")
        for k in ("legal_basis", "request_reference"):
            if transfer[k] is not None and not plain_text_ok(transfer[k], 1000):
                raise DocInvalid("transfer.%s is not plain text of at most 1000" % k)
        for i, c in enumerate(transfer["conditions"], 1):
            if c["id"] != i:
                raise DocInvalid("condition %d has id %d" % (i, c["id"]))
            if not plain_text_ok(c["text"], 4000):
                raise DocInvalid("condition %d text is not plain text of at most 4000" % i)
        if transfer["recipient"]["fingerprint"] == signer["fingerprint"]:
            raise DocInvalid("a transfer to the signer's own key")
    if receipt is not None:
        if receipt["verification_state"] not in ("intact", "invalid"):
            raise DocInvalid("receipt.verification.state is not intact or invalid")
        for rs in receipt["reasons"]:
            if rs is not None and not plain_text_ok(rs, 4000):
                raise DocInvalid("a reason is not plain text of at most 4000")
    if disposition is not None:
        check_disposition_body(disposition)
    commitment = None
    if v.get("commitment") is not None:
        c = j_obj(v["commitment"], "commitment", ("scheme", "tree_size", "root"))
        scheme = j_str(c["scheme"], "commitment.scheme")
        commitment = {"tree_size": j_uint(c["tree_size"], "commitment.tree_size"),
                      "root": j_sha(c["root"], "commitment.root")}
        if etype != "seal":
            raise DocInvalid("a %s event must carry exactly its own details" % etype)
        if scheme != COMMITMENT_SCHEME:
            raise DocInvalid("the commitment's scheme is '%s', not %s" % (escape_text(scheme), COMMITMENT_SCHEME))
    elif etype == "seal":
        raise DocInvalid("the seal event signs no Merkle commitment (a seal of this format version must)")
    return {"commitment": commitment, "name": name, "bundle_id": bid, "sequence": seq, "type": etype, "previous": prev,
            "time": etime, "signer": signer, "files": files, "transfer": transfer,
            "receipt": receipt, "statement": carried, "disposition": disposition, "derivation": derivation,
            "sha256": hashlib.sha256(data).hexdigest(), "data": data}


# ---------------------------------------------------------------------------
# Salted Merkle commitments (§5.12)

COMMITMENT_SCHEME = "custody.merkle/1"
MAX_TREE_SIZE = 1 << 21
FALSE_DEFAULTS = {"revisit", "speciality", "minors"}
K_PADDING, K_FILE, K_ITEM, K_CASE, K_RESTRICTIONS, K_ACTOR = range(6)


def sha(b):
    return hashlib.sha256(b).digest()


def leaf_hash(d):
    return sha(b"\x00" + d)


def node_hash(l, r):
    return sha(b"\x01" + l + r)


class Streaming:
    """RFC 6962 §2.1's MTH of leaf hashes pushed one at a time: a stack of at most one
    (height, hash) per level, so linear time and logarithmic memory."""

    def __init__(self):
        self.stack = []
        self.count = 0

    def push(self, h):
        self.count += 1
        height = 0
        while self.stack and self.stack[-1][0] == height:
            _, left = self.stack.pop()
            h = node_hash(left, h)
            height += 1
        self.stack.append((height, h))

    def root(self):
        if not self.stack:
            return sha(b"")
        r = self.stack[-1][1]
        for _, left in reversed(self.stack[:-1]):
            r = node_hash(left, r)
        return r


def mth_hashes(hs):
    """RFC 6962 §2.1 over leaf hashes (an iterable), streamed."""
    s = Streaming()
    for h in hs:
        s.push(h)
    return s.root()


def hmac256(k, m):
    return hmac.new(k, m, hashlib.sha256).digest()


def leaf_salt(seed, t):
    return hmac256(seed, b"custody-leaf-salt" + struct.pack(">I", t))


def files_key(seed, t):
    return hmac256(seed, b"custody-files-key" + struct.pack(">I", t))


def file_salt(key, f):
    return hmac256(key, b"custody-file-salt" + struct.pack(">I", f))


def says_nothing(k, v):
    if v is None or (v is False and k in FALSE_DEFAULTS) or (isinstance(v, list) and not v):
        return True
    return isinstance(v, dict) and all(says_nothing(k2, v2) for k2, v2 in v.items())


def canon_bytes(v):
    """§5.12's canonical JSON of a parsed document part."""
    if isinstance(v, dict):
        members = sorted(((k, x) for k, x in v.items() if not says_nothing(k, x)), key=lambda kv: kv[0].encode("utf-8"))
        return b"{" + b",".join(canon_bytes(k) + b":" + canon_bytes(x) for k, x in members) + b"}"
    if isinstance(v, list):
        return b"[" + b",".join(canon_bytes(x) for x in v) + b"]"
    if v is True:
        return b"true"
    if v is False:
        return b"false"
    if v is None:
        return b"null"
    if isinstance(v, int):
        return str(v).encode()
    return json.dumps(v, ensure_ascii=False).encode("utf-8")


def commitment_tree(raw, seed):
    """The (tree_size, root) a manifest's parsed JSON commits to under seed, or None;
    leaves streamed (memory logarithmic in their number)."""
    actors = raw.get("actors") or []
    items = raw["items"]
    used = 2 + len(actors) + len(items)
    size = 8
    while size < used:
        size *= 2
    if size > MAX_TREE_SIZE:
        return None
    top = Streaming()
    top.push(leaf_hash(leaf_salt(seed, 0) + bytes([K_CASE]) + canon_bytes(raw["case"])))
    top.push(leaf_hash(leaf_salt(seed, 1) + bytes([K_RESTRICTIONS]) + canon_bytes(raw.get("restrictions") or {})))
    for a in actors:
        top.push(leaf_hash(leaf_salt(seed, top.count) + bytes([K_ACTOR]) + canon_bytes(a)))
    for it in items:
        t = top.count
        key = files_key(seed, t)
        fl = (leaf_hash(file_salt(key, f) + bytes([K_FILE]) + canon_bytes(fr)) for f, fr in enumerate(it["files"]))
        head = {k: x for k, x in it.items() if k != "files"}
        top.push(leaf_hash(leaf_salt(seed, t) + bytes([K_ITEM]) + struct.pack(">I", len(it["files"]))
                           + mth_hashes(fl) + canon_bytes(head)))
    while top.count < size:
        top.push(leaf_hash(leaf_salt(seed, top.count) + bytes([K_PADDING])))
    return size, top.root()


def check_commitment(rep, manifest, seal):
    # Both are required (§5.2, §5.3): a manifest or seal without one never parsed.
    seed, signed = manifest["commitment"], seal["commitment"]
    if seed is None or signed is None:
        return
    tree = commitment_tree(manifest["raw"], seed)
    if tree is None:
        rep.fail("commitment.mismatch", "the manifest would need more than %d leaves in its Merkle commitment" % MAX_TREE_SIZE, MANIFEST)
        return
    size, root = tree
    if size != signed["tree_size"] or root.hex() != signed["root"]:
        rep.fail("commitment.mismatch", "the seal event signs a Merkle tree of %d leaves with root %s, but the manifest gives %d leaves with root %s" % (signed["tree_size"], signed["root"], size, root.hex()), MANIFEST)
        return
    rep.ok("commitment.valid", "the seal event's Merkle commitment (%d leaves) is the one the manifest gives" % size, MANIFEST)


# ---------------------------------------------------------------------------
# Derived bundles (§5.13, §9.1 step 8c)
# ---------------------------------------------------------------------------

PARENT_SEAL = "custody/parent/seal.json"
PARENT_KEY = "custody/parent/key.pem"
PARENT_FILES = (PARENT_SEAL, PARENT_SEAL + ".sig", PARENT_KEY)
ITEM_ID = re.compile(r"item-([1-9][0-9]*)\Z")
MAX_REDACTIONS = 10000


def j_leaf_proof(v, w, with_id=False, with_key=False):
    req = ("index", "salt", "audit_path") + (("id",) if with_id else ()) + (("files_key",) if with_key else ())
    j_obj(v, w, req)
    out = {"index": j_uint(v["index"], w + ".index"), "salt": bytes.fromhex(j_sha(v["salt"], w + ".salt")),
           "path": [bytes.fromhex(j_sha(h, w + ".audit_path")) for h in j_arr(v["audit_path"], w + ".audit_path")]}
    if with_id:
        out["id"] = j_str(v["id"], w + ".id")
    if with_key:
        out["files_key"] = bytes.fromhex(j_sha(v["files_key"], w + ".files_key"))
    return out


def j_redaction(v, w):
    j_obj(v, w, ("path", "original_sha256", "original_size", "redacted_sha256", "reason", "by"))
    # A redactor that is not a valid signer identity makes the redaction invalid (8c.5,
    # derivation.redaction_invalid), not the manifest.
    # Its shape and typed fields (fingerprint, role) are the manifest's.
    b, bw = v["by"], w + ".by"
    j_obj(b, bw, ("fingerprint", "name", "organisation", "role", "jurisdiction"))
    j_fingerprint(j_str(b["fingerprint"], bw + ".fingerprint"), bw + ".fingerprint")
    j_enum(b["role"], bw + ".role", ROLES)
    for k in ("name", "organisation", "jurisdiction"):
        j_str(b[k], bw + "." + k)
    try:
        by, by_invalid = j_signer(b, bw), None
    except DocInvalid as e:
        by, by_invalid = {"name": b["name"]}, str(e)
    return {"by_invalid": by_invalid, "path": j_str(v["path"], w + ".path"), "original": j_sha(v["original_sha256"], w + ".original_sha256"),
            "original_size": j_uint(v["original_size"], w + ".original_size"),
            "redacted": j_sha(v["redacted_sha256"], w + ".redacted_sha256"),
            "reason": j_str(v["reason"], w + ".reason"), "by": by}


def j_derivation(v):
    w = "derivation"
    j_obj(v, w, ("parent_bundle_id", "parent_seal_event_sha256", "parent_latest_event_sha256", "case",
                 "restrictions", "items"), ("actors", "redactions"))
    pid = j_str(v["parent_bundle_id"], w + ".parent_bundle_id")
    if not HEX32.match(pid) and not SHAPE_ONLY[0]:
        raise DocInvalid("derivation.parent_bundle_id is not 32 lowercase hex digits")
    return {"parent": pid, "seal_sha256": j_sha(v["parent_seal_event_sha256"], w + ".parent_seal_event_sha256"),
            # §5.13: only its form can be checked without the parent.
            "latest_sha256": j_sha(v["parent_latest_event_sha256"], w + ".parent_latest_event_sha256"),
            "case": j_leaf_proof(v["case"], w + ".case"),
            "restrictions": j_leaf_proof(v["restrictions"], w + ".restrictions"),
            "actors": j_opt_arr(v, "actors", w, lambda x, ww: j_leaf_proof(x, ww, with_id=True)),
            "items": [j_leaf_proof(x, w + ".items[%d]" % k, with_id=True, with_key=True) for k, x in enumerate(j_arr(v["items"], w + ".items"))],
            "redactions": j_opt_arr(v, "redactions", w, j_redaction)}


def path_len(size):
    n = 0
    while (1 << n) < size:
        n += 1
    return n


def verify_inclusion(i, size, lh, path, root):
    """RFC 9162 §2.1.3.2."""
    if i >= size:
        return False
    fn, sn, r = i, size - 1, lh
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def check_derivation(rep, manifest, content):
    d = manifest["derivation"]
    if d is None:
        for p in PARENT_FILES:
            if p in content:
                rep.fail("derivation.parent_seal_invalid", "%s is a parent bundle's file, but the manifest declares no derivation" % p, p)
                return
        return
    bad = lambda why, path=PARENT_SEAL: rep.fail("derivation.parent_seal_invalid", "the carried parent seal event cannot be used: %s" % why, path)
    # 8c.1: the parent seal event.
    for p in PARENT_FILES:
        if p not in content:
            rep.fail("derivation.parent_seal_invalid", "the bundle is derived from another but does not carry %s" % p, p)
            return
    data = content[PARENT_SEAL]
    if hashlib.sha256(data).hexdigest() != d["seal_sha256"]:
        rep.fail("derivation.parent_seal_invalid", "the carried parent seal event has SHA-256 %s, but the derivation declares %s" % (hashlib.sha256(data).hexdigest(), d["seal_sha256"]), PARENT_SEAL)
        return
    try:
        ev = parse_event("custody/events/000000-seal.json", data)
    except DocInvalid as ex:
        bad(str(ex))
        return
    if ev["type"] != "seal" or ev["sequence"] != 0:
        return bad("it is not a seal event (type seal, sequence 0)")
    if ev["bundle_id"] != d["parent"]:
        return bad("it is the seal of bundle %s, not of %s" % (ev["bundle_id"], d["parent"]))
    if any(p in PARENT_FILES for p, _ in ev["files"]):
        return bad("the parent is itself a derived bundle (its seal binds %s): its redactions would be hidden, so a bundle is derived only from an original" % PARENT_SEAL)
    if d["parent"] == manifest["bundle_id"]:
        return bad("the derivation names this bundle as its own parent")
    c = ev["commitment"]
    size = c["tree_size"] if c else 0
    if not c or size < 8 or size > MAX_TREE_SIZE or size & (size - 1):
        return bad("it signs no Merkle commitment of scheme custody.merkle/1 with a tree of 8 to 2^21 leaves (a power of two)")
    try:
        k = parse_key_file(content[PARENT_KEY])
    except KeyInvalid as ex:
        return bad(str(ex), PARENT_KEY)
    if k["fingerprint"] != ev["signer"]["fingerprint"] or (k["identity"] is not None and k["identity"] != identity_of(ev["signer"])):
        return bad("the carried parent key is %s, but the parent seal event is signed by %s" % (k["fingerprint"], ev["signer"]["fingerprint"]), PARENT_KEY)
    if not ed_verify_strict(k["key"], data, content[PARENT_SEAL + ".sig"]):
        return bad("its signature does not verify under the carried parent key")
    # The parent's sealer is a signer the verdict relies on: judged by the trust step (12).
    manifest["parent_signer"] = ev["signer"]
    manifest["parent_seal_event"] = ev
    root = bytes.fromhex(c["root"])
    # 8c.2: shape, before any hashing.
    depth = path_len(size)
    proofs = [("the case", d["case"], 0), ("the restrictions", d["restrictions"], 1)]
    proofs += [("actor " + a["id"], a, None) for a in d["actors"]] + [(i["id"], i, None) for i in d["items"]]
    used = set()
    for what, p, place in proofs:
        why = None
        if p["index"] >= size:
            why = "its index %d is beyond the parent's tree of %d leaves" % (p["index"], size)
        elif len(p["path"]) != depth:
            why = "its audit path has %d hashes, a tree of this size needs exactly %d" % (len(p["path"]), depth)
        elif (place is not None and p["index"] != place) or (place is None and p["index"] < 2) or p["index"] in used:
            why = "index %d is not this leaf's place" % p["index"]
        if why:
            rep.fail("derivation.proof_invalid", "the proof of %s is malformed: %s" % (escape_text(what), why), MANIFEST)
            return
        used.add(p["index"])
    # 8c.3: coverage.
    raw = manifest["raw"]
    item_ids = [it["id"] for it in raw["items"]]
    actor_ids = [a["id"] for a in (raw.get("actors") or [])]
    left_items, left_actors = set(item_ids), set(actor_ids)
    for p in d["items"]:
        if p["id"] not in left_items:
            rep.fail("derivation.not_proven", "the derivation has a proof of %s, which the manifest does not carry (or a second proof of it)" % escape_text(p["id"]), MANIFEST)
            return
        left_items.discard(p["id"])
    for p in d["actors"]:
        if p["id"] not in left_actors:
            rep.fail("derivation.not_proven", "the derivation has a proof of actor %s, which the manifest does not carry (or a second proof of it)" % escape_text(p["id"]), MANIFEST)
            return
        left_actors.discard(p["id"])
    missing = [i for i in item_ids if i in left_items] + [a for a in actor_ids if a in left_actors]
    if missing:
        rep.fail("derivation.not_proven", "%s is in the manifest but the derivation has no proof of it" % escape_text(missing[0]), MANIFEST)
        return
        return
    # 8c.4: salts.
    seen = set()
    salts = [("the case", d["case"]["salt"]), ("the restrictions", d["restrictions"]["salt"])]
    salts += [("actor " + a["id"], a["salt"]) for a in d["actors"]]
    for i in d["items"]:
        salts += [(i["id"], i["salt"]), (i["id"] + "'s files", i["files_key"])]
    for what, sv in salts:
        if sv == bytes(32) or sv in seen:
            rep.fail("derivation.salt_reused", "the salt of %s is all zeros or equal to another revealed salt: salts must be distinct secrets" % escape_text(what), MANIFEST)
            return
        seen.add(sv)
    # 8c.5: redactions.
    records = {}
    for it in raw["items"]:
        for fr in it["files"]:
            records[fr["path"]] = fr
    if len(d["redactions"]) > MAX_REDACTIONS:
        rep.fail("derivation.redaction_invalid", "the redaction of the bundle is invalid: more than %d redactions" % MAX_REDACTIONS, MANIFEST)
        return
    rseen = set()
    for r in d["redactions"]:
        fr = records.get(r["path"])
        why = None
        if fr is None:
            why = "no carried item has this file"
        elif r["path"] in rseen:
            why = "the file is redacted twice"
        elif fr["sha256"] != r["redacted"]:
            why = "the manifest's record of the file does not have the redacted copy's SHA-256"
        elif r["original"] == r["redacted"]:
            why = "the redacted copy has the original's SHA-256"
        elif not text_ok(r["reason"], TEXT_MAX):
            why = "reason is not text of at most %d characters" % TEXT_MAX
        elif r["by_invalid"]:
            why = "the redactor is not a valid identity: %s" % r["by_invalid"]
        if why:
            rep.fail("derivation.redaction_invalid", "the redaction of %s is invalid: %s" % (escape_text(r["path"]), why), r["path"])
            return
        rseen.add(r["path"])
    for r in d["redactions"]:
        by = r["by"]
        rep.warn("derivation.redacted", "%s is a redacted copy made by %s (%s); the parent's sealer signed its original (SHA-256 %s), not these bytes" % (escape_text(r["path"]), escape_text(by["name"]), escape_text(r["reason"]), r["original"]), r["path"])
    # 8c.6: each leaf rebuilt and walked to the signed root.
    red = {r["path"]: r for r in d["redactions"]}
    checks = [("the case", d["case"], d["case"]["salt"] + bytes([K_CASE]) + canon_bytes(raw["case"])),
              ("the restrictions", d["restrictions"], d["restrictions"]["salt"] + bytes([K_RESTRICTIONS]) + canon_bytes(raw.get("restrictions") or {}))]
    actors = {a["id"]: a for a in (raw.get("actors") or [])}
    for p in d["actors"]:
        checks.append(("actor " + p["id"], p, p["salt"] + bytes([K_ACTOR]) + canon_bytes(actors[p["id"]])))
    items = {it["id"]: it for it in raw["items"]}
    for p in d["items"]:
        it = items[p["id"]]
        def rec(fr):
            r = red.get(fr["path"])
            if r is None:
                return fr
            fr = dict(fr)
            fr["sha256"], fr["size"] = r["original"], r["original_size"]
            return fr
        fl = (leaf_hash(file_salt(p["files_key"], f) + bytes([K_FILE]) + canon_bytes(rec(fr))) for f, fr in enumerate(it["files"]))
        head = {k: x for k, x in it.items() if k != "files"}
        checks.append((p["id"], p, p["salt"] + bytes([K_ITEM]) + struct.pack(">I", len(it["files"])) + mth_hashes(fl) + canon_bytes(head)))
    for what, p, leaf_input in checks:
        if not verify_inclusion(p["index"], size, leaf_hash(leaf_input), p["path"], root):
            rep.fail("derivation.proof_invalid", "%s as this bundle describes it is not what the parent's sealer committed to: its leaf and audit path do not lead to the root the parent seal event signs" % escape_text(what), MANIFEST)
            return
    items = "1 item" if len(item_ids) == 1 else "%d items" % len(item_ids)
    rep.ok("derivation.parent_proven", "derived from bundle %s: %s, proven by the original's signed commitment" % (d["parent"], items), MANIFEST)


# ---------------------------------------------------------------------------
# Statements and the events that carry them (§5.7, §7.5, §9.1 step 9b)
# ---------------------------------------------------------------------------

STATEMENT_KINDS = ["countersign", "document", "examination", "access"]  # §5.7-§5.10
CARRYING_TYPES = STATEMENT_KINDS
DOCUMENT_KINDS = ["mla_request", "order", "eio_form", "epoc_form", "covering_letter", "preservation_notice",
                  "export_approval", "provider_certificate", "translation", "verification_report", "other"]
MAX_ATTACHMENTS = 64
MAX_EXAMINED_ITEMS = 10000
MAX_CONCLUSION = 16000
MAX_ATTACHMENT_NAME = 255
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
MAX_PURPOSE_TEXT = 1000
MAX_ACCESS_ITEMS = 10000
CAPACITIES = ["second_investigator", "witness", "data_holder", "service_provider", "translator",
              "examiner", "investigator", "prosecutor", "central_authority", "court", "custodian",
              "other"]
MAX_CONCERNS = 64
MAX_SIGNED_DOCUMENT = 1 << 20
STATEMENT_CLOCK_TOLERANCE = 300


MAX_DERIVED_REDACTIONS = 10000  # §5.14: the most redactions a derived bundle records


def check_derivation_body(d):
    """§5.14: a derivation event's body: 1 to 10,000 item ids in manifest order, at most 10,000
    redacted files, a bundle id."""
    ids = d["items"]
    well_formed = all(ITEM_ID.match(i) for i in ids)
    # Manifest order: strictly increasing N (as every manifest's items are), so each once.
    numbers = [int(i[5:]) for i in ids] if well_formed else []
    if (not ids or len(ids) > MAX_DISPOSITION_ITEMS or not well_formed
            or any(a >= b for a, b in zip(numbers, numbers[1:])) or d["redacted_files"] > MAX_DERIVED_REDACTIONS
            or not HEX32.match(d["bundle_id"])):
        raise DocInvalid("a derivation's items must be 1 to %d ids of the form item-N in manifest order (increasing N, "
                         "each once), its redacted_files at most %d, and its bundle_id a bundle id"
                         % (MAX_DISPOSITION_ITEMS, MAX_DERIVED_REDACTIONS))


def check_disposition_body(d):
    """§5.11: method exactly for destroyed, returned_to exactly for returned, keep_until
    exactly for retention_extended (which has no items); items 1 to 10,000 distinct item-N;
    texts plain of at most 1000. The first rule broken, in that order."""
    a = d["action"]
    for member, wanted in (("method", a == "destroyed"), ("returned_to", a == "returned"),
                           ("keep_until", a == "retention_extended")):
        if (d[member] is not None) != wanted:
            raise DocInvalid("a disposition '%s' must %shave '%s'" % (a, "not " if not wanted else "", member))
    if a == "retention_extended" and d["items"] is not None:
        raise DocInvalid("a disposition 'retention_extended' must not have 'items'")
    items = d["items"]
    if items is not None and (not items or len(items) > MAX_DISPOSITION_ITEMS
                              or len(set(items)) != len(items)
                              or not all(ITEM_ID.match(i) for i in items)):
        raise DocInvalid("a disposition's items must be 1 to %d distinct ids of the form item-N" % MAX_DISPOSITION_ITEMS)
    for k in ("reason", "method", "returned_to", "legal_basis"):
        if d[k] is not None and not plain_text_ok(d[k], MAX_DISPOSITION_TEXT):
            raise DocInvalid("disposition.%s is not plain text of at most %d" % (k, MAX_DISPOSITION_TEXT))


def parse_carrier(v):
    """The body of an event that carries a statement: (member, path), or None."""
    found = None
    for k in CARRYING_TYPES:
        if v.get(k) is None:
            continue  # a body given as null counts as absent (spec §6)
        c = j_obj(v[k], k, ("statement",))
        if found is not None:
            raise DocInvalid("an event carries at most one statement")
        found = (k, j_str(c["statement"], "the %s body's statement" % k))
    return found


def check_carrier(etype, seq, transfer, receipt, carried):
    """A carrying event holds exactly its body, naming the statement path its sequence gives."""
    if etype not in CARRYING_TYPES:
        return
    if carried is None or carried[0] != etype or transfer is not None or receipt is not None:
        raise DocInvalid("a %s event must carry exactly its own details" % etype)
    carried = carried[1]
    expected = "custody/statements/%06d-%s.json" % (seq, etype)
    if carried != expected:
        raise DocInvalid("carries the statement at %s, which belongs in %s" % (escape_text(carried), expected))


def statement_text_ok(s, n):
    """Plain text of at most n that may span lines (line feeds between lines)."""
    if not isinstance(s, str) or len(s) > n or s == "":
        return False
    if all(c in WHITE_SPACE for c in s) or s[0] in WHITE_SPACE or s[-1] in WHITE_SPACE:
        return False
    return all(plain_line_ok(line) for line in s.split("\n"))


def plain_line_ok(line):
    return not any(is_cc(c) or c in BIDI_CONTROLS for c in line)


def parse_statement(data):
    """A statement (custody.statement/2), strictly, or DocInvalid."""
    if len(data) > MAX_SIGNED_DOCUMENT:
        raise DocInvalid("it is %d bytes, more than the %d bytes a signed document may have" % (len(data), MAX_SIGNED_DOCUMENT))
    v = load_json(data)
    j_obj(v, "the statement", ("format", "kind", "bundle_id", "concerns", "time", "author", "capacity", "tool"),
          ("countersign", "document", "examination", "access"))
    fmt = j_str(v["format"], "format")
    kind = j_enum(v["kind"], "kind", STATEMENT_KINDS)
    bid = j_str(v["bundle_id"], "bundle_id")
    concerns = []
    for k, c in enumerate(j_arr(v["concerns"], "concerns")):
        w = "concerns[%d]" % k
        j_obj(c, w, ("sequence", "sha256"))
        concerns.append((j_uint(c["sequence"], w + ".sequence"), j_sha(c["sha256"], w + ".sha256")))
    stime = j_time(v["time"], "time")
    author = j_signer(v["author"], "author")
    capacity = j_enum(v["capacity"], "capacity", CAPACITIES)
    tool = j_obj(v["tool"], "tool", ("name", "version"))
    for k in ("name", "version"):
        if not plain_text_ok(j_str(tool[k], "tool." + k), 200):
            raise DocInvalid("tool.%s is not plain text of at most 200" % k)
    body = None
    if v.get("countersign") is not None:
        body = j_obj(v["countersign"], "countersign", (), ("text", "language", "place"))
        for k in ("text", "language", "place"):
            j_opt_str(body, k, "countersign")
    elif "countersign" in v:
        raise DocInvalid("countersign is null")
    doc = None
    if v.get("document") is not None:
        doc = parse_document_body(v["document"])
    elif "document" in v:
        raise DocInvalid("document is null")
    exam = None
    if v.get("examination") is not None:
        exam = parse_examination_body(v["examination"])
    elif "examination" in v:
        raise DocInvalid("examination is null")
    access = None
    if v.get("access") is not None:
        access = j_obj(v["access"], "access", ("purpose",), ("items",))
        j_str(access["purpose"], "the access body's purpose")
        if access.get("items") is not None:
            for k, it in enumerate(j_arr(access["items"], "the access body's items")):
                j_str(it, "the access body's items[%d]" % k)
        elif "items" in access:
            raise DocInvalid("the access body's items is null")
    elif "access" in v:
        raise DocInvalid("access is null")
    if fmt != "custody.statement/2":
        raise DocInvalid("format is '%s', not custody.statement/2" % escape_text(fmt))
    present = {"countersign": body is not None, "document": doc is not None, "examination": exam is not None,
               "access": access is not None}
    if not present[kind] or sum(present.values()) != 1:
        raise DocInvalid("a %s statement must carry exactly its own details" % kind)
    body = body or {}
    seqs = [c[0] for c in concerns]
    if not concerns or len(concerns) > MAX_CONCERNS or any(a >= b for a, b in zip(seqs, seqs[1:])):
        raise DocInvalid("it must concern 1 to %d events, each once, in ascending order" % MAX_CONCERNS)
    if not HEX32.match(bid):
        raise DocInvalid("bundle_id is not 32 lowercase hex digits")
    if body.get("text") is not None and not statement_text_ok(body["text"], 4000):
        raise DocInvalid("statement text is not plain text of at most 4000")
    if body.get("place") is not None and not plain_text_ok(body["place"], 1000):
        raise DocInvalid("place is not plain text of at most 1000")
    if body.get("language") is not None and not LANGUAGE_TAG.match(body["language"]):
        raise DocInvalid("language '%s' is not a language tag" % escape_text(body["language"]))
    if doc is not None:
        check_document_body(doc)
    if exam is not None:
        check_examination_body(exam)
    if access is not None:
        if not plain_text_ok(access["purpose"], MAX_PURPOSE_TEXT):
            raise DocInvalid("purpose is not plain text of at most %d" % MAX_PURPOSE_TEXT)
        items = access.get("items")
        if items is not None and (not items or len(items) > MAX_ACCESS_ITEMS or len(set(items)) != len(items)
                                  or not all(ACCESS_ITEM_ID.match(i) for i in items)):
            raise DocInvalid("its items must be 1 to %d item ids, each once" % MAX_ACCESS_ITEMS)
    files = doc["files"] if doc is not None else exam["results"] if exam is not None else []
    return {"kind": kind, "bundle_id": bid, "concerns": concerns, "time": stime, "author": author,
            "capacity": capacity, "files": files, "items": exam["items"] if exam is not None else [],
            "access": access}


ACCESS_ITEM_ID = re.compile(r"item-[1-9][0-9]{0,8}\Z")


def parse_attachments(arr, where):
    files = []
    for k, a in enumerate(j_arr(arr, where)):
        w = "%s[%d]" % (where, k)
        j_obj(a, w, ("name", "sha256", "size"), ("media_type",))
        files.append({"name": j_str(a["name"], w + ".name"), "media_type": j_opt_str(a, "media_type", w),
                      "sha256": j_sha(a["sha256"], w + ".sha256"), "size": j_uint(a["size"], w + ".size")})
    return files


def parse_examination_body(v):
    """§5.9: an examination statement's body, by its schema."""
    j_obj(v, "examination", ("items", "tool", "conclusion"), ("parameters", "results"))
    items = [j_str(i, "examination.items[%d]" % k) for k, i in enumerate(j_arr(v["items"], "examination.items"))]
    tool = j_obj(v["tool"], "examination.tool", ("name", "version"))
    return {"items": items,
            "tool": (j_str(tool["name"], "examination.tool.name"), j_str(tool["version"], "examination.tool.version")),
            "parameters": j_opt_str(v, "parameters", "examination"),
            "conclusion": j_str(v["conclusion"], "examination.conclusion"),
            "results": parse_attachments(v["results"], "examination.results") if v.get("results") is not None else []}


def check_examination_body(x):
    """§5.9: the rules of an examination's body, in the order of the reference implementation."""
    if not x["items"] or len(x["items"]) > MAX_EXAMINED_ITEMS:
        raise DocInvalid("it must name 1 to %d examined items, each once" % MAX_EXAMINED_ITEMS)
    seen = set()
    for i in x["items"]:
        if not plain_text_ok(i, 200):
            raise DocInvalid("an item is not plain text of at most 200")
        if i in seen:
            raise DocInvalid("it must name 1 to %d examined items, each once" % MAX_EXAMINED_ITEMS)
        seen.add(i)
    for k, t in zip(("name", "version"), x["tool"]):
        if not plain_text_ok(t, 200):
            raise DocInvalid("examination tool %s is not plain text of at most 200" % k)
    if x["parameters"] is not None and not statement_text_ok(x["parameters"], 4000):
        raise DocInvalid("parameters are not plain text of at most 4000")
    if not statement_text_ok(x["conclusion"], MAX_CONCLUSION):
        raise DocInvalid("the conclusion is not plain text of at most %d" % MAX_CONCLUSION)
    check_attachment_list(x["results"], 0)


def parse_document_body(v):
    """§5.8: a document statement's body, by its schema."""
    j_obj(v, "document", ("kind", "reference", "language", "date", "files"), ("title",))
    files = parse_attachments(v["files"], "document.files")
    return {"kind": j_enum(v["kind"], "document.kind", DOCUMENT_KINDS),
            "reference": j_str(v["reference"], "document.reference"),
            "language": j_str(v["language"], "document.language"),
            "date": j_str(v["date"], "document.date"),
            "title": j_opt_str(v, "title", "document"), "files": files}


def attachment_name_problem(n):
    """§5.8: one name of at most 255 bytes, following the name rules of §3.4."""
    if len(n.encode("utf-8")) > MAX_ATTACHMENT_NAME:
        return "longer than 255 bytes"
    if "/" in n:
        return "not a single name: it contains '/'"
    if n in (".", ".."):
        return "'.' and '..' are not file names"
    prob = name_problem(n)
    if prob:
        return prob
    if any(c in BIDI_CONTROLS for c in n):
        return "contains a bidirectional control character"
    return None


def check_document_body(d):
    """§5.8: the rules of a document's body, in the order of the reference implementation."""
    if not plain_text_ok(d["reference"], 200):
        raise DocInvalid("reference is not plain text of at most 200")
    if d["title"] is not None and not plain_text_ok(d["title"], 1000):
        raise DocInvalid("title is not plain text of at most 1000")
    if not LANGUAGE_TAG.match(d["language"]):
        raise DocInvalid("language '%s' is not a language tag" % escape_text(d["language"]))
    try:
        ok = DATE.match(d["date"]) and datetime.date.fromisoformat(d["date"])
    except ValueError:
        ok = False
    if not ok:
        raise DocInvalid("date '%s' is not a calendar date YYYY-MM-DD" % escape_text(d["date"]))
    check_attachment_list(d["files"], 1)


def check_attachment_list(files, least):
    """§5.8: `least` to 64 files, names distinct and valid, media types short plain text."""
    if len(files) < least or len(files) > MAX_ATTACHMENTS:
        raise DocInvalid("it must attach 1 to %d files, each name once" % MAX_ATTACHMENTS)
    names = set()
    for a in files:
        prob = attachment_name_problem(a["name"])
        if prob:
            raise DocInvalid("attached file name '%s': %s" % (escape_text(a["name"]), prob))
        if a["name"] in names:
            raise DocInvalid("it must attach 1 to %d files, each name once" % MAX_ATTACHMENTS)
        names.add(a["name"])
        if a["media_type"] is not None and not plain_text_ok(a["media_type"], 200):
            raise DocInvalid("media type is not plain text of at most 200")


def check_attachments(rep, ev, st, attached, unreadable):
    """§5.8, §9.1 step 9b: each attached file bound by the carrying event with the statement's
    SHA-256, present, and of that SHA-256 and size as streamed. Returns their paths (files the
    event may add)."""
    paths = set()
    bound = dict(ev["files"])
    for a in st["files"]:
        p = "custody/attachments/%06d/%s" % (ev["sequence"], a["name"])
        paths.add(p)
        if p not in bound:
            rep.fail("attachment.missing", "%s attaches %s, which the event that carries it does not bind" % (escape_text(ev["statement"]), escape_text(p)), p)
        elif p not in attached:
            if p not in unreadable:
                rep.fail("attachment.missing", "%s attaches %s, which is not in the bundle" % (escape_text(ev["statement"]), escape_text(p)), p)
        elif attached[p] != (a["sha256"], a["size"]) or bound[p] != a["sha256"]:
            rep.fail("attachment.hash_mismatch", "%s does not match the SHA-256 or size that %s gives it" % (escape_text(p), escape_text(ev["statement"])), p)
    return paths


def check_statement(rep, ev, content, events, bundle_id, check_signature, item_ids=None):
    """§9.1 step 9b for the carrying event ev: returns the statement once it could be read."""
    nm, path = ev["name"], ev["statement"]
    bpaths = [p for p, _ in ev["files"]]
    for b in (path, path + ".sig"):
        if b not in bpaths:
            rep.fail("event.file_mismatch", "%s carries %s but does not bind it" % (nm, escape_text(b)), nm)
    if path not in content:
        return None
    try:
        st = parse_statement(content[path])
    except DocInvalid as ex:
        rep.fail("statement.invalid", "%s is not a valid statement: %s" % (escape_text(path), ex), path)
        return None
    if st["kind"] != ev["type"]:
        rep.fail("statement.invalid", "%s is a %s statement carried by a %s event" % (escape_text(path), st["kind"], ev["type"]), path)
    if st["bundle_id"] != bundle_id:
        rep.fail("statement.wrong_bundle", "%s was made about bundle %s, not this bundle (%s)" % (escape_text(path), st["bundle_id"], bundle_id), path)
    check_signature(path, st["author"])
    by_seq = {}
    for e in events:
        by_seq.setdefault(e["sequence"], e)
    own = None
    for seq, digest in st["concerns"]:
        e = by_seq.get(seq)
        if e is None or seq >= ev["sequence"] or e["sha256"] != digest:
            rep.fail("statement.concerns_unknown", "%s concerns an event %d that is not an earlier event of this bundle with the SHA-256 it names" % (escape_text(path), seq), path)
            continue
        if st["time"] < e["time"]:
            rep.fail("statement.time_invalid", "%s claims a time before event %d it concerns" % (escape_text(path), seq), path)
        if e["signer"]["fingerprint"] == st["author"]["fingerprint"] and own is None and st["kind"] == "countersign":
            own = seq
    if unix_time(st["time"]) > unix_time(ev["time"]) + STATEMENT_CLOCK_TOLERANCE:
        rep.fail("statement.time_invalid", "%s claims a time after the event that added it, by more than 5 minutes" % escape_text(path), path)
    if item_ids is not None:
        for i in st["items"]:
            if i not in item_ids:
                rep.fail("examination.unknown_item", "%s records an examination of item %s, which the manifest does not describe" % (escape_text(path), escape_text(i)), path)
    if st["access"] is not None and item_ids is not None:
        for it in st["access"].get("items") or []:
            if it not in item_ids:
                rep.fail("access.unknown_item", "%s records the extraction of %s, which the manifest does not hold" % (escape_text(path), escape_text(it)), path)
    if own is not None and st["kind"] == "countersign":
        rep.warn("countersign.by_own_signer", "%s: the author countersigns event %d, which they signed themselves" % (escape_text(path), own), path)
    return st


def statement_valid(rep, ev, st, before):
    """The end of §9.1 step 9b: statement.valid if nothing in the step failed since `before`
    (its attached files included)."""
    if rep.nfails() == before:
        path = ev["statement"]
        rep.ok("statement.valid", "%s is signed by %s as %s" % (escape_text(path), escape_text(st["author"]["name"]), st["capacity"]), path)


def unix_time(t):
    """Seconds since the epoch of a §1.1 time (YYYY-MM-DDTHH:MM:SSZ)."""
    return calendar.timegm(time.strptime(t, "%Y-%m-%dT%H:%M:%SZ"))


# ---------------------------------------------------------------------------
# Trust lists (§10)
# ---------------------------------------------------------------------------

class TrustError(Exception):
    pass


def tokenize_trust_line(line):
    tokens = []
    cur = []
    in_tok = False
    i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if c in WHITE_SPACE:
            if in_tok:
                tokens.append("".join(cur))
                cur = []
                in_tok = False
            i += 1
            continue
        in_tok = True
        if c == '"':
            i += 1
            closed = False
            while i < n:
                c = line[i]
                if c == "\\":
                    if i + 1 < n and line[i + 1] in ('"', "\\"):
                        cur.append(line[i + 1])
                        i += 2
                        continue
                    raise TrustError("an invalid escape inside quotes")
                if c == '"':
                    closed = True
                    i += 1
                    break
                cur.append(c)
                i += 1
            if not closed:
                raise TrustError("an unterminated quote")
            continue
        cur.append(c)
        i += 1
    if in_tok:
        tokens.append("".join(cur))
    return tokens


def parse_trust_list(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise TrustError("not UTF-8")
    out = {}
    for n, line in enumerate(text.split("\n"), 1):
        if line.endswith("\r"):
            line = line[:-1]
        line = uni_trim(line)
        if line == "" or line.startswith("#"):
            continue
        try:
            toks = tokenize_trust_line(line)
        except TrustError as ex:
            raise TrustError("line %d: %s" % (n, ex))
        fp = toks[0]
        if not FPRINT.match(fp):
            raise TrustError("line %d: the first token is not a fingerprint" % n)
        if fp in out:
            raise TrustError("line %d: %s is listed twice" % (n, fp))
        fields = {}
        for t in toks[1:]:
            if "=" not in t:
                raise TrustError("line %d: %r is not field=value" % (n, t))
            k, v = t.split("=", 1)
            if k in ("organisation", "organization", "org"):
                k = "organisation"
            elif k == "role":
                v = lenient_role(v)
                if v not in ROLES:
                    raise TrustError("line %d: unknown role" % n)
            elif k == "jurisdiction":
                if v not in JURISDICTIONS:
                    raise TrustError("line %d: unknown jurisdiction" % n)
            elif k in ("valid_from", "valid_until", "revoked"):
                if not time_ok(v):
                    raise TrustError("line %d: %s is not a time YYYY-MM-DDTHH:MM:SSZ" % (n, k))
            elif k != "name":
                raise TrustError("line %d: unknown field %r" % (n, k))
            if k in fields:
                raise TrustError("line %d: field %s given twice" % (n, k))
            fields[k] = v
        if "valid_from" in fields and "valid_until" in fields and \
                unix_time(fields["valid_until"]) <= unix_time(fields["valid_from"]):
            raise TrustError("line %d: valid_until is not later than valid_from" % n)
        out[fp] = fields
    return out


IDENTITY_FIELDS = ("name", "organisation", "role", "jurisdiction")


def disallowed(fields, ev):
    """Section 10: why the entry `fields` does not allow the event `ev`'s signature, as a
    (code, message) pair, or None. This verifier checks no TSA roots, so an event's time is
    always the one its signer claims, and a revoked key's signatures are never trusted."""
    t = unix_time(ev["time"])
    if "revoked" in fields:
        return ("trust.key_revoked", "the key was revoked at %s; event %d claims %s and has no trusted time"
                % (fields["revoked"], ev["sequence"], ev["time"]))
    if "valid_from" in fields and t < unix_time(fields["valid_from"]) or \
            "valid_until" in fields and t >= unix_time(fields["valid_until"]):
        return ("trust.key_not_valid", "event %d was signed at %s, outside the key's validity in the trust list"
                % (ev["sequence"], ev["time"]))
    return None


# ---------------------------------------------------------------------------
# Verifier
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# RFC 3161 timestamp tokens (spec 6.4). This verifier has no root list: it checks that a
# token parses within the shape limits (spec 9.4), that its imprint is the hash of its event's
# .sig, its CMS signature (message digest over the TSTInfo, signature over the signed
# attributes by the certificate the token carries), that certificate's usage (timeStamping
# only, critical) and validity at genTime, and the event's claimed time against genTime.
# Chains to roots are left to custody verify --tsa-roots and to openssl ts -verify: every
# sound token is reported "timestamp.untrusted", never as trusted.

TOKEN_SUFFIX = ".sig.tst"
TOKEN_MAX_SET = 64         # elements in one SET (or context-tagged constructed element)
TOKEN_MAX_DEPTH = 32       # nesting of DER elements
TIME_TOLERANCE = 300       # seconds a claimed time may exceed genTime (timestamp.time_conflict)
LATE_SECONDS = 24 * 3600   # genTime later than the claim by more: timestamp.late (a warning)
OID_KP_TIME_STAMPING = "1.3.6.1.5.5.7.3.8"
OID_SHA = {bytes.fromhex("608648016503040201"): "sha256", bytes.fromhex("608648016503040202"): "sha384",
           bytes.fromhex("608648016503040203"): "sha512"}
OID_MESSAGE_DIGEST = bytes.fromhex("2a864886f70d010904")
OID_SIG = {  # signature algorithm -> (kind, hash or None to take the digest algorithm)
    bytes.fromhex("2a8648ce3d040302"): ("ec", "sha256"), bytes.fromhex("2a8648ce3d040303"): ("ec", "sha384"),
    bytes.fromhex("2a8648ce3d040304"): ("ec", "sha512"), bytes.fromhex("2a8648ce3d0201"): ("ec", None),
    bytes.fromhex("2a864886f70d01010b"): ("rsa", "sha256"), bytes.fromhex("2a864886f70d01010c"): ("rsa", "sha384"),
    bytes.fromhex("2a864886f70d01010d"): ("rsa", "sha512"), bytes.fromhex("2a864886f70d010101"): ("rsa", None),
}


def token_event(name):
    if not name.endswith(TOKEN_SUFFIX):
        return None
    ev = name[:-len(TOKEN_SUFFIX)]
    if ev.startswith("custody/events/") and ev.endswith(".json"):
        return ev
    return None


def der_tlv(b, i=0):
    """One DER element at b[i:]: (tag, content, end)."""
    if i + 2 > len(b):
        raise ValueError("truncated")
    tag, ln, j = b[i], b[i + 1], i + 2
    if ln & 0x80:
        n = ln & 0x7f
        if n == 0 or n > 4 or j + n > len(b):
            raise ValueError("bad length")
        ln, j = int.from_bytes(b[j:j + n], "big"), j + n
    if j + ln > len(b):
        raise ValueError("truncated")
    return tag, b[j:j + ln], j + ln


def der_children(content):
    out, i = [], 0
    while i < len(content):
        t, c, e = der_tlv(content, i)
        out.append((t, c, content[i:e]))
        i = e
    return out


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der_shape_error(b):
    """Spec 9.4: None if the token's DER is within the shape limits, else why not."""
    try:
        t, _, end = der_tlv(b)
        if end != len(b):
            return "bytes follow the token"
        todo = [(b, 1)]
        while todo:
            el, depth = todo.pop()
            if depth > TOKEN_MAX_DEPTH:
                return "it nests more than %d levels deep" % TOKEN_MAX_DEPTH
            t, c, _ = der_tlv(el)
            if t & 0x1f == 0x1f:
                return "it uses a tag number form RFC 3161 tokens never need"
            if not t & 0x20:
                continue
            is_set = t == 0x31 or t & 0xe0 == 0xa0
            i, n = 0, 0
            while i < len(c):
                _, _, e = der_tlv(c, i)
                todo.append((c[i:e], depth + 1))
                i, n = e, n + 1
                if is_set and n > TOKEN_MAX_SET:
                    return "a SET holds more than %d elements" % TOKEN_MAX_SET
    except ValueError as e:
        return str(e)
    return None


def gen_time(content):
    """GeneralizedTime content YYYYMMDDHHMMSS[.f]Z as an aware datetime, or raise ValueError."""
    import datetime
    s = content.decode("ascii")
    if not s.endswith("Z"):
        raise ValueError("genTime is not UTC")
    whole, _, frac = s[:-1].partition(".")
    if len(whole) != 14 or not whole.isdigit() or ("." in s and (not frac.isdigit() or frac.endswith("0") or len(frac) > 9)):
        raise ValueError("genTime is malformed")
    t = datetime.datetime.strptime(whole, "%Y%m%d%H%M%S").replace(tzinfo=datetime.timezone.utc)
    return t + datetime.timedelta(microseconds=int((frac or "0").ljust(9, "0")[:6]))


class TokenFail(Exception):
    def __init__(self, code, why):
        Exception.__init__(self, why)
        self.code = code


def check_token(token, sig):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    shape = der_shape_error(token)
    if shape is not None:
        raise TokenFail("timestamp.malformed", "not a well-formed RFC 3161 token (%s)" % shape)
    try:
        t, ci, end = der_tlv(token)
        if t != 0x30 or end != len(token):
            raise ValueError("not one DER SEQUENCE")
        ci = der_children(ci)
        if ci[0][1] != bytes.fromhex("2a864886f70d010702") or ci[1][0] != 0xa0:
            raise ValueError("not SignedData")
        sd = der_children(der_children(ci[1][1])[0][1])
        encap = der_children(sd[2][1])
        if encap[0][1] != bytes.fromhex("2a864886f70d0109100104"):
            raise ValueError("not a TSTInfo")
        tst = der_children(encap[1][1])[0][1]
        tst_fields = der_children(der_tlv(tst)[1])
        if tst_fields[4][0] != 0x18:
            raise ValueError("no genTime")
        gentime = gen_time(tst_fields[4][1])
        imprint = der_children(tst_fields[2][1])
        imprint_alg = OID_SHA.get(der_children(imprint[0][1])[0][1])
        certs = [x509.load_der_x509_certificate(c[2]) for c in der_children(sd[3][1])] if sd[3][0] == 0xa0 else []
        infos = [x for x in sd if x[0] == 0x31][-1]
        signers = der_children(infos[1])
        if len(signers) != 1:
            raise ValueError("not exactly one signer")
        si = der_children(signers[0][1])
        sid = der_children(si[1][1]) if si[1][0] == 0x30 else None
        digest_alg = OID_SHA.get(der_children(si[2][1])[0][1])
        if si[3][0] != 0xa0:
            raise ValueError("no signed attributes")
        attrs = si[3][1]
        md = None
        for a in der_children(attrs):
            oid_v = der_children(a[1])
            if oid_v[0][1] == OID_MESSAGE_DIGEST:
                md = der_children(oid_v[1][1])[0][1]
        sig_alg = OID_SIG.get(der_children(si[4][1])[0][1])
        signature = si[5][1]
        serial = int.from_bytes(sid[1][1], "big", signed=True) if sid else None
    except (ValueError, IndexError) as e:
        raise TokenFail("timestamp.malformed", "not a well-formed RFC 3161 token (%s)" % e)
    except Exception as e:  # a certificate cryptography cannot read
        raise TokenFail("timestamp.malformed", "not a well-formed RFC 3161 token (%s)" % e)
    if imprint_alg is None or digest_alg is None or sig_alg is None:
        raise TokenFail("timestamp.unsupported_algorithm", "an algorithm this verifier does not support")
    if hashlib.new(imprint_alg, sig).digest() != imprint[1][1]:
        raise TokenFail("timestamp.imprint_mismatch", "the token was made over other data")
    cert = next((c for c in certs if c.serial_number == serial), None)
    if md is None or cert is None:
        raise TokenFail("timestamp.malformed", "no message digest, or the signing certificate is not in the token")
    if md != hashlib.new(digest_alg, tst).digest():
        raise TokenFail("timestamp.bad_signature", "the TSTInfo was changed after signing")
    kind, h = sig_alg
    h = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}[h or digest_alg]
    signed = b"\x31" + der_len(len(attrs)) + attrs
    key = cert.public_key()
    try:
        if kind == "ec" and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, signed, ec.ECDSA(h))
        elif kind == "rsa" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, signed, padding.PKCS1v15(), h)
        else:
            raise TokenFail("timestamp.bad_signature", "the key does not match the signature algorithm")
    except TokenFail:
        raise
    except Exception:
        raise TokenFail("timestamp.bad_signature", "the token's signature does not verify")
    name = ", ".join(a.value for a in cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)) or cert.subject.rfc4514_string()
    try:
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound:
        raise TokenFail("timestamp.no_eku", "%s's certificate has no extended key usage" % name)
    except Exception as e:
        raise TokenFail("timestamp.malformed", "the certificate's extensions are malformed (%s)" % e)
    if [u.dotted_string for u in eku.value] != [OID_KP_TIME_STAMPING]:
        raise TokenFail("timestamp.no_eku", "%s's certificate is not limited to timeStamping" % name)
    if not eku.critical:
        raise TokenFail("timestamp.no_eku", "%s's timeStamping usage is not marked critical" % name)
    if not cert.not_valid_before_utc <= gentime <= cert.not_valid_after_utc:
        raise TokenFail("timestamp.cert_expired", "the certificate of %s was not valid at the token's time %s" % (name, gentime.isoformat()))
    return gentime


def check_timestamp_tokens(rep, content, events):
    """Spec 9.1 step 10, timestamps: events are (name, claimed time) of well-formed events."""
    have = set()
    claimed = dict(events)
    for n in sorted(content, key=lambda x: x.encode("utf-8")):
        ev = token_event(n)
        if ev is None:
            continue
        have.add(ev)
        if ev not in content or ev + ".sig" not in content:
            rep.fail("timestamp.orphan", "%s is a token for an event that is not in the bundle" % escape_text(n), n)
            continue
        try:
            gentime = check_token(content[n], content[ev + ".sig"])
        except TokenFail as e:
            rep.fail(e.code, "%s: %s" % (escape_text(n), e), n)
            continue
        rep.warn("timestamp.untrusted", "%s is a sound token, but this verifier checks no TSA roots" % escape_text(n), n)
        claim = claimed.get(ev)
        if claim is None:
            continue
        import datetime
        claimed_at = datetime.datetime.strptime(claim, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
        gap = int(gentime.timestamp() // 1) - int(claimed_at.timestamp())
        if claimed_at > gentime + datetime.timedelta(seconds=TIME_TOLERANCE):
            rep.fail("timestamp.time_conflict", "%s claims %s, %d s after its trusted time %s" % (escape_text(ev), claim, int(-gap), gentime.isoformat()), ev)
        elif gap > LATE_SECONDS:
            rep.warn("timestamp.late", "%s claims %s, but its trusted time is %s" % (escape_text(ev), claim, gentime.isoformat()), ev)
    for name, _time in events:
        if name not in have:
            rep.warn("timestamp.missing", "%s has no trusted time" % escape_text(name), name)

# ---------------------------------------------------------------------------
# The custody log's stored proofs (§6.5, §9.1 step 10b)
# ---------------------------------------------------------------------------

LOG_DIR = "custody/log/"
LOG_PROOF_LIMIT = 64 * 1024
LOG_MAX_PROOF = 128
EM_DASH = "\u2014"
B64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?\Z")


def log_proof_sequence(name):
    """custody/log/NNNNNN.json: the event's sequence number (at least six digits, no extra zeros)."""
    if not (name.startswith(LOG_DIR) and name.endswith(".json")):
        return None
    d = name[len(LOG_DIR):-len(".json")]
    if not re.fullmatch(r"[0-9]{6,}", d) or (len(d) > 6 and d[0] == "0"):
        return None
    return int(d)


def b64_strict(text):
    if not B64.match(text):
        raise ValueError("not canonical base64")
    raw = base64.b64decode(text, validate=True)
    if base64.b64encode(raw).decode() != text:
        raise ValueError("not canonical base64")
    return raw


def log_vkey(text):
    """A C2SP signed-note verifier key NAME+KEYID+BASE64(0x01 || Ed25519 key)."""
    parts = text.split("+", 2)
    if len(parts) != 3 or not parts[0] or not re.fullmatch(r"[0-9a-f]{8}", parts[1]):
        raise ValueError("not NAME+KEYID+BASE64")
    name = parts[0]
    if any(ord(c) <= 0x20 or ord(c) >= 0x7f for c in name):
        raise ValueError("the key name is not printable ASCII without spaces")
    raw = b64_strict(parts[2])
    if len(raw) != 33 or raw[0] != 1:
        raise ValueError("not an Ed25519 verifier key")
    key_id = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4]
    if key_id.hex() != parts[1]:
        raise ValueError("the key id is not the key's")
    return name, key_id, raw[1:]


def log_checkpoint(note, vkey):
    """(size, root) of a checkpoint note (C2SP tlog-checkpoint) signed by vkey, else ValueError."""
    name, key_id, pub = vkey
    if len(note.encode("utf-8")) > 16 * 1024:
        raise ValueError("the checkpoint is over 16 KiB")
    if any(ord(c) < 0x20 and c != "\n" for c in note) or "\x7f" in note:
        raise ValueError("the checkpoint has a control character")
    text, sep, sigs = note.partition("\n\n")
    if not sep or not sigs.endswith("\n"):
        raise ValueError("not a signed note")
    text += "\n"
    good = False
    for line in sigs[:-1].split("\n"):
        if not line.startswith(EM_DASH + " "):
            raise ValueError("a signature line without the em dash")
        who, _, b64 = line[2:].rpartition(" ")
        blob = b64_strict(b64)
        if len(blob) < 5:
            raise ValueError("a signature too short")
        if who == name and blob[:4] == key_id:
            if len(blob) != 68 or not ed_verify_strict(pub, text.encode(), blob[4:]):
                raise ValueError("the log's signature does not verify")
            good = True
    if not good:
        raise ValueError("no signature by the log's key")
    lines = text[:-1].split("\n")
    if len(lines) < 3 or lines[0] != name:
        raise ValueError("the checkpoint is not of the log the manifest names")
    if not re.fullmatch(r"0|[1-9][0-9]{0,18}", lines[1]) or int(lines[1]) > (1 << 63) - 1:
        raise ValueError("a malformed tree size")
    root = b64_strict(lines[2])
    if len(root) != 32:
        raise ValueError("a malformed root")
    return int(lines[1]), root


def log_consistent(m, n, old_root, new_root, proof):
    """RFC 9162 2.1.4.2."""
    if m > n or len(proof) > LOG_MAX_PROOF:
        return False
    if m == n:
        return not proof and old_root == new_root
    if m == 0:
        return not proof
    if m & (m - 1) == 0:
        proof = [old_root] + proof
    if not proof:
        return False
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0


def log_proof_file(data):
    """{index, checkpoint, inclusion, consistency?}, strictly; raises DocInvalid."""
    if len(data) > LOG_PROOF_LIMIT:
        raise DocInvalid("it is over %d bytes" % LOG_PROOF_LIMIT)
    v = load_json(data)
    j_obj(v, "the proof", ("index", "checkpoint", "inclusion"), ("consistency",))

    def hashes(x, w):
        a = j_arr(x, w)
        if len(a) > LOG_MAX_PROOF:
            raise DocInvalid("its %s proof has more than %d hashes" % (w, LOG_MAX_PROOF))
        for h in a:
            if not isinstance(h, str) or not HEX64.match(h):
                raise DocInvalid("a hash of its %s proof is not 64 lowercase hex digits" % w)
        return [bytes.fromhex(h) for h in a]
    return {"index": j_uint(v["index"], "index"), "checkpoint": j_str(v["checkpoint"], "checkpoint"),
            "inclusion": hashes(v["inclusion"], "inclusion"),
            "consistency": hashes(v["consistency"], "consistency") if "consistency" in v else None}


def check_log_proofs(rep, manifest, content, events):
    """Spec 9.1 step 10b: each event's stored log proof, and the chain of its checkpoints."""
    proofs = sorted((log_proof_sequence(n), n) for n in content if log_proof_sequence(n) is not None)
    log = manifest.get("log")
    if log is None:
        for _, n in proofs:
            rep.fail("log.proof_invalid", "%s is a log proof, but the manifest names no custody log" % n, n)
        return
    url = log["url"]
    rest = url[len("http://"):] if url.startswith("http://") else ""
    try:
        if not rest or rest.startswith("/") or any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7f for c in url):
            raise ValueError("the URL is not http://HOST[:PORT][/path]")
        vkey = log_vkey(log["verifier_key"])
    except ValueError as e:
        rep.fail("log.member_invalid", "the manifest's log names no usable custody log: %s" % e, MANIFEST)
        return
    bid = bytes.fromhex(manifest["bundle_id"])
    salt = log["salt"]
    by_seq = {}
    for ev in events:
        by_seq.setdefault(ev["sequence"], ev)
    for seq, n in proofs:
        if seq not in by_seq:
            rep.fail("log.proof_invalid", "%s is a log proof of an event the bundle does not hold" % n, n)
    previous = None
    # An event since the last checkpoint proven whose proof is missing or invalid: the next
    # proof may extend a checkpoint this bundle no longer holds (6.5 step 3).
    gap = False
    for seq in sorted(by_seq):
        ev = by_seq[seq]
        n = "%s%06d.json" % (LOG_DIR, seq)
        if n not in content:
            rep.warn("log.proof_missing", "%s has no proof of the custody log the manifest names" % ev["name"], ev["name"])
            gap = True
            continue
        s8 = struct.pack(">Q", seq)
        fpr = bytes.fromhex(ev["signer"]["fingerprint"][len("sha256:"):])
        leaf = (b"\x01\x01" + hmac256(salt, b"custody-log-slot" + bid + s8)
                + hmac256(salt, b"custody-log-event" + s8 + bytes.fromhex(ev["sha256"]))
                + hmac256(salt, b"custody-log-signer" + s8 + fpr))
        try:
            pf = log_proof_file(content[n])
            size, root = log_checkpoint(pf["checkpoint"], vkey)
        except (DocInvalid, ValueError) as e:
            rep.fail("log.proof_invalid", "%s does not prove its event: %s" % (n, e), n)
            gap = True
            continue
        if len(pf["inclusion"]) > 64 or not verify_inclusion(pf["index"], size, leaf_hash(leaf), pf["inclusion"], root):
            rep.fail("log.proof_invalid", "%s does not prove %s at index %d in the log's tree of %d" % (n, ev["name"], pf["index"], size), n)
            gap = True
            continue
        consistent = previous is None or log_consistent(previous[0], size, previous[1], root, pf["consistency"] or [])
        if not consistent and gap:
            rep.ok("log.included", "%s is entry %d of the custody log, in its signed tree of %d (its consistency with "
                   "the checkpoint before is not checkable: a proof before it is missing or invalid)"
                   % (ev["name"], pf["index"], size), n)
        elif not consistent:
            rep.fail("log.checkpoints_inconsistent", "%s: its checkpoint (%d entries) is not proven to extend the previous one (%d)" % (n, size, previous[0]), n)
        else:
            rep.ok("log.included", "%s is entry %d of the custody log, in its signed tree of %d" % (ev["name"], pf["index"], size), n)
        previous = (size, root)
        gap = False


class Report:
    """The checks found (§9.3): at most MAX_CHECKS_PER_CODE listed per code, in the order
    found; every check counted, so the number of failures and the state stay exact."""

    def __init__(self):
        self.checks = []
        self.counts = {}
        self.fails = 0
        # What section 9.7 (--parent) compares, as this verification read it: the manifest,
        # and each event parsed (in sequence order) with the SHA-256 of its stored bytes.
        self.manifest_read = None
        self.links = []

    def add(self, code, level, message, path=None):
        n = self.counts.get(code, 0) + 1
        self.counts[code] = n
        if level == "fail":
            self.fails += 1
        if n > MAX_CHECKS_PER_CODE:
            return
        c = {"code": code, "level": level, "message": message}
        if path is not None:
            c["path"] = escape_text(path)
        self.checks.append(c)

    def finish(self):
        """§9.3: after the last listed check of each code found more than MAX_CHECKS_PER_CODE
        times, one summary check of that code, without a path, whose `more` is how many more
        were found."""
        last = {}
        for i, c in enumerate(self.checks):
            last[c["code"]] = i
        out = []
        for i, c in enumerate(self.checks):
            out.append(c)
            more = self.counts[c["code"]] - MAX_CHECKS_PER_CODE
            if more > 0 and last[c["code"]] == i:
                out.append({"code": c["code"], "level": c["level"], "more": more,
                            "message": "and %d more %s checks like those above (the report lists the first %d checks of each code)"
                                       % (more, c["code"], MAX_CHECKS_PER_CODE)})
        self.checks = out

    def fail(self, code, message, path=None):
        self.add(code, "fail", message, path)

    def warn(self, code, message, path=None):
        self.add(code, "warn", message, path)

    def ok(self, code, message, path=None):
        self.add(code, "pass", message, path)

    def nfails(self):
        return self.fails




def verify(path, trust=None, on=None):
    """`on`: the UTC date (YYYY-MM-DD) the date-based advisories of §5.2.9 are evaluated at;
    None: today."""
    rep = Report()
    if on is None:
        on = time.strftime("%Y-%m-%d", time.gmtime())
    rep.evaluated_at = on
    if os.path.isdir(path):
        # §9.6: an unzipped bundle; its files are read by path, there is no ZIP file.
        try:
            entries = open_dir(path)
        except ArchiveError as ex:
            rep.fail(ex.code, "the bundle's folder cannot be read as a bundle: " + ex.message)
        else:
            _verify(None, 0, rep, trust, on, entries)
        rep.finish()
        return rep
    with open(path, "rb") as f:
        fsize = os.fstat(f.fileno()).st_size
        _verify(f, fsize, rep, trust, on)
    rep.finish()
    return rep


class NotABundleFolder(Exception):
    """§9.6: a folder that holds no unzipped bundle: cannot verify (exit 2)."""


def holds_a_bag(d):
    return os.path.lexists(os.path.join(d, "bagit.txt")) or os.path.lexists(os.path.join(d, MANIFEST))


def open_dir(path):
    """§9.6: the files of an unzipped bundle as entries (names root first, as in a ZIP file),
    walked without following a link; special files, bad names, too many entries, collisions
    and the root rule refused as for a ZIP file's entries. Raises NotABundleFolder."""
    if holds_a_bag(path):
        own = os.path.basename(os.path.normpath(os.path.abspath(path)))
        prefix = own + "/"
        try:
            prefix.encode("utf-8")
        except UnicodeEncodeError:
            raise ArchiveError("archive.non_utf8_name", "the folder's name is not UTF-8")
    else:
        # The root rule on the folder's own entries before any walk: it holds one folder that
        # holds a bag, and nothing else (at most two entries listed, none opened).
        with os.scandir(path) as it:
            listed = [e for _, e in zip(range(2), it)]
        if len(listed) != 1 or not listed[0].is_dir(follow_symlinks=False) or not holds_a_bag(listed[0].path):
            raise NotABundleFolder()
        prefix, own = "", listed[0].name
        try:
            own.encode("utf-8")
        except UnicodeEncodeError:
            raise ArchiveError("archive.non_utf8_name", "the bundle's folder's name is not UTF-8")
    # The root rule's first part (§9.6), before the walk: the bundle's folder is named
    # custody-<bundle id>. A folder that is not a bundle's is refused unread.
    if ROOT_RE.fullmatch(own + "/") is None:
        raise ArchiveError("archive.root_invalid", "the bundle's folder '%s' is not named custody-<bundle id>: "
                           "a bundle holds exactly one top-level folder, custody-<bundle id>/" % escape_text(own))
    E = ArchiveError
    entries, folded_keys, seen, name_bytes = [], [], 0, 0

    def listing(rel, d):
        # A folder is listed whole (counted while listed) before any of its names is checked;
        # a name that is not UTF-8 is reported first; then its entries in the byte order of
        # the full names under them (a subfolder sorts as its name and "/"), as the reference
        # walks, so that the first error does not depend on the order the file system lists
        # a folder in.
        # The names are counted too (§9.6, at most 256 MiB: each file's or other entry's full
        # name, each folder's own name and "/"), as they are listed.
        # Past the names' limit nothing more is kept, but the folder is listed to its end (or to
        # the entry limit, then reported), so which limit is reported does not depend on the
        # order it is listed in.
        nonlocal seen, name_bytes
        listed, not_utf8, names_over = [], False, False
        # A file's full name: the prefix, the folder's path and "/", then its own name.
        under = len(prefix.encode("utf-8")) + (len(rel.encode("utf-8")) + 1 if rel else 0)
        with os.scandir(d) as it:
            for de in it:
                seen += 1
                if seen > MAX_ENTRIES:
                    raise E("archive.too_many_entries", "the folder holds more than %d files and folders" % MAX_ENTRIES)
                try:
                    size = len(de.name.encode("utf-8"))
                except UnicodeEncodeError:
                    not_utf8 = True
                    continue
                if names_over:
                    continue
                if de.is_dir(follow_symlinks=False):
                    name_bytes += size + 1
                else:
                    name_bytes += under + size
                names_over = name_bytes > MAX_FOLDER_NAME_BYTES
                if not names_over:
                    listed.append(de)
        if names_over:
            raise E("archive.names_too_large", "the names of the folder's files and folders take more than "
                    "%d MiB together; verify the bundle's .zip file instead" % (MAX_FOLDER_NAME_BYTES >> 20))
        if not_utf8:
            raise E("archive.non_utf8_name", "a name in %s is not UTF-8" % escape_text(prefix + rel))
        listed.sort(key=lambda de: os.fsencode(de.name) + (b"/" if de.is_dir(follow_symlinks=False) else b""))
        return iter(listed)

    # Depth first, each subfolder walked where its place in that order comes: the files come
    # in the byte order of their names.
    stack = [("", listing("", path))]
    while stack:
        rel, it = stack[-1]
        de = next(it, None)
        if de is None:
            stack.pop()
            continue
        own = de.name
        name = prefix + (rel + "/" if rel else "") + own
        if len(name.encode("utf-8")) > 1024:
            raise E("archive.name_too_long", "a name is longer than 1024 bytes")
        if de.is_dir(follow_symlinks=False):
            sub = (rel + "/" if rel else "") + own
            stack.append((sub, listing(sub, de.path)))
            continue
        if de.is_symlink() or not de.is_file(follow_symlinks=False):
            raise E("archive.not_regular_file", "'%s' in the bundle's folder is not a regular file "
                    "(a symbolic link, FIFO, socket or device): never followed or opened" % escape_text(name))
        prob = name_problem(name)
        if prob:
            raise E("archive.unsafe_name", "entry '%s' has an unsafe name: %s" % (escape_text(name), prob))
        e = Entry()
        e.name, e.crc, e.size, e.offset, e.index = name, None, de.stat(follow_symlinks=False).st_size, 0, 0
        e.data_start, e.path = None, de.path
        entries.append(e)
    entries.sort(key=lambda x: x.name.encode("utf-8"))
    for i, e in enumerate(entries):
        e.index = i
        folded_keys.append((collision_key(e.name).replace("/", "\0"), i, e.name))
    folded_keys.sort()
    for (ka, _, na), (kb, _, nb) in zip(folded_keys, folded_keys[1:]):
        if ka == kb or kb.startswith(ka + "\0"):
            raise E("archive.name_collision", "entries '%s' and '%s' would be the same file or folder" % (escape_text(na), escape_text(nb)))
    return entries


def _verify(f, fsize, rep, trust, evaluate_on, unzipped=None):
    # Step 1: archive (an unzipped bundle's entries come walked, §9.6)
    try:
        entries = unzipped if unzipped is not None else open_archive(f, fsize)
    except ArchiveError as ex:
        kind = not_a_bundle_kind(f, fsize, ex.code in REPACKED_CODES)
        if kind is not None:
            rep.fail("bundle.not_a_bundle", "this is not a custody bundle (%s)" % kind)
        else:
            rep.fail(ex.code, "the bundle cannot be read as an archive: " + ex.message)
        return
    kind = not_a_bundle_zip([e.name for e in entries])
    if kind is not None:
        rep.fail("bundle.not_a_bundle", "this is not a custody bundle (%s)" % kind)
        return
    try:
        root_id = strip_root(entries)
    except ArchiveError as ex:
        if unzipped is None and is_format_1(f, entries):
            raise UnsupportedFormat(1)
        rep.fail(ex.code, "the bundle cannot be read as an archive: " + ex.message)
        return
    if unzipped is None:
        rep.ok("archive.structure", "the ZIP structure is sound (%d entries under custody-%s/)" % (len(entries), root_id))
    # Section 9.4: more events than a bundle may hold are refused before any is read.
    n_events = sum(1 for e in entries if is_event_document(e.name))
    if n_events > MAX_EVENTS:
        rep.fail("archive.too_many_events", "the bundle holds %d event documents, more than the %d a bundle may hold; "
                 "none was read" % (n_events, MAX_EVENTS))
        return
    by_name = {e.name: e for e in entries}
    tag_entries = sorted((e for e in entries if not e.name.startswith("data/")),
                         key=lambda x: x.name.encode("utf-8"))
    payload_entries = [e for e in entries if e.name.startswith("data/")]

    # Step 2: tag files
    content = {}
    attached = {}  # attached files (§5.8): path -> (hex SHA-256, size)
    unreadable = set()
    for e in tag_entries:
        try:
            if is_attachment(e.name):
                attached[e.name] = hash_attachment(f, e)
            else:
                content[e.name] = read_tag_entry(f, e)
        except ReadFailure as ex:
            rep.fail(ex.code, ex.message, e.name)
            unreadable.add(e.name)

    def present(name):
        return name in by_name

    def tag_digest(name):
        """The hex SHA-256 of a tag file read at step 2 (or streamed, if attached), or None."""
        if name in content:
            return hashlib.sha256(content[name]).hexdigest()
        return attached[name][0] if name in attached else None

    # Step 3: bagit.txt
    if "bagit.txt" in content:
        if content["bagit.txt"] != BAGIT_TXT:
            rep.fail("bagit.declaration_invalid", "bagit.txt is not the BagIt 1.0 UTF-8 declaration", "bagit.txt")
        else:
            rep.ok("bagit.declaration", "bagit.txt declares BagIt 1.0, UTF-8", "bagit.txt")
    elif "bagit.txt" not in unreadable:
        rep.fail("bagit.missing_tag_file", "bagit.txt is missing", "bagit.txt")

    # Step 4: tag manifest
    if TAGMANIFEST in content:
        before = rep.nfails()
        try:
            lines = parse_bagit_manifest(content[TAGMANIFEST], by_name)
        except Malformed as ex:
            rep.fail("bagit.manifest_malformed", "%s is malformed: %s" % (TAGMANIFEST, ex), TAGMANIFEST)
        else:
            listed = set()
            for digest, p in lines:
                listed.add(p)
                if p == TAGMANIFEST or p.startswith("data/"):
                    rep.fail("bagit.manifest_malformed", "%s lists %s, which it may not list" % (TAGMANIFEST, escape_text(p)), TAGMANIFEST)
                    continue
                if p in unreadable:
                    continue
                if tag_digest(p) is None:
                    rep.fail("bagit.tag_file_missing", "%s is listed in %s but missing" % (escape_text(p), TAGMANIFEST), p)
                    continue
                if tag_digest(p) != digest:
                    rep.fail("bagit.tag_hash_mismatch", "%s does not match its SHA-256 in %s: it was changed" % (escape_text(p), TAGMANIFEST), p)
            for e in tag_entries:
                if e.name != TAGMANIFEST and e.name not in listed and e.name not in unreadable:
                    rep.fail("archive.unlisted_file", "%s is not listed in %s" % (escape_text(e.name), TAGMANIFEST), e.name)
            if rep.nfails() == before:
                rep.ok("bagit.tag_files", "%d tag files match %s" % (len(lines), TAGMANIFEST))
    elif TAGMANIFEST not in unreadable:
        rep.fail("bagit.missing_tag_file", "%s is missing" % TAGMANIFEST, TAGMANIFEST)

    # Step 5: payload
    damaged = set()
    payload_hashed = False
    payload_lines = None  # dict path -> digest
    if PAYLOAD_MANIFEST in content:
        try:
            plines = parse_bagit_manifest(content[PAYLOAD_MANIFEST], by_name)
        except Malformed as ex:
            rep.fail("bagit.manifest_malformed", "%s is malformed: %s" % (PAYLOAD_MANIFEST, ex), PAYLOAD_MANIFEST)
        else:
            before = rep.nfails()
            payload_lines = {}
            for digest, p in plines:
                payload_lines[p] = digest
                if not p.startswith("data/"):
                    rep.fail("bagit.manifest_malformed", "%s lists %s, which is not under data/" % (PAYLOAD_MANIFEST, escape_text(p)), PAYLOAD_MANIFEST)
                    continue
                if p not in by_name:
                    rep.fail("payload.missing", "%s is listed in %s but missing from the bundle" % (escape_text(p), PAYLOAD_MANIFEST), p)
                    damaged.add(p)
            total = 0
            for e in payload_entries:
                total += e.size
                digest = payload_lines.get(e.name)
                if digest is None:
                    rep.fail("archive.unlisted_file", "%s is in the payload but not listed in %s: it was added" % (escape_text(e.name), PAYLOAD_MANIFEST), e.name)
                    continue
                sha = hashlib.sha256()
                crc = 0
                try:
                    for b in stream_entry(f, e):
                        sha.update(b)
                        crc = zlib.crc32(b, crc)
                except OSError as ex:
                    rep.fail("archive.unreadable", "%s cannot be read: %s" % (escape_text(e.name), ex), e.name)
                    damaged.add(e.name)
                    continue
                if sha.hexdigest() != digest:
                    rep.fail("payload.hash_mismatch", "%s: its SHA-256 does not match %s: the file was changed" % (escape_text(e.name), PAYLOAD_MANIFEST), e.name)
                    damaged.add(e.name)
                if e.crc is not None and crc != e.crc:
                    rep.fail("archive.crc_mismatch", "%s: the data does not match the ZIP CRC-32: the archive was damaged or edited" % escape_text(e.name), e.name)
                    damaged.add(e.name)
            payload_hashed = True
            if rep.nfails() == before:
                rep.ok("payload.verified", "%d payload files (%d bytes) all match their SHA-256 in %s" % (len(payload_entries), total, PAYLOAD_MANIFEST))
    elif PAYLOAD_MANIFEST not in unreadable:
        rep.fail("bagit.missing_tag_file", "%s is missing" % PAYLOAD_MANIFEST, PAYLOAD_MANIFEST)

    # Step 6: bag-info.txt as BagIt reads it; its exact bytes are compared with those derived
    # from the manifest and the seal once both are read (after step 9).
    if BAG_INFO in content:
        try:
            pairs = parse_bag_info(content[BAG_INFO])
            oxum = first_label(pairs, "Payload-Oxum")
            if oxum is None:
                raise OxumMissing("no Payload-Oxum")
        except Malformed as ex:
            rep.fail("bagit.bag_info_invalid", "bag-info.txt is invalid: %s" % ex, BAG_INFO)
        else:
            actual = "%d.%d" % (sum(e.size for e in payload_entries), len(payload_entries))
            if oxum != actual:
                rep.fail("bagit.payload_oxum_mismatch", "bag-info.txt says Payload-Oxum %s, but the payload is %s (bytes.files)" % (escape_text(oxum), actual), BAG_INFO)
    elif BAG_INFO not in unreadable:
        rep.fail("bagit.missing_tag_file", "bag-info.txt is missing", BAG_INFO)

    # Step 7: keys
    keys = {}  # fingerprint -> parsed key
    for e in tag_entries:
        if not e.name.startswith("custody/keys/") or e.name not in content:
            continue
        try:
            k = parse_key_file(content[e.name])
            if k["identity"] is None:
                raise KeyInvalid("does not name its holder (no identity lines before the PEM block)")
            if e.name != "custody/keys/%s.pem" % k["fingerprint"][7:]:
                raise KeyInvalid("is not named after its fingerprint")
        except KeyInvalid as ex:
            rep.fail("key.invalid", "%s: %s" % (escape_text(e.name), ex), e.name)
            continue
        keys[k["fingerprint"]] = k
    # §4.3: two keys claiming one person (name and organisation, folded as §3.4 after
    # collapsing white space) raise a warning.
    by_person = {}
    for fp, k in keys.items():
        name, org = k["identity"][0], k["identity"][1]
        by_person.setdefault((identity_fold(name), identity_fold(org)), []).append(fp)
    for fps in by_person.values():
        if len(fps) > 1:
            rep.warn("key.duplicate_identity", "%d keys in this bundle claim the same person: %s" % (len(fps), ", ".join(sorted(fps))))

    def check_signature(docname, signer):
        signame = docname + ".sig"
        if signame not in by_name:
            rep.fail("signature.missing", "%s has no signature %s" % (docname, signame), signame)
            return
        if signame in unreadable:
            return  # reported once already (§9.1 step 2)
        k = keys.get(signer["fingerprint"])
        if k is None:
            rep.fail("key.missing", "%s is signed by %s, whose public key is not in custody/keys/" % (docname, signer["fingerprint"]), docname)
            return
        if k["identity"] != identity_of(signer):
            rep.fail("signature.signer_mismatch", "%s claims an identity for %s other than its key file's" % (docname, signer["fingerprint"]), docname)
        if not ed_verify_strict(k["key"], content[docname], content[signame]):
            rep.fail("signature.invalid", "the signature on %s does not verify with %s's key: the document or its signature was altered" % (docname, escape_text(signer["name"])), docname)
        else:
            rep.ok("signature.valid", "%s is signed by %s (%s)" % (docname, escape_text(signer["name"]), signer["fingerprint"]), docname)

    # Step 8: manifest
    manifest = None
    absent = {}                        # §9.1 step 8: described files absent altogether, by item
    manifest_valid_deferred = False
    if MANIFEST in content:
        try:
            manifest = parse_manifest(content[MANIFEST], frozenset(e.name for e in payload_entries))
        except TooLargeToHold as ex:
            rep.fail("manifest.too_large_to_hold", str(ex), MANIFEST)
        except TooManyItems as ex:
            rep.fail("manifest.too_many_items", str(ex), MANIFEST)
        except TooManyFiles as ex:
            rep.fail("manifest.too_many_files", str(ex), MANIFEST)
        except DocInvalid as ex:
            rep.fail("manifest.invalid", "%s: %s" % (MANIFEST, ex), MANIFEST)
        if manifest is not None:
            for code, message, path in manifest["advisories"]:   # §5.2.9
                rep.warn(code, message, path)
            # No signature of its own: the seal event binds the manifest (§6.3); the sealer's
            # key must still be in the bundle.
            if manifest["sealer"]["fingerprint"] not in keys:
                rep.fail("key.missing", "the sealer's key %s is not in the bundle (custody/keys/)" % manifest["sealer"]["fingerprint"], MANIFEST)
            # §2.5: the root folder names this bundle.
            if root_id != manifest["bundle_id"]:
                rep.fail("bundle.root_mismatch", "the bundle's folder is custody-%s/, but its manifest is of bundle %s: the files of two bundles were mixed" % (root_id, manifest["bundle_id"]), MANIFEST)
            before = rep.nfails()
            described = set()
            absent = {}
            # An absent or malformed manifest-sha256.txt has no lines: every FileRecord then
            # lacks its line (as the reference reads §9.1 step 8). An *unreadable* one
            # (§9.1 step 2) is reported once only and checks needing its content are not run.
            plines = payload_lines if payload_lines is not None else {}
            for it in manifest["items"]:
                for fr in it["files"]:
                    described.add(fr["path"])
                    if PAYLOAD_MANIFEST in unreadable:
                        continue
                    d = plines.get(fr["path"])
                    if d is None and fr["path"] not in by_name:
                        # Absent altogether: judged once the dispositions are known (§9.1 step 9c).
                        absent.setdefault(it["id"], []).append(fr["path"])
                    elif d is None:
                        rep.fail("manifest.payload_mismatch", "%s describes %s, which %s does not list" % (MANIFEST, escape_text(fr["path"]), PAYLOAD_MANIFEST), fr["path"])
                    elif d != fr["sha256"]:
                        rep.fail("manifest.payload_mismatch", "%s: the manifest's SHA-256 for %s is not the one in %s" % (MANIFEST, escape_text(fr["path"]), PAYLOAD_MANIFEST), fr["path"])
                    elif fr["path"] in by_name and by_name[fr["path"]].size != fr["size"]:
                        rep.fail("manifest.payload_mismatch", "%s: the size of %s differs from the bundle's" % (MANIFEST, escape_text(fr["path"])), fr["path"])
            for p in plines:
                if p not in described:
                    rep.fail("manifest.payload_mismatch", "%s lists %s, which the manifest does not describe" % (PAYLOAD_MANIFEST, escape_text(p)), p)
            if rep.nfails() == before and not absent:
                rep.ok("manifest.valid", "%s is well formed and describes exactly the payload" % MANIFEST, MANIFEST)
            manifest_valid_deferred = rep.nfails() == before and bool(absent)
            # §9.1 step 8: the digests an attestation lists were checked with the manifest
            # (§5.2.8 rule 6).
            for at in manifest["attestations"]:
                rep.ok("attestation.valid", "attestation '%s' concerns %s and the digests it certifies (%d file(s)) match the manifest" % (escape_text(at["id"]), ", ".join(at["items"]), len(at["files"])), MANIFEST)
    elif MANIFEST not in unreadable:
        rep.fail("manifest.missing", "%s is missing" % MANIFEST, MANIFEST)

    # Step 9: events
    step9_before = rep.nfails()
    removed = {}          # item id -> (sequence, action): returned or destroyed (§5.11)
    undisposed = None     # items a disposition without items would still take (§9.1 step 9)
    extended_to = None    # keep_until of the last retention_extended disposition
    seal_witnessed = False
    event_names = sorted((e.name for e in tag_entries
                          if e.name.startswith("custody/events/") and e.name.endswith(".json")),
                         key=lambda n: n.encode("utf-8"))
    events = []
    n_invalid = 0
    for name in event_names:
        if name not in content:
            continue
        try:
            events.append(parse_event(name, content[name]))
        except DocInvalid as ex:
            rep.fail("event.invalid", "%s: %s" % (escape_text(name), ex), name)
            n_invalid += 1
    if not events and n_invalid == 0:
        rep.fail("event.missing", "the bundle has no custody events: it was never sealed")
    events.sort(key=lambda ev: (ev["sequence"], ev["name"].encode("utf-8")))
    rep.manifest_read = manifest
    rep.links = [{"sequence": ev["sequence"], "type": ev["type"], "sha256": ev["sha256"], "previous": ev["previous"],
                  "derivation": ev["derivation"]} for ev in events]
    # §7.3 rule 2 names "the transfer whose sequence is transfer_sequence". With duplicate
    # sequence numbers the reference takes the first event (in sequence, then name, order)
    # with that sequence, and uses its conditions only if that event is a transfer.
    transfers_by_seq = {}
    for ev in events:
        transfers_by_seq.setdefault(ev["sequence"], ev)
    custodian = None
    pending = None
    bound = set()
    items_by_id = {it["id"]: it for it in manifest["items"]} if manifest else {}
    item_ids = set(items_by_id) if manifest is not None else None
    for i, ev in enumerate(events):
        nm = ev["name"]
        if ev["sequence"] != i:
            rep.fail("event.sequence_gap", "%s is event %d but event %d was expected: an event is missing or duplicated" % (nm, ev["sequence"], i), nm)
        if manifest is not None and ev["bundle_id"] != manifest["bundle_id"]:
            rep.fail("event.wrong_bundle", "%s belongs to bundle %s, not to this bundle (%s)" % (nm, ev["bundle_id"], manifest["bundle_id"]), nm)
        if i == 0:
            if ev["previous"] is not None:
                rep.fail("event.chain_broken", "%s is the first event but names a previous one" % nm, nm)
        else:
            prevev = events[i - 1]
            if ev["previous"] != prevev["sha256"]:
                rep.fail("event.chain_broken", "%s does not name the SHA-256 of the event before it (%s): the chain was altered" % (nm, prevev["name"]), nm)
            if ev["time"] < prevev["time"]:
                rep.fail("event.time_backwards", "%s is dated before the event before it" % nm, nm)
        signer = ev["signer"]
        if i == 0:
            if ev["type"] == "seal":
                if manifest is not None:
                    if signer_tuple(signer) != signer_tuple(manifest["sealer"]):
                        rep.fail("event.not_entitled", "%s: the seal is not signed by the manifest's sealer" % nm, nm)
                    for it in manifest["items"]:
                        if it["captured_at"] is not None and it["captured_at"] > ev["time"]:
                            rep.warn("manifest.capture_after_seal", "%s says it was captured after the bundle was sealed (%s): a clock is wrong" % (it["id"], ev["time"]), MANIFEST)
                if MANIFEST not in [p for p, _ in ev["files"]]:
                    rep.fail("event.file_mismatch", "%s: the seal does not bind %s" % (nm, MANIFEST), nm)
            else:
                rep.fail("event.not_entitled", "%s: the first event is not a seal" % nm, nm)
            custodian = signer
        else:
            if ev["type"] == "seal":
                rep.fail("event.not_entitled", "%s: only the first event may be a seal" % nm, nm)
            elif ev["type"] == "transfer":
                # The reference reports a transfer made while another is pending only as
                # event.transfer_pending, without also judging its signer (§7.2 is silent).
                if pending is not None:
                    rep.fail("event.transfer_pending", "%s: a second transfer while the transfer of event %d has no receipt" % (nm, pending["sequence"]), nm)
                elif custodian is None or signer["fingerprint"] != custodian["fingerprint"]:
                    rep.fail("event.not_entitled", "%s: signed by %s (%s), who is not the custodian" % (nm, escape_text(signer["name"]), signer["fingerprint"]), nm)
                rec = ev["transfer"]["recipient"]
                k = keys.get(rec["fingerprint"])
                if k is not None and k["identity"] != identity_of(rec):
                    rep.fail("event.recipient_mismatch", "%s: the recipient's key file in the bundle names another identity" % nm, nm)
                pending = ev
            elif ev["type"] == "receipt":
                r = ev["receipt"]
                broke = False
                if pending is None or r["transfer_sequence"] != pending["sequence"]:
                    rep.fail("event.unexpected_receipt", "%s: a receipt, but no transfer is waiting for one" % nm if pending is None else "%s: answers transfer %d, but transfer %d is pending" % (nm, r["transfer_sequence"], pending["sequence"]), nm)
                    broke = True
                # Only a receipt that answers the pending transfer is judged against its
                # recipient (the reference reports just event.unexpected_receipt otherwise).
                elif signer_tuple(signer) != signer_tuple(pending["transfer"]["recipient"]):
                    rep.fail("event.not_entitled", "%s: signed by %s (%s), but the transfer named another recipient" % (nm, escape_text(signer["name"]), signer["fingerprint"]), nm)
                    broke = True
                pending = None
                if not broke and r["decision"] in ("accepted", "accepted_in_part"):
                    custodian = signer
                if manifest is not None:
                    check_receipt(rep, ev, manifest, transfers_by_seq, items_by_id, damaged)
            elif ev["type"] in CARRYING_TYPES or ev["type"] in ("disposition", "derivation"):
                # §7.2, §7.5, §5.11, §5.14: only the custodian appends, and only while no transfer is pending.
                if pending is not None:
                    rep.fail("event.transfer_pending", "%s: a %s event while the transfer of event %d has no receipt" % (nm, ev["type"], pending["sequence"]), nm)
                elif custodian is None or signer["fingerprint"] != custodian["fingerprint"]:
                    rep.fail("event.not_entitled", "%s: signed by %s (%s), who is not the custodian" % (nm, escape_text(signer["name"]), signer["fingerprint"]), nm)
        # files (§6.3: what each event may add)
        if ev["type"] == "seal":
            may_add = {"bagit.txt", "HOW-TO-VERIFY.txt", MANIFEST, key_path(signer["fingerprint"])} | set(PARENT_FILES)
        elif ev["type"] == "transfer":
            may_add = {key_path(ev["transfer"]["recipient"]["fingerprint"])}
        elif ev["type"] in CARRYING_TYPES:
            sp = ev["statement"]
            before_9b = rep.nfails()
            st = check_statement(rep, ev, content, events,
                                 manifest["bundle_id"] if manifest is not None else ev["bundle_id"], check_signature,
                                 item_ids)
            may_add = {sp, sp + ".sig"} | ({key_path(st["author"]["fingerprint"])} if st is not None else set())
            if st is not None:
                may_add |= check_attachments(rep, ev, st, attached, unreadable)
                statement_valid(rep, ev, st, before_9b)
            if (st is not None and st["kind"] == "countersign"
                    and st["capacity"] in ("witness", "second_investigator")
                    and 0 in [c[0] for c in st["concerns"]]):
                seal_witnessed = True
        else:
            may_add = set()
        if ev["derivation"] is not None and item_ids is not None:
            # §5.14: a derivation event names only items the manifest describes (the first other).
            unknown = [i for i in ev["derivation"]["items"] if i not in item_ids]
            gone = [i for i in ev["derivation"]["items"] if i in removed]
            if unknown:
                rep.fail("derivation.event_unknown_item", "%s records a derived copy carrying item %s, which the manifest does not describe" % (nm, escape_text(unknown[0])), nm)
            elif gone:
                # An item an earlier disposition returned or destroyed: nothing of it was left to copy.
                rep.fail("derivation.event_removed_item", "%s records a derived copy carrying item %s, which event %d had already %s: its files were no longer in the bundle to copy" % (nm, gone[0], removed[gone[0]][0], removed[gone[0]][1]), nm)
        if ev["disposition"] is not None:
            disp = ev["disposition"]
            if disp["action"] == "retention_extended":
                extended_to = disp["keep_until"]
            elif disp["items"] is None and item_ids is not None:
                # Every item no earlier disposition removed; each taken once in the chain
                # (after a disposition without items none remains): linear over the chain.
                if undisposed is None:
                    undisposed = list(item_ids)
                rest = [i for i in undisposed if i not in removed]
                undisposed = []
                if not rest:
                    rep.fail("disposition.unknown_item", "%s disposes of every remaining item, but earlier dispositions already returned or destroyed them all" % nm, nm)
                for item in rest:
                    removed[item] = (ev["sequence"], disp["action"])
            elif disp["items"] is not None:
                for item in disp["items"]:
                    if item_ids is not None and item not in item_ids:
                        rep.fail("disposition.unknown_item", "%s disposes of item %s, which the manifest does not describe" % (nm, escape_text(item)), nm)
                    elif item in removed:
                        rep.fail("disposition.unknown_item", "%s disposes of item %s, which event %d already returned or destroyed" % (nm, item, removed[item][0]), nm)
                    else:
                        removed[item] = (ev["sequence"], disp["action"])
        seen_here = set()
        for p, digest in ev["files"]:
            if (p in DERIVED or p.startswith("data/") or
                    (p.startswith("custody/events/") and
                     (p.endswith(".json") or p.endswith(".json.sig") or p.endswith(".json.sig.tst")))):
                rep.fail("event.file_mismatch", "%s binds %s but an event may not bind that file" % (nm, escape_text(p)), nm)
                continue
            if p not in may_add:
                rep.fail("event.unexpected_file", "%s adds %s, which a %s event may not add" % (nm, escape_text(p), ev["type"]), p)
            if p in bound or p in seen_here:
                rep.fail("event.file_mismatch", "%s binds %s but another event already binds it" % (nm, escape_text(p)), nm)
            elif p in unreadable:
                pass
            elif tag_digest(p) is None:
                rep.fail("event.file_mismatch", "%s binds %s, which is not in the bundle" % (nm, escape_text(p)), p)
            elif tag_digest(p) != digest:
                rep.fail("event.file_mismatch", "%s binds %s but its SHA-256 differs: the file was changed" % (nm, escape_text(p)), p)
            seen_here.add(p)
        bound |= seen_here
        if ev["type"] == "transfer" and key_path(ev["transfer"]["recipient"]["fingerprint"]) not in bound:
            rep.fail("event.recipient_key_missing", "%s does not add its recipient's key file, and no earlier event did" % nm, nm)
        check_signature(nm, signer)
    if pending is not None:
        rec = pending["transfer"]["recipient"]
        rep.warn("custody.transfer_pending", "the transfer of event %d to %s has no receipt yet" % (pending["sequence"], escape_text(rec["name"])))
    if events and rep.nfails() == step9_before:
        rep.ok("event.chain", "%d custody events form an unbroken, signed chain" % len(events))
    # Step 9c (§5.11): described files the bundle lacks are disposed when a disposition
    # removed their item, else manifest.payload_mismatch; a removed item's file still in the
    # bundle (an entry or a line of manifest-sha256.txt) is disposition.still_present.
    if manifest is not None:
        mismatched = False
        for it in manifest["items"]:
            gone = set(absent.get(it["id"], []))
            if it["id"] in removed:
                seq, action = removed[it["id"]]
                for fr in it["files"]:
                    if fr["path"] not in gone:
                        rep.fail("disposition.still_present", "%s is still in the bundle, although event %d recorded item %s as %s" % (escape_text(fr["path"]), seq, it["id"], action), fr["path"])
                if gone:
                    rep.ok("payload.disposed", "item %s (%d file(s)) is not in this bundle: event %d recorded it as %s" % (it["id"], len(gone), seq, action), MANIFEST)
            else:
                for p in absent.get(it["id"], []):
                    mismatched = True
                    rep.fail("manifest.payload_mismatch", "%s describes %s, which %s does not list" % (MANIFEST, escape_text(p), PAYLOAD_MANIFEST), p)
        if manifest_valid_deferred and not mismatched:
            rep.ok("manifest.valid", "%s is well formed and describes exactly the payload" % MANIFEST, MANIFEST)
    if manifest is not None:
        sealed_at = next((e["time"] for e in events if e["sequence"] == 0 and e["type"] == "seal"), None)
        nothing_kept = all(it["id"] in removed for it in manifest["items"])
        for code, msg in chain_advisories(manifest, evaluate_on, sealed_at, seal_witnessed, extended_to, nothing_kept):
            rep.warn(code, msg, MANIFEST)

    # Step 6, completed: bag-info.txt is derived (§2.3), so it must be exactly the bytes the
    # manifest and event 0 give; compared only when both were read, and bag-info.txt is UTF-8
    # (otherwise step 6 reported it as bagit.bag_info_invalid).
    seal = events[0] if events and events[0]["sequence"] == 0 else None
    if BAG_INFO in content and manifest is not None and seal is not None and utf8(content[BAG_INFO]):
        want = derived_bag_info(manifest, seal, removed)
        if content[BAG_INFO] != want:
            rep.fail("bagit.bag_info_mismatch", "bag-info.txt is not exactly the text derived from the manifest and the seal (%s): it was edited" % bag_info_difference(content[BAG_INFO], want), BAG_INFO)

    # Step 8b (§5.12): the seal's Merkle commitment, recomputed from the manifest's seed.
    if manifest is not None and seal is not None and seal["type"] == "seal":
        check_commitment(rep, manifest, seal)
    # Step 8c (§5.13): a derived bundle's proofs into its parent's signed commitment.
    if manifest is not None:
        check_derivation(rep, manifest, content)

    # Step 10: coverage
    good_sigs = set(ev["name"] + ".sig" for ev in events)
    for e in sorted(tag_entries, key=lambda x: x.name.encode("utf-8")):
        n = e.name
        if n in DERIVED or n in bound or n in unreadable:
            continue
        if n.startswith("custody/events/") and n.endswith(".json"):
            continue
        if n in good_sigs:
            continue
        if token_event(n) is not None:
            continue  # timestamp tokens are bound by no event (spec 6.3, 6.4); checked below
        if log_proof_sequence(n) is not None:
            continue  # log proofs are bound by no event (spec 6.5); checked below
        rep.fail("custody.unsigned_file", "%s is not covered by any signature: it was added after sealing" % escape_text(n), n)

    check_timestamp_tokens(rep, content, [(ev["name"], ev["time"]) for ev in events])
    # Step 10b (§6.5): the custody log's stored proofs.
    if manifest is not None:
        check_log_proofs(rep, manifest, content, events)

    # Step 11
    if rep.nfails() == 0 and payload_hashed:
        rep.ok("bundle.complete", "every file in the bundle is listed, hashed and covered by a signature")

    # Step 12: trust
    signers = []
    seen_fp = set()
    for ev in events:
        s = ev["signer"]
        if s["fingerprint"] not in seen_fp:
            seen_fp.add(s["fingerprint"])
            signers.append(s)
    parent_signer = manifest.get("parent_signer") if manifest is not None else None
    if parent_signer is not None and parent_signer["fingerprint"] not in seen_fp:
        signers.append(parent_signer)
    rep.signers = signers
    if trust is not None:
        for s in signers:
            fields = trust.get(s["fingerprint"])
            if fields is None:
                rep.fail("trust.signer_unknown", "%s (%s) is not in the trust list" % (escape_text(s["name"]), s["fingerprint"]))
            elif any(k not in fields for k in IDENTITY_FIELDS):
                # Section 10: an entry without every identity field vouches for no one.
                rep.fail("trust.identity_unlisted", "%s is in the trust list without a full identity" % s["fingerprint"])
            elif any(s[k] != fields[k] for k in IDENTITY_FIELDS):
                rep.fail("trust.identity_mismatch", "%s is in the trust list with another identity" % s["fingerprint"])
            else:
                # A derived bundle's parent seal (section 5.13) is judged at the time it claims.
                parent_ev = manifest.get("parent_seal_event") if manifest is not None else None
                judged = events + ([parent_ev] if parent_ev is not None else [])
                why = next((w for w in (disallowed(fields, ev) for ev in judged
                                        if ev["signer"]["fingerprint"] == s["fingerprint"]) if w), None)
                if why:
                    rep.fail(why[0], "%s (%s): %s" % (escape_text(s["name"]), s["fingerprint"], why[1]))
                else:
                    rep.ok("trust.signer_trusted", "%s (%s) is in the trust list" % (escape_text(s["name"]), s["fingerprint"]))


def receipt_context(manifest, damaged):
    """What every receipt is checked against, computed once per bundle (section 7.3): the
    item ids, and the damaged items in manifest order with their first damaged file."""
    ctx = manifest.get("_receipt_ctx")
    if ctx is None or ctx[0] is not damaged:
        first = []
        for it in manifest["items"]:
            bad = [fr["path"] for fr in it["files"] if fr["path"] in damaged]
            if bad:
                first.append((it["id"], bad[0]))
        ctx = (damaged, set(it["id"] for it in manifest["items"]), first, set(i for i, _ in first))
        manifest["_receipt_ctx"] = ctx
    return ctx


def check_receipt(rep, ev, manifest, transfers_by_seq, items_by_id, damaged):
    nm = ev["name"]
    r = ev["receipt"]
    _, ids, damaged_items, damaged_ids = receipt_context(manifest, damaged)
    if r["items_total"] != len(ids):
        rep.fail("receipt.invalid", "%s: items_total is %d, but the bundle holds %d items" % (nm, r["items_total"], len(ids)), nm)
    named = set()
    problem = None
    for g in r["exceptions"]:
        if not g["items"] and problem is None:
            problem = "a group names no item"
        for x in g["items"]:
            fresh = x not in named
            named.add(x)
            if problem is None and x not in ids:
                problem = "'%s' is not an item of this bundle" % escape_text(x)
            elif problem is None and not fresh:
                problem = "'%s' is named twice" % escape_text(x)
    if problem is not None:
        rep.fail("receipt.invalid", "%s: %s" % (nm, problem), nm)
    t = transfers_by_seq.get(r["transfer_sequence"])
    if t is not None and t["type"] != "transfer":
        t = None
    cids = [c["id"] for c in t["transfer"]["conditions"]] if t is not None else []
    if [a["id"] for a in r["conditions"]] != cids:
        rep.fail("receipt.invalid", "%s: conditions do not answer exactly the transfer's conditions in order" % nm, nm)
    # Section 7.3 rule 4: accepted iff nothing is named and every condition accepted;
    # rejected iff every item is named, or with a reason of its own (a whole rejection);
    # accepted in part otherwise.
    all_conds = all(a["accepted"] for a in r["conditions"])
    if not named and all_conds:
        decided = "accepted"
    elif len(named) >= r["items_total"]:
        decided = "rejected"
    else:
        decided = "accepted_in_part"
    d = r["decision"]
    if not (d == decided or (d == "rejected" and r["reason"] is not None)):
        rep.fail("receipt.invalid", "%s: the decision %s does not agree with what it does not accept" % (nm, d), nm)
    vt = r["trust"]
    if d != "rejected" and (vt["sealer_trusted"] is None or vt["sender_trusted"] is None):
        rep.fail("receipt.trust_unrecorded", "%s accepts the bundle but does not record whether its sealer and sender were checked" % nm, nm)
    if ((vt["trust_list_sha256"] is None and (vt["sealer_trusted"] is True or vt["sender_trusted"] is True))
            or ((vt["tsa_roots_sha256"] is None) != (vt["tsa_trusted"] is None))):
        rep.fail("receipt.invalid", "%s: its verification record contradicts itself" % nm, nm)
    # Section 5.5: one key (sealer and sender alike) judged twice must be judged alike; an
    # acceptance of parties the trust list did not vouch for is shown (a warning).
    seal_ev = transfers_by_seq.get(0)
    sent_ev = transfers_by_seq.get(r["transfer_sequence"])
    if (seal_ev is not None and sent_ev is not None
            and seal_ev["signer"]["fingerprint"] == sent_ev["signer"]["fingerprint"]
            and vt["sealer_trusted"] is not None and vt["sender_trusted"] is not None
            and vt["sealer_trusted"] != vt["sender_trusted"]):
        rep.fail("receipt.invalid", "%s: the sealer and the sender are the same key, recorded as trusted once and not once" % nm, nm)
    if d != "rejected" and (vt["sealer_trusted"] is False or vt["sender_trusted"] is False):
        rep.warn("receipt.accepted_untrusted", "%s accepts the bundle although the trust list did not vouch for its sealer or sender" % nm, nm)
    # Every damaged item not named is accepted, unless the bundle is rejected: once per receipt.
    if d != "rejected":
        accepted = len(damaged_items) - sum(1 for x in named if x in damaged_ids)
        for item, path in damaged_items:
            if item not in named:
                rep.fail("receipt.accepts_damaged_item", "%s accepts %s, but its file %s is missing or does not match its SHA-256 (and %d other damaged item(s))" % (nm, escape_text(item), escape_text(path), accepted - 1), nm)
                break


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------

def state_of(rep, trust_given):
    """§9.2: invalid, not_trusted, intact or trusted."""
    fails = [c for c in rep.checks if c["level"] == "fail"]
    if any(not (c["code"].startswith("trust.") or c["code"] == "timestamp.untrusted_root") for c in fails):
        return "invalid"
    if fails or (trust_given and not getattr(rep, "signers", [])):
        return "not_trusted"
    return "trusted" if trust_given else "intact"


def verify_parent(parent, trust, at):
    """The parent's own verification (§9.7), or the reason it could not be verified at all
    (then no check is made: verdict not_checked, exit 2)."""
    try:
        if not os.path.isdir(parent):
            with open(parent, "rb") as bf:
                head = bf.read(64)
            if head.startswith(b"age-encryption.org/") or head.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----"):
                return None, "the parent is an encrypted bundle (age): decrypt it first"
        return verify(parent, trust, at), None
    except NotABundleFolder:
        return None, "the parent is a folder but not an unzipped bundle"
    except UnsupportedFormat:
        return None, "the parent is a bundle of format 1: " + V1_MESSAGE
    except OSError as ex:
        return None, "cannot read the parent: " + str(ex)


def check_against_parent(rep, parent, trust, at):
    """Section 9.7: `verify DERIVED --parent PARENT`. Compares what the verification of each
    bundle read and checked (the copy's manifest, each bundle's events with the SHA-256 of
    their stored bytes): nothing is read again. Returns the report's `parent` member, with its
    own verdict and checks; the copy's own checks and state are untouched."""
    shown = escape_text(parent)
    out = {"bundle": shown, "verdict": "not_checked", "summary": "", "state": None, "bundle_id": None,
           "latest_event": None, "derivation_event": None}
    pr = Report()

    def finish():
        pr.finish()
        failed = [c["code"] for c in pr.checks if c["level"] == "fail"]
        if "parent.not_verified" in failed:
            out["verdict"] = "parent_invalid"
        elif failed:
            out["verdict"] = "does_not_match"
        else:
            out["verdict"] = "matches"
        out["summary"] = "%s: %s" % (shown, out["verdict"])
        out["checks"] = pr.checks
        return out

    manifest = rep.manifest_read
    d = manifest.get("derivation") if manifest is not None else None
    if d is None:
        pr.fail("parent.not_derived", "this bundle is not a derived copy: it names no parent")
        return finish()
    # Still step 1: a copy invalid on its own names a parent its sealer may not have signed.
    if state_of(rep, trust is not None) == "invalid":
        pr.fail("parent.copy_not_verified", "this copy does not verify on its own: what it names of its parent "
                "is not proven")
        return finish()
    prep, why = verify_parent(parent, trust, at)
    if prep is None:
        out["summary"] = "%s could not be checked: %s" % (shown, escape_text(why))
        out["checks"] = []
        return out
    pstate = state_of(prep, trust is not None)
    out["state"] = pstate
    pmanifest = prep.manifest_read
    out["bundle_id"] = pmanifest["bundle_id"] if pmanifest is not None else None
    # Step 2: the parent verifies on its own.
    if pstate == "invalid":
        pr.fail("parent.not_verified", "the parent %s does not verify on its own (%s)" % (shown, pstate))
        return finish()
    pr.ok("parent.verified", "the parent %s verifies on its own (%s)" % (shown, pstate))
    # Step 3: it is the bundle the copy names: its bundle id and its seal event as stored.
    links = prep.links
    seal = links[0] if links and links[0]["sequence"] == 0 and links[0]["type"] == "seal" else None
    if out["bundle_id"] != d["parent"] or seal is None or seal["sha256"] != d["seal_sha256"]:
        if out["bundle_id"] == manifest["bundle_id"]:
            pr.fail("parent.other_bundle", "%s is this copy itself, not the bundle it was derived from (%s)"
                    % (shown, d["parent"]))
        else:
            pr.fail("parent.other_bundle", "%s is not the bundle this copy was derived from" % shown)
        return finish()
    # Step 4: it holds the event the copy names as the parent's latest.
    latest = d["latest_sha256"]
    found = [ln["sequence"] for ln in links if ln["sha256"] == latest]
    if found:
        out["latest_event"] = found[0]
        pr.ok("parent.latest_event", "the parent holds event %d, the one this copy names as its latest" % found[0])
    else:
        pr.fail("parent.latest_event_missing", "%s holds no event whose SHA-256 is %s" % (shown, latest))
    # Step 5: the derivation event naming this copy, if it was recorded: the one after the
    # latest event the copy names, else the first; more than one is a warning.
    recorded = [ln for ln in links if ln["derivation"] is not None
                and ln["derivation"]["bundle_id"] == manifest["bundle_id"]]
    if not recorded:
        pr.warn("parent.derivation_unrecorded", "no derivation event of %s names this copy" % shown)
        return finish()
    ln = next((r for r in recorded if r["previous"] == latest), recorded[0])
    c = ln["derivation"]
    out["derivation_event"] = ln["sequence"]
    own = rep.links
    own_seal = own[0]["sha256"] if own and own[0]["sequence"] == 0 else None
    if c["seal_event_sha256"] != own_seal:
        why = "another seal event hash than this copy's"
    elif c["items"] != [it["id"] for it in manifest["items"]]:
        why = "other items than this copy carries"
    elif ln["previous"] != latest:
        why = "its previous event is not the one this copy names as the parent's latest"
    else:
        why = None
    if why is None:
        pr.ok("parent.derivation_recorded", "the parent's derivation event %d records this copy" % ln["sequence"])
    else:
        pr.fail("parent.derivation_mismatch", "the parent's derivation event %d names this copy's bundle id, but %s"
                % (ln["sequence"], why))
    if len(recorded) > 1:
        pr.warn("parent.derivation_repeated", "%s records this copy in more than one derivation event (%s); "
                "checked against event %d" % (shown, ", ".join(str(r["sequence"]) for r in recorded), ln["sequence"]))
    return finish()


def exit_status(state, parent):
    """Section 9.2's exit status, with --parent the worse of it and the parent verdict's (9.7):
    2 when the parent could not be checked, else 1 when the copy is invalid or not trusted or
    the parent does not match or is invalid, else 0."""
    own = 0 if state in ("trusted", "intact") else 1
    if parent is None:
        return own
    theirs = {"matches": 0, "does_not_match": 1, "parent_invalid": 1}.get(parent["verdict"], 2)
    return max(own, theirs)


USAGE = "usage: verify_bundle.py [--json] [--trust FILE] [--at YYYY-MM-DD] [--parent PARENT] BUNDLE.zip|UNZIPPED-FOLDER"



def cannot_verify(kind, message, as_json):
    """§9.2: the bundle cannot be verified (exit 2, neither valid nor invalid). With --json
    the error goes to stdout in the shape of custody's `custody.error/1`; the line on stderr
    is always written. `message` is already escaped."""
    if as_json:
        print(escape_json(json.dumps({"format": "custody.error/1", "error": {
            "kind": kind, "message": message, "remedy": None, "causes": []},
            "exit_code": 2}, indent=2, ensure_ascii=False)))
    print("error: " + message, file=sys.stderr)
    return 2

def main(argv):
    if unicodedata.unidata_version != "14.0.0":
        print("note: this Python has Unicode %s; spec §3.4 compares names under Unicode 14.0.0 (Python 3.11), "
              "so names using characters added since may be judged differently" % unicodedata.unidata_version,
              file=sys.stderr)
    as_json = False
    trust_path = None
    at = None
    bundle = None
    parent = None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--json":
            as_json = True
        elif a == "--trust":
            if i + 1 >= len(argv):
                print(USAGE, file=sys.stderr)
                return 2
            trust_path = argv[i + 1]
            i += 1
        elif a.startswith("--trust="):
            trust_path = a[len("--trust="):]
        elif a == "--at" or a.startswith("--at="):
            if a == "--at":
                if i + 1 >= len(argv):
                    print(USAGE, file=sys.stderr)
                    return 2
                at = argv[i + 1]
                i += 1
            else:
                at = a[len("--at="):]
            if not date_ok(at):
                print("error: --at %s is not a date YYYY-MM-DD\n%s" % (escape_text(at), USAGE), file=sys.stderr)
                return 2
        elif a == "--parent":
            if i + 1 >= len(argv):
                print(USAGE, file=sys.stderr)
                return 2
            parent = argv[i + 1]
            i += 1
        elif a in ("-h", "--help"):
            print(USAGE)
            return 0
        elif a.startswith("-") and a != "-":
            print("unknown option %s\n%s" % (a, USAGE), file=sys.stderr)
            return 2
        elif bundle is None:
            bundle = a
        else:
            print(USAGE, file=sys.stderr)
            return 2
        i += 1
    if bundle is None:
        print(USAGE, file=sys.stderr)
        return 2
    trust = None
    if trust_path is not None:
        try:
            with open(trust_path, "rb") as tf:
                trust = parse_trust_list(tf.read())
        except OSError as ex:
            print("error: cannot read trust list %s: %s" % (escape_text(trust_path), escape_text(str(ex))), file=sys.stderr)
            return 2
        except TrustError as ex:
            print("error: trust list %s is malformed: %s" % (escape_text(trust_path), escape_text(str(ex))), file=sys.stderr)
            return 2
    if os.path.isdir(bundle):
        # §9.6: an unzipped bundle (a folder).
        try:
            rep = verify(bundle, trust, at)
        except NotABundleFolder:
            print("error: %s is a folder but not an unzipped bundle: expected bagit.txt or custody/manifest.json in it, "
                  "or in the one folder custody-<id>/ inside it" % escape_text(bundle), file=sys.stderr)
            return 2
        except OSError as ex:
            print("error: cannot read %s: %s" % (escape_text(bundle), escape_text(str(ex))), file=sys.stderr)
            return 2
        return print_report(bundle, rep, trust, as_json, parent, at)
    if not os.path.isfile(bundle):
        print("error: %s is missing or not a file" % escape_text(bundle), file=sys.stderr)
        return 2
    # An encrypted bundle (an age file, docs/data-protection.md) is not a bundle: no verdict
    # (exit 2, as custody without an identity); it is decrypted first with age.
    try:
        with open(bundle, "rb") as bf:
            head = bf.read(64)
    except OSError as ex:
        print("error: cannot read %s: %s" % (escape_text(bundle), escape_text(str(ex))), file=sys.stderr)
        return 2
    if head.startswith(b"age-encryption.org/") or head.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----"):
        message = ("%s: this file is an encrypted bundle (age); decrypt it first with your identity, "
                   "with stock age: age -d -i IDENTITY -o bundle.zip %s, then verify bundle.zip" % (escape_text(bundle), escape_text(bundle)))
        return cannot_verify("encryption", message, as_json)
    try:
        rep = verify(bundle, trust, at)
    except OSError as ex:
        print("error: cannot read %s: %s" % (escape_text(bundle), escape_text(str(ex))), file=sys.stderr)
        return 2
    except UnsupportedFormat:
        # §9.2: cannot verify (exit 2), neither valid nor invalid; the error in the shape of
        # custody's `custody.error/1`, kind unsupported_format.
        return cannot_verify("unsupported_format", "%s: %s" % (escape_text(bundle), V1_MESSAGE), as_json)
    return print_report(bundle, rep, trust, as_json, parent, at)


def print_report(bundle, rep, trust, as_json, parent_path=None, at=None):
    """Prints the report of `bundle` (checked against `parent_path`, if given) and returns
    the exit status."""
    state = state_of(rep, trust is not None)
    failures = sorted(set(c["code"] for c in rep.checks if c["level"] == "fail"))
    parent = None if parent_path is None else check_against_parent(rep, parent_path, trust, at)
    try:
        if as_json:
            doc = {"format": "custody.verify-report/2", "state": state, "failures": failures,
                   "evaluated_at": rep.evaluated_at, "checks": rep.checks}
            if parent is not None:
                doc["parent"] = parent
            print(escape_json(json.dumps(doc, indent=2, ensure_ascii=False)))
        else:
            label = {"not_trusted": "NOT TRUSTED (intact)"}.get(state, state.upper())
            print("%s: %s" % (escape_text(bundle), label))
            for c in rep.checks:
                if c["level"] != "pass":
                    print("  %s %s: %s" % (c["level"].upper(), c["code"], escape_text(c["message"])))
            if failures:
                print("failing checks: " + ", ".join(failures))
            if parent is not None:
                print("parent %s: %s" % (parent["verdict"].upper().replace("_", " "), escape_text(parent["summary"])))
                for c in parent["checks"]:
                    print("  %s %s: %s" % (c["level"].upper(), c["code"], escape_text(c["message"])))
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    return exit_status(state, parent)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
