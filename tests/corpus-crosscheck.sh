#!/usr/bin/env bash
# Cross-checks what custody imports from the capture files of tests/corpus/ (the
# expectations crates/custody-core/tests/corpus.rs asserts, tests/corpus/expected.json) with
# independent readers: warcio and py-wacz from PyPI, pinned with their dependencies by SHA-256
# (tests/corpus-requirements.txt, pip --require-hashes), in a venv under target/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$root/target/corpus-venv
# A venv moved or copied with target/ keeps its scripts' old interpreter path (their #! line),
# which then fails as "No such file": made again here.
[ ! -e "$venv/bin/wacz" ] || head -1 "$venv/bin/wacz" | grep -qxF "#!$venv/bin/python" \
  || head -1 "$venv/bin/wacz" | grep -qxF "#!$venv/bin/python3" || rm -rf "$venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import warcio, wacz' 2>/dev/null \
  || "$venv/bin/python" -m pip install --quiet --require-hashes -r "$root/tests/corpus-requirements.txt"
"$venv/bin/python" "$root/tests/corpus_crosscheck.py" "$venv/bin"
