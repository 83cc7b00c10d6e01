#!/usr/bin/env bash
# `haven import` on the real binary: bad usage refused with exit 2 before any work; a file with one
# bad row imports nothing, names the row and writes the report (exit 2); a dry run writes nothing;
# the file fixed imports in full; identity numbers are checked and stored sealed; the generator's
# JSON lines import with the shipped mapping; Ctrl-C leaves the database as it was.
source "$(dirname "$0")/lib.sh"
SRC="${HAVEN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
export HAVEN_DATA_DIR="$SRC/data"
FIX="$SRC/tests/data/import"
DB=sqlite:$WORK/im.db
rows() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"; }

expect_exit 0 "an agency to import into" -- "$HAVEN" agency add --name "Socialtjänsten Testby" --kind child_protection --country SE --db "$DB"

# Bad usage: exit 2, a message, and no rows.
printf '[fields]\ngiven_names = "Förnamn"\nbirth_date = "Född"\nshoe_size = "Sko"\n' >bad-field.toml
expect_exit 2 "a mapping naming an unknown field" -- "$HAVEN" import "$FIX/children_se.csv" --mapping bad-field.toml --db "$DB"
expect_output "unknown field 'shoe_size'" "names the field"
expect_output "bad-field.toml:4" "names the line"
expect_exit 2 "an unreadable file" -- "$HAVEN" import nowhere.csv --mapping "$FIX/children_se.toml" --db "$DB"
expect_output "cannot read nowhere.csv" "names the file"
expect_exit 2 "an unknown format" -- "$HAVEN" import "$FIX/children_se.csv" --mapping "$FIX/children_se.toml" --format xlsx --db "$DB"
expect_output "unknown --format 'xlsx'" "says so"
expect_exit 2 "an unknown agency" -- "$HAVEN" import "$FIX/children_se.csv" --mapping "$FIX/children_se.toml" --agency "Nowhere" --db "$DB"
expect_output "no agency is named .*Nowhere" "names the agency"
expect_exit 2 "a missing mapping file" -- "$HAVEN" import "$FIX/children_se.csv" --mapping none.toml --db "$DB"
[[ $(rows "$WORK/im.db" "SELECT COUNT(*) FROM children") -eq 0 ]] && echo "ok: nothing imported by bad usage" || { echo "FAIL: bad usage imported rows"; failures=$((failures + 1)); }

# One bad row (a date that does not exist on row 4): nothing imported, the row named.
sed '5s/23.09.2013/31.09.2013/' "$FIX/children_se.csv" >bad.csv
expect_exit 2 "a file with one bad row" -- "$HAVEN" import bad.csv --mapping "$FIX/children_se.toml" --errors report.csv --db "$DB"
expect_output "1 of 8 rows are bad; nothing was imported" "summarises"
expect_output "row 4 \(line 5\), column Födelsedatum: not a date in the format %d.%m.%Y" "names row, column and reason"
[[ $(rows "$WORK/im.db" "SELECT COUNT(*) FROM children") -eq 0 ]] && echo "ok: nothing imported" || { echo "FAIL: a bad file imported rows"; failures=$((failures + 1)); }
if [[ $(head -1 report.csv) == "row,line,column,value,reason" ]] && grep -q '^4,5,Födelsedatum,31.09.2013,' report.csv && ! grep -q Shcherbakova report.csv; then
  echo "ok: the report names the row and the cell only"
else
  echo "FAIL: report"; cat report.csv; failures=$((failures + 1))
fi

expect_exit 0 "a dry run of the good file" -- "$HAVEN" import "$FIX/children_se.csv" --mapping "$FIX/children_se.toml" --dry-run --errors report2.csv --db "$DB"
expect_output "checked 8 rows .* all valid \(dry run" "says it only checked"
[[ $(rows "$WORK/im.db" "SELECT COUNT(*) FROM children") -eq 0 ]] && echo "ok: dry run wrote nothing" || { echo "FAIL: dry run wrote rows"; failures=$((failures + 1)); }

expect_exit 0 "the file fixed imports" -- "$HAVEN" import "$FIX/children_se.csv" --mapping "$FIX/children_se.toml" --errors report2.csv --db "$DB"
expect_output "imported 8 children" "reports the count"
[[ $(rows "$WORK/im.db" "SELECT COUNT(*) FROM children") -eq 8 ]] && echo "ok: 8 children stored" || { echo "FAIL: children count"; failures=$((failures + 1)); }
[[ $(rows "$WORK/im.db" "SELECT sex || ' ' || languages FROM children WHERE family_names = 'Shcherbakova'") == 'female ["uk","ru"]' ]] && echo "ok: codes translated" || { echo "FAIL: translation"; failures=$((failures + 1)); }
[[ $(rows "$WORK/im.db" "SELECT COUNT(*) FROM audit_events WHERE action = 'child.import'") -eq 3 ]] && echo "ok: one audit event per import" || { echo "FAIL: audit events"; failures=$((failures + 1)); }

