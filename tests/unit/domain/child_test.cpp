// A child's registration record: the checks a caseworker meets when registering a child.
#include "domain/child.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fixtures.h"

namespace haven::domain {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using namespace fixtures;

TEST(Child, AValidChildPasses) {
  auto status = validate_child(a_child(), kToday);
  EXPECT_TRUE(status.ok()) << status.error().message;
}

TEST(Child, AcceptsNamesInAnyScriptWithDiacriticsKept) {
  Child c = a_child();
  c.given_names = "Þórunn";
  c.family_names = "Ščerbakova";
  c.names_original_script = "Щербакова Ольга";
  c.other_names = {"Olga Shcherbakova", "Olga Szczerbakowa"};
  EXPECT_TRUE(validate_child(c, kToday).ok());
}

TEST(Child, RefusesABirthDateInTheFuture) {
  Child c = a_child();
  c.birth_date = kToday.plus_days(1);
  auto status = validate_child(c, kToday);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(message_for(status, "birth_date"), "This date cannot be in the future.");
}

TEST(Child, NeedsABirthDateExactOrEstimatedWithItsBasis) {
  Child c = a_child();
  c.birth_date.reset();
  EXPECT_THAT(fields_of(validate_child(c, kToday)), Contains("birth_date"));

  c = a_child();
  c.birth_date_estimated = true;
  EXPECT_THAT(message_for(validate_child(c, kToday), "birth_date_estimate_basis"),
              HasSubstr("based on"));
  c.birth_date_estimate_basis = AgeEstimateBasis::kMedicalAgeAssessment;
  EXPECT_TRUE(validate_child(c, kToday).ok());

  c.birth_date_estimated = false;  // a basis without an estimate is contradictory
  EXPECT_THAT(fields_of(validate_child(c, kToday)), Contains("birth_date_estimate_basis"));
}

TEST(Child, RefusesAnEstimatedAgeThatIsNotAChilds) {
  Child c = a_child();
  c.birth_date_estimated = true;
  c.birth_date_estimate_basis = AgeEstimateBasis::kSelfDeclared;
  c.registered_on = day("2026-05-02");
  c.birth_date = day("2008-05-02");  // 18 on the registration day
  auto status = validate_child(c, kToday);
  EXPECT_THAT(message_for(status, "birth_date"), HasSubstr("estimated age of 18 is not a child's"));

  c.birth_date = day("2008-05-03");  // 17, one day short of 18
  EXPECT_TRUE(validate_child(c, kToday).ok());
}

TEST(Child, AnExactBirthDateMustAlsoMakeAChild) {
  Child c = a_child();
  c.birth_date = day("1990-01-01");
  EXPECT_THAT(message_for(validate_child(c, kToday), "birth_date"),
              HasSubstr("makes the person 36 on the registration date"));
}

TEST(Child, AYoungAdultInAftercareMayBeRegisteredUpTo25) {
  Child c = a_child();
  c.young_adult_in_aftercare = true;
  c.birth_date = day("2001-05-03");  // 25 on 2026-05-02
  EXPECT_TRUE(validate_child(c, kToday).ok());
  c.birth_date = day("2000-05-02");  // 26
  EXPECT_THAT(message_for(validate_child(c, kToday), "birth_date"), HasSubstr("runs to age 25"));
}

TEST(Child, TheAgeRuleIsCheckedOnTheRegistrationDaySoTheRecordStaysValidAfter18) {
  Child c = a_child();
  c.birth_date = day("2008-06-01");
  c.registered_on = day("2025-01-15");                     // 16 then
  EXPECT_TRUE(validate_child(c, day("2027-01-01")).ok());  // 18 now, still editable
}

TEST(Child, ANewRegistrationIsCheckedAgainstToday) {
  Child c = a_child();
  c.registered_on.reset();
  c.birth_date = day("2008-05-21");  // 17 today (2026-05-20)
  EXPECT_TRUE(validate_child(c, kToday).ok());
  c.birth_date = day("2008-05-20");  // 18 today
  EXPECT_THAT(fields_of(validate_child(c, kToday)), Contains("birth_date"));
}

TEST(Child, RefusesARegistrationDateInTheFuture) {
  Child c = a_child();
  c.registered_on = kToday.plus_days(3);
  EXPECT_THAT(fields_of(validate_child(c, kToday)), Contains("registered_on"));
}

TEST(Child, NeedsAtLeastOneName) {
  Child c = a_child();
  c.given_names = "  ";
  c.family_names.clear();
  EXPECT_THAT(message_for(validate_child(c, kToday), "given_names"),
              HasSubstr("at least one name"));
  c.other_names = {"Lilu"};  // a nickname is enough
  EXPECT_TRUE(validate_child(c, kToday).ok());
}

TEST(Child, RefusesInvalidUtf8AndControlCharactersInNames) {
  Child c = a_child();
  c.family_names = "B\xC3\x28rzi";  // broken two-byte sequence
  EXPECT_THAT(message_for(validate_child(c, kToday), "family_names"), HasSubstr("not valid UTF-8"));
  c = a_child();
  c.given_names = "Līga\nAnna";
  EXPECT_THAT(message_for(validate_child(c, kToday), "given_names"), HasSubstr("one line"));
}

TEST(Child, CountsTheNameLimitInCharactersNotBytes) {
  Child c = a_child();
  std::string name;
  for (int i = 0; i < 200; ++i) name += "ā";  // 200 characters, 400 bytes
  c.given_names = name;
  EXPECT_TRUE(validate_child(c, kToday).ok());
  c.given_names += "ā";
  EXPECT_EQ(message_for(validate_child(c, kToday), "given_names"),
            "Use at most 200 characters (this has 201).");
}

TEST(Child, ChecksNationalitiesLanguagesAndInterpreter) {
  Child c = a_child();
  c.nationalities = {"LV", "lv", "XX", "LV"};
  c.languages = {"lv", "Arabic"};
  auto fields = fields_of(validate_child(c, kToday));
  EXPECT_THAT(fields, Contains("nationalities[1]"));  // lower case
  EXPECT_THAT(fields, Contains("nationalities[2]"));  // not a country
  EXPECT_THAT(fields, Contains("nationalities[3]"));  // repeated
  EXPECT_THAT(fields, Contains("languages[1]"));
  EXPECT_THAT(fields, ::testing::Not(Contains("nationalities[0]")));

  c = a_child();
  c.stateless = true;
  EXPECT_THAT(fields_of(validate_child(c, kToday)), Contains("stateless"));
  c.nationalities.clear();
  EXPECT_TRUE(validate_child(c, kToday).ok());

  c.languages.clear();
  c.interpreter_needed = true;
  EXPECT_THAT(fields_of(validate_child(c, kToday)), Contains("languages"));
  c.languages = {"prs"};  // Dari: three-letter ISO 639-3
  EXPECT_TRUE(validate_child(c, kToday).ok());
}

TEST(Child, ChecksIdentityNumbersAndDisabilities) {
  Child c = a_child();
  c.identity_numbers = {{IdentityNumberKind::kNationalId, "LV", "150315-10000"},
                        {IdentityNumberKind::kPassport, "", "LV1234567"},
                        {IdentityNumberKind::kNationalId, "LV", "150315-10000"},
                        {IdentityNumberKind::kOther, "SE", ""}};
  c.disabilities = {{DisabilityType::kHearing, "Sign language interpreter at meetings"}};
  auto fields = fields_of(validate_child(c, kToday));
  EXPECT_THAT(fields, Contains("identity_numbers[1].country"));
  EXPECT_THAT(fields, Contains("identity_numbers[2].value"));
  EXPECT_THAT(fields, Contains("identity_numbers[3].value"));
  EXPECT_THAT(fields, ::testing::Not(Contains("identity_numbers[0].value")));
  EXPECT_THAT(fields, ::testing::Not(Contains("disabilities[0].support_needed")));
}

TEST(Child, ReportsEveryProblemAtOnce) {
  Child c = a_child();
  c.birth_date = kToday.plus_days(10);
  c.nationalities = {"ZZ"};
  c.given_names = std::string(300, 'a');
  EXPECT_EQ(fields_of(validate_child(c, kToday)).size(), 3u);
}

TEST(Child, AgeOnCountsWholeYears) {
  Child c = a_child();  // born 2015-03-14
  EXPECT_EQ(age_on(c, day("2026-03-13")), 10);
  EXPECT_EQ(age_on(c, day("2026-03-14")), 11);
  c.birth_date.reset();
  EXPECT_FALSE(age_on(c, kToday).has_value());
}

}  // namespace
}  // namespace haven::domain
