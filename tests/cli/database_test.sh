# Database commands: migrate and its status, unreachable PostgreSQL, backup and restore, and a
# mistyped database path refused rather than answered from a new, empty database.
source "$(dirname "$0")/lib.sh"

expect_exit 0 "migrate a new SQLite database" -- "$HAVEN" migrate --db sqlite:var/a.db
expect_output "applied [1-9][0-9]* migration" "reports what it applied"
expect_exit 0 "migrate again is a no-op" -- "$HAVEN" migrate --db sqlite:var/a.db
expect_output "applied 0 migrations" "nothing left to apply"
expect_exit 0 "migrate --status" -- "$HAVEN" migrate --status --db sqlite:var/a.db
expect_output "0001_base.sql +applied" "lists the base migration as applied"
expect_output "0 pending" "counts pending"

port=$(free_port)
expect_exit 1 "unreachable PostgreSQL fails" -- "$HAVEN" migrate --db "postgresql://haven:s3cret@127.0.0.1:$port/haven"
expect_output "127.0.0.1:$port" "names the URL"
expect_no_output "s3cret" "never prints the password"
expect_output "refused|could not connect|connect" "gives the server's reason"

expect_exit 0 "backup" -- "$HAVEN" backup snap.db --db sqlite:var/a.db
expect_exit 1 "backup refuses to overwrite" -- "$HAVEN" backup snap.db --db sqlite:var/a.db
expect_exit 0 "restore into an empty database" -- "$HAVEN" restore snap.db --db sqlite:var/b.db
expect_exit 0 "restored database is current" -- "$HAVEN" migrate --status --db sqlite:var/b.db
expect_output "0 pending" "restored schema complete"
expect_exit 1 "restore refuses a database with data" -- "$HAVEN" restore snap.db --db sqlite:var/a.db
expect_output "not empty|empty" "says why"

# A mistyped path: a statistics release of zeros or an audit chain "intact" with no events would be
# answers about the wrong database. Refused (bad input), nothing created; set-up commands create.
FIX="${HAVEN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/data/import"
for cmd in "stats compute --country SE --period 2026 --out typo.csv" "audit verify" "user list" \
  "import $FIX/children_se.csv --mapping $FIX/children_se.toml"; do
  read -ra args <<<"$cmd"
  what="haven ${cmd%% [-/]*}"
  expect_exit 2 "$what refuses a database that is not there" -- "$HAVEN" "${args[@]}" --db sqlite:var/typo.db
  expect_output "no database at var/typo.db" "$what names the path"
  expect_output "haven migrate --db sqlite:var/typo.db" "$what says how to create one"
done
if [[ -e var/typo.db || -e typo.csv ]]; then
  echo "FAIL: a refused command left var/typo.db or typo.csv behind"; failures=$((failures + 1))
else
  echo "ok: nothing created"
fi
expect_exit 0 "agency add creates a new database" -- "$HAVEN" agency add --name "Malmö CPS" \
  --kind child_protection --country SE --db sqlite:var/new.db
expect_exit 0 "which the other commands then use" -- "$HAVEN" audit verify --db sqlite:var/new.db
finish
