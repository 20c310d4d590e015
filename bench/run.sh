#!/usr/bin/env bash
# custody throughput benchmark. Creates its own data, runs custody and the stock tools on
# the same files in the same run, alternating, for several rounds, and prints medians and
# ratios (custody time / stock tool time: below 1 means custody is faster).
#
#   bench/run.sh             full run: one 4 GiB file, 20,000 files of 4-64 KiB, 3 rounds
#   bench/run.sh --small     quick run used by CI: checks that everything completes and
#                            verifies; its timings mean little
#   bench/run.sh --scaling   also measures seal and verify at three total sizes and three
#                            file counts, and 10k, 100k and 1M tiny files (time, peak RSS,
#                            bagit.py on the same bag; about 15 min and 5 GB more at 1M)
#
# Environment: BENCH_DIR (where data goes; the full run needs about 13 GiB free),
# BENCH_ROUNDS, BENCH_BIG_MIB, BENCH_FILES, BENCH_MAX_FILES (the largest count of tiny files
# in --scaling; 1,000,000 unless lowered). Needs openssl, python3 (venv), /usr/bin/time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
small=0 scaling=0
for a in "$@"; do
  case "$a" in --small) small=1 ;; --scaling) scaling=1 ;; *) echo "usage: bench/run.sh [--small] [--scaling]" >&2; exit 2 ;; esac
done
rounds=${BENCH_ROUNDS:-3} big_mib=${BENCH_BIG_MIB:-4096} nfiles=${BENCH_FILES:-20000}
if [ "$small" = 1 ]; then rounds=1 big_mib=64 nfiles=400; fi

