// Interned strings: each distinct spelling, stem or key is stored once and named by a 32-bit id,
// so the index holds names as small integer arrays and compares spellings by id. Ids are dense
// and never reused (a removed record's spellings stay; the pool only grows, by at most the
// distinct spellings ever seen).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/text_hash.h"

namespace haven::search {

inline constexpr uint32_t kUnknownId = 0xFFFFFFFFu;  // a string not in the pool: equals nothing

// Not thread-safe for writers; concurrent find()/get() are safe while nobody interns (the owner
// guards it, see NameIndex).
class StringPool {
 public:
  uint32_t intern(std::string_view s);
  uint32_t find(std::string_view s) const;  // kUnknownId if absent
  std::string_view get(uint32_t id) const { return *strings_[id]; }
  size_t size() const { return strings_.size(); }

 private:
  std::unordered_map<std::string, uint32_t, core::TextHash, std::equal_to<>> ids_;
  std::vector<const std::string*> strings_;  // keys of ids_ (node-based: addresses are stable)
};

}  // namespace haven::search
