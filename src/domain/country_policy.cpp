// Bounds and checks for a country policy. Upper bounds catch typos (1400 for 14), not national
// choices.
#include "domain/country_policy.h"

#include "core/country.h"
#include "domain/field_errors.h"

namespace haven::domain {
namespace {

using P = CountryPolicy;

constexpr PolicyField kFields[] = {
    {"screening_days", &P::screening_days, 1, 90},
    {"assessment_days", &P::assessment_days, 1, 366},
    {"plan_days", &P::plan_days, 1, 180},
    {"review_interval_days", &P::review_interval_days, 7, 366},
    {"placement_review_interval_days", &P::placement_review_interval_days, 7, 366},
    {"response_hours_high", &P::response_hours_high, 1, 168},
    {"response_hours_medium", &P::response_hours_medium, 1, 720},
    {"response_hours_low", &P::response_hours_low, 1, 2160},
    {"barnahus_interview_days", &P::barnahus_interview_days, 1, 180},
    {"barnahus_medical_exam_days", &P::barnahus_medical_exam_days, 1, 180},
    {"barnahus_acute_medical_exam_hours", &P::barnahus_acute_medical_exam_hours, 1, 168},
    {"barnahus_assessment_days", &P::barnahus_assessment_days, 1, 366},
    {"due_soon_days", &P::due_soon_days, 0, 30},
};

}  // namespace

std::span<const PolicyField> policy_fields() {
  return kFields;
}

RiskLevel as_risk_level(Urgency urgency) {
  switch (urgency) {
    case Urgency::kHigh:
      return RiskLevel::kHigh;
    case Urgency::kMedium:
      return RiskLevel::kMedium;
    case Urgency::kLow:
      return RiskLevel::kLow;
  }
  return RiskLevel::kHigh;
}

int response_hours(const CountryPolicy& policy, RiskLevel level) {
  switch (level) {
    case RiskLevel::kHigh:
      return policy.response_hours_high;
    case RiskLevel::kMedium:
      return policy.response_hours_medium;
    case RiskLevel::kLow:
      return policy.response_hours_low;
  }
  return policy.response_hours_high;
}

int response_hours(const CountryPolicy& policy, Urgency urgency) {
  return response_hours(policy, as_risk_level(urgency));
}

core::Status validate_policy(const CountryPolicy& policy) {
  FieldErrors errors;
  if (!policy.country.empty()) errors.country("country", policy.country);
  for (const PolicyField& f : kFields) {
    int value = policy.*f.member;
    if (value < f.min || value > f.max)
      errors.add(std::string(f.key), "Must be between " + std::to_string(f.min) + " and " +
                                         std::to_string(f.max) + " (is " + std::to_string(value) +
                                         ").");
  }
  if (!errors.has("response_hours_medium") &&
      (policy.response_hours_high > policy.response_hours_medium ||
       policy.response_hours_medium > policy.response_hours_low))
    errors.add("response_hours_medium",
               "Response times must not shrink as risk falls: high ≤ medium ≤ low.");
  return errors.status("The country policy has values out of range.");
}

}  // namespace haven::domain
