#!/usr/bin/env bash
# The whole cross-border story of [X1] in one run: two national instances (SE, LV) with their own
# generated databases sharing a known set of children, their own exchange keys and loopback ports,
# and a regional hub. Both upload linkage encodings, the hub matches, each fetches its side; SE
# queues its pairs for review, a contact point confirms a pair the truth file says is a real shared
# child, which opens a draft referral for that child; a supervisor signed in with TOTP approves and
# SE sends it to LV's inbox; LV's contact point sees it, acknowledges and answers; SE sees it
# answered. A second referral goes as a file (`exchange send --referral`, `exchange receive`) and
# becomes an incoming referral the same way; its receipt, carried back, marks it delivered. Both
# audit trails and exchange logs show every step, and both audit chains verify.
source "$(dirname "$0")/lib.sh"
SRC="${HAVEN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
export HAVEN_DATA_DIR="$SRC/data"
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
unset HAVEN_EXCHANGE_DIR HAVEN_DB
check() { if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; failures=$((failures + 1)); fi; }
LV_NAME="Valsts bērnu tiesību aizsardzības inspekcija"
PASSWORD='granite lantern 47 oyster'
pids=()
trap 'for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$WORK"' EXIT

# Two national instances: LV's children partly registered again in SE (shared.csv: lv_id,se_id).
mkdir -p se/var lv/var
expect_exit 0 "generate LV and SE sharing children" -- "$HAVEN" generate --country LV --children 300 --seed 11 --shared-with SE --shared 0.15 --db sqlite:lv/var/haven.db --shared-db sqlite:se/var/haven.db --truth shared.csv
cp var/master.key se/var/ && cp var/master.key lv/var/ && rm -rf var
se_port=$(free_port); lv_port=$(free_port); hub_port=$(free_port)
HUB="http://127.0.0.1:$hub_port"
(cd se && "$HAVEN" exchange keys init --dir exchange --authority Socialstyrelsen --country SE --inbox "http://127.0.0.1:$se_port/api/v1/exchange/inbox" >/dev/null && "$HAVEN" exchange keys show --dir exchange >../se-identity.json)
(cd lv && "$HAVEN" exchange keys init --dir exchange --authority "$LV_NAME" --country LV --inbox "http://127.0.0.1:$lv_port/api/v1/exchange/inbox" >/dev/null && "$HAVEN" exchange keys show --dir exchange >../lv-identity.json)
expect_exit 0 "SE trusts LV" -- "$HAVEN" exchange trust add --dir se/exchange --identity lv-identity.json
expect_exit 0 "LV trusts SE" -- "$HAVEN" exchange trust add --dir lv/exchange --identity se-identity.json
expect_exit 0 "the hub trusts SE" -- "$HAVEN" exchange trust add --dir hub/exchange --identity se-identity.json
expect_exit 0 "the hub trusts LV" -- "$HAVEN" exchange trust add --dir hub/exchange --identity lv-identity.json

# Contact points on both sides (the supervisor comes once the case's agency is known).
(cd se && "$HAVEN" agency add --name "Socialstyrelsen NCP" --kind national_contact_point --country SE --db sqlite:var/haven.db >/dev/null)
(cd lv && "$HAVEN" agency add --name "VBTAI NCP" --kind national_contact_point --country LV --db sqlite:var/haven.db >/dev/null)
token() {  # dir username -> an API token with the role's permissions
  local perms
  perms=$(python3 -c "import tomllib,sys; print(','.join(tomllib.load(open(sys.argv[1],'rb'))['roles'][sys.argv[2]]['permissions']))" "$SRC/config/roles.toml" "$3")
  (cd "$1" && "$HAVEN" token create --user "$2" --scope "$perms" --expires 1d --db sqlite:var/haven.db 2>/dev/null | grep '^hvt_')
}
(cd se && echo "$PASSWORD" | "$HAVEN" user add --username cia.contact --role contact_point --agency "Socialstyrelsen NCP" --password-stdin --db sqlite:var/haven.db >/dev/null 2>&1)
(cd lv && echo "$PASSWORD" | "$HAVEN" user add --username ilze.contact --role contact_point --agency "VBTAI NCP" --password-stdin --db sqlite:var/haven.db >/dev/null 2>&1)
se_ncp=$(token se cia.contact contact_point)
lv_ncp=$(token lv ilze.contact contact_point)
check '[[ $se_ncp == hvt_* && $lv_ncp == hvt_* ]]' "contact points with tokens on both sides"