cargo build --release --locked --quiet -p custody-cli --manifest-path "$root/Cargo.toml"
C=$root/target/release/custody
venv=$root/target/bench-venv
[ -x "$venv/bin/bagit.py" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet 'bagit==1.9.0'; }
work=$(mktemp -d "${BENCH_DIR:-/tmp}/custody-bench.XXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

echo "== data: one ${big_mib} MiB file, ${nfiles} files of 4-64 KiB" >&2
head -c $((big_mib * 1024 * 1024)) /dev/urandom > big.bin
python3 - "$nfiles" <<'PY'
import os, random, sys
n = int(sys.argv[1]); rnd = random.Random(42)
for i in range(n):
    d = f"many/d{i // 200:03}"
    os.makedirs(d, exist_ok=True)
    with open(f"{d}/post-{i:05}.json", "wb") as f:
        f.write(os.urandom(rnd.randint(4, 64) * 1024))
PY
"$C" keygen --out a.key --name "Bench A" --org Bench --role examiner --jurisdiction DE >/dev/null
"$C" keygen --out b.key --name "Bench B" --org Bench --role examiner --jurisdiction FR --age >/dev/null
# Encryption for transport (issue #18.2) is timed against stock age (Debian's `age`) when it
# is installed; .ci/run installs it.
have_age=0; command -v age >/dev/null && have_age=1

# Wall time of a command in seconds (3 decimals); the command must succeed.
t() {
  local s e
  s=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; exit 1; }
  e=$(date +%s%N)
  printf '%d.%03d\n' $(((e - s) / 1000000000)) $((((e - s) / 1000000) % 1000))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A T
# A failed step prints "bench: failed: ..." inside a command substitution, whose `exit` ends
# only that subshell: the empty time it leaves ends the benchmark here, with status 1.
add() { [ -n "$2" ] || { echo "bench: stopped: the step timed as '$1' failed" >&2; exit 1; }; T[$1]+="$2 "; }

# Before each measurement that writes a lot: flush what earlier steps left and give the
# disk a moment, so that no tool pays for another's write-back.
settle() { sync; sleep "${BENCH_SETTLE:-2}"; }
# Each pair is run in both orders across rounds (stock tool first in odd rounds, custody
# first in even ones), so that neither always runs on a disk the other just loaded.
pair() {  # pair ROUND NAME_A CMD_A... -- NAME_B CMD_B...
  local r=$1; shift
  local a_name=$1; shift; local a=(); while [ "$1" != -- ]; do a+=("$1"); shift; done; shift
  local b_name=$1; shift; local b=("$@")
  if [ $((r % 2)) = 1 ]; then
    "${a[@]}" cleanup; settle; add "$a_name" "$(t "${a[@]}")"
    "${b[@]}" cleanup; settle; add "$b_name" "$(t "${b[@]}")"
  else
    "${b[@]}" cleanup; settle; add "$b_name" "$(t "${b[@]}")"
    "${a[@]}" cleanup; settle; add "$a_name" "$(t "${a[@]}")"
  fi
}
# The measured commands; called with "cleanup" they remove what they would write.
cp_sync() { if [ "${1:-}" = cleanup ]; then rm -f copy.bin; else cp big.bin copy.bin && sync; fi; }
# A second reference with the seal's own write path (past the page cache, then fsync), but
# no hashing: what the disk alone costs.
dd_direct() {
  if [ "${1:-}" = cleanup ]; then rm -f copy.bin
  else dd if=big.bin of=copy.bin bs=4M oflag=direct conv=fsync status=none; fi
}
seal_big() { if [ "${1:-}" = cleanup ]; then rm -f big.zip; else "$C" seal --key a.key --case-ref B --out big.zip big.bin; fi; }
seal_many() {  # seal_many JOBS [cleanup]
  if [ "${2:-}" = cleanup ]; then rm -f "m$1.zip"; else "$C" seal --jobs "$1" --key a.key --case-ref M --out "m$1.zip" many; fi
}
verify_many() { [ "${2:-}" = cleanup ] || "$C" verify --jobs "$1" m1.zip; }
# Both encrypt the sealed bundle to the same X25519 recipient and make the output durable
# (custody syncs before it renames; age gets `sync`).
age_enc() { if [ "${1:-}" = cleanup ]; then rm -f big.a.age; else age -r "$(cat b.key.age-recipient)" -o big.a.age big.zip && sync; fi; }
custody_enc() {
  if [ "${1:-}" = cleanup ]; then rm -f big.c.age; else "$C" encrypt big.zip --to b.key.age-recipient --out big.c.age; fi
}

for r in $(seq "$rounds"); do
  echo "== round $r of $rounds" >&2
  cat big.bin >/dev/null  # warm caches for both tools alike
  find many -type f -exec cat {} + >/dev/null
  pair "$r" cp_sync cp_sync -- seal_big seal_big
  dd_direct cleanup; settle; add dd_direct "$(t dd_direct)"
  rm -f copy.bin
  # Both hashes read warm files: the seal wrote big.zip past the page cache (O_DIRECT).
  cat big.bin big.zip >/dev/null
  add dgst "$(t openssl dgst -sha256 big.bin)"
  add verify_big "$(t "$C" verify big.zip)"
  add transfer "$(t "$C" transfer big.zip --key a.key --to b.key.pub --purpose bench)"
  add receive "$(t "$C" receive big.zip --key b.key --accept-untrusted)"
  if [ "$have_age" = 1 ]; then
    cat big.zip >/dev/null
    pair "$r" age_enc age_enc -- custody_enc custody_enc
    cat big.c.age >/dev/null
    add verify_enc "$(t "$C" verify big.c.age --identity b.key.age)"
    age -d -i b.key.age big.c.age | cmp - big.zip || { echo "bench: age does not decrypt what custody encrypted" >&2; exit 1; }
  fi
  # Two pairs per round, in opposite orders: the many-file runs are short and noisy.
  pair "$r" seal_many_1 seal_many 1 -- seal_many_2 seal_many 2
  pair "$((r + 1))" seal_many_1 seal_many 1 -- seal_many_2 seal_many 2
  cat m1.zip >/dev/null
  pair "$r" verify_many_1 verify_many 1 -- verify_many_2 verify_many 2
  pair "$((r + 1))" verify_many_1 verify_many 1 -- verify_many_2 verify_many 2
  rm -rf bag && mkdir bag && unzip -q m1.zip -d bag
  add bagit "$(t "$venv/bin/bagit.py" --validate --processes 2 bag/custody-*)"
done
"$C" verify --format json big.zip | grep -q '"state": "intact"'
"$C" verify --format json m2.zip | grep -q '"state": "intact"'
# Each seal draws its own bundle id and commitment seed (§5.12); the rest must be the same.
same() { unzip -p "$1" '*/custody/manifest.json' | grep -v '"bundle_id"\|"seed"'; }
cmp <(same m1.zip) <(same m2.zip) >/dev/null \
  || { echo "bench: --jobs 1 and --jobs 2 sealed different manifests" >&2; exit 1; }
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
rm -f big2.zip
seal_rss=$(rss "$C" seal --key a.key --case-ref B --out big2.zip big.bin)
verify_rss=$(rss "$C" verify big2.zip)
rm -f big2.zip copy.bin

m() { echo "${T[$1]}" | tr ' ' '\n' | grep . | median; }
# Every sample, fastest to slowest: medians hide how much this disk varies.
all() { echo "${T[$1]}" | tr ' ' '\n' | grep . | sort -n | paste -sd' '; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
echo
echo "custody benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), ${rounds} round(s), medians in seconds"
echo
echo "| what | custody | stock tool | ratio | target |"
echo "|---|---|---|---|---|"
echo "| seal one ${big_mib} MiB file vs \`cp && sync\` | $(m seal_big) | $(m cp_sync) | $(ratio "$(m seal_big)" "$(m cp_sync)") | <= 1.15 |"
echo "| seal it vs \`dd oflag=direct conv=fsync\` (the same write path, no hashing; reference) | $(m seal_big) | $(m dd_direct) | $(ratio "$(m seal_big)" "$(m dd_direct)") | |"
echo "| verify it vs \`openssl dgst -sha256\` | $(m verify_big) | $(m dgst) | $(ratio "$(m verify_big)" "$(m dgst)") | <= 1.10 |"
echo "| seal ${nfiles} files, --jobs 2 vs --jobs 1 | $(m seal_many_2) | $(m seal_many_1) | $(ratio "$(m seal_many_2)" "$(m seal_many_1)") | <= 0.625 (1.6x) |"
echo "| verify them, --jobs 2 vs --jobs 1 | $(m verify_many_2) | $(m verify_many_1) | $(ratio "$(m verify_many_2)" "$(m verify_many_1)") | <= 0.625 (1.6x) |"
echo "| verify them vs \`bagit.py --validate --processes 2\` | $(m verify_many_2) | $(m bagit) | $(ratio "$(m verify_many_2)" "$(m bagit)") | <= 0.33 (3x) |"
echo "| transfer on the ${big_mib} MiB bundle | $(m transfer) | | | < 1 s |"
echo "| receive on the ${big_mib} MiB bundle (verifies it fully) | $(m receive) | | | < 1 s |"
if [ "$have_age" = 1 ]; then
  echo "| encrypt the ${big_mib} MiB bundle vs \`age -r && sync\` | $(m custody_enc) | $(m age_enc) | $(ratio "$(m custody_enc)" "$(m age_enc)") | <= 1.2 |"
  echo "| verify it encrypted (--identity, no plaintext on disk) vs verify plain | $(m verify_enc) | $(m verify_big) | $(ratio "$(m verify_enc)" "$(m verify_big)") | |"
else
  echo "| encrypt vs \`age\` | skipped: age is not installed (apt-get install age) | | | |"
fi
echo "| peak RSS, seal / verify of the ${big_mib} MiB file | ${seal_rss} / ${verify_rss} KiB | | | < 65536 KiB |"
echo
echo "All samples (seconds, fastest first):"
for k in cp_sync dd_direct seal_big dgst verify_big transfer receive seal_many_1 seal_many_2 verify_many_1 verify_many_2 bagit; do
  printf '  %-14s %s\n' "$k" "$(all "$k")"
done

if [ "$scaling" = 1 ]; then
  rm -f part.bin p.zip big.zip m2.zip
  echo
  echo "| scaling | seal s | verify s |"
  echo "|---|---|---|"
  for mib in 256 1024 4096; do
    [ "$mib" -le "$big_mib" ] || continue
    head -c $((mib * 1024 * 1024)) big.bin > part.bin; rm -f p.zip; settle
    s_time=$(t "$C" seal --key a.key --case-ref S --out p.zip part.bin)
    cat part.bin p.zip >/dev/null
    echo "| one file of ${mib} MiB | $s_time | $(t "$C" verify p.zip) |"
  done
  for n in 1000 5000 20000; do
    [ "$n" -le "$nfiles" ] || continue
    rm -rf sub && mkdir sub && find many -type f | sort > list.txt
    head -n "$n" list.txt > part.txt
    tar -cf - -T part.txt | tar -xf - -C sub
    rm -f s.zip; settle
    s_time=$(t "$C" seal --key a.key --case-ref S --out s.zip sub)
    cat s.zip >/dev/null
    echo "| ${n} files of 4-64 KiB | $s_time | $(t "$C" verify s.zip) |"
  done
  # Many tiny files (issue #22): 10k, 100k and 1M files of 64-200 bytes in 5,000 folders
  # (50 for 10k); seal and verify with their peak RSS, bagit.py on the same bag unzipped,
  # and the time per file against 10k's. BENCH_MAX_FILES lowers the largest count.
  tiny() {  # tiny N DIR
    python3 - "$1" "$2" <<'PY'
import os, random, sys
n, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(7)
dirs = 5000 if n >= 100000 else 50
per = (n + dirs - 1) // dirs
for i in range(n):
    d = f"{out}/d{i // per:04}"
    if i % per == 0:
        os.makedirs(d, exist_ok=True)
    with open(f"{d}/post-{i:07}.json", "wb") as f:
        f.write(rnd.randbytes(rnd.randint(64, 200)))
PY
  }
  timed() {  # timed COMMAND...: prints "seconds peak_MiB"; the command must succeed
    /usr/bin/time -f '%e %M' -o "$work/rss.txt" "$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; exit 1; }
    awk '{printf "%s %d\n", $1, $2 / 1024}' "$work/rss.txt"
  }
  rm -f s.zip part.bin p.zip m1.zip big.bin
  rm -rf sub many bag
  echo
  printf '%s\n' "| tiny files | seal s | seal MiB | verify s | verify MiB | bagit.py s | verify / bagit.py |" \
    " seal / verify | seal s per file vs 10k | verify s per file vs 10k |" | paste -sd ''
  echo "|---|---|---|---|---|---|---|---|---|---|"
  per10k="" sper10k=""
  for n in 10000 100000 1000000; do
    [ "$n" -le "${BENCH_MAX_FILES:-1000000}" ] || continue
    rm -rf tiny && tiny "$n" tiny
    rm -f t.zip; settle
    out=$(timed "$C" seal --jobs 2 --key a.key --case-ref T --out t.zip tiny)
    read -r s_s s_m <<<"$out"
    rm -rf tiny
    cat t.zip >/dev/null
    out=$(timed "$C" verify --jobs 2 t.zip)
    read -r v_s v_m <<<"$out"
    rm -rf bag && mkdir bag && unzip -q t.zip -d bag && find bag -type f -exec cat {} + >/dev/null
    b_s=$(t "$venv/bin/bagit.py" --validate --processes 2 bag/custody-*)
    rm -rf bag
    per=$(awk -v s="$v_s" -v n="$n" 'BEGIN { printf "%.9f", s / n }')
    sper=$(awk -v s="$s_s" -v n="$n" 'BEGIN { printf "%.9f", s / n }')
    [ -n "$per10k" ] || per10k=$per
    [ -n "$sper10k" ] || sper10k=$sper
    echo "| $n | $s_s | $s_m | $v_s | $v_m | $b_s | $(ratio "$v_s" "$b_s") | $(ratio "$s_s" "$v_s")" \
      "| $(ratio "$sper" "$sper10k") | $(ratio "$per" "$per10k") |"
  done
  rm -f t.zip
fi
echo
echo "bench: 1 passed, 0 failed"
