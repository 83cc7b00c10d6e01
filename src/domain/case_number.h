// CaseNumber: the human case number, "SE-2026-000123" — country, year, and a per-country, per-year
// counter (kept in a counter row by the store). People read it aloud and type it into search, so
// parsing accepts lower case and gives back the canonical form.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace haven::domain {

struct CaseNumber {
  std::string country;  // ISO 3166-1 alpha-2, upper case
  int year = 0;         // 2000–9999
  int64_t counter = 0;  // 1–999 999 999; printed with at least six digits

  // "SE-2026-000123"; a counter beyond 999 999 simply gets more digits ("SE-2026-1234567").
  std::string to_string() const;
  friend bool operator==(const CaseNumber&, const CaseNumber&) = default;
};

inline constexpr int kCaseNumberMinYear = 2000;
inline constexpr int kCaseNumberMaxYear = 9999;
inline constexpr int64_t kCaseNumberMaxCounter = 999'999'999;

// Checks the parts; errors name "country", "year" or "counter".
core::Result<CaseNumber> make_case_number(std::string_view country, int year, int64_t counter);

// Parses "SE-2026-000123" (country letters in either case). Rejects a counter with fewer than six
// digits or with a needless leading zero, so each number has exactly one spelling.
core::Result<CaseNumber> parse_case_number(std::string_view text);

}  // namespace haven::domain
