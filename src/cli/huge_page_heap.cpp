// The heap on transparent huge pages: the decision (pure) and its application (environment, exec).
#include "cli/huge_page_heap.h"

#include <gnu/libc-version.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/allocator.h"

namespace haven::cli {
namespace {

// "2.36" → 236; 0 if it does not read as major.minor.
int version_number(std::string_view v) {
  int major = 0;
  int minor = 0;
  if (std::sscanf(std::string(v).c_str(), "%d.%d", &major, &minor) != 2) return 0;
  return major * 100 + minor;
}

// Takes the re-exec's variables out of the environment the process and its children see.
void forget_heap_variables() {
  unsetenv("GLIBC_TUNABLES");
  unsetenv("HAVEN_HEAP");
}

}  // namespace

HeapStep decide_heap_step(const HeapFacts& f) {
  if (f.haven_heap == std::string(kHeapMarker)) return HeapStep::kTidyUp;
  if (f.haven_heap || f.glibc_tunables) return HeapStep::kNothing;
  if (!f.glibc_malloc) return HeapStep::kNothing;  // the tunable is glibc malloc's alone
  if (version_number(f.glibc_version) < 235) return HeapStep::kNothing;
  // "always [madvise] never": the bracketed word is the mode; malloc's madvise needs one of the
  // first two.
  if (f.thp_mode.find("[always]") == std::string_view::npos &&
      f.thp_mode.find("[madvise]") == std::string_view::npos)
    return HeapStep::kNothing;
  return HeapStep::kReexec;
}

void use_huge_page_heap(char** argv) {
  HeapFacts facts;
  if (const char* t = std::getenv("GLIBC_TUNABLES")) facts.glibc_tunables = t;
  if (const char* h = std::getenv("HAVEN_HEAP")) facts.haven_heap = h;
  facts.glibc_version = gnu_get_libc_version();
  std::string thp;
  if (std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled"); in) {
    std::ostringstream text;
    text << in.rdbuf();
    thp = text.str();
  }
  facts.thp_mode = thp;
  facts.glibc_malloc = core::running_allocator() == core::Allocator::kGlibc;
  switch (decide_heap_step(facts)) {
    case HeapStep::kNothing:
      return;
    case HeapStep::kTidyUp:
      forget_heap_variables();
      return;
    case HeapStep::kReexec:
      setenv("GLIBC_TUNABLES", std::string(kHeapTunable).c_str(), 1);
      setenv("HAVEN_HEAP", std::string(kHeapMarker).c_str(), 1);
      // The binary's own path rather than /proc/self/exe, whose name the process would take
      // ("exe" in ps and top); /proc/self/exe only if the file was replaced since it started.
      {
        std::error_code ec;
        const std::string self = std::filesystem::read_symlink("/proc/self/exe", ec).string();
        if (!ec && !self.ends_with(" (deleted)")) execv(self.c_str(), argv);
      }
      execv("/proc/self/exe", argv);
      // Still here: the exec failed (no /proc, say). Run on ordinary pages.
      forget_heap_variables();
      return;
  }
}

}  // namespace haven::cli
