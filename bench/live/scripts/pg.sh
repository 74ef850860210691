#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the benchmark, pinned to the server core with taskset so that "the server on
# one core" includes its database. Usage: pg.sh start DIR PORT CORE | pg.sh stop DIR
set -euo pipefail
cmd=$1 dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | grep '/15/' || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { runuser -u postgres -- "$@"; }
case "$cmd" in
  start)
    port=$3 core=$4
    rm -rf "$dir"; mkdir -p "$dir"; chown postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 >/dev/null
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 256MB
log_min_messages = warning
log_checkpoints = on
log_timezone = 'UTC'
log_line_prefix = '%m '
CONF
    taskset -c "$core" runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start >/dev/null
    as_pg "$bin/psql" -q -X -h 127.0.0.1 -p "$port" -U postgres -d postgres \
      -c "CREATE ROLE digipaja LOGIN CREATEDB PASSWORD 'digipaja'" -c "CREATE DATABASE digipaja_bench OWNER digipaja"
    echo "postmaster pid $(head -1 "$dir/data/postmaster.pid")"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
esac
