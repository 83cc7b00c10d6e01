# `haven generate`: bad input is refused with exit 2 before any work, every case gets its records
# (sensitive ones encrypted), the same seed gives identical files, a populated database is not mixed
# into, two countries' extracts share known children, and Ctrl-C leaves the database as it was.
source "$(dirname "$0")/lib.sh"
export HAVEN_DATA_DIR="${HAVEN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}/data"
rows() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"; }

expect_exit 2 "unknown country" -- "$HAVEN" generate --country XX --children 10 --db sqlite:var/bad.db
expect_output "unknown country 'XX'" "names the country"
expect_output "DK, EE, FI" "lists the countries"
expect_exit 2 "a country outside the region" -- "$HAVEN" generate --country US --children 10 --db sqlite:var/bad.db
expect_exit 2 "negative size" -- "$HAVEN" generate --country SE --children -5 --db sqlite:var/bad.db
expect_exit 2 "zero children" -- "$HAVEN" generate --country SE --children 0 --db sqlite:var/bad.db
expect_exit 2 "absurd size" -- "$HAVEN" generate --country SE --children 20000000 --db sqlite:var/bad.db
expect_output "between 1 and 10000000" "says the range"
expect_exit 2 "size that is not a number" -- "$HAVEN" generate --country SE --children lots --db sqlite:var/bad.db
expect_exit 2 "duplicates above 0.5" -- "$HAVEN" generate --country SE --children 10 --duplicates 0.7 --db sqlite:var/bad.db
expect_output "between 0 and 0.5" "says the range of --duplicates"
expect_exit 2 "negative duplicates" -- "$HAVEN" generate --country SE --children 10 --duplicates -0.1 --db sqlite:var/bad.db
expect_exit 2 "--truth without --duplicates" -- "$HAVEN" generate --country SE --children 10 --truth t.csv --db sqlite:var/bad.db
expect_exit 2 "a bad reference date" -- "$HAVEN" generate --country SE --children 10 --reference-date 2026-02-30 --db sqlite:var/bad.db
touch afile
expect_exit 2 "an output folder that cannot be made" -- "$HAVEN" generate --country SE --children 10 --out afile/sub
expect_output "cannot create the output folder" "says why"
expect_exit 2 "a truth file in a missing folder" -- "$HAVEN" generate --country SE --children 10 --duplicates 0.1 --truth nowhere/t.csv --db sqlite:var/bad.db
if [[ -e var/bad.db ]]; then echo "FAIL: bad input created the database"; failures=$((failures + 1)); else echo "ok: no database made for bad input"; fi

expect_exit 0 "generate into SQLite" -- "$HAVEN" generate --country se --children 200 --seed 7 --duplicates 0.1 --truth truth.csv --db sqlite:var/a.db
expect_output "generated 200 children" "reports what it made"
expect_output "generate: 200/200 children" "shows progress as plain lines when not on a terminal"
[[ $(rows var/a.db "SELECT COUNT(*) FROM children") -gt 200 ]] && echo "ok: children and duplicates stored" || { echo "FAIL: children count"; failures=$((failures + 1)); }
[[ $(head -1 truth.csv) == "original_id,duplicate_id,damage" && $(wc -l <truth.csv) -gt 5 ]] && echo "ok: truth file" || { echo "FAIL: truth file"; failures=$((failures + 1)); }
for t in screening_decisions assessments case_plans referrals case_notes; do
  [[ $(rows var/a.db "SELECT COUNT(*) FROM $t") -gt 0 ]] && echo "ok: $t generated" || { echo "FAIL: no $t"; failures=$((failures + 1)); }
done
[[ $(rows var/a.db "SELECT COUNT(*) FROM assessments WHERE content_ct LIKE '%safety%'") -eq 0 ]] && echo "ok: assessment content is not stored in the clear" || { echo "FAIL: plaintext assessment content"; failures=$((failures + 1)); }
expect_output "created a new master key" "says it made the key file the content is encrypted under"
for t in identity_numbers users barnahus_training_records; do
  [[ $(rows var/a.db "SELECT COUNT(*) FROM $t") -gt 0 ]] && echo "ok: $t generated" || { echo "FAIL: no $t"; failures=$((failures + 1)); }
