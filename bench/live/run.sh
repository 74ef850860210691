#!/usr/bin/env bash
# Live worksheet fan-out benchmark: Digipaja (Release, PostgreSQL) against Hocuspocus and y-websocket on 127.0.0.1.
# Digipaja is driven twice: by API clients (bearer token, the API's stream) and by clients that behave like the
# worksheet page (sign-in cookie, the page's stream, its Add and Presence handlers): kinds digipaja and digipaja-page.
#
#   bash bench/live/run.sh [--quick] [--sqlite] [--workstation-gc] [--only digipaja,digipaja-page,hocuspocus,ywebsocket]
#                          [--scenarios c2000,c1000,c500,mix1000] [--workers N] [--users N] [--busy-retries N]
#                          [--rates 150,200|natural] [--step-ms 60000]   (a fixed ladder, e.g. a steady load to profile)
#                          [--sheet-size 12] [--repeat 3]   (worksheets of that size; the sweep that many times, medians)
#                          [--connections N]   (every scenario with N connections, e.g. a small smoke test)
#
# Also keeps PostgreSQL's log (checkpoints) and a per-second record of the database disk (disk.tsv) with the results.
# Installs the npm packages (package-lock.json), publishes the app in Release to a temporary folder, starts a
# throw-away PostgreSQL cluster, the app, Hocuspocus and y-websocket pinned to the server core, and runs the load
# generator (bench.mjs) pinned to the client core. Results: bench/live/results/<time>/results.{json,md}.
# DIGIPAJA_SRC=<folder> publishes the app from another copy of the sources (e.g. an older commit, for comparison).
# PG_DIR=<folder> puts the throw-away PostgreSQL cluster there instead of the temporary folder (e.g. /dev/shm/... to
# take the disk out of the figures); the folder is removed at the end.
# Every server it started is stopped at the end. Not part of scripts/test.sh or dotnet test.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
quick="" sqlite="" repeat=1 pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=--quick ;;
    --sqlite) sqlite=1 ;;
    --workstation-gc) export DOTNET_gcServer=0 ;; # Digipaja with the workstation GC instead of ASP.NET Core's server GC
    --only|--workers|--users|--busy-retries|--scenarios|--rates|--step-ms|--sheet-size|--connections) pass+=("$1" "$2"); shift ;;
    --repeat) repeat=$2; pass+=("$1" "$2"); shift ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
