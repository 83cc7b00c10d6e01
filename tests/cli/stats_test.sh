# `haven stats compute`: a bad period, country or output path is refused with exit 2 before any
# work; on a generated Swedish population it writes an SDMX-CSV release whose withheld cells carry
# no figure and no published count is 1–4, holds entry reasons and exits by destination, writes the
# same file twice from the same data, says where the time went with --timings, and records the
# computation in the audit trail.
source "$(dirname "$0")/lib.sh"
export HAVEN_DATA_DIR="${HAVEN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}/data"
rows() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"; }
check() { if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; failures=$((failures + 1)); fi; }

expect_exit 2 "a period that is not a year or quarter" -- "$HAVEN" stats compute --period 2026-Q5 --country SE --out r.csv --db sqlite:var/bad.db
expect_output "2026-Q5" "names the period"
expect_exit 2 "a country that is not an ISO code" -- "$HAVEN" stats compute --period 2026 --country XX --out r.csv --db sqlite:var/bad.db
expect_output "XX" "names the country"
expect_exit 2 "an output folder that does not exist" -- "$HAVEN" stats compute --period 2026 --country SE --out no/such/dir/r.csv --db sqlite:var/bad.db
expect_output "cannot write" "says it cannot write"
expect_exit 2 "no period" -- "$HAVEN" stats compute --country SE --out r.csv --db sqlite:var/bad.db
check '[[ ! -e r.csv && ! -e var/bad.db ]]' "nothing written, no database created for bad input"

expect_exit 0 "generate a Swedish population" -- "$HAVEN" generate --country SE --children 3000 --seed 5 --db sqlite:var/se.db
expect_exit 0 "compute the 2026 release" -- "$HAVEN" stats compute --period 2026 --country se --out release.csv --db sqlite:var/se.db
expect_output "^SE 2026: [0-9]+ tables" "says how many tables"
expect_no_output "not in the release: CARE_ENTRY_REASON" "entry reasons are in the release"
expect_no_output "not yet computed" "no indicator is left as not yet computed"
expect_output "checked: no withheld cell can be recovered" "says the file passed the attacker"
check '[[ -s release.csv && ! -e release.csv.tmp ]]' "the release is written, no temporary file left"
python3 - release.csv <<'PY' && echo "ok: withheld cells carry no figure and no count of 1-4 is published" || failures=$((failures + 1))
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
ok = True
def fail(msg):
    global ok
    print("FAIL:", msg); ok = False
if not rows: fail("no rows")
if rows and list(rows[0])[:6] != ["STRUCTURE", "STRUCTURE_ID", "ACTION", "FREQ", "REF_AREA", "INDICATOR"]:
    fail(f"header {list(rows[0])[:6]}")
indicators = {r["INDICATOR"] for r in rows}
for want in ("CARE_ENTRY", "CARE_ENTRY_REASON", "CARE_EXIT", "CARE_STOCK", "CARE_STOCK_RATE", "REPORTS_SOURCE", "SCREENING_DAYS_MEDIAN", "CASES_RISK",
             "BARNAHUS_CASES", "BARNAHUS_INTERVIEWED", "BARNAHUS_INTERVIEW_DAYS_MEDIAN"):
    if want not in indicators: fail(f"{want} missing")
withheld = 0
for r in rows:
    if r["REF_AREA"] != "SE" or r["TIME_PERIOD"] != "2026": fail(f"row for {r['REF_AREA']} {r['TIME_PERIOD']}")
    if r["CONF_STATUS"] in ("C", "D"):
        withheld += 1
        if r["OBS_VALUE"] != "": fail(f"withheld cell with a figure: {r}")
    elif r["UNIT_MEASURE"] == "NR" and r["OBS_VALUE"] and 0 < float(r["OBS_VALUE"]) < 5:
        fail(f"small count published: {r}")
if withheld == 0: fail("nothing withheld in a population of 3,000")
sys.exit(0 if ok else 1)
PY
cp release.csv first.csv
expect_exit 0 "compute again" -- "$HAVEN" stats compute --period 2026 --country SE --out release.csv --db sqlite:var/se.db
check 'cmp -s first.csv release.csv' "the same data gives the same release"
expect_exit 0 "a quarter, with its timings" -- "$HAVEN" stats compute --period 2026-Q2 --country SE --out q2.csv --db sqlite:var/se.db --timings
check 'grep -q ",Q,SE,CARE_STOCK," q2.csv' "a quarterly release has FREQ Q"
for part in "children's ages and sexes" "source screening decisions" "source open cases by risk" "source Barnahus interviews" "tables, protection" "whole command"; do
  expect_output "^$part.* [0-9]+ +[0-9]+ " "--timings shows $part with its wall and CPU time"
done
check '[[ $(grep -cE "^source .* [12]$" <<<"$OUT") -ge 12 ]]' "--timings names the worker of every source"
check '[[ $(rows var/se.db "SELECT COUNT(*) FROM audit_events WHERE action = '"'stats.compute'"'") -eq 3 ]]' "each computation is one audit event"
expect_exit 0 "the audit chain is intact" -- "$HAVEN" audit verify --db sqlite:var/se.db
finish
