#!/usr/bin/env bash
# Install everything, check the code with ruff (rules in pyproject.toml), and run the test suite.
# Extra arguments go to pytest. The test files run in one process per core (pytest-xdist; each file's tests in
# one process, so a file's shared fixtures are built once); NEWSGRAPH_TEST_PROCESSES=0 runs them in this one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/ruff check --quiet . || { echo "ruff check found the problems above: fix them (or run .venv/bin/ruff check --fix .)" >&2; exit 1; }
exec .venv/bin/python -m pytest -n "${NEWSGRAPH_TEST_PROCESSES:-auto}" --dist loadfile "$@"
