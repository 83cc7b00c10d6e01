// The rules for a case plan and its approval.
#include "domain/case_plan.h"

#include "core/utf8.h"
#include "domain/field_errors.h"

namespace haven::domain {

bool has_goals_with_actions(const CasePlan& plan) {
  if (plan.goals.empty()) return false;
  for (const auto& goal : plan.goals)
    if (goal.actions.empty()) return false;
  return true;
}

core::Status validate_case_plan(const CasePlan& p, core::Date today) {
  FieldErrors errors;
  const bool complete = p.approval != PlanApprovalState::kDraft;
  const Presence needed = complete ? Presence::kRequired : Presence::kOptional;

  if (complete && p.goals.empty()) errors.add("goals", "A plan needs at least one goal.");
  for (std::size_t g = 0; g < p.goals.size(); ++g) {
    const PlanGoal& goal = p.goals[g];
    errors.text(indexed_field("goals", g, "description"), goal.description, kTextMaxChars,
                Presence::kRequired);
    std::string actions_field = indexed_field("goals", g, "actions");
    if (complete && goal.actions.empty())
      errors.add(actions_field, "Each goal needs at least one action.");
    for (std::size_t a = 0; a < goal.actions.size(); ++a) {
      const PlanAction& action = goal.actions[a];
      std::string prefix = indexed_field(actions_field, a);
      errors.text(prefix + ".description", action.description, kTextMaxChars, Presence::kRequired);
      errors.line(prefix + ".responsible", action.responsible, kNameMaxChars, needed);
      if (complete && !action.due_on)
        errors.add(prefix + ".due_on", "Give each action a due date.");
    }
  }

  bool views_ok = errors.text("child_views", p.child_views, kTextMaxChars, Presence::kOptional);
  bool caregivers_ok =
      errors.text("caregiver_views", p.caregiver_views, kTextMaxChars, Presence::kOptional);
  if (complete && views_ok && core::trim(p.child_views).empty())
    errors.add("child_views",
               "Record the child's views on the plan, or why they could not be obtained.");
  if (complete && caregivers_ok && core::trim(p.caregiver_views).empty())
    errors.add("caregiver_views",
               "Record the caregivers' views on the plan, or why they could not be obtained.");

  if (complete) {
    errors.id("submitted_by", p.submitted_by, Presence::kRequired);
    if (!p.submitted_on)
      errors.add("submitted_on", "Record when the plan was submitted.");
    else
      errors.not_future("submitted_on", *p.submitted_on, today);
  }
  if (p.approval == PlanApprovalState::kApproved) {
    if (errors.id("approved_by", p.approved_by, Presence::kRequired) &&
        p.approved_by == p.submitted_by)
      errors.add("approved_by",
                 "A plan is approved by someone other than the person who submitted it.");
    if (!p.approved_on) {
      errors.add("approved_on", "Record when the plan was approved.");
    } else if (errors.not_future("approved_on", *p.approved_on, today) && p.submitted_on) {
      errors.not_before("approved_on", *p.approved_on, *p.submitted_on, "the plan was submitted");
    }
  } else if (!p.approved_by.empty() || p.approved_on) {
    errors.add("approved_by", "Only an approved plan names who approved it.");
  }
  errors.text(
      "approval_comment", p.approval_comment, kTextMaxChars,
      p.approval == PlanApprovalState::kReturned ? Presence::kRequired : Presence::kOptional);
  return errors.status("The case plan needs correcting; see the marked fields.");
}

}  // namespace haven::domain