# The hub and both instances.
"$HAVEN" serve --mode regional --db sqlite:hub/hub.db --listen "127.0.0.1:$hub_port" --exchange-dir hub/exchange >hub.log 2>&1 &
pids+=($!)
(cd se && HAVEN_EXCHANGE_DIR=exchange exec "$HAVEN" serve --db sqlite:var/haven.db --listen "127.0.0.1:$se_port" >serve.log 2>&1) &
pids+=($!)
(cd lv && HAVEN_EXCHANGE_DIR=exchange exec "$HAVEN" serve --db sqlite:var/haven.db --listen "127.0.0.1:$lv_port" >serve.log 2>&1) &
pids+=($!)
for p in "$hub_port" "$se_port" "$lv_port"; do
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$p/readyz" >/dev/null && break; sleep 0.05; done
done

# Linkage through the hub; each instance records its upload and its pairs.
expect_exit 0 "make the shared linkage secret" -- "$HAVEN" link secret --out link.key
for cc in se lv; do
  expect_exit 0 "$cc encodes" -- bash -c "cd $cc && '$HAVEN' link encode --secret-file ../link.key --out ../$cc.clk --db sqlite:var/haven.db"
  expect_exit 0 "$cc uploads to the hub" -- bash -c "cd $cc && '$HAVEN' link upload --to $HUB --encodings ../$cc.clk --exchange-dir exchange --db sqlite:var/haven.db"
  expect_output "recorded in this instance's exchange log" "$cc: the upload is recorded"
done
expect_exit 0 "SE fetches its pairs with LV" -- bash -c "cd se && '$HAVEN' link pairs --from $HUB --with LV --out ../se-pairs.csv --exchange-dir exchange --db sqlite:var/haven.db"
expect_exit 0 "LV fetches its pairs with SE" -- bash -c "cd lv && '$HAVEN' link pairs --from $HUB --with SE --out ../lv-pairs.csv --exchange-dir exchange --db sqlite:var/haven.db"
check '[[ $(tail -n +2 se-pairs.csv | wc -l) -gt 10 ]]' "the hub found pairs"
check '[[ $(sqlite3 hub/hub.db "SELECT COUNT(*) FROM hub_linkage_uploads WHERE length(encodings) > 0") == 0 && $(sqlite3 hub/hub.db "SELECT COUNT(*) FROM hub_linkage_uploads") == 2 ]]' "the hub deleted both uploads' encodings once the run had the pairs"
expect_exit 0 "SE queues its pairs for review" -- bash -c "cd se && '$HAVEN' link review-import --pairs ../se-pairs.csv --column record --partner-column link --partner-country LV --db sqlite:var/haven.db"
expect_output "^[1-9][0-9]* candidate pairs queued for review with LV; 0 already in the queue; 0 not resolved" "every pair resolves to an SE child with a case"

# The referral, over the two instances' APIs.
python3 - "$se_port" "$lv_port" "$se_ncp" "$lv_ncp" "$LV_NAME" "$PASSWORD" "$HAVEN" <<'PY' || failures=$((failures + 1))
import base64, csv, hashlib, hmac, json, sqlite3, struct, subprocess, sys, time, tomllib, urllib.error, urllib.request
se, lv, se_ncp, lv_ncp, lv_name, password, haven = sys.argv[1:8]
bad = 0
def call(port, tok, method, path, body=None):
    headers = {"Content-Type": "application/json"}
    if tok: headers["Authorization"] = "Bearer " + tok
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 data=None if body is None else json.dumps(body).encode(), headers=headers)
    try:
        with urllib.request.urlopen(req) as r: return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e: return e.code, e.read()[:400]
def check(cond, what, extra=""):
    global bad
    print(("ok: " if cond else "FAIL: ") + what + ("" if cond else " " + str(extra)[:400]))
    if not cond: bad += 1

