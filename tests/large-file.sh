#!/usr/bin/env bash
# Seals and verifies one 5 GiB file and checks that memory stays bounded (peak RSS under
# 64 MiB for each) and that ZIP64 works (the entry and the archive exceed 4 GiB).
# Needs about 5.5 GiB of free disk in TMPDIR. Uses the release build.
#
# Usage: tests/large-file.sh [path/to/custody]   (default: target/release/custody)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
custody=${1:-$root/target/release/custody}
[ -x /usr/bin/time ] || { echo "large-file: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/custody-large.XXXX")
trap 'rm -rf "$work"' EXIT
limit_kb=$((64 * 1024))
# A sparse 5 GiB file: cheap to make, and memory use does not depend on the bytes. (Speed
# on real data is measured by bench/, not here.) A few non-zero bytes make it non-trivial.
truncate -s 5G "$work/big.bin"
printf 'start' | dd of="$work/big.bin" conv=notrunc status=none
printf 'end' | dd of="$work/big.bin" bs=1 seek=$((5 * 1024 * 1024 * 1024 - 3)) conv=notrunc status=none
"$custody" keygen --out "$work/k.key" --name "Load Test" --org "CI" --role examiner --jurisdiction DE >/dev/null

rss() { grep 'Maximum resident set size' "$1" | awk '{print $NF}'; }
/usr/bin/time -v "$custody" seal --key "$work/k.key" --case-ref BIG-1 --out "$work/big.zip" "$work/big.bin" \
  >/dev/null 2>"$work/seal.time"
/usr/bin/time -v "$custody" verify --format json "$work/big.zip" >"$work/report.json" 2>"$work/verify.time"
grep -q '"state": "intact"' "$work/report.json" || { echo "large-file: the 5 GiB bundle did not verify" >&2; exit 1; }
unzip -l "$work/big.zip" >"$work/listing"
grep -q 'data/item-1/big.bin' "$work/listing" || { echo "large-file: unzip cannot list the bundle" >&2; exit 1; }
seal_kb=$(rss "$work/seal.time"); verify_kb=$(rss "$work/verify.time")
echo "large-file: 5 GiB seal peak RSS ${seal_kb} KiB, verify peak RSS ${verify_kb} KiB (limit ${limit_kb} KiB)"
echo "large-file: seal $(grep 'Elapsed' "$work/seal.time" | awk '{print $NF}'), verify $(grep 'Elapsed' "$work/verify.time" | awk '{print $NF}') (wall)"
[ "$seal_kb" -lt "$limit_kb" ] && [ "$verify_kb" -lt "$limit_kb" ]

# Many files: 60,000 small files make a manifest larger than any single tag-file limit
# except the manifests' own; the bundle must still verify.
rm -f "$work/big.bin" "$work/big.zip"
mkdir "$work/many"
python3 - "$work/many" <<'PY'
import os, sys
root = sys.argv[1]
for d in range(60):
    os.mkdir(os.path.join(root, f"d{d:02}"))
    for f in range(1000):
        with open(os.path.join(root, f"d{d:02}", f"post-{f:04}.json"), "w") as fh:
            fh.write('{"id": %d}' % (d * 1000 + f))
PY
"$custody" seal --key "$work/k.key" --case-ref MANY-1 --out "$work/many.zip" "$work/many" >/dev/null
"$custody" verify --format json "$work/many.zip" >"$work/many.json"
grep -q '"state": "intact"' "$work/many.json" || { echo "large-file: the 60,000-file bundle did not verify" >&2; exit 1; }
echo "large-file: 60,000 files sealed and verified intact"
