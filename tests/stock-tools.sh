#!/usr/bin/env bash
# Checks bundles with stock tools only, as docs/bundle-format.md §11 and the HOW-TO-VERIFY.txt
# inside every bundle tell a person to:
# - tests/verify-by-hand.sh (unzip, bagit.py from PyPI, sha256sum, openssl, jq): a fresh bundle
#   and every valid test vector pass every step; tampered test vectors fail at least one step;
# - bdbag (PyPI, pinned), on the ZIP itself (RFC 8493 §4: one bag under one top-level folder):
#   passes on every valid vector and a fresh seal, fails on a payload or tag file changed or
#   missing;
# - other extractors (bsdtar from libarchive-tools, 7-Zip, Python's zipfile) unpack exactly
#   the tree unzip does. A tool that is not installed is skipped with a message (CI installs
#   them: .ci/run).
#
# Usage: tests/stock-tools.sh [path/to/custody]   (default: target/debug/custody)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
custody=${1:-$root/target/debug/custody}
for tool in unzip zipinfo sha256sum openssl jq python3; do
  command -v "$tool" >/dev/null || { echo "stock-tools: '$tool' is needed (e.g. apt-get install $tool)" >&2; exit 2; }
done
venv=$root/target/stock-tools-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
[ -x "$venv/bin/bagit.py" ] || "$venv/bin/python" -m pip install --quiet 'bagit==1.9.0'
# bdbag pins its own dependencies loosely; bagit stays 1.9.0 (bdbag 1.8.0 accepts it).
[ -x "$venv/bin/bdbag" ] || "$venv/bin/python" -m pip install --quiet 'bdbag==1.8.0' 'bagit==1.9.0' \
  || echo "stock-tools: could not install bdbag 1.8.0 from PyPI; its checks are skipped"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
vectors=$root/tests/vectors
# The valid vectors: those vectors.json expects intact.
mapfile -t valid < <(python3 -c 'import json, sys
for v in json.load(open(sys.argv[1]))["vectors"]:
    if v["state"] == "intact":
        print(v["file"])' "$vectors/vectors.json")

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
for v in "${valid[@]}"; do
  expect ok "$vectors/$v"
done
for v in payload-modified payload-missing payload-added manifest-edited event-edited signature-swapped \
         tagmanifest-edited payload-bitflip unsigned-tag-file chain-event-deleted chain-spliced \
         cd-symlink-host-fat cd-setuid cd-executable cd-internal-attributes cd-made-by-host cd-dos-time; do
  expect bad "$vectors/$v.zip"
done
# Statements (§5.7): a signature, a statement or a concerned event's hash that does not hold,
# another bundle's statement, an author's key left out.
for v in countersign-bad-signature countersign-statement-edited countersign-wrong-hash countersign-wrong-bundle \
         countersign-author-key-missing countersign-future-event; do
  expect bad "$vectors/$v.zip"
done
# Format 2's own faults: a root folder missing, doubled, beside a file, not the bundle id's; a
# derived file edited (bag-info.txt, manifest-sha256.txt); an attached document missing,
# replaced, or not bound (§5.8); an examination of an unknown item, a result replaced (§5.9).
for v in root-missing root-two-dirs root-file-at-top root-uppercase-id root-id-mismatch \
         bag-info-contact-edited bag-info-extra-label \
         document-attachment-missing document-attachment-replaced document-attachment-unbound \
         examination-unknown-item examination-result-replaced; do
  if [ -f "$vectors/$v.zip" ]; then expect bad "$vectors/$v.zip"; else
    echo "stock-tools: $v.zip is not among the test vectors; not checked by hand"
  fi
done

# A derived bundle checked against its parent by hand (§11 step 7): the copy recorded in
# derivation-recorded.zip; Bo's unrecorded copy of mla-case.zip; a parent that is another bundle.
expect_parent() { # expect_parent ok|bad PARENT DERIVED
  if PARENT=$2 bash "$root/tests/verify-by-hand.sh" "$3" >/dev/null 2>&1; then got=ok; else got=bad; fi
  if [ "$got" = "$1" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "stock-tools: $3 with PARENT=$2: expected $1, got $got" >&2; fi
}
expect_parent ok "$vectors/derivation-recorded.zip" "$vectors/derived-recorded.zip"
expect_parent ok "$vectors/mla-case.zip" "$vectors/derived-valid.zip"
expect_parent bad "$vectors/sealed.zip" "$vectors/derived-recorded.zip"

# bdbag validates the ZIP itself: it finds the bag as the archive's one top-level folder.
if [ -x "$venv/bin/bdbag" ]; then
  bdbag() { # bdbag ok|bad BUNDLE: `bdbag --validate full`, with its config and temporary files in $work
    if HOME="$work/bdbag-home" TMPDIR="$work" "$venv/bin/bdbag" --quiet --validate full "$2" >"$work/bdbag.log" 2>&1; then
      got=ok; else got=bad; fi
    if [ "$got" = "$1" ]; then pass=$((pass + 1)); else
      fail=$((fail + 1)); echo "stock-tools: bdbag --validate full $2: expected $1, got $got: $(tail -3 "$work/bdbag.log")" >&2
    fi
  }
  mkdir -p "$work/bdbag-home"
  bdbag ok "$work/fresh.zip"
  for v in "${valid[@]}"; do bdbag ok "$vectors/$v"; done
  for v in payload-modified payload-missing tagmanifest-edited; do bdbag bad "$vectors/$v.zip"; done
fi

# Every extractor gives unzip's tree: one folder custody-<id>/ and the same files, byte for byte.
extractors=()
command -v bsdtar >/dev/null && extractors+=(bsdtar) || echo "stock-tools: bsdtar is not installed (Debian: libarchive-tools); skipped"
sevenzip=$(command -v 7z || command -v 7zz || command -v 7za || true)
[ -n "$sevenzip" ] && extractors+=(7z) || echo "stock-tools: 7-Zip is not installed (Debian: 7zip); skipped"
extractors+=(zipfile)
same_tree() { # same_tree BUNDLE
  local t=$work/trees
  rm -rf "$t" && mkdir -p "$t/unzip"
  unzip -q "$1" -d "$t/unzip"
  local x
  for x in "${extractors[@]}"; do
    mkdir -p "$t/$x"
    case $x in
      bsdtar) bsdtar -xf "$1" -C "$t/$x" ;;
      7z) "$sevenzip" x -bd -y -o"$t/$x" "$1" >/dev/null ;;
      zipfile) python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$1" "$t/$x" ;;
    esac
    if diff -r "$t/unzip" "$t/$x" >/dev/null; then pass=$((pass + 1)); else
      fail=$((fail + 1)); echo "stock-tools: $x unpacks $1 into another tree than unzip" >&2
    fi
  done
}
same_tree "$work/fresh.zip"
for v in "${valid[@]}"; do same_tree "$vectors/$v"; done
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
expect ok "$vectors/timestamp-valid.zip" "$vectors/keys/tsa-root.pem"
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
  mkdir "$work/rezip" && (cd "$work/rezip" && unzip -q "$work/fresh.zip" && zip -q -0 -r -D ../rezipped-ut.zip custody-*)
  "$custody" verify --format json "$work/rezipped-ut.zip" >"$work/rezip.json" || true
  if grep -q '"bundle.not_a_bundle"' "$work/rezip.json" && grep -q 're-zipped bundle' "$work/rezip.json"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "stock-tools: a bundle re-zipped by Info-ZIP must be refused" >&2
  fi
fi
echo "stock-tools: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
