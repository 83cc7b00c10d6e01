#!/usr/bin/env bash
# The regional hub and two national instances on one machine ([R1], [X1]): SE and LV each with
# their own generated SQLite database (sharing some children), exchange keys and loopback port,
# and a hub (`haven serve --mode regional`) that trusts both. Both publish signed releases and the
# hub lists them; a tampered, an unsigned-by-a-partner and an out-of-date release are refused with
# their reason and nothing of them is stored. Both upload linkage encodings, each fetches its own
# side of the match and resolves it in its own database: the shared children are found. The hub
# serves none of the national API and holds no personal data.
source "$(dirname "$0")/lib.sh"
SRC="${HAVEN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
export HAVEN_DATA_DIR="$SRC/data"
unset HAVEN_EXCHANGE_DIR
rows() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"; }
check() { if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; failures=$((failures + 1)); fi; }
LV_NAME="Valsts bērnu tiesību aizsardzības inspekcija"

# Two national instances: separate databases (LV's children partly registered again in SE), keys.
expect_exit 0 "generate LV and SE sharing children" -- "$HAVEN" generate --country LV --children 600 --seed 7 --shared-with SE --shared 0.1 --db sqlite:lv/haven.db --shared-db sqlite:se/haven.db --truth shared.csv
expect_exit 0 "SE makes its exchange keys" -- "$HAVEN" exchange keys init --dir se/exchange --authority Socialstyrelsen --country SE
expect_exit 0 "LV makes its exchange keys" -- "$HAVEN" exchange keys init --dir lv/exchange --authority "$LV_NAME" --country LV
expect_exit 0 "a stranger makes keys" -- "$HAVEN" exchange keys init --dir ee/exchange --authority Sotsiaalkindlustusamet --country EE
"$HAVEN" exchange keys show --dir se/exchange >se-identity.json
"$HAVEN" exchange keys show --dir lv/exchange >lv-identity.json
expect_exit 0 "the hub trusts SE" -- "$HAVEN" exchange trust add --dir hub/exchange --identity se-identity.json
expect_exit 0 "the hub trusts LV" -- "$HAVEN" exchange trust add --dir hub/exchange --identity lv-identity.json

# The hub.
port=$(free_port)
HUB="http://127.0.0.1:$port"
"$HAVEN" serve --mode regional --db sqlite:hub/hub.db --listen "127.0.0.1:$port" --exchange-dir hub/exchange >hub.log 2>&1 &
hub_pid=$!
trap 'kill -TERM $hub_pid 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 150); do curl -fs "$HUB/readyz" >/dev/null && break; sleep 0.1; done
OUT=$(curl -s -w ' %{http_code}' "$HUB/readyz"); expect_output '200$' "the hub is ready"
OUT=$(curl -s -o /dev/null -w '%{http_code}' "$HUB/api/v1/cases"); expect_output '^404$' "the hub serves no case API"
OUT=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' "$HUB/api/v1/auth/login"); expect_output '^404$' "the hub has no sign-in"

# Releases: computed, signed beside the file, published.
expect_exit 0 "SE computes its 2026 release" -- "$HAVEN" stats compute --period 2026 --country SE --out se.csv --db sqlite:se/haven.db --exchange-dir se/exchange
expect_output "signed by Socialstyrelsen in se.csv.sig" "says it signed the release"
check '[[ -s se.csv && -s se.csv.sig ]] && grep -q "\"kind\": \"statistics-release\"" se.csv.sig' "writes the detached signature"
expect_exit 0 "LV computes its 2026 release" -- "$HAVEN" stats compute --period 2026 --country LV --out lv.csv --db sqlite:lv/haven.db --exchange-dir lv/exchange
expect_exit 2 "a release signed with another country's keys" -- "$HAVEN" stats compute --period 2026 --country LV --out x.csv --db sqlite:lv/haven.db --exchange-dir se/exchange
check '[[ ! -e x.csv && ! -e x.csv.sig ]]' "nothing written then"
expect_exit 0 "SE publishes" -- "$HAVEN" stats publish --to "$HUB" --release se.csv
expect_output "published SE 2026 to .*: accepted as version 1" "the hub accepted SE's release"
expect_exit 0 "LV publishes" -- "$HAVEN" stats publish --to "$HUB" --release lv.csv
expect_output "published LV 2026 .* version 1" "the hub accepted LV's release"
OUT=$(curl -s "$HUB/api/v1/releases")
check "python3 -c 'import json,sys; r=json.loads(sys.argv[1])[\"releases\"]; sys.exit(0 if sorted(x[\"country\"] for x in r)==[\"LV\",\"SE\"] and all(x[\"period\"]==\"2026\" for x in r) else 1)' '$OUT'" "the hub lists both countries' releases"

