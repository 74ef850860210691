#!/usr/bin/env bash
# The one command that runs every test of Digipaja: unit, integration (SQLite and PostgreSQL) and browser tests.
#
#   bash scripts/test.sh
#
# It prepares what the tests need on this machine, then runs `dotnet test` once over the solution:
#   - PostgreSQL (Debian package `postgresql`) and Chromium (`chromium`), installed with apt-get when run as
#     root and missing; otherwise they must already be there;
#   - a running PostgreSQL cluster with a login role digipaja/digipaja that may create databases; the
#     integration tests connect with DIGIPAJA_TEST_POSTGRES and create a fresh database per run
#     (set DIGIPAJA_TEST_POSTGRES yourself to use another server; then no local server is touched);
#   - DIGIPAJA_CHROMIUM, the browser the Playwright tests drive (default /usr/bin/chromium);
#   - LibreOffice without a GUI (`libreoffice-writer-nogui`, `libreoffice-calc-nogui`, ~100 MB, about 30 s to
#     install), installed like PostgreSQL and Chromium; DIGIPAJA_SOFFICE names the soffice the export tests run to
#     prove that a real office suite opens the DOCX and XLSX files (default /usr/bin/soffice).
# The results land in TestResults/test-sh/*.trx. The last line printed is always
#   N passed, N failed, N skipped
# and the exit code is non-zero when a test failed, a project did not build, or no test ran.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
results="$root/TestResults/test-sh"
started=$SECONDS

say() { printf 'test.sh: %s\n' "$*"; }

# Prints the summary line from the TRX files and exits; the exit code says whether everything passed.
finish() {
  local dotnet_status=$1 counts passed failed skipped
  counts=$(summarise_trx "$results")
  read -r passed failed skipped <<<"$counts"
  say "finished in $((SECONDS - started)) s; results in ${results#"$root"/}"
  local status=0
  if [ "$failed" -gt 0 ]; then
    status=1
  elif [ $((passed + failed)) -eq 0 ]; then
    say "no test ran"
    status=1
  elif [ "$dotnet_status" -ne 0 ]; then
    say "dotnet test exited with $dotnet_status although no test failed (a project did not build or a test host crashed)"
    status=1
  fi
  echo "$passed passed, $failed failed, $skipped skipped"
  exit "$status"
}

# Counts test results (one per test case) over all TRX files: "passed failed skipped".
# Outcomes other than Passed and NotExecuted (skipped) count as failures: Failed, Error, Timeout, Aborted.
summarise_trx() {
  local dir=$1
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$dir" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        failed += 1
        continue
    for result in root.iter():
        if not result.tag.endswith("}UnitTestResult") and result.tag != "UnitTestResult":
            continue
        outcome = result.get("outcome", "")
        if outcome == "Passed":
            passed += 1
        elif outcome == "NotExecuted":
            skipped += 1
        else:
            failed += 1
print(passed, failed, skipped)
PY
  else
    # Without Python: a TRX file writes each <UnitTestResult ...> start tag on one line.
    local outcomes
    outcomes=$(find "$dir" -name '*.trx' -exec grep -ho '<UnitTestResult [^>]*' {} + 2>/dev/null |
      grep -o ' outcome="[A-Za-z]*"' || true)
    local p s t
    p=$(grep -c '"Passed"' <<<"$outcomes" || true)
    s=$(grep -c '"NotExecuted"' <<<"$outcomes" || true)
    t=$(grep -c 'outcome=' <<<"$outcomes" || true)
    echo "$p $((t - p - s)) $s"
  fi
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs a command as the postgres system user.
as_postgres() {
  if command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- "$@"
  else
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  fi
}

install_missing_packages() {
  local missing=()
  compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null && command -v pg_ctlcluster >/dev/null 2>&1 ||
    missing+=(postgresql)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/soffice ] || missing+=(libreoffice-writer-nogui libreoffice-calc-nogui)
  # pdftotext reads the text of the plan's PDF export back in the tests.
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! is_root; then
    say "missing ${missing[*]}; run as root to have them installed, or install them yourself"
    return 0
  fi
  say "installing ${missing[*]} and fonts-dejavu-core"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}" fonts-dejavu-core
}

start_postgres() {
  if [ -n "${DIGIPAJA_TEST_POSTGRES:-}" ]; then
    say "using DIGIPAJA_TEST_POSTGRES as set"
    return 0
  fi
  if ! command -v pg_lsclusters >/dev/null 2>&1; then
    say "PostgreSQL is not installed; the PostgreSQL tests will fail"
    return 0
  fi
  if ! is_root; then
    say "not root: cannot start PostgreSQL; start it yourself or set DIGIPAJA_TEST_POSTGRES"
    return 0
  fi
  local version cluster port status
  # Prefer PostgreSQL 15 (the production version); otherwise the newest installed.
  version=$(ls /usr/lib/postgresql | sort -n | grep -x 15 || ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v { found = 1 } END { exit !found }'; then
    say "creating PostgreSQL $version cluster main"
    pg_createcluster "$version" main >/dev/null
  fi
  read -r cluster port status < <(pg_lsclusters -h | awk -v v="$version" '$1 == v { print $2, $3, $4; exit }') || true
  if [[ "${status:-}" != online* ]]; then
    say "starting PostgreSQL $version/$cluster on port $port"
    pg_ctlcluster "$version" "$cluster" start
  fi
  local waited=0
  until pg_isready -q -h 127.0.0.1 -p "$port"; do
    waited=$((waited + 1))
    if [ "$waited" -gt 60 ]; then
      say "PostgreSQL did not become ready in 60 s"
      return 1
    fi
    sleep 1
  done
  # Idempotent: creates the test role once and keeps its password and rights as the tests expect.
  as_postgres psql -q -X -v ON_ERROR_STOP=1 -p "$port" -d postgres <<'SQL'
SELECT 'CREATE ROLE digipaja' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'digipaja')\gexec
ALTER ROLE digipaja WITH LOGIN CREATEDB PASSWORD 'digipaja';
-- lets DROP DATABASE ... WITH (FORCE) end an autovacuum worker that is in a test database at that moment
GRANT pg_signal_backend TO digipaja;
SQL
  export DIGIPAJA_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=digipaja;Password=digipaja;Database=postgres"
  say "PostgreSQL ready on port $port"
}

if ! command -v dotnet >/dev/null 2>&1; then
  say "the .NET SDK (dotnet) is not on PATH"
  echo "0 passed, 0 failed, 0 skipped"
  exit 1
fi

install_missing_packages
start_postgres
export DIGIPAJA_CHROMIUM="${DIGIPAJA_CHROMIUM:-/usr/bin/chromium}"
[ -x "$DIGIPAJA_CHROMIUM" ] || say "no Chromium at $DIGIPAJA_CHROMIUM; the browser tests will fail"
export DIGIPAJA_SOFFICE="${DIGIPAJA_SOFFICE:-/usr/bin/soffice}"
[ -x "$DIGIPAJA_SOFFICE" ] || say "no LibreOffice at $DIGIPAJA_SOFFICE; the office suite export test will fail"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

rm -rf "$results"
mkdir -p "$results"
say "running dotnet test Digipaja.slnx"
set +e
dotnet test Digipaja.slnx --logger "trx" --results-directory "$results"
dotnet_status=$?
set -e
finish "$dotnet_status"
