// CasePlan: what is to change for the child and who does what by when — goals with actions, each
// with a responsible person and a due date — together with the child's and caregivers' views and
// the supervisor's approval. A plan is written as a draft, submitted, then approved or returned.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "domain/case_types.h"

namespace haven::domain {

struct PlanAction {
  std::string description;
  std::string responsible;  // a person or agency, as the family would name them
  std::optional<core::Date> due_on;
  bool done = false;
};

struct PlanGoal {
  std::string description;
  std::vector<PlanAction> actions;
};

struct CasePlan {
  std::string id;
  std::vector<PlanGoal> goals;
  std::string child_views;      // or why they could not be obtained
  std::string caregiver_views;  // or why they could not be obtained
  PlanApprovalState approval = PlanApprovalState::kDraft;
  std::string submitted_by;  // user id; set from kSubmitted on
  std::optional<core::Date> submitted_on;
  std::string approved_by;  // user id of the supervisor; set when kApproved
  std::optional<core::Date> approved_on;
  std::string approval_comment;  // required when returned: what to change
};

// A draft only has to be well-formed. From submission on, the plan must be complete: at least one
// goal, every goal with an action, every action with someone responsible and a due date, and both
// sets of views.
core::Status validate_case_plan(const CasePlan& plan, core::Date today);

// True when the plan has at least one goal with at least one action (the lifecycle's "plan
// exists").
bool has_goals_with_actions(const CasePlan& plan);

}  // namespace haven::domain
