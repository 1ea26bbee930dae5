#!/usr/bin/env bash
# Install everything, build a store from the bundled example corpus and print its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
rm -f example.duckdb
.venv/bin/newsgraph build examples/corpus --db example.duckdb
echo "Explore it: .venv/bin/newsgraph docs --db example.duckdb; .venv/bin/newsgraph entities --db example.duckdb"
