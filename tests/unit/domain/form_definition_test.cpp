// Country-specific fields: definitions as loaded from config/forms, and values checked on every
// write.
#include "domain/form_definition.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace haven::domain {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> fields_of(const core::Status& status) {
  std::vector<std::string> names;
  if (!status.ok())
    for (const auto& f : status.error().fields) names.push_back(f.field);
  return names;
}

// A Swedish placement form: the legal basis, the municipality's cost, the school, a follow-up date.
FormDefinition swedish_placement_form() {
  FormDefinition form;
  form.record_type = "placement";
  FieldDefinition basis;
  basis.name = "legal_basis";
  basis.type = FieldType::kChoice;
  basis.required = true;
  basis.labels = {{"en", "Legal basis"}, {"sv", "Rättslig grund"}};
  basis.options = {
      {"sol_voluntary", {{"en", "Voluntary (SoL)"}}},
      {"lvu_compulsory", {{"en", "Compulsory care (LVU)"}, {"sv", "Vård enligt LVU"}}}};
  FieldDefinition cost;
  cost.name = "monthly_cost_sek";
  cost.type = FieldType::kNumber;
  cost.min = 0;
  cost.max = 500'000;
  cost.sensitivity = Sensitivity::kSensitive;
  cost.labels = {{"en", "Monthly cost (SEK)"}};
  FieldDefinition school;
  school.name = "school";
  school.type = FieldType::kText;
  school.max_length = 10;
  school.labels = {{"en", "School"}};
  FieldDefinition follow_up;
  follow_up.name = "follow_up_on";
  follow_up.type = FieldType::kDate;
  follow_up.labels = {{"en", "Follow-up"}};
  FieldDefinition siblings;
  siblings.name = "siblings_placed_together";
  siblings.type = FieldType::kBoolean;
  siblings.labels = {{"en", "Siblings placed together"}};
  FieldDefinition needs;
  needs.name = "support_needs";
  needs.type = FieldType::kMultiChoice;
  needs.labels = {{"en", "Support needs"}};
  needs.options = {{"school", {{"en", "School"}}},
                   {"health", {{"en", "Health"}}},
                   {"contact", {{"en", "Contact with parents"}}}};
  form.fields = {basis, cost, school, follow_up, siblings, needs};
  return form;
}

TEST(FormDefinition, AWellFormedDefinitionPasses) {
  auto status = validate_form_definition(swedish_placement_form());
  EXPECT_TRUE(status.ok()) << status.error().message;
}

TEST(FormDefinition, RefusesBadNamesMissingLabelsAndMisplacedOptions) {
  FormDefinition form = swedish_placement_form();
  form.fields[1].name = "Monthly Cost";
  form.fields[2].name = "legal_basis";                  // used already
  form.fields[3].labels = {{"sv", "Uppföljning"}};      // no English label
  form.fields[4].options = {{"yes", {{"en", "Yes"}}}};  // options on a boolean
  form.fields[0].options.push_back({"sol_voluntary", {{"en", "Again"}}});
  form.fields[5].options.clear();  // a multi-choice without options
  form.fields[2].min = 1;          // a minimum on text
  auto fields = fields_of(validate_form_definition(form));
  EXPECT_THAT(fields, Contains("fields[1].name"));
  EXPECT_THAT(fields, Contains("fields[2].name"));
  EXPECT_THAT(fields, Contains("fields[3].labels"));
  EXPECT_THAT(fields, Contains("fields[4].options"));
  EXPECT_THAT(fields, Contains("fields[0].options[2].code"));
  EXPECT_THAT(fields, Contains("fields[5].options"));
  EXPECT_THAT(fields, Contains("fields[2].min"));
}

