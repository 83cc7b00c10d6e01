// The records of the six steps: screening decision, assessment, plan, referral, placement, review,
// note.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fixtures.h"

namespace haven::domain {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace fixtures;

TEST(ScreeningDecision, NeedsReasonsAPastDateAndTheDecider) {
  EXPECT_TRUE(validate_screening_decision(a_screening_decision(), kToday).ok());
  ScreeningDecision d = a_screening_decision();
  d.open_assessment = false;
  d.reasons = "";
  d.decided_on = kToday.plus_days(1);
  d.decided_by = "someone";
  auto fields = fields_of(validate_screening_decision(d, kToday));
  EXPECT_THAT(fields, Contains("reasons"));
  EXPECT_THAT(fields, Contains("decided_on"));
  EXPECT_THAT(fields, Contains("decided_by"));
}

TEST(Assessment, ADraftMayBePartial) {
  Assessment a;
  a.started_on = day("2026-05-01");
  a.safety = "First visit booked.";
  EXPECT_TRUE(validate_assessment(a, kToday).ok());
}

TEST(Assessment, CompletingNeedsRiskLevelRationaleAndTheChildsViews) {
  EXPECT_TRUE(validate_assessment(a_completed_assessment(), kToday).ok());
  Assessment a = a_completed_assessment();
  a.risk_level.reset();
  a.risk_rationale = "";
  a.child_views = "";
  auto status = validate_assessment(a, kToday);
  EXPECT_EQ(message_for(status, "risk_level"), "A completed assessment needs a risk level.");
  EXPECT_EQ(message_for(status, "risk_rationale"), "Explain why this risk level was chosen.");
  EXPECT_THAT(message_for(status, "child_views"), HasSubstr("why they could not be obtained"));
}

TEST(Assessment, CannotBeCompletedBeforeItStarted) {
  Assessment a = a_completed_assessment();
  a.completed_on = day("2026-03-31");
  EXPECT_THAT(message_for(validate_assessment(a, kToday), "completed_on"),
              HasSubstr("cannot be before the assessment started (2026-04-01)"));
}

TEST(CasePlan, AnApprovedPlanPasses) {
  auto status = validate_case_plan(an_approved_plan(), kToday);
  EXPECT_TRUE(status.ok()) << status.error().message;
  EXPECT_TRUE(has_goals_with_actions(an_approved_plan()));
}

TEST(CasePlan, ASubmittedPlanNeedsGoalsActionsResponsibleDueDatesAndViews) {
  CasePlan p = an_approved_plan();
  p.approval = PlanApprovalState::kSubmitted;
  p.approved_by.clear();
  p.approved_on.reset();
  EXPECT_TRUE(validate_case_plan(p, kToday).ok());

  p.goals[0].actions[0].responsible = "";
  p.goals[0].actions[0].due_on.reset();
  p.goals.push_back({"Homework help", {}});
  p.caregiver_views = "";
  auto fields = fields_of(validate_case_plan(p, kToday));
  EXPECT_THAT(fields, Contains("goals[0].actions[0].responsible"));
  EXPECT_THAT(fields, Contains("goals[0].actions[0].due_on"));
  EXPECT_THAT(fields, Contains("goals[1].actions"));
  EXPECT_THAT(fields, Contains("caregiver_views"));
  EXPECT_FALSE(has_goals_with_actions(p));

  // The same gaps are fine while the plan is a draft.
  p.approval = PlanApprovalState::kDraft;
  p.submitted_by.clear();
  p.submitted_on.reset();
  EXPECT_TRUE(validate_case_plan(p, kToday).ok());
}

TEST(CasePlan, ApprovalNamesTheApproverAndCannotPrecedeSubmission) {
  CasePlan p = an_approved_plan();
  p.approved_on = day("2026-05-15");  // submitted 2026-05-16
  EXPECT_THAT(fields_of(validate_case_plan(p, kToday)), Contains("approved_on"));
  p = an_approved_plan();
  p.approved_by.clear();
  EXPECT_THAT(fields_of(validate_case_plan(p, kToday)), Contains("approved_by"));
  p = an_approved_plan();
  p.approved_by = p.submitted_by;  // approving one's own plan
  EXPECT_THAT(message_for(validate_case_plan(p, kToday), "approved_by"),
              HasSubstr("someone other than the person who submitted it"));
  p = an_approved_plan();
  p.approval = PlanApprovalState::kReturned;  // returned, yet naming an approver
  EXPECT_THAT(fields_of(validate_case_plan(p, kToday)), Contains("approved_by"));
  p.approved_by.clear();
  p.approved_on.reset();
  EXPECT_THAT(fields_of(validate_case_plan(p, kToday)), Contains("approval_comment"));
  p.approval_comment = "Add what happens during school holidays.";
  EXPECT_TRUE(validate_case_plan(p, kToday).ok());
}

TEST(Referral, ASentReferralNeedsConsentOrASupervisorOverride) {
  EXPECT_TRUE(validate_referral(a_sent_referral(), kToday).ok());
  Referral r = a_sent_referral();
  r.consent.reset();
  EXPECT_THAT(message_for(validate_referral(r, kToday), "consent"),
              HasSubstr("ask a supervisor to override with a reason"));

  r.consent_override = ConsentOverride{std::string(kSupervisor), "", kToday};
  EXPECT_THAT(fields_of(validate_referral(r, kToday)), Contains("consent_override.reason"));
  r.consent_override->reason = "The child is at risk and the parents cannot be reached.";
  EXPECT_TRUE(validate_referral(r, kToday).ok());
}

TEST(Referral, ConsentIsNotNeededWhileProposedOrWhenTheLawDoesNotAskForIt) {
  Referral r = a_sent_referral();
  r.consent.reset();
  r.status = ReferralStatus::kProposed;
  EXPECT_TRUE(validate_referral(r, kToday).ok());
  r.status = ReferralStatus::kInProgress;
  r.consent_required = false;
  EXPECT_TRUE(validate_referral(r, kToday).ok());
}

TEST(Referral, ChecksProviderDatesAndWhoRecordedConsent) {
  Referral r = a_sent_referral();
  r.provider = "";
  r.referred_on.reset();
  r.consent->recorded_by = "";
  r.consent->given_on = kToday.plus_days(2);
  auto fields = fields_of(validate_referral(r, kToday));
  EXPECT_THAT(fields, Contains("provider"));
  EXPECT_THAT(fields, Contains("referred_on"));
  EXPECT_THAT(fields, Contains("consent.recorded_by"));
  EXPECT_THAT(fields, Contains("consent.given_on"));
}

TEST(Placement, CannotEndBeforeItStarts) {
  Placement p = a_placement();
  p.end_on = day("2026-01-09");
  p.exit_destination = ExitDestination::kReturnedToFamily;
  EXPECT_EQ(message_for(validate_placement(p, kToday), "end_on"),
            "This date cannot be before the placement started (2026-01-10).");
  p.end_on = p.start_on;  // a one-day emergency placement
  EXPECT_TRUE(validate_placement(p, kToday).ok());
}

TEST(Placement, NeedsProviderAndReasonAndReviewsWithinThePlacement) {
  Placement p = a_placement();
  p.provider = "";
  p.reason = "";
  p.review_dates = {day("2025-12-01"), kToday.plus_days(5)};
  p.end_reason = "Returned home";
  auto fields = fields_of(validate_placement(p, kToday));
  EXPECT_THAT(fields, Contains("provider"));
  EXPECT_THAT(fields, Contains("reason"));
  EXPECT_THAT(fields, Contains("review_dates[0]"));
  EXPECT_THAT(fields, Contains("review_dates[1]"));
  EXPECT_THAT(fields, Contains("end_reason"));  // an end reason without an end date
}

TEST(Placement, NeedsAtLeastOneEntryReasonEachOnce) {
  Placement p = a_placement();
  p.entry_reasons.clear();
  EXPECT_EQ(message_for(validate_placement(p, kToday), "entry_reasons"),
            "Choose at least one reason the child entered care.");
  // A placement recorded before the reasons were coded may be edited without them.
  EXPECT_TRUE(validate_placement(p, kToday, EntryReasons::kOptional).ok());
  p.entry_reasons = {EntryReason::kNeglect, EntryReason::kAbuse, EntryReason::kNeglect};
  EXPECT_EQ(message_for(validate_placement(p, kToday), "entry_reasons"), "Give each reason once.");
  p.entry_reasons = {EntryReason::kNeglect, EntryReason::kAbuse};
  EXPECT_TRUE(validate_placement(p, kToday).ok());
}

TEST(Placement, EndingNeedsAnExitDestinationAndOnlyThen) {
  Placement p = a_placement();
  p.end_on = day("2026-04-01");
  EXPECT_EQ(message_for(validate_placement(p, kToday), "exit_destination"),
            "Choose where the child went when the placement ended.");
  p.exit_destination = ExitDestination::kReturnedToFamily;
  EXPECT_TRUE(validate_placement(p, kToday).ok());
  p.end_on.reset();  // still placed: no destination yet
  EXPECT_EQ(message_for(validate_placement(p, kToday), "exit_destination"),
            "Only an ended placement has a destination; give the end date too.");
}

TEST(Placement, IsActiveFromStartThroughEnd) {
  Placement p = a_placement();
  p.end_on = day("2026-02-10");
  EXPECT_FALSE(is_active_on(p, day("2026-01-09")));
  EXPECT_TRUE(is_active_on(p, day("2026-01-10")));
  EXPECT_TRUE(is_active_on(p, day("2026-02-10")));
  EXPECT_FALSE(is_active_on(p, day("2026-02-11")));
}

TEST(Review, ReRatesTheRiskEveryTime) {
  EXPECT_TRUE(validate_review(a_review(), kToday).ok());
  Review r = a_review();
  r.risk_level.reset();
  r.next_review_on = r.held_on;
  auto status = validate_review(r, kToday);
  EXPECT_EQ(message_for(status, "risk_level"), "Re-rate the risk at every review.");
  EXPECT_THAT(fields_of(status), Contains("next_review_on"));
}

TEST(CaseNote, NeedsTextAnAuthorAndAPastDate) {
  EXPECT_TRUE(validate_case_note(a_note(), kToday).ok());
  CaseNote n = a_note();
  n.text = std::string(20'001, 'x');
  n.author_id = "";
  n.occurred_on = kToday.plus_days(1);
  auto fields = fields_of(validate_case_note(n, kToday));
  EXPECT_THAT(fields, Contains("text"));
  EXPECT_THAT(fields, Contains("author_id"));
  EXPECT_THAT(fields, Contains("occurred_on"));
  EXPECT_THAT(fields, Not(Contains("written_at")));
}

}  // namespace
}  // namespace haven::domain