truth = {r["se_id"]: r["lv_id"] for r in csv.DictReader(open("shared.csv"))}
st, queue = call(se, se_ncp, "GET", "/api/v1/linkage-review?status=pending")
pairs = queue["items"] if st == 200 else []
real = [p for p in pairs if p["child_id"] in truth]
check(len(real) * 10 >= len(pairs) * 9 and real, "SE's queue: nine in ten pairs or more are truly shared children", (len(real), len(pairs)))
# The shared children carry registration damage in one extract (a day and month swapped, a typo):
# the referral carries SE's record, so the pairs confirmed below are ones whose birth date both
# countries wrote alike, which the LV checks can then compare. (The queue's order varies with the
# linkage's fresh random references, so the first real pair is not always such a one.)
sedb, lvdb = sqlite3.connect("se/var/haven.db"), sqlite3.connect("lv/var/haven.db")
birth = lambda db, cid: db.execute("SELECT birth_date FROM children WHERE id = ?", (cid,)).fetchone()[0]
real = [p for p in real if birth(sedb, p["child_id"]) == birth(lvdb, truth[p["child_id"]])]
check(len(real) >= 2, "SE's queue: at least two true pairs whose birth dates agree", len(real))
pair = real[0]
st, draft = call(se, se_ncp, "POST", f"/api/v1/linkage-review/{pair['id']}/confirm",
                 {"version": pair["version"], "request_type": "information_request", "partner_authority": lv_name})
check(st == 201 and draft["status"] == "draft" and draft["child_id"] == pair["child_id"],
      "SE: confirming the pair opens a draft referral for that very child", draft)
rid = draft["id"]
st, queue = call(se, se_ncp, "GET", "/api/v1/linkage-review?status=confirmed")
check(st == 200 and [(p["id"], p["referral_id"]) for p in queue["items"]] == [(pair["id"], rid)],
      "SE: the pair is confirmed and names the referral", queue)
db = sqlite3.connect("se/var/haven.db")
child = db.execute("SELECT given_names, family_names, birth_date FROM children WHERE id = ?", (pair["child_id"],)).fetchone()
check(draft["fields"].get("family_names") == child[1] and draft["fields"].get("birth_date") == child[2],
      "SE: the draft carries the confirmed child's identity", (draft["fields"], child))

# The supervisor of the case's agency signs in with a password and a second factor, and approves.
agency = draft["agency_id"]
subprocess.run(["bash", "-c", f"cd se && echo '{password}' | '{haven}' user add --username bo.supervisor --role supervisor --agency {agency} --password-stdin --db sqlite:var/haven.db"],
               check=True, capture_output=True)
def totp(secret, step):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    o = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7fffffff) % 1000000)
st, login = call(se, None, "POST", "/api/v1/auth/login", {"username": "bo.supervisor", "password": password})
tok = login["token"]
secret = call(se, tok, "POST", "/api/v1/auth/totp/enroll")[1]["secret_base32"]
step = int(time.time()) // 30
call(se, tok, "POST", "/api/v1/auth/totp/confirm", {"code": totp(secret, step)})
call(se, tok, "POST", "/api/v1/auth/logout")
# The next step's code: within the accepted window, and later than the one used to enrol.
st, login = call(se, None, "POST", "/api/v1/auth/login", {"username": "bo.supervisor", "password": password, "totp": totp(secret, step + 1)})
check(st == 200 and login.get("token"), "SE: the supervisor signs in with the second factor", login)
sup = login["token"]
st, r = call(se, sup, "PUT", f"/api/v1/referrals/{rid}",
             {"version": 1, "fields": dict(draft["fields"], question="Is she known to your services?")})
check(st == 200, "SE: the supervisor completes the draft", r)
st, r = call(se, sup, "POST", f"/api/v1/referrals/{rid}/approve",
             {"version": 2, "legal_basis": "Regulation (EU) 2019/1111 art. 80", "purpose": "information on a child found in both countries"})
