# `haven` puts its heap on transparent huge pages by executing itself once with glibc's tunable
# (src/cli/huge_page_heap.h): the process keeps its pid, exit codes and output; an operator's own
# GLIBC_TUNABLES and HAVEN_HEAP=default are left as they are.
source "$(dirname "$0")/lib.sh"

thp=$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || true)
glibc=$(getconf GNU_LIBC_VERSION | awk '{split($2, v, "."); print v[1] * 100 + v[2]}')
wanted=no
if [[ $thp == *"[always]"* || $thp == *"[madvise]"* ]] && ((glibc >= 235)); then wanted=yes; fi
echo "transparent huge pages: ${thp:-absent}; glibc $glibc; re-exec expected: $wanted"

expect_exit 0 "--version through the re-exec" -- "$HAVEN" --version
expect_output "^haven " "prints its version"
expect_exit 2 "bad usage keeps exit code 2" -- "$HAVEN" no-such-command
expect_output "no-such-command|required" "names the problem"

# The environment a serving process was started with (/proc/PID/environ is the exec's, so it
# shows what the re-exec set, even after the process removed it from its own environment).
environ_of() {
  local port=$(free_port) pid
  env "$@" "$HAVEN" serve --db sqlite:var/h.db --listen "127.0.0.1:$port" >serve.log 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "FAIL: serve did not answer:" >&2; tail -5 serve.log >&2; }
  tr '\0' '\n' <"/proc/$pid/environ"
  echo "COMM=$(cat "/proc/$pid/comm")"
  kill -TERM "$pid"
  wait "$pid"
}

OUT=$(environ_of -u GLIBC_TUNABLES -u HAVEN_HEAP)
if [[ $wanted == yes ]]; then
  expect_output "^GLIBC_TUNABLES=glibc.malloc.hugetlb=1$" "the started pid runs with the huge-page tunable"
else
  expect_no_output "^GLIBC_TUNABLES=" "no tunable where it cannot help"
fi
expect_output "^COMM=$(basename "$HAVEN" | cut -c1-15)$" "the process keeps its name (ps, top)"
grep -q "stopped cleanly" serve.log || { echo "FAIL: the re-executed server did not stop on SIGTERM"; failures=$((failures + 1)); }

OUT=$(environ_of -u HAVEN_HEAP GLIBC_TUNABLES=glibc.malloc.arena_max=2)
expect_output "^GLIBC_TUNABLES=glibc.malloc.arena_max=2$" "an operator's own tunables are kept"
expect_no_output "^HAVEN_HEAP=" "and haven does not re-execute"

OUT=$(environ_of -u GLIBC_TUNABLES HAVEN_HEAP=default)
expect_no_output "^GLIBC_TUNABLES=" "HAVEN_HEAP=default turns it off"
finish
