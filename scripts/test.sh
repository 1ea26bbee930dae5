#!/usr/bin/env bash
# Install everything, check the code with ruff (rules in pyproject.toml), and run the test suite.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/ruff check --quiet . || { echo "ruff check found the problems above: fix them (or run .venv/bin/ruff check --fix .)" >&2; exit 1; }
exec .venv/bin/python -m pytest "$@"
