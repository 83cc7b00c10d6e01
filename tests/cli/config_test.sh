# haven.toml: precedence (command line > HAVEN_DB > file > default) and exact errors for bad files.
source "$(dirname "$0")/lib.sh"

printf '[server]\nlisten = "127.0.0.1:8080"\n[database]\nurl = 42\n' > bad-type.toml
expect_exit 2 "wrong type in config" -- "$HAVEN" migrate --config bad-type.toml
expect_output "bad-type.toml:4" "names file and line"
expect_output "database.url" "names the key"

printf '[server]\nlisten = "127.0.0.1:8080"\nlisen = 3\n' > unknown.toml
expect_exit 2 "unknown key in config" -- "$HAVEN" migrate --config unknown.toml
expect_output "unknown.toml:3: server.lisen" "names file, line and key"

printf '[server]\nlisten = "127.0.0.1:8080\n' > syntax.toml
expect_exit 2 "malformed TOML" -- "$HAVEN" migrate --config syntax.toml
expect_output "syntax.toml:2" "names file and line of the syntax error"

# Not UTF-8 (a multi-line literal string holding bytes toml11 3.7 would read past its buffer on).
printf "[server]\nlisten = '''caf\xc3\x28 \xff\xfe'''\n" > latin1.toml
expect_exit 2 "a config file that is not UTF-8" -- "$HAVEN" migrate --config latin1.toml
expect_output "latin1.toml: is not UTF-8 text" "names the file and says what is wrong"

expect_exit 2 "missing config file" -- "$HAVEN" migrate --config nowhere.toml
expect_output "nowhere.toml" "names the missing file"

printf '[database]\nurl = "sqlite:from-file.db"\n' > haven.toml
expect_exit 0 "file setting used" -- "$HAVEN" migrate
[[ -f from-file.db ]] || { echo "FAIL: haven.toml database.url not used"; failures=$((failures + 1)); }
expect_exit 0 "HAVEN_DB beats the file" -- env HAVEN_DB=sqlite:from-env.db "$HAVEN" migrate
[[ -f from-env.db ]] || { echo "FAIL: HAVEN_DB not used"; failures=$((failures + 1)); }
expect_exit 0 "--db beats HAVEN_DB" -- env HAVEN_DB=sqlite:from-env2.db "$HAVEN" migrate --db sqlite:from-flag.db
[[ -f from-flag.db && ! -f from-env2.db ]] || { echo "FAIL: --db did not win"; failures=$((failures + 1)); }
finish
