// The JSON shapes of case-management records (child, report, screening decision, assessment, plan,
// review, closure) in both directions. Reading collects every problem into a domain::FieldErrors
// (unknown keys' types, unknown codes, malformed dates) so the service can add the domain's own
// validation and answer with all field errors at once. Separate from the services so every entry
// point (HTTP, import, tests) reads a record the same way.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "domain/assessment.h"
#include "domain/case_plan.h"
#include "domain/child.h"
#include "domain/closure.h"
#include "domain/field_errors.h"
#include "domain/report.h"
#include "domain/review.h"
#include "domain/screening_decision.h"

namespace haven::service {

// Reads members of one JSON object, adding errors under `prefix` ("child.given_names").
class JsonReader {
 public:
  JsonReader(const nlohmann::json& object, domain::FieldErrors& errors, std::string prefix = {});

  bool has(std::string_view key) const;
  std::string text(std::string_view key);  // absent or null: ""
  bool flag(std::string_view key, bool fallback = false);
  std::optional<core::Date> date(std::string_view key);
  std::optional<int64_t> integer(std::string_view key);
  std::vector<std::string> strings(std::string_view key);
  const nlohmann::json& member(std::string_view key) const;  // null when absent
  std::string field(std::string_view key) const { return prefix_ + std::string(key); }
  domain::FieldErrors& errors() { return errors_; }

  // An enum code; absent keeps `fallback` (nullopt for "required": the domain validation names it).
  template <class E>
  std::optional<E> code(std::string_view key, std::optional<E> (*parse)(std::string_view),
                        std::span<const E> all, std::optional<E> fallback = std::nullopt) {
    const auto& v = member(key);
    if (v.is_null()) return fallback;
    if (!v.is_string()) {
      errors_.add(field(key), "Give a code as text.");
      return fallback;
    }
    return errors_.code<E>(field(key), v.get_ref<const std::string&>(), parse, all);
  }

 private:
  const nlohmann::json& object_;
  domain::FieldErrors& errors_;
  std::string prefix_;
};

// Adds an error when `body` is not an object (the whole request is then unusable).
bool expect_object(const nlohmann::json& body, domain::FieldErrors& errors, std::string_view field);

domain::Child read_child(const nlohmann::json& j, domain::FieldErrors& errors,
                         std::string_view prefix);
domain::Report read_report(const nlohmann::json& j, domain::FieldErrors& errors,
                           std::string_view prefix, core::Timestamp now);
domain::ScreeningDecision read_screening(const nlohmann::json& j, domain::FieldErrors& errors,
                                         core::Date today);
domain::Assessment read_assessment(const nlohmann::json& j, domain::FieldErrors& errors,
                                   core::Date today);
domain::CasePlan read_plan(const nlohmann::json& j, domain::FieldErrors& errors);
domain::Review read_review(const nlohmann::json& j, domain::FieldErrors& errors, core::Date today);
domain::Closure read_closure(const nlohmann::json& j, domain::FieldErrors& errors,
                             core::Date today);

// Adds the errors of a failed domain validation (already prefixed by the caller's `prefix`).
void merge(domain::FieldErrors& errors, const core::Status& status, std::string_view prefix = {});

// A list of codes as the JSON array text the stores keep (`["a","b"]`).
inline std::string codes_json(const std::vector<std::string>& codes) {
  return nlohmann::json(codes).dump();
}
// The strings of such a stored list; empty for anything else (a malformed value reads as none).
std::vector<std::string> codes_from_json(const std::string& stored);

nlohmann::json child_json(const domain::Child& child);
nlohmann::json report_json(const domain::Report& report);
nlohmann::json assessment_json(const domain::Assessment& a);  // the sections only
nlohmann::json plan_goals_json(const std::vector<domain::PlanGoal>& goals);
std::vector<domain::PlanGoal> plan_goals_from(const nlohmann::json& goals);

}  // namespace haven::service
