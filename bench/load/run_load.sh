#!/usr/bin/env bash
# The HTTP load test ([Q1] item 3; docs/PERFORMANCE.md, "Load"): a mixed Monday-morning load at 64
# connections against a generated database (mix.lua: case page, dashboard, search, task list, case
# update, sign-in; p50/p99 per request type, summarize.py), then the case-read API against nginx serving the very
# same JSON bytes as a static file, one after the other in the same run, as a ratio.
#
#   bench/load/run_load.sh [HAVEN_BINARY]      (default build/bench/bin/haven; `make load`)
#   LOAD_CHILDREN=100000   children of the demo database made on first use (`haven demo`)
#   LOAD_DB=PATH           the SQLite file (default build/bench/load/haven-<children>.db); reused.
#                          One made elsewhere (e.g. by `haven demo --children 1000000`) needs its master key
#                          at $LOAD_WORK/var/master.key, and its LOAD_CHILDREN for the report
#   LOAD_SECONDS=30        length of the mixed run (the ratio runs take half each)
#   LOAD_CONNECTIONS=64
#   LOAD_WORK, LOAD_RESULTS  working folder (database, key, logs) and results folder
#   LOAD_MODE=cpu          instead of the mix and the ratio: each request kind alone (2 connections,
#                          LOAD_SECONDS each) and the server's CPU time (user+sys) per request, a
#                          figure that holds on a busy machine; run it for two binaries back to
#                          back to compare them (A/B); the case-read API (GET /api/v1/cases/{id}) last.
#                          Results: $LOAD_RESULTS/cpu.txt
#   LOAD_KINDS="search,case read API"  with LOAD_MODE=cpu: only these request kinds (comma-separated)
# Results: build/bench/results/load.txt and load.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
haven=$(realpath "${1:-$root/build/bench/bin/haven}")
children=${LOAD_CHILDREN:-100000}
seconds=${LOAD_SECONDS:-30}
conns=${LOAD_CONNECTIONS:-64}
work=${LOAD_WORK:-$root/build/bench/load}
results=${LOAD_RESULTS:-$root/build/bench/results}
mkdir -p "$work/var" "$results"
cd "$work"  # var/master.key of the load database lives here
db=$(realpath -m "${LOAD_DB:-$work/haven-$children.db}")
password='harbour lantern demo 2026'
signin_password='harbour lantern load 2026'
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
server='' nginx_pid=''
trap 'kill $server 2>/dev/null; [[ -n $nginx_pid ]] && kill $nginx_pid 2>/dev/null; wait 2>/dev/null || true' EXIT

if [[ ! -f $db ]]; then
  echo "load: making a demo database of $children children at $db (once; reused afterwards)"
  /usr/bin/time -f "load: demo database made in %e s (%U s user, %S s sys)" \
    "$haven" demo --country SE --children "$children" --seed 7 --db "sqlite:$db" >demo.log
fi
"$haven" demo --db "sqlite:$db" >logins.txt  # on a demo database: prints the logins again
secret=$(grep -A2 '^  demo-caseworker ' logins.txt | awk '/TOTP:/ {print $2}')
agency=$(grep '^  demo-caseworker ' logins.txt | sed 's/.*caseworker — //')
for k in 1 2 3 4; do  # sign-in users: caseworkers who have not enrolled a second factor yet
  echo "$signin_password" | "$haven" user add --username "load-signin-$k" --role caseworker \
    --agency "$agency" --password-stdin --db "sqlite:$db" >/dev/null 2>&1 || true
done

port=$(free_port)
"$haven" serve --db "sqlite:$db" --listen "127.0.0.1:$port" >serve.log 2>&1 &
server=$!
for _ in $(seq 1 6000); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"

