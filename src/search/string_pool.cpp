// Interning over a node-based hash map whose keys double as the id → string table.
#include "search/string_pool.h"

namespace haven::search {

uint32_t StringPool::intern(std::string_view s) {
  if (auto it = ids_.find(s); it != ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(strings_.size());
  auto [it, inserted] = ids_.emplace(std::string(s), id);
  strings_.push_back(&it->first);
  return id;
}

uint32_t StringPool::find(std::string_view s) const {
  const auto it = ids_.find(s);
  return it == ids_.end() ? kUnknownId : it->second;
}

}  // namespace haven::search
