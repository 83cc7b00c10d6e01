// SQL for agencies and team membership.
#include "store/repositories/agency_repository.h"

#include "store/repositories/by_ids.h"

namespace haven::store {

namespace {
constexpr const char* kAgencyColumns = "id, name, kind, country, status, version, created_at";
AgencyRow agency_from_row(const Row& r) {
  return {r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.integer(5), r.integer(6)};
}
}  // namespace

void AgencyRepository::insert(Tx& tx, const AgencyRow& a) {
  tx.execute(
      "INSERT INTO agencies (id, name, kind, country, status, version, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, 1, $6, $6)",
      params(a.id, a.name, a.kind, a.country, a.status, a.created_at));
}

std::optional<AgencyRow> AgencyRepository::find(Tx& tx, const std::string& id) {
  auto row = tx.query_one(std::string("SELECT ") + kAgencyColumns + " FROM agencies WHERE id = $1",
                          params(id));
  if (!row) return std::nullopt;
  return agency_from_row(*row);
}

std::vector<AgencyRow> AgencyRepository::find_by_name(Tx& tx, const std::string& name) {
  std::vector<AgencyRow> out;
  for (const Row& r : tx.query(std::string("SELECT ") + kAgencyColumns +
                                   " FROM agencies WHERE name = $1 ORDER BY country",
                               params(name)))
    out.push_back(agency_from_row(r));
  return out;
}

std::vector<AgencyRow> AgencyRepository::list(Tx& tx) {
  std::vector<AgencyRow> out;
  for (const Row& r :
       tx.query(std::string("SELECT ") + kAgencyColumns + " FROM agencies ORDER BY country, name"))
    out.push_back(agency_from_row(r));
  return out;
}

std::vector<std::string> AgencyRepository::team_ids_of(Tx& tx, const std::string& user_id) {
  std::vector<std::string> out;
  for (const Row& r : tx.query(
           "SELECT team_id FROM team_members WHERE user_id = $1 ORDER BY team_id", params(user_id)))
    out.push_back(r.text(0));
  return out;
}

std::map<std::string, std::string> AgencyRepository::team_names(
    Tx& tx, const std::vector<std::string>& ids) {
  return text_by_ids(tx, "SELECT id, name FROM teams", ids);
}

}  // namespace haven::store
