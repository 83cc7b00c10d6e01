// The rows the demo set-up needs beyond users and agencies: finding the generated municipality's
// agencies by kind, teams and their members, and whether a database holds anything at all (only an
// empty one may become a demo database).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/database.h"

namespace haven::store {

class DemoRepository {
 public:
  // The oldest agency of `kind` in `country`, or nullopt.
  static std::optional<std::string> agency_of_kind(Tx& tx, const std::string& kind,
                                                   const std::string& country);
  // Rows in users + agencies + children: 0 for a database nobody has used yet.
  static int64_t count_people_and_agencies(Tx& tx);
  // The team's id: the existing one of that name in the agency, or a new one.
  static std::string ensure_team(Tx& tx, const std::string& new_id, const std::string& agency_id,
                                 const std::string& name, int64_t now);
  static void add_team_member(Tx& tx, const std::string& team_id, const std::string& user_id,
                              int64_t now);
};

}  // namespace haven::store
