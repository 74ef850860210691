#!/usr/bin/env bash
# County plan benchmark (issue 5): a county of 25 service lines × 6 functionalities × 5 services (about 20,000 notes),
# and 2× and 4× that, on SQLite and PostgreSQL; the county plan loaded, assembled and written as DOCX and XLSX in
# process, and read over HTTP from the app built in Release.
#
#   bash bench/plans/run.sh [--quick] [--scales "1 2 4"] [--providers "sqlite postgres"] [--runs N] [--warmup N]
#                           [--url PATH]... [--paint] [--burst]
#
# --url adds a path to time over HTTP (default /api/v1/plans/county; the HTML plan page and the DOCX, e.g.
# --url /plans --url /api/v1/plans/county.docx, are added when the app has them). --quick: scale 1 only, 10 runs.
# --paint also times headless Chromium painting the county plan page's first screen (5 runs after 1 warm-up).
# --burst also measures how much one user's burst of exports delays another user's plan pages (--runs rounds, at
# least 3; e.g. --scales 1 --providers postgres --runs 3 --url /Plans --burst).
# PostgreSQL: the server named by BENCH_POSTGRES (an admin connection string; default the local test server
# Host=127.0.0.1;Port=5432;Username=digipaja;Password=digipaja;Database=postgres); when it does not answer and this
# runs as root, a throw-away cluster is started with bench/live/scripts/pg.sh. Each measurement gets a fresh database,
# dropped afterwards. Results: bench/plans/results/<time>/results.{jsonl,md}. Not part of scripts/test.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
scales="1 2 4" providers="sqlite postgres" runs=30 warmup=5 urls=() paint="" burst=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) scales="1" runs=10 warmup=3 ;;
    --scales) scales="$2"; shift ;;
    --providers) providers="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --url) urls+=("$2"); shift ;;
    --paint) paint=1 ;;
    --burst) burst=1 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ ${#urls[@]} -eq 0 ] && urls=(/api/v1/plans/county)
PORT=${PORT:-5098} PG_PORT=${PG_PORT:-55433}
admin="${BENCH_POSTGRES:-Host=127.0.0.1;Port=5432;Username=digipaja;Password=digipaja;Database=postgres}"
stamp=$(date -u +%Y%m%d-%H%M%S)
out="${OUT:-$here/results/$stamp}"
work=$(mktemp -d /tmp/digipaja-plans-bench.XXXXXX)
chmod 755 "$work"
mkdir -p "$out"
say() { printf 'run.sh: %s\n' "$*" >&2; }
app_pid="" own_pg=""
stop_app() {
  [ -n "$app_pid" ] || return 0
  kill "$app_pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$app_pid" 2>/dev/null || true
  app_pid=""
}
cleanup() {
  stop_app
  [ -n "$own_pg" ] && bash "$root/bench/live/scripts/pg.sh" stop "$work/pg" || true
  cp "$work"/*.log "$out/" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

say "building in Release"
dotnet build "$here/Digipaja.Bench.Plans" -c Release -nologo -v quiet -o "$work/bench" >"$work/build-bench.log"
dotnet publish "$root/src/Digipaja.Web" -c Release -nologo -v quiet -o "$work/app" >"$work/publish.log"
bench() { dotnet "$work/bench/Digipaja.Bench.Plans.dll" "$@"; }

psql_admin() { # sql; through the bench tool's own Npgsql would need another command, so use psql when present
  PGPASSWORD="$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$admin")" psql -q -X \
    -h "$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$admin")" -p "$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$admin")" \
    -U "$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$admin")" -d postgres -c "$1"
}
if [[ " $providers " == *" postgres "* ]] && ! psql_admin "select 1" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    say "no PostgreSQL at BENCH_POSTGRES; starting a throw-away cluster on 127.0.0.1:$PG_PORT"
    bash "$root/bench/live/scripts/pg.sh" start "$work/pg" "$PG_PORT" 0 >/dev/null
    own_pg=1
    admin="Host=127.0.0.1;Port=$PG_PORT;Username=digipaja;Password=digipaja;Database=postgres"
  else
    say "PostgreSQL is not reachable (set BENCH_POSTGRES); skipping it"; providers="${providers/postgres/}"
  fi
fi

wait_http() { for _ in $(seq 300); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; say "no answer from $1"; return 1; }
url_args=(); for u in "${urls[@]}"; do url_args+=(--url "$u"); done

for provider in $providers; do
  for scale in $scales; do
    lines=$((25 * scale))
    case "$provider" in
      sqlite)
        rm -f "$work"/bench.db*
        conn="Data Source=$work/bench.db" prov=Sqlite ;;
      postgres)
        db="digipaja_plans_bench_$scale"
        psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null; psql_admin "CREATE DATABASE $db" >/dev/null
        conn="${admin/Database=postgres/Database=$db}" prov=Postgres ;;
    esac
    say "$provider ×$scale: generating $lines service lines"
    bench generate --provider "$prov" --connection "$conn" --lines "$lines" | tee -a "$out/results.jsonl" >&2
    if [ "$provider" = postgres ]; then psql_admin "VACUUM ANALYZE" >/dev/null 2>&1 || true; fi
    say "$provider ×$scale: PlanLoader and the writers in process ($runs runs after $warmup warm-up)"
    bench loader --provider "$prov" --connection "$conn" --runs "$runs" --warmup "$warmup" \
      | sed "s/^{/{\"scale\":$scale,/" | tee -a "$out/results.jsonl" >&2
    say "$provider ×$scale: HTTP against the Release app"
    ASPNETCORE_ENVIRONMENT=Production Database__Provider="$prov" ConnectionStrings__Digipaja="$conn" \
      Database__DataFolder="$work/data" Demo__Seed=false Logging__LogLevel__Default=Warning \
      dotnet "$work/app/Digipaja.Web.dll" --urls "http://127.0.0.1:$PORT" --contentRoot "$work/app" >"$work/app-$provider-$scale.log" 2>&1 &
    app_pid=$!
    wait_http "http://127.0.0.1:$PORT/health"
    bench http --base "http://127.0.0.1:$PORT" --runs "$runs" --warmup "$warmup" "${url_args[@]}" \
      | sed "s/^{/{\"provider\":\"$prov\",\"scale\":$scale,/" | tee -a "$out/results.jsonl" >&2
    if [ -n "$paint" ]; then
      say "$provider ×$scale: Chromium painting the county plan page"
      bench paint --base "http://127.0.0.1:$PORT" --runs 5 --warmup 1 \
        | sed "s/^{/{\"provider\":\"$prov\",\"scale\":$scale,/" | tee -a "$out/results.jsonl" >&2
    fi
    if [ -n "$burst" ]; then
      say "$provider ×$scale: a burst of exports against another user's pages ($runs rounds)"
      bench burst --base "http://127.0.0.1:$PORT" --runs "$runs" \
        | sed "s/^{/{\"provider\":\"$prov\",\"scale\":$scale,/" | tee -a "$out/results.jsonl" >&2
    fi
    stop_app
    [ "$provider" = postgres ] && psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  done
done

python3 - "$out/results.jsonl" >"$out/results.md" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
gen = {}
print("| provider | scale | lines | notes | what | median ms | p95 ms | max ms | size |")
print("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    if r["command"] == "generate":
        gen[(r["provider"], r["Lines"])] = r
        key = (r["provider"], r["Lines"] // 25)
        notes = r["Items"]
    elif r["command"] == "loader":
        s = r["scale"]; p = r["provider"]
        for what, k, size in (("PlanLoader.LoadAsync (queries + assembly)", "loadAndAssemble", None),
                              ("JSON serialisation", "serialiseJson", "jsonBytes"),
                              ("PlanDocx.Write (DOCX writer)", "writeDocx", "docxBytes"),
                              ("PlanXlsx.Write (XLSX writer)", "writeXlsx", "xlsxBytes")):
            if k not in r: continue
            t = r[k]
            kib = f"{r[size]//1024} KiB" if size else ""
            print(f"| {p} | {s}× | {25*s} | {notes} | {what} | {t['Median']} | {t['P95']} | {t['Max']} | {kib} |")
    elif r["command"] == "http":
        s = r["scale"]; p = r["provider"]
        for u in r["urls"]:
            t = u["time"]
            print(f"| {p} | {s}× | {25*s} | {notes} | GET {u['url']} ({u['status']}) | {t['Median']} | {t['P95']} | {t['Max']} | {u['bytes']//1024} KiB |")
    elif r["command"] == "paint":
        s = r["scale"]; p = r["provider"]
        for what, k in (("Chromium: empty page (its own start)", "empty"), ("Chromium: county page, first screen", "asServed"),
                        ("Chromium: county page, every section laid out", "allSections")):
            t = r["times"][k]
            print(f"| {p} | {s}× | {25*s} | {notes} | {what} | {t['Median']} | {t['P95']} | {t['Max']} | {r['pageChars']//1024} K chars |")
bursts = [r for r in rows if r["command"] == "burst"]
if bursts:
    print()
    print("| provider | scale | round | burst s | exports answered | page | alone median ms | during burst median / p95 / max ms | worst delay ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in bursts:
        for i, run in enumerate(r["perRun"], 1):
            answered = ", ".join(f"{e['count']}× {e['kind']} {e['status']} (last at {e['lastSeconds']} s)" for e in run["exports"])
            for p in run["pages"]:
                d = p["duringBurst"]
                print(f"| {r['provider']} | {r['scale']}× | {i} | {run['burstSeconds']} | {answered} | {p['page']} | {p['alone']['Median']} | {d['Median']} / {d['P95']} / {d['Max']} | {run['delay']['Max']} |")
        w = r["worstDelayMs"]
        print(f"| {r['provider']} | {r['scale']}× | median of rounds | | | | | | **{w['Median']}** ({w['Min']}–{w['Max']}) |")
PY
cat "$out/results.md"
say "results in ${out#"$root"/}"
