// How far two birth dates agree, in the levels registration errors produce: the same day; day and
// month swapped (03.07 typed as 07.03); a year off by one (an estimated age rounded the other way);
// a few days or weeks apart (a wrong digit, an estimate within the same season); within a year;
// or not at all.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/date.h"

namespace haven::search {

enum class DateAgreement : uint8_t {
  kExact = 0,
  kDayMonthSwapped = 1,
  kYearOffByOne = 2,  // same day and month a year apart, or either date estimated and within a year
  kWithinDays = 3,    // within DateRules::within_days
  kWithinYear = 4,    // within a year (a sibling is rarely this close; a wrong digit may be)
  kDisagree = 5,      // more than a year apart
  kMissing = 6,       // either date unknown: no evidence either way
};
inline constexpr size_t kDateAgreementLevels = 6;  // kMissing is not a level
std::string_view date_agreement_name(DateAgreement a);

struct BirthDate {
  std::optional<core::Date> date;
  bool estimated = false;  // only the year (or age) was known
};

struct DateRules {
  int within_days = 31;
};

DateAgreement compare_birth_dates(const BirthDate& a, const BirthDate& b, DateRules rules = {});

}  // namespace haven::search
