// Identity number checks shared by children and other persons.
#include "domain/identity_number.h"

namespace haven::domain {

void check_identity_numbers(FieldErrors& errors, std::string_view list,
                            const std::vector<IdentityNumber>& numbers) {
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    const IdentityNumber& n = numbers[i];
    errors.country(indexed_field(list, i, "country"), n.country);
    std::string value_field = indexed_field(list, i, "value");
    if (!errors.line(value_field, n.value, kIdentityNumberMaxChars, Presence::kRequired)) continue;
    for (std::size_t j = 0; j < i; ++j) {
      if (numbers[j].kind == n.kind && numbers[j].country == n.country &&
          numbers[j].value == n.value) {
        errors.add(value_field, "This identity number is already listed.");
        break;
      }
    }
  }
}

}  // namespace haven::domain