check(st == 200 and r["status"] == "approved" and r["approved_by"], "SE: the supervisor approves", r)
st, r = call(se, se_ncp, "POST", f"/api/v1/referrals/{rid}/send", {"version": 3})
check(st == 200 and r["status"] == "sent" and r["delivered"], "SE: the contact point sends it to LV's inbox", r)

st, incoming = call(lv, lv_ncp, "GET", "/api/v1/referrals?direction=incoming")
items = incoming["items"] if st == 200 else []
check(len(items) == 1 and items[0]["status"] == "sent" and items[0]["partner_authority"] == "Socialstyrelsen",
      "LV: the contact point sees one incoming referral from Socialstyrelsen", incoming)
inc = items[0]
lv_child = lvdb.execute("SELECT birth_date FROM children WHERE id = ?", (truth[pair["child_id"]],)).fetchone()
check(inc["fields"]["birth_date"] == lv_child[0] and inc["fields"]["question"] == "Is she known to your services?",
      "LV: it is about the child LV knows (same birth date) and carries the question", (inc["fields"], lv_child))
st, r = call(lv, lv_ncp, "POST", f"/api/v1/referrals/{inc['id']}/acknowledge", {"version": 1})
check(st == 200 and r["status"] == "acknowledged" and r["delivered"], "LV: acknowledges", r)
check(call(se, se_ncp, "GET", f"/api/v1/referrals/{rid}")[1]["status"] == "acknowledged", "SE: it shows acknowledged")
st, r = call(lv, lv_ncp, "POST", f"/api/v1/referrals/{inc['id']}/answer",
             {"version": 2, "answer": {"answer": "Known to the Riga orphan's court since 2023."}})
check(st == 200 and r["status"] == "answered", "LV: answers", r)
mine = call(se, se_ncp, "GET", f"/api/v1/referrals/{rid}")[1]
check(mine["status"] == "answered" and mine["answer"]["answer"].startswith("Known to the Riga"), "SE: it shows answered with the answer", mine)

