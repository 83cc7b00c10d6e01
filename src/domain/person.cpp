// The rules for a person record.
#include "domain/person.h"

#include <algorithm>

#include "core/utf8.h"

namespace haven::domain {
namespace {

constexpr std::size_t kPhoneMaxChars = 32;
constexpr std::size_t kEmailMaxChars = 254;  // RFC 5321 path limit

bool plausible_phone(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')')
      return false;
  }
  return digits >= 3;
}

// Deliberately loose: one @ with something on each side and a dot in the domain, no spaces.
bool plausible_email(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos)
    return false;
  auto domain = s.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size()) return false;
  return s.find(' ') == std::string_view::npos;
}

}  // namespace

bool has_role(const Person& person, PersonRole role) {
  return std::find(person.roles.begin(), person.roles.end(), role) != person.roles.end();
}

core::Status validate_person(const Person& p, core::Date today) {
  FieldErrors errors;
  errors.line("given_names", p.given_names, kNameMaxChars, Presence::kOptional);
  errors.line("family_names", p.family_names, kNameMaxChars, Presence::kOptional);
  errors.line("names_original_script", p.names_original_script, kNameMaxChars, Presence::kOptional);
  for (std::size_t i = 0; i < p.other_names.size(); ++i)
    errors.line(indexed_field("other_names", i), p.other_names[i], kNameMaxChars,
                Presence::kRequired);
  errors.text("description", p.description, kShortTextMaxChars, Presence::kOptional);
  if (errors.empty() && core::trim(p.given_names).empty() && core::trim(p.family_names).empty() &&
      core::trim(p.names_original_script).empty() && core::trim(p.description).empty())
    errors.add("given_names", "Enter a name, or describe the person if the name is not known.");

  if (p.birth_date) errors.not_future("birth_date", *p.birth_date, today);

  for (std::size_t i = 0; i < p.roles.size(); ++i)
    if (std::find(p.roles.begin(), p.roles.begin() + static_cast<std::ptrdiff_t>(i), p.roles[i]) !=
        p.roles.begin() + static_cast<std::ptrdiff_t>(i))
      errors.add(indexed_field("roles", i), "This role is already listed.");

  for (std::size_t i = 0; i < p.languages.size(); ++i)
    errors.language(indexed_field("languages", i), p.languages[i]);
  if (p.interpreter_needed && p.languages.empty())
    errors.add("languages", "Name the language an interpreter is needed for.");

  if (errors.line("phone", p.phone, kPhoneMaxChars, Presence::kOptional) && !p.phone.empty() &&
      !plausible_phone(p.phone))
    errors.add("phone", "Use digits, spaces, + - ( ) only, as in +46 8 123 456.");
  if (errors.line("email", p.email, kEmailMaxChars, Presence::kOptional) && !p.email.empty() &&
      !plausible_email(p.email))
    errors.add("email", "This does not look like an e-mail address.");
  errors.text("address", p.address, kShortTextMaxChars, Presence::kOptional);

  check_identity_numbers(errors, "identity_numbers", p.identity_numbers);
  return errors.status("The person's details need correcting; see the marked fields.");
}

}  // namespace haven::domain
