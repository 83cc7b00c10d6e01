// Formatting and parsing of human case numbers.
#include "domain/case_number.h"

#include <cstdio>

#include "core/country.h"

namespace haven::domain {
namespace {

core::Error bad_format() {
  return core::Error::invalid(
      "A case number looks like SE-2026-000123: country, year, then at least six digits.",
      {{"case_number", "Use the form SE-2026-000123."}});
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::string CaseNumber::to_string() const {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s-%04d-%06lld", country.c_str(), year,
                static_cast<long long>(counter));
  return buf;
}

core::Result<CaseNumber> make_case_number(std::string_view country, int year, int64_t counter) {
  std::vector<core::FieldError> fields;
  if (!core::is_country_code(country))
    fields.push_back({"country", "Use a two-letter ISO country code in capitals, such as SE."});
  if (year < kCaseNumberMinYear || year > kCaseNumberMaxYear)
    fields.push_back({"year", "The year must be between 2000 and 9999."});
  if (counter < 1 || counter > kCaseNumberMaxCounter)
    fields.push_back({"counter", "The counter must be between 1 and 999999999."});
  if (!fields.empty())
    return core::Error::invalid("The case number is not valid.", std::move(fields));
  return CaseNumber{std::string(country), year, counter};
}

core::Result<CaseNumber> parse_case_number(std::string_view text) {
  // CC-YYYY-NNNNNN…
  if (text.size() < 14 || text[2] != '-' || text[7] != '-') return bad_format();
  std::string country(text.substr(0, 2));
  for (char& c : country)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  std::string_view year_text = text.substr(3, 4);
  std::string_view counter_text = text.substr(8);
  if (!all_digits(year_text) || !all_digits(counter_text)) return bad_format();
  if (counter_text.size() > 9 || (counter_text.size() > 6 && counter_text.front() == '0'))
    return bad_format();
  int year = 0;
  for (char c : year_text) year = year * 10 + (c - '0');
  int64_t counter = 0;
  for (char c : counter_text) counter = counter * 10 + (c - '0');
  auto number = make_case_number(country, year, counter);
  if (!number.ok()) return bad_format();
  return number;
}

}  // namespace haven::domain
