// SQL for the demo set-up.
#include "store/repositories/demo_repository.h"

namespace haven::store {

std::optional<std::string> DemoRepository::agency_of_kind(Tx& tx, const std::string& kind,
                                                          const std::string& country) {
  auto r = tx.query_one(
      "SELECT id FROM agencies WHERE kind = $1 AND country = $2 ORDER BY created_at, id LIMIT 1",
      params(kind, country));
  if (!r) return std::nullopt;
  return r->text(0);
}

int64_t DemoRepository::count_people_and_agencies(Tx& tx) {
  auto r = tx.query_one(
      "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM agencies) + "
      "(SELECT COUNT(*) FROM children)");
  return r ? r->integer(0) : 0;
}

std::string DemoRepository::ensure_team(Tx& tx, const std::string& new_id,
                                        const std::string& agency_id, const std::string& name,
                                        int64_t now) {
  if (auto r = tx.query_one("SELECT id FROM teams WHERE agency_id = $1 AND name = $2",
                            params(agency_id, name)))
    return r->text(0);
  tx.execute(
      "INSERT INTO teams (id, agency_id, name, version, created_at, updated_at) "
      "VALUES ($1, $2, $3, 1, $4, $4)",
      params(new_id, agency_id, name, now));
  return new_id;
}

void DemoRepository::add_team_member(Tx& tx, const std::string& team_id, const std::string& user_id,
                                     int64_t now) {
  tx.execute(
      "INSERT INTO team_members (team_id, user_id, created_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (team_id, user_id) DO NOTHING",
      params(team_id, user_id, now));
}

}  // namespace haven::store
