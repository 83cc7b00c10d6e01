// Closing a case: the reason, the leaving-care plan for young adults, and the supervisor's
// approval.
#include "domain/closure.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fixtures.h"

namespace haven::domain {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using namespace fixtures;

const core::Date kBorn = day("2008-06-01");  // turns 18 on 2026-06-01

TEST(Closure, AValidClosurePasses) {
  auto status = validate_closure(a_closure(), kBorn, kToday);
  EXPECT_TRUE(status.ok()) << status.error().message;
}

TEST(Closure, NeedsAReasonAndExplainsOtherAndTransfer) {
  Closure c = a_closure();
  c.reason.reset();
  EXPECT_EQ(message_for(validate_closure(c, kBorn, kToday), "reason"),
            "Choose why the case is closing.");
  c.reason = ClosureReason::kOther;
  EXPECT_EQ(message_for(validate_closure(c, kBorn, kToday), "reason_detail"),
            "Explain the reason for closing.");
  c.reason = ClosureReason::kTransferred;
  EXPECT_THAT(message_for(validate_closure(c, kBorn, kToday), "reason_detail"),
              HasSubstr("authority the case is handed to"));
  c.reason_detail = "Social services of Tartu, Estonia";
  EXPECT_TRUE(validate_closure(c, kBorn, kToday).ok());
}

TEST(Closure, AYoungPersonWhoIs18OnTheClosingDayNeedsALeavingCarePlan) {
  Closure c = a_closure();
  c.closing_on = day("2026-05-31");  // still 17
  EXPECT_TRUE(validate_closure(c, kBorn, kToday).ok());
  c.closing_on = day("2026-06-01");  // 18th birthday, planned ahead
  EXPECT_THAT(message_for(validate_closure(c, kBorn, kToday), "leaving_care_plan"),
              HasSubstr("record a leaving-care plan"));
  c.leaving_care_plan = "Supported flat in Jelgava from June; aftercare worker weekly until 21.";
  EXPECT_TRUE(validate_closure(c, kBorn, kToday).ok());
}

TEST(Closure, TurnedEighteenMustBeTrueOnTheClosingDay) {
  Closure c = a_closure();
  c.reason = ClosureReason::kTurned18LeavingCare;
  c.leaving_care_plan = "Own flat, aftercare contact.";
  EXPECT_THAT(message_for(validate_closure(c, kBorn, kToday), "reason"), HasSubstr("not yet 18"));
  c.closing_on = day("2026-06-01");
  EXPECT_TRUE(validate_closure(c, kBorn, kToday).ok());
  c.leaving_care_plan.clear();
  EXPECT_THAT(fields_of(validate_closure(c, std::nullopt, kToday)), Contains("leaving_care_plan"));
}

TEST(Closure, IsApprovedBySomeoneElseOnOrAfterTheRequest) {
  Closure c = a_closure();
  c.approved_by = kWorker;  // the requester
  c.approved_on = kToday;
  EXPECT_THAT(message_for(validate_closure(c, kBorn, kToday), "approved_by"),
              HasSubstr("someone other than"));
  c.approved_by = kSupervisor;
  c.approved_on = day("2026-05-18");  // requested 2026-05-19
  EXPECT_THAT(fields_of(validate_closure(c, kBorn, kToday)), Contains("approved_on"));
  c.approved_on = kToday;
  EXPECT_TRUE(validate_closure(c, kBorn, kToday).ok());
}

TEST(Closure, LeavingCarePlanRule) {
  EXPECT_FALSE(leaving_care_plan_needed(ClosureReason::kGoalsMetChildSafe, 17));
  EXPECT_TRUE(leaving_care_plan_needed(ClosureReason::kGoalsMetChildSafe, 18));
  EXPECT_TRUE(leaving_care_plan_needed(ClosureReason::kTurned18LeavingCare, std::nullopt));
  EXPECT_FALSE(leaving_care_plan_needed(ClosureReason::kChildDied, 19));
  EXPECT_FALSE(leaving_care_plan_needed(std::nullopt, std::nullopt));
}

}  // namespace
}  // namespace haven::domain