done
[[ $(rows var/a.db "SELECT COUNT(*) FROM identity_numbers WHERE typeof(value_ct) <> 'blob' OR CAST(value_ct AS TEXT) GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*' OR length(value_bidx) <> 64") -eq 0 ]] && echo "ok: identity numbers encrypted, with their blind index" || { echo "FAIL: identity numbers in the clear or without an index"; failures=$((failures + 1)); }
expect_output "[0-9]+ identity numbers" "reports the identity numbers"

before=$(rows var/a.db "SELECT COUNT(*) FROM children")
expect_exit 2 "refuses a database that holds records" -- "$HAVEN" generate --country SE --children 50 --seed 8 --db sqlite:var/a.db
expect_output "already holds .* records.*--append" "says why and what to do"
[[ $(rows var/a.db "SELECT COUNT(*) FROM children") -eq $before ]] && echo "ok: left unchanged" || { echo "FAIL: database changed"; failures=$((failures + 1)); }
expect_exit 0 "--append adds another seed" -- "$HAVEN" generate --country SE --children 50 --seed 8 --db sqlite:var/a.db --append
[[ $(rows var/a.db "SELECT COUNT(*) FROM children") -eq $((before + 50)) ]] && echo "ok: appended" || { echo "FAIL: append count"; failures=$((failures + 1)); }

expect_exit 0 "JSON lines" -- "$HAVEN" generate --country LT --children 300 --seed 5 --out out1
expect_exit 0 "JSON lines again" -- "$HAVEN" generate --country LT --children 300 --seed 5 --out out2
expect_exit 0 "JSON lines, another seed" -- "$HAVEN" generate --country LT --children 300 --seed 6 --out out3
if diff -r out1 out2 >/dev/null; then echo "ok: same seed, identical files"; else echo "FAIL: same seed gave different files"; failures=$((failures + 1)); fi
if cmp -s out1/children.jsonl out3/children.jsonl; then echo "FAIL: another seed gave the same children"; failures=$((failures + 1)); else echo "ok: another seed differs"; fi
grep -q 'aitė\|ienė\|ytė' out1/children.jsonl && echo "ok: Lithuanian surname forms as typed" || { echo "FAIL: no Lithuanian female surname forms"; failures=$((failures + 1)); }

# Two countries' extracts sharing known children ([X1] linkage ground truth).
expect_exit 2 "--shared-with the same country" -- "$HAVEN" generate --country LV --children 10 --shared-with LV --shared 0.1 --out s1 --shared-out s2
expect_output "another country" "says why"
expect_exit 2 "--shared-with an unknown country" -- "$HAVEN" generate --country LV --children 10 --shared-with XX --shared 0.1 --out s1 --shared-out s2
expect_exit 2 "--shared without --shared-with" -- "$HAVEN" generate --country LV --children 10 --shared 0.1 --out s1
expect_exit 2 "--shared above 0.5" -- "$HAVEN" generate --country LV --children 10 --shared-with SE --shared 0.8 --out s1 --shared-out s2
expect_exit 2 "--shared-with and no folder for the other extract" -- "$HAVEN" generate --country LV --children 10 --shared-with SE --shared 0.1 --out s1
expect_output "--shared-out" "names the missing option"
expect_exit 2 "--shared-with and --duplicates" -- "$HAVEN" generate --country LV --children 10 --shared-with SE --shared 0.1 --duplicates 0.1 --out s1 --shared-out s2
[[ ! -e s1 && ! -e s2 ]] && echo "ok: nothing written for bad input" || { echo "FAIL: bad input wrote files"; failures=$((failures + 1)); }

expect_exit 0 "two extracts sharing children" -- "$HAVEN" generate --country LV --children 400 --seed 7 --shared-with SE --shared 0.2 --out p1/lv --shared-out p1/se --truth p1.csv
expect_output "children of LV are also in SE's extract" "says how many children are shared"
expect_exit 0 "the same again" -- "$HAVEN" generate --country LV --children 400 --seed 7 --shared-with SE --shared 0.2 --out p2/lv --shared-out p2/se --truth p2.csv
if diff -r p1 p2 >/dev/null && cmp -s p1.csv p2.csv; then echo "ok: same seed, identical extracts and truth"; else echo "FAIL: same seed gave different extracts"; failures=$((failures + 1)); fi
expect_exit 0 "the first country alone" -- "$HAVEN" generate --country LV --children 400 --seed 7 --out p3
if diff -r p1/lv p3 >/dev/null; then echo "ok: the first extract is the plain run's"; else echo "FAIL: sharing changed the first extract"; failures=$((failures + 1)); fi
python3 - p1 p1.csv <<'PY' && echo "ok: shared children are in both extracts, written the other country's way" || failures=$((failures + 1))
import csv, json, sys
d, truth = sys.argv[1], sys.argv[2]
def children(path):
    return {r["id"]: r for r in map(json.loads, open(path, encoding="utf-8"))}
