# Backup under load ([Q1] item 6): while a writer streams case notes through the API, `haven backup`
# takes HAVEN_BACKUPS snapshots (default 2). Each restores (`haven restore`) into an empty database
# that passes `haven audit verify` (and SQLite's integrity and foreign-key checks), is served by
# haven again with the same token, and holds a consistent cut of the stream: every note
# acknowledged before its backup began, each once, and nothing that was never sent. SQLite uses the
# online backup API; PostgreSQL pg_dump (custom format), when scripts/with_postgres.sh provides one.
source "$(dirname "$0")/../cli/lib.sh"
BACKUPS=${HAVEN_BACKUPS:-2}
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
check() { if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; failures=$((failures + 1)); return 1; fi; }
server='' writer=''
trap 'kill $server $writer 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT

# writer.py PORT TOKEN CASE STOPFILE: posts "bk-note N" until STOPFILE exists; acked / tried as in
# pg_restart_test.sh.
cat >writer.py <<'PY'
import json, os, sys, urllib.error, urllib.request
port, token, case, stop = sys.argv[1:5]
url = f"http://127.0.0.1:{port}/api/v1/cases/{case}/notes"
n = 0
with open("acked", "a") as ack, open("tried", "a") as tried:
    while not os.path.exists(stop):
        n += 1
        req = urllib.request.Request(url, data=json.dumps({"text": f"bk-note {n}"}).encode(), method="POST",
            headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                r.read()
                (ack if r.status == 201 else tried).write(f"{n}\n")
        except Exception:
            tried.write(f"{n}\n")
        ack.flush(); tried.flush()
PY

# cut.py PORT TOKEN CASE ACKED_BEFORE: the restored copy holds every note acknowledged before the
# backup began (the first ACKED_BEFORE lines of acked), each once, and only notes that were sent.
cat >cut.py <<'PY'
import json, sys, urllib.request
port, token, case, before = sys.argv[1:5]
req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/cases/{case}/notes",
                             headers={"Authorization": "Bearer " + token})
texts = [i["text"] for i in json.loads(urllib.request.urlopen(req, timeout=30).read())["items"]]
acked = [int(x) for x in open("acked").read().split()]
sent = set(acked) | {int(x) for x in open("tried").read().split()}
seen = [int(t.split()[1]) for t in texts if t.startswith("bk-note ")]
must = set(acked[:int(before)])
problems = []
if missing := sorted(must - set(seen)): problems.append(f"{len(missing)} notes acknowledged before the backup are missing: {missing[:10]}")
if dupes := sorted({n for n in seen if seen.count(n) > 1}): problems.append(f"stored twice: {dupes[:10]}")
if strangers := sorted(set(seen) - sent): problems.append(f"never sent: {strangers[:10]}")
print(f"{len(seen)} notes in the copy, {len(must)} acknowledged before the backup began")
for p in problems: print("PROBLEM:", p)
sys.exit(1 if problems else 0)
PY

start_server() {  # start_server DB PORT LOG
  "$HAVEN" serve --db "$1" --listen "127.0.0.1:$2" >>"$3" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$2/readyz" >/dev/null && return 0; sleep 0.05; done
  echo "FAIL: the server on $1 did not come up"; tail -20 "$3"; failures=$((failures + 1)); return 1
}

