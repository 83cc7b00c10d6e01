// The case lifecycle, checked against a table written out here independently of the one in
// case_lifecycle.cpp: every (status, action) pair, every guard of every row, and the messages a
// caseworker sees when a step is refused.
#include "domain/case_lifecycle.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <set>
#include <utility>

namespace haven::domain {

// Readable failure messages: codes instead of bytes.
void PrintTo(CaseStatus s, std::ostream* os) {
  *os << to_code(s);
}
void PrintTo(CaseAction a, std::ostream* os) {
  *os << to_code(a);
}
void PrintTo(Guard g, std::ostream* os) {
  *os << to_code(g);
}

namespace {

using ::testing::HasSubstr;
using S = CaseStatus;
using A = CaseAction;
using G = Guard;

struct Expected {
  S to;
  std::set<G> guards;
};

// What the lifecycle must be. A pair missing here must be refused as "not possible in this status".
const std::map<std::pair<S, A>, Expected>& expected_table() {
  static const auto* table = [] {
    auto* t = new std::map<std::pair<S, A>, Expected>;
    auto row = [&](S from, A action, S to, std::set<G> guards) {
      (*t)[{from, action}] = Expected{to, std::move(guards)};
    };
    const std::set<G> request_closure = {G::kClosureReasonRecorded, G::kLeavingCarePlanIfAdult};
    const std::set<G> approve_closure = {G::kClosureRequested, G::kClosureReasonRecorded,
                                         G::kLeavingCarePlanIfAdult, G::kActorIsSupervisor,
                                         G::kClosureApproverIsNotRequester};
    const std::set<G> return_closure = {G::kClosureRequested, G::kActorIsSupervisor,
                                        G::kReturnCommentRecorded};
    for (S open : {S::kReported, S::kScreening, S::kAssessment, S::kPlanning, S::kImplementation,
                   S::kReview}) {
      row(open, A::kTransfer, S::kTransferred, {G::kTransferAccepted});
      row(open, A::kMerge, S::kMerged, {G::kMergeTargetOpen});
    }
    for (S working : {S::kAssessment, S::kPlanning, S::kImplementation, S::kReview}) {
      row(working, A::kRequestClosure, working, request_closure);
      row(working, A::kApproveClosure, S::kClosed, approve_closure);
      row(working, A::kReturnClosure, working, return_closure);
    }
    row(S::kReported, A::kStartScreening, S::kScreening, {});
    row(S::kScreening, A::kScreenIn, S::kAssessment,
        {G::kScreeningDecisionRecorded, G::kScreeningOpensAssessment});
    row(S::kScreening, A::kScreenOut, S::kClosed,
        {G::kScreeningDecisionRecorded, G::kScreeningDeclinesAssessment, G::kActorIsSupervisor});
    row(S::kAssessment, A::kCompleteAssessment, S::kPlanning,
        {G::kAssessmentCompletedWithRiskLevel});
    row(S::kPlanning, A::kSubmitPlan, S::kPlanning, {G::kPlanHasGoals});
    row(S::kPlanning, A::kApprovePlan, S::kImplementation,
        {G::kPlanSubmitted, G::kActorIsSupervisor, G::kPlanApproverIsNotSubmitter});
    row(S::kImplementation, A::kStartReview, S::kReview, {});
    row(S::kReview, A::kContinueImplementation, S::kImplementation,
        {G::kReviewRecorded, G::kPlanApproved});
    row(S::kReview, A::kRevisePlan, S::kPlanning, {G::kReviewRecorded});
    row(S::kClosed, A::kReopen, S::kScreening, {G::kReopenReasonRecorded});
    return t;
  }();
  return *table;
}

// Makes one guard hold, touching only what that guard reads.
void satisfy(G g, CaseFacts& f) {
  switch (g) {
    case G::kScreeningDecisionRecorded:
      f.screening_decision_recorded = true;
      break;
    case G::kScreeningOpensAssessment:
      f.screening_decision_recorded = true;
      f.screening_opens_assessment = true;
      break;
    case G::kScreeningDeclinesAssessment:
      f.screening_decision_recorded = true;
      f.screening_opens_assessment = false;
      break;
    case G::kAssessmentCompletedWithRiskLevel:
      f.assessment_completed_with_risk_level = true;
      break;
    case G::kPlanHasGoals:
      f.plan_has_goals = true;
      break;
    case G::kPlanSubmitted:
      f.plan_submitted = true;
      break;
    case G::kPlanApproved:
      f.plan_approved = true;
      break;
    case G::kReviewRecorded:
      f.review_recorded = true;
      break;
    case G::kClosureReasonRecorded:
      f.closure_reason = ClosureReason::kGoalsMetChildSafe;
      break;
    case G::kLeavingCarePlanIfAdult:
      f.leaving_care_plan_recorded = true;
      break;
    case G::kClosureRequested:
      f.closure_requested = true;
      break;
    case G::kActorIsSupervisor:
      f.actor_is_supervisor = true;
      break;
    case G::kPlanApproverIsNotSubmitter:
      f.actor_submitted_plan = false;
      break;
    case G::kClosureApproverIsNotRequester:
      f.actor_requested_closure = false;
      break;
    case G::kTransferAccepted:
      f.transfer_accepted = true;
      break;
    case G::kMergeTargetOpen:
      f.merge_target_open = true;
      break;
    case G::kReopenReasonRecorded:
      f.reopen_reason_recorded = true;
      break;
    case G::kReturnCommentRecorded:
      f.return_comment_recorded = true;
      break;
  }
}

// Makes one guard fail.
void violate(G g, CaseFacts& f) {
  switch (g) {
    case G::kScreeningDecisionRecorded:
      f.screening_decision_recorded = false;
      break;
    case G::kScreeningOpensAssessment:
      f.screening_opens_assessment = false;
      break;
    case G::kScreeningDeclinesAssessment:
      f.screening_opens_assessment = true;
      break;
    case G::kAssessmentCompletedWithRiskLevel:
      f.assessment_completed_with_risk_level = false;
      break;
    case G::kPlanHasGoals:
      f.plan_has_goals = false;
      break;
    case G::kPlanSubmitted:
      f.plan_submitted = false;
      break;
    case G::kPlanApproved:
      f.plan_approved = false;
      break;
    case G::kReviewRecorded:
      f.review_recorded = false;
      break;
    case G::kClosureReasonRecorded:
      f.closure_reason.reset();
      break;
    case G::kLeavingCarePlanIfAdult:
      f.child_age_at_closure = 18;
      f.leaving_care_plan_recorded = false;
      break;
    case G::kClosureRequested:
      f.closure_requested = false;
      break;
    case G::kActorIsSupervisor:
      f.actor_is_supervisor = false;
      break;
    case G::kPlanApproverIsNotSubmitter:
      f.actor_submitted_plan = true;
      break;
    case G::kClosureApproverIsNotRequester:
      f.actor_requested_closure = true;
      break;
    case G::kTransferAccepted:
      f.transfer_accepted = false;
      break;
    case G::kMergeTargetOpen:
      f.merge_target_open = false;
      break;
    case G::kReopenReasonRecorded:
      f.reopen_reason_recorded = false;
      break;
    case G::kReturnCommentRecorded:
      f.return_comment_recorded = false;
      break;
  }
}

// Facts in which every guard of the row holds and every other guard fails, so a guard the table has
// but the expectation lacks makes the step fail.
CaseFacts only(const std::set<G>& guards) {
  CaseFacts f;
  for (G g : all_guards())
    if (!guards.count(g)) violate(g, f);
  for (G g : guards) satisfy(g, f);
  return f;
}

std::string name(S from, A action) {
  return std::string(to_code(from)) + " + " + std::string(to_code(action));
}

TEST(CaseLifecycle, EveryStatusAndActionPairMatchesTheExpectedTable) {
  int allowed_pairs = 0, refused_pairs = 0;
  for (S from : all_case_statuses()) {
    for (A action : all_case_actions()) {
      SCOPED_TRACE(name(from, action));
      auto it = expected_table().find({from, action});
      if (it == expected_table().end()) {
        // Not in the table: refused whatever the facts, and the refusal names the action.
        CaseFacts everything = only(std::set<G>(all_guards().begin(), all_guards().end()));
        TransitionCheck verdict = evaluate(from, action, everything);
        EXPECT_FALSE(verdict.allowed());
        EXPECT_FALSE(verdict.to.has_value());
        EXPECT_THAT(verdict.reason, HasSubstr("not possible while the case"));
        auto result = check(from, action, everything);
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error().code, core::ErrorCode::kConflict);
        ASSERT_EQ(result.error().fields.size(), 1u);
        EXPECT_EQ(result.error().fields[0].field, "action");
        ++refused_pairs;
        continue;
      }
      const Expected& want = it->second;

      // With exactly its guards satisfied, the step is allowed and lands where expected.
      auto result = check(from, action, only(want.guards));
      ASSERT_TRUE(result.ok()) << result.error().message;
      EXPECT_EQ(*result, want.to);

      // Each guard on its own blocks the step, and the refusal explains that guard.
      for (G g : want.guards) {
        SCOPED_TRACE(std::string(to_code(g)));
        CaseFacts facts = only(want.guards);
        violate(g, facts);
        TransitionCheck verdict = evaluate(from, action, facts);
        EXPECT_FALSE(verdict.allowed());
        ASSERT_TRUE(verdict.to.has_value());
        EXPECT_EQ(*verdict.to, want.to);
        EXPECT_THAT(verdict.unmet, ::testing::Contains(g));
        for (G unmet : verdict.unmet) EXPECT_TRUE(want.guards.count(unmet)) << to_code(unmet);
        EXPECT_THAT(verdict.reason, HasSubstr(std::string(explain(g))));
        auto refused = check(from, action, facts);
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error().code, core::ErrorCode::kConflict);
        bool named = false;
        for (const auto& field : refused.error().fields) named |= field.field == to_code(g);
        EXPECT_TRUE(named);
      }
      ++allowed_pairs;
    }
  }
  // 9 statuses × 15 actions = 135 pairs, of which 34 are transitions.
  EXPECT_EQ(allowed_pairs, 34);
  EXPECT_EQ(refused_pairs, 135 - 34);
  EXPECT_EQ(transitions().size(), expected_table().size());
}

