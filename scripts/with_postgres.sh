#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server, and always removes the server afterwards.
#
#   scripts/with_postgres.sh CMD ARGS…      e.g. scripts/with_postgres.sh ctest --preset test
#
# Creates a cluster in a fresh temporary folder (scripts/pg_cluster.sh), exports
#   HAVEN_TEST_PG_URL=postgresql://haven@127.0.0.1:<port>/haven_test
#   HAVEN_REQUIRE_POSTGRES=1   (so PostgreSQL test cases fail instead of skipping)
#   TMPDIR=<the folder>        (see below)
# runs the command, then stops the server and deletes the folder — on success, failure or Ctrl-C —
# and exits with the command's exit code.
#
# The folder is also the command's TMPDIR, so every test's scratch files go there too, and it is made
# on /dev/shm (memory) when that has room (HAVEN_TEST_TMPDIR chooses another parent). On ext4 a
# test run slows itself down: each PostgreSQL test case creates and drops a database of 760 files,
# and ext4's inode allocator steps over recently freed inodes one by one, so CREATE DATABASE went
# from 160 ms to 800 ms within a run (perf: ext4_create → recently_deleted); on tmpfs it takes 35 ms.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD [ARGS…]" >&2
  exit 2
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
parent=${HAVEN_TEST_TMPDIR:-}
if [[ -z $parent ]]; then
  parent=${TMPDIR:-/tmp}
  # 4 GB free: a full `make test` run peaks well below that (its files are removed as it goes).
  if [[ -d /dev/shm && -w /dev/shm ]] && (($(df --output=avail -k /dev/shm | tail -1) > 4194304)); then
    parent=/dev/shm
  fi
fi
scratch=$(mktemp -d "$parent/haven-test.XXXXXX")
chmod 755 "$scratch"  # as root, the server runs as `postgres`, which must reach its folder inside
cluster=$scratch/pg

cleanup() {
  "$here/pg_cluster.sh" stop "$cluster" || true
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! url=$("$here/pg_cluster.sh" start "$cluster"); then
  echo "with_postgres: could not start PostgreSQL (see above)" >&2
  exit 1
fi
export HAVEN_TEST_PG_URL=$url
export TMPDIR=$scratch
export HAVEN_REQUIRE_POSTGRES=1
echo "with_postgres: PostgreSQL ready at $HAVEN_TEST_PG_URL"

set +e
"$@"
status=$?
set -e
exit "$status"
