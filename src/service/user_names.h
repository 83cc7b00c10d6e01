// Display names of users (and names of teams) by id, for a page that shows who did what: one query
// for all the ids a page needs instead of one per name. Apart from UserService because it is a read
// helper for pages, with no access check of its own (the page has already read, and been allowed,
// the records that name these users and teams).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace haven::service {

// The display name of each known id in `ids` (duplicates and unknown ids are fine).
core::Result<std::map<std::string, std::string>> user_display_names(
    store::Database& db, const std::vector<std::string>& ids);

// The name of each known team id in `ids` (duplicates and unknown ids are fine).
core::Result<std::map<std::string, std::string>> team_names(store::Database& db,
                                                            const std::vector<std::string>& ids);

}  // namespace haven::service