TEST(CaseLifecycle, PlanningNeedsACompletedAssessmentWithRiskLevel) {
  CaseFacts facts;
  auto refused = check(S::kAssessment, A::kCompleteAssessment, facts);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "Complete the assessment with a risk level and its rationale before planning starts.");
  EXPECT_EQ(refused.error().fields[0].field, "assessment_completed_with_risk_level");

  facts.assessment_completed_with_risk_level = true;
  EXPECT_EQ(*check(S::kAssessment, A::kCompleteAssessment, facts), S::kPlanning);
}

TEST(CaseLifecycle, ImplementationNeedsAPlanApprovedByAnotherSupervisor) {
  CaseFacts facts;
  facts.plan_has_goals = true;
  facts.plan_submitted = true;
  facts.actor_submitted_plan = true;

  // The caseworker who wrote it cannot approve it.
  auto by_worker = check(S::kPlanning, A::kApprovePlan, facts);
  ASSERT_FALSE(by_worker.ok());
  EXPECT_THAT(by_worker.error().message, HasSubstr("needs a supervisor"));

  // Nor can a supervisor approve a plan they submitted themselves.
  facts.actor_is_supervisor = true;
  auto own_plan = check(S::kPlanning, A::kApprovePlan, facts);
  ASSERT_FALSE(own_plan.ok());
  EXPECT_THAT(own_plan.error().message, HasSubstr("someone other than the person who submitted"));

  facts.actor_submitted_plan = false;
  EXPECT_EQ(*check(S::kPlanning, A::kApprovePlan, facts), S::kImplementation);

  // After a review, implementation resumes only under an approved plan.
  CaseFacts after_review;
  after_review.review_recorded = true;
  auto unapproved = check(S::kReview, A::kContinueImplementation, after_review);
  ASSERT_FALSE(unapproved.ok());
  EXPECT_EQ(unapproved.error().message,
            "A plan needs a supervisor's approval before implementation can start.");
}

