// Country-specific form fields (config/forms/<country>.toml), loaded once at start, and the check
// every write of a child, report, case, assessment or plan (and the records of other services)
// runs on its `custom_fields` JSON object. Immutable after load, so thread-safe.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/form_definition.h"

namespace haven::service {

// The outcome of checking one record's custom fields: the JSON to store and the problems found,
// named "custom_fields.<name>" so they join the record's other field errors.
// Values of fields marked sensitive or special_category are kept apart, for the caller to seal
// (service/custom_fields.h) so that they are stored only encrypted.
struct CustomFieldsCheck {
  std::string json = "{}";     // canonical JSON object text of the readable values
  std::string sensitive_json;  // the sensitive values as a JSON object, "" when there are none
  std::vector<core::FieldError> errors;
};

class FormRegistry {
 public:
  FormRegistry() = default;
  // Reads every *.toml in `dir` (a missing folder is an empty registry). Errors name the file and
  // the field that is wrong.
  static core::Result<FormRegistry> load(const std::string& dir);

  // The fields `country` adds to `record_type` (empty when none).
  const std::vector<domain::FieldDefinition>& fields(std::string_view country,
                                                     std::string_view record_type) const;

  // Checks `value` (the request's "custom_fields"; null or absent counts as {}) for a record of
  // `record_type` held by an agency in `country`.
  CustomFieldsCheck check(std::string_view country, std::string_view record_type,
                          const nlohmann::json& value) const;

  void add(std::string country, domain::FormDefinition form);

 private:
  // country → record type → fields
  std::map<std::string, std::map<std::string, std::vector<domain::FieldDefinition>, std::less<>>,
           std::less<>>
      forms_;
};

}  // namespace haven::service
