#!/usr/bin/env bash
# The PostgreSQL cluster of the million-child statistics figures ([R1], docs/PERFORMANCE.md):
# a scripts/pg_cluster.sh folder with shared_buffers 2 GB on huge pages, holding `haven generate
# --country SE --children 1000000 --seed 7`, vacuumed and analysed. Run once; afterwards
# `scripts/pg_cluster.sh start DIR` brings it back (as root, run this script again after a reboot:
# it re-reserves the huge pages and restarts the server on them, without generating again).
#
#   bench/pg_million.sh [DIR] [HAVEN_BINARY]   (default /work/data/pg1m, build/release/bin/haven)
#
# Huge pages: PostgreSQL maps its shared buffers into every server process, and each process
# faults in every 4 KiB page it touches for the first time — a statistics release opens fresh
# connections, so it paid those faults again on every run (twice the server CPU on this machine's
# virtual CPUs). With huge_pages=try (PostgreSQL's default) the server uses 2 MiB pages when the
# kernel has them reserved; this script reserves enough when it runs as root and says so otherwise.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/work/data/pg1m}
haven=$(realpath "${2:-$root/build/release/bin/haven}")
shared_mb=2048

# 2 MiB pages for the shared buffers and PostgreSQL's other shared memory (about 3 % more).
want=$(((shared_mb + shared_mb / 16 + 64) / 2))
have=$(awk '/HugePages_Total/ {print $2}' /proc/meminfo)
if ((have < want)); then
  if [[ $(id -u) == 0 ]]; then
    echo "$want" >/proc/sys/vm/nr_hugepages
    have=$(awk '/HugePages_Total/ {print $2}' /proc/meminfo)
    echo "reserved $have huge pages of 2 MiB (wanted $want)"
  else
    echo "note: $have huge pages reserved, $want wanted; as root: echo $want > /proc/sys/vm/nr_hugepages" >&2
  fi
fi

"$root/scripts/pg_cluster.sh" start "$dir" >/dev/null
url=$(cat "$dir/url")
if [[ $(psql "$url" -XAtc "SHOW shared_buffers") != 2GB ]]; then
  psql "$url" -Xqc "ALTER SYSTEM SET shared_buffers = '${shared_mb}MB'" -c "ALTER SYSTEM SET max_wal_size = '8GB'"
fi
# A restart maps the shared memory again: on huge pages if they are there now.
"$root/scripts/pg_cluster.sh" stop "$dir"
"$root/scripts/pg_cluster.sh" start "$dir" >/dev/null
free=$(awk '/HugePages_Free/ {print $2}' /proc/meminfo)
echo "shared_buffers $(psql "$url" -XAtc "SHOW shared_buffers"); huge pages in use: $((have - free)) of $have"

children=$(psql "$url" -XAtc "SELECT count(*) FROM children" 2>/dev/null || echo 0)
if [[ $children == 0 ]]; then
  (cd "$dir" && /usr/bin/time -f "generate: %e s wall, %U user, %S sys" "$haven" generate \
    --data "$root/data" --country SE --children 1000000 --seed 7 --db "$url")
  psql "$url" -Xqc "VACUUM (ANALYZE)"
fi
echo "ready: $url ($(psql "$url" -XAtc "SELECT count(*) FROM children") children)"
