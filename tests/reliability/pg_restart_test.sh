# PostgreSQL restarted under load ([Q1] item 1): a writer streams case notes through the API while
# the database server is stopped (pg_ctl stop -m fast) and started again, HAVEN_PG_RESTARTS times
# (default 1; `make reliability` runs more), then killed — SIGKILL to the postmaster, so the next
# start recovers from the WAL — and started again, HAVEN_PG_KILLS times (default 1). While it is
# down haven answers promptly — every request within curl's --max-time, never a hang — with 503
# problem+json, and /readyz says not ready; once it is back haven recovers by itself (the same
# process, no restart) and every note it acknowledged is there exactly once, nothing never sent
# appears, and the audit chain verifies. The cluster runs with fsync off (the OS keeps the written
# pages when only the processes die) but commits synchronously, as a deployment does: with
# pg_cluster.sh's synchronous_commit=off a commit is acknowledged before its WAL is written at all.
# Needs PostgreSQL binaries: runs under scripts/with_postgres.sh, on a cluster of its own (stopping
# the shared one would pull the floor from under the other tests).
# The source tree, found before lib.sh moves into its scratch folder (a relative $0 is lost then).
source_dir="${HAVEN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
source "$(dirname "$0")/../cli/lib.sh"
RESTARTS=${HAVEN_PG_RESTARTS:-1}
KILLS=${HAVEN_PG_KILLS:-1}
MAX_TIME=10  # seconds any request may take while the database is down (a liveness bound)
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
check() { if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; failures=$((failures + 1)); return 1; fi; }
if [[ -z "${HAVEN_TEST_PG_URL:-}" ]]; then
  echo "skip: needs PostgreSQL (run under scripts/with_postgres.sh)"
  exit 0
fi
cluster_script="$source_dir/scripts/pg_cluster.sh"
cluster=$(mktemp -d "${TMPDIR:-/tmp}/haven-pg.XXXXXX")  # not under $WORK: the server's user must reach it
trap 'kill $server $writer 2>/dev/null; wait 2>/dev/null; "$cluster_script" stop "$cluster"; rm -rf "$cluster" "$WORK"' EXIT
server='' writer=''
db=$("$cluster_script" start "$cluster") || { echo "FAIL: could not start a PostgreSQL of our own"; exit 1; }
psql=$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)
# A database's own setting outranks the server's command line (pg_cluster.sh's synchronous_commit=off).
"$psql" --no-psqlrc -q "$db" -c "ALTER DATABASE haven_test SET synchronous_commit = on" ||
  { echo "FAIL: could not make commits synchronous"; exit 1; }
check '[[ $("$psql" --no-psqlrc -tA "$db" -c "SHOW synchronous_commit") == on ]]' "commits are synchronous" || exit 1

# SIGKILL to the postmaster of our cluster, by the pid in its data folder. Its children notice and
# exit by themselves. A new postmaster cannot start while they still hold the shared memory, nor
# while the old pid exists at all (not yet reaped, it still looks alive to the lock-file check).
kill_postmaster() {
  local pid children p alive
  pid=$(head -n 1 "$cluster/data/postmaster.pid")
  children=$(pgrep -P "$pid" | tr '\n' ' ')
  kill -KILL "$pid"
  for _ in $(seq 1 400); do
    alive=''
    for p in $pid $children; do [[ -d /proc/$p ]] && alive=$p; done
    [[ -z $alive ]] && return 0
    sleep 0.05
  done
  echo "the killed postmaster's process $alive is still there after 20 s"
}

