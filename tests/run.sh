#!/usr/bin/env bash
# Runs every test: the Rust unit, integration and documentation tests (including the test
# vectors, the schema staleness check and the library's seal-and-verify example), the
# library's API documentation check, the stock-tool verification of bundles, the second
# verifier, the spec examples, the court report in a headless browser and as PDF (qpdf, poppler), the example walkthrough
# and case, and the 5 GiB bounded-memory check. This is the command the README gives and CI runs.
#
# One debug build serves every step (dependencies are optimised even in debug builds, see
# Cargo.toml): `cargo test --no-run` builds the test binaries and target/debug/custody once;
# then the Rust tests and the script checks run side by side as lanes. Each lane's output is
# kept and printed if it fails; the run fails if any lane fails. Ctrl-C stops every lane.
# Temporary folders (they hold private keys) are removed on exit, on failure and on Ctrl-C.
#
# Usage: tests/run.sh            (set CUSTODY_SKIP_LARGE=1 to skip the 5 GiB check)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Job control: each lane gets its own process group (so a lane and all it started can be
# stopped together), and lanes keep default signal dispositions (without it, background
# jobs start with SIGINT ignored, which would break the tests that interrupt custody).
set -m
started=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/custody-run.XXXX")
declare -A lane_of=()   # pid -> lane name
stop_lanes() {
  local pid
  for pid in "${!lane_of[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${!lane_of[@]}"; do wait "$pid" 2>/dev/null || true; done
}
cleanup() {
  stop_lanes
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "tests/run.sh: interrupted" >&2; exit 130' INT TERM
elapsed() { local s=$((SECONDS - $1)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# Python tools for the stock-tool lanes, prepared once while cargo builds (both lanes share
# the environment: preparing it from two lanes at once would race).
venv=$root/target/stock-tools-venv
(
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -c 'import bagit' 2>/dev/null || "$venv/bin/python" -m pip install --quiet 'bagit==1.9.0'
  "$venv/bin/python" -c 'import cryptography' 2>/dev/null || "$venv/bin/python" -m pip install --quiet 'cryptography>=42'
  [ -x "$venv/bin/bdbag" ] || "$venv/bin/python" -m pip install --quiet 'bdbag==1.8.0' 'bagit==1.9.0'
  "$venv/bin/python" -c 'import html5lib' 2>/dev/null || "$venv/bin/python" -m pip install --quiet 'html5lib==1.1'
) >"$work/python-tools.log" 2>&1 &
python_tools=$!

# The crash-safety tests abort and pause `custody` midway through an update through test
# hooks (custody-core's `test-hooks` feature, which custody-cli's dev-dependency turns on for
# `cargo test` only). A build without the tests, as shipped, must not have them: with them, an
# environment variable makes the process abort. Built first (only the two crates of this
# workspace are compiled again, about a minute cold); the test build below then puts the
# binary with hooks back at target/debug/custody for the tests.
echo "== check: custody built without its tests has no test hooks"
cargo build --locked -p custody-cli --bin custody
if grep -qa CUSTODY_TEST_CRASH_POINT target/debug/custody; then
  echo "tests/run.sh: target/debug/custody, built without the tests, has the test hooks (CUSTODY_TEST_CRASH_POINT)" >&2
  echo "tests/run.sh: 0 passed, 1 failed"
  exit 1
fi

echo "== build: test binaries and target/debug/custody, once for every step (cold: about 7 minutes on 2 idle cores)"
cargo test --locked --workspace --no-run
if ! grep -qa CUSTODY_TEST_CRASH_POINT target/debug/custody; then
  echo "tests/run.sh: the test build of target/debug/custody lacks the test hooks the crash tests need" >&2
  echo "tests/run.sh: 0 passed, 1 failed"
  exit 1
fi
custody=$root/target/debug/custody
[ -x "$custody" ] || { echo "tests/run.sh: cargo did not build $custody" >&2; exit 1; }
if ! wait "$python_tools"; then
  cat "$work/python-tools.log" >&2
  echo "tests/run.sh: could not prepare the Python tools (python3 with venv, and pip access to PyPI, are needed)" >&2
  echo "tests/run.sh: 0 passed, 1 failed"
  exit 1
fi

lane() { # lane NAME COMMAND...: runs COMMAND in the background, output to $work/NAME.log
  local name=$1
  shift
  # Its temporary files (tests' keys and bundles) go under $work too: a lane stopped by a
  # signal gets no chance to remove them itself.
  mkdir -p "$work/tmp-$name"
  (TMPDIR="$work/tmp-$name" "$@") >"$work/$name.log" 2>&1 </dev/null &
  lane_of[$!]=$name
}
lane rust cargo test --locked --workspace --no-fail-fast
# Every public item of the library documented, every doc link resolving. `-D warnings` rather
# than `-D missing_docs`: the crate's own `#![warn(missing_docs)]` outranks a lint level given
# on the command line, so `-D missing_docs` would let missing docs through as warnings.
lane api-docs cargo rustdoc --locked -p custody-core -- -D warnings
lane stock-tools bash tests/stock-tools.sh "$custody"
lane spec-examples python3 tools/spec_examples.py --check
# The generated Unicode 14.0.0 tables both verifiers share (tools/unicode_tables.py): stale
# tables would make the two disagree on which names collide and which marks are escaped.
lane unicode-tables sh -c 'python3 tools/unicode_marks_table.py --check && python3 tools/unicode_fold_table.py --check'
lane second-verifier bash tests/second-verifier.sh "$custody"
# A served custody log checked by an independent implementation (tools/tlog_check.py).
lane log-crosscheck bash tests/log-crosscheck.sh "$custody"
# What custody imports from real capture files (tests/corpus/) agrees with warcio and py-wacz.
lane corpus-crosscheck bash tests/corpus-crosscheck.sh
lane walkthrough env CUSTODY_BIN="$custody" bash examples/walkthrough.sh "$work/walkthrough"
lane report-browser env PYTHON="$venv/bin/python" bash tests/report-browser.sh "$custody"
lane report-pdf bash tests/report-pdf.sh "$custody"
lane example-case env CUSTODY_BIN="$custody" bash examples/mla-case/run.sh "$work/example-case"
if [ -z "${CUSTODY_SKIP_LARGE:-}" ]; then
  lane large-file bash tests/large-file.sh "$custody"
fi
echo "== running ${#lane_of[@]} lanes side by side: ${lane_of[*]}"

failed_lanes=()
passed_lanes=0
while [ ${#lane_of[@]} -gt 0 ]; do
  status=0
  wait -n -p done_pid "${!lane_of[@]}" || status=$?
  name=${lane_of[$done_pid]}
  unset "lane_of[$done_pid]"
  if [ "$status" -eq 0 ]; then
    passed_lanes=$((passed_lanes + 1))
    echo "== $name: passed ($(elapsed "$started") since start)"
    grep -E '^(large-file|second-verifier|stock-tools|corpus-crosscheck|tlog-check):' "$work/$name.log" || true
  else
    failed_lanes+=("$name")
    echo "== $name: FAILED (exit $status); its output:"
    sed 's/^/   | /' "$work/$name.log"
  fi
done

# Cargo's own summary lines, then the total (CI reads the closing lines).
rust_passed=0 rust_failed=0
if [ -f "$work/rust.log" ]; then
  grep -E '^test result:' "$work/rust.log" || true
  rust_passed=$(grep -E '^test result:' "$work/rust.log" | grep -oE '[0-9]+ passed' | awk '{s += $1} END {print s + 0}')
  rust_failed=$(grep -E '^test result:' "$work/rust.log" | grep -oE '[0-9]+ failed' | awk '{s += $1} END {print s + 0}')
fi
scripts_passed=$passed_lanes
[[ " ${failed_lanes[*]} " == *" rust "* ]] || scripts_passed=$((passed_lanes - 1))
echo "tests/run.sh: took $(elapsed "$started"); lanes failed: ${failed_lanes[*]:-none}"
echo "tests/run.sh: $((rust_passed + scripts_passed)) passed, $((rust_failed + ${#failed_lanes[@]})) failed"
[ ${#failed_lanes[@]} -eq 0 ]
