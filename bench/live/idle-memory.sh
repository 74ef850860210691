#!/usr/bin/env bash
# What an idle live stream costs Digipaja's server: memory per open stream, measured two ways.
#
#   bash bench/live/idle-memory.sh [--connections 2000] [--join-ms 10000] [--idle-s 5] [--no-heap]
#
# Publishes the app (Release) to a temporary folder, starts a throw-away PostgreSQL cluster and the app pinned to the
# server core as run.sh does, prepares users and worksheets, warms the app up with 10 streams, then opens the idle
# streams (10 per worksheet, spread over the join time) from the client core and waits. Reports:
#   - RSS growth of the app per stream (what run.sh's connect storm reports as "KiB per idle connection"; it also
#     counts the GC's free space and code compiled during the storm, so it moves by a few KiB from run to run);
#   - live managed bytes per stream: objects reachable from a root, counted by a heap walk before and after
#     (bench/live/heapwalk, ClrMD), with the types that grew the most. Not with --no-heap.
# DIGIPAJA_SRC=<folder> measures another copy of the sources. Not part of scripts/test.sh or dotnet test.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
connections=2000 join_ms=10000 idle_s=5 heap=1
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) connections=$2; shift ;;
    --join-ms) join_ms=$2; shift ;;
    --idle-s) idle_s=$2; shift ;;
    --no-heap) heap="" ;;
    *) echo "idle-memory.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
SERVER_CORE=${SERVER_CORE:-0} CLIENT_CORES=${CLIENT_CORES:-1} port=${DIGIPAJA_PORT:-5097} pg_port=${PG_PORT:-55433}
work=$(mktemp -d /tmp/digipaja-idle-memory.XXXXXX)
chmod 755 "$work"
say() { printf 'idle-memory.sh: %s\n' "$*"; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  bash "$here/scripts/pg.sh" stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT

cd "$here"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
say "publishing Digipaja (Release)"
dotnet publish "${DIGIPAJA_SRC:-$root}/src/Digipaja.Web" -c Release -o "$work/app" -nologo -v quiet >"$work/publish.log"
heapwalk=()
if [ -n "$heap" ]; then
  dotnet build "$here/heapwalk" -c Release -o "$work/heapwalk" -nologo -v quiet >"$work/heapwalk-build.log"
  heapwalk=(dotnet "$work/heapwalk/Digipaja.Bench.HeapWalk.dll")
fi

bash "$here/scripts/pg.sh" start "$work/pg" "$pg_port" "$SERVER_CORE" >/dev/null
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
(cd "$work/app" && exec env Database__Provider=Postgres Database__DataFolder="$work/data" \
  "ConnectionStrings__Digipaja=Host=127.0.0.1;Port=$pg_port;Database=digipaja_bench;Username=digipaja;Password=digipaja;Maximum Pool Size=100" \
  Demo__Seed=true ASPNETCORE_ENVIRONMENT=Production SignIn__MaxFailures=1000000 Live__MaxStreamsPerUser=1000000 \
  taskset -c "$SERVER_CORE" dotnet Digipaja.Web.dll --urls "http://127.0.0.1:$port") >"$work/app.log" 2>&1 &
app=$!; pids+=("$app")
for _ in $(seq 900); do curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done

hold() { # connections join-ms log: starts the holder and waits until it has prepared
  taskset -c "$CLIENT_CORES" node "$here/lib/hold-streams.mjs" "http://127.0.0.1:$port" "$1" "$2" "$work/go" >"$3" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1200); do grep -q prepared "$3" && return 0; kill -0 "${pids[-1]}" 2>/dev/null || break; sleep 0.5; done
  cat "$3"; return 1
}
held() { # log
  for _ in $(seq 1200); do grep -q held "$1" && return 0; kill -0 "${pids[-1]}" 2>/dev/null || break; sleep 0.5; done
  cat "$1"; return 1
}
say "warming up with 10 streams"
hold 10 0 "$work/warm.log"; touch "$work/go"; held "$work/warm.log"; kill "${pids[-1]}"; rm "$work/go"
say "preparing $connections streams"
hold "$connections" "$join_ms" "$work/hold.log"
sleep 3
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$app/status"; }
[ -n "$heap" ] && "${heapwalk[@]}" count "$app" "$work/before.tsv" >/dev/null
rss_before=$(rss)
say "opening $connections streams over $join_ms ms"
touch "$work/go"; held "$work/hold.log"
sleep "$idle_s"
rss_after=$(rss)
say "RSS $rss_before -> $rss_after KiB: $(awk -v a="$rss_before" -v b="$rss_after" -v n="$connections" 'BEGIN { printf "%.1f", (b - a) / n }') KiB per idle stream"
if [ -n "$heap" ]; then
  "${heapwalk[@]}" count "$app" "$work/after.tsv" >/dev/null
  "${heapwalk[@]}" compare "$work/before.tsv" "$work/after.tsv" "$connections"
fi