TEST(CaseLifecycle, ApprovingNeedsASubmittedPlanAndSubmittingNeedsGoals) {
  CaseFacts facts;
  facts.actor_is_supervisor = true;
  EXPECT_FALSE(check(S::kPlanning, A::kApprovePlan, facts).ok());
  auto empty_plan = check(S::kPlanning, A::kSubmitPlan, facts);
  ASSERT_FALSE(empty_plan.ok());
  EXPECT_EQ(empty_plan.error().fields[0].field, "plan_has_goals");
  facts.plan_has_goals = true;
  EXPECT_EQ(*check(S::kPlanning, A::kSubmitPlan, facts), S::kPlanning);  // waits for approval
}

TEST(CaseLifecycle, ClosingNeedsAStructuredReason) {
  CaseFacts facts;
  facts.closure_requested = true;
  facts.actor_is_supervisor = true;
  auto refused = check(S::kImplementation, A::kApproveClosure, facts);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("Record why the case is closing"));
  EXPECT_FALSE(check(S::kImplementation, A::kRequestClosure, facts).ok());

  facts.closure_reason = ClosureReason::kFamilyDeclinesChildSafe;
  EXPECT_EQ(*check(S::kImplementation, A::kRequestClosure, facts), S::kImplementation);
  EXPECT_EQ(*check(S::kImplementation, A::kApproveClosure, facts), S::kClosed);
}