# writer.py PORT TOKEN CASE STOPFILE: posts "pg-note N" until STOPFILE exists. Writes acked (201),
# tried (every other answer or error: may or may not have committed) and statuses (one line per
# answer: "<status> <seconds> <content-type>").
cat >writer.py <<'PY'
import json, os, sys, time, urllib.error, urllib.request
port, token, case, stop = sys.argv[1:5]
url = f"http://127.0.0.1:{port}/api/v1/cases/{case}/notes"
n = 0
with open("acked", "a") as ack, open("tried", "a") as tried, open("statuses", "a") as st:
    while not os.path.exists(stop):
        n += 1
        body = json.dumps({"text": f"pg-note {n}"}).encode()
        req = urllib.request.Request(url, data=body, method="POST", headers={
            "Authorization": "Bearer " + token, "Content-Type": "application/json"})
        t0 = time.monotonic()
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                r.read()
                status, ctype = r.status, r.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            e.read()
            status, ctype = e.code, e.headers.get("Content-Type", "")
        except Exception as e:
            status, ctype = 0, type(e).__name__
        st.write(f"{status} {time.monotonic() - t0:.3f} {ctype}\n"); st.flush()
        if status == 201:
            ack.write(f"{n}\n"); ack.flush()
        else:
            tried.write(f"{n}\n"); tried.flush()
            time.sleep(0.05)  # a client backing off a little while the service is unavailable
PY

# verify.py PORT TOKEN CASE: every acknowledged note once, nothing never sent, nothing half there.
cat >verify.py <<'PY'
import json, sys, urllib.request
port, token, case = sys.argv[1:4]
req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/cases/{case}/notes",
                             headers={"Authorization": "Bearer " + token})
texts = [i["text"] for i in json.loads(urllib.request.urlopen(req, timeout=30).read())["items"]]
ack = {int(x) for x in open("acked").read().split()}
tried = {int(x) for x in open("tried").read().split()}
seen = [int(t.split()[1]) for t in texts if t.startswith("pg-note ")]
problems = []
if missing := sorted(ack - set(seen)): problems.append(f"{len(missing)} acknowledged notes lost: {missing[:10]}")
if dupes := sorted({n for n in seen if seen.count(n) > 1}): problems.append(f"notes stored twice: {dupes[:10]}")
if strangers := sorted(set(seen) - ack - tried): problems.append(f"notes never sent: {strangers[:10]}")
if bad := [t for t in texts if not t.startswith("pg-note ") or len(t.split()) != 2]: problems.append(f"half-written: {bad[:5]}")
print(f"{len(ack)} acknowledged, {len(seen)} stored, {len(set(seen) & tried)} of {len(tried)} refused or unanswered kept")
for p in problems: print("PROBLEM:", p)
sys.exit(1 if problems else 0)
PY

mkdir -p var
"$HAVEN" migrate --db "$db" >/dev/null 2>&1 || { echo "FAIL: migrate"; exit 1; }
"$HAVEN" keys init --db "$db" >/dev/null 2>&1
"$HAVEN" agency add --name "Riga CPS" --kind child_protection --country LV --db "$db" >/dev/null
echo 'granite lantern 47 oyster' | "$HAVEN" user add --username ilze --role caseworker \
  --agency "Riga CPS" --password-stdin --db "$db" >/dev/null 2>&1
token=$("$HAVEN" token create --user ilze --scope case.read,case.create,report.create,note.read,note.create,child.read,child.create \
  --expires 1d --db "$db" 2>/dev/null | grep '^hvt_')
