// Where the tests find data/names: HAVEN_SOURCE_DIR (set by ctest), else relative to this file.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "synth/name_data.h"

namespace haven::synth::testing {

inline std::filesystem::path data_dir() {
  if (const char* root = std::getenv("HAVEN_SOURCE_DIR"))
    return std::filesystem::path(root) / "data";
  return std::filesystem::path(__FILE__).parent_path() / ".." / ".." / ".." / "data";
}

// Loaded once per test binary: every test reads the same immutable tables.
inline const NameData& names() {
  static const NameData data = [] {
    auto loaded = NameData::load(data_dir());
    if (!loaded.ok()) {
      std::fprintf(stderr, "cannot load name data: %s\n", loaded.error().message.c_str());
      std::abort();
    }
    return std::move(*loaded);
  }();
  return data;
}

}  // namespace haven::synth::testing
