# Crash safety ([Q1] item 1): a writer streams case notes through the API while `haven serve` is
# killed with SIGKILL at random moments, again and again. After every restart each note the server
# acknowledged (201) is there exactly once with its full text, no note appears that was never sent,
# and at the end the database passes its integrity check and `haven audit verify` proves the audit
# chain intact. On SQLite, and on PostgreSQL when scripts/with_postgres.sh provides one.
#   HAVEN_CRASH_KILLS=N   kills per database (default 20; `make reliability` runs 200)
source "$(dirname "$0")/../cli/lib.sh"
KILLS=${HAVEN_CRASH_KILLS:-20}
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"  # a SIGKILLed process leaks by definition
check() { if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; failures=$((failures + 1)); return 1; fi; }

# writer.py PORT TOKEN CASE FIRST ACKED SENT: posts "crash-note N" from N = FIRST until the server
# stops answering; appends each acknowledged N to ACKED and the one in flight when it died to SENT.
cat >writer.py <<'PY'
import json, sys, urllib.request
port, token, case, first, acked, sent = sys.argv[1:7]
url = f"http://127.0.0.1:{port}/api/v1/cases/{case}/notes"
n = int(first)
with open(acked, "a") as ack, open(sent, "a") as inflight:
    while True:
        body = json.dumps({"text": f"crash-note {n}"}).encode()
        req = urllib.request.Request(url, data=body, method="POST", headers={
            "Authorization": "Bearer " + token, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                if r.status != 201:
                    print(f"unexpected status {r.status}", file=sys.stderr); sys.exit(3)
                json.loads(r.read())
        except Exception as e:
            print(f"note {n}: {e}", file=sys.stderr)
            inflight.write(f"{n}\n")
            break
        ack.write(f"{n}\n"); ack.flush()
        n += 1
print(n + 1)
PY

# verify.py PORT TOKEN CASE ACKED SENT: every acknowledged note once, nothing never sent.
cat >verify.py <<'PY'
import json, sys, urllib.request
port, token, case, acked, sent = sys.argv[1:6]
req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/cases/{case}/notes",
                             headers={"Authorization": "Bearer " + token})
items = json.loads(urllib.request.urlopen(req, timeout=30).read())["items"]
texts = [i["text"] for i in items]
ack = {int(x) for x in open(acked).read().split()}
inflight = {int(x) for x in open(sent).read().split()}
seen = [int(t.split()[1]) for t in texts if t.startswith("crash-note ")]
problems = []
missing = sorted(ack - set(seen))
if missing: problems.append(f"{len(missing)} acknowledged notes lost: {missing[:10]}")
dupes = sorted({n for n in seen if seen.count(n) > 1})
if dupes: problems.append(f"notes stored twice: {dupes[:10]}")
strangers = sorted(set(seen) - ack - inflight)
if strangers: problems.append(f"notes never sent: {strangers[:10]}")
bad = [t for t in texts if not t.startswith("crash-note ") or len(t.split()) != 2]
if bad: problems.append(f"half-written notes: {bad[:5]}")
print(f"{len(ack)} acknowledged, {len(seen)} stored, {len(set(seen) & inflight)} of {len(inflight)} in flight at a kill kept")
for p in problems: print("PROBLEM:", p)
sys.exit(1 if problems else 0)
PY

start_server() {  # start_server DB PORT: waits until /readyz answers
  "$HAVEN" serve --db "$1" --listen "127.0.0.1:$2" >>serve.log 2>&1 &
  server=$!
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$2/readyz" >/dev/null && return 0; sleep 0.05; done
  echo "FAIL: the server did not come up"; tail -20 serve.log; failures=$((failures + 1)); return 1
}

run_on() {  # run_on NAME DB
  local name=$1 db=$2 port token case next=1
  mkdir -p "$name/var" && pushd "$name" >/dev/null  # its own var/master.key
  : >acked; : >sent
  "$HAVEN" migrate --db "$db" >/dev/null 2>&1 || { echo "FAIL: migrate $name"; failures=$((failures + 1)); return; }
  "$HAVEN" keys init --db "$db" >/dev/null 2>&1
  "$HAVEN" agency add --name "Malmö CPS" --kind child_protection --country SE --db "$db" >/dev/null
  echo 'granite lantern 47 oyster' | "$HAVEN" user add --username anna --role caseworker \
    --agency "Malmö CPS" --password-stdin --db "$db" >/dev/null 2>&1
  token=$("$HAVEN" token create --user anna --scope case.read,case.create,report.create,note.read,note.create,child.read,child.create \
    --expires 1d --db "$db" 2>/dev/null | grep '^hvt_')
  port=$(free_port)
  start_server "$db" "$port" || return
  case=$(curl -s -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$port/api/v1/reports" \
    -d '{"child":{"given_names":"Elsa","family_names":"Öberg","sex":"female","birth_date":"2015-03-02"},"report":{"channel":"phone","reporter_type":"school","concern_categories":["neglect"],"narrative":"Synthetic.","urgency":"medium"}}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["case_id"])')
  check '[[ -n "$case" ]]' "$name: a case to write notes on" || return
  local kills=0 lost_rounds=0
  while ((kills < KILLS)); do
    python3 ../writer.py "$port" "$token" "$case" "$next" acked sent >next.txt 2>writer.err &
    local writer=$!
    # Kill at a random moment 0–1 s into the stream: mid-request, mid-commit, mid-audit. The clock
    # starts at the round's first acknowledged note (up to 10 s), not at the writer's start: on a
    # loaded machine Python alone can take most of a second to send its first request.
    local before
    before=$(wc -l <acked)
    for _ in $(seq 1 200); do (($(wc -l <acked) > before)) && break; sleep 0.05; done
    sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
    kill -KILL "$server"; wait "$server" 2>/dev/null
    wait "$writer"; next=$(cat next.txt)
    kills=$((kills + 1))
    start_server "$db" "$port" || return
    python3 ../verify.py "$port" "$token" "$case" acked sent >verify.out 2>&1 || lost_rounds=$((lost_rounds + 1))
  done
  cat verify.out
  [[ -s writer.err ]] && { echo "the writer's last error:"; tail -3 writer.err; }
  check '[[ $lost_rounds -eq 0 ]]' "$name: after each of $kills kills every acknowledged note is there once, nothing half-written"
  check '[[ $(wc -l <acked) -gt $((KILLS * 2)) ]]' "$name: the writer got work done between kills ($(wc -l <acked) notes)"
  kill -TERM "$server"; wait "$server" 2>/dev/null
  expect_exit 0 "$name: audit chain intact after $kills kills" -- "$HAVEN" audit verify --db "$db"
  expect_output "intact" "$name: audit verify says intact"
  popd >/dev/null
}

run_on sqlite "sqlite:$PWD/sqlite/var/crash.db"
OUT=$(sqlite3 sqlite/var/crash.db 'PRAGMA integrity_check; PRAGMA foreign_key_check;')
check '[[ $OUT == ok ]]' "sqlite: integrity check after the kills ($OUT)"

if [[ -n "${HAVEN_TEST_PG_URL:-}" ]]; then
  pgdb="haven_crash_$$"
  psql -q "$HAVEN_TEST_PG_URL" -c "CREATE DATABASE $pgdb" >/dev/null
  run_on postgres "${HAVEN_TEST_PG_URL%/*}/$pgdb"
  psql -q "$HAVEN_TEST_PG_URL" -c "DROP DATABASE $pgdb WITH (FORCE)" >/dev/null
else
  echo "skip: PostgreSQL (run under scripts/with_postgres.sh)"
fi
finish
