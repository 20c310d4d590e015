#!/usr/bin/env bash
# Builds the release binary of `custody` reproducibly enough to compare: the `dist` profile
# (fat LTO, one codegen unit, stripped), --locked, paths remapped so the build folder does
# not end up in the binary; then prints its size and SHA-256 for the release notes.
#
#   tools/release.sh            # builds target/dist/custody
#   tools/release.sh --check    # also runs it: --version, a keygen/seal/verify round trip
set -euo pipefail
cd "$(dirname "$0")/.."
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
export RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$PWD=. --remap-path-prefix=$HOME/.cargo=~/.cargo"
cargo build --locked --profile dist -p custody-cli
bin=target/dist/custody
echo "binary:  $bin"
echo "version: $("$bin" --version)"
echo "size:    $(stat -c %s "$bin") bytes"
echo "sha256:  $(sha256sum "$bin" | cut -d' ' -f1)"
if [ "${1:-}" = --check ]; then
  t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
  "$bin" keygen --out "$t/a.key" --name "Release Check" --org "custody" --role other --jurisdiction FR >/dev/null
  echo "release check" > "$t/page.txt"
  "$bin" seal --key "$t/a.key" --case-ref REL-1 --out "$t/c.zip" "$t/page.txt" >/dev/null
  "$bin" verify -q "$t/c.zip" && echo "check:   keygen, seal and verify passed"
fi
