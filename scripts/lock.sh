#!/usr/bin/env bash
# `make lock`: recompile the hashed lock files from pyproject.toml after a dependency changes.
# Existing pins are kept where they still satisfy pyproject.toml. The lock files carry no
# package index address (uv writes none unless asked), so they can be committed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
UV=var/tools/bin/uv
if [ ! -x "$UV" ]; then
  python3 -m venv var/tools
  var/tools/bin/pip install --quiet --disable-pip-version-check uv
fi
"$UV" pip compile pyproject.toml --generate-hashes --no-header --python-version 3.11 -q \
  -o requirements/base.txt
"$UV" pip compile pyproject.toml --extra dev --generate-hashes --no-header --python-version 3.11 -q \
  -o requirements/dev.txt
if grep -n '://' requirements/*.txt; then
  echo "A lock file names an address; it must not be committed." >&2
  exit 1
fi
