#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server, and always removes the server afterwards.
#
#   scripts/with_postgres.sh CMD ARGS…      e.g. scripts/with_postgres.sh ctest --preset test
#
# Creates a cluster in a fresh temporary folder (scripts/pg_cluster.sh), exports
#   HAVEN_TEST_PG_URL=postgresql://haven@127.0.0.1:<port>/haven_test
#   HAVEN_REQUIRE_POSTGRES=1   (so PostgreSQL test cases fail instead of skipping)
# runs the command, then stops the server and deletes the folder — on success, failure or Ctrl-C —
# and exits with the command's exit code.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD [ARGS…]" >&2
  exit 2
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cluster=$(mktemp -d "${TMPDIR:-/tmp}/haven-pg.XXXXXX")

cleanup() {
  "$here/pg_cluster.sh" stop "$cluster" || true
  rm -rf "$cluster"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! url=$("$here/pg_cluster.sh" start "$cluster"); then
  echo "with_postgres: could not start PostgreSQL (see above)" >&2
  exit 1
fi
export HAVEN_TEST_PG_URL=$url
export HAVEN_REQUIRE_POSTGRES=1
echo "with_postgres: PostgreSQL ready at $HAVEN_TEST_PG_URL"

set +e
"$@"
status=$?
set -e
exit "$status"
