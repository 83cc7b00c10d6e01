# Compiler flags shared by every haven target: warnings (errors in CI) and the optional sanitizers.
add_library(haven_options INTERFACE)
target_compile_options(haven_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
  -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
if(HAVEN_WERROR)
  # GCC 12 reports false maybe-uninitialized positives inside libstdc++'s <regex> (pulled in by
  # httplib.h) at -Og/-O1 with sanitizers; keep the warning visible but not fatal.
  target_compile_options(haven_options INTERFACE -Werror -Wno-error=maybe-uninitialized)
endif()
if(HAVEN_SANITIZE)
  target_compile_options(haven_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  # Sanitizer builds only run tests, so they are linked as fixed-address executables (-no-pie): a
  # position-independent one spent half of every start relocating 4.5 million pointers (0.8 s before
  # main on this machine), and the test suites start the binaries a few thousand times. Release builds
  # stay position-independent for address-space randomisation.
  target_compile_options(haven_options INTERFACE -fno-pie)
  # GCC gives every UBSan check site a static descriptor and then instruments each descriptor as an
  # AddressSanitizer global: 1.3 million of them made .data 83 MB in integration_tests, and every
  # start registered them all (half of a 0.36 s start) and LeakSanitizer scanned them all at exit.
  # So globals get no redzones here; heap, stack, use-after-scope and use-after-free checks stay, and
  # the clang libFuzzer build (`make fuzz`) keeps global-overflow checks for every input parser.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(haven_options INTERFACE --param=asan-globals=0)
  endif()
  target_link_options(haven_options INTERFACE -fsanitize=address,undefined -no-pie)
endif()
