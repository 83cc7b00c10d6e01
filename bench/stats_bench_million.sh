#!/usr/bin/env bash
# The [R1] goal at a million children (docs/PERFORMANCE.md, "Regional statistics at a million
# children"): `haven stats compute` on the SQLite demo database and on the PostgreSQL cluster, wall
# and CPU (PostgreSQL's own CPU from the postmaster's reaped backends), then the national
# dashboard's first, uncached view and its Barnahus and case-management views, signed in as the
# demo analyst. Nothing is cached between runs of the command; the dashboard caches for 5 minutes.
#
#   bench/stats_bench_million.sh [HAVEN_BINARY]   (default build/stats-rel/bin/haven, release)
#   STATS_WORK=/work/data               folder holding var/master.key of the demo database
#   STATS_SQLITE=/work/data/demo-1m.db  `haven demo --children 1000000 --country SE --seed 7` (skipped if absent)
#   STATS_PG=/work/data/pg1m            a scripts/pg_cluster.sh folder (url, data/postmaster.pid)
#   STATS_RUNS=3                        runs of the command per database
#   STATS_DASHBOARD=1                   0: skip the dashboard (its start-up builds the name index)
#   STATS_BASELINE=BINARY               another build to compare with: each run times it and then
#                                       HAVEN_BINARY, back to back (this machine's speed drifts by
#                                       a third within minutes, so only such pairs compare), and
#                                       checks that the two releases are byte-identical
# The TOTP secret is the demo analyst's for seed 7 (printed by `haven demo`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
haven=$(realpath "${1:-$root/build/stats-rel/bin/haven}")
work=${STATS_WORK:-/work/data}
sqlite_db=${STATS_SQLITE:-/work/data/demo-1m.db}
pg_dir=${STATS_PG:-/work/data/pg1m}
runs=${STATS_RUNS:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$work"

pg_cpu() { awk '{printf "%.2f", ($14+$15+$16+$17)/100}' "/proc/$(head -1 "$pg_dir/data/postmaster.pid")/stat"; }

baseline=${STATS_BASELINE:+$(realpath "$STATS_BASELINE")}

# One timed release of each binary under test (the baseline first), then the releases compared.
# $1: the database's name in the output; $2: its URL; $3: a command printing extra figures.
releases() {
  local name=$1 url=$2 after=$3 label bin
  for label in baseline candidate; do
    bin=$haven
    if [[ $label == baseline ]]; then
      [[ -n $baseline ]] || continue
      bin=$baseline
    fi
    $after start
    /usr/bin/time -f "$name run $i${baseline:+ ($label)}: %e s wall, %U user, %S sys" "$bin" \
      stats compute --country SE --period 2026 --out "$out/$name-$label.csv" --db "$url" >/dev/null
    $after stop
  done
  if [[ -n $baseline ]]; then
    if cmp -s "$out/$name-baseline.csv" "$out/$name-candidate.csv"; then
      echo "  the two releases are byte-identical"
    else
      echo "  the two releases DIFFER" >&2
    fi
  fi
}
load_average() {
  if [[ $1 == stop ]]; then echo "  load average $(cut -d' ' -f1-3 /proc/loadavg)"; fi
}

if [[ -f $sqlite_db ]]; then
  for i in $(seq 1 "$runs"); do releases sqlite "sqlite:$sqlite_db" load_average; done
else
  echo "no SQLite database at $sqlite_db: skipped" >&2
fi
if [[ -f $pg_dir/url ]]; then
  [[ -f $pg_dir/data/postmaster.pid ]] || {
    echo "start the cluster first: scripts/pg_cluster.sh start $pg_dir" >&2
    exit 1
  }
  server_cpu() {
    if [[ $1 == start ]]; then
      before=$(pg_cpu)
    else
      sleep 0.5 # the postmaster counts a backend's CPU once it has reaped it
      echo "  server CPU $(echo "$(pg_cpu) - $before" | bc) s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    fi
  }
  for i in $(seq 1 "$runs"); do releases postgresql "$(cat "$pg_dir/url")" server_cpu; done
fi

[[ ${STATS_DASHBOARD:-1} == 1 ]] || exit 0
port=$((20000 + RANDOM % 20000))
"$haven" serve --db "sqlite:$sqlite_db" --listen "127.0.0.1:$port" >"$out/serve.log" 2>&1 &
pid=$!
trap 'kill -KILL $pid 2>/dev/null; rm -rf "$out"' EXIT
for _ in $(seq 1 6000); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
code=$(python3 - OFJFHYGXGNDJKPYNHE7T2SOVX7OH5VOE <<'PY'
import base64, hashlib, hmac, struct, sys, time
s = sys.argv[1]; key = base64.b32decode(s + "=" * (-len(s) % 8))
h = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7FFFFFFF) % 1000000))
PY
)
body=$(jq -n --arg c "$code" \
  '{username: "demo-analyst", password: "harbour lantern demo 2026", totp: $c}')
token=$(curl -s -X POST "http://127.0.0.1:$port/api/v1/auth/login" \
  -H 'Content-Type: application/json' -d "$body" | jq -r '.token // empty')
[[ -n $token ]] || { echo "the demo analyst could not sign in" >&2; exit 1; }
serve_cpu() { awk '{printf "%.2f", ($14+$15)/100}' "/proc/$pid/stat"; }
for path in "/stats" "/stats?view=barnahus" "/stats?view=cases"; do
  before=$(serve_cpu)
  curl -s -o /dev/null -w "dashboard $path: %{http_code} in %{time_total} s" \
    -H "Cookie: haven_session=$token" "http://127.0.0.1:$port$path"
  echo ", server CPU $(echo "$(serve_cpu) - $before" | bc) s"
done
echo "  load average $(cut -d' ' -f1-3 /proc/loadavg)"
