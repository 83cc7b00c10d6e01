#!/usr/bin/env bash
# The demo on the real binary: `haven demo` makes a demo database with a login for every role,
# `haven serve` prints the logins, the demo caseworker signs in with the password and a TOTP code
# through the API, and a database that is not a demo database never gets demo users.
source "$(dirname "$0")/lib.sh"
DB=sqlite:$WORK/demo.db

# RFC 6238 code of a base32 secret, now (what `oathtool --totp -b SECRET` prints).
totp() {
  python3 - "$1" <<'PY'
import base64, hashlib, hmac, struct, sys, time
s = sys.argv[1]; key = base64.b32decode(s + "=" * (-len(s) % 8))
h = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7FFFFFFF) % 1000000))
PY
}

expect_exit 0 "demo creates a demo database" -- "$HAVEN" demo --db "$DB" --children 300 --seed 7
for role in caseworker supervisor barnahus_coordinator mdt_member contact_point analyst admin auditor; do
  expect_output " $role — " "demo prints a $role login"
done
expect_output "demo-caseworker2 +caseworker" "demo prints the second caseworker"
expect_output "password: harbour lantern demo 2026" "demo prints the password"
expect_output "URI: +otpauth://totp/haven:demo-caseworker\?secret=" "demo prints the otpauth URI"
expect_output "oathtool --totp -b SECRET" "demo says how to get a code"
SECRET=$(awk '/^  demo-caseworker /{f=1} f && /TOTP:/{print $2; exit}' <<<"$OUT")
[[ "$SECRET" =~ ^[A-Z2-7]{32}$ ]] || { echo "FAIL: no TOTP secret for demo-caseworker: '$SECRET'"; failures=$((failures + 1)); }

expect_exit 0 "demo again on the demo database" -- "$HAVEN" demo --db "$DB"
expect_output "TOTP: +$SECRET" "the second run prints the same secret (nothing re-created)"

# serve prints the demo logins; the demo caseworker signs in with password + TOTP.
port=$(free_port)
timeout 60 "$HAVEN" serve --db "$DB" --listen "127.0.0.1:$port" >"$WORK/serve.out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q "serving on" "$WORK/serve.out" && break; sleep 0.2; done
OUT=$(cat "$WORK/serve.out")
expect_output "DEMO DATABASE" "serve says the database is a demo"
expect_output "TOTP: +$SECRET" "serve prints the demo caseworker's secret"
body=$(jq -n --arg c "$(totp "$SECRET")" '{username: "demo-caseworker", password: "harbour lantern demo 2026", totp: $c}')
OUT=$(curl -s -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' -d "$body")
token=$(jq -r '.token // empty' <<<"$OUT")
second=$(jq -r '.second_factor' <<<"$OUT")
if [[ -z "$token" || "$second" != "true" ]]; then
  echo "FAIL: demo caseworker sign-in with password and TOTP: $OUT"; failures=$((failures + 1))
else
  echo "ok: demo caseworker signs in with password and TOTP"
fi
OUT=$(curl -s "http://127.0.0.1:$port/api/v1/me" -H "Authorization: Bearer $token")
expect_output '"demo":true' "/me says demo"
expect_output '"role":"caseworker"' "/me names the role"
expect_output '"teams":\["[0-9a-f-]{36}"\]' "the demo caseworker is on the demo team"
kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null

# A database that is not a demo database never gets demo users.
expect_exit 0 "generate a normal population" -- "$HAVEN" generate --country SE --children 50 --seed 3 --db "sqlite:$WORK/normal.db"
expect_exit 2 "demo refuses a generated, non-demo database" -- "$HAVEN" demo --db "sqlite:$WORK/normal.db"
expect_output "not a demo database" "says why"
expect_exit 0 "agency add on an empty database" -- "$HAVEN" agency add --name "Malmö CPS" --kind child_protection --country SE --db "sqlite:$WORK/real.db"
expect_exit 2 "demo refuses a database with real agencies" -- "$HAVEN" demo --db "sqlite:$WORK/real.db"
expect_exit 0 "user list" -- "$HAVEN" user list --db "sqlite:$WORK/real.db"
expect_no_output "demo-" "no demo user was created there"
OUT=$(cat "$WORK/serve.out")
finish
