#!/usr/bin/env bash
# Project-local PostgreSQL and Redis under var/. Sourced by the other scripts; also runnable:
#   scripts/services.sh start | stop | status
# Neither listens on TCP: each has a Unix socket under var/, so nothing clashes with system
# services or with another checkout. PostgreSQL refuses to run as root, so as root the cluster
# belongs to Debian's `postgres` user.

ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
VAR="$ROOT/var"
PG_PORT="${RIALGENDER_PG_PORT:-5433}"
PG_DB="rialgender"
PG_ROLE="rialgender"

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  # `return 0`, not a bare `return`: called from a trap handler (run.sh's Ctrl-C), a bare
  # return gives back the status from before the trap (130), which `set -e` takes for a
  # failure, and PostgreSQL was left running.
  if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  command -v pg_ctl >/dev/null && dirname "$(command -v pg_ctl)"
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The cluster lives in var/pg. As root, the postgres user must be able to reach it; when the
# checkout sits somewhere it cannot (under /root, say), the cluster goes to /var/tmp and var/pg
# points there.
pg_prepare_dirs() {
  mkdir -p "$VAR"
  if [ "$(id -u)" = 0 ] && [ ! -e "$VAR/pg" ]; then
    if ! runuser -u postgres -- test -x "$VAR" 2>/dev/null; then
      local elsewhere
      elsewhere="/var/tmp/rialgender-pg-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
      mkdir -p "$elsewhere"
      ln -s "$elsewhere" "$VAR/pg"
    fi
  fi
  mkdir -p "$VAR/pg/run" "$VAR/pg/log"
  if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$(readlink -f "$VAR/pg")"; fi
}

pg_running() {
  local bin; bin=$(pg_bindir)
  [ -f "$VAR/pg/data/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$VAR/pg/data" status >/dev/null 2>&1
}

pg_start() {
  local bin; bin=$(pg_bindir)
  pg_prepare_dirs
  if [ ! -f "$VAR/pg/data/PG_VERSION" ]; then
    echo "==> Creating the PostgreSQL cluster in var/pg"
    as_pg "$bin/initdb" -D "$VAR/pg/data" -U postgres --auth=trust --encoding=UTF8 \
      --locale=C.UTF-8 >"$VAR/pg/log/initdb.log" 2>&1 \
      || { cat "$VAR/pg/log/initdb.log" >&2; return 1; }
  fi
  if pg_running; then return 0; fi
  as_pg "$bin/pg_ctl" -D "$VAR/pg/data" -l "$VAR/pg/log/postgres.log" -w -t 60 start \
    -o "-c listen_addresses='' -c unix_socket_directories='$(readlink -f "$VAR/pg/run")' -p $PG_PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
    >/dev/null || { tail -n 20 "$VAR/pg/log/postgres.log" >&2; return 1; }
  echo started >"$VAR/pg/started-by-us"
  local psql=("$bin/psql" -h "$VAR/pg/run" -p "$PG_PORT" -U postgres -d postgres -qtAX)
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname='$PG_ROLE'")" != 1 ]; then
    "${psql[@]}" -c "CREATE ROLE $PG_ROLE LOGIN CREATEDB"
  fi
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname='$PG_DB'")" != 1 ]; then
    "${psql[@]}" -c "CREATE DATABASE $PG_DB OWNER $PG_ROLE"
  fi
}

pg_stop() {
  local bin; bin=$(pg_bindir)
  if pg_running; then as_pg "$bin/pg_ctl" -D "$VAR/pg/data" -m fast -w stop >/dev/null; fi
}

redis_running() {
  [ -S "$VAR/redis/redis.sock" ] && redis-cli -s "$VAR/redis/redis.sock" ping >/dev/null 2>&1
}

redis_start() {
  mkdir -p "$VAR/redis"
  if redis_running; then return 0; fi
  rm -f "$VAR/redis/redis.sock"
  redis-server --port 0 --unixsocket "$VAR/redis/redis.sock" --unixsocketperm 700 \
    --dir "$VAR/redis" --daemonize yes --pidfile "$VAR/redis/redis.pid" \
    --logfile "$VAR/redis/redis.log" --save "" --appendonly no >/dev/null
  for _ in $(seq 50); do redis_running && return 0; sleep 0.1; done
  echo "Redis did not start; see var/redis/redis.log" >&2
  return 1
}

redis_stop() {
  if redis_running; then redis-cli -s "$VAR/redis/redis.sock" shutdown nosave >/dev/null 2>&1 || true; fi
}

services_start() {
  pg_start
  redis_start
}

services_stop() {
  redis_stop
  pg_stop
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-status}" in
    start) services_start ;;
    stop) services_stop ;;
    status)
      pg_running && echo "postgresql: running" || echo "postgresql: stopped"
      redis_running && echo "redis: running" || echo "redis: stopped"
      ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
  esac
fi
