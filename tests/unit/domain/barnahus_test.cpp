// Barnahus rules ([J1]): interviews never before the report and never again without a reason, the
// other records' checks, the deadlines report → interview / medical examination / assessment under
// the country policy, and the quality-standards figures.
#include "domain/barnahus.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/barnahus_timeline.h"
#include "fixtures.h"

namespace haven::domain {
namespace {

using namespace fixtures;
using ::testing::Contains;
using ::testing::Field;

std::vector<std::string> fields_of(const core::Status& s) {
  std::vector<std::string> out;
  if (s.ok()) return out;
  for (const auto& f : s.error().fields) out.push_back(f.field);
  return out;
}

ForensicInterview interview_on(const char* date) {
  ForensicInterview i;
  i.interviewed_on = day(date);
  i.interviewer = "Interviewer One";
  i.interviewer_trained = true;
  i.protocol = "NICHD";
  i.recorded = true;
  i.place = "Barnahus interview room";
  return i;
}

TEST(BarnahusInterview, FirstInterviewAfterTheReportIsAccepted) {
  EXPECT_TRUE(validate_forensic_interview(interview_on("2026-03-05"), day("2026-03-01"), 0,
                                          day("2026-03-10"))
                  .ok());
}

TEST(BarnahusInterview, InterviewDatedBeforeTheReportIsRefused) {
  auto s = validate_forensic_interview(interview_on("2026-02-27"), day("2026-03-01"), 0,
                                       day("2026-03-10"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_THAT(fields_of(s), Contains("interviewed_on"));
  EXPECT_THAT(s.error().fields[0].message, ::testing::HasSubstr("before the report"));
}

TEST(BarnahusInterview, SecondInterviewWithoutReasonIsRefused) {
  auto s = validate_forensic_interview(interview_on("2026-03-09"), day("2026-03-01"), 1,
                                       day("2026-03-10"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(fields_of(s), std::vector<std::string>{"repeat_reason"});
  EXPECT_THAT(s.error().fields[0].message, ::testing::HasSubstr("already been interviewed 1 time"));
}

TEST(BarnahusInterview, SecondInterviewWithReasonIsAccepted) {
  auto i = interview_on("2026-03-09");
  i.repeat_reason = "New evidence found on the suspect's phone.";
  EXPECT_TRUE(validate_forensic_interview(i, day("2026-03-01"), 1, day("2026-03-10")).ok());
}

TEST(BarnahusInterview, FutureInterviewAndMissingFieldsAreNamed) {
  ForensicInterview i = interview_on("2026-03-12");
  i.interviewer = "";
  i.protocol = " ";
  auto s = validate_forensic_interview(i, day("2026-03-01"), 0, day("2026-03-10"));
  EXPECT_THAT(fields_of(s),
              ::testing::UnorderedElementsAre("interviewed_on", "interviewer", "protocol"));
}

TEST(BarnahusCaseRules, ViolenceTypesRoleAndReferralAreChecked) {
  BarnahusCase c;
  c.violence_types = {"sexual_abuse", "sexual_abuse", "shouting"};
  c.child_role = "bystander";
  c.referred_by = "police";
  c.referred_at = at("2026-03-02");
  c.contact_person = "Maja Lind";
  auto s = validate_barnahus_case(c, at("2026-03-01"));
  EXPECT_THAT(fields_of(s),
              ::testing::UnorderedElementsAre("violence_types[1]", "violence_types[2]",
                                              "child_role", "referred_at"));
  c.violence_types = {"sexual_abuse", "physical_abuse"};
  c.child_role = "victim";
  EXPECT_TRUE(validate_barnahus_case(c, at("2026-03-03")).ok());
}

TEST(BarnahusInvite, ExactlyOneOfUserOrAgencyAndKnownParts) {
  BarnahusInvite none;
  EXPECT_FALSE(validate_barnahus_invite(none).ok());
  BarnahusInvite agency{"", "0190a000-0000-7000-8000-000000000001", {"medical", "x-ray"}};
  EXPECT_EQ(fields_of(validate_barnahus_invite(agency)),
            std::vector<std::string>{"shared_parts[1]"});
  agency.shared_parts = {"medical", "interview"};
  EXPECT_TRUE(validate_barnahus_invite(agency).ok());
}

TEST(BarnahusMedical, DoneNeedsADateAndPlannedExamNotBeforeReferral) {
  MedicalExamination e;
  e.offered = true;
  e.done = true;
  e.examined_by = "Dr. Paed";
  EXPECT_THAT(fields_of(validate_medical_examination(e, day("2026-03-01"), day("2026-03-10"))),
              Contains("examined_on"));
  e.examined_on = day("2026-02-28");
  EXPECT_THAT(fields_of(validate_medical_examination(e, day("2026-03-01"), day("2026-03-10"))),
              Contains("examined_on"));
  e.acute = true;  // an acute examination may come first
  EXPECT_TRUE(validate_medical_examination(e, day("2026-03-01"), day("2026-03-10")).ok());
}

TEST(BarnahusTherapy, FamilyMemberServiceNamesTheParty) {
  TherapyService t{"crisis_support", "family_member", "", day("2026-03-03"), std::nullopt};
  EXPECT_EQ(fields_of(validate_therapy_service(t, day("2026-03-10"))),
            std::vector<std::string>{"party_id"});
}

TEST(BarnahusDeadlines, InterviewOverdueAfterThePolicyDaysAndMetOnTime) {
  CountryPolicy policy;  // 14 days to interview, 14 to a medical exam, 72 h acute, 30 to assessment
  BarnahusProgress p;
  p.referred_at = at("2026-03-01", 9);
  auto open = barnahus_deadlines(policy, p, at("2026-03-16", 0, 1));
  ASSERT_EQ(open.size(), 3u);
  EXPECT_EQ(open[0].step, "interview");
  EXPECT_EQ(open[0].due.due_date().to_string(), "2026-03-15");
  EXPECT_EQ(open[0].state, "overdue");
  EXPECT_EQ(open[1].state, "overdue");
  EXPECT_EQ(open[2].step, "assessment");
  EXPECT_EQ(open[2].state, "ok");

  auto on_the_last_day = barnahus_deadlines(policy, p, at("2026-03-15", 23, 59));
  EXPECT_EQ(on_the_last_day[0].state, "due_soon");

  p.first_interview_on = day("2026-03-15");
  p.medical_exam_on = day("2026-03-20");
  auto later = barnahus_deadlines(policy, p, at("2026-03-25"));
  EXPECT_EQ(later[0].state, "met");
  EXPECT_EQ(later[1].state, "met_late");
}

TEST(BarnahusDeadlines, AcuteExaminationFollowsTheHourDeadline) {
  CountryPolicy policy;
  policy.barnahus_acute_medical_exam_hours = 72;
  BarnahusProgress p;
  p.referred_at = at("2026-03-01", 9);
  p.medical_exam_acute = true;
  auto d = barnahus_deadlines(policy, p, at("2026-03-04", 10));
  EXPECT_EQ(d[1].due.late_from, at("2026-03-04", 9));
  EXPECT_EQ(d[1].state, "overdue");
  EXPECT_EQ(barnahus_deadlines(policy, p, at("2026-03-04", 8))[1].state, "due_soon");
}

TEST(BarnahusQualityReport, CountsSharesAndMedians) {
  BarnahusCaseFacts a;  // interviewed once, after a planning meeting, examined, informed everywhere
  a.referred_on = day("2026-03-01");
  a.interviews = 1;
  a.first_interview_on = day("2026-03-05");
  a.first_meeting_on = day("2026-03-03");
  a.medical_exam_on = day("2026-03-04");
  a.therapy_offered = true;
  for (const char* s : {"referral", "forensic_interview", "medical_examination", "therapy"})
    a.informed[s] = {"child", "caregiver"};
  BarnahusCaseFacts b;  // interviewed twice, no meeting before, only the child told at referral
  b.referred_on = day("2026-03-01");
  b.interviews = 2;
  b.first_interview_on = day("2026-03-11");
  b.first_meeting_on = day("2026-03-12");
  b.informed["referral"] = {"child"};
  BarnahusCaseFacts c;  // not yet interviewed
  c.referred_on = day("2026-03-02");
  std::vector<BarnahusCaseFacts> cases = {a, b, c};

  BarnahusQuality q = barnahus_quality(cases);
  EXPECT_EQ(q.cases, 3);
  EXPECT_EQ(q.interviewed, 2);
  EXPECT_EQ(q.interviewed_once, 1);
  EXPECT_DOUBLE_EQ(*q.share_interviewed_once, 0.5);
  EXPECT_DOUBLE_EQ(*q.median_days_to_interview, 7.0);  // 4 and 10 days
  EXPECT_DOUBLE_EQ(*q.median_days_to_medical_exam, 3.0);
  EXPECT_EQ(q.meeting_before_interview, 1);
  EXPECT_DOUBLE_EQ(*q.share_therapy_offered, 1.0 / 3);
  EXPECT_EQ(q.informed_every_stage, 1);  // c reached only referral and nobody was told
  ASSERT_EQ(q.by_stage.size(), 5u);
  EXPECT_EQ(q.by_stage[0].stage, "referral");
  EXPECT_EQ(q.by_stage[0].reached, 3);
  EXPECT_EQ(q.by_stage[0].informed, 1);

  BarnahusQuality empty = barnahus_quality({});
  EXPECT_FALSE(empty.share_interviewed_once.has_value());
  EXPECT_FALSE(empty.median_days_to_interview.has_value());
}

}  // namespace
}  // namespace haven::domain
