// Cases and their per-country case-number counters as rows: the SQL behind CaseService,
// ReportService and CaseAccess. No rules here; every function runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct CaseRow {
  std::string id;
  std::string case_number;
  std::string child_id;
  std::string agency_id;
  std::string country;  // of the owning agency (joined, not stored on the case)
  std::string status;   // domain::to_code(CaseStatus)
  std::optional<std::string> risk_level;
  std::optional<std::string> assigned_worker_id;
  std::optional<std::string> team_id;
  bool restricted = false;
  int64_t opened_at = 0;
  std::optional<int64_t> closed_at;
  std::optional<std::string> closure_reason;
  std::string created_by;
  std::string custom_fields = "{}";
  std::string urgency = "medium";
  std::optional<int64_t> reported_at;
  std::optional<int64_t> status_changed_at;
  std::optional<std::string> assessment_opened_on;
  std::optional<std::string> planning_started_on;
  std::optional<std::string> implementation_started_on;
  std::optional<std::string> last_review_on;
  std::optional<std::string> next_review_on;
  std::optional<std::string> reopen_reason;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// Filters and keyset pagination for the case list. The order is (opened_at, id), ascending or
// descending; `after_*` is the last row of the previous page.
struct CaseListQuery {
  std::vector<std::string> agency_ids;  // empty: any agency
  std::optional<std::string> status;
  std::optional<std::string> risk_level;
  std::optional<std::string> assigned_worker_id;
  bool newest_first = true;
  std::optional<int64_t> after_opened_at;
  std::optional<std::string> after_id;
  int limit = 50;
};

class CaseRepository {
 public:
  static void insert(Tx& tx, const CaseRow& row);
  static std::optional<CaseRow> find(Tx& tx, const std::string& id);
  // Writes every mutable column of `row` when the stored version is `expected_version`, and bumps
  // the version. False when the version moved on (a concurrent update): the caller answers 409.
  static bool update(Tx& tx, const CaseRow& row, int64_t expected_version);
  static std::vector<CaseRow> list(Tx& tx, const CaseListQuery& query);
  // Open cases (reported … review) of the given agencies, for task lists.
  static std::vector<CaseRow> open_cases(Tx& tx, const std::vector<std::string>& agency_ids);
  // The next counter value for (country, year), starting at 1; atomic within the transaction.
  static int64_t next_case_counter(Tx& tx, const std::string& country, int year);
};

}  // namespace haven::store
