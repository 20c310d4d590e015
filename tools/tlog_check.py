#!/usr/bin/env python3
"""An independent check of a running custody log (issue #20, docs/custody-log.md), written
from RFC 6962 / RFC 9162, the C2SP signed-note and tlog-checkpoint specifications and the
log's HTTP API (docs/custody-log.md section 5), not from custody's code.

  tlog_check.py submit URL COUNT CLAIMS    submit COUNT claims (some resubmitted, some
                                           conflicting), write every claim sent to CLAIMS
  tlog_check.py check URL VKEY CLAIMS      rebuild the log from the claims and check it

`check` verifies the checkpoint's signature and key id against the verifier key, finds every
claim's entries with /v1/lookup, checks that the entries cover the tree exactly once (one
event per slot, the first claim; later different claims recorded as conflicts), recomputes
the tree head from the leaves (98-byte inputs) and compares it with the signed one, then asks
the log for inclusion and consistency proofs at sampled sizes and requires them byte-equal to
its own (RFC 6962 section 2.1.1 PATH and 2.1.2 PROOF), and valid by RFC 9162's algorithms;
last it fetches every level-0 and level-1 tile and entry bundle (C2SP tlog-tiles), compares
them with its own tree, and rebuilds the signed head from the entry bundles alone.
Exit 0 when everything agrees, 1 on a disagreement (printed), 2 on a usage or network error.
Needs Python 3.9+, the `cryptography` package (Ed25519) and tools/verify_bundle.py beside it.
"""

import base64
import hashlib
import json
import random
import sys
import urllib.error
import urllib.request

# The RFC 6962 hashes and RFC 9162's inclusion check are the second verifier's (one copy of
# them in this repository's independent implementations; it sits beside this script).
from verify_bundle import leaf_hash, node_hash, verify_inclusion

EM_DASH = "\u2014"


def h(b):
    return hashlib.sha256(b).digest()


def split(n):
    """The largest power of two smaller than n (n > 1)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


class Tree:
    """Leaf hashes with memoised subtree heads: MTH(D[lo:hi]) for the ranges RFC 6962 uses."""

    def __init__(self, leaves):
        self.leaves = leaves
        self.memo = {}

    def mth(self, lo, hi):
        n = hi - lo
        if n == 0:
            return h(b"")
        if n == 1:
            return self.leaves[lo]
        key = (lo, hi)
        if key not in self.memo:
            k = split(n)
            self.memo[key] = node_hash(self.mth(lo, lo + k), self.mth(lo + k, hi))
        return self.memo[key]

    def path(self, m, lo, hi):
        """RFC 6962 2.1.1 PATH(m, D[lo:hi])."""
        n = hi - lo
        if n <= 1:
            return []
        k = split(n)
        if m < k:
            return self.path(m, lo, lo + k) + [self.mth(lo + k, hi)]
        return self.path(m - k, lo + k, hi) + [self.mth(lo, lo + k)]

    def subproof(self, m, lo, hi, complete):
        """RFC 6962 2.1.2 SUBPROOF(m, D[lo:hi], b)."""
        n = hi - lo
        if m == n:
            return [] if complete else [self.mth(lo, hi)]
        k = split(n)
        if m <= k:
            return self.subproof(m, lo, lo + k, complete) + [self.mth(lo + k, hi)]
        return self.subproof(m - k, lo + k, hi, False) + [self.mth(lo, lo + k)]

    def proof(self, m, n):
        if m == 0 or m == n:
            return []
        return self.subproof(m, 0, n, True)


def verify_consistency(m, n, old_root, new_root, proof):
    """RFC 9162 2.1.4.2 (m > 0, m < n)."""
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


def parse_vkey(text):
    """C2SP signed-note verifier key: NAME+KEYID(8 hex)+BASE64(0x01 || Ed25519 key)."""
    name, key_id, key = text.strip().split("+", 2)
    raw = base64.b64decode(key, validate=True)
    if len(raw) != 33 or raw[0] != 1:
        raise ValueError("not an Ed25519 verifier key")
    want = h(name.encode() + b"\n" + raw)[:4]
    if bytes.fromhex(key_id) != want:
        raise ValueError("the key id is not the key's")
    return name, want, raw[1:]


def open_checkpoint(note, vkey):
    """The (origin, size, root) of a checkpoint note signed by vkey, else ValueError."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    name, key_id, pub = vkey
    text, sep, sigs = note.partition("\n\n")
    if not sep:
        raise ValueError("no blank line before the signatures")
    text += "\n"
    good = False
    for line in sigs.splitlines():
        if not line.startswith(EM_DASH + " "):
            raise ValueError("a signature line without the em dash")
        who, b64 = line[2:].rsplit(" ", 1)
        blob = base64.b64decode(b64, validate=True)
        if who == name and blob[:4] == key_id:
            try:
                Ed25519PublicKey.from_public_bytes(pub).verify(blob[4:], text.encode())
            except Exception as e:  # cryptography's InvalidSignature
                raise ValueError("the log's signature does not verify") from e
            good = True
    if not good:
        raise ValueError("no signature by the log's key")
    lines = text.split("\n")
    origin, size, root = lines[0], int(lines[1]), base64.b64decode(lines[2], validate=True)
    if origin != name or len(root) != 32 or str(size) != lines[1]:
        raise ValueError("a malformed checkpoint body")
    return origin, size, root


