#!/usr/bin/env bash
# `make test`: bootstrap, then ruff and the whole pytest suite against the real PostgreSQL,
# Redis, a Celery worker and Debian's Chromium. Stops the services it started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/services.sh"

pg_was_running=0; pg_running && pg_was_running=1
redis_was_running=0; redis_running && redis_was_running=1
cleanup() {
  [ "$redis_was_running" = 1 ] || redis_stop
  [ "$pg_was_running" = 1 ] || pg_stop
}
trap cleanup EXIT

scripts/bootstrap.sh --test

echo "==> ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "==> import contracts"
.venv/bin/lint-imports --no-cache

echo "==> pytest"
export DJANGO_ALLOW_ASYNC_UNSAFE=true
.venv/bin/pytest "$@"
