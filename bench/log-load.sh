#!/usr/bin/env bash
# Custody log load benchmark (issue #20): N events submitted concurrently by 16 clients over
# HTTP to the real server (`custody log serve`), each receipt's checkpoint and inclusion proof
# checked by the client (crates/custody-log/examples/log-load.rs, real leaf values); prints
# events/s and the p50/p99 latency of one submission, on SQLite and on PostgreSQL.
#
#   bench/log-load.sh              100,000 events on each store (docs/performance.md)
#   bench/log-load.sh --ci         10,000 events on each store; fails if any submission fails
#   bench/log-load.sh N            N events on each store
#   STORES="sqlite" bench/log-load.sh N     one store only (sqlite, postgres)
#
# PostgreSQL: a throwaway cluster from Debian's postgresql package (initdb, pg_ctl in
# /usr/lib/postgresql/*/bin), in a temporary directory on a free port, stopped on exit; as
# root it runs as the `postgres` user (runuser). Without it the PostgreSQL run is skipped with
# a SKIPPED line, or fails with CUSTODY_REQUIRE_POSTGRES=1. Exits 2 if it cannot run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=100000
case "${1:-}" in
  --ci) n=10000 ;;
  "") ;;
  *) n=$1 ;;
esac
stores=${STORES:-sqlite postgres}
# PROFILE=debug measures the debug build (slower; only when a release build cannot be made).
profile=${PROFILE:-release}
flag=--release
[ "$profile" = debug ] && flag=
cargo build $flag --locked --quiet -p custody-cli -p custody-log --bin custody --example log-load \
  --manifest-path "$root/Cargo.toml"
target=${CARGO_TARGET_DIR:-$root/target}
C=${CUSTODY:-$target/$profile/custody} L=$target/$profile/examples/log-load
work=$(mktemp -d "${BENCH_DIR:-/tmp}/custody-log-load.XXXX")
server="" pgdata="" pg="" asuser=()
[ "$(id -u)" = 0 ] && asuser=(runuser -u postgres --)
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  [ -n "$pgdata" ] && "${asuser[@]}" "$pgbin/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$work" ${pg:+"$pg"}
}
trap cleanup EXIT
# Copied at once: a target directory shared with another build may be rebuilt under us.
cp "$C" "$work/custody" && cp "$L" "$work/log-load" && C=$work/custody L=$work/log-load
cd "$work"
"$C" keygen --out log.key --name "Bench Log" --org Bench --role custodian --jurisdiction FR >/dev/null
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_postgres() {
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "${pgbin:-/nonexistent}/initdb" ] || { echo "no initdb in /usr/lib/postgresql/*/bin"; return 1; }
  # A directory of its own, owned by the user the cluster runs as ($work holds the log's key).
  pg=$(mktemp -d "${BENCH_DIR:-/tmp}/custody-log-pg.XXXX")
  echo bench-pass >"$pg/pw"
  [ ${#asuser[@]} -gt 0 ] && chown -R postgres "$pg"
  "${asuser[@]}" "$pgbin/initdb" -D "$pg/data" -U custody --pwfile "$pg/pw" \
    --auth-host=scram-sha-256 --auth-local=trust >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; return 1; }
  pgdata=$pg/data pgport=$(port)
  "${asuser[@]}" "$pgbin/pg_ctl" -D "$pgdata" -l "$pg/server.log" -w \
    -o "-c port=$pgport -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg" start >/dev/null \
    || { cat "$pg/server.log"; return 1; }
  "${asuser[@]}" "$pgbin/createdb" -h "$pg" -p "$pgport" -U custody custody_log
}

for store in $stores; do
  case $store in
    sqlite) db=$work/log.sqlite ;;
    postgres)
      # Not in $(…): the cluster's variables must outlive the call.
      if ! start_postgres >pg.out 2>&1; then
        why=$(tr '\n' ' ' <pg.out)
        if [ "${CUSTODY_REQUIRE_POSTGRES:-}" = 1 ]; then echo "PostgreSQL not available: $why" >&2; exit 1; fi
        echo "SKIPPED: PostgreSQL not available: $why"; continue
      fi
      db="postgres://custody:bench-pass@127.0.0.1:$pgport/custody_log" ;;
    *) echo "unknown store $store" >&2; exit 2 ;;
  esac
  "$C" log init --db "$db" --key log.key --origin bench.example/log >"$store.vkey"
  p=$(port)
  "$C" log serve --db "$db" --key log.key --listen "127.0.0.1:$p" 2>"$store.serve.log" &
  server=$!
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && break; sleep 0.1; done
  echo "== $store: $n events, 16 clients (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  "$L" --url "http://127.0.0.1:$p" --vkey "$store.vkey" --events "$n" --clients 16
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
done
