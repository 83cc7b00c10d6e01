// The stable codes of the domain vocabulary: stored in the database and sent over the API, so the
// spellings below are a contract. Every enum round-trips, and unknown codes become field errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "domain/case_types.h"
#include "domain/field_errors.h"
#include "domain/participation_types.h"
#include "domain/person_types.h"
#include "domain/placement_types.h"
#include "domain/report_types.h"

namespace haven::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

template <class E>
std::vector<std::string> codes_of(std::span<const E> all,
                                  std::optional<E> (*parse)(std::string_view)) {
  std::vector<std::string> codes;
  std::set<std::string> seen;
  for (E value : all) {
    std::string code(to_code(value));
    EXPECT_FALSE(code.empty());
    EXPECT_TRUE(seen.insert(code).second) << "duplicate code " << code;
    EXPECT_EQ(parse(code), value) << code;
    codes.push_back(code);
  }
  // Parsing is exact: other spellings are unknown.
  EXPECT_FALSE(parse("").has_value());
  EXPECT_FALSE(parse("no_such_code").has_value());
  if (!codes.empty()) {
    std::string upper = codes.front();
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    EXPECT_FALSE(parse(upper).has_value()) << upper;
    EXPECT_FALSE(parse(codes.front() + " ").has_value());
  }
  return codes;
}

TEST(Vocabulary, PersonCodes) {
  EXPECT_THAT(codes_of(all_sexes(), parse_sex), ElementsAre("female", "male", "other", "unknown"));
  EXPECT_THAT(codes_of(all_migration_statuses(), parse_migration_status),
              ElementsAre("none", "asylum_seeker", "refugee", "unaccompanied", "separated",
                          "undocumented", "temporary_protection"));
  EXPECT_THAT(codes_of(all_identity_number_kinds(), parse_identity_number_kind),
              ElementsAre("national_id", "passport", "residence_permit", "asylum_registration",
                          "birth_certificate", "other"));
  EXPECT_THAT(codes_of(all_age_estimate_bases(), parse_age_estimate_basis),
              ElementsAre("self_declared", "relative_statement", "unverified_document",
                          "medical_age_assessment", "caseworker_estimate", "reporter_estimate"));
  EXPECT_EQ(codes_of(all_disability_types(), parse_disability_type).size(), 11u);
  EXPECT_THAT(codes_of(all_relationship_types(), parse_relationship_type),
              ElementsAre("mother", "father", "step_parent", "parent_partner", "adoptive_parent",
                          "foster_parent", "guardian", "sibling", "grandparent", "other_relative",
                          "household_member", "acquaintance", "other"));
  EXPECT_THAT(
      codes_of(all_person_roles(), parse_person_role),
      ElementsAre("caregiver", "non_offending_caregiver", "alleged_perpetrator", "support_person",
                  "appointed_guardian", "legal_representative", "reporter", "witness", "other"));
}

TEST(Vocabulary, ReportCodes) {
  EXPECT_THAT(codes_of(all_reporter_types(), parse_reporter_type),
              ElementsAre("school", "preschool", "health", "police", "ngo", "relative", "neighbour",
                          "anonymous", "child", "social_services", "other"));
  EXPECT_THAT(
      codes_of(all_report_channels(), parse_report_channel),
      ElementsAre("phone", "email", "letter", "in_person", "online_form", "police_notification"));
  EXPECT_THAT(codes_of(all_concern_categories(), parse_concern_category),
              ElementsAre("physical_violence", "sexual_abuse", "neglect", "emotional_abuse",
                          "witnessing_domestic_violence", "trafficking_exploitation",
                          "online_abuse", "self_harm", "substance_use", "disability_related_needs",
                          "poverty", "migration_related"));
  EXPECT_THAT(codes_of(all_urgencies(), parse_urgency), ElementsAre("high", "medium", "low"));
}

