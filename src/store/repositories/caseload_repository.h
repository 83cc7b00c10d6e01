// Open cases with what lists of many cases need in one query each — the child's name, the
// worker's name, the latest plan's and closure's approval state — and the reports an agency
// received recently: the SQL behind TeamService. No rules here; every function runs inside the
// caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/repositories/case_repository.h"

namespace haven::store {

struct CaseloadRow {
  CaseRow c;
  std::string child_given_names;
  std::string child_family_names;
  std::string worker_name;  // "" when unassigned
  std::optional<std::string> plan_id;
  std::string plan_approval;  // latest plan's: draft, submitted, approved, returned; "" if none
  std::optional<std::string> plan_submitted_on;
  int64_t plan_version = 0;
  std::optional<std::string> closure_requested_on;  // latest closure's, while not approved
  bool closure_awaiting_approval = false;
};

struct RecentReportRow {
  std::string case_id;
  std::string case_number;
  int64_t received_at = 0;
  std::string urgency;
  std::string reporter_type;
  std::string case_status;
  std::optional<std::string> assigned_worker_id;
  std::optional<std::string> team_id;
  bool restricted = false;
};

class CaseloadRepository {
 public:
  // Open cases (reported … review) of `agency_id`; with `worker_id`, only theirs.
  static std::vector<CaseloadRow> open_cases(Tx& tx, const std::string& agency_id,
                                             const std::optional<std::string>& worker_id);
  // The case numbered `case_number` if `agency_id` holds it.
  static std::optional<CaseRow> find_by_number(Tx& tx, const std::string& agency_id,
                                               const std::string& case_number);
  // Reports received by `agency_id` at or after `since_ms` that opened a case, newest first.
  static std::vector<RecentReportRow> recent_reports(Tx& tx, const std::string& agency_id,
                                                     int64_t since_ms, int limit);
};

}  // namespace haven::store
