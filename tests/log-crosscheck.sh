#!/usr/bin/env bash
# A custody log checked by an independent implementation (tools/tlog_check.py, written from
# RFC 6962/9162, C2SP signed-note/tlog-checkpoint and docs/custody-log.md's API): a served log
# takes 600 claims (resubmissions and conflicts among them), then the checker rebuilds the tree
# from the entries the log gives, compares the signed head, and requires the log's inclusion
# and consistency proofs byte-equal to RFC 6962's PATH and PROOF at sampled sizes.
#
# Usage: tests/log-crosscheck.sh [path/to/custody]   (default: target/debug/custody)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
custody=${1:-$root/target/debug/custody}
. "$root/tests/lib.sh"
with_python_crypto
py=("$venv/bin/python" "$root/tools/tlog_check.py")
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

"$custody" keygen --out "$work/log.key" --name "Log Operator" --org Registry --role other --jurisdiction FR >/dev/null
"$custody" log init --db "$work/log.sqlite" --key "$work/log.key" --origin court.example/custody-log > "$work/log.vkey"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$custody" log serve --db "$work/log.sqlite" --key "$work/log.key" --listen "127.0.0.1:$port" --threads 4 2>"$work/serve.log" &
pid=$!
url=http://127.0.0.1:$port
ready() { python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/checkpoint", timeout=2)' "$url" 2>/dev/null; }
for _ in $(seq 150); do ready && break; sleep 0.2; done
"${py[@]}" submit "$url" 600 "$work/claims.jsonl"
"${py[@]}" check "$url" "$work/log.vkey" "$work/claims.jsonl"
# The checker must be able to fail: a claims file that disagrees with the log (one event
# changed) and a verifier key of another log key are each reported, not passed.
sed '1s/"event": "\(.\)/"event": "f\1/' "$work/claims.jsonl" > "$work/claims-edited.jsonl"
if "${py[@]}" check "$url" "$work/log.vkey" "$work/claims-edited.jsonl" > "$work/edited.out"; then
  echo "log-crosscheck: an edited claim was not caught"; exit 1
fi
grep -q MISMATCH "$work/edited.out"
"$custody" keygen --out "$work/other.key" --name "Someone Else" --org Registry --role other --jurisdiction FR >/dev/null
"$custody" log key --key "$work/other.key" --origin court.example/custody-log > "$work/other.vkey"
if "${py[@]}" check "$url" "$work/other.vkey" "$work/claims.jsonl" 2>"$work/other.err"; then
  echo "log-crosscheck: another key's verifier key was accepted"; exit 1
fi
echo "log-crosscheck: passed"