TEST(Vocabulary, CaseCodes) {
  EXPECT_THAT(codes_of(all_case_statuses(), parse_case_status),
              ElementsAre("reported", "screening", "assessment", "planning", "implementation",
                          "review", "closed", "transferred", "merged"));
  EXPECT_THAT(codes_of(all_case_actions(), parse_case_action),
              ElementsAre("start_screening", "screen_in", "screen_out", "complete_assessment",
                          "submit_plan", "approve_plan", "start_review", "continue_implementation",
                          "revise_plan", "request_closure", "approve_closure", "transfer", "merge",
                          "reopen", "return_closure"));
  EXPECT_THAT(codes_of(all_risk_levels(), parse_risk_level), ElementsAre("high", "medium", "low"));
  EXPECT_THAT(codes_of(all_service_types(), parse_service_type),
              ElementsAre("parenting_support", "disability_support", "therapy", "health",
                          "education_support", "social_financial_assistance", "legal_aid"));
  EXPECT_THAT(codes_of(all_referral_statuses(), parse_referral_status),
              ElementsAre("proposed", "referred", "accepted", "in_progress", "completed",
                          "declined_by_family", "declined_by_provider", "cancelled"));
  EXPECT_THAT(codes_of(all_placement_types(), parse_placement_type),
              ElementsAre("kinship_care", "foster_care", "residential_care",
                          "supervised_independent_living"));
  EXPECT_THAT(codes_of(all_plan_approval_states(), parse_plan_approval_state),
              ElementsAre("draft", "submitted", "approved", "returned"));
  EXPECT_THAT(codes_of(all_closure_reasons(), parse_closure_reason),
              ElementsAre("goals_met_child_safe", "family_declines_child_safe",
                          "turned_18_leaving_care", "transferred", "child_died", "other"));
}

TEST(Vocabulary, PlacementEntryAndExitCodes) {
  EXPECT_THAT(
      codes_of(all_entry_reasons(), parse_entry_reason),
      ElementsAre("abuse", "neglect", "domestic_violence", "parental_capacity", "parents_absent",
                  "child_behaviour", "child_disability", "unaccompanied", "other"));
  EXPECT_THAT(codes_of(all_exit_destinations(), parse_exit_destination),
              ElementsAre("returned_to_family", "adopted", "permanent_custody",
                          "independent_living", "transferred", "other"));
  EXPECT_FALSE(parse_entry_reason("Neglect"));
  EXPECT_FALSE(parse_exit_destination("home"));
}

TEST(Vocabulary, ParticipationCodes) {
  EXPECT_THAT(codes_of(all_information_formats(), parse_information_format),
              ElementsAre("verbal", "written", "easy_read", "pictorial", "sign_language", "braille",
                          "video"));
  EXPECT_EQ(codes_of(all_case_stages(), parse_case_stage).size(), 11u);
}

TEST(Vocabulary, OpenStatusesAreTheWorkingOnes) {
  std::vector<std::string> open;
  for (CaseStatus s : all_case_statuses())
    if (is_open(s)) open.emplace_back(to_code(s));
  EXPECT_THAT(open, ElementsAre("reported", "screening", "assessment", "planning", "implementation",
                                "review"));
}

TEST(Vocabulary, AnUnknownCodeFromOutsideBecomesAFieldErrorListingTheChoices) {
  FieldErrors errors;
  auto sex = errors.code("sex", "purple", parse_sex, all_sexes());
  EXPECT_FALSE(sex.has_value());
  auto risk = errors.code("risk_level", "medium", parse_risk_level, all_risk_levels());
  EXPECT_EQ(risk, RiskLevel::kMedium);
  ASSERT_EQ(errors.errors().size(), 1u);
  EXPECT_EQ(errors.errors()[0].field, "sex");
  EXPECT_EQ(errors.errors()[0].message,
            "'purple' is not an allowed value; use one of: female, male, other, unknown.");
  auto status = errors.status("The child's details need correcting.");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kInvalidInput);

  FieldErrors invalid_bytes;
  invalid_bytes.code("channel", "\xFF\xFE", parse_report_channel, all_report_channels());
  EXPECT_THAT(invalid_bytes.errors()[0].message, HasSubstr("'?'"));
}

}  // namespace
}  // namespace haven::domain
