// Children and their identity numbers as rows: the SQL behind ChildService and ReportService's
// intake. Sensitive columns (disabilities, identity numbers) arrive already encrypted; blind
// indexes already computed. Every function runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct ChildRow {
  std::string id;
  std::string agency_id;
  std::string given_names;
  std::string family_names;
  std::string names_original_script;
  std::string other_names = "[]";  // JSON list
  std::string sex = "unknown";
  std::optional<std::string> birth_date;
  bool birth_date_estimated = false;
  std::optional<std::string> birth_date_estimate_basis;
  std::string nationalities = "[]";  // JSON list
  bool stateless = false;
  std::string languages = "[]";  // JSON list
  bool interpreter_needed = false;
  std::optional<Blob> disabilities_ct;  // children.disabilities_ct of this row: JSON list
  std::string migration_status = "none";
  std::optional<std::string> registered_on;
  bool young_adult_in_aftercare = false;
  std::string custom_fields = "{}";
  std::string created_by;
  std::optional<std::string> merged_into;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct IdentityNumberRow {
  std::string id;
  std::string child_id;
  std::string kind;
  std::string country;
  Blob value_ct;           // identity_numbers.value_ct of this row
  std::string value_bidx;  // blind index of kind + normalised value
  int64_t created_at = 0;
};

class ChildRepository {
 public:
  static void insert(Tx& tx, const ChildRow& row);
  static std::optional<ChildRow> find(Tx& tx, const std::string& id);
  static void insert_identity_number(Tx& tx, const IdentityNumberRow& row);
  static std::vector<IdentityNumberRow> identity_numbers(Tx& tx, const std::string& child_id);
  // Children holding an identity number with this blind index.
  static std::vector<std::string> find_by_identity_bidx(Tx& tx, const std::string& bidx);
};

}  // namespace haven::store
