// Hearing the child (Lundy: space, voice, audience, influence) and the log of what they were told.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fixtures.h"

namespace haven::domain {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace fixtures;

TEST(ParticipationRecord, ACompleteRecordPasses) {
  auto status = validate_participation_record(a_participation_record(), kToday);
  EXPECT_TRUE(status.ok()) << status.error().message;
}

TEST(ParticipationRecord, DecliningIsACompleteAnswer) {
  ParticipationRecord r = a_participation_record();
  r.voice.views = "";
  r.voice.declined = true;
  r.audience.decision_maker = "";  // nothing to pass on
  r.influence = {};
  EXPECT_TRUE(validate_participation_record(r, kToday).ok());
}

TEST(ParticipationRecord, VoiceNeedsViewsOrDeclinedButNotBoth) {
  ParticipationRecord r = a_participation_record();
  r.voice.views = "  ";
  EXPECT_THAT(message_for(validate_participation_record(r, kToday), "voice.views"),
              HasSubstr("chose not to give them"));
  r.voice.views = "Wants to stay.";
  r.voice.declined = true;
  EXPECT_THAT(fields_of(validate_participation_record(r, kToday)), Contains("voice.declined"));
}

TEST(ParticipationRecord, SpaceNeedsTheDayTheChanceWasOffered) {
  ParticipationRecord r = a_participation_record();
  r.space.offered_on.reset();
  r.space.interpreter_language = "Latvian";
  auto fields = fields_of(validate_participation_record(r, kToday));
  EXPECT_THAT(fields, Contains("space.offered_on"));
  EXPECT_THAT(fields, Contains("space.interpreter_language"));
}

TEST(ParticipationRecord, ViewsGivenMustReachADecisionMaker) {
  ParticipationRecord r = a_participation_record();
  r.audience.decision_maker = "";
  EXPECT_THAT(fields_of(validate_participation_record(r, kToday)),
              Contains("audience.decision_maker"));
}

TEST(ParticipationRecord, FeedbackSaysHowAndWhatWeightAndComesAfterTheHearing) {
  ParticipationRecord r = a_participation_record();
  r.influence.feedback_how = "";
  r.influence.weight_given = "";
  r.influence.feedback_given_on = day("2026-05-11");  // heard on 2026-05-12
  auto fields = fields_of(validate_participation_record(r, kToday));
  EXPECT_THAT(fields, Contains("influence.feedback_how"));
  EXPECT_THAT(fields, Contains("influence.weight_given"));
  EXPECT_THAT(fields, Contains("influence.feedback_given_on"));

  // Before feedback is given, influence may stay empty: the record grows over time.
  r.influence = {};
  EXPECT_TRUE(validate_participation_record(r, kToday).ok());
}

TEST(InformationGiven, RecordsWhatWhenLanguageAndFormat) {
  EXPECT_TRUE(validate_information_given(an_information_entry(), kToday).ok());
  InformationGiven e = an_information_entry();
  e.what = "";
  e.language = "LV";
  e.given_on = kToday.plus_days(1);
  e.recipient_person_id = "mother";
  auto fields = fields_of(validate_information_given(e, kToday));
  EXPECT_THAT(fields, Contains("what"));
  EXPECT_THAT(fields, Contains("language"));
  EXPECT_THAT(fields, Contains("given_on"));
  EXPECT_THAT(fields, Contains("recipient_person_id"));
  EXPECT_THAT(fields, Not(Contains("given_by")));
}

}  // namespace
}  // namespace haven::domain
