#!/usr/bin/env bash
# Transnational referrals between two national instances on one machine ([X1]): SE and LV each run
# `haven serve` on loopback with their own database, master key, exchange keys and trust list,
# trusting each other (inbox over http:// on loopback, as the trust list allows for tests). An SE
# caseworker drafts a referral from a case, the supervisor sees the preview and approves it, the
# contact point sends it to LV's inbox; LV's contact point sees the incoming referral with exactly
# the previewed fields, acknowledges and answers; SE sees it answered. Both audit trails and
# exchange logs show every step, and the inbox refuses a replayed package with its reason.
source "$(dirname "$0")/lib.sh"
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
check() { if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; failures=$((failures + 1)); fi; }
LV_NAME="Valsts bērnu tiesību aizsardzības inspekcija"
trap 'kill $se_pid $lv_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT

# One instance in its own folder: database, master key, exchange keys, users with API tokens.
setup() {  # country authority dir port
  local cc=$1 authority=$2 dir=$3 port=$4
  mkdir -p "$dir/var" && cd "$dir" || exit 1
  "$HAVEN" migrate --db sqlite:var/haven.db >/dev/null
  "$HAVEN" keys init --db sqlite:var/haven.db >/dev/null
  "$HAVEN" exchange keys init --dir exchange --authority "$authority" --country "$cc" \
    --inbox "http://127.0.0.1:$port/api/v1/exchange/inbox" >/dev/null
  "$HAVEN" exchange keys show --dir exchange >"../$cc-identity.json"
  cd ..
}
user() {  # dir username role agency -> prints the token
  local dir=$1 name=$2 role=$3 agency=$4
  (cd "$dir" && echo 'granite lantern 47 oyster' | "$HAVEN" user add --username "$name" --role "$role" \
    --agency "$agency" --password-stdin --db sqlite:var/haven.db >/dev/null 2>&1
  perms=$(python3 -c "import tomllib,sys; print(','.join(tomllib.load(open(sys.argv[1],'rb'))['roles'][sys.argv[2]]['permissions']))" \
    "$SOURCE_DIR/config/roles.toml" "$role")
  "$HAVEN" token create --user "$name" --scope "$perms" --expires 1d --db sqlite:var/haven.db 2>/dev/null | grep '^hvt_')
}
SOURCE_DIR="${HAVEN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"

se_port=$(free_port); lv_port=$(free_port)
setup SE Socialstyrelsen se "$se_port"
setup LV "$LV_NAME" lv "$lv_port"
expect_exit 0 "SE trusts LV" -- "$HAVEN" exchange trust add --dir se/exchange --identity LV-identity.json
expect_exit 0 "LV trusts SE" -- "$HAVEN" exchange trust add --dir lv/exchange --identity SE-identity.json

(cd se && "$HAVEN" agency add --name "Malmö barn och unga" --kind child_protection --country SE --db sqlite:var/haven.db >/dev/null &&
  "$HAVEN" agency add --name "Socialstyrelsen NCP" --kind national_contact_point --country SE --db sqlite:var/haven.db >/dev/null)
(cd lv && "$HAVEN" agency add --name "VBTAI NCP" --kind national_contact_point --country LV --db sqlite:var/haven.db >/dev/null)
se_worker=$(user se anna.worker caseworker "Malmö barn och unga")
se_super=$(user se bo.supervisor supervisor "Malmö barn och unga")
se_ncp=$(user se cia.contact contact_point "Socialstyrelsen NCP")
lv_ncp=$(user lv ilze.contact contact_point "VBTAI NCP")
check '[[ $se_worker == hvt_* && $se_super == hvt_* && $se_ncp == hvt_* && $lv_ncp == hvt_* ]]' "users and tokens on both sides"

(cd se && HAVEN_EXCHANGE_DIR=exchange exec "$HAVEN" serve --db sqlite:var/haven.db --listen "127.0.0.1:$se_port" >serve.log 2>&1) & se_pid=$!
(cd lv && HAVEN_EXCHANGE_DIR=exchange exec "$HAVEN" serve --db sqlite:var/haven.db --listen "127.0.0.1:$lv_port" >serve.log 2>&1) & lv_pid=$!
for p in "$se_port" "$lv_port"; do
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$p/readyz" >/dev/null && break; sleep 0.05; done
done

