// Display names of many users, or names of many teams, in one read.
#include "service/user_names.h"

#include <algorithm>

#include "store/repositories/agency_repository.h"
#include "store/repositories/user_repository.h"

namespace haven::service {

namespace {

std::vector<std::string> unique_ids(const std::vector<std::string>& ids) {
  std::vector<std::string> unique = ids;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  unique.erase(std::remove(unique.begin(), unique.end(), std::string()), unique.end());
  return unique;
}

}  // namespace

core::Result<std::map<std::string, std::string>> user_display_names(
    store::Database& db, const std::vector<std::string>& ids) {
  const std::vector<std::string> unique = unique_ids(ids);
  try {
    return db.read([&](store::Tx& tx) { return store::UserRepository::display_names(tx, unique); });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<std::map<std::string, std::string>> team_names(store::Database& db,
                                                            const std::vector<std::string>& ids) {
  const std::vector<std::string> unique = unique_ids(ids);
  try {
    return db.read([&](store::Tx& tx) { return store::AgencyRepository::team_names(tx, unique); });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
