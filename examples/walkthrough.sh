#!/usr/bin/env bash
# The custody walkthrough: builds the tool, then on the synthetic evidence in
# examples/evidence/ an investigator makes a key, seals the capture, and a prosecutor
# verifies it, first as it is, then against a trust list, then after someone tampered with it.
#
# Usage: examples/walkthrough.sh [WORKDIR]    (default: a new temporary directory, kept)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d "${TMPDIR:-/tmp}/custody-walkthrough.XXXX")}
mkdir -p "$work"
say() { printf "\n### %s\n" "$*"; }

say "Building custody (first time: about a minute)"
cargo build --locked --quiet --release -p custody-cli --manifest-path "$root/Cargo.toml"
custody() { "$root/target/release/custody" "$@"; }
cd "$work"
echo "working in $work"

say "1. The investigator makes a key (once)"
[ -f alice.key ] || custody keygen --out alice.key --name "Alice Wang" --org "City Police, Cyber Unit" \
  --role investigator --jurisdiction CN

say "2. She seals the captured thread and video (metadata comes from the .capture.json sidecars)"
custody seal --key alice.key --case-ref 2026-CT-0412 --out case.zip --force \
  "$root/examples/evidence/forum-thread" "$root/examples/evidence/video-77.mp4"

say "3. The prosecutor verifies it: intact, signers not yet checked"
custody verify case.zip

say "4. The prosecutor has received Alice's public key through a trusted channel: trusted"
rm -f trusted-keys.txt
custody trust add alice.key.pub --file trusted-keys.txt
custody verify --trust trusted-keys.txt case.zip | head -3

say "5. Someone alters one byte of the video inside the bundle: invalid, exit status 1"
cp case.zip tampered.zip
offset=$(( $(stat -c %s tampered.zip) / 2 ))
printf 'X' | dd of=tampered.zip bs=1 seek="$offset" conv=notrunc status=none
set +e
custody verify tampered.zip | grep -E 'State|FAIL'
status=${PIPESTATUS[0]}
set -e
echo "custody verify exit status: $status"
[ "$status" -eq 1 ]

say "Done. The bundle is $work/case.zip; unzip it to see a BagIt bag with HOW-TO-VERIFY.txt."