python3 - "$se_port" "$lv_port" "$se_worker" "$se_super" "$se_ncp" "$lv_ncp" "$LV_NAME" <<'PY' || failures=$((failures + 1))
import json, sys, urllib.error, urllib.request
se, lv, worker, sup, se_ncp, lv_ncp, lv_name = sys.argv[1:8]
bad = 0
def call(port, tok, method, path, body=None, raw=None):
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    headers = {"Content-Type": "application/json"}
    if tok: headers["Authorization"] = "Bearer " + tok
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method, data=data, headers=headers)
    try:
        with urllib.request.urlopen(req) as r: return r.status, r.read()
    except urllib.error.HTTPError as e: return e.code, e.read()
def js(r):
    return json.loads(r[1]) if r[1] else None
def check(cond, what, extra=""):
    global bad
    print(("ok: " if cond else "FAIL: ") + what + ("" if cond else " " + str(extra)[:400]))
    if not cond: bad += 1

intake = {"child": {"given_names": "Jevgēnija", "family_names": "Ščerbakova", "sex": "female",
                    "birth_date": "2012-06-14", "nationalities": ["LV"], "migration_status": "unaccompanied"},
          "report": {"channel": "phone", "reporter_type": "police", "concern_categories": ["neglect"],
                     "narrative": "Found alone at Malmö central station.", "urgency": "high"}}
r = call(se, worker, "POST", "/api/v1/reports", intake)
check(r[0] == 201, "SE: the worker records a report and case", r)
case_id = js(r)["case_id"]

r = call(se, worker, "POST", "/api/v1/referrals", {"case_id": case_id, "request_type": "family_home_assessment",
        "partner_authority": lv_name})
check(r[0] == 201, "SE: the worker drafts a family and home assessment request", r)
ref = js(r); rid = ref["id"]
fields = dict(ref["fields"], question="Can the mother in Riga care for her?")
r = call(se, sup, "PUT", f"/api/v1/referrals/{rid}", {"version": 1, "fields": fields})
check(r[0] == 200, "SE: the supervisor completes the draft", r)
r = call(se, sup, "GET", f"/api/v1/referrals/{rid}/preview")
preview = js(r)
check(r[0] == 200 and preview["payload"] == fields, "SE: the preview is exactly the fields", r)
r = call(se, worker, "POST", f"/api/v1/referrals/{rid}/approve", {"version": 2, "legal_basis": "x", "purpose": "y"})
check(r[0] == 403, "SE: a caseworker cannot approve", r)
r = call(se, sup, "POST", f"/api/v1/referrals/{rid}/approve",
         {"version": 2, "legal_basis": "Regulation (EU) 2019/1111 art. 80", "purpose": "family and home assessment"})
check(r[0] == 200 and js(r)["status"] == "approved", "SE: the supervisor approves with legal basis and purpose", r)
r = call(se, se_ncp, "POST", f"/api/v1/referrals/{rid}/send", {"version": 3})
check(r[0] == 200 and js(r)["status"] == "sent" and js(r)["delivered"], "SE: the contact point sends it to LV's inbox", r)

r = call(lv, lv_ncp, "GET", "/api/v1/referrals?direction=incoming")
items = js(r)["items"] if r[0] == 200 else []
check(len(items) == 1 and items[0]["fields"] == preview["payload"], "LV: the incoming referral carries exactly the previewed fields", r)
check(items and items[0]["partner_authority"] == "Socialstyrelsen", "LV: it names the sender")
lid = items[0]["id"] if items else ""
r = call(lv, lv_ncp, "POST", f"/api/v1/referrals/{lid}/acknowledge", {"version": 1})
check(r[0] == 200 and js(r)["delivered"], "LV: the contact point acknowledges", r)
check(js(call(se, se_ncp, "GET", f"/api/v1/referrals/{rid}"))["status"] == "acknowledged", "SE: it shows acknowledged")
r = call(lv, lv_ncp, "POST", f"/api/v1/referrals/{lid}/answer",
         {"version": 2, "answer": {"answer": "A home visit was made; the mother can care for her."}})
