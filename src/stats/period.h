// The reference period of a release: a year ("2026") or a quarter ("2026-Q1"), as SDMX writes
// TIME_PERIOD, with the calendar days it covers. Flows count events on those days; stocks are
// taken on the last one.
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace haven::stats {

struct Period {
  std::string code;      // "2026" or "2026-Q1"
  char frequency = 'A';  // SDMX FREQ: 'A' annual, 'Q' quarterly
  int year = 0;
  core::Date first;  // first day of the period
  core::Date last;   // last day of the period, included
};

// "2026" or "2026-Q1" … "2026-Q4", years 1900–2199. Errors (kInvalidInput) say what is accepted.
core::Result<Period> parse_period(std::string_view text);

}  // namespace haven::stats
