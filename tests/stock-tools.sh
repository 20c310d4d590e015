#!/usr/bin/env bash
# Checks bundles with stock tools only (tests/verify-by-hand.sh: unzip, bagit.py from
# PyPI, sha256sum, openssl), as docs/bundle-format.md and the HOW-TO-VERIFY.txt inside every
# bundle tell a person to. Positive: a fresh bundle and the sealed test
# vector pass every step. Negative: tampered test vectors fail at least one step.
#
# Usage: tests/stock-tools.sh [path/to/custody]   (default: target/debug/custody)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
custody=${1:-$root/target/debug/custody}
for tool in unzip sha256sum openssl python3; do
  command -v "$tool" >/dev/null || { echo "stock-tools: '$tool' is needed (e.g. apt-get install $tool)" >&2; exit 2; }
done
venv=$root/target/stock-tools-venv
if [ ! -x "$venv/bin/bagit.py" ]; then
  python3 -m venv "$venv" && "$venv/bin/pip" install --quiet 'bagit==1.9.0'
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pass=0 fail=0
expect() { # expect ok|bad BUNDLE [TSA_ROOTS]
  if bash "$root/tests/verify-by-hand.sh" "$2" "$venv/bin/bagit.py" "${3:-}" >/dev/null 2>&1; then got=ok; else got=bad; fi
  if [ "$got" = "$1" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "stock-tools: $2: expected $1, got $got" >&2; fi
}

mkdir -p "$work/ev/capture" && echo '<html>x</html>' > "$work/ev/capture/index.html"
printf 'video' > "$work/ev/clip 100%.mp4"
"$custody" keygen --out "$work/k.key" --name "Test Person" --org "Test Unit" --role investigator --jurisdiction DE >/dev/null
"$custody" seal --key "$work/k.key" --case-ref T-1 --out "$work/fresh.zip" "$work/ev/capture" "$work/ev/clip 100%.mp4" >/dev/null
expect ok "$work/fresh.zip"
expect ok "$root/tests/vectors/sealed.zip"
expect ok "$root/tests/vectors/chain-transfer-pending.zip"
expect ok "$root/tests/vectors/chain-4party.zip"
for v in payload-modified payload-missing payload-added manifest-edited event-edited signature-swapped \
         tagmanifest-edited payload-bitflip unsigned-tag-file chain-event-deleted chain-spliced \
         cd-symlink-host-fat cd-setuid cd-executable cd-internal-attributes cd-made-by-host cd-dos-time; do
  expect bad "$root/tests/vectors/$v.zip"
done
# The version needed is refused by the zipinfo step, before unzip would skip the entry.
why=$(bash "$root/tests/verify-by-hand.sh" "$root/tests/vectors/cd-version-needed.zip" 2>&1 >/dev/null || true)
if [[ $why == *"version needed to extract"* ]]; then
  pass=$((pass + 1))
else
  fail=$((fail + 1)); echo "stock-tools: cd-version-needed.zip must fail at the zipinfo step" >&2
fi
# Trusted time: tokens that custody stored (seal, transfer, and added later by `custody
# timestamp`) verify with `openssl ts -verify`, from a local test TSA (tests/test-tsa.py:
# openssl ts -reply behind an HTTP listener on 127.0.0.1). Not with another root.
python3 "$root/tests/test-tsa.py" "$work/tsa" 300 &
tsa_pid=$!
trap 'kill $tsa_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -f "$work/tsa/url" ] && break; sleep 0.2; done
tsa=$(cat "$work/tsa/url")
"$custody" keygen --out "$work/r.key" --name "Recipient" --org "Test Unit" --role prosecutor --jurisdiction DE >/dev/null
"$custody" seal --key "$work/k.key" --case-ref T-2 --out "$work/stamped.zip" --tsa "$tsa" "$work/ev/capture" >/dev/null
"$custody" transfer "$work/stamped.zip" --key "$work/k.key" --to "$work/r.key.pub" --purpose review >/dev/null
"$custody" timestamp "$work/stamped.zip" --tsa "$tsa" >/dev/null
"$custody" receive "$work/stamped.zip" --key "$work/r.key" --accept-untrusted --tsa "$tsa" >/dev/null
expect ok "$work/stamped.zip" "$work/tsa/root.pem"
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/wrong.key" \
  -out "$work/wrong-root.pem" -days 30 -subj "/CN=Not The TSA Root" 2>/dev/null
expect bad "$work/stamped.zip" "$work/wrong-root.pem"
expect ok "$root/tests/vectors/timestamp-valid.zip" "$root/tests/vectors/keys/tsa-root.pem"
expect bad "$root/tests/vectors/timestamp-tampered.zip" "$root/tests/vectors/keys/tsa-root.pem"
expect bad "$root/tests/vectors/timestamp-other-data.zip" "$root/tests/vectors/keys/tsa-root.pem"
# Judged at genTime (-attime), as custody does: a certificate no longer valid then, or one
# without the timeStamping usage, is refused by hand too.
expect bad "$root/tests/vectors/timestamp-cert-expired.zip" "$root/tests/vectors/keys/tsa-root.pem"
expect bad "$root/tests/vectors/timestamp-no-eku.zip" "$root/tests/vectors/keys/tsa-root.pem"
kill $tsa_pid 2>/dev/null || true
# Re-zipping an unzipped bundle with another tool makes a different container: the
# signatures still check by hand, but custody verify rejects the archive (extra fields) and
# says in plain words that it is a re-zipped bundle (bundle.not_a_bundle, spec §9.1 step 1).
if command -v zip >/dev/null; then
  mkdir "$work/rezip" && (cd "$work/rezip" && unzip -q "$work/fresh.zip" && zip -q -0 -r -X ../rezipped.zip . -x '.*')
  (cd "$work/rezip" && zip -q -0 -r ../rezipped-ut.zip .)
  "$custody" verify --format json "$work/rezipped-ut.zip" >"$work/rezip.json" || true
  if grep -q '"bundle.not_a_bundle"' "$work/rezip.json" && grep -q 're-zipped bundle' "$work/rezip.json"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "stock-tools: a bundle re-zipped by Info-ZIP must be refused" >&2
  fi
fi
echo "stock-tools: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