def http(url, body=None):
    req = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    if body is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def submit(url, count, out):
    rng = random.Random(20)
    sent, slots = [], []
    for i in range(count):
        roll = rng.random()
        if slots and roll < 0.1:  # the same claim again: idempotent
            claim = dict(rng.choice(sent))
        elif slots and roll < 0.15:  # another event for a taken slot: a conflict
            claim = {"slot": rng.choice(slots), "event": rng.randbytes(32).hex(), "signer": rng.randbytes(32).hex()}
        else:
            claim = {"slot": rng.randbytes(32).hex(), "event": rng.randbytes(32).hex(), "signer": rng.randbytes(32).hex()}
            slots.append(claim["slot"])
        status, body = http(url + "/v1/submit", json.dumps(claim).encode())
        if status not in (200, 201, 409):
            sys.exit(f"tlog-check: submission {i} answered {status}: {body[:200]!r}")
        sent.append(claim)
    with open(out, "w") as f:
        for c in sent:
            f.write(json.dumps(c) + "\n")
    print(f"tlog-check: {count} claims submitted to {url}, {len(slots)} slots")


def check(url, vkey_file, claims_file, samples=60):
    vkey = parse_vkey(open(vkey_file).read())
    claims = [json.loads(line) for line in open(claims_file) if line.strip()]
    status, note = http(url + "/checkpoint")
    if status != 200:
        sys.exit(f"tlog-check: /checkpoint answered {status}")
    _, size, root = open_checkpoint(note.decode(), vkey)
    # What the claims, in the order sent, must have made: the first claim of a slot its
    # event, each later different claim a conflict record (at most 16 a slot).
    first, conflicts, order = {}, {}, []
    for c in claims:
        s = c["slot"]
        if s not in first:
            first[s] = (c["event"], c["signer"])
            order.append(s)
        elif (c["event"], c["signer"]) != first[s]:
            conflicts.setdefault(s, set()).add((c["event"], c["signer"]))
    entries = {}
    for i in range(0, len(order), 1024):
        status, body = http(url + "/v1/lookup", json.dumps({"slots": order[i:i + 1024]}).encode())
        if status != 200:
            sys.exit(f"tlog-check: /v1/lookup answered {status}: {body[:200]!r}")
        for s in json.loads(body)["slots"]:
            for e in s["entries"]:
                if e["index"] in entries:
                    return fail(f"index {e['index']} is given to two entries")
                entries[e["index"]] = (e["kind"], s["slot"], e["event"], e["signer"])
    bad = []
    if sorted(entries) != list(range(size)):
        bad.append(f"the lookups give {len(entries)} entries for a tree of {size}")
    for s in order:
        mine = [v for v in entries.values() if v[1] == s]
        events = [(v[2], v[3]) for v in mine if v[0] == "event"]
        recorded = {(v[2], v[3]) for v in mine if v[0] == "conflict"}
        if events != [first[s]]:
            bad.append(f"slot {s[:16]}...: events {events}, expected the first claim")
        want = conflicts.get(s, set())
        if not (recorded <= want and len(recorded) == min(len(want), 16)):
            bad.append(f"slot {s[:16]}...: {len(recorded)} conflicts recorded of {len(want)} sent")
    if bad:
        return fail("; ".join(bad[:10]))
    kinds = {"event": 1, "conflict": 2}
    leaves = []
    for i in range(size):
        kind, s, e, g = entries[i]
        data = bytes([1, kinds[kind]]) + bytes.fromhex(s) + bytes.fromhex(e) + bytes.fromhex(g)
        assert len(data) == 98
        leaves.append(leaf_hash(data))
    tree = Tree(leaves)
    if tree.mth(0, size) != root:
        return fail(f"the signed head of {size} leaves is not the head of the leaves the log gives")
    rng = random.Random(7)
    for _ in range(samples):
        n = rng.randint(1, size)
        i = rng.randrange(n)
        status, body = http(url + f"/v1/proof/inclusion?index={i}&size={n}")
        got = [bytes.fromhex(x) for x in json.loads(body)["proof"]] if status == 200 else None
        if got != tree.path(i, 0, n) or not verify_inclusion(i, n, leaves[i], got, tree.mth(0, n)):
            return fail(f"inclusion proof ({i}, {n}) differs from RFC 6962's PATH")
        m = rng.randint(1, n)
        status, body = http(url + f"/v1/proof/consistency?from={m}&to={n}")
        got = [bytes.fromhex(x) for x in json.loads(body)["proof"]] if status == 200 else None
        ok = got == tree.proof(m, n) and (m == n or verify_consistency(m, n, tree.mth(0, m), tree.mth(0, n), got))
        if not ok:
            return fail(f"consistency proof ({m}, {n}) differs from RFC 6962's PROOF")
    tiles = check_tiles(url, size, leaves, tree)
    if tiles is None:
        return 1
    print(f"tlog-check: {size} leaves; the signed head, {len(order)} slots, {samples} inclusion and "
          f"{samples} consistency proofs and {tiles} tiles agree")
    return 0


