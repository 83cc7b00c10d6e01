// Where the repository is, for tests that read shipped files (config/roles.toml, data/security/…):
// HAVEN_SOURCE_DIR as set by ctest, else derived from this file's own path.
#pragma once

#include <cstdlib>
#include <string>

namespace haven::security::testing {

inline std::string source_dir() {
  if (const char* env = std::getenv("HAVEN_SOURCE_DIR"); env != nullptr && *env != '\0') return env;
  std::string here = __FILE__;  // …/tests/unit/security/source_dir.h
  for (int i = 0; i < 4; ++i) here = here.substr(0, here.rfind('/'));
  return here;
}

}  // namespace haven::security::testing
