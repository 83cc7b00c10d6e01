// The case lifecycle: which action may move a case from which status to which, under which guards.
// Every transition and its guards are stated once, in the table in case_lifecycle.cpp (readable
// through transitions()). Guards read a CaseFacts snapshot the service assembles from the case's
// records, so the rules here are pure and can be tested row by row. All of it is stateless and
// thread-safe.
//
//   reported ─start_screening─► screening ─screen_in─► assessment ─complete_assessment─► planning
//   planning ─submit_plan─► planning (awaiting approval) ─approve_plan─► implementation
//   implementation ─start_review─► review ─continue_implementation─► implementation
//                                  review ─revise_plan─► planning
//   screening ─screen_out─► closed
//   assessment…review ─request_closure─► (same, awaiting approval) ─approve_closure─► closed
//                     (awaiting approval) ─return_closure─► (same, request withdrawn, comment kept)
//   reported…review ─transfer─► transferred        reported…review ─merge─► merged
//   closed ─reopen─► screening                      transferred and merged are final
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/case_types.h"

namespace haven::domain {

// A precondition of a transition. Each has a stable code (to_code) for the API and the UI, and a
// sentence (explain) that tells a caseworker what to do about it.
enum class Guard {
  kScreeningDecisionRecorded,
  kScreeningOpensAssessment,
  kScreeningDeclinesAssessment,
  kAssessmentCompletedWithRiskLevel,
  kPlanHasGoals,
  kPlanSubmitted,
  kPlanApproved,
  kReviewRecorded,
  kClosureReasonRecorded,
  kLeavingCarePlanIfAdult,
  kClosureRequested,
  kActorIsSupervisor,
  kPlanApproverIsNotSubmitter,
  kClosureApproverIsNotRequester,
  kTransferAccepted,
  kMergeTargetOpen,
  kReopenReasonRecorded,
  kReturnCommentRecorded,
};

std::string_view to_code(Guard guard);
std::string_view explain(Guard guard);
std::span<const Guard> all_guards();

// What the guards know about a case at the moment an action is asked for. The service fills it from
// the case's records and the acting user; every field defaults to "not done".
struct CaseFacts {
  bool screening_decision_recorded = false;
  bool screening_opens_assessment = false;  // meaningful only when a decision is recorded
  bool assessment_completed_with_risk_level = false;
  bool plan_has_goals = false;   // the current plan has goals, each with an action
  bool plan_submitted = false;   // submitted and waiting for approval
  bool plan_approved = false;    // the current plan is approved
  bool review_recorded = false;  // a review was recorded since the case entered review
  std::optional<ClosureReason> closure_reason;
  std::optional<int> child_age_at_closure;  // whole years on the closing day; nullopt if unknown
  bool leaving_care_plan_recorded = false;
  bool closure_requested = false;
  bool actor_is_supervisor = false;
  bool actor_submitted_plan = false;     // the acting user is the one who submitted the plan
  bool actor_requested_closure = false;  // the acting user is the one who requested closure
  bool transfer_accepted = false;        // the receiving agency accepted
  bool merge_target_open = false;        // a different, open case was chosen to merge into
  bool reopen_reason_recorded = false;
  bool return_comment_recorded = false;  // the supervisor wrote what to change
};

// A fixed-capacity list of guards, so the transition table can be a constexpr array.
class GuardList {
 public:
  static constexpr std::size_t kCapacity = 6;
  constexpr GuardList() = default;
  constexpr GuardList(std::initializer_list<Guard> guards) {  // NOLINT(google-explicit-constructor)
    for (Guard g : guards) items_[size_++] = g;  // more than kCapacity fails to compile
  }
  constexpr const Guard* begin() const { return items_.data(); }
  constexpr const Guard* end() const { return items_.data() + size_; }
  constexpr std::size_t size() const { return size_; }

 private:
  std::array<Guard, kCapacity> items_{};
  std::size_t size_ = 0;
};

// One row of the table: `action` taken in `from` leads to `to` when every guard holds.
struct Transition {
  CaseStatus from;
  CaseAction action;
  CaseStatus to;
  GuardList guards;
};

// The whole table, in the order it is written.
std::span<const Transition> transitions();

// The verdict on one action in one status.
struct TransitionCheck {
  CaseAction action = CaseAction::kStartScreening;
  std::optional<CaseStatus> to;  // nullopt: the action does not exist in this status
  std::vector<Guard> unmet;      // the guards that do not hold, in table order
  std::string reason;            // plain language; empty when allowed

  bool allowed() const { return to.has_value() && unmet.empty(); }
};

TransitionCheck evaluate(CaseStatus from, CaseAction action, const CaseFacts& facts);

// The new status, or a kConflict error whose message says what is missing. Its fields name each
// unmet guard by code ({"plan_approved", "A plan needs …"}), or {"action", …} when the action does
// not exist in this status, so a client can link to the record to complete.
core::Result<CaseStatus> check(CaseStatus from, CaseAction action, const CaseFacts& facts);

// Every action the table has for `from`, allowed or not with the reason, for the case page's
// buttons.
std::vector<TransitionCheck> available_actions(CaseStatus from, const CaseFacts& facts);

}  // namespace haven::domain