port=$(free_port)
"$HAVEN" serve --db "$db" --listen "127.0.0.1:$port" >serve.log 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.05; done
base="http://127.0.0.1:$port"
case=$(curl -s -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$base/api/v1/reports" \
  -d '{"child":{"given_names":"Jānis","family_names":"Bērziņš","sex":"male","birth_date":"2014-05-06"},"report":{"channel":"phone","reporter_type":"school","concern_categories":["neglect"],"narrative":"Synthetic.","urgency":"medium"}}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["case_id"])')
check '[[ -n "$case" ]]' "a case to write notes on" || exit 1

: >acked; : >tried; : >statuses
python3 writer.py "$port" "$token" "$case" stop 2>writer.err &
writer=$!
acked_before() { wc -l <acked; }
down_ok=0 down_slow=0 ready_down=0 probes=0 back_within=()
rounds=()
for _ in $(seq 1 "$RESTARTS"); do rounds+=(stop); done
for _ in $(seq 1 "$KILLS"); do rounds+=(kill); done
round=0
for how in "${rounds[@]}"; do
  round=$((round + 1))
  sleep 1.5
  before=$(acked_before)
  if [[ $how == stop ]]; then
    "$cluster_script" stop "$cluster"  # pg_ctl stop --mode=fast (immediate only if that hangs)
  else
    kill_postmaster
  fi
  # While it is down: the writer keeps posting; these probes must be answered, fast and as 503.
  for i in 1 2 3; do
    probes=$((probes + 1))
    code=$(curl -s -o probe.json -w '%{http_code} %{content_type}' --max-time "$MAX_TIME" \
      -H "Authorization: Bearer $token" "$base/api/v1/cases/$case") || code="timeout"
    if [[ $code == "503 application/problem+json"* ]] && grep -q '"status":503' probe.json; then
      down_ok=$((down_ok + 1))
    else
      echo "while down: GET case answered '$code': $(head -c 300 probe.json 2>/dev/null)"
    fi
    rcode=$(curl -s -o /dev/null -w '%{http_code}' --max-time "$MAX_TIME" "$base/readyz") || rcode=timeout
    [[ $rcode == 503 ]] && ready_down=$((ready_down + 1)) || echo "while down: /readyz answered '$rcode'"
    sleep 0.5
  done
  "$cluster_script" start "$cluster" >/dev/null || { echo "FAIL: PostgreSQL did not start again"; exit 1; }
  t0=$(date +%s.%N)
  for _ in $(seq 1 600); do curl -fs --max-time 2 "$base/readyz" >/dev/null && break; sleep 0.05; done
  back_within+=("$(python3 -c "import time;print(f'{time.time()-$t0:.1f}')")")
  sleep 1.5  # the writer gets work done after the restart too
  check '[[ $(acked_before) -gt $before ]]' "round $round ($how): writes acknowledged around the restart ($before → $(acked_before))"
done
touch stop; wait "$writer"; writer=''

check 'kill -0 $server' "the same haven process served throughout (no restart)"
recoveries=$(grep -c "was not properly shut down; automatic recovery in progress" "$cluster/server.log")
check '[[ $recoveries -eq $KILLS ]]' "PostgreSQL recovered from its WAL after each kill ($recoveries of $KILLS)"
check '[[ $down_ok -eq $probes ]]' "every probe while down got 503 problem+json within ${MAX_TIME}s ($down_ok of $probes)"
check '[[ $ready_down -eq $probes ]]' "/readyz said not ready (503) while down ($ready_down of $probes)"
check 'curl -fs --max-time 5 "$base/readyz" >/dev/null' "/readyz ready again after the restart (within ${back_within[*]} s)"
# The writer's own answers: 201 or 503 problem+json, each within the bound; never a 500 or a hang.
python3 - "$MAX_TIME" <<'PY' || failures=$((failures + 1))
import collections, sys
bound = float(sys.argv[1])
rows = [l.split(None, 2) for l in open("statuses") if l.strip()]
by = collections.Counter(r[0] for r in rows)
slow = [r for r in rows if float(r[1]) > bound]
odd = [r for r in rows if r[0] not in ("201", "503") or (r[0] == "503" and "problem+json" not in r[2])]
print(f"writer: {len(rows)} requests, answers {dict(by)}, slowest {max(float(r[1]) for r in rows):.2f} s")
ok = not slow and not odd and by["503"] > 0
print(("ok: " if ok else "FAIL: ") + "the writer's requests were answered 201 or 503 problem+json, each within the bound"
      + ("" if ok else f" (slow: {slow[:3]}, other: {odd[:3]}, 503s: {by['503']})"))
sys.exit(0 if ok else 1)
PY
python3 verify.py "$port" "$token" "$case" >verify.out 2>&1; verified=$?
cat verify.out
check '[[ $verified -eq 0 ]]' "after $RESTARTS restart(s) and $KILLS kill(s) every acknowledged note is there once, nothing never sent"
kill -TERM "$server"; wait "$server" 2>/dev/null; server=''
expect_exit 0 "audit chain intact after the restarts" -- "$HAVEN" audit verify --db "$db"
expect_output "intact" "audit verify says intact"
((failures)) && tail -20 serve.log
finish
