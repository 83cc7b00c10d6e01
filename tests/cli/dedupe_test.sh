# `haven dedupe`: bad options are refused with exit 2; on a generated population with duplicates it
# shows progress, writes likely pairs to the review queue and says what it did; --limit keeps the
# most likely; a rerun queues nothing twice, and a pair a supervisor dismissed stays dismissed.
source "$(dirname "$0")/lib.sh"
export HAVEN_DATA_DIR="${HAVEN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}/data"
rows() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"; }
check() { if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; failures=$((failures + 1)); fi; }

expect_exit 2 "a probability of 0" -- "$HAVEN" dedupe --min-probability 0 --db sqlite:var/bad.db
expect_output "min-probability" "names the option"
expect_exit 2 "a probability above 1" -- "$HAVEN" dedupe --min-probability 1.5 --db sqlite:var/bad.db
expect_exit 2 "a negative limit" -- "$HAVEN" dedupe --limit -1 --db sqlite:var/bad.db
expect_exit 2 "a limit that is not a number" -- "$HAVEN" dedupe --limit many --db sqlite:var/bad.db

expect_exit 0 "generate with duplicates" -- "$HAVEN" generate --country LV --children 600 --seed 3 --duplicates 0.05 --truth truth.csv --db sqlite:var/a.db
truth=$(($(wc -l <truth.csv) - 1))

expect_exit 0 "dedupe the three most likely" -- "$HAVEN" dedupe --limit 3 --db sqlite:var/a.db
expect_output "queued 3 new" "writes only the most likely three"
check '[[ $(rows var/a.db "SELECT COUNT(*) FROM duplicate_candidates") -eq 3 ]]' "three pairs in the queue"

expect_exit 0 "dedupe all" -- "$HAVEN" dedupe --db sqlite:var/a.db
expect_output "dedupe: .*blocks" "shows progress as plain lines when not on a terminal"
expect_output "compared [0-9,]+ pairs among [0-9,]+ children" "says how much it compared"
expect_output "refreshed 3 open" "finds the first three again"
queued=$(rows var/a.db "SELECT COUNT(*) FROM duplicate_candidates")
check '[[ $queued -gt 3 ]]' "the queue holds pairs ($queued, $truth duplicates generated)"
check '[[ $(rows var/a.db "SELECT COUNT(*) FROM duplicate_candidates WHERE child_a_id >= child_b_id OR status <> '"'open'"' OR explanation = '"''"'") -eq 0 ]]' "pairs are ordered, open and explained"
# The generated duplicates are found (the truth file names original and duplicate ids); the rest of
# the queue is look-alikes (siblings, common names) a supervisor dismisses.
found=$(python3 - "$queued" <<'PY'
import csv, sqlite3, sys
truth = {tuple(sorted((r["original_id"], r["duplicate_id"]))) for r in csv.DictReader(open("truth.csv"))}
pairs = sqlite3.connect("var/a.db").execute("SELECT child_a_id, child_b_id FROM duplicate_candidates").fetchall()
print(sum(1 for p in pairs if tuple(p) in truth))
PY
)
check '[[ $((found * 10)) -ge $((truth * 8)) ]]' "finds most generated duplicates ($found of $truth)"
check '[[ $((found * 3)) -ge $queued ]]' "a third or more of the queue are generated duplicates ($found of $queued)"

python3 -c "import sqlite3; c=sqlite3.connect('var/a.db'); c.execute(\"UPDATE duplicate_candidates SET status='dismissed', decided_by='test', decided_at=1 WHERE id=(SELECT MIN(id) FROM duplicate_candidates)\"); c.commit()"
expect_exit 0 "dedupe again" -- "$HAVEN" dedupe --db sqlite:var/a.db
expect_output "queued 0 new" "queues nothing twice"
expect_output "kept 1 already decided" "keeps the dismissed pair as decided"
check '[[ $(rows var/a.db "SELECT COUNT(*) FROM duplicate_candidates") -eq $queued ]]' "the queue did not grow"
check '[[ $(rows var/a.db "SELECT COUNT(*) FROM duplicate_candidates WHERE status = '"'dismissed'"'") -eq 1 ]]' "the dismissed pair stays dismissed"
check '[[ $(rows var/a.db "SELECT COUNT(*) FROM audit_events WHERE action = '"'duplicates.scan'"'") -eq 3 ]]' "each run is one audit event"
expect_exit 0 "the audit chain is intact" -- "$HAVEN" audit verify --db sqlite:var/a.db
finish
