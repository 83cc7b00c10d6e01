# Database commands: migrate and its status, unreachable PostgreSQL, backup and restore.
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
finish
