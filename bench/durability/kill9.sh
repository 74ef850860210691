#!/usr/bin/env bash
# Durability under kill -9 on PostgreSQL: every note the API acknowledged (201 with its id) must be there after the
# app, or PostgreSQL itself, was killed with SIGKILL in the middle of a write load, and the worksheets' event logs
# must have no gaps.
#
#   bash bench/durability/kill9.sh [--rounds 4] [--writers 16] [--seconds 20] [--sheets 2] [--kill-postgres] [--seed N]
#
# Starts a throw-away PostgreSQL cluster (bench/live/scripts/pg.sh) and the app published in Release on free loopback
# ports, creates a workshop series through the API, and then, each round: `writers` concurrent writers post notes
# with unique texts for up to `seconds` s (client.mjs write; every acknowledged note is recorded the moment its 201
# arrives), the app is killed with kill -9 at a random moment between 30 % and 80 % of that time, the app is started
# again, and everything acknowledged so far (all rounds) is read back through the API (client.mjs check), and the event
# log is checked twice: the live stream from event 0, and PostgreSQL directly (WorksheetEvents.Seq is 1..EventSeq of
# the worksheet, each once). --kill-postgres adds a last round in which PostgreSQL is killed instead of the app
# (kill -9 of the postmaster and all its processes); it is started again (crash recovery) while the app keeps running.
# Prints a summary and writes it, with the acknowledged notes and the logs, to bench/durability/results/<time>/.
# Every process it started is stopped at the end. Not part of scripts/test.sh or dotnet test.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds=4 writers=16 seconds=20 sheets=2 kill_postgres="" seed=${SEED:-$$}
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift ;;
    --writers) writers=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --sheets) sheets=$2; shift ;;
    --seed) seed=$2; shift ;;
    --kill-postgres) kill_postgres=1 ;;
    *) echo "kill9.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
RANDOM=$seed
stamp=$(date -u +%Y%m%d-%H%M%S)
out="${OUT:-$here/results/$stamp}"
work=$(mktemp -d /tmp/digipaja-kill9.XXXXXX)
chmod 755 "$work" # the PostgreSQL cluster inside runs as the postgres user
pg_dir=$work/pg
mkdir -p "$out"
say() { printf 'kill9.sh: %s\n' "$*" | tee -a "$out/run.log"; }
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | grep '/15/' || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { runuser -u postgres -- "$@"; }

