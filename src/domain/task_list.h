// The task list: from a summary of each case, the next thing due on it — respond, decide on
// screening, finish the assessment, get the plan approved, hold the review — and the approvals
// waiting for a supervisor, ordered so the most urgent work is on top. Pure: the service loads the
// summaries and filters them per worker or per supervisor; the caller supplies `now` from a
// core::Clock.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "domain/case_types.h"
#include "domain/country_policy.h"
#include "domain/deadlines.h"
#include "domain/report_types.h"

namespace haven::domain {

enum class TaskKind {
  kRespondToReport,    // take the report up (start screening) within the response time
  kScreeningDecision,  // decide whether to open an assessment
  kCompleteAssessment,
  kWritePlan,    // write and submit the plan
  kApprovePlan,  // supervisor
  kHoldReview,
  kApproveClosure,  // supervisor
};

enum class TaskAudience { kCaseworker, kSupervisor };

// The order a list is read in: overdue first, then due soon, then approvals waiting, then the rest.
enum class TaskState { kOverdue, kDueSoon, kAwaitingApproval, kUpcoming };

std::string_view to_code(TaskKind kind);
std::string_view to_code(TaskAudience audience);
std::string_view to_code(TaskState state);
std::span<const TaskKind> all_task_kinds();

// What the task list needs to know about one case; the service fills it from the case's records.
struct CaseSummary {
  std::string case_id;
  CaseStatus status = CaseStatus::kReported;
  std::optional<RiskLevel> risk_level;  // latest rating; before assessment, the urgency stands in
  Urgency urgency = Urgency::kMedium;   // of the report that opened the case
  core::Timestamp reported_at;          // when that report was received
  std::optional<core::Date> assessment_opened_on;
  std::optional<core::Date> planning_started_on;
  std::optional<core::Date> implementation_started_on;
  std::optional<core::Date> last_review_on;
  std::optional<core::Date> next_review_on;
  bool in_placement = false;
  bool plan_awaiting_approval = false;
  bool closure_awaiting_approval = false;
};

struct Task {
  TaskKind kind = TaskKind::kRespondToReport;
  std::string case_id;
  TaskAudience audience = TaskAudience::kCaseworker;
  std::optional<Deadline> deadline;  // none for a closure waiting for approval
  TaskState state = TaskState::kUpcoming;
  RiskLevel risk = RiskLevel::kMedium;  // the rating, or the urgency before there is one
  std::string_view label_code;          // i18n key, "task.screening_decision"
};

// Tasks for open cases, ordered by state, then deadline (earliest first, none last), then risk
// (high first), then case id, so the order is total and stable.
std::vector<Task> build_task_list(std::span<const CaseSummary> cases, const CountryPolicy& policy,
                                  core::Timestamp now);

}  // namespace haven::domain