# The generator's JSON lines, with the shipped mapping.
expect_exit 0 "generate JSON lines" -- "$HAVEN" generate --country LV --children 300 --seed 3 --out gen
expect_exit 0 "import the generated children" -- "$HAVEN" import gen/children.jsonl --mapping "$SRC/config/import/generated-jsonl.toml" --agency "Socialtjänsten Testby" --db "$DB"
[[ $(rows "$WORK/im.db" "SELECT COUNT(*) FROM children") -eq $((8 + $(wc -l <gen/children.jsonl))) ]] && echo "ok: every generated child imported" || { echo "FAIL: generated import count"; failures=$((failures + 1)); }

# Identity numbers: a mistyped check digit is a row error; fixed, the numbers are stored sealed.
{ cat "$FIX/children_se.toml"; printf 'identity_number = "Personnummer"\nidentity_number_country = { default = "SE" }\n'; } >ids.toml
python3 - "$FIX/children_se.csv" ids.csv ids-bad.csv <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
numbers = ["150314-1234", "121102-1235", "", "140506-1236", "", "", "", ""]
def luhn_fix(n):
    if not n: return n
    d = n.replace("-", "")[:9]
    for c in "0123456789":
        t = d + c; s = 0
        for i, ch in enumerate(t):
            v = int(ch) * (2 if i % 2 == 0 else 1); s += v - 9 if v > 9 else v
        if s % 10 == 0: return d[:6] + "-" + d[6:] + c
good = [luhn_fix(n) for n in numbers]
bad = list(good); bad[1] = bad[1][:-1] + str((int(bad[1][-1]) + 1) % 10)
for path, nums in ((sys.argv[2], good), (sys.argv[3], bad)):
    with open(path, "w", encoding="utf-8") as f:
        f.write(lines[0] + ";Personnummer\n")
        for line, n in zip(lines[1:], nums): f.write(line + ";" + n + "\n")
PY
IDB=sqlite:$WORK/ids.db
expect_exit 0 "an agency for the numbers" -- "$HAVEN" agency add --name "Socialtjänsten Testby" --kind child_protection --country SE --db "$IDB"
expect_exit 2 "a mistyped personnummer" -- "$HAVEN" import ids-bad.csv --mapping ids.toml --errors ids-report.csv --db "$IDB"
expect_output "row 2 \(line 3\), column Personnummer: not a valid national identity number of SE: the check digit does not match" "names row, column and reason"
expect_exit 0 "the numbers fixed" -- "$HAVEN" import ids.csv --mapping ids.toml --db "$IDB"
[[ $(rows "$WORK/ids.db" "SELECT COUNT(*) FROM identity_numbers WHERE kind = 'national_id' AND country = 'SE' AND value_bidx IS NOT NULL") -eq 3 ]] && echo "ok: numbers stored with their blind index" || { echo "FAIL: identity numbers"; failures=$((failures + 1)); }
[[ $(rows "$WORK/ids.db" "SELECT COUNT(*) FROM identity_numbers WHERE CAST(value_ct AS TEXT) LIKE '%1503%'") -eq 0 ]] && echo "ok: numbers not in the clear" || { echo "FAIL: plaintext numbers"; failures=$((failures + 1)); }

# Ctrl-C in the middle of writing: nothing written, exit 1. 40,000 rows take this (sanitizer) build
# about 4 s to check and 10 s to write, so the interrupt lands well inside the write.
python3 - gen/children.jsonl big.jsonl <<'PY'
import sys, json, uuid
src = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for i in range(40000):
        r = dict(src[i % len(src)]); r["id"] = str(uuid.UUID(int=i + 1, version=4))
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
before=$(rows "$WORK/im.db" "SELECT COUNT(*) FROM children")
"$HAVEN" import big.jsonl --mapping "$SRC/config/import/generated-jsonl.toml" --agency "Socialtjänsten Testby" --db "$DB" >int.out 2>&1 &
pid=$!
for _ in $(seq 1 200); do grep -q "^import: write" int.out 2>/dev/null && break; sleep 0.2; done
kill -INT $pid
wait $pid; rc=$?
if [[ $rc -eq 1 ]] && grep -q "interrupted" int.out; then echo "ok: Ctrl-C stops with exit 1 and says so"; else echo "FAIL: Ctrl-C: exit $rc"; cat int.out; failures=$((failures + 1)); fi
[[ $(rows "$WORK/im.db" "SELECT COUNT(*) FROM children") -eq $before ]] && echo "ok: the database is as it was" || { echo "FAIL: interrupted import left rows"; failures=$((failures + 1)); }
finish
