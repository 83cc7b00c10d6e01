// A hash that lets a map keyed by std::string be searched with a std::string_view, copying
// nothing: `std::unordered_map<std::string, T, core::TextHash, std::equal_to<>>`. For look-ups
// with text that lives elsewhere (a row read in place, an SQL statement, a name being indexed).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace haven::core {

struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

}  // namespace haven::core
