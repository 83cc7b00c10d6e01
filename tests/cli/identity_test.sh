#!/usr/bin/env bash
# Identity from the command line on the real binary: agencies, users (password policy), keys, API
# tokens, the audit chain verified, tampered with sqlite3 and named, and serve refusing a wrong key.
source "$(dirname "$0")/lib.sh"
DB=sqlite:$WORK/id.db

expect_exit 0 "agency add" -- "$HAVEN" agency add --name "Malmö CPS" --kind child_protection --country SE --db "$DB"
expect_output "created agency" "agency add prints the new agency"
expect_exit 2 "agency add refuses an unknown kind" -- "$HAVEN" agency add --name X --kind spaceship --country SE --db "$DB"
expect_output "kind: The kind must be one of" "names the field"
expect_exit 0 "agency list" -- "$HAVEN" agency list --db "$DB"
expect_output "Malmö CPS" "lists the agency"

OUT=$(echo 'granite lantern 47 oyster' | "$HAVEN" user add --username anna --role caseworker --agency "Malmö CPS" --password-stdin --db "$DB" 2>&1); rc=$?
if [[ $rc -eq 0 ]]; then echo "ok: user add"; else echo "FAIL: user add: $rc"; echo "$OUT"; failures=$((failures + 1)); fi
expect_output "second factor" "user add explains TOTP enrolment"
OUT=$(echo 'password1234' | "$HAVEN" user add --username bob --role caseworker --agency "Malmö CPS" --password-stdin --db "$DB" 2>&1); rc=$?
if [[ $rc -eq 2 ]]; then echo "ok: weak password refused"; else echo "FAIL: weak password: exit $rc"; failures=$((failures + 1)); fi
expect_output "commonly used" "says why"
expect_no_output "password1234" "never echoes the password"
expect_exit 0 "user list" -- "$HAVEN" user list --db "$DB"
expect_output "anna +caseworker" "lists anna"

expect_exit 0 "keys init" -- "$HAVEN" keys init --db "$DB" --key-file "$WORK/master.key"
expect_output "fingerprint kcv1:" "prints the fingerprint"
[[ $(stat -c %a "$WORK/master.key") == 600 ]] && echo "ok: key file is 0600" || { echo "FAIL: key file mode"; failures=$((failures + 1)); }
expect_exit 1 "keys init never replaces a key" -- "$HAVEN" keys init --db "$DB" --key-file "$WORK/other.key"
expect_exit 0 "keys status" -- "$HAVEN" keys status --db "$DB"
expect_output "fingerprint   kcv1:" "keys status shows the recorded fingerprint"
expect_output "active key    1" "keys status shows the active key id"
expect_output "rotation      none" "no rotation is running"

expect_exit 0 "token create" -- "$HAVEN" token create --user anna --scope case.read --expires 7d --db "$DB"
expect_output "^hvt_" "prints the token once"
token_id=$(grep -oE 'token id [0-9a-f-]+' <<<"$OUT" | cut -d' ' -f3)
expect_exit 0 "token revoke" -- "$HAVEN" token revoke "$token_id" --db "$DB"

expect_exit 0 "audit verify on an intact log" -- "$HAVEN" audit verify --db "$DB"
expect_output "intact: [0-9]+ event" "reports the count"
expect_output "head [0-9]+:[0-9a-f]{64}" "prints the head"
expect_exit 0 "audit export" -- "$HAVEN" audit export --from 2000-01-01 --to 2100-01-01 --db "$DB"
expect_output '"action":"user.create"' "exports JSON lines"

sqlite3 "$WORK/id.db" "UPDATE audit_events SET outcome = 'failure' WHERE seq = 2"
expect_exit 1 "audit verify after one changed row" -- "$HAVEN" audit verify --db "$DB"
expect_output "event 2" "names the altered event"

# serve refuses another master key for this database.
"$HAVEN" keys init --db "sqlite:$WORK/scratch.db" --key-file "$WORK/wrong.key" >/dev/null 2>&1
port=$(free_port)
expect_exit 1 "serve refuses a wrong key" -- env HAVEN_MASTER_KEY="$(cat "$WORK/wrong.key")" timeout 20 "$HAVEN" serve --db "$DB" --listen "127.0.0.1:$port"
expect_output "wrong master key" "says why"
expect_exit 1 "serve refuses a missing key" -- timeout 20 "$HAVEN" serve --db "$DB" --listen "127.0.0.1:$port"
expect_output "need its master key" "says which key is missing"

# First start on an empty database: creates a key and says how to make the first admin.
port=$(free_port)
timeout 10 "$HAVEN" serve --db "sqlite:$WORK/fresh.db" --listen "127.0.0.1:$port" >"$WORK/serve.out" 2>&1 &
pid=$!
for _ in $(seq 1 50); do grep -q "serving on" "$WORK/serve.out" && break; sleep 0.2; done
kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null
OUT=$(cat "$WORK/serve.out")
expect_output "created a new master key" "first start creates the key"
expect_output "haven user add --username admin --role admin" "first start says how to create the admin"
finish
