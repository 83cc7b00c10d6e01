// Reading a column of many rows by their ids in one query, for repositories that name things
// (users, teams) on a page that lists them.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace haven::store {

// Runs `select` ("SELECT id, name FROM teams") with "WHERE id IN (…)" for `ids` (unique, none
// empty) and maps each id found to the second column.
inline std::map<std::string, std::string> text_by_ids(Tx& tx, std::string_view select,
                                                      const std::vector<std::string>& ids) {
  std::map<std::string, std::string> out;
  if (ids.empty()) return out;
  std::string sql = std::string(select) + " WHERE id IN (";
  Params p;
  for (const auto& id : ids) {
    p.emplace_back(id);
    sql += (p.size() > 1 ? ", $" : "$") + std::to_string(p.size());
  }
  for (const Row& r : tx.query(sql + ")", p)) out.emplace(r.text(0), r.text(1));
  return out;
}

}  // namespace haven::store
