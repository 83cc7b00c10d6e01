// Person: anyone around a child who is not the child of the case — a caregiver, relative, support
// person, alleged perpetrator, reporter. Often only partly known, so a description can stand in for
// a name.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "domain/identity_number.h"
#include "domain/person_types.h"

namespace haven::domain {

struct Person {
  std::string id;  // empty until stored
  std::string given_names;
  std::string family_names;
  std::string names_original_script;
  std::vector<std::string> other_names;
  std::string description;  // when no name is known: "man, about 40, drives a red van"
  Sex sex = Sex::kUnknown;
  std::optional<core::Date> birth_date;
  bool birth_date_estimated = false;
  std::vector<PersonRole> roles;  // several allowed; none is fine for a household member
  std::vector<std::string> languages;
  bool interpreter_needed = false;
  std::string phone;
  std::string email;
  std::string address;
  std::vector<IdentityNumber> identity_numbers;
};

bool has_role(const Person& person, PersonRole role);

// All problems at once, with the API's field names. `today` comes from the caller's clock.
core::Status validate_person(const Person& person, core::Date today);

}  // namespace haven::domain
