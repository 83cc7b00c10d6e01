#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 in build/fuzz and runs each for a bounded time
# (`make fuzz`; docs/RELIABILITY.md, "Fuzzing").
#   FUZZ_SECONDS=N    seconds per target (default 60)
#   FUZZ_TARGETS="a b" only these targets (default: every tests/fuzz/*_fuzz.cpp)
#   FUZZ_JOBS=N       targets run at once (default 1; the machine has two cores)
# New inputs that reach new code go to build/fuzz/corpus/<target>/ (not committed); a crash is saved
# to build/fuzz/artifacts/<target>/ and fails the run. To keep it fixed: fix the code, then copy the
# input into tests/fuzz/regressions/<target>/ so `make test` replays it for ever.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
targets=${FUZZ_TARGETS:-$(ls tests/fuzz/*_fuzz.cpp | xargs -n1 basename | sed 's/_fuzz\.cpp$//')}

# The layers are compiled with coverage instrumentation and the sanitizers; the targets also link
# libFuzzer's main (tests/fuzz/CMakeLists.txt).
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -gline-tables-only"
flags+=" -fbracket-depth=1024"  # clang's default (256) is too shallow for a long std::array deduction
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1" \
  -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_CXX_FLAGS="$flags" -DHAVEN_FUZZ=ON \
  -DHAVEN_BUILD_TESTS=ON -DHAVEN_BUILD_BENCH=OFF -DHAVEN_SANITIZE=OFF -DHAVEN_WERROR=OFF >/dev/null
cmake --build build/fuzz --target $(for t in $targets; do echo "fuzz_$t"; done)

export ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=()
run_one() {
  local t=$1
  mkdir -p "build/fuzz/corpus/$t" "build/fuzz/artifacts/$t"
  local seeds=("tests/fuzz/corpus/$t")
  [[ -d tests/fuzz/regressions/$t ]] && seeds+=("tests/fuzz/regressions/$t")
  echo "== fuzz_$t for ${seconds}s"
  if build/fuzz/tests/fuzz/"fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$t/" \
       "build/fuzz/corpus/$t" "${seeds[@]}" >"build/fuzz/$t.log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|new_units_added|peak_rss_mb)|^#[0-9]+.*DONE' "build/fuzz/$t.log" | tr '\n' ' '
    echo
  else
    echo "FAIL: fuzz_$t found a crash; see build/fuzz/$t.log and build/fuzz/artifacts/$t/"
    grep -m3 -E 'ERROR|SUMMARY|runtime error' "build/fuzz/$t.log" || true
    return 1
  fi
}
if ((jobs <= 1)); then
  for t in $targets; do run_one "$t" || failed+=("$t"); done
else
  pids=()
  for t in $targets; do
    run_one "$t" & pids+=("$!:$t")
    while (($(jobs -rp | wc -l) >= jobs)); do sleep 1; done
  done
  for p in "${pids[@]}"; do wait "${p%%:*}" || failed+=("${p#*:}"); done
fi
if ((${#failed[@]})); then
  echo "fuzz: crashes in ${failed[*]}"
  exit 1
fi
echo "fuzz: no crash in $(wc -w <<<"$targets") targets, ${seconds}s each"