# run_on NAME DB RESTORE_URL_PREFIX: RESTORE_URL_PREFIX + K names the empty database for backup K.
run_on() {
  local name=$1 db=$2 restore_prefix=$3 port token case
  mkdir -p "$name/var" && pushd "$name" >/dev/null  # its own var/master.key, shared by the copies
  : >acked; : >tried; rm -f stop
  "$HAVEN" migrate --db "$db" >/dev/null 2>&1 || { echo "FAIL: migrate $name"; failures=$((failures + 1)); popd >/dev/null; return; }
  "$HAVEN" keys init --db "$db" >/dev/null 2>&1
  "$HAVEN" agency add --name "Tallinn CPS" --kind child_protection --country EE --db "$db" >/dev/null
  echo 'granite lantern 47 oyster' | "$HAVEN" user add --username kadri --role caseworker \
    --agency "Tallinn CPS" --password-stdin --db "$db" >/dev/null 2>&1
  token=$("$HAVEN" token create --user kadri --scope case.read,case.create,report.create,note.read,note.create,child.read,child.create \
    --expires 1d --db "$db" 2>/dev/null | grep '^hvt_')
  port=$(free_port)
  start_server "$db" "$port" serve.log || { popd >/dev/null; return; }
  case=$(curl -s -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$port/api/v1/reports" \
    -d '{"child":{"given_names":"Kadri","family_names":"Tamm","sex":"female","birth_date":"2013-09-01"},"report":{"channel":"phone","reporter_type":"school","concern_categories":["neglect"],"narrative":"Synthetic.","urgency":"medium"}}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["case_id"])')
  check '[[ -n "$case" ]]' "$name: a case to write notes on" || { popd >/dev/null; return; }
  python3 ../writer.py "$port" "$token" "$case" stop 2>writer.err &
  writer=$!
  local k befores=()
  for _ in $(seq 1 200); do (($(wc -l <acked) >= 10)) && break; sleep 0.05; done  # the stream is flowing
  for k in $(seq 1 "$BACKUPS"); do
    sleep 0.7
    befores+=("$(wc -l <acked)")
    expect_exit 0 "$name: backup $k while the writer writes" -- "$HAVEN" backup "snap$k" --db "$db"
    echo "   $OUT"
  done
  sleep 0.5
  touch stop; wait "$writer"; writer=''
  local during; during=$(wc -l <acked)
  kill -TERM "$server"; wait "$server" 2>/dev/null; server=''
  check '[[ ${befores[$((BACKUPS - 1))]} -gt ${befores[0]} ]]' "$name: the writer wrote between the backups (${befores[*]}, $during in all)"

  for k in $(seq 1 "$BACKUPS"); do
    local copy="$restore_prefix$k"
    expect_exit 0 "$name: restore backup $k into an empty database" -- "$HAVEN" restore "snap$k" --db "$copy"
    expect_exit 0 "$name: backup $k: audit chain intact" -- "$HAVEN" audit verify --db "$copy"
    expect_output "intact" "$name: backup $k: audit verify says intact"
    if [[ $copy == sqlite:* ]]; then
      OUT=$(sqlite3 "${copy#sqlite:}" 'PRAGMA integrity_check; PRAGMA foreign_key_check;')
      check '[[ $OUT == ok ]]' "$name: backup $k: integrity and foreign keys ($OUT)"
    fi
    port=$(free_port)
    start_server "$copy" "$port" "restored$k.log" || continue
    python3 ../cut.py "$port" "$token" "$case" "${befores[$((k - 1))]}" >cut.out 2>&1
    check '[[ $? -eq 0 ]]' "$name: backup $k is a consistent cut: $(head -1 cut.out)" || cat cut.out
    kill -TERM "$server"; wait "$server" 2>/dev/null; server=''
  done
  popd >/dev/null
}

run_on sqlite "sqlite:$PWD/sqlite/var/live.db" "sqlite:$PWD/sqlite/var/copy"

if [[ -n "${HAVEN_TEST_PG_URL:-}" ]]; then
  pgdb="haven_backup_$$"
  psql -q "$HAVEN_TEST_PG_URL" -c "CREATE DATABASE $pgdb" >/dev/null
  for k in $(seq 1 "$BACKUPS"); do psql -q "$HAVEN_TEST_PG_URL" -c "CREATE DATABASE ${pgdb}_copy$k" >/dev/null; done
  run_on postgres "${HAVEN_TEST_PG_URL%/*}/$pgdb" "${HAVEN_TEST_PG_URL%/*}/${pgdb}_copy"
  for d in "$pgdb" $(for k in $(seq 1 "$BACKUPS"); do echo "${pgdb}_copy$k"; done); do
    psql -q "$HAVEN_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null
  done
else
  echo "skip: PostgreSQL (run under scripts/with_postgres.sh)"
fi
finish
