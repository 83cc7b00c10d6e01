// Alternative-care placements as rows (table placements, with their coded entry reasons in
// placement_entry_reasons): the SQL behind PlacementService. No rules here; every function runs
// inside the caller's transaction, so a placement and its reasons are written together.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct PlacementRow {
  std::string id;
  std::string case_id;
  std::string type;  // domain::to_code(PlacementType)
  std::string provider;
  std::string start_on;
  std::optional<std::string> end_on;
  std::vector<std::string> entry_reasons;  // domain::to_code(EntryReason), by code
  std::string reason;
  std::optional<std::string> exit_destination;  // domain::to_code(ExitDestination)
  std::string end_reason;
  std::string review_dates = "[]";  // JSON list of 'YYYY-MM-DD'
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

class PlacementRepository {
 public:
  static void insert(Tx& tx, const PlacementRow& row);
  static std::optional<PlacementRow> find(Tx& tx, const std::string& case_id,
                                          const std::string& id);
  // Every placement of a case, by start date.
  static std::vector<PlacementRow> for_case(Tx& tx, const std::string& case_id);
  // False when the stored version is not `expected_version` (the caller answers 409). The entry
  // reasons are replaced by the row's.
  static bool update(Tx& tx, const PlacementRow& row, int64_t expected_version);
};

}  // namespace haven::store
