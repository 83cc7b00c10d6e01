// Child: the person a case is about, as registered — names in every script they are known by, an
// exact or estimated date of birth, nationalities, languages, disabilities, migration status and
// identity numbers. validate_child() is the rule set every write of a child goes through.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "domain/identity_number.h"
#include "domain/person_types.h"

namespace haven::domain {

// Ages that decide who haven registers as a child. Under 18 is a child (UNCRC art. 1); aftercare
// (leaving-care support) runs to 21 in Sweden and to 25 in Finland, so 25 is the region's upper
// bound.
inline constexpr int kAdultAge = 18;
inline constexpr int kMaxAftercareAge = 25;

struct Disability {
  DisabilityType type = DisabilityType::kOther;
  std::string support_needed;  // what helps: "sign language interpreter at meetings"
};

struct Child {
  std::string id;  // empty until stored
  std::string given_names;
  std::string family_names;
  std::string names_original_script;  // "Щербаков Иван", as on documents in the original script
  std::vector<std::string> other_names;  // aliases, earlier names, other transliterations
  Sex sex = Sex::kUnknown;

  // Exact, or estimated with its basis. Required: when nobody knows, estimate and say why.
  std::optional<core::Date> birth_date;
  bool birth_date_estimated = false;
  std::optional<AgeEstimateBasis> birth_date_estimate_basis;  // required exactly when estimated

  std::vector<std::string> nationalities;  // ISO 3166-1 alpha-2; empty means not known
  bool stateless = false;
  std::vector<std::string> languages;  // ISO 639 codes, the child's own first
  bool interpreter_needed = false;
  std::vector<Disability> disabilities;
  MigrationStatus migration_status = MigrationStatus::kNone;
  std::vector<IdentityNumber> identity_numbers;

  // The day the child was first registered; empty while registering (today is used). The age rule
  // is checked against this day, so the record stays valid after the child's 18th birthday.
  std::optional<core::Date> registered_on;
  // Registers a young adult (18–25) who receives leaving-care support; otherwise the birth date
  // must make the child under 18 on registered_on.
  bool young_adult_in_aftercare = false;
};

// Whole years from the child's birth date to `on`; nullopt when no birth date is recorded.
std::optional<int> age_on(const Child& child, core::Date on);

// All problems at once, with the API's field names ("birth_date", "identity_numbers[1].country").
// `today` is the caller's calendar date (from a core::Clock), never read from the system here.
core::Status validate_child(const Child& child, core::Date today);

}  // namespace haven::domain
