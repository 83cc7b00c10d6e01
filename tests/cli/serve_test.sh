# `haven serve`: answers /healthz and /readyz, refuses a port in use, stops cleanly on SIGTERM.
source "$(dirname "$0")/lib.sh"

port=$(free_port)
"$HAVEN" serve --db sqlite:var/s.db --listen "127.0.0.1:$port" >serve.log 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
OUT=$(curl -s -w ' %{http_code}' "http://127.0.0.1:$port/healthz"); expect_output '200$' "/healthz 200"
OUT=$(curl -s -w ' %{http_code}' "http://127.0.0.1:$port/readyz"); expect_output '200$' "/readyz 200"
OUT=$(curl -s -i "http://127.0.0.1:$port/no/such/route"); expect_output "application/problem\+json" "404 is problem+json"

expect_exit 1 "a port in use is refused" -- "$HAVEN" serve --db sqlite:var/s2.db --listen "127.0.0.1:$port"
expect_output "in use" "says the address is in use"
expect_no_output "terminate called|Aborted|what\(\)" "no stack trace"

# A backup taken while requests are being served restores to a database that passes integrity checks.
( for _ in $(seq 1 200); do curl -s "http://127.0.0.1:$port/readyz" >/dev/null; done ) &
load=$!
expect_exit 0 "backup while serving" -- "$HAVEN" backup live.db --db sqlite:var/s.db
wait "$load"
expect_exit 0 "restore the live backup" -- "$HAVEN" restore live.db --db sqlite:var/restored.db
OUT=$(sqlite3 var/restored.db 'PRAGMA integrity_check; PRAGMA foreign_key_check;')
[[ $OUT == ok ]] || { echo "FAIL: restored database integrity: $OUT"; failures=$((failures + 1)); }
expect_exit 0 "restored database is current" -- "$HAVEN" migrate --status --db sqlite:var/restored.db
expect_output "0 pending" "restored schema complete"

kill -TERM "$pid"
wait "$pid"; code=$?
[[ $code -eq 0 ]] || { echo "FAIL: serve exited $code after SIGTERM"; cat serve.log; failures=$((failures + 1)); }
grep -q "stopped cleanly" serve.log || { echo "FAIL: no clean stop"; cat serve.log; failures=$((failures + 1)); }
finish