# Refusals, each with its reason; none stored.
# A published figure changed after signing (the first observed count set to 9999).
python3 - <<'PY'
import csv, io
rows = list(csv.reader(open("se.csv", newline="")))
v = rows[0].index("OBS_VALUE")
row = next(r for r in rows[1:] if r[v] not in ("", "9999"))
row[v] = "9999"
out = io.StringIO(); csv.writer(out, lineterminator="\n").writerows(rows)
open("tampered.csv", "w", newline="").write(out.getvalue())
PY
check '! cmp -s se.csv tampered.csv' "the tampered file differs"
cp se.csv.sig tampered.csv.sig
expect_exit 2 "a tampered release" -- "$HAVEN" stats publish --to "$HUB" --release tampered.csv
expect_output "not the signature of tampered.csv" "the publisher notices the file differs from what was signed"
python3 -c 'import json; print(json.dumps({"signature": json.load(open("se.csv.sig")), "sdmx_csv": open("tampered.csv").read()}))' >tampered.json
OUT=$(curl -s -i -w ' %{http_code}' -H 'Content-Type: application/json' --data-binary @tampered.json "$HUB/api/v1/releases")
expect_output '"reason":"digest_mismatch".* 403$' "the hub refuses a tampered release with the reason"
expect_output 'Content-Type: application/problem\+json' "as problem+json"
expect_exit 0 "a stranger computes a release" -- "$HAVEN" stats compute --period 2026 --country EE --out ee.csv --db sqlite:se/haven.db --exchange-dir ee/exchange
expect_exit 2 "a release from an authority not on the trust list" -- "$HAVEN" stats publish --to "$HUB" --release ee.csv
expect_output "refused the release \(unknown_authority\)" "says the authority is unknown"
expect_exit 2 "the same release again" -- "$HAVEN" stats publish --to "$HUB" --release se.csv
expect_output "refused the release \(superseded\): The hub already holds version 1 of SE 2026" "says a version as new is held"
expect_exit 2 "an http:// hub that is not on loopback" -- "$HAVEN" stats publish --to http://hub.example --release se.csv
check '[[ $(rows hub/hub.db "SELECT COUNT(*) FROM hub_releases") -eq 2 ]]' "only the two good releases are stored"
check '[[ $(rows hub/hub.db "SELECT COUNT(*) FROM audit_events WHERE action = '"'hub.release.refuse'"'") -eq 3 ]]' "every refusal at the hub is in its audit trail"
expect_exit 0 "SE computes again" -- "$HAVEN" stats compute --period 2026 --country SE --out se2.csv --db sqlite:se/haven.db --exchange-dir se/exchange
expect_exit 0 "and publishes a second version" -- "$HAVEN" stats publish --to "$HUB" --release se2.csv
expect_output "version 2" "kept as version 2"
OUT=$(curl -s "$HUB/api/v1/releases?latest=true&country=SE")
expect_output '"release_version":2' "the latest SE release is version 2"

