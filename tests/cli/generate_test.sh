# `haven generate`: bad input is refused with exit 2 before any work, every case gets its records
# (sensitive ones encrypted), the same seed gives identical files, a populated database is not mixed
# into, and Ctrl-C leaves the database as it was.
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
