#!/usr/bin/env bash
# Bring a machine to the point where the portal can run: system packages, the virtual
# environment from the lock file, a project-local PostgreSQL and Redis under var/, the
# database schema and the compiled translations. Safe to run again; does only what is missing.
#
#   scripts/bootstrap.sh          # as `make run` needs it
#   scripts/bootstrap.sh --test   # as `make test` and the benchmarks need it (no demo data)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/services.sh
source "$ROOT/scripts/services.sh"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# 1. System packages ---------------------------------------------------------------------
missing=()
command -v python3 >/dev/null || missing+=(python3)
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
[ -n "$(pg_bindir)" ] || missing+=(postgresql postgresql-contrib)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v msgfmt >/dev/null || missing+=(gettext)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then
    say "Installing system packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive bash -c "$cmd"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    say "Installing system packages with sudo: ${missing[*]}"
    sudo DEBIAN_FRONTEND=noninteractive bash -c "$cmd"
  else
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them as root, then run make again:" >&2
    echo "  sudo bash -c '$cmd'" >&2
    exit 1
  fi
fi

# 2. Python virtual environment, from the hashed lock file --------------------------------
python3 - <<'PY' || { echo "Python 3.11 or newer is required." >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY
LOCK="requirements/dev.txt"
STAMP=".venv/.lock-$(sha256sum "$LOCK" | cut -c1-16)"
if [ ! -f "$STAMP" ]; then
  say "Creating .venv from $LOCK"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$LOCK"
  rm -f .venv/.lock-* && touch "$STAMP"
fi

# 3. PostgreSQL and Redis under var/ ------------------------------------------------------
services_start

# 4. Schema and translations --------------------------------------------------------------
say "Compiling translations"
.venv/bin/python manage.py compilemessages --ignore=.venv --ignore=var -v 0
if [ "${1:-}" != "--test" ]; then
  say "Migrating the database"
  .venv/bin/python manage.py migrate --no-input -v 0
  say "Loading the demo data"
  .venv/bin/python manage.py load_demo_data -v 0
  .venv/bin/python manage.py keep_oai_records -v 0
fi