TEST(CustomFields, AcceptsValuesOfTheRightTypes) {
  FormDefinition form = swedish_placement_form();
  CustomValues values = {{"legal_basis", std::string("lvu_compulsory")},
                         {"monthly_cost_sek", 42'000.0},
                         {"school", std::string("Ekskolan")},
                         {"follow_up_on", std::string("2026-09-01")},
                         {"siblings_placed_together", true},
                         {"support_needs", std::vector<std::string>{"school", "contact"}}};
  auto status = validate_custom_fields(form.fields, values);
  EXPECT_TRUE(status.ok()) << status.error().message;
  // Only the required field is needed; absent and null optional fields are fine.
  EXPECT_TRUE(validate_custom_fields(form.fields, {{"legal_basis", std::string("sol_voluntary")},
                                                   {"school", std::monostate{}}})
                  .ok());
}

TEST(CustomFields, RejectsUnknownKeysAndMissingRequiredFields) {
  FormDefinition form = swedish_placement_form();
  auto status = validate_custom_fields(form.fields, {{"favourite_colour", std::string("blue")}});
  auto fields = fields_of(status);
  EXPECT_THAT(fields, Contains("custom_fields.favourite_colour"));
  EXPECT_THAT(fields, Contains("custom_fields.legal_basis"));
  EXPECT_EQ(status.error().code, core::ErrorCode::kInvalidInput);

  auto null_required = validate_custom_fields(form.fields, {{"legal_basis", std::monostate{}}});
  EXPECT_THAT(fields_of(null_required), Contains("custom_fields.legal_basis"));
}

TEST(CustomFields, ChecksEachTypeAndLimit) {
  FormDefinition form = swedish_placement_form();
  CustomValues values = {{"legal_basis", std::string("adoption")},          // not an option
                         {"monthly_cost_sek", -5.0},                        // below min
                         {"school", std::string("Ekskolan i Nacka")},       // 16 > 10 characters
                         {"follow_up_on", std::string("2026-02-30")},       // no such day
                         {"siblings_placed_together", std::string("yes")},  // not a boolean
                         {"support_needs", std::vector<std::string>{"school", "school"}}};
  auto status = validate_custom_fields(form.fields, values);
  auto fields = fields_of(status);
  EXPECT_EQ(fields.size(), 6u);
  std::map<std::string, std::string> messages;
  for (const auto& f : status.error().fields) messages[f.field] = f.message;
  EXPECT_EQ(messages["custom_fields.monthly_cost_sek"], "This must be between 0 and 500000.");
  EXPECT_EQ(messages["custom_fields.siblings_placed_together"], "This must be yes or no.");
  EXPECT_THAT(messages["custom_fields.school"], HasSubstr("at most 10 characters"));
  EXPECT_THAT(messages["custom_fields.support_needs"], HasSubstr("once"));
}

TEST(CustomFields, RefusesNonFiniteNumbersAndInvalidUtf8) {
  FormDefinition form = swedish_placement_form();
  CustomValues values = {{"legal_basis", std::string("sol_voluntary")},
                         {"monthly_cost_sek", std::numeric_limits<double>::quiet_NaN()},
                         {"school", std::string("Ek\xC0\xAFskolan")}};
  auto fields = fields_of(validate_custom_fields(form.fields, values));
  EXPECT_THAT(fields, Contains("custom_fields.monthly_cost_sek"));
  EXPECT_THAT(fields, Contains("custom_fields.school"));
  EXPECT_THAT(fields, Not(Contains("custom_fields.legal_basis")));
}

TEST(CustomFields, ARequiredMultiChoiceNeedsOneOption) {
  FieldDefinition needs = swedish_placement_form().fields[5];
  needs.required = true;
  std::vector<FieldDefinition> defs{needs};
  EXPECT_THAT(
      fields_of(validate_custom_fields(defs, {{"support_needs", std::vector<std::string>{}}})),
      Contains("custom_fields.support_needs"));
  EXPECT_THAT(fields_of(validate_custom_fields(
                  defs, {{"support_needs", std::vector<std::string>{"money"}}})),
              Contains("custom_fields.support_needs"));
}

TEST(FormDefinition, TypeAndSensitivityCodesAreStable) {
  std::vector<std::string> types, sensitivities;
  for (FieldType t : all_field_types()) types.emplace_back(to_code(t));
  for (Sensitivity s : all_sensitivities()) sensitivities.emplace_back(to_code(s));
  EXPECT_THAT(
      types, ::testing::ElementsAre("text", "number", "date", "boolean", "choice", "multi_choice"));
  EXPECT_THAT(sensitivities, ::testing::ElementsAre("normal", "sensitive", "special_category"));
  EXPECT_EQ(parse_field_type("multi_choice"), FieldType::kMultiChoice);
  EXPECT_FALSE(parse_sensitivity("secret").has_value());
}

}  // namespace
}  // namespace haven::domain
