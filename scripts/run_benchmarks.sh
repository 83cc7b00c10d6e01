#!/usr/bin/env bash
# Runs every benchmark program in build/bench/bench against SQLite and a throwaway PostgreSQL,
# writing JSON results to build/bench/results/ for docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/bench/results
scripts/with_postgres.sh bash -c '
  export HAVEN_BENCH_PG_URL="$HAVEN_TEST_PG_URL"
  for b in build/bench/bench/bench_*; do
    name=$(basename "$b")
    echo "== $name"
    "$b" --benchmark_out="build/bench/results/$name.json" --benchmark_out_format=json "$@"
  done' bash "$@"
