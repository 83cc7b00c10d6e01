// The records of a case's steps as rows — screening decisions, assessments with the risk-level
// history, case plans, reviews and closures: the SQL behind CaseRecordService and the facts
// CaseService assembles for the lifecycle. Sensitive content arrives encrypted. Every function runs
// inside the caller's transaction; update functions compare the version read and bump it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct ScreeningRow {
  std::string id;
  std::string case_id;
  std::string decided_on;
  std::string decided_by;
  bool open_assessment = false;
  std::string reasons;
  int64_t version = 1;
  int64_t created_at = 0;
};

struct AssessmentRow {
  std::string id;
  std::string case_id;
  std::string started_on;
  std::optional<std::string> completed_on;
  std::optional<std::string> risk_level;
  Blob content_ct;  // assessments.content_ct of this row: JSON of the sections
  std::string custom_fields = "{}";
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct RiskLevelRow {
  std::string id;
  std::string case_id;
  std::string risk_level;
  std::string rationale;
  std::string source;  // "assessment" | "review"
  std::string source_id;
  std::string set_by;
  int64_t set_at = 0;
};

struct PlanRow {
  std::string id;
  std::string case_id;
  std::string goals = "[]";  // JSON
  std::string child_views;
  std::string caregiver_views;
  std::string approval = "draft";
  std::optional<std::string> submitted_by;
  std::optional<std::string> submitted_on;
  std::optional<std::string> approved_by;
  std::optional<std::string> approved_on;
  std::optional<std::string> approval_comment;
  std::string custom_fields = "{}";
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct ReviewRow {
  std::string id;
  std::string case_id;
  std::string held_on;
  std::string progress;
  std::string risk_level;
  std::string risk_rationale;
  std::string decisions;
  bool placement_review = false;
  bool child_participated = false;
  std::optional<std::string> next_review_on;
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
};

struct ClosureRow {
  std::string id;
  std::string case_id;
  std::string reason;
  std::string reason_detail;
  std::string closing_on;
  std::string summary;
  std::optional<Blob> leaving_care_plan_ct;  // case_closures.leaving_care_plan_ct of this row
  std::optional<std::string> requested_by;
  std::optional<std::string> requested_on;
  std::optional<std::string> approved_by;
  std::optional<std::string> approved_on;
  std::optional<std::string> returned_by;  // the last supervisor to send the request back
  std::optional<std::string> returned_on;
  std::optional<std::string> return_comment;  // what they asked the worker to change
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

class CaseRecordRepository {
 public:
  static void insert_screening(Tx& tx, const ScreeningRow& row);
  static std::optional<ScreeningRow> latest_screening(Tx& tx, const std::string& case_id);

  static void insert_assessment(Tx& tx, const AssessmentRow& row);
  static bool update_assessment(Tx& tx, const AssessmentRow& row, int64_t expected_version);
  static std::optional<AssessmentRow> find_assessment(Tx& tx, const std::string& id);
  static std::vector<AssessmentRow> assessments(Tx& tx, const std::string& case_id);

  static void insert_risk_level(Tx& tx, const RiskLevelRow& row);
  static std::vector<RiskLevelRow> risk_levels(Tx& tx, const std::string& case_id);

  static void insert_plan(Tx& tx, const PlanRow& row);
  static bool update_plan(Tx& tx, const PlanRow& row, int64_t expected_version);
  static std::optional<PlanRow> find_plan(Tx& tx, const std::string& id);
  static std::vector<PlanRow> plans(Tx& tx, const std::string& case_id);

  static void insert_review(Tx& tx, const ReviewRow& row);
  static std::vector<ReviewRow> reviews(Tx& tx, const std::string& case_id);

  static void insert_closure(Tx& tx, const ClosureRow& row);
  static bool update_closure(Tx& tx, const ClosureRow& row, int64_t expected_version);
  static std::optional<ClosureRow> latest_closure(Tx& tx, const std::string& case_id);
};

}  // namespace haven::store