lv, se = children(d + "/lv/children.jsonl"), children(d + "/se/children.jsonl")
rows = list(csv.DictReader(open(truth, encoding="utf-8")))
ok = True
def fail(msg):
    global ok
    print("FAIL:", msg); ok = False
if open(truth).readline().strip() != "lv_id,se_id,changes": fail("truth header")
if not 40 <= len(rows) <= 130: fail(f"{len(rows)} shared children of 400 at 0.2")
if len(lv) != 400 or len(se) != 400 + len(rows): fail(f"{len(lv)} LV and {len(se)} SE children")
if len({r["lv_id"] for r in rows}) != len(rows) or set(lv) & set(se): fail("ids repeat")
changed = translit = folded = 0
names_kinds = {"transliteration", "diacritics_dropped", "typo_substitution", "typo_deletion", "typo_insertion",
               "typo_transposition", "names_swapped", "second_given_dropped", "surname_form_changed"}
for r in rows:
    a, b = lv.get(r["lv_id"]), se.get(r["se_id"])
    if not a or not b: fail(f"pair {r} not in both extracts"); continue
    same = (a["given_names"], a["family_names"]) == (b["given_names"], b["family_names"])
    kinds = set(r["changes"].split("+")) - {""}
    if not kinds and (not same or a["birth_date"] != b["birth_date"]): fail(f"no changes named, yet {a} / {b}")
    if kinds & names_kinds and same: fail(f"{r['changes']} named, yet the names are the same: {a['family_names']}")
    changed += not same
    if "transliteration" in r["changes"]: translit += 1
    if "diacritics_dropped" in r["changes"]:
        folded += 1
        if any(ch in b["given_names"] + b["family_names"] for ch in "āčēģīķļņšūž"):
            fail(f"Latvian letters kept in Sweden: {b['family_names']}")
    if b["birth_date"] and a["birth_date"] and b["birth_date"][:4] not in (a["birth_date"][:4], str(int(a["birth_date"][:4]) + 1), str(int(a["birth_date"][:4]) - 1)):
        fail("birth year far off")
if changed < len(rows) // 2: fail(f"only {changed} of {len(rows)} shared children spelt differently")
if not translit or not folded: fail(f"{translit} respelt, {folded} folded")
sys.exit(0 if ok else 1)
PY

expect_exit 0 "two extracts into two databases" -- "$HAVEN" generate --country LV --children 150 --seed 3 --shared-with SE --shared 0.2 --db sqlite:var/lv.db --shared-db sqlite:var/se.db --truth pdb.csv
python3 - pdb.csv <<'PY' && echo "ok: the truth names records of each database" || failures=$((failures + 1))
import csv, sqlite3, sys
rows = list(csv.DictReader(open(sys.argv[1])))
lv, se = sqlite3.connect("var/lv.db"), sqlite3.connect("var/se.db")
bad = [r for r in rows if not lv.execute("SELECT 1 FROM children WHERE id=?", (r["lv_id"],)).fetchone()
       or not se.execute("SELECT 1 FROM children WHERE id=?", (r["se_id"],)).fetchone()
       or not se.execute("SELECT 1 FROM cases WHERE child_id=?", (r["se_id"],)).fetchone()]
if not rows or bad:
    print("FAIL:", len(rows), "pairs,", len(bad), "not found", bad[:2]); sys.exit(1)
PY

# Ctrl-C in the middle: one transaction rolled back, a message, a non-zero exit.
"$HAVEN" generate --country SE --children 2000000 --seed 1 --db sqlite:var/int.db >int.out 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q "^generate:" int.out 2>/dev/null && break; sleep 0.2; done
sleep 1
kill -INT $pid
wait $pid; rc=$?
if [[ $rc -eq 1 ]] && grep -q "interrupted" int.out; then echo "ok: Ctrl-C stops with exit 1 and says so"; else echo "FAIL: Ctrl-C: exit $rc"; cat int.out; failures=$((failures + 1)); fi
[[ $(rows var/int.db "SELECT COUNT(*) FROM children") -eq 0 ]] && echo "ok: nothing written" || { echo "FAIL: interrupted run left rows"; failures=$((failures + 1)); }
finish
