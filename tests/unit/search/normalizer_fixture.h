// One NameNormalizer for the whole test binary (building ICU transforms is slow), and helpers to
// look at what it makes of a name.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "search/name_normalizer.h"

namespace haven::search::testing {

inline const NameNormalizer& normalizer() {
  static const NameNormalizer n = [] {
    auto created = NameNormalizer::create();
    if (!created.ok()) {
      ADD_FAILURE() << created.error().message;
      std::abort();
    }
    return std::move(*created);
  }();
  return n;
}

// The single word of `text` (fails the test if there is not exactly one).
inline NameToken word(std::string_view text, NamePart part = NamePart::kFamily) {
  auto r = normalizer().normalize(text, part);
  EXPECT_TRUE(r.ok());
  if (!r.ok() || r->tokens.size() != 1) {
    ADD_FAILURE() << "expected one word in " << text;
    return {};
  }
  return r->tokens.front();
}

inline bool contains(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

template <class T>
bool intersects(const std::vector<T>& a, const std::vector<T>& b) {
  for (const auto& x : a)
    if (std::find(b.begin(), b.end(), x) != b.end()) return true;
  return false;
}

}  // namespace haven::search::testing
