// Deadlines under a country policy, classified against a fixed `now` (as a core::ManualClock gives
// it).
#include "domain/deadlines.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fixtures.h"

namespace haven::domain {
namespace {

using namespace fixtures;

constexpr int64_t kHourMs = 3'600'000;

CountryPolicy sweden() {
  CountryPolicy p;
  p.country = "SE";
  p.assessment_days = 120;
  p.placement_review_interval_days = 90;
  return p;
}

TEST(Deadlines, ScreeningIsDueAtTheEndOfTheFourteenthDay) {
  CountryPolicy policy;  // screening_days = 14
  Deadline due = screening_due(policy, at("2026-03-01", 22, 30));
  EXPECT_EQ(due.due_date().to_string(), "2026-03-15");
  EXPECT_TRUE(due.whole_days);
  EXPECT_EQ(due.late_from, at("2026-03-16"));
}

TEST(Deadlines, ClassifiesOkDueSoonAndOverdueAroundAFixedNow) {
  CountryPolicy policy;                                        // due_soon_days = 3
  Deadline due = screening_due(policy, at("2026-03-01", 10));  // on time through 2026-03-15
  core::ManualClock clock(at("2026-03-12", 23, 59));
  EXPECT_EQ(classify(due, clock.now(), policy), DeadlineState::kOk);
  clock.set(at("2026-03-13"));  // three days left: the 13th, 14th and 15th
  EXPECT_EQ(classify(due, clock.now(), policy), DeadlineState::kDueSoon);
  clock.set(at("2026-03-15", 23, 59));
  EXPECT_EQ(classify(due, clock.now(), policy), DeadlineState::kDueSoon);
  clock.set(at("2026-03-16"));
  EXPECT_EQ(classify(due, clock.now(), policy), DeadlineState::kOverdue);
  clock.advance_ms(30LL * 86'400'000);
  EXPECT_EQ(classify(due, clock.now(), policy), DeadlineState::kOverdue);
  EXPECT_EQ(classify(due, at("2026-03-14"), 0), DeadlineState::kOk);  // due soon switched off
}

TEST(Deadlines, ResponseTimeFollowsTheRiskLevel) {
  CountryPolicy policy;
  core::Timestamp received = at("2026-05-18", 9, 30);
  EXPECT_EQ(response_due(policy, received, RiskLevel::kHigh).late_from.ms - received.ms,
            24 * kHourMs);
  EXPECT_EQ(response_due(policy, received, RiskLevel::kMedium).late_from.ms - received.ms,
            72 * kHourMs);
  EXPECT_EQ(response_due(policy, received, RiskLevel::kLow).late_from.ms - received.ms,
            168 * kHourMs);
  EXPECT_EQ(response_due(policy, received, Urgency::kHigh),
            response_due(policy, received, RiskLevel::kHigh));
  EXPECT_FALSE(response_due(policy, received, RiskLevel::kHigh).whole_days);

  // Twenty hours after a high-risk report, the response is due soon; after 24 h it is overdue.
  EXPECT_EQ(
      classify(response_due(policy, received, RiskLevel::kHigh), received.plus_hours(20), policy),
      DeadlineState::kDueSoon);
  EXPECT_EQ(
      classify(response_due(policy, received, RiskLevel::kHigh), received.plus_hours(24), policy),
      DeadlineState::kOverdue);
  EXPECT_EQ(
      classify(response_due(policy, received, RiskLevel::kLow), received.plus_hours(24), policy),
      DeadlineState::kOk);
}

TEST(Deadlines, SummerTimeDoesNotMoveADeadline) {
  CountryPolicy policy;
  // Clocks in the region go forward at 01:00 UTC on 2026-03-29 and back on 2026-10-25.
  core::Timestamp before_spring = at("2026-03-28", 23);
  EXPECT_EQ(response_due(policy, before_spring, RiskLevel::kHigh).late_from, at("2026-03-29", 23));
  core::Timestamp before_autumn = at("2026-10-24", 12);
  EXPECT_EQ(response_due(policy, before_autumn, RiskLevel::kMedium).late_from,
            at("2026-10-27", 12));
  Deadline across = screening_due(policy, before_autumn);
  EXPECT_EQ(across.due_date().to_string(), "2026-11-07");
  EXPECT_EQ(across.late_from.ms - at("2026-10-24").ms, kHourMs * 24 * 15);
}

TEST(Deadlines, SwedishInvestigationTakesAtMost120Days) {
  Deadline due = assessment_due(sweden(), day("2026-01-15"));
  EXPECT_EQ(due.due_date().to_string(), "2026-05-15");
  CountryPolicy generic;
  EXPECT_EQ(assessment_due(generic, day("2026-01-15")).due_date().to_string(), "2026-02-14");
}

TEST(Deadlines, PlanIsDueTwoWeeksAfterPlanningStarts) {
  EXPECT_EQ(plan_due(CountryPolicy{}, day("2026-12-25")).due_date().to_string(), "2027-01-08");
}

TEST(Deadlines, ReviewsFollowTheIntervalAndPlacementsComeSooner) {
  CountryPolicy policy;  // 90 days; 60 in placement
  core::Date last = day("2026-01-10");
  EXPECT_EQ(review_due(policy, last, false).due_date().to_string(), "2026-04-10");
  EXPECT_EQ(review_due(policy, last, true).due_date().to_string(), "2026-03-11");
  // A next-review date set at the review brings it forward…
  EXPECT_EQ(review_due(policy, last, false, day("2026-02-01")).due_date().to_string(),
            "2026-02-01");
  // …but cannot push it past the policy interval.
  EXPECT_EQ(review_due(policy, last, false, day("2026-12-01")).due_date().to_string(),
            "2026-04-10");
  EXPECT_EQ(classify(review_due(policy, last, true), at("2026-03-12"), policy),
            DeadlineState::kOverdue);
}

TEST(Deadlines, BarnahusStepsCountFromTheReport) {
  CountryPolicy policy;
  core::Timestamp referral = at("2026-05-04", 16);
  EXPECT_EQ(barnahus_interview_due(policy, referral).due_date().to_string(), "2026-05-18");
  EXPECT_EQ(barnahus_medical_exam_due(policy, referral, false).due_date().to_string(),
            "2026-05-18");
  Deadline acute = barnahus_medical_exam_due(policy, referral, true);
  EXPECT_FALSE(acute.whole_days);
  EXPECT_EQ(acute.late_from, at("2026-05-07", 16));
  EXPECT_EQ(barnahus_assessment_due(policy, referral).due_date().to_string(), "2026-06-03");
}

TEST(Deadlines, StateCodesAreStable) {
  std::vector<std::string> codes;
  for (DeadlineState s : all_deadline_states()) codes.emplace_back(to_code(s));
  EXPECT_THAT(codes, ::testing::ElementsAre("ok", "due_soon", "overdue"));
}

}  // namespace
}  // namespace haven::domain