TEST(CaseLifecycle, ClosingForAYoungPersonOf18NeedsALeavingCarePlan) {
  CaseFacts facts;
  facts.closure_reason = ClosureReason::kGoalsMetChildSafe;
  facts.closure_requested = true;
  facts.actor_is_supervisor = true;

  facts.child_age_at_closure = 17;
  EXPECT_TRUE(check(S::kImplementation, A::kApproveClosure, facts).ok());

  facts.child_age_at_closure = 18;
  auto refused = check(S::kImplementation, A::kApproveClosure, facts);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(
      refused.error().message,
      "The young person is 18 or older when the case closes: record a leaving-care plan first.");
  EXPECT_FALSE(check(S::kImplementation, A::kRequestClosure, facts).ok());

  facts.leaving_care_plan_recorded = true;
  EXPECT_EQ(*check(S::kImplementation, A::kApproveClosure, facts), S::kClosed);

  // The reason "turned 18" needs the plan even when the birth date is unknown.
  CaseFacts turned_18 = facts;
  turned_18.closure_reason = ClosureReason::kTurned18LeavingCare;
  turned_18.child_age_at_closure.reset();
  turned_18.leaving_care_plan_recorded = false;
  EXPECT_FALSE(check(S::kReview, A::kApproveClosure, turned_18).ok());

  // A child who died has no leaving-care plan to make.
  CaseFacts died = facts;
  died.closure_reason = ClosureReason::kChildDied;
  died.leaving_care_plan_recorded = false;
  EXPECT_TRUE(check(S::kReview, A::kApproveClosure, died).ok());
}

TEST(CaseLifecycle, ClosureNeedsARequestAndASupervisorWhoDidNotMakeIt) {
  CaseFacts facts;
  facts.closure_reason = ClosureReason::kGoalsMetChildSafe;
  auto not_requested = check(S::kReview, A::kApproveClosure, facts);
  ASSERT_FALSE(not_requested.ok());
  // Both missing preconditions are named, in table order.
  ASSERT_EQ(not_requested.error().fields.size(), 2u);
  EXPECT_EQ(not_requested.error().fields[0].field, "closure_requested");
  EXPECT_EQ(not_requested.error().fields[1].field, "actor_is_supervisor");

  facts.closure_requested = true;
  facts.actor_is_supervisor = true;
  facts.actor_requested_closure = true;
  auto own_request = check(S::kReview, A::kApproveClosure, facts);
  ASSERT_FALSE(own_request.ok());
  EXPECT_EQ(own_request.error().fields[0].field, "closure_approver_is_not_requester");
}

