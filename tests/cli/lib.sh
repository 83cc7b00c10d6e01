# Shared helpers for the command-line tests: each test script gets the haven binary as $1.
set -uo pipefail
HAVEN="$1"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
failures=0

# expect_exit CODE DESCRIPTION -- CMD...   runs CMD, captures output in $OUT, checks the exit code.
expect_exit() {
  local want=$1 what=$2; shift 3
  OUT=$("$@" 2>&1); local got=$?
  if [[ $got -ne $want ]]; then
    echo "FAIL: $what: exit $got, wanted $want"; echo "$OUT" | head -20; failures=$((failures + 1))
  else
    echo "ok: $what"
  fi
}
# expect_output PATTERN DESCRIPTION   checks $OUT (from the last expect_exit) matches an extended regex.
expect_output() {
  if ! grep -Eq -- "$1" <<<"$OUT"; then
    echo "FAIL: $2: output lacks /$1/"; echo "$OUT" | head -20; failures=$((failures + 1))
  fi
}
expect_no_output() {
  if grep -Eq -- "$1" <<<"$OUT"; then
    echo "FAIL: $2: output has /$1/"; echo "$OUT" | head -20; failures=$((failures + 1))
  fi
}
finish() {
  if ((failures)); then echo "$failures check(s) failed"; exit 1; fi
  echo "all checks passed"
}
# A free TCP port on loopback.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
