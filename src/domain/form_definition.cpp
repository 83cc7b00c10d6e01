// Validation of country-defined forms and of the values submitted through them.
#include "domain/form_definition.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/date.h"
#include "core/utf8.h"
#include "domain/enum_table.h"
#include "domain/field_errors.h"

namespace haven::domain {
namespace {

constexpr auto kFieldTypes = make_enum_table<FieldType>({
    {FieldType::kText, "text"},
    {FieldType::kNumber, "number"},
    {FieldType::kDate, "date"},
    {FieldType::kBoolean, "boolean"},
    {FieldType::kChoice, "choice"},
    {FieldType::kMultiChoice, "multi_choice"},
});
static_assert(kFieldTypes.complete_through(FieldType::kMultiChoice));

constexpr auto kSensitivities = make_enum_table<Sensitivity>({
    {Sensitivity::kNormal, "normal"},
    {Sensitivity::kSensitive, "sensitive"},
    {Sensitivity::kSpecialCategory, "special_category"},
});
static_assert(kSensitivities.complete_through(Sensitivity::kSpecialCategory));

constexpr std::size_t kMaxNameLength = 64;
constexpr std::size_t kMaxTextLength = 20'000;

bool is_snake_case_name(std::string_view s) {
  if (s.empty() || s.size() > kMaxNameLength || !(s.front() >= 'a' && s.front() <= 'z') ||
      s.back() == '_')
    return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

bool is_choice(FieldType t) {
  return t == FieldType::kChoice || t == FieldType::kMultiChoice;
}

bool has_option(const FieldDefinition& def, std::string_view code) {
  return std::any_of(def.options.begin(), def.options.end(),
                     [&](const FieldOption& o) { return o.code == code; });
}

void check_labels(FieldErrors& errors, const std::string& field, const Labels& labels) {
  if (labels.find("en") == labels.end())
    errors.add(field, "Give at least an English (\"en\") label.");
  for (const auto& [language, label] : labels) {
    std::string name = field;
    name += '.';
    name += language;
    errors.line(name, label, kShortTextMaxChars, Presence::kRequired);
  }
}

std::string format_number(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

bool is_absent(const CustomValue& v) {
  return std::holds_alternative<std::monostate>(v);
}

std::string_view type_phrase(FieldType t) {
  switch (t) {
    case FieldType::kText:
      return "text";
    case FieldType::kNumber:
      return "a number";
    case FieldType::kDate:
      return "a date (YYYY-MM-DD)";
    case FieldType::kBoolean:
      return "yes or no";
    case FieldType::kChoice:
      return "one of the listed options";
    case FieldType::kMultiChoice:
      return "a list of the listed options";
  }
  return "a value";
}

// One submitted value against its definition.
void check_value(FieldErrors& errors, const std::string& field, const FieldDefinition& def,
                 const CustomValue& value) {
  auto wrong_type = [&] {
    errors.add(field, "This must be " + std::string(type_phrase(def.type)) + ".");
  };
  switch (def.type) {
    case FieldType::kText: {
      const auto* s = std::get_if<std::string>(&value);
      if (!s) return wrong_type();
      errors.text(field, *s, def.max_length,
                  def.required ? Presence::kRequired : Presence::kOptional);
      return;
    }
    case FieldType::kNumber: {
      const auto* d = std::get_if<double>(&value);
      if (!d) return wrong_type();
      if (!std::isfinite(*d)) return errors.add(field, "This must be a finite number.");
      if ((def.min && *d < *def.min) || (def.max && *d > *def.max)) {
        std::string range = def.min && def.max ? "between " + format_number(*def.min) + " and " +
                                                     format_number(*def.max)
                            : def.min ? "at least " + format_number(*def.min)
                                      : "at most " + format_number(*def.max);
        errors.add(field, "This must be " + range + ".");
      }
      return;
    }
    case FieldType::kDate: {
      const auto* s = std::get_if<std::string>(&value);
      if (!s) return wrong_type();
      if (!core::Date::parse(*s)) errors.add(field, "Use a real date written as YYYY-MM-DD.");
      return;
    }
    case FieldType::kBoolean:
      if (!std::holds_alternative<bool>(value)) wrong_type();
      return;
    case FieldType::kChoice: {
      const auto* s = std::get_if<std::string>(&value);
      if (!s) return wrong_type();
      if (!has_option(def, *s)) errors.add(field, "Choose one of the listed options.");
      return;
    }
    case FieldType::kMultiChoice: {
      const auto* list = std::get_if<std::vector<std::string>>(&value);
      if (!list) return wrong_type();
      if (def.required && list->empty()) return errors.add(field, "Choose at least one option.");
      for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string& code = (*list)[i];
        if (!has_option(def, code))
          return errors.add(field, "Choose only from the listed options.");
        if (std::find(list->begin(), list->begin() + static_cast<std::ptrdiff_t>(i), code) !=
            list->begin() + static_cast<std::ptrdiff_t>(i))
          return errors.add(field, "Each option can be chosen once.");
      }
      return;
    }
  }
}

}  // namespace

std::string_view to_code(FieldType type) {
  return kFieldTypes.code(type);
}
std::string_view to_code(Sensitivity sensitivity) {
  return kSensitivities.code(sensitivity);
}
std::optional<FieldType> parse_field_type(std::string_view code) {
  return kFieldTypes.parse(code);
}
std::optional<Sensitivity> parse_sensitivity(std::string_view code) {
  return kSensitivities.parse(code);
}
std::span<const FieldType> all_field_types() {
  return kFieldTypes.values();
}
std::span<const Sensitivity> all_sensitivities() {
  return kSensitivities.values();
}

core::Status validate_form_definition(const FormDefinition& form) {
  FieldErrors errors;
  if (!is_snake_case_name(form.record_type))
    errors.add("record_type", "Name the record type in snake_case, such as child or placement.");
  for (std::size_t i = 0; i < form.fields.size(); ++i) {
    const FieldDefinition& def = form.fields[i];
    std::string at = indexed_field("fields", i);
    if (!is_snake_case_name(def.name)) {
      errors.add(at + ".name",
                 "Use a snake_case name of at most 64 characters, starting with a letter.");
    } else {
      for (std::size_t j = 0; j < i; ++j)
        if (form.fields[j].name == def.name) errors.add(at + ".name", "This name is already used.");
    }
    check_labels(errors, at + ".labels", def.labels);

    if (is_choice(def.type) && def.options.empty())
      errors.add(at + ".options", "A choice field needs options.");
    if (!is_choice(def.type) && !def.options.empty())
      errors.add(at + ".options", "Only choice fields have options.");
    for (std::size_t k = 0; k < def.options.size(); ++k) {
      std::string option_at = indexed_field(at + ".options", k);
      const FieldOption& option = def.options[k];
      if (!is_snake_case_name(option.code))
        errors.add(option_at + ".code", "Use a snake_case code, starting with a letter.");
      else if (!std::all_of(def.options.begin(),
                            def.options.begin() + static_cast<std::ptrdiff_t>(k),
                            [&](const FieldOption& o) { return o.code != option.code; }))
        errors.add(option_at + ".code", "This code is already used.");
      check_labels(errors, option_at + ".labels", option.labels);
    }

    if (def.type == FieldType::kText && (def.max_length == 0 || def.max_length > kMaxTextLength))
      errors.add(at + ".max_length", "Use a length between 1 and 20000.");
    if (def.min && def.max && *def.min > *def.max)
      errors.add(at + ".min", "The minimum cannot be above the maximum.");
    if (def.type != FieldType::kNumber && (def.min || def.max))
      errors.add(at + ".min", "Only number fields have a minimum or maximum.");
  }
  return errors.status("The form definition has errors.");
}

core::Status validate_custom_fields(std::span<const FieldDefinition> definitions,
                                    const CustomValues& values) {
  FieldErrors errors;
  for (const auto& entry : values) {
    const std::string& key = entry.first;  // a named reference: clang cannot capture a binding
    bool known = std::any_of(definitions.begin(), definitions.end(),
                             [&](const FieldDefinition& d) { return d.name == key; });
    if (!known) {
      std::string shown = core::is_valid_utf8(key) ? core::utf8_truncate(key, 64) : "?";
      errors.add("custom_fields." + shown, "This form has no field named '" + shown + "'.");
    }
  }
  for (const FieldDefinition& def : definitions) {
    std::string field = "custom_fields." + def.name;
    auto it = values.find(def.name);
    if (it == values.end() || is_absent(it->second)) {
      if (def.required) errors.add(field, "This field is required.");
      continue;
    }
    check_value(errors, field, def, it->second);
  }
  return errors.status(
      "Some of the country-specific fields need correcting; see the marked fields.");
}

}  // namespace haven::domain
