# Two `haven serve` processes on one PostgreSQL ([Q1] item 2), as behind a load balancer: a session
# made on one is valid on the other; two clients incrementing one note's counter through different
# processes, each retrying on 409 with the version it re-read, lose no increment; a child registered
# through one process is found by a search on the other at once. Needs scripts/with_postgres.sh.
source "$(dirname "$0")/../cli/lib.sh"
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
check() { if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; failures=$((failures + 1)); return 1; fi; }
if [[ -z "${HAVEN_TEST_PG_URL:-}" ]]; then
  echo "skip: needs PostgreSQL (run under scripts/with_postgres.sh)"
  exit 0
fi

pgdb="haven_two_$$"
psql -q "$HAVEN_TEST_PG_URL" -c "CREATE DATABASE $pgdb" >/dev/null
trap 'kill $a $b 2>/dev/null; wait 2>/dev/null; psql -q "$HAVEN_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null; rm -rf "$WORK"' EXIT
db="${HAVEN_TEST_PG_URL%/*}/$pgdb"
mkdir -p var
"$HAVEN" migrate --db "$db" >/dev/null
"$HAVEN" keys init --db "$db" >/dev/null
"$HAVEN" agency add --name "Malmö CPS" --kind child_protection --country SE --db "$db" >/dev/null
echo 'granite lantern 47 oyster' | "$HAVEN" user add --username anna --role caseworker \
  --agency "Malmö CPS" --password-stdin --db "$db" >/dev/null 2>&1
token=$("$HAVEN" token create --user anna --scope case.read,case.create,report.create,note.read,note.create,note.update,child.read,child.create \
  --expires 1d --db "$db" 2>/dev/null | grep '^hvt_')

pa=$(free_port); pb=$(free_port)
"$HAVEN" serve --db "$db" --listen "127.0.0.1:$pa" >a.log 2>&1 & a=$!
"$HAVEN" serve --db "$db" --listen "127.0.0.1:$pb" >b.log 2>&1 & b=$!
for p in "$pa" "$pb"; do
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$p/readyz" >/dev/null && break; sleep 0.05; done
done

python3 - "$pa" "$pb" "$token" <<'PY' || failures=$((failures + 1))
import json, sys, threading, urllib.error, urllib.request
pa, pb, token = sys.argv[1:4]
def call(port, method, path, body=None, tok=token):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": "Bearer " + tok, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")
failures = 0
def check(ok, what):
    global failures
    print(("ok: " if ok else "FAIL: ") + what)
    failures += 0 if ok else 1

# A session (here the API token's) made on A is honoured by B: sessions live in the database.
st, me_a = call(pa, "GET", "/api/v1/me"); st_b, me_b = call(pb, "GET", "/api/v1/me")
check(st == 200 and st_b == 200 and me_a["username"] == me_b["username"] == "anna", "one session, both processes")
bad, _ = call(pb, "GET", "/api/v1/me", tok="hvt_not-a-token")
check(bad == 401, "a bad token is refused by B as by A")

# A child registered through A is found by a search on B straight away.
st, made = call(pa, "POST", "/api/v1/reports", {"child": {"given_names": "Ilze", "family_names": "Bērziņa",
    "sex": "female", "birth_date": "2014-05-06"}, "report": {"channel": "phone", "reporter_type": "school",
    "concern_categories": ["neglect"], "narrative": "Synthetic.", "urgency": "medium"}})
check(st == 201, "intake through A")
case = made["case_id"]
st, found = call(pb, "GET", "/api/v1/search/children?q=Berzina")
check(st == 200 and any(m["child_id"] == made["child_id"] for m in found["matches"]),
      "B's search finds the child A registered, at once")
st, found_a = call(pa, "GET", "/api/v1/search/children?q=Berzina")
check([m["child_id"] for m in found["matches"]] == [m["child_id"] for m in found_a["matches"]],
      "both processes give the same results")

# One note holds a counter; two clients, one per process, each add 1 fifty times, re-reading and
# retrying when their version is stale (409). Every increment must survive: the total is exact.
st, note = call(pa, "POST", f"/api/v1/cases/{case}/notes", {"text": "count 0"})
check(st == 201, "a counter note")
nid = note["id"]
conflicts = [0, 0]
def add(port, which, times):
    for _ in range(times):
        while True:
            _, cur = call(port, "GET", f"/api/v1/cases/{case}/notes")
            n = next(x for x in cur["items"] if x["id"] == nid)
            k = int(n["text"].split()[1])
            st, _ = call(port, "PUT", f"/api/v1/cases/{case}/notes/{nid}", {"text": f"count {k + 1}", "version": n["version"]})
            if st == 200: break
            if st != 409: raise SystemExit(f"unexpected {st}")
            conflicts[which] += 1
ts = [threading.Thread(target=add, args=(pa, 0, 50)), threading.Thread(target=add, args=(pb, 1, 50))]
for t in ts: t.start()
for t in ts: t.join()
_, cur = call(pb, "GET", f"/api/v1/cases/{case}/notes")
final = next(x for x in cur["items"] if x["id"] == nid)
check(final["text"] == "count 100" and final["version"] == 101,
      f"100 increments through two processes, none lost ({final['text']}, version {final['version']}, {sum(conflicts)} conflicts retried)")
sys.exit(1 if failures else 0)
PY
finish