app_pid="" client_pid=""
stop_app() { # SIGTERM, then SIGKILL after 10 s
  [ -n "$app_pid" ] || return 0
  kill "$app_pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}
cleanup() {
  [ -n "$client_pid" ] && kill "$client_pid" 2>/dev/null || true
  stop_app
  bash "$root/bench/live/scripts/pg.sh" stop "$pg_dir" || true
  cp "$pg_dir/log" "$out/postgresql.log" 2>/dev/null || true
  cp "$work"/*.log "$out/" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })'; }
pg_port=$(free_port) app_port=$(free_port)
[ "$pg_port" != "$app_port" ] || app_port=$(free_port)
base="http://127.0.0.1:$app_port"

wait_http() { # url seconds
  for _ in $(seq $(( $2 * 10 ))); do curl -sf -o /dev/null --max-time 2 "$1" && return 0; sleep 0.1; done
  say "$1 did not answer in $2 s"; return 1
}

say "seed $seed; $rounds rounds of $writers writers for up to $seconds s${kill_postgres:+, and one round that kills PostgreSQL}; results in ${out#"$root"/}"
say "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
say "publishing the app (Release)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish "$root/src/Digipaja.Web" -c Release -o "$work/app" -nologo -v quiet >"$work/publish.log"

say "starting PostgreSQL on 127.0.0.1:$pg_port"
bash "$root/bench/live/scripts/pg.sh" start "$pg_dir" "$pg_port" "0-$(( $(nproc) - 1 ))" >/dev/null
psql_bench() { as_pg "$bin/psql" -X -q -At -h 127.0.0.1 -p "$pg_port" -U postgres -d digipaja_bench "$@"; }
as_pg "$bin/psql" -X -At -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
  -c "SELECT 'PostgreSQL ' || current_setting('server_version') || ', fsync ' || current_setting('fsync') || ', synchronous_commit ' || current_setting('synchronous_commit') || ', full_page_writes ' || current_setting('full_page_writes')" \
  | while read -r line; do say "$line"; done

start_app() { # n: the start's number, for its log
  (cd "$work/app" && exec env Database__Provider=Postgres \
    "ConnectionStrings__Digipaja=Host=127.0.0.1;Port=$pg_port;Database=digipaja_bench;Username=digipaja;Password=digipaja;Maximum Pool Size=100" \
    Database__DataFolder="$work/data" Demo__Seed=true ASPNETCORE_ENVIRONMENT=Production SignIn__MaxFailures=1000000 Live__MaxStreamsPerUser=1000000 \
    dotnet Digipaja.Web.dll --urls "$base") >"$work/app-$1.log" 2>&1 &
  app_pid=$!
  local t0=$SECONDS
  wait_http "$base/health" 180
  say "app started (pid $app_pid) in $(( SECONDS - t0 )) s"
}
start_pg() {
  as_pg "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -t 120 start >/dev/null
}

# The event log straight from the database: per worksheet, numbers outside 1..EventSeq or missing from it.
db_gaps() {
  local ids; ids=$(node -p "JSON.parse(require('fs').readFileSync('$work/state.json')).sheets.map(s => \"'\" + s + \"'\").join(',')")
  psql_bench -F ' ' -c "SELECT coalesce(sum(w.\"EventSeq\" - (SELECT count(DISTINCT e.\"Seq\") FROM \"WorksheetEvents\" e WHERE e.\"WorksheetId\" = w.\"Id\" AND e.\"Seq\" BETWEEN 1 AND w.\"EventSeq\")
      + (SELECT count(*) FROM \"WorksheetEvents\" e WHERE e.\"WorksheetId\" = w.\"Id\" AND e.\"Seq\" NOT BETWEEN 1 AND w.\"EventSeq\")), 0),
      coalesce(sum(w.\"EventSeq\"), 0)
    FROM \"Worksheets\" w WHERE w.\"Id\" IN ($ids)"
}

start_app 0
node "$here/client.mjs" setup --base "$base" --state "$work/state.json" --sheets "$sheets" | tee -a "$out/run.log"
cp "$work/state.json" "$out/state.json"
: >"$out/acks.tsv"; : >"$out/unknown.tsv"
echo -e "round\tkilled\tkill_at_s\tacknowledged\tunknown_outcome\tunknown_found\tfound_total\tmissing\tchanged\tduplicates\tstream_gaps\tdb_gaps\tevents\titems_without_event\trestart_s" >"$out/summary.tsv"

total_rounds=$(( rounds + (kill_postgres ? 1 : 0) ))
for round in $(seq "$total_rounds"); do
  victim=app
  [ -n "$kill_postgres" ] && [ "$round" -eq "$total_rounds" ] && victim=postgres
  kill_ms=$(( seconds * 300 + RANDOM % (seconds * 500 + 1) ))
  say "round $round: $writers writers; kill -9 of the $victim after $kill_ms ms"
  node "$here/client.mjs" write --state "$work/state.json" --round "$round" --writers "$writers" --seconds "$seconds" \
    --acks "$out/acks.tsv" --unknown "$out/unknown.tsv" >"$work/write-$round.json" &
  client_pid=$!
  sleep "$(awk -v ms="$kill_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
  if [ "$victim" = app ]; then
    kill -9 "$app_pid" || say "the app was no longer running"
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
  else
    pm=$(head -1 "$pg_dir/data/postmaster.pid")
    kill -9 "$pm" $(pgrep -P "$pm") 2>/dev/null || true
  fi
  wait "$client_pid"; client_pid=""
  killed_at=$(date +%s)
  say "round $round writes: $(cat "$work/write-$round.json")"
  if [ "$victim" = app ]; then
    start_app "$round"
  else
    for _ in $(seq 100); do kill -0 "$pm" 2>/dev/null || break; sleep 0.1; done
    start_pg
    say "PostgreSQL started again (crash recovery): $(grep -c 'redo done\|database system was interrupted\|not properly shut down' "$pg_dir/log" || true) recovery lines in its log"
    wait_http "$base/health" 60
  fi
  restart_s=$(( $(date +%s) - killed_at ))
  node "$here/client.mjs" check --state "$work/state.json" --round "$round" --acks "$out/acks.tsv" --unknown "$out/unknown.tsv" >"$work/check-$round.json"
  read -r db_gap events_db < <(db_gaps)
  say "round $round check: $(cat "$work/check-$round.json") db_gaps=$db_gap event_seq_total=$events_db"
  node -e '
    const w = JSON.parse(require("fs").readFileSync(process.argv[1])), c = JSON.parse(require("fs").readFileSync(process.argv[2]))
    console.log([c.round, process.argv[3], (Number(process.argv[4]) / 1000).toFixed(1), w.acknowledged, c.unknownOutcome, c.unknownFound, c.found, c.missing,
      c.changed, c.duplicates, c.gaps, process.argv[5], c.events, c.itemsWithoutEvent, process.argv[6]].join("\t"))
  ' "$work/write-$round.json" "$work/check-$round.json" "$victim" "$kill_ms" "$db_gap" "$restart_s" >>"$out/summary.tsv"
done

say "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# The totals: acknowledged over all rounds; found, missing and gaps as of the last check (which covers every round).
node -e '
  const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(l => l.split("\t"))
  const head = rows.shift(), r = rows.map(x => Object.fromEntries(head.map((h, i) => [h, x[i]])))
  const last = r[r.length - 1], sum = k => r.reduce((s, x) => s + Number(x[k]), 0)
  const bad = r.reduce((s, x) => s + Number(x.missing) + Number(x.changed) + Number(x.duplicates) + Number(x.stream_gaps) + Number(x.db_gaps) + Number(x.items_without_event), 0)
  console.log("")
  console.log("round  killed    at s  acknowledged  unknown (found)  found (all rounds)  missing  gaps (stream/db)  restart s")
  for (const x of r) console.log(`${x.round.padStart(5)}  ${x.killed.padEnd(8)} ${x.kill_at_s.padStart(5)}  ${x.acknowledged.padStart(12)}  ${(x.unknown_outcome + " (" + x.unknown_found + ")").padStart(15)}  ${x.found_total.padStart(18)}  ${x.missing.padStart(7)}  ${(x.stream_gaps + "/" + x.db_gaps).padStart(16)}  ${x.restart_s.padStart(9)}`)
  console.log(`rounds ${r.length}, acknowledged ${sum("acknowledged")}, found ${last.found_total}, missing ${sum("missing")}, event-log gaps ${sum("stream_gaps") + sum("db_gaps")}, events replayed ${last.events}`)
  console.log(bad === 0 ? "PASS: every acknowledged note was found after every restart, and the event log has no gaps" : `FAIL: ${bad} problems (see summary.tsv)`)
  process.exitCode = bad === 0 ? 0 : 1
' "$out/summary.tsv" | tee "$out/summary.txt"
