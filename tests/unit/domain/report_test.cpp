// Reports of concern at intake.
#include "domain/report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fixtures.h"

namespace haven::domain {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using namespace fixtures;

const core::Timestamp kNow = at("2026-05-20", 10);

TEST(Report, AValidReportPasses) {
  auto status = validate_report(a_report(), kNow);
  EXPECT_TRUE(status.ok()) << status.error().message;
}

TEST(Report, NeedsAtLeastOneConcernCategoryAndNoRepeats) {
  Report r = a_report();
  r.concern_categories.clear();
  EXPECT_EQ(message_for(validate_report(r, kNow), "concern_categories"),
            "Choose at least one concern category.");
  r.concern_categories = {ConcernCategory::kNeglect, ConcernCategory::kPoverty,
                          ConcernCategory::kNeglect};
  EXPECT_THAT(fields_of(validate_report(r, kNow)), Contains("concern_categories[2]"));
}

TEST(Report, NarrativeIsRequiredAndLimitedTo20000Characters) {
  Report r = a_report();
  r.narrative = " \n ";
  EXPECT_EQ(message_for(validate_report(r, kNow), "narrative"), "This field is required.");
  r.narrative = std::string(19'999, 'x') + "ö";  // 20 000 characters, 20 001 bytes
  EXPECT_TRUE(validate_report(r, kNow).ok());
  r.narrative += "x";
  EXPECT_THAT(message_for(validate_report(r, kNow), "narrative"), HasSubstr("at most 20000"));
}

TEST(Report, NarrativeKeepsLineBreaksButRefusesInvalidUtf8) {
  Report r = a_report();
  r.narrative = "First visit:\n\tno food in the house.\r\nSecond visit: the same.";
  EXPECT_TRUE(validate_report(r, kNow).ok());
  r.narrative = "text \xF4\x90\x80\x80 beyond U+10FFFF";
  EXPECT_THAT(message_for(validate_report(r, kNow), "narrative"), HasSubstr("UTF-8"));
}

TEST(Report, CannotBeReceivedInTheFutureBeyondClockDrift) {
  Report r = a_report();
  r.received_at = kNow.plus_minutes(4);
  EXPECT_TRUE(validate_report(r, kNow).ok());
  r.received_at = kNow.plus_hours(1);
  EXPECT_THAT(fields_of(validate_report(r, kNow)), Contains("received_at"));
}

TEST(Report, AnAnonymousReportNamesNoReporter) {
  Report r = a_report();
  r.reporter_type = ReporterType::kAnonymous;
  r.reporter_person_id = kPersonA;
  EXPECT_THAT(message_for(validate_report(r, kNow), "reporter_person_id"), HasSubstr("anonymous"));
  r.reporter_person_id.clear();
  EXPECT_TRUE(validate_report(r, kNow).ok());
}

}  // namespace
}  // namespace haven::domain
