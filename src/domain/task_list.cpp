// Which task each status implies, and the ordering of the list.
#include "domain/task_list.h"

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <utility>

#include "domain/enum_table.h"

namespace haven::domain {
namespace {

constexpr auto kTaskKinds = make_enum_table<TaskKind>({
    {TaskKind::kRespondToReport, "respond_to_report"},
    {TaskKind::kScreeningDecision, "screening_decision"},
    {TaskKind::kCompleteAssessment, "complete_assessment"},
    {TaskKind::kWritePlan, "write_plan"},
    {TaskKind::kApprovePlan, "approve_plan"},
    {TaskKind::kHoldReview, "hold_review"},
    {TaskKind::kApproveClosure, "approve_closure"},
});
static_assert(kTaskKinds.complete_through(TaskKind::kApproveClosure));

constexpr auto kTaskAudiences = make_enum_table<TaskAudience>({
    {TaskAudience::kCaseworker, "caseworker"},
    {TaskAudience::kSupervisor, "supervisor"},
});
static_assert(kTaskAudiences.complete_through(TaskAudience::kSupervisor));

constexpr auto kTaskStates = make_enum_table<TaskState>({
    {TaskState::kOverdue, "overdue"},
    {TaskState::kDueSoon, "due_soon"},
    {TaskState::kAwaitingApproval, "awaiting_approval"},
    {TaskState::kUpcoming, "upcoming"},
});
static_assert(kTaskStates.complete_through(TaskState::kUpcoming));

std::string_view label_for(TaskKind kind) {
  switch (kind) {
    case TaskKind::kRespondToReport:
      return "task.respond_to_report";
    case TaskKind::kScreeningDecision:
      return "task.screening_decision";
    case TaskKind::kCompleteAssessment:
      return "task.complete_assessment";
    case TaskKind::kWritePlan:
      return "task.write_plan";
    case TaskKind::kApprovePlan:
      return "task.approve_plan";
    case TaskKind::kHoldReview:
      return "task.hold_review";
    case TaskKind::kApproveClosure:
      return "task.approve_closure";
  }
  return "task.unknown";
}

Task make_task(TaskKind kind, const CaseSummary& c, std::optional<Deadline> deadline,
               const CountryPolicy& policy, core::Timestamp now) {
  const bool approval = kind == TaskKind::kApprovePlan || kind == TaskKind::kApproveClosure;
  Task task;
  task.kind = kind;
  task.case_id = c.case_id;
  task.audience = approval ? TaskAudience::kSupervisor : TaskAudience::kCaseworker;
  task.deadline = deadline;
  task.state = approval ? TaskState::kAwaitingApproval : TaskState::kUpcoming;
  if (deadline) {
    switch (classify(*deadline, now, policy)) {
      case DeadlineState::kOverdue:
        task.state = TaskState::kOverdue;
        break;
      case DeadlineState::kDueSoon:
        task.state = TaskState::kDueSoon;
        break;
      case DeadlineState::kOk:
        break;
    }
  }
  task.risk = c.risk_level.value_or(as_risk_level(c.urgency));
  task.label_code = label_for(kind);
  return task;
}

void collect(const CaseSummary& c, const CountryPolicy& policy, core::Timestamp now,
             std::vector<Task>& out) {
  if (!is_open(c.status)) return;
  auto add = [&](TaskKind kind, std::optional<Deadline> deadline) {
    out.push_back(make_task(kind, c, deadline, policy, now));
  };
  // A missing start date falls back to the report's date: the deadline then shows as early as it
  // can be, which prompts someone to fix the record instead of hiding the task.
  const core::Date reported_on = core::Date::of(c.reported_at);
  switch (c.status) {
    case CaseStatus::kReported:
      add(TaskKind::kRespondToReport, response_due(policy, c.reported_at, c.urgency));
      add(TaskKind::kScreeningDecision, screening_due(policy, c.reported_at));
      break;
    case CaseStatus::kScreening:
      add(TaskKind::kScreeningDecision, screening_due(policy, c.reported_at));
      break;
    case CaseStatus::kAssessment:
      add(TaskKind::kCompleteAssessment,
          assessment_due(policy, c.assessment_opened_on.value_or(reported_on)));
      break;
    case CaseStatus::kPlanning: {
      Deadline due = plan_due(policy, c.planning_started_on.value_or(reported_on));
      add(c.plan_awaiting_approval ? TaskKind::kApprovePlan : TaskKind::kWritePlan, due);
      break;
    }
    case CaseStatus::kImplementation:
    case CaseStatus::kReview: {
      core::Date from =
          c.last_review_on.value_or(c.implementation_started_on.value_or(reported_on));
      add(TaskKind::kHoldReview, review_due(policy, from, c.in_placement, c.next_review_on));
      break;
    }
    case CaseStatus::kClosed:
    case CaseStatus::kTransferred:
    case CaseStatus::kMerged:
      break;
  }
  if (c.closure_awaiting_approval) add(TaskKind::kApproveClosure, std::nullopt);
}

}  // namespace

std::string_view to_code(TaskKind kind) {
  return kTaskKinds.code(kind);
}
std::string_view to_code(TaskAudience audience) {
  return kTaskAudiences.code(audience);
}
std::string_view to_code(TaskState state) {
  return kTaskStates.code(state);
}
std::span<const TaskKind> all_task_kinds() {
  return kTaskKinds.values();
}

std::vector<Task> build_task_list(std::span<const CaseSummary> cases, const CountryPolicy& policy,
                                  core::Timestamp now) {
  std::vector<Task> tasks;
  tasks.reserve(cases.size() + cases.size() / 4);
  for (const CaseSummary& c : cases) collect(c, policy, now, tasks);

  auto key = [](const Task& t) {
    // No deadline sorts after every deadline.
    int64_t due = t.deadline ? t.deadline->late_from.ms : INT64_MAX;
    return std::tuple(static_cast<int>(t.state), due, static_cast<int>(t.risk),
                      std::string_view(t.case_id), static_cast<int>(t.kind));
  };
  std::sort(tasks.begin(), tasks.end(),
            [&](const Task& a, const Task& b) { return key(a) < key(b); });
  return tasks;
}

}  // namespace haven::domain