# The caseworker's session (password and the current TOTP code), her cases, and names to search.
session=$(python3 - "$base" "$secret" "$password" <<'PY'
import base64, hmac, json, struct, sys, time, urllib.request
base, secret, password = sys.argv[1:4]
key = base64.b32decode(secret + "=" * (-len(secret) % 8))
h = hmac.new(key, struct.pack(">Q", int(time.time() // 30)), "sha1").digest()
o = h[-1] & 15
code = "%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7FFFFFFF) % 1000000)
req = urllib.request.Request(base + "/api/v1/auth/login", method="POST", headers={"Content-Type": "application/json"},
    data=json.dumps({"username": "demo-caseworker", "password": password, "totp": code}).encode())
print(json.load(urllib.request.urlopen(req))["token"])
PY
)
python3 - "$base" "$session" "$db" "$signin_password" >data.lua <<'PY'
import json, random, sqlite3, sys, urllib.parse, urllib.request
base, token, db, signin_password = sys.argv[1:5]
req = urllib.request.Request(base + "/api/v1/cases?limit=100", headers={"Authorization": "Bearer " + token})
cases = [c["id"] for c in json.load(urllib.request.urlopen(req))["items"] if c["status"] != "closed"]
rng = random.Random(7)
names = sqlite3.connect(db).execute(
    "SELECT given_names, family_names FROM children WHERE rowid % 997 = 1 LIMIT 200").fetchall()
queries = []
for given, family in names:
    q = f"{given.split()[0]} {family}"
    if rng.random() < 0.3 and len(family) > 4:  # a misspelt family name, as typed in a hurry
        i = rng.randrange(1, len(family) - 1)
        q = f"{given.split()[0]} {family[:i]}{family[i + 1:]}"
    queries.append(urllib.parse.quote(q))
lua = lambda xs: "{" + ", ".join(json.dumps(x) for x in xs) + "}"
print("return {")
print(f"  token = {json.dumps(token)}, session = {json.dumps(token)},")
print(f"  password = {json.dumps(signin_password)},")
print(f"  signin_users = {lua([f'load-signin-{k}' for k in range(1, 5)])},")
print(f"  cases = {lua(cases)},")
print(f"  queries = {lua(queries)},")
print("}")
PY
ncases=$(grep -o '"[0-9a-f-]\{36\}"' data.lua | wc -l)
echo "load: $children children, $ncases of demo-caseworker's open cases, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

export HAVEN_LOAD_DATA=$work/data.lua
if [[ ${LOAD_MODE:-} == cpu ]]; then
  # The server's CPU time in ms (utime + stime of /proc/PID/stat, in clock ticks).
  cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / hz}' "/proc/$server/stat"; }
  rm -rf warmup && mkdir -p warmup
  HAVEN_LOAD_OUT=$work/warmup wrk -t2 -c2 -d3s -s "$root/bench/load/mix.lua" "$base" >/dev/null
  {
    echo "# haven CPU per request, $(date -u +%FT%TZ), $(basename "$haven") ($(realpath "$haven")), $children children, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "| request | requests | answered 2xx | server CPU ms | CPU ms per request |"
    echo "|---|---|---|---|---|"
    IFS=, read -r -a kinds <<<"${LOAD_KINDS:-case page,dashboard,search,task list,case update,case read API}"
    for kind in "${kinds[@]}"; do
      [[ $kind == "case read API" ]] && continue
      rm -rf one && mkdir -p one
      before=$(cpu_ms)
      HAVEN_LOAD_ONLY=$kind HAVEN_LOAD_OUT=$work/one wrk -t2 -c2 -d"${seconds}s" -s "$root/bench/load/mix.lua" "$base" >/dev/null
      after=$(cpu_ms)
      n=$(cat one/thread-*.log | wc -l)
      ok=$(cat one/thread-*.log | awk -F'\t' '$3 ~ /^2/' | wc -l)
      python3 -c "print(f'| $kind | $n | $ok | {$after - $before:.0f} | {($after - $before) / max(1, $n):.2f} |')"
    done
    # The case-read API of the ratio run (one case, the session as bearer), on the same 2 connections.
    [[ " ${kinds[*]} " == *" case read API "* ]] || exit 0
    case_id=$(grep -o '"[0-9a-f-]\{36\}"' data.lua | head -1 | tr -d '"')
    before=$(cpu_ms)
    wrk -t2 -c2 -d"${seconds}s" -H "Authorization: Bearer $session" "$base/api/v1/cases/$case_id" >one/read.out
    after=$(cpu_ms)
    n=$(awk '/requests in/ {print $1}' one/read.out)
    bad=$(awk '/Non-2xx/ {print $NF}' one/read.out)
    python3 -c "print(f'| case read API | $n | {$n - ${bad:-0}} | {$after - $before:.0f} | {($after - $before) / max(1, $n):.3f} |')"
  } | tee "$results/cpu.txt"
  exit 0
fi
rm -rf warmup mix && mkdir -p warmup mix
echo "load: warming up (5 s)"
HAVEN_LOAD_OUT=$work/warmup wrk -t4 -c"$conns" -d5s -s "$root/bench/load/mix.lua" "$base" >/dev/null
echo "load: mixed run, $conns connections, ${seconds}s"
HAVEN_LOAD_OUT=$work/mix wrk -t"$conns" -c"$conns" -d"${seconds}s" --timeout 10s -s "$root/bench/load/mix.lua" \
  "$base" >mix.out
python3 "$root/bench/load/summarize.py" mix "$seconds" --json mix.json | tee mix.md

# The case read: haven's API, then nginx serving the same bytes, with the same wrk settings.
case_id=$(grep -o '"[0-9a-f-]\{36\}"' data.lua | head -1 | tr -d '"')
mkdir -p static/api/v1/cases
curl -fs -H "Authorization: Bearer $session" "$base/api/v1/cases/$case_id" >"static/api/v1/cases/$case_id"
bytes=$(wc -c <"static/api/v1/cases/$case_id")
half=$((seconds / 2 > 5 ? seconds / 2 : 5))
wrk_rps() { wrk -t2 -c"$conns" -d"${half}s" --latency "$@" | tee -a ratio.out |
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}'; }
: >ratio.out
read -r haven_rps haven_p50 haven_p99 < <(wrk_rps -H "Authorization: Bearer $session" "$base/api/v1/cases/$case_id")
nport=$(free_port)
cat >nginx.conf <<NGINX
worker_processes $(nproc);
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:$nport; root $work/static; location / { try_files \$uri =404; } }
}
NGINX
[[ $(id -u) -eq 0 ]] && sed -i "1i user root;" nginx.conf
nginx -c "$work/nginx.conf" -p "$work" 2>>nginx-error.log &
nginx_pid=$!
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$nport/api/v1/cases/$case_id" && break; sleep 0.1; done
read -r nginx_rps nginx_p50 nginx_p99 < <(wrk_rps "http://127.0.0.1:$nport/api/v1/cases/$case_id")
kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=''
ratio=$(python3 -c "print(f'{$haven_rps / $nginx_rps:.3f}')")

{
  echo "# haven load test, $(date -u +%FT%TZ), $children children, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "## mixed, $conns connections, ${seconds}s"
  cat mix.md
  grep -E 'Requests/sec|Socket errors|Non-2xx' mix.out || true
  echo "## case read ($bytes bytes), $conns connections, ${half}s each"
  echo "haven API  ${haven_rps} req/s  p50 ${haven_p50}  p99 ${haven_p99}"
  echo "nginx      ${nginx_rps} req/s  p50 ${nginx_p50}  p99 ${nginx_p99}"
  echo "ratio haven/nginx: $ratio"
} | tee "$results/load.txt"
{
  echo '{"children":'"$children"',"connections":'"$conns"',"seconds":'"$seconds"',"mix":'
  cat mix.json
  echo ',"case_read":{"bytes":'"$bytes"',"haven_rps":'"$haven_rps"',"nginx_rps":'"$nginx_rps"',"ratio":'"$ratio"'}}'
} >"$results/load.json"
echo "load: results in $results/load.txt and load.json"
