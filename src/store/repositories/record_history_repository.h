// Field-by-field change history as rows (table record_history): the SQL behind
// service::RecordHistory. Values arrive here already encrypted where they are sensitive.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct RecordHistoryRow {
  std::string id;
  std::string entity;  // "case", "child", "case_plan", …
  std::string entity_id;
  int64_t entity_version = 0;  // the record's version after the change
  std::string field;
  std::optional<std::string> old_value;  // clear values (non-sensitive fields)
  std::optional<std::string> new_value;
  std::optional<Blob> old_value_ct;  // sensitive values: field ciphertexts bound to this row
  std::optional<Blob> new_value_ct;
  std::string changed_by;
  int64_t changed_at = 0;
  std::string request_id;
  std::string case_id;  // the case the record belongs to; empty for records outside a case
};

class RecordHistoryRepository {
 public:
  static void insert(Tx& tx, const RecordHistoryRow& row);
  // The history of one record, oldest first.
  static std::vector<RecordHistoryRow> for_entity(Tx& tx, const std::string& entity,
                                                  const std::string& entity_id);
  // Every row filed under a case (the case and all its records), oldest first, at most `limit`.
  static std::vector<RecordHistoryRow> for_case(Tx& tx, const std::string& case_id, int limit);
  // The newest `limit` changes filed under a case, newest first (the case page's window).
  static std::vector<RecordHistoryRow> newest_for_case(Tx& tx, const std::string& case_id,
                                                       int limit);
};

}  // namespace haven::store
