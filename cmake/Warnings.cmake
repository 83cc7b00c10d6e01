# Compiler flags shared by every haven target: warnings (errors in CI) and the optional sanitizers.
#   haven_options       warnings, and with HAVEN_SANITIZE the sanitizer runtime at link time; every
#                       target links it (the layers PUBLIC, so tests and benchmarks get it too)
#   haven_instrumented  the sanitizers' compile-time instrumentation, for haven's own code only: the
#                       layers link it PRIVATE (it does not travel to their dependants), and so do the
#                       `haven` binary and the fuzz replays
# Test code is compiled without instrumentation: every call it makes into haven runs instrumented
# code, where the checks that matter are, and the tests' own files were a third of the sanitizer
# build's CPU time at 2.5 times their uninstrumented cost (docs/PERFORMANCE.md, "Build and test time").
add_library(haven_options INTERFACE)
add_library(haven_instrumented INTERFACE)
target_compile_options(haven_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
  -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
# At -O2 GCC 12 inlines libstdc++ deep enough to warn about its own code — a string's length in a
# moved-from std::variant "may be used uninitialized", istreambuf_iterator a "potential null
# pointer dereference", a memcpy of 2^63 bytes that "may overlap" — about 80 warnings in a clean
# release build (`make run`), none pointing at a fault in haven's code. The test build (-Og,
# warnings as errors, what CI compiles) keeps all three.
target_compile_options(haven_options INTERFACE
  "$<$<AND:$<CXX_COMPILER_ID:GNU>,$<CONFIG:Release>>:-Wno-maybe-uninitialized;-Wno-null-dereference;-Wno-restrict>")
if(HAVEN_WERROR)
  # GCC 12 reports false maybe-uninitialized positives inside libstdc++'s <regex> (pulled in by
  # httplib.h) at -Og/-O1 with sanitizers; keep the warning visible but not fatal.
  target_compile_options(haven_options INTERFACE -Werror -Wno-error=maybe-uninitialized)
endif()
if(HAVEN_SANITIZE)
  target_compile_options(haven_instrumented INTERFACE -fsanitize=address,undefined
    -fno-sanitize-recover=undefined)
  # Sanitizer builds only run tests, so they are linked as fixed-address executables (-no-pie): a
  # position-independent one spent half of every start relocating 4.5 million pointers (0.8 s before
  # main on this machine), and the test suites start the binaries a few thousand times. Release builds
  # stay position-independent for address-space randomisation.
  target_compile_options(haven_options INTERFACE -fno-pie -fno-omit-frame-pointer)
  # GCC gives every UBSan check site a static descriptor and then instruments each descriptor as an
  # AddressSanitizer global: 1.3 million of them made .data 83 MB in integration_tests, and every
  # start registered them all (half of a 0.36 s start) and LeakSanitizer scanned them all at exit.
  # So globals get no redzones here; heap, stack, use-after-scope and use-after-free checks stay, and
  # the clang libFuzzer build (`make fuzz`) keeps global-overflow checks for every input parser.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(haven_instrumented INTERFACE --param=asan-globals=0)
  endif()
  target_link_options(haven_options INTERFACE -fsanitize=address,undefined -no-pie)
endif()