def tile_index(n):
    """tlog-tiles: N in groups of three digits, all but the last prefixed with x."""
    groups = []
    while True:
        groups.append(f"{n % 1000:03d}")
        n //= 1000
        if n == 0:
            break
    groups.reverse()
    return "/".join(["x" + g for g in groups[:-1]] + [groups[-1]])


def check_tiles(url, size, leaves, tree):
    """Every level-0 and level-1 tile and every entry bundle of the tree, fetched and compared;
    the head recomputed from the entry bundles alone (what an auditor without the lookups
    does). Returns the number of tiles checked, or None after printing a mismatch."""
    count = 0
    from_bundles = []
    for level, width in ((0, size), (1, size // 256)):
        for idx in range((width + 255) // 256):
            w = min(256, width - 256 * idx)
            suffix = "" if w == 256 else f".p/{w}"
            status, body = http(url + f"/tile/{level}/{tile_index(idx)}{suffix}")
            span = 256 ** level
            want = b"".join(tree.mth(span * j, span * (j + 1)) for j in range(256 * idx, 256 * idx + w))
            if status != 200 or body != want:
                fail(f"tile {level}/{tile_index(idx)}{suffix} differs ({status})")
                return None
            count += 1
            if level == 0:
                status, body = http(url + f"/tile/entries/{tile_index(idx)}{suffix}")
                at = 0
                while status == 200 and at + 2 <= len(body):
                    n = int.from_bytes(body[at:at + 2], "big")
                    from_bundles.append(leaf_hash(body[at + 2:at + 2 + n]))
                    at += 2 + n
                if status != 200 or at != len(body):
                    fail(f"entry bundle {tile_index(idx)}{suffix} is malformed ({status})")
                    return None
                count += 1
    if from_bundles != leaves or Tree(from_bundles).mth(0, size) != tree.mth(0, size):
        fail("the entry bundles do not rebuild the signed head")
        return None
    return count


def fail(why):
    print(f"tlog-check: MISMATCH: {why}")
    return 1


def main(argv):
    try:
        if len(argv) == 4 and argv[0] == "submit":
            submit(argv[1].rstrip("/"), int(argv[2]), argv[3])
            return 0
        if len(argv) == 4 and argv[0] == "check":
            return check(argv[1].rstrip("/"), argv[2], argv[3])
    except (OSError, ValueError) as e:
        print(f"tlog-check: {e}", file=sys.stderr)
        return 2
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
