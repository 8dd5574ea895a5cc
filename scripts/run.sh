#!/usr/bin/env bash
# `make run`: bootstrap, then serve the portal with a Celery worker and beat. Ctrl-C stops
# everything this script started (PostgreSQL and Redis too, unless they were already running).
#   PORT=8400 HOST=0.0.0.0 make run     # another port or address (default 127.0.0.1:8000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/services.sh"

PORT="${PORT:-8000}"
HOST="${HOST:-127.0.0.1}"
# E-mail links, the sitemap and hreflang name the address actually served (a server
# listening on every interface is reached on this machine as 127.0.0.1).
link_host="$HOST"; [ "$HOST" = 0.0.0.0 ] && link_host=127.0.0.1
export SITE_URL="${SITE_URL:-http://$link_host:$PORT}"
pg_was_running=0; pg_running && pg_was_running=1
redis_was_running=0; redis_running && redis_was_running=1

children=()
cleanup() {
  # A second Ctrl-C, or the terminal closing, must not cut the stopping short (PostgreSQL
  # would be left running); nor may a failing step.
  trap '' INT TERM HUP
  trap - EXIT
  set +e
  echo
  echo "==> Stopping"
  for pid in "${children[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ "$redis_was_running" = 1 ] || redis_stop
  [ "$pg_was_running" = 1 ] || pg_stop
  echo "==> Stopped"
}
trap cleanup INT TERM EXIT

scripts/bootstrap.sh

mkdir -p var/log var/mail
.venv/bin/celery -A rialgender worker --loglevel=INFO --concurrency=2 --without-gossip \
  --without-mingle >var/log/worker.log 2>&1 &
children+=($!)
.venv/bin/celery -A rialgender beat --loglevel=INFO --pidfile= >var/log/beat.log 2>&1 &
children+=($!)
.venv/bin/python manage.py runserver "$HOST:$PORT" &
children+=($!)

sleep 2
cat <<MSG

  RIAL/GENDER is running:  http://$HOST:$PORT/  (English: /en/, Spanish: /es/)
  Admin (Secretariat):     http://$HOST:$PORT/en/admin/

$(.venv/bin/python manage.py load_demo_data --logins-only)

  E-mail is not sent: each message is written to var/mail/.
  Logs of the worker and beat: var/log/. Press Ctrl-C to stop everything.

MSG
wait -n "${children[@]}" || true
