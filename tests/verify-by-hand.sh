#!/usr/bin/env bash
# Verifies a custody bundle (format 2) with stock tools only (unzip, sha256sum, openssl, jq,
# and optionally bagit.py), following the steps of docs/bundle-format.md section "Verifying
# with stock tools". Exit 0: every step passed. Exit 1: a step failed (it says which). Exit 2:
# cannot run.
#
# With TSA_ROOTS (PEM root certificates of the timestamp authority), every RFC 3161 token
# in the bundle must also verify with `openssl ts -verify`.
#
# With PARENT (the original of a derived bundle, a ZIP), the derived bundle is also checked
# against it as section 11 step 7 says (the parent itself is checked by its own run).
#
# Usage: [PARENT=ORIGINAL.zip] tests/verify-by-hand.sh BUNDLE.zip [BAGIT_PY] [TSA_ROOTS]
set -euo pipefail
bundle=$(realpath "$1")
bagit=${2:-}
[[ $bagit != */* ]] || bagit=$(realpath "$bagit")
tsa_roots=${3:+$(realpath "$3")}
parent_zip=${PARENT:+$(realpath "$PARENT")}
dir=$(mktemp -d)
trap 'rm -rf "$dir" "$dir-P"' EXIT
step() { echo "== $*"; }
die() { echo "FAILED: $*" >&2; exit 1; }

step "ZIP attributes (zipinfo)"
# Every entry must be a plain 0644 file made by UNIX host version 4.5, stored, dated
# 1980-01-01 00:00, with no extra field but ZIP64: anything else could make unzip create a symbolic link or a setuid file.
odd=$(zipinfo "$bundle" | sed '1,2d;$d' | grep -Ev '^-rw-r--r--  4\.5 unx +[0-9]+ b[-x] stor 80-Jan-01 00:00 ' || true)
[ -z "$odd" ] || die "entries with attributes a custody bundle never has (do not unzip it): $odd"
# The short listing shows the version made by, not the version needed to extract (an entry
# needing "25.5" is skipped by unzip): 2.0, or 4.5 with ZIP64. zipinfo reads only the central
# directory; local-header and layout faults are left to unzip's errors and the verifiers.
odd=$(zipinfo -v "$bundle" | grep -E '^  minimum software version required to extract:' | grep -Ev ':  +(2\.0|4\.5)$' || true)
[ -z "$odd" ] || die "entries with a version needed to extract other than 2.0 or 4.5 (do not unzip it): $odd"
step "unzip into an empty folder: exactly one folder custody-<bundle id>/"
unzip -q "$bundle" -d "$dir" || die "unzip could not extract the bundle"
top=$(ls -A "$dir")
[ "$(printf '%s\n' "$top" | wc -l)" = 1 ] && [[ $top =~ ^custody-[0-9a-f]{32}$ ]] && [ -d "$dir/$top" ] \
  || die "the bundle does not unpack to exactly one folder custody-<bundle id>/ (a bundle of format 1, or not a bundle): $(printf '%s' "$top" | tr '\n' ' ')"
cd "$dir/$top"
if [ -n "$bagit" ]; then
  step "BagIt validation ($bagit)"
  # A bundle whose every item a disposition removed has no payload; a ZIP holds no empty
  # folder, and BagIt tools want data/ (section 5.11).
  [ -d data ] || mkdir data
  "$bagit" --quiet --validate . 2>/dev/null || die "the bag is not valid BagIt"
fi
step "tag files against tagmanifest-sha256.txt"
sha256sum --quiet -c tagmanifest-sha256.txt || die "a tag file does not match tagmanifest-sha256.txt"
step "payload files against manifest-sha256.txt"
# Empty when dispositions removed every item (section 5.11): sha256sum refuses an empty list.
[ ! -s manifest-sha256.txt ] || sha256sum --quiet -c manifest-sha256.txt \
  || die "a payload file does not match manifest-sha256.txt"
diff <(find data -type f 2>/dev/null | sort) <(cut -c67- manifest-sha256.txt | sort) \
  || die "the payload has files that manifest-sha256.txt does not list, or lacks files it lists"
step "manifest-sha256.txt and bag-info.txt are derived from the manifest and the seal"
[ "$top" = "custody-$(jq -r .bundle_id custody/manifest.json)" ] \
  || die "the folder $top does not name the manifest's bundle_id"
# The items a disposition returned or destroyed are no longer payload (section 5.11): "*" for
# a disposition without items (every item).
jq -s '[.[] | .disposition? // empty | select(.action != "retention_extended") | (.items // ["*"])[]]' \
  custody/events/*.json > "$dir/gone.json"
kept='.items[] | select(. as $it | $g[0] | (index($it.id) or index("*")) | not)'
# Paths are compared decoded: the manifest writes % and line breaks raw, BagIt as %25, %0D, %0A.
diff <(jq -r --slurpfile g "$dir/gone.json" "$kept"' | .files[] | "\(.sha256)  \(.path | gsub("%"; "%25"))"' custody/manifest.json | LC_ALL=C sort) \
  <(LC_ALL=C sort manifest-sha256.txt) >/dev/null \
  || die "manifest-sha256.txt does not list exactly the files the manifest describes, with their SHA-256"
derived=$(
  echo "Bagging-Date: $(jq -r .time custody/events/000000-seal.json | cut -c1-10)"
  echo "Payload-Oxum: $(jq -r --slurpfile g "$dir/gone.json" "[$kept"' | .files[].size] | "\(add // 0).\(length)"' custody/manifest.json)"
  echo "External-Identifier: $(jq -r .case.reference custody/manifest.json)"
  echo "Internal-Sender-Identifier: $(jq -r .bundle_id custody/manifest.json)"
  echo "Contact-Name: $(jq -r .sealer.name custody/manifest.json)"
  echo "Source-Organization: $(jq -r .sealer.organisation custody/manifest.json)"
)
cmp -s <(printf '%s\n' "$derived") bag-info.txt || die "bag-info.txt is not exactly the text derived from the manifest and the seal"
step "signatures"
for d in custody/events/*.json; do
  fp=$(grep -o '"fingerprint": "sha256:[0-9a-f]*"' "$d" | head -1 | cut -d: -f3 | tr -d '"')
  key=custody/keys/$fp.pem
  [ -f "$key" ] || die "$d: signer key $key is missing"
  [ "$(openssl pkey -pubin -in "$key" -outform DER | sha256sum | cut -c1-64)" = "$fp" ] \
    || die "$key does not hold the key its name says"
  openssl pkeyutl -verify -pubin -inkey "$key" -rawin -in "$d" -sigfile "$d.sig" >/dev/null \
    || die "$d: the signature does not verify"
done
step "every tag file bound by an event (the manifest by the seal)"
while read -r sha path; do
  # The custody log's proof files are unsigned by design (spec §6.5): checked by a program.
  case "$path" in tagmanifest-sha256.txt|bag-info.txt|manifest-sha256.txt|custody/events/*|custody/log/*) continue ;; esac
  found=$(grep -F -h -A1 "\"path\": \"$path\"" custody/events/*.json | grep -c -F "\"sha256\": \"$sha\"" || true)
  [ "$found" = 1 ] || die "$path is bound by $found events, not exactly one: it is not covered by a signature"
done < tagmanifest-sha256.txt
grep -q -F '"path": "custody/manifest.json"' custody/events/000000-seal.json \
  || die "the seal event does not bind custody/manifest.json"
[ "$(jq -r .signer.fingerprint custody/events/000000-seal.json)" = "$(jq -r .sealer.fingerprint custody/manifest.json)" ] \
  || die "the seal event is not signed by the manifest's sealer"
step "statements (countersignatures, documents) and attached files"
for s in custody/statements/*.json; do
  [ -e "$s" ] || continue
  fp=$(jq -r .author.fingerprint "$s" | cut -d: -f2)
  key=custody/keys/$fp.pem
  [ -f "$key" ] || die "$s: its author's key $key is missing"
  openssl pkeyutl -verify -pubin -inkey "$key" -rawin -in "$s" -sigfile "$s.sig" >/dev/null \
    || die "$s: its author's signature does not verify"
  files='(.document.files // .examination.results // [])'
  if [ "$(jq -r "$files | length" "$s")" -gt 0 ]; then
    att=custody/attachments/$(basename "$s" | cut -d- -f1)
    jq -r --arg d "$att/" "$files"'[] | "\(.sha256)  \($d)\(.name)"' "$s" | sha256sum --quiet -c - \
      || die "$s: a file it attaches is missing or does not match its SHA-256"
    diff <(jq -r "$files"'[] | "\(.size) \(.name)"' "$s" | LC_ALL=C sort) \
         <(cd "$att" && stat -c '%s %n' -- * | LC_ALL=C sort) >/dev/null \
      || die "$s: the files in $att are not exactly those it attaches, with their sizes"
  fi
  unknown=$(comm -23 <(jq -r '.examination.items[]?' "$s" | LC_ALL=C sort -u) \
                     <(jq -r '.items[].id' custody/manifest.json | LC_ALL=C sort -u))
  [ -z "$unknown" ] || die "$s: it examines items the manifest does not describe: $unknown"
done
step "event chain"
prev=""
for d in custody/events/*.json; do
  if [ -n "$prev" ]; then
    grep -q "\"previous_event_sha256\": \"$(sha256sum "$prev" | cut -c1-64)\"" "$d" \
      || die "$d does not name the SHA-256 of $prev"
  fi
  prev=$d
done
step "statements: each signed by its author, about this bundle's earlier events; an access record's items (§11 step 4)"
bid=$(jq -r .bundle_id custody/manifest.json)
for s in custody/statements/*.json; do
  [ -e "$s" ] || continue
  fp=$(jq -r .author.fingerprint "$s" | cut -d: -f2)
  key=custody/keys/$fp.pem
  [ -f "$key" ] || die "$s: its author's key $key is missing"
  [ "$(openssl pkey -pubin -in "$key" -outform DER | sha256sum | cut -c1-64)" = "$fp" ] \
    || die "$key does not hold the key its name says"
  openssl pkeyutl -verify -pubin -inkey "$key" -rawin -in "$s" -sigfile "$s.sig" >/dev/null \
    || die "$s: its author's signature does not verify"
  [ "$(jq -r .bundle_id "$s")" = "$bid" ] || die "$s was made about another bundle"
  carrier=$(basename "$s" | cut -c1-6)
  while read -r sha seq; do
    [ "$seq" -lt "$((10#$carrier))" ] || die "$s concerns event $seq, which is not before its carrying event $carrier"
    e=$(printf 'custody/events/%06d-' "$seq")
    set -- "$e"*.json
    [ -f "$1" ] && [ "$(sha256sum "$1" | cut -c1-64)" = "$sha" ] \
      || die "$s concerns event $seq with a SHA-256 that event $seq of this bundle does not have"
  done < <(jq -r '.concerns[] | "\(.sha256) \(.sequence)"' "$s")
  while read -r item; do
    jq -e --arg i "$item" 'any(.items[]; .id == $i)' custody/manifest.json >/dev/null \
      || die "$s records the extraction of $item, which the manifest does not hold"
  done < <(jq -r '.access.items[]?' "$s")
done
if [ -n "$tsa_roots" ]; then
  step "timestamp tokens (openssl ts -verify)"
  n=0
  for t in custody/events/*.json.sig.tst; do
    [ -e "$t" ] || continue
    # Judged at the token's time (genTime), as custody does: a TSA certificate that has
    # expired since still vouched for that time.
    gen=$(openssl ts -reply -token_in -in "$t" -text 2>/dev/null | sed -n 's/^Time stamp: //p')
    [ -n "$gen" ] || die "$t: openssl cannot read the token's time"
    openssl ts -verify -token_in -in "$t" -data "${t%.tst}" -CAfile "$tsa_roots" -attime "$(date -u -d "$gen" +%s)" 2>/dev/null \
      | grep -q '^Verification: OK' || die "$t: the timestamp token does not verify with openssl ts -verify"
    n=$((n + 1))
  done
  [ "$n" -gt 0 ] || die "TSA roots were given but the bundle has no timestamp token"
fi
if [ -e custody/parent/seal.json ] || [ -n "$(jq -r '.derivation // empty | .parent_bundle_id' custody/manifest.json)" ]; then
  step "derived bundle: the parent's seal event, its SHA-256, bundle and signature (section 11 step 7)"
  for f in custody/parent/seal.json custody/parent/seal.json.sig custody/parent/key.pem; do
    [ -f "$f" ] || die "the bundle is derived from another but does not carry $f"
  done
  [ "$(sha256sum custody/parent/seal.json | cut -c1-64)" = "$(jq -r .derivation.parent_seal_event_sha256 custody/manifest.json)" ] \
    || die "custody/parent/seal.json is not the parent seal event the derivation names"
  # Only its form: the parent's later events are not carried (section 5.13).
  jq -r .derivation.parent_latest_event_sha256 custody/manifest.json | grep -qE '^[0-9a-f]{64}$' \
    || die "derivation.parent_latest_event_sha256 is not 64 lowercase hex digits"
  [ "$(jq -r '.type, .sequence, .bundle_id' custody/parent/seal.json | paste -sd' ')" = "seal 0 $(jq -r .derivation.parent_bundle_id custody/manifest.json)" ] \
    || die "custody/parent/seal.json is not the seal event of the parent bundle"
  [ "$(openssl pkey -pubin -in custody/parent/key.pem -outform DER | sha256sum | cut -c1-64)" = "$(jq -r .signer.fingerprint custody/parent/seal.json | cut -d: -f2)" ] \
    || die "custody/parent/key.pem is not the key of the parent seal event's signer"
  openssl pkeyutl -verify -pubin -inkey custody/parent/key.pem -rawin -in custody/parent/seal.json \
    -sigfile custody/parent/seal.json.sig >/dev/null || die "the parent seal event's signature does not verify"
  if [ -n "${PARENT:-}" ]; then
    step "derived bundle against its parent $PARENT (section 11 step 7)"
    # The parent unpacked beside the derived bundle's folder, as section 11 says: its files
    # sit under P/custody-<parent id>/.
    mkdir "$dir/../$(basename "$dir")-P"
    unzip -q "$parent_zip" -d "$dir/../$(basename "$dir")-P" || die "unzip could not extract the parent"
    p=$(echo "$dir/../$(basename "$dir")-P"/custody-*/)
    [ "$(jq -r .bundle_id "$p"custody/manifest.json)" = "$(jq -r .derivation.parent_bundle_id custody/manifest.json)" ] \
      || die "$PARENT is not the bundle this one was derived from"
    cmp -s "$p"custody/events/000000-seal.json custody/parent/seal.json \
      || die "$PARENT's seal event is not the one this bundle carries"
    latest=$(jq -r .derivation.parent_latest_event_sha256 custody/manifest.json)
    sha256sum "$p"custody/events/*.json | grep -q "^$latest " \
      || die "$PARENT has no event with the SHA-256 parent_latest_event_sha256 names"
    recorded=$(jq -r --arg id "$(jq -r .bundle_id custody/manifest.json)" \
      --arg seal "$(sha256sum custody/events/000000-seal.json | cut -c1-64)" \
      'select(.type == "derivation" and .derivation.bundle_id == $id)
       | .previous_event_sha256, (.derivation.seal_event_sha256 == $seal), (.derivation.items | join(","))' \
      "$p"custody/events/*.json)
    if [ -n "$recorded" ]; then
      [ "$recorded" = "$(printf '%s\ntrue\n%s' "$latest" "$(jq -r '[.items[].id] | join(",")' custody/manifest.json)")" ] \
        || die "the parent's derivation event naming this bundle does not match it (previous event, seal hash, items): $recorded"
    else
      echo "   (not recorded in the parent: derived with --no-record)"
    fi
  fi
  echo "   (the audit paths into the parent's commitment need a program: tools/verify_bundle.py)"
fi
echo "all stock-tool checks passed"
