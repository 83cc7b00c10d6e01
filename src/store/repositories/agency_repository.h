// Agencies and teams as rows: the SQL behind AgencyService. No rules here (who may create an agency
// is the service's and the policy's business); every function runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct AgencyRow {
  std::string id;
  std::string name;
  std::string kind;     // security::agency_kind_name
  std::string country;  // ISO 3166-1 alpha-2
  std::string status;
  int64_t version = 1;
  int64_t created_at = 0;
};

class AgencyRepository {
 public:
  static void insert(Tx& tx, const AgencyRow& row);
  static std::optional<AgencyRow> find(Tx& tx, const std::string& id);
  // By exact name (agency names are unique per country; a name used in two countries is ambiguous
  // and returns both).
  static std::vector<AgencyRow> find_by_name(Tx& tx, const std::string& name);
  static std::vector<AgencyRow> list(Tx& tx);
  // The teams a user belongs to.
  static std::vector<std::string> team_ids_of(Tx& tx, const std::string& user_id);
  // The name of each team in `ids` that exists (ids unique, none empty).
  static std::map<std::string, std::string> team_names(Tx& tx, const std::vector<std::string>& ids);
};

}  // namespace haven::store
