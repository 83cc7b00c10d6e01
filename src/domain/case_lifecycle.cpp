// The transition table and the guard rules. Read the table top to bottom to know every way a case
// can move; a (status, action) pair that is not in it is not possible.
#include "domain/case_lifecycle.h"

#include "domain/closure.h"
#include "domain/enum_table.h"

namespace haven::domain {
namespace {

using S = CaseStatus;
using A = CaseAction;
using G = Guard;

// Closing works the same from assessment on: a caseworker requests it with a reason, a second
// person who is a supervisor approves it.
constexpr GuardList kRequestClosureGuards = {G::kClosureReasonRecorded, G::kLeavingCarePlanIfAdult};
constexpr GuardList kApproveClosureGuards = {G::kClosureRequested, G::kClosureReasonRecorded,
                                             G::kLeavingCarePlanIfAdult, G::kActorIsSupervisor,
                                             G::kClosureApproverIsNotRequester};
// A supervisor may instead send the request back, saying what to change; the case stays where it
// is and the worker can request closure again.
constexpr GuardList kReturnClosureGuards = {G::kClosureRequested, G::kActorIsSupervisor,
                                            G::kReturnCommentRecorded};

// clang-format off
constexpr Transition kTransitions[] = {
    // from              action                        to                  guards
    {S::kReported,       A::kStartScreening,           S::kScreening,      {}},
    {S::kReported,       A::kTransfer,                 S::kTransferred,    {G::kTransferAccepted}},
    {S::kReported,       A::kMerge,                    S::kMerged,         {G::kMergeTargetOpen}},

    {S::kScreening,      A::kScreenIn,                 S::kAssessment,
     {G::kScreeningDecisionRecorded, G::kScreeningOpensAssessment}},
    // Screening out closes the case: the decision and its reasons are the closure record, and like
    // every closure it needs a supervisor.
    {S::kScreening,      A::kScreenOut,                S::kClosed,
     {G::kScreeningDecisionRecorded, G::kScreeningDeclinesAssessment, G::kActorIsSupervisor}},
    {S::kScreening,      A::kTransfer,                 S::kTransferred,    {G::kTransferAccepted}},
    {S::kScreening,      A::kMerge,                    S::kMerged,         {G::kMergeTargetOpen}},

    {S::kAssessment,     A::kCompleteAssessment,       S::kPlanning,
     {G::kAssessmentCompletedWithRiskLevel}},
    {S::kAssessment,     A::kRequestClosure,           S::kAssessment,     kRequestClosureGuards},
    {S::kAssessment,     A::kApproveClosure,           S::kClosed,         kApproveClosureGuards},
    {S::kAssessment,     A::kReturnClosure,            S::kAssessment,     kReturnClosureGuards},
    {S::kAssessment,     A::kTransfer,                 S::kTransferred,    {G::kTransferAccepted}},
    {S::kAssessment,     A::kMerge,                    S::kMerged,         {G::kMergeTargetOpen}},

    // Submitting keeps the case in planning; the plan then waits for a supervisor.
    {S::kPlanning,       A::kSubmitPlan,               S::kPlanning,       {G::kPlanHasGoals}},
    {S::kPlanning,       A::kApprovePlan,              S::kImplementation,
     {G::kPlanSubmitted, G::kActorIsSupervisor, G::kPlanApproverIsNotSubmitter}},
    {S::kPlanning,       A::kRequestClosure,           S::kPlanning,       kRequestClosureGuards},
    {S::kPlanning,       A::kApproveClosure,           S::kClosed,         kApproveClosureGuards},
    {S::kPlanning,       A::kReturnClosure,            S::kPlanning,       kReturnClosureGuards},
    {S::kPlanning,       A::kTransfer,                 S::kTransferred,    {G::kTransferAccepted}},
    {S::kPlanning,       A::kMerge,                    S::kMerged,         {G::kMergeTargetOpen}},

    {S::kImplementation, A::kStartReview,              S::kReview,         {}},
    {S::kImplementation, A::kRequestClosure,           S::kImplementation, kRequestClosureGuards},
    {S::kImplementation, A::kApproveClosure,           S::kClosed,         kApproveClosureGuards},
    {S::kImplementation, A::kReturnClosure,            S::kImplementation, kReturnClosureGuards},
    {S::kImplementation, A::kTransfer,                 S::kTransferred,    {G::kTransferAccepted}},
    {S::kImplementation, A::kMerge,                    S::kMerged,         {G::kMergeTargetOpen}},

    {S::kReview,         A::kContinueImplementation,   S::kImplementation,
     {G::kReviewRecorded, G::kPlanApproved}},
    {S::kReview,         A::kRevisePlan,               S::kPlanning,       {G::kReviewRecorded}},
    {S::kReview,         A::kRequestClosure,           S::kReview,         kRequestClosureGuards},
    {S::kReview,         A::kApproveClosure,           S::kClosed,         kApproveClosureGuards},
    {S::kReview,         A::kReturnClosure,            S::kReview,         kReturnClosureGuards},
    {S::kReview,         A::kTransfer,                 S::kTransferred,    {G::kTransferAccepted}},
    {S::kReview,         A::kMerge,                    S::kMerged,         {G::kMergeTargetOpen}},

    // New concern about a closed case is screened again, like a new report.
    {S::kClosed,         A::kReopen,                   S::kScreening,
     {G::kReopenReasonRecorded}},
    // Transferred and merged are final: the case lives on at the other agency or in the other case.
};
// clang-format on

constexpr bool each_pair_once() {
  for (std::size_t i = 0; i < std::size(kTransitions); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (kTransitions[i].from == kTransitions[j].from &&
          kTransitions[i].action == kTransitions[j].action)
        return false;
  return true;
}
static_assert(each_pair_once(), "a (status, action) pair may appear only once in the table");

constexpr bool final_states_have_no_exits() {
  for (const auto& t : kTransitions)
    if (t.from == S::kTransferred || t.from == S::kMerged) return false;
  return true;
}
static_assert(final_states_have_no_exits());

constexpr auto kGuardCodes = make_enum_table<Guard>({
    {G::kScreeningDecisionRecorded, "screening_decision_recorded"},
    {G::kScreeningOpensAssessment, "screening_opens_assessment"},
    {G::kScreeningDeclinesAssessment, "screening_declines_assessment"},
    {G::kAssessmentCompletedWithRiskLevel, "assessment_completed_with_risk_level"},
    {G::kPlanHasGoals, "plan_has_goals"},
    {G::kPlanSubmitted, "plan_submitted"},
    {G::kPlanApproved, "plan_approved"},
    {G::kReviewRecorded, "review_recorded"},
    {G::kClosureReasonRecorded, "closure_reason_recorded"},
    {G::kLeavingCarePlanIfAdult, "leaving_care_plan_if_adult"},
    {G::kClosureRequested, "closure_requested"},
    {G::kActorIsSupervisor, "actor_is_supervisor"},
    {G::kPlanApproverIsNotSubmitter, "plan_approver_is_not_submitter"},
    {G::kClosureApproverIsNotRequester, "closure_approver_is_not_requester"},
    {G::kTransferAccepted, "transfer_accepted"},
    {G::kMergeTargetOpen, "merge_target_open"},
    {G::kReopenReasonRecorded, "reopen_reason_recorded"},
    {G::kReturnCommentRecorded, "return_comment_recorded"},
});
static_assert(kGuardCodes.complete_through(G::kReturnCommentRecorded));

bool holds(Guard guard, const CaseFacts& f) {
  switch (guard) {
    case G::kScreeningDecisionRecorded:
      return f.screening_decision_recorded;
    case G::kScreeningOpensAssessment:
      return f.screening_decision_recorded && f.screening_opens_assessment;
    case G::kScreeningDeclinesAssessment:
      return f.screening_decision_recorded && !f.screening_opens_assessment;
    case G::kAssessmentCompletedWithRiskLevel:
      return f.assessment_completed_with_risk_level;
    case G::kPlanHasGoals:
      return f.plan_has_goals;
    case G::kPlanSubmitted:
      return f.plan_submitted;
    case G::kPlanApproved:
      return f.plan_approved;
    case G::kReviewRecorded:
      return f.review_recorded;
    case G::kClosureReasonRecorded:
      return f.closure_reason.has_value();
    case G::kLeavingCarePlanIfAdult:
      return !leaving_care_plan_needed(f.closure_reason, f.child_age_at_closure) ||
             f.leaving_care_plan_recorded;
    case G::kClosureRequested:
      return f.closure_requested;
    case G::kActorIsSupervisor:
      return f.actor_is_supervisor;
    case G::kPlanApproverIsNotSubmitter:
      return !f.actor_submitted_plan;
    case G::kClosureApproverIsNotRequester:
      return !f.actor_requested_closure;
    case G::kTransferAccepted:
      return f.transfer_accepted;
    case G::kMergeTargetOpen:
      return f.merge_target_open;
    case G::kReopenReasonRecorded:
      return f.reopen_reason_recorded;
    case G::kReturnCommentRecorded:
      return f.return_comment_recorded;
  }
  return false;
}

std::string_view status_phrase(CaseStatus s) {
  switch (s) {
    case S::kReported:
      return "has just been reported";
    case S::kScreening:
      return "is in screening";
    case S::kAssessment:
      return "is being assessed";
    case S::kPlanning:
      return "is in planning";
    case S::kImplementation:
      return "is in implementation";
    case S::kReview:
      return "is under review";
    case S::kClosed:
      return "is closed";
    case S::kTransferred:
      return "has been transferred";
    case S::kMerged:
      return "has been merged into another case";
  }
  return "is in an unknown status";
}

std::string_view action_phrase(CaseAction a) {
  switch (a) {
    case A::kStartScreening:
      return "Start screening";
    case A::kScreenIn:
      return "Open an assessment";
    case A::kScreenOut:
      return "Screen out";
    case A::kCompleteAssessment:
      return "Complete the assessment";
    case A::kSubmitPlan:
      return "Submit the plan";
    case A::kApprovePlan:
      return "Approve the plan";
    case A::kStartReview:
      return "Start a review";
    case A::kContinueImplementation:
      return "Continue implementation";
    case A::kRevisePlan:
      return "Revise the plan";
    case A::kRequestClosure:
      return "Request closure";
    case A::kApproveClosure:
      return "Approve closure";
    case A::kTransfer:
      return "Transfer";
    case A::kMerge:
      return "Merge";
    case A::kReopen:
      return "Reopen";
    case A::kReturnClosure:
      return "Returning the closure request";
  }
  return "This action";
}

const Transition* find_row(CaseStatus from, CaseAction action) {
  for (const auto& t : kTransitions)
    if (t.from == from && t.action == action) return &t;
  return nullptr;
}

TransitionCheck evaluate_row(const Transition& row, const CaseFacts& facts) {
  TransitionCheck result;
  result.action = row.action;
  result.to = row.to;
  for (Guard g : row.guards) {
    if (holds(g, facts)) continue;
    result.unmet.push_back(g);
    if (!result.reason.empty()) result.reason += ' ';
    result.reason += explain(g);
  }
  return result;
}

}  // namespace

std::string_view to_code(Guard guard) {
  return kGuardCodes.code(guard);
}
std::span<const Guard> all_guards() {
  return kGuardCodes.values();
}

std::string_view explain(Guard guard) {
  switch (guard) {
    case G::kScreeningDecisionRecorded:
      return "Record the screening decision and its reasons first.";
    case G::kScreeningOpensAssessment:
      return "The screening decision is not to open an assessment; change the decision, or screen "
             "the case out.";
    case G::kScreeningDeclinesAssessment:
      return "The screening decision is to open an assessment; change the decision, or open the "
             "assessment.";
    case G::kAssessmentCompletedWithRiskLevel:
      return "Complete the assessment with a risk level and its rationale before planning starts.";
    case G::kPlanHasGoals:
      return "Write a plan with at least one goal, each with an action, before submitting it.";
    case G::kPlanSubmitted:
      return "The plan has to be submitted for approval first.";
    case G::kPlanApproved:
      return "A plan needs a supervisor's approval before implementation can start.";
    case G::kReviewRecorded:
      return "Record the review, with progress and the re-rated risk, first.";
    case G::kClosureReasonRecorded:
      return "Record why the case is closing before it can be closed.";
    case G::kLeavingCarePlanIfAdult:
      return "The young person is 18 or older when the case closes: record a leaving-care plan "
             "first.";
    case G::kClosureRequested:
      return "Closure has to be requested, with its reason, first.";
    case G::kActorIsSupervisor:
      return "This step needs a supervisor; ask your supervisor to do it.";
    case G::kPlanApproverIsNotSubmitter:
      return "The plan must be approved by someone other than the person who submitted it.";
    case G::kClosureApproverIsNotRequester:
      return "The closure must be approved by someone other than the person who requested it.";
    case G::kTransferAccepted:
      return "The receiving agency has not accepted the transfer yet; the case stays here until it "
             "does.";
    case G::kMergeTargetOpen:
      return "Choose the open case this one should be merged into.";
    case G::kReopenReasonRecorded:
      return "Give the reason for reopening the case, such as a new report of concern.";
    case G::kReturnCommentRecorded:
      return "Write what the worker should change before returning the closure request.";
  }
  return "A precondition is not met.";
}

std::span<const Transition> transitions() {
  return kTransitions;
}

TransitionCheck evaluate(CaseStatus from, CaseAction action, const CaseFacts& facts) {
  if (const Transition* row = find_row(from, action)) return evaluate_row(*row, facts);
  TransitionCheck result;
  result.action = action;
  result.reason = std::string(action_phrase(action)) + " is not possible while the case " +
                  std::string(status_phrase(from)) + ".";
  return result;
}

core::Result<CaseStatus> check(CaseStatus from, CaseAction action, const CaseFacts& facts) {
  TransitionCheck verdict = evaluate(from, action, facts);
  if (verdict.allowed()) return *verdict.to;
  std::vector<core::FieldError> fields;
  if (!verdict.to) {
    fields.push_back({"action", verdict.reason});
  } else {
    for (Guard g : verdict.unmet)
      fields.push_back({std::string(to_code(g)), std::string(explain(g))});
  }
  core::Error error = core::Error::conflict(verdict.reason);
  error.fields = std::move(fields);
  return error;
}

std::vector<TransitionCheck> available_actions(CaseStatus from, const CaseFacts& facts) {
  std::vector<TransitionCheck> actions;
  for (const auto& row : kTransitions)
    if (row.from == from) actions.push_back(evaluate_row(row, facts));
  return actions;
}

}  // namespace haven::domain
