# The two commands: `make run` serves the portal with demo data; `make test` runs every check.
.PHONY: run test services-start services-stop messages lock lighthouse bench-portfolio bench-newsletter bench-dialogues bench-api bench-docs clean

run:
	@scripts/run.sh

test:
	@scripts/test.sh

services-start:
	@scripts/services.sh start

services-stop:
	@scripts/services.sh stop

# Refresh the Spanish catalog after changing interface strings; then translate locale/es.
messages:
	.venv/bin/python manage.py makemessages -l es --ignore=.venv --ignore=var --no-obsolete --add-location=file
	.venv/bin/python manage.py makemessages -l es -d djangojs --ignore=.venv --ignore=var --ignore=static/admin --no-obsolete --add-location=file

# Recompile requirements/*.txt (hashed, no index address) after changing pyproject.toml.
lock:
	@scripts/lock.sh

# Lighthouse's mobile scores of the main public pages in both languages, against a running
# `make run` (same PORT), or ARGS=https://address, or ARGS=--production (gunicorn, production
# settings). Lighthouse from PATH or LIGHTHOUSE=/path/to/lighthouse.
lighthouse:
	@scripts/lighthouse.sh $(ARGS)

clean:
	@scripts/services.sh stop
	rm -rf var .venv

# Benchmarks: run by hand, never in the test suite. ARGS="--rows 1000000" for a million.
# Each bootstraps first (virtual environment, services), so it works on a fresh clone.
bench-portfolio:
	@scripts/bootstrap.sh --test
	.venv/bin/python bench/portfolio_search.py $(ARGS)

bench-newsletter:
	@scripts/bootstrap.sh --test
	.venv/bin/python bench/newsletter_send.py $(ARGS)

# The mail benchmarks run against a PostgreSQL cluster of their own with fsync and
# synchronous_commit on (var/pg-bench, see bench/common.py). ARGS="--registrants 20000".
bench-dialogues:
	@scripts/bootstrap.sh --test
	.venv/bin/python bench/dialogue_reminders.py $(ARGS)

# The read API and anonymous pages under gunicorn with production settings, 100,000 programs.
bench-api:
	@scripts/bootstrap.sh --test
	.venv/bin/python bench/api_load.py $(ARGS)

# The documentation center: 20,000 resources of 10 pages; ARGS="--resources 2000" for a quick run.
bench-docs:
	@scripts/bootstrap.sh --test
	.venv/bin/python bench/docs_search.py $(ARGS)
