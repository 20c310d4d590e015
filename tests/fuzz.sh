#!/usr/bin/env bash
# Runs every fuzz target for FUZZ_SECONDS seconds each (default 60), on stable Rust
# (`cargo fuzz run -s none`: no sanitizer, which would need nightly), seeded with the test
# vectors. A crash, or an input taking over 10 s (a hang), stops the run and leaves its input in fuzz/artifacts/<target>/: copy it
# into tests/fuzz-regressions/ so that `cargo test` replays it forever (tests/regressions.rs).
#
# Usage: tests/fuzz.sh [SECONDS]        Longer runs: tests/fuzz.sh 3600
# Needs cargo-fuzz: cargo install cargo-fuzz --locked
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-${FUZZ_SECONDS:-60}}
command -v cargo-fuzz >/dev/null || { echo "fuzz: cargo-fuzz is needed: cargo install cargo-fuzz --locked" >&2; exit 2; }
cd "$root/fuzz"
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/archive" "$seeds/verify" "$seeds/documents" "$seeds/capture_files" "$seeds/token" "$seeds/statements" \
  "$seeds/repacked"
# Seeds: the test vectors, except the very large one (it would slow every fuzz run).
find "$root/tests/vectors" -maxdepth 1 -name '*.zip' -size -1024k -exec cp {} "$seeds/archive/" \;
find "$root/tests/vectors" -maxdepth 1 -name '*.zip' -size -1024k -exec cp {} "$seeds/verify/" \;
(cd "$seeds/documents" && for z in "$root"/tests/vectors/sealed.zip "$root"/tests/vectors/chain-4party.zip; do
  # Entry names are custody-<bundle id>/ + the bag path (spec §2.5); unzip's * spans folders.
  unzip -q -o "$z" '*/custody/*' '*.txt' -d "$(basename "$z" .zip)" 2>/dev/null || true
done && find . -type f -exec sh -c 'cp "$1" "./$(echo "$1" | tr / _)"' _ {} \; )
cp "$root"/tests/vectors/keys/* "$seeds/documents/"
# Re-zipped bundles (spec §9.6): two vectors unzipped and zipped again as stock tools do
# (folder entries, none, data descriptors, the bag at the top level).
for z in "$root"/tests/vectors/sealed.zip "$root"/tests/vectors/chain-4party.zip; do
  [ -f "$z" ] || continue
  n=$(basename "$z" .zip); u=$(mktemp -d)
  unzip -q "$z" -d "$u" && r=$(ls "$u")
  (cd "$u" && zip -q -r "$seeds/repacked/$n-zip-r.zip" "$r" && zip -q -r -D "$seeds/repacked/$n-zip-r-D.zip" "$r" \
    && zip -q -r - "$r" | cat > "$seeds/repacked/$n-piped.zip" && (cd "$r" && zip -q -r "$seeds/repacked/$n-top.zip" .)) || true
  if command -v bsdtar >/dev/null; then (cd "$u" && bsdtar -a -cf "$seeds/repacked/$n-bsdtar.zip" "$r") || true; fi
  rm -rf "$u"
done
find "$root/examples/mla-case" -type f \( -name '*.toml' -o -name '*.json' -o -name '*.warc.gz' \) -exec cp {} "$seeds/capture_files/" \;
cp "$root"/crates/custody-core/src/case-template.toml "$seeds/capture_files/"
gzip -dc "$root/examples/mla-case/evidence/propaganda-page/page.warc.gz" > "$seeds/capture_files/page.warc"
# Tokens: those in the test vectors, and the test TSA's root certificate.
(cd "$seeds/token" && for z in "$root"/tests/vectors/timestamp-*.zip; do
  [ -f "$z" ] && unzip -q -o -j "$z" '*/custody/events/*.tst' -d "$(basename "$z" .zip)" 2>/dev/null || true
done && find . -mindepth 2 -type f -exec sh -c 'cp "$1" "./$(echo "$1" | tr / _)"' _ {} \; )
cp "$root"/tests/vectors/keys/tsa-*.pem "$seeds/token/" 2>/dev/null || true
echo 'seed' > "$seeds/token/empty"
# Statements: those the countersign vectors carry, and a statement package made by the
# debug build of custody if there is one (tests/run.sh builds it).
(cd "$seeds/statements" && for z in "$root"/tests/vectors/countersign-*.zip; do
  [ -f "$z" ] && unzip -q -o -j "$z" '*/custody/statements/*.json' -d "$(basename "$z" .zip)" 2>/dev/null || true
done && find . -mindepth 2 -type f -exec sh -c 'cp "$1" "./$(echo "$1" | tr / _)"' _ {} \; )
if [ -x "$root/target/debug/custody" ] && [ -f "$root/tests/vectors/sealed.zip" ]; then
  p=$(mktemp -d)
  "$root/target/debug/custody" keygen --out "$p/w.key" --name "Fuzz Witness" --org "Fuzz" --role investigator \
    --jurisdiction DE >/dev/null 2>&1 || true
  cp "$root/tests/vectors/sealed.zip" "$p/b.zip"
  "$root/target/debug/custody" countersign "$p/b.zip" --key "$p/w.key" --event 0 --capacity witness \
    --statement "seed" --package "$seeds/statements/seed.custody-statement" >/dev/null 2>&1 || true
  rm -rf "$p"
fi
echo '{}' > "$seeds/statements/empty"
# Built first, on its own: the runs below filter their output, so a target that no longer
# compiles must stop the script here instead of passing in silence.
cargo fuzz build -s none
for target in archive verify documents capture_files token statements repacked; do
  echo "== fuzz $target for ${secs}s"
  cargo fuzz run -s none "$target" "$seeds/$target" -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 \
    | grep -E '^(stat::number_of_executed_units|==|ERROR|Done)|panicked|SUMMARY' || true
  if compgen -G "artifacts/$target/*" >/dev/null; then
    echo "fuzz: $target found a crash; see fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
echo "fuzz: 7 passed, 0 failed"