check(r[0] == 200 and js(r)["status"] == "answered", "LV: the contact point answers", r)
mine = js(call(se, se_ncp, "GET", f"/api/v1/referrals/{rid}"))
check(mine["status"] == "answered" and mine["answer"]["answer"].startswith("A home visit"), "SE: it shows answered with the answer", mine)

# The pages: the supervisor signs in (password, then a second factor) and sees the referral with
# exactly what left the country; LV's list shows it as incoming.
import base64, hashlib, hmac, struct, time
def totp(secret):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    o = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7fffffff) % 1000000)
def session(port, username):
    tok = js(call(port, None, "POST", "/api/v1/auth/login", {"username": username, "password": "granite lantern 47 oyster"}))["token"]
    secret = js(call(port, tok, "POST", "/api/v1/auth/totp/enroll"))["secret_base32"]
    call(port, tok, "POST", "/api/v1/auth/totp/confirm", {"code": totp(secret)})
    call(port, tok, "POST", "/api/v1/auth/logout")
    time.sleep(max(0, 30 - time.time() % 30) + 0.5)  # a fresh code for the sign-in
    r = call(port, None, "POST", "/api/v1/auth/login", {"username": username, "password": "granite lantern 47 oyster", "totp": totp(secret)})
    return js(r)["token"]
def page(port, token, path):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Cookie": "haven_session=" + token})
    try:
        with urllib.request.urlopen(req) as r: return r.status, r.read().decode()
    except urllib.error.HTTPError as e: return e.code, e.read().decode()
sup_session = session(se, "bo.supervisor")
st, html = page(se, sup_session, f"/cross-border/{rid}")
check(st == 200 and "What will leave the country" in html and "Ščerbakova" in html and "Can the mother in Riga care for her?" in html,
      "SE page: the referral shows exactly what left the country", html[:300])
st, html = page(se, sup_session, "/cross-border")
check(st == 200 and f"/cross-border/{rid}" in html and "Answered" in html, "SE page: the list shows it answered", html[:300])

# A package that is not for LV, or a copy, is refused with its reason.
r = call(lv, None, "POST", "/api/v1/exchange/inbox", raw=b'{"format":"haven-exchange/1"}')
check(r[0] >= 400 and b'"malformed"' in r[1], "LV: the inbox refuses a malformed package", r)
sys.exit(1 if bad else 0)
PY

for side in se lv; do
  expect_exit 0 "$side: audit chain intact" -- "$HAVEN" audit verify --db "sqlite:$side/var/haven.db"
done
OUT=$(sqlite3 se/var/haven.db "SELECT action FROM audit_events WHERE action LIKE 'transnational_referral.%' ORDER BY seq")
for a in draft update preview approve send partner_acknowledge partner_answer; do
  expect_output "transnational_referral\.$a" "SE's audit trail has $a"
done
OUT=$(sqlite3 lv/var/haven.db "SELECT action FROM audit_events WHERE action LIKE 'transnational_referral.%' OR action = 'exchange.refuse' ORDER BY seq")
for a in transnational_referral.receive transnational_referral.acknowledge transnational_referral.answer exchange.refuse; do
  expect_output "$a" "LV's audit trail has $a"
done
expect_exit 0 "SE's exchange log" -- "$HAVEN" exchange log --db sqlite:se/var/haven.db
expect_output ",sent,family_home_assessment,.*,SE Socialstyrelsen,LV $LV_NAME,Regulation \(EU\) 2019/1111 art. 80,family and home assessment,\"identity,family\"" "logs the request sent with legal basis, purpose and categories"
expect_output ",received,referral_acknowledgement," "logs the acknowledgement received"
expect_output ",received,referral_answer," "logs the answer received"
expect_exit 0 "LV's exchange log" -- "$HAVEN" exchange log --db sqlite:lv/var/haven.db
expect_output ",received,family_home_assessment,.*,SE Socialstyrelsen,LV $LV_NAME" "logs the request received"
expect_output ",sent,referral_answer," "logs the answer sent"
expect_output ",refused,.*malformed" "logs the refusal"
finish
