#!/usr/bin/env bash
# The independent verifier (tools/verify_bundle.py, written from the specification alone)
# must reach the same verdict as `custody verify` on every test vector and on bundles made
# here by custody after seal, transfer and receipt, valid and tampered: same state, same exit
# status, same set of failing check codes.
#
# Usage: tests/second-verifier.sh [path/to/custody]   (default: target/debug/custody)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
custody=${1:-$root/target/debug/custody}
venv=$root/target/stock-tools-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import cryptography' 2>/dev/null || "$venv/bin/pip" install --quiet 'cryptography>=42'
py=("$venv/bin/python" "$root/tools/verify_bundle.py")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Fresh bundles: sealed, transferred, received, and tampered copies of each.
mkdir -p "$work/ev/cap" && echo '<p>x</p>' > "$work/ev/cap/index.html" && head -c 70000 /dev/urandom > "$work/ev/v.mp4"
for k in a b; do "$custody" keygen --out "$work/$k.key" --name "Person $k" --org Org --role prosecutor --jurisdiction FR >/dev/null; done
"$custody" seal --key "$work/a.key" --case-ref SV-1 --out "$work/sealed.zip" "$work/ev/cap" "$work/ev/v.mp4" >/dev/null
"$custody" transfer "$work/sealed.zip" --out "$work/transferred.zip" --key "$work/a.key" --to "$work/b.key.pub" \
  --purpose review --condition "use_limitation: only this case" >/dev/null
"$custody" trust add "$work/a.key.pub" --file "$work/trusted.txt" >/dev/null
"$custody" receive "$work/transferred.zip" --out "$work/received.zip" --key "$work/b.key" --trust "$work/trusted.txt" \
  --refuse-condition 1 --reason "no" >/dev/null
# With trusted time: RFC 3161 tokens from a local test TSA (openssl ts -reply on 127.0.0.1).
python3 "$root/tests/test-tsa.py" "$work/tsa" 300 &
tsa_pid=$!
trap 'kill $tsa_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -f "$work/tsa/url" ] && break; sleep 0.2; done
"$custody" seal --key "$work/a.key" --case-ref SV-2 --out "$work/stamped.zip" --tsa "$(cat "$work/tsa/url")" "$work/ev/cap" >/dev/null
"$custody" transfer "$work/stamped.zip" --key "$work/a.key" --to "$work/b.key.pub" --purpose review \
  --tsa "$(cat "$work/tsa/url")" >/dev/null
kill $tsa_pid 2>/dev/null || true
for b in sealed transferred received stamped; do
  cp "$work/$b.zip" "$work/$b-tampered.zip"
  size=$(stat -c %s "$work/$b-tampered.zip")
  printf 'Z' | dd of="$work/$b-tampered.zip" bs=1 seek=$((size / 3)) conv=notrunc status=none
done

pass=0 fail=0
compare() { # compare BUNDLE [TRUST]
  local extra=() ; [ -n "${2:-}" ] && extra=(--trust "$2")
  local a b ea eb
  set +e
  a=$("$custody" verify --format json "${extra[@]}" "$1"); ea=$?
  b=$("${py[@]}" --json "${extra[@]}" "$1"); eb=$?
  set -e
  local sa sb
  sa=$(printf '%s' "$a" | "$venv/bin/python" -c 'import json,sys; r=json.load(sys.stdin); print(r["state"], sorted({c["code"] for c in r["checks"] if c["level"]=="fail"}))')
  sb=$(printf '%s' "$b" | "$venv/bin/python" -c 'import json,sys; r=json.load(sys.stdin); print(r["state"], sorted(set(r["failures"])))')
  if [ "$ea" = "$eb" ] && [ "$sa" = "$sb" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "second-verifier: $(basename "$1") ${2:+(with trust list)}: custody says $sa (exit $ea), verify_bundle.py says $sb (exit $eb)" >&2
  fi
}
for z in "$root"/tests/vectors/*.zip "$work"/*.zip; do
  compare "$z"
done
for z in "$root"/tests/vectors/sealed.zip "$root"/tests/vectors/chain-4party.zip; do
  compare "$z" "$root/tests/vectors/keys/trusted-alice.txt"
done
compare "$root/tests/vectors/sealed.zip" "$root/tests/vectors/keys/trusted-alice-misnamed.txt"
compare "$root/tests/vectors/sealed.zip" "$root/tests/vectors/keys/trusted-alice-fingerprint-only.txt"
echo "second-verifier: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
