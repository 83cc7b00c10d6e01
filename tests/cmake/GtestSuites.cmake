# haven_gtest_suites(TARGET PREFIX LABEL ENVIRONMENT): registers a GoogleTest binary's tests with ctest
# one process per test suite (and, for a suite run on each database, one per database) instead of one
# per test case, the way gtest_discover_tests(DISCOVERY_MODE PRE_TEST) finds them: ctest asks the built
# binary for its list (`--gtest_list_tests`) when it runs, so a new test needs no CMake edit.
#
# Why: every start of a sanitizer-built test binary costs about 0.2 s before the first test runs, and
# LeakSanitizer scans its heap at every exit; a thousand cases started one by one paid that a thousand
# times (docs/PERFORMANCE.md, "Build and test time"). A failing case is still named in the output.
#
# A group is the suite name gtest prints ("Suite.", "Backends/Suite.") plus, for a value-parameterized
# case, the part of its name after the last "/" ("sqlite", "postgres"): its filter is "Suite.*" or
# "Backends/Suite.*/sqlite", which matches exactly the cases listed under it.
set(HAVEN_GTEST_SUITES_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/gtest_suites_discover.cmake)

function(haven_gtest_suites target)
  cmake_parse_arguments(G "" "PREFIX;LABEL" "ENVIRONMENT" ${ARGN})
  set(base "${CMAKE_CURRENT_BINARY_DIR}/${target}_suites")
  string(CONCAT content
    "set(binary [==[$<TARGET_FILE:${target}>]==])\n"
    "if(EXISTS \"\${binary}\")\n"
    "  if(NOT EXISTS \"${base}_tests.cmake\" OR NOT \"${base}_tests.cmake\" IS_NEWER_THAN \"\${binary}\"\n"
    "     OR NOT \"${base}_tests.cmake\" IS_NEWER_THAN [==[${HAVEN_GTEST_SUITES_SCRIPT}]==])\n"
    "    execute_process(COMMAND \"\${binary}\" --gtest_list_tests OUTPUT_VARIABLE listing\n"
    "                    RESULT_VARIABLE status TIMEOUT 60)\n"
    "    if(NOT status EQUAL 0)\n"
    "      message(FATAL_ERROR \"${target} --gtest_list_tests failed (\${status}):\\n\${listing}\")\n"
    "    endif()\n"
    "    set(prefix [==[${G_PREFIX}]==])\n"
    "    set(label [==[${G_LABEL}]==])\n"
    "    set(environment [==[${G_ENVIRONMENT}]==])\n"
    "    set(out [==[${base}_tests.cmake]==])\n"
    "    include([==[${HAVEN_GTEST_SUITES_SCRIPT}]==])\n"
    "  endif()\n"
    "  include(\"${base}_tests.cmake\")\n"
    "else()\n"
    "  add_test(${target}_NOT_BUILT ${target}_NOT_BUILT)\n"
    "endif()\n")
  file(GENERATE OUTPUT "${base}_include.cmake" CONTENT "${content}")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${base}_include.cmake")
endfunction()
