#!/usr/bin/env bash
# Lighthouse's mobile scores (performance, accessibility, best practices, SEO) of the public
# pages that matter most, in English and Spanish: the home page, a portfolio search, a
# program's page, a documentation center search and, once the dialogues are served, an
# event's page. One line per page and language; exits 1 when a score is below the goal
# (performance 95, the other three 100).
#
#   make run                                      # in another terminal, then:
#   scripts/lighthouse.sh                         # against http://127.0.0.1:${PORT:-8000}
#   scripts/lighthouse.sh https://staging.example # against any address serving the portal
#   scripts/lighthouse.sh --production            # the portal as production serves it:
#       gunicorn with the production settings and whitenoise's compressed, cached static
#       files, on the development database, on a free port, stopped at the end
#
# Lighthouse comes from PATH or from LIGHTHOUSE=/path/to/lighthouse; Chromium from
# CHROME_PATH (default /usr/bin/chromium). The reports are kept in var/lighthouse/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

LIGHTHOUSE="${LIGHTHOUSE:-$(command -v lighthouse || true)}"
if [ -z "$LIGHTHOUSE" ] || [ ! -x "$LIGHTHOUSE" ]; then
  echo "Lighthouse is not installed (or LIGHTHOUSE does not name it). Install it with:" >&2
  echo "  npm install --global lighthouse@12" >&2
  echo "or point LIGHTHOUSE at an installed one: LIGHTHOUSE=/path/to/node_modules/.bin/lighthouse" >&2
  exit 2
fi
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROME_PATH" ]; then
  echo "Chromium not found at $CHROME_PATH (set CHROME_PATH)." >&2
  exit 2
fi

server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap stop_server EXIT

if [ "${1:-}" = "--production" ]; then
  scripts/bootstrap.sh >/dev/null
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  BASE="http://127.0.0.1:$port"
  export DJANGO_SETTINGS_MODULE=rialgender.settings.prod
  SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(60))')"
  export SECRET_KEY ALLOWED_HOSTS=127.0.0.1 DB_NAME="${DB_NAME:-rialgender}" SITE_URL="$BASE"
  # Plain HTTP on this machine; production sits behind TLS.
  export SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING
  # A cache of its own (Redis database 4) and a page cache version of this run only.
  export CACHE_URL="unix://$ROOT/var/redis/redis.sock?db=4" PAGE_CACHE_VERSION="lighthouse-$$-$(date +%s)"
  echo "==> Collecting static files (var/staticfiles)"
  .venv/bin/python manage.py collectstatic --noinput -v 0
  echo "==> Serving with gunicorn and the production settings on $BASE"
  .venv/bin/gunicorn rialgender.wsgi --bind "127.0.0.1:$port" --workers 2 \
    --log-level warning >"$ROOT/var/log/lighthouse-gunicorn.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$BASE/en/" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { echo "gunicorn exited: var/log/lighthouse-gunicorn.log" >&2; exit 1; }
    sleep 0.5
  done
else
  BASE="${1:-http://127.0.0.1:${PORT:-8000}}"
fi
BASE="${BASE%/}"
if ! curl -fsS -o /dev/null "$BASE/en/"; then
  echo "Nothing answers at $BASE/en/: start the portal (make run, PORT=$PORT) or give its address." >&2
  exit 1
fi

OUT="$ROOT/var/lighthouse"
mkdir -p "$OUT" "$ROOT/var/log"

# The pages, found by following the portal's own links (so the Spanish addresses are the
# translated ones): "<name> <English path> <Spanish path>" per line.
pages=$(python3 - "$BASE" <<'PY'
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

base = sys.argv[1]


def get(path):
    try:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            return response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError:
        return None


def spanish(html):
    """The language switch's link: the same page in Spanish."""
    match = re.search(r'<a href="([^"]+)" hreflang="es"', html)
    return match.group(1).replace("&amp;", "&") if match else None


def first_link(html, prefix, pattern):
    for href in re.findall(r'href="([^"?#]+)"', html):
        if href.startswith(prefix) and re.fullmatch(pattern, href[len(prefix):]):
            return href
    return None


def page(name, en_path, es_query=None):
    html = get(en_path)
    if html is None:
        return
    es_path = spanish(html)
    if es_path is None:
        return
    if es_query is not None:
        es_path = es_path.split("?")[0] + "?" + urllib.parse.urlencode(es_query)
    print(name, en_path, es_path)


page("home", "/en/")
page("portfolio-search", "/en/portfolio/?q=care", {"q": "cuidados"})
listing = get("/en/portfolio/") or ""
program = first_link(listing, "/en/portfolio/programs/", r"\d+/")
if program:
    page("program", program)
page("documents-search", "/en/documents/?q=violence", {"q": "violencia"})
# An event of the dialogues (the first listed: the next one).
dialogues = get("/en/dialogues/")
if dialogues is not None:
    event = first_link(dialogues, "/en/dialogues/", r"\d+/")
    if event:
        page("event", event)
PY
)
if [ -z "$pages" ]; then
  echo "No page found at $BASE." >&2
  exit 1
fi

printf '%-18s %-4s %5s %5s %5s %5s  %s\n' page lang perf a11y bp seo address
failed=0
while read -r name en_path es_path; do
  for lang in en es; do
    path="$en_path"; [ "$lang" = es ] && path="$es_path"
    report="$OUT/$name-$lang.json"
    # Twice at most: Chromium now and then loses a trace (NO_NAVSTART) on a busy machine.
    ran=0
    for _attempt in 1 2; do
      if "$LIGHTHOUSE" "$BASE$path" --quiet --output=json --output-path="$report" \
          --only-categories=performance,accessibility,best-practices,seo \
          --chrome-flags="--headless --no-sandbox" >"$OUT/$name-$lang.log" 2>&1; then
        ran=1
        break
      fi
    done
    if [ "$ran" = 0 ]; then
      echo "$name $lang: lighthouse failed, see $OUT/$name-$lang.log" >&2
      failed=1
      continue
    fi
    line=$(python3 - "$report" <<'PY'
import json
import sys

report = json.load(open(sys.argv[1]))
goals = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
scores = {key: round((report["categories"][key]["score"] or 0) * 100) for key in goals}
below = [key for key, goal in goals.items() if scores[key] < goal]
print(" ".join(str(scores[key]) for key in goals), "BELOW:" + ",".join(below) if below else "ok")
PY
)
    read -r perf a11y bp seo verdict <<<"$line"
    printf '%-18s %-4s %5s %5s %5s %5s  %s%s\n' "$name" "$lang" "$perf" "$a11y" "$bp" "$seo" \
      "$path" "$([ "$verdict" = ok ] || echo "  ($verdict)")"
    [ "$verdict" = ok ] || failed=1
  done
done <<<"$pages"
exit "$failed"
