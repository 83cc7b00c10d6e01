// The format and check digit of the region's national personal identity numbers (personnummer,
// fødselsnummer, CPR, henkilötunnus, isikukood, personas kods, asmens kodas, PESEL, kennitala), so
// an import refuses a number mistyped in the source system. Pure; unit-tested.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace haven::service::import {

// Checks `number` (as written: separators such as spaces, '-', '+' and '.' allowed where people
// type them) against the national identity number rules of `country` (ISO 3166-1 alpha-2). Returns
// nullopt for a valid number, and for a country whose numbers have no rule here (Germany issues no
// personal number at birth; any country outside the region); otherwise the reason, in words a user
// can act on ("the check digit does not match").
std::optional<std::string> check_national_id(std::string_view country, std::string_view number);

}  // namespace haven::service::import
