#!/usr/bin/env bash
# `haven link` on the real binary: bad secrets and bad encoding files are refused with exit 2 and a
# message naming the file; two generated registers that share children (`haven generate
# --shared-with`) are encoded without any name or date in the files, matched without a score in the
# output, and the pairs resolved in each country's database are the generated ground truth.
source "$(dirname "$0")/lib.sh"
SRC="${HAVEN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
export HAVEN_DATA_DIR="$SRC/data"
rows() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"; }
check() { if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; failures=$((failures + 1)); fi; }

# Secrets: made with mode 0600, never overwritten; a missing, short, open or garbled one is refused.
expect_exit 0 "make a linkage secret" -- "$HAVEN" link secret --out keys/link.key
check '[[ $(stat -c %a keys/link.key) == 600 ]]' "the secret file has mode 0600"
expect_exit 1 "a second secret over the first" -- "$HAVEN" link secret --out keys/link.key
expect_output "already exists" "says it is never overwritten"
expect_exit 2 "a missing secret file" -- "$HAVEN" link encode --secret-file nowhere.key --out x.clk --db sqlite:var/x.db
expect_output "linkage secret file nowhere.key does not exist" "names the file"
python3 -c "import base64; open('short.key','w').write(base64.b64encode(b'0123456789abcdef').decode())"
chmod 600 short.key
expect_exit 2 "a short secret" -- "$HAVEN" link encode --secret-file short.key --out x.clk --db sqlite:var/x.db
expect_output "must be 32 bytes; this one has 16" "says how long it must be"
cp keys/link.key open.key && chmod 644 open.key
expect_exit 2 "a secret others may read" -- "$HAVEN" link encode --secret-file open.key --out x.clk --db sqlite:var/x.db
expect_output "chmod 600 open.key" "says how to fix it"
echo 'not a key at all!' >bad.key && chmod 600 bad.key
expect_exit 2 "a secret that is neither base64 nor hex" -- "$HAVEN" link encode --secret-file bad.key --out x.clk --db sqlite:var/x.db
check '[[ ! -e x.clk ]]' "no encoding file after bad input"

# Two registers sharing children: `haven generate --shared-with` writes LV's and SE's databases and
# a truth file naming each shared child's record in both (SE's copy written as SE officials write
# names, often with registration errors).
expect_exit 0 "generate LV and SE sharing children" -- "$HAVEN" generate --country LV --children 800 --seed 5 --shared-with SE --shared 0.1 --db sqlite:var/lv.db --shared-db sqlite:var/se.db --truth shared.csv
truth=$(($(wc -l <shared.csv) - 1))

expect_exit 0 "encode LV" -- "$HAVEN" link encode --secret-file keys/link.key --out lv.clk --db sqlite:var/lv.db
expect_output "encoded [0-9,]+ of [0-9,]+ children into lv.clk" "says how many it encoded"
expect_exit 0 "encode SE" -- "$HAVEN" link encode --secret-file keys/link.key --out se.clk --db sqlite:var/se.db
check '[[ $(rows var/lv.db "SELECT COUNT(*) FROM linkage_refs") -eq $(rows var/lv.db "SELECT COUNT(*) FROM children") ]]' "LV keeps one reference per child"
check '[[ $(rows var/lv.db "SELECT COUNT(*) FROM audit_events WHERE action = '"'linkage.encode'"'") -eq 1 ]]' "the encoding is audited"
# No name (as typed, or folded to ASCII lower case) and no birth date is anywhere in the files.
leaks=$(python3 - <<'PY'
import sqlite3, unicodedata
def fold(s): return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()
data = open("lv.clk", "rb").read() + open("se.clk", "rb").read()
leaks = set()
for db in ("var/lv.db", "var/se.db"):
    for given, family, birth in sqlite3.connect(db).execute("SELECT given_names, family_names, birth_date FROM children"):
        for w in (given or "").split() + (family or "").split():
            for v in {w, fold(w)}:
                if len(v.encode()) >= 4 and v.encode() in data: leaks.add(v)
        if birth and (birth.encode() in data or birth.replace("-", "").encode() in data): leaks.add(birth)
print(len(leaks), " ".join(sorted(leaks))[:200])
PY
)
check '[[ -s lv.clk && -s se.clk && ${leaks%% *} == 0 ]]' "no name or date in the encoding files ($leaks)"