TEST(CaseLifecycle, AReturnedClosureRequestStaysInItsStatusAndNeedsASupervisorsComment) {
  CaseFacts facts;
  facts.closure_reason = ClosureReason::kGoalsMetChildSafe;
  facts.closure_requested = true;
  facts.actor_is_supervisor = true;
  auto no_comment = check(S::kImplementation, A::kReturnClosure, facts);
  ASSERT_FALSE(no_comment.ok());
  EXPECT_THAT(no_comment.error().message, HasSubstr("what the worker should change"));
  facts.return_comment_recorded = true;
  EXPECT_EQ(*check(S::kImplementation, A::kReturnClosure, facts), S::kImplementation);
  facts.actor_is_supervisor = false;
  EXPECT_FALSE(check(S::kImplementation, A::kReturnClosure, facts).ok());
  facts.actor_is_supervisor = true;
  facts.closure_requested = false;  // nothing to return
  auto not_requested = check(S::kReview, A::kReturnClosure, facts);
  ASSERT_FALSE(not_requested.ok());
  EXPECT_EQ(not_requested.error().fields.front().field, "closure_requested");
  EXPECT_FALSE(check(S::kClosed, A::kReturnClosure, facts).ok());
}

TEST(CaseLifecycle, ScreeningOutClosesTheCaseWhichCanBeReopenedIntoScreening) {
  CaseFacts facts;
  facts.screening_decision_recorded = true;
  facts.screening_opens_assessment = false;
  facts.actor_is_supervisor = true;
  EXPECT_EQ(*check(S::kScreening, A::kScreenOut, facts), S::kClosed);
  // The same decision cannot open an assessment.
  auto screen_in = check(S::kScreening, A::kScreenIn, facts);
  ASSERT_FALSE(screen_in.ok());
  EXPECT_EQ(screen_in.error().fields[0].field, "screening_opens_assessment");

  auto no_reason = check(S::kClosed, A::kReopen, CaseFacts{});
  ASSERT_FALSE(no_reason.ok());
  EXPECT_THAT(no_reason.error().message, HasSubstr("reason for reopening"));
  CaseFacts reopen;
  reopen.reopen_reason_recorded = true;
  EXPECT_EQ(*check(S::kClosed, A::kReopen, reopen), S::kScreening);
}

TEST(CaseLifecycle, TransferredAndMergedCasesAreFinal) {
  CaseFacts everything;
  for (G g : all_guards()) satisfy(g, everything);
  EXPECT_TRUE(available_actions(S::kTransferred, everything).empty());
  EXPECT_TRUE(available_actions(S::kMerged, everything).empty());
  auto refused = check(S::kTransferred, A::kReopen, everything);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "Reopen is not possible while the case has been transferred.");
}

TEST(CaseLifecycle, TransferWaitsForTheReceivingAgency) {
  auto refused = check(S::kImplementation, A::kTransfer, CaseFacts{});
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("stays here until it does"));
}

TEST(CaseLifecycle, AvailableActionsListTheStatusButtonsWithReasons) {
  CaseFacts facts;
  facts.plan_has_goals = true;
  auto actions = available_actions(S::kPlanning, facts);
  std::vector<std::string> codes;
  codes.reserve(actions.size());
  for (const auto& a : actions) codes.emplace_back(to_code(a.action));
  EXPECT_THAT(codes,
              ::testing::ElementsAre("submit_plan", "approve_plan", "request_closure",
                                     "approve_closure", "return_closure", "transfer", "merge"));
  EXPECT_TRUE(actions[0].allowed());
  EXPECT_TRUE(actions[0].reason.empty());
  EXPECT_FALSE(actions[1].allowed());
  EXPECT_THAT(actions[1].reason, HasSubstr("submitted for approval first"));
}

TEST(CaseLifecycle, GuardCodesAreStable) {
  // These codes are part of the API: changing one breaks clients and stored history.
  std::vector<std::string> codes;
  for (G g : all_guards()) codes.emplace_back(to_code(g));
  EXPECT_THAT(codes,
              ::testing::ElementsAre(
                  "screening_decision_recorded", "screening_opens_assessment",
                  "screening_declines_assessment", "assessment_completed_with_risk_level",
                  "plan_has_goals", "plan_submitted", "plan_approved", "review_recorded",
                  "closure_reason_recorded", "leaving_care_plan_if_adult", "closure_requested",
                  "actor_is_supervisor", "plan_approver_is_not_submitter",
                  "closure_approver_is_not_requester", "transfer_accepted", "merge_target_open",
                  "reopen_reason_recorded", "return_comment_recorded"));
  for (G g : all_guards()) EXPECT_THAT(std::string(explain(g)), ::testing::EndsWith("."));
}

}  // namespace
}  // namespace haven::domain
