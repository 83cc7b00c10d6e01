#!/usr/bin/env bash
# The [S1] search evaluation in one command: builds the bench preset, generates a population with
# 5 % damaged second registrations and their ground truth (`haven generate`, the ten countries in
# turn), and runs bench_search_compare beside a throwaway PostgreSQL: haven's name index against
# SQLite FTS5 (trigram) and PostgreSQL pg_trgm on the same data, plus haven's batch dedupe figures.
#
#   scripts/eval_search.sh [CHILDREN]      default 100000; 1000000 needs ~4 GB RAM, ~1 GB disk, ~25 min
#
# HAVEN_EVAL_BUILD_DIR (default build/bench) and HAVEN_EVAL_DIR (default var/eval-search) set where
# it builds and where the population is kept (reused when complete; delete it to regenerate);
# HAVEN_COMPARE_QUERIES and HAVEN_PG_TRGM_THRESHOLD are read by the bench (see its first lines).
set -euo pipefail
cd "$(dirname "$0")/.."

children=${1:-100000}
if ! [[ $children =~ ^[0-9]+$ ]] || ((children < 10)); then
  echo "usage: $0 [CHILDREN]   (at least 10, default 100000)" >&2
  exit 2
fi
build=${HAVEN_EVAL_BUILD_DIR:-build/bench}
pop=${HAVEN_EVAL_DIR:-var/eval-search}/$children
countries=(DK EE FI DE IS LV LT NO PL SE)

echo "== building $build (bench preset)"
cmake --preset bench -B "$build" >/dev/null
cmake --build "$build" --target haven bench_search_compare

if [[ ! -f $pop/complete ]]; then
  echo "== generating $children children with 5 % duplicates into $pop"
  rm -rf "$pop"
  mkdir -p "$pop"
  per=$((children / ${#countries[@]}))
  rest=$((children - per * ${#countries[@]}))
  for i in "${!countries[@]}"; do
    cc=${countries[$i]}
    n=$((per + (i < rest ? 1 : 0)))
    "$build/bin/haven" generate --country "$cc" --children "$n" --seed $((20260101 + i)) \
      --duplicates 0.05 --truth "$pop/$cc.truth.csv" --out "$pop/$cc"
    # Only the children are searched; the rest of the population (cases, reports…) is not kept.
    find "$pop/$cc" -name '*.jsonl' ! -name children.jsonl -delete
  done
  touch "$pop/complete"
else
  echo "== reusing the population in $pop"
fi

echo "== load before the run: $(uptime)"
scripts/with_postgres.sh "$build/bench/bench_search_compare" "$pop"
echo "== load after the run: $(uptime)"
