// Country-specific fields: a country adds fields to a record type through form definitions
// (config/forms/*.toml, read elsewhere into these structs). Values arrive as a small variant map,
// are stored as JSON beside the record, and are validated on every write like built-in fields.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace haven::domain {

enum class FieldType { kText, kNumber, kDate, kBoolean, kChoice, kMultiChoice };

// How a value must be protected. kSensitive and kSpecialCategory values are encrypted at rest;
// kSpecialCategory marks GDPR article 9 data (health, ethnicity, religion, sexual life).
enum class Sensitivity { kNormal, kSensitive, kSpecialCategory };

std::string_view to_code(FieldType type);
std::string_view to_code(Sensitivity sensitivity);
std::optional<FieldType> parse_field_type(std::string_view code);
std::optional<Sensitivity> parse_sensitivity(std::string_view code);
std::span<const FieldType> all_field_types();
std::span<const Sensitivity> all_sensitivities();

// Labels keyed by UI language code ("en", "sv", "lv"); "en" is required.
using Labels = std::map<std::string, std::string, std::less<>>;

struct FieldOption {
  std::string code;  // stored value, snake_case
  Labels labels;
};

struct FieldDefinition {
  std::string name;  // snake_case, unique within the form; the key in the stored JSON
  FieldType type = FieldType::kText;
  std::vector<FieldOption> options;  // choice and multi_choice only
  bool required = false;
  Sensitivity sensitivity = Sensitivity::kNormal;
  Labels labels;
  std::size_t max_length = 2'000;  // text only, in characters
  std::optional<double> min;       // number only
  std::optional<double> max;
};

struct FormDefinition {
  std::string record_type;  // "child", "report", "placement", …
  std::vector<FieldDefinition> fields;
};

// A submitted value: absent (monostate), text or date or choice (string), number, boolean, or the
// codes of a multi-choice. Dates travel as "YYYY-MM-DD" strings.
using CustomValue =
    std::variant<std::monostate, std::string, double, bool, std::vector<std::string>>;
using CustomValues = std::map<std::string, CustomValue, std::less<>>;

// Checks a definition as loaded from configuration: names snake_case and unique, an English label,
// options present (and unique) exactly for choice types, min ≤ max. Field errors are named
// "fields[i].name" etc., for the loader's message.
core::Status validate_form_definition(const FormDefinition& form);

// Checks submitted values against a form: every key must be a defined field, every required field
// present, each value of its field's type and within its limits. Errors are named
// "custom_fields.<name>", the way the API nests them.
core::Status validate_custom_fields(std::span<const FieldDefinition> definitions,
                                    const CustomValues& values);

}  // namespace haven::domain
