// CountryPolicy: the deadlines a country sets for its child protection and Barnahus work. The
// values are national choices, read from config/policy/<country>.toml by the configuration loader
// (cli/service) into this plain struct; the defaults below are the generic ones of
// config/policy/default.toml. policy_fields() lists every numeric key with its bounds, so the
// loader needs no list of its own and a test can prove the TOML files and this struct name the same
// keys.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/case_types.h"
#include "domain/report_types.h"

namespace haven::domain {

// Days are calendar days counted on UTC dates ("within 14 days of 1 March" = by the end of 15
// March); hours are elapsed hours. Neither depends on summer time.
struct CountryPolicy {
  std::string country;  // ISO 3166-1 alpha-2; empty for the generic default

  // Case management.
  int screening_days = 14;  // report received → screening decision (Sweden: 14)
  int assessment_days = 30;  // assessment opened (screened in) → assessment completed (Sweden: 120)
  int plan_days = 14;        // planning started (assessment completed) → plan approved
  int review_interval_days = 90;            // case in implementation: between reviews
  int placement_review_interval_days = 60;  // child in alternative care: between reviews
  int response_hours_high = 24;  // report received → first response, by urgency or risk level
  int response_hours_medium = 72;
  int response_hours_low = 168;

  // Barnahus ([J1]), all counted from the report (police referral) received.
  int barnahus_interview_days = 14;            // → forensic interview
  int barnahus_medical_exam_days = 14;         // → non-acute medical examination
  int barnahus_acute_medical_exam_hours = 72;  // → acute examination (forensic evidence window)
  int barnahus_assessment_days = 30;           // → mental-health / child protection assessment

  // Task lists: a deadline this many days ahead or nearer is "due soon".
  int due_soon_days = 3;
};

// One numeric key of a policy file and the struct member it sets.
struct PolicyField {
  std::string_view key;  // the TOML key, equal to the member's name
  int CountryPolicy::*member;
  int min;
  int max;
};

// Every numeric key, in file order. The string key "country" is the only other key.
std::span<const PolicyField> policy_fields();

// Response time for a risk level, and for an intake urgency (same scale).
int response_hours(const CountryPolicy& policy, RiskLevel level);
int response_hours(const CountryPolicy& policy, Urgency urgency);
RiskLevel as_risk_level(Urgency urgency);

// Each value within its field's bounds, response times ordered high ≤ medium ≤ low, and a country
// code that is empty or valid. Field errors are named by TOML key, for the loader's message.
core::Status validate_policy(const CountryPolicy& policy);

}  // namespace haven::domain
