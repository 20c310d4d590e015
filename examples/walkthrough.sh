#!/usr/bin/env bash
# The custody walkthrough, on the synthetic evidence in examples/evidence/: a four-party
# mutual legal assistance flow.
#
#   A  Alice Wang, investigator, City Police (CN): captures and seals the evidence;
#   B  Bo Li, prosecutor (CN): receives it for prosecution review;
#   C  Chen Yu, central authority (CN): sends it abroad under an MLA request;
#   D  Dana Schmidt, central authority (DE): receives it, accepting some conditions and
#      refusing one, and declining one item.
#
# Then D verifies the final bundle against a trust list, and we show what tampering does.
#
# Usage: examples/walkthrough.sh [WORKDIR]    (default: a new temporary directory, kept;
#        it holds the example parties' private keys: remove it when done)
#        CUSTODY_BIN=path/to/custody uses that binary instead of building one
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d "${TMPDIR:-/tmp}/custody-walkthrough.XXXX")}
mkdir -p "$work"
say() { printf '\n### %s\n' "$*"; }

if [ -n "${CUSTODY_BIN:-}" ]; then
  bin=$CUSTODY_BIN   # an already built custody (tests/run.sh builds once for every step)
else
  say "Building custody: the first time takes about 5 minutes on 2 idle cores (cargo shows its progress), then seconds"
  cargo build --locked -p custody-cli --manifest-path "$root/Cargo.toml"
  bin=${CARGO_TARGET_DIR:-$root/target}/debug/custody
fi
custody() { "$bin" "$@"; }
cd "$work"
rm -f ./*.key ./*.key.pub case.zip trusted-keys.txt tampered.zip
echo "working in $work"

say "0. Each party makes a key once and shares the .pub file"
custody keygen --out alice.key --name "Alice Wang" --org "City Police, Cyber Unit" --role investigator --jurisdiction CN
custody keygen --out bo.key --name "Bo Li" --org "City Procuratorate" --role prosecutor --jurisdiction CN >/dev/null
custody keygen --out chen.key --name "Chen Yu" --org "Ministry of Justice, Central Authority" --role central_authority --jurisdiction CN >/dev/null
custody keygen --out dana.key --name "Dana Schmidt" --org "Bundesamt für Justiz" --role central_authority --jurisdiction DE >/dev/null
# Each recipient confirms the others' keys (fingerprints) over a trusted channel first:
# receive accepts only what its trust list vouches for.
for k in alice bo chen dana; do custody trust add "$k.key.pub" --file trusted-keys.txt >/dev/null; done

say "1. Alice seals the captured thread and video (capture metadata from the .capture.json sidecars)"
custody seal --key alice.key --case-ref 2026-CT-0412 --out case.zip \
  "$root/examples/evidence/forum-thread" "$root/examples/evidence/video-77.mp4" "$root/examples/evidence/analyst-notes.txt"

say "2. Alice hands it to the prosecutor; Bo verifies and signs a receipt"
custody transfer case.zip --key alice.key --to bo.key.pub --purpose "prosecution review" \
  --condition "use_limitation: only for proceedings 2026-CT-0412"
custody receive case.zip --key bo.key --trust trusted-keys.txt

say "3. Bo hands it to the central authority for an MLA request; Chen receives it"
custody transfer case.zip --key bo.key --to chen.key.pub --purpose "request for mutual legal assistance to Germany"
custody receive case.zip --key chen.key --trust trusted-keys.txt

say "4. Chen sends it to the German central authority under the request, with conditions"
custody transfer case.zip --key chen.key --to dana.key.pub --purpose "execution of MLA request" \
  --legal-basis "Budapest Convention art. 25 and 31; CN-DE MLA treaty art. 7" \
  --request-ref MLA-CN-DE-2026-0077 \
  --condition "use_limitation: only for criminal proceedings concerning case 2026-CT-0412" \
  --condition "onward_transfer: not to a third state without prior consent of the CN Ministry of Justice" \
  --condition "retention: delete by 2031-12-31"

say "5. Dana verifies and receives: declines the analyst notes (not requested), refuses condition 3"
custody receive case.zip --key dana.key --trust trusted-keys.txt \
  --reject item-3 --reason "not covered by the request" \
  --refuse-condition 3 --reason "German law requires retention until the proceedings end"

say "6. Dana has the four public keys from trusted channels; the final report"
for k in alice bo chen dana; do custody trust add "$k.key.pub" --file trusted-keys.txt >/dev/null; done
custody verify --trust trusted-keys.txt case.zip

say "7. Someone alters one byte of the video inside the bundle: INVALID, exit status 1"
cp case.zip tampered.zip
offset=$(( $(stat -c %s tampered.zip) / 2 ))
printf 'X' | dd of=tampered.zip bs=1 seek="$offset" conv=notrunc status=none
set +e
custody verify tampered.zip > tampered-report.txt
status=$?
set -e
grep -E 'State|FAIL' tampered-report.txt
echo "custody verify exit status: $status"
[ "$status" -eq 1 ]

say "Done. The bundle is $work/case.zip; unzip it to see a BagIt bag with HOW-TO-VERIFY.txt."
echo "$work holds the example parties' private keys; remove it when done: rm -rf $work"