# Linkage through the hub.
expect_exit 0 "make the shared linkage secret" -- "$HAVEN" link secret --out link.key
expect_exit 0 "SE encodes" -- "$HAVEN" link encode --secret-file link.key --out se.clk --db sqlite:se/haven.db
expect_exit 0 "LV encodes" -- "$HAVEN" link encode --secret-file link.key --out lv.clk --db sqlite:lv/haven.db
expect_exit 2 "pairs before the partner uploaded" -- "$HAVEN" link pairs --from "$HUB" --with LV --out x.csv --exchange-dir se/exchange
expect_exit 0 "SE uploads" -- "$HAVEN" link upload --to "$HUB" --encodings se.clk --exchange-dir se/exchange
expect_output "uploaded [0-9,]+ encodings of SE" "says what it uploaded"
expect_exit 2 "a stranger uploads" -- "$HAVEN" link upload --to "$HUB" --encodings se.clk --exchange-dir ee/exchange
expect_output "unknown_authority" "refused: unknown authority"
expect_exit 0 "LV uploads" -- "$HAVEN" link upload --to "$HUB" --encodings lv.clk --exchange-dir lv/exchange
expect_exit 0 "SE fetches its pairs with LV" -- "$HAVEN" link pairs --from "$HUB" --with LV --out se-pairs.csv --exchange-dir se/exchange
expect_exit 0 "LV fetches its pairs with SE" -- "$HAVEN" link pairs --from "$HUB" --with SE --out lv-pairs.csv --exchange-dir lv/exchange
check '[[ $(head -1 se-pairs.csv) == "link,record" ]] && ! grep -qv "^[0-9a-f_linkrecod]*,[0-9a-f_linkrecod]*$" se-pairs.csv' "two columns of references, no score"
check '[[ "$(tail -n +2 se-pairs.csv | cut -d, -f1 | sort)" == "$(tail -n +2 lv-pairs.csv | cut -d, -f1 | sort)" ]]' "both lists share the link numbers"
expect_exit 0 "SE resolves its own list" -- "$HAVEN" link resolve se-pairs.csv --column record --db sqlite:se/haven.db
echo "$OUT" | grep -v ' of ' >se-resolved.csv
expect_exit 0 "LV resolves its own list" -- "$HAVEN" link resolve lv-pairs.csv --column record --db sqlite:lv/haven.db
echo "$OUT" | grep -v ' of ' >lv-resolved.csv
result=$(python3 - <<'PY'
import csv
truth = {(r["lv_id"], r["se_id"]) for r in csv.DictReader(open("shared.csv"))}
se = {r["record"]: r["child_id"] for r in csv.DictReader(open("se-resolved.csv"))}
lv = {r["record"]: r["child_id"] for r in csv.DictReader(open("lv-resolved.csv"))}
se_links = {r["link"]: se.get(r["record"]) for r in csv.DictReader(open("se-pairs.csv"))}
lv_links = {r["link"]: lv.get(r["record"]) for r in csv.DictReader(open("lv-pairs.csv"))}
pairs = [(lv_links[l], se_links.get(l)) for l in lv_links]
print(sum(1 for p in pairs if p in truth), len(pairs), len(truth), sum(1 for p in pairs if None in p))
PY
)
read -r found written truth unresolved <<<"$result"
check '[[ $unresolved -eq 0 ]]' "every reference resolves in its own country's database"
check '[[ $truth -gt 20 && $((found * 10)) -ge $((truth * 7)) ]]' "the shared children are found ($found of $truth)"
check '[[ $found -gt 0 && $((found * 10)) -ge $((written * 9)) ]]' "nine in ten pairs or more are shared children ($found of $written)"

# No personal data at the hub.
check '[[ $(rows hub/hub.db "SELECT COUNT(*) FROM children") -eq 0 && $(rows hub/hub.db "SELECT COUNT(*) FROM cases") -eq 0 ]]' "the hub's database holds no child and no case"
kill -TERM "$hub_pid"; wait "$hub_pid"; code=$?
check '[[ $code -eq 0 ]] && grep -q "stopped cleanly" hub.log' "the hub stops cleanly"
expect_exit 0 "the hub's audit chain is intact" -- "$HAVEN" audit verify --db sqlite:hub/hub.db
finish