export SERVER_CORE=${SERVER_CORE:-0} CLIENT_CORES=${CLIENT_CORES:-1}
DIGIPAJA_PORT=${DIGIPAJA_PORT:-5099} HOCUSPOCUS_PORT=${HOCUSPOCUS_PORT:-1235} YWS_PORT=${YWS_PORT:-1236} PG_PORT=${PG_PORT:-55432}
stamp=$(date -u +%Y%m%d-%H%M%S)
out="${OUT:-$here/results/$stamp${quick:+-quick}${sqlite:+-sqlite}}"
work=$(mktemp -d /tmp/digipaja-live-bench.XXXXXX)
pg_dir=${PG_DIR:-$work/pg}
chmod 755 "$work" # the PostgreSQL cluster inside runs as the postgres user
mkdir -p "$out"
say() { printf 'run.sh: %s\n' "$*"; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done; kill -9 "$pid" 2>/dev/null || true; done
  [ -z "$sqlite" ] && bash "$here/scripts/pg.sh" stop "$pg_dir" || true
  cp "$pg_dir/log" "$out/postgresql.log" 2>/dev/null || true
  rm -rf "$pg_dir"
  cp "$work"/*.log "$out/" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cd "$here"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "publishing Digipaja (Release)"
dotnet publish "${DIGIPAJA_SRC:-$root}/src/Digipaja.Web" -c Release -o "$work/app" -nologo -v quiet >"$work/publish.log"

wait_http() { # url seconds
  for _ in $(seq $(( $2 * 10 ))); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  say "$1 did not answer in $2 s"; return 1
}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -n "$sqlite" ]; then
  db_env=(Database__Provider=Sqlite Database__DataFolder="$work/data")
  pg_pid=null
else
  say "starting PostgreSQL on 127.0.0.1:$PG_PORT (core $SERVER_CORE)"
  bash "$here/scripts/pg.sh" start "$pg_dir" "$PG_PORT" "$SERVER_CORE" >/dev/null
  pg_pid=$(head -1 "$pg_dir/data/postmaster.pid")
  db_env=(Database__Provider=Postgres "ConnectionStrings__Digipaja=Host=127.0.0.1;Port=$PG_PORT;Database=digipaja_bench;Username=digipaja;Password=digipaja;Maximum Pool Size=100"
    Database__DataFolder="$work/data")
fi
say "starting the three servers on core $SERVER_CORE"
# Started in its own folder, so that the published appsettings.json (log levels among others) applies as in production.
# The benchmark's few users (--users) stand for many people: each holds a stream on several worksheets, so the
# per-user stream limit (Live:MaxStreamsPerUser, 10) is lifted here.
(cd "$work/app" && exec env "${db_env[@]}" Demo__Seed=true ASPNETCORE_ENVIRONMENT=Production SignIn__MaxFailures=1000000 Live__MaxStreamsPerUser=1000000 \
  taskset -c "$SERVER_CORE" dotnet Digipaja.Web.dll --urls "http://127.0.0.1:$DIGIPAJA_PORT") >"$work/digipaja.log" 2>&1 &
dp_pid=$!; pids+=("$dp_pid")
PORT=$HOCUSPOCUS_PORT taskset -c "$SERVER_CORE" node "$here/servers/hocuspocus.mjs" >"$work/hocuspocus.log" 2>&1 &
hp_pid=$!; pids+=("$hp_pid")
PORT=$YWS_PORT taskset -c "$SERVER_CORE" node "$here/servers/y-websocket.mjs" >"$work/y-websocket.log" 2>&1 &
yw_pid=$!; pids+=("$yw_pid")
wait_http "http://127.0.0.1:$DIGIPAJA_PORT/health" 90
wait_http "http://127.0.0.1:$YWS_PORT/" 20
for _ in $(seq 100); do grep -q listening "$work/hocuspocus.log" && break; sleep 0.1; done

gc_mode=$([ "${DOTNET_gcServer:-}" = 0 ] && echo workstation || echo server)
pkg() { node -p "require('./node_modules/$1/package.json').version"; }
db_version='"SQLite"'
[ -z "$sqlite" ] && db_version="\"$(runuser -u postgres -- "$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | tail -1)/postgres" --version)\""
cat >"$work/servers.json" <<JSON
[
  {"name": "Digipaja${sqlite:+ (SQLite)}", "kind": "digipaja", "url": "http://127.0.0.1:$DIGIPAJA_PORT", "pid": $dp_pid, "pgPid": $pg_pid,
   "version": {"dotnet": "$(dotnet --version)", "gc": "$gc_mode", "database": $db_version, "commit": "${DIGIPAJA_COMMIT:-$(git -C "$root" rev-parse --short HEAD)}"}},
  {"name": "Digipaja${sqlite:+ (SQLite)} (page clients)", "kind": "digipaja-page", "url": "http://127.0.0.1:$DIGIPAJA_PORT", "pid": $dp_pid, "pgPid": $pg_pid,
   "version": {"dotnet": "$(dotnet --version)", "gc": "$gc_mode", "database": $db_version, "commit": "${DIGIPAJA_COMMIT:-$(git -C "$root" rev-parse --short HEAD)}"}},
  {"name": "Hocuspocus", "kind": "hocuspocus", "url": "ws://127.0.0.1:$HOCUSPOCUS_PORT", "pid": $hp_pid,
   "version": {"@hocuspocus/server": "$(pkg @hocuspocus/server)", "@hocuspocus/provider": "$(pkg @hocuspocus/provider)", "yjs": "$(pkg yjs)"}},
  {"name": "y-websocket", "kind": "ywebsocket", "url": "ws://127.0.0.1:$YWS_PORT", "pid": $yw_pid,
   "version": {"@y/websocket-server": "$(pkg @y/websocket-server)", "y-websocket": "$(pkg y-websocket)", "yjs": "$(pkg yjs)"}}
]
JSON
cp "$work/servers.json" "$out/servers.json"

# Other work on the machine distorts the figures: wait (bounded) for a quiet machine, then measure anyway; every
# step records the CPU that others used on the two cores and is marked invalid when it was too much.
for i in $(seq ${QUIET_WAIT_S:-120}); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  awk -v l="$load" 'BEGIN { exit !(l < 0.7) }' && break
  [ "$i" -eq 1 ] && say "waiting up to ${QUIET_WAIT_S:-120} s for a quiet machine (load $load)"
  sleep 1
done
# The disk under the database, second by second (written kB, ms the device was busy, ms requests waited): a step that
# fails with the core idle is then seen against the disk's stalls (see docs/benchmarks.md).
disk=$(basename "$(df --output=source "$pg_dir" 2>/dev/null | tail -1)")
if [ -z "$sqlite" ] && grep -q " $disk " /proc/diskstats; then
  (echo -e "utc\twritten_kb\tbusy_ms\twait_ms"; prev=""
   while sleep 1; do
     now=$(awk -v d="$disk" '$3 == d { print $10, $13, $14 }' /proc/diskstats)
     [ -n "$prev" ] && echo "$now $prev" | awk -v t="$(date -u +%H:%M:%S)" '{ printf "%s\t%d\t%d\t%d\n", t, ($1 - $4) / 2, $2 - $5, $3 - $6 }'
     prev=$now
   done) >"$out/disk.tsv" &
  pids+=("$!")
fi
say "load generator on core $CLIENT_CORES; results in ${out#"$root"/}"
limit=$(( $([ -n "$quick" ] && echo 600 || echo 5400) * repeat ))
timeout "$limit" taskset -c "$CLIENT_CORES" node --max-old-space-size=8192 "$here/bench.mjs" \
  --servers "$work/servers.json" --out "$out" $quick ${pass[@]+"${pass[@]}"}
