// The rules for a child's registration record.
#include "domain/child.h"

#include <algorithm>

#include "core/utf8.h"

namespace haven::domain {
namespace {

void check_unique_codes(FieldErrors& errors, std::string_view list,
                        const std::vector<std::string>& codes, bool is_country) {
  for (std::size_t i = 0; i < codes.size(); ++i) {
    std::string field = indexed_field(list, i);
    if (!(is_country ? errors.country(field, codes[i]) : errors.language(field, codes[i])))
      continue;
    if (std::find(codes.begin(), codes.begin() + static_cast<std::ptrdiff_t>(i), codes[i]) !=
        codes.begin() + static_cast<std::ptrdiff_t>(i))
      errors.add(field, "This is already listed.");
  }
}

void check_names(FieldErrors& errors, const Child& c) {
  errors.line("given_names", c.given_names, kNameMaxChars, Presence::kOptional);
  errors.line("family_names", c.family_names, kNameMaxChars, Presence::kOptional);
  errors.line("names_original_script", c.names_original_script, kNameMaxChars, Presence::kOptional);
  bool any_other = false;
  for (std::size_t i = 0; i < c.other_names.size(); ++i) {
    if (errors.line(indexed_field("other_names", i), c.other_names[i], kNameMaxChars,
                    Presence::kRequired))
      any_other = true;
  }
  bool named = !core::trim(c.given_names).empty() || !core::trim(c.family_names).empty() ||
               !core::trim(c.names_original_script).empty() || any_other;
  if (!named && !errors.has("given_names") && !errors.has("family_names"))
    errors.add(
        "given_names",
        "Enter at least one name the child is known by; a first name or a nickname is enough.");
}

void check_birth_date(FieldErrors& errors, const Child& c, core::Date today) {
  if (c.birth_date_estimated && !c.birth_date_estimate_basis)
    errors.add("birth_date_estimate_basis", "Say what the estimated date of birth is based on.");
  if (!c.birth_date_estimated && c.birth_date_estimate_basis)
    errors.add("birth_date_estimate_basis",
               "Only an estimated date of birth has a basis; tick 'estimated' or clear the basis.");

  if (!c.birth_date) {
    errors.add("birth_date",
               "Enter a date of birth; if nobody knows it, estimate it and say what the estimate "
               "is based on.");
    return;
  }
  if (!errors.not_future("birth_date", *c.birth_date, today)) return;
  const core::Date registered_on = c.registered_on.value_or(today);
  if (registered_on < *c.birth_date) {
    errors.add("birth_date", "The date of birth cannot be after the registration date (" +
                                 registered_on.to_string() + ").");
    return;
  }

  int age = c.birth_date->years_until(registered_on);
  int limit = c.young_adult_in_aftercare ? kMaxAftercareAge : kAdultAge - 1;
  if (age <= limit) return;
  std::string age_text = std::to_string(age);
  if (c.young_adult_in_aftercare) {
    errors.add("birth_date", "This date of birth makes the young person " + age_text +
                                 " on the registration date; aftercare runs to age " +
                                 std::to_string(kMaxAftercareAge) + " at most.");
  } else if (c.birth_date_estimated) {
    errors.add("birth_date",
               "An estimated age of " + age_text +
                   " is not a child's: the estimate must make the child under 18 on the "
                   "registration date. For a young adult in aftercare, tick that box.");
  } else {
    errors.add("birth_date", "This date of birth makes the person " + age_text +
                                 " on the registration date; haven registers children under 18, or "
                                 "young adults in aftercare (tick that box).");
  }
}

}  // namespace

std::optional<int> age_on(const Child& child, core::Date on) {
  if (!child.birth_date) return std::nullopt;
  return child.birth_date->years_until(on);
}

core::Status validate_child(const Child& c, core::Date today) {
  FieldErrors errors;
  check_names(errors, c);
  if (c.registered_on) errors.not_future("registered_on", *c.registered_on, today);
  check_birth_date(errors, c, today);

  check_unique_codes(errors, "nationalities", c.nationalities, true);
  if (c.stateless && !c.nationalities.empty())
    errors.add("stateless", "A stateless child has no nationality; clear one or the other.");

  check_unique_codes(errors, "languages", c.languages, false);
  if (c.interpreter_needed && c.languages.empty())
    errors.add("languages", "Name the language an interpreter is needed for.");

  for (std::size_t i = 0; i < c.disabilities.size(); ++i)
    errors.text(indexed_field("disabilities", i, "support_needed"),
                c.disabilities[i].support_needed, kTextMaxChars, Presence::kOptional);

  check_identity_numbers(errors, "identity_numbers", c.identity_numbers);
  return errors.status("The child's details need correcting; see the marked fields.");
}

}  // namespace haven::domain
