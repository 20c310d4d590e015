#!/usr/bin/env python3
"""Seal against verify on the same files (issue #22 point 2: seal within 1.2x of verify).

Runs N pairs: seal DIR into a bundle, verify that bundle, delete it; wall time of each by
perf_counter, the 1-minute load average beside each pair, and the medians and their ratio at
the end. Run it on a quiet machine (no build running): the ratio is a wall-time bound.

    bench/seal-verify-pairs.py CUSTODY KEY DIR [N] [WORKDIR]

CUSTODY is the release binary (target/release/custody), KEY a signing key (custody keygen),
DIR the files (bench/million.sh makes them), N pairs (default 5), WORKDIR where the bundle is
written (default the current folder). docs/performance.md run 13 used N=5, twice.
"""
import os
import statistics
import subprocess
import sys
import time


def timed(cmd):
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed (exit {done.returncode}): {' '.join(cmd)}")
    return took


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    custody, key, data = sys.argv[1:4]
    pairs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    bundle = os.path.join(sys.argv[5] if len(sys.argv) > 5 else ".", "seal-verify-pairs.zip")
    seals, verifies = [], []
    for _ in range(pairs):
        if os.path.exists(bundle):
            os.remove(bundle)
        seal = timed([custody, "seal", "--jobs", "2", "--key", key, "--case-ref", "BENCH",
                      "--out", bundle, data])
        verify = timed([custody, "verify", bundle])
        print(f"seal {seal:.2f} s  verify {verify:.2f} s  load {os.getloadavg()[0]:.2f}", flush=True)
        seals.append(seal)
        verifies.append(verify)
    os.remove(bundle)
    s, v = statistics.median(seals), statistics.median(verifies)
    print(f"median seal {s:.2f} s  verify {v:.2f} s  seal/verify {s / v:.3f}")


if __name__ == "__main__":
    main()