# Bad encoding files.
expect_exit 2 "an unreadable encoding file" -- "$HAVEN" link match nowhere.clk se.clk --out pairs.csv
expect_output "nowhere.clk" "names the file"
head -c 1000 lv.clk >cut.clk
expect_exit 2 "a truncated encoding file" -- "$HAVEN" link match cut.clk se.clk --out pairs.csv
expect_output "cut.clk is not a usable encoding file" "says which file is bad"
echo "name,birth_date" >plain.clk
expect_exit 2 "a file that is not an encoding file" -- "$HAVEN" link match lv.clk plain.clk --out pairs.csv
expect_exit 0 "another secret" -- "$HAVEN" link secret --out other.key
expect_exit 0 "encode SE under another secret" -- "$HAVEN" link encode --secret-file other.key --out se-other.clk --db sqlite:var/se.db
expect_exit 2 "files from two secrets" -- "$HAVEN" link match lv.clk se-other.clk --out pairs.csv
expect_output "cannot be compared" "says they cannot be compared"
check '[[ ! -e pairs.csv ]]' "no pairs file after bad input"

# The match: references only, one-to-one, and they are the shared children.
expect_exit 0 "match LV and SE" -- "$HAVEN" link match lv.clk se.clk --out pairs.csv --out-a lv-links.csv --out-b se-links.csv
expect_output "compared [0-9,]+ of [0-9,]+ candidate pairs .* pairs written to pairs.csv" "says what it did"
check '[[ $(head -1 pairs.csv) == "a_record,b_record" ]] && ! grep -qv "^[0-9a-f_recod]*,[0-9a-f_recod]*$" pairs.csv' "only two columns of references, no score"
expect_exit 0 "resolve LV's references" -- "$HAVEN" link resolve pairs.csv --column a_record --db sqlite:var/lv.db
echo "$OUT" | grep -v ' of ' >lv_resolved.csv
expect_exit 0 "resolve SE's references" -- "$HAVEN" link resolve pairs.csv --column b_record --db sqlite:var/se.db
echo "$OUT" | grep -v ' of ' >se_resolved.csv
expect_exit 2 "resolve a column that is not there" -- "$HAVEN" link resolve pairs.csv --column score --db sqlite:var/se.db
result=$(python3 - <<'PY'
import csv
truth = {(r["lv_id"], r["se_id"]) for r in csv.DictReader(open("shared.csv"))}
a = {r["record"]: r["child_id"] for r in csv.DictReader(open("lv_resolved.csv"))}
b = {r["record"]: r["child_id"] for r in csv.DictReader(open("se_resolved.csv"))}
pairs = [(a.get(r["a_record"]), b.get(r["b_record"])) for r in csv.DictReader(open("pairs.csv"))]
found = sum(1 for p in pairs if p in truth)
print(found, len(pairs), sum(1 for p in pairs if None in p))
PY
)
read -r found written unresolved <<<"$result"
check '[[ $unresolved -eq 0 ]]' "every reference resolves in its own country's database"
check '[[ $truth -gt 20 && $((found * 10)) -ge $((truth * 8)) ]]' "finds most shared children ($found of $truth)"
check '[[ $found -gt 0 && $((found * 10)) -ge $((written * 9)) ]]' "nine in ten pairs or more are shared children ($found of $written)"
# The hub's answer: each country gets its own references only, beside link numbers both share.
check '[[ $(head -1 lv-links.csv) == "link,record" && $(wc -l <lv-links.csv) -eq $((written + 1)) ]]' "LV's list has one row per pair"
check '[[ "$(tail -n +2 lv-links.csv | cut -d, -f1 | sort)" == "$(tail -n +2 se-links.csv | cut -d, -f1 | sort)" ]]' "both lists share the link numbers"
check '[[ "$(tail -n +2 se-links.csv | cut -d, -f2 | sort)" == "$(tail -n +2 pairs.csv | cut -d, -f2 | sort)" ]]' "SE's list holds SE's references only"
expect_exit 0 "resolve SE's own list" -- "$HAVEN" link resolve se-links.csv --column record --db sqlite:var/se.db
check '[[ $(grep -c "^[0-9a-f]\{16\},[0-9a-f-]\{36\}$" <<<"$OUT") -eq $written ]]' "every reference in SE's list is an SE child"
expect_exit 0 "the audit chain is intact" -- "$HAVEN" audit verify --db sqlite:var/lv.db
finish