# Offline carriage: a second confirmed pair, approved, sent as a file; LV's `exchange receive`
# makes it an incoming referral as its inbox would, and the receipt carried back marks it delivered.
def run(side, *args):
    p = subprocess.run([haven, *args, "--db", "sqlite:var/haven.db"], cwd=side, capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr
pair2 = real[1]
st, d2 = call(se, se_ncp, "POST", f"/api/v1/linkage-review/{pair2['id']}/confirm",
              {"version": pair2["version"], "request_type": "information_request", "partner_authority": lv_name})
check(st == 201 and d2["child_id"] == pair2["child_id"], "SE: a second pair confirmed", d2)
st, r = call(se, sup, "POST", f"/api/v1/referrals/{d2['id']}/approve",
             {"version": 1, "legal_basis": "Regulation (EU) 2019/1111 art. 80", "purpose": "information, carried by hand"})
check(st == 200 and r["status"] == "approved", "SE: the supervisor approves it", r)
rc, out = run("se", "exchange", "send", "--referral", d2["id"], "--file", "../carried.pkg", "--dir", "exchange")
check(rc == 0 and "it is now sent" in out, "SE: `exchange send --referral` seals it into a file", out)
check(call(se, se_ncp, "GET", f"/api/v1/referrals/{d2['id']}")[1]["status"] == "sent", "SE: the referral shows sent")
rc, out = run("lv", "exchange", "receive", "../carried.pkg", "--dir", "exchange", "--receipt", "../carried-receipt.pkg")
check(rc == 0 and "accepted information_request" in out, "LV: `exchange receive` accepts the file", out)
st, incoming = call(lv, lv_ncp, "GET", "/api/v1/referrals?direction=incoming")
carried = [i for i in incoming["items"] if i["purpose"] == "information, carried by hand"] if st == 200 else []
check(len(carried) == 1 and carried[0]["status"] == "sent" and carried[0]["fields"]["birth_date"] == lvdb.execute(
      "SELECT birth_date FROM children WHERE id = ?", (truth[pair2["child_id"]],)).fetchone()[0],
      "LV: the contact point sees it as an incoming referral about the child LV knows", incoming)
rc, out = run("lv", "exchange", "receive", "../carried.pkg", "--dir", "exchange")
check(rc == 0 and "nothing applied again" in out, "LV: the same file again applies nothing twice", out)
check(len([i for i in call(lv, lv_ncp, "GET", "/api/v1/referrals?direction=incoming")[1]["items"]
           if i["purpose"] == "information, carried by hand"]) == 1, "LV: still one referral from the file")
open("cut.pkg", "w").write(open("carried.pkg").read()[:300])
rc, out = run("lv", "exchange", "receive", "../cut.pkg", "--dir", "exchange")
check(rc == 2 and "refused (malformed)" in out, "LV: a damaged file is refused with its reason", out)
check(call(se, se_ncp, "GET", f"/api/v1/referrals/{d2['id']}")[1]["delivered_at"] is None, "SE: not delivered before the receipt")
rc, out = run("se", "exchange", "receive", "../carried-receipt.pkg", "--dir", "exchange")
check(rc == 0 and "accepted receipt" in out, "SE: the receipt carried back is accepted", out)
check(call(se, se_ncp, "GET", f"/api/v1/referrals/{d2['id']}")[1]["delivered_at"] is not None, "SE: the referral is marked delivered")
open("ids.txt", "w").write(f"{rid} {inc['id']} {pair['id']}\n")
sys.exit(1 if bad else 0)
PY
read -r rid lid pair_id <ids.txt

# Both audit trails (`haven audit export`) and both exchange logs show every step.
today=$(date -u +%F)
expect_exit 0 "SE's audit trail" -- "$HAVEN" audit export --from "$today" --to "$today" --db sqlite:se/var/haven.db
for a in linkage.upload linkage.pairs linkage_review.import linkage_review.confirm transnational_referral.draft transnational_referral.approve transnational_referral.send transnational_referral.delivered transnational_referral.partner_acknowledge transnational_referral.partner_answer; do
  expect_output "\"action\":\"$a\"" "SE's audit trail has $a"
done
confirm_line=$(grep '"action":"linkage_review.confirm"' <<<"$OUT")
check '[[ $confirm_line == *"$pair_id"* && $confirm_line == *"$rid"* ]]' "SE's confirmation names the pair and the referral"
expect_exit 0 "LV's audit trail" -- "$HAVEN" audit export --from "$today" --to "$today" --db sqlite:lv/var/haven.db
for a in linkage.upload linkage.pairs transnational_referral.receive transnational_referral.acknowledge transnational_referral.answer transnational_referral.delivered exchange.receive_again exchange.refuse; do
  expect_output "\"action\":\"$a\"" "LV's audit trail has $a"
done
expect_exit 0 "SE's exchange log" -- "$HAVEN" exchange log --db sqlite:se/var/haven.db
expect_output ",sent,linkage_upload,.*,SE Socialstyrelsen," "SE logs its upload"
expect_output ",received,linkage_pairs,.*,SE Socialstyrelsen," "SE logs the pairs it got"
expect_output ",sent,information_request,.*,SE Socialstyrelsen,LV $LV_NAME,Regulation \(EU\) 2019/1111 art. 80," "SE logs the request sent with its legal basis"
expect_output ",received,receipt," "SE logs LV's receipt"
expect_output ",received,referral_acknowledgement," "SE logs the acknowledgement"
expect_output ",received,referral_answer," "SE logs the answer"
expect_exit 0 "LV's exchange log" -- "$HAVEN" exchange log --db sqlite:lv/var/haven.db
expect_output ",sent,linkage_upload," "LV logs its upload"
expect_output ",received,linkage_pairs," "LV logs the pairs it got"
expect_output ",received,information_request,.*,SE Socialstyrelsen,LV $LV_NAME" "LV logs the request received"
expect_output ",sent,referral_acknowledgement," "LV logs the acknowledgement sent"
expect_output ",sent,referral_answer," "LV logs the answer sent"
expect_output ",refused,.*malformed" "LV logs the damaged file's refusal"
expect_output ",received,information_request,.*delivered again" "LV logs the file carried twice as such"
for side in se lv; do
  expect_exit 0 "$side: audit chain intact" -- "$HAVEN" audit verify --db "sqlite:$side/var/haven.db"
done
finish
