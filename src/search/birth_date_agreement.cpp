// The date levels, most specific first.
#include "search/birth_date_agreement.h"

#include <cstdlib>

namespace haven::search {

std::string_view date_agreement_name(DateAgreement a) {
  switch (a) {
    case DateAgreement::kExact:
      return "exact";
    case DateAgreement::kDayMonthSwapped:
      return "day_month_swapped";
    case DateAgreement::kYearOffByOne:
      return "year_off_by_one";
    case DateAgreement::kWithinDays:
      return "within_days";
    case DateAgreement::kWithinYear:
      return "within_year";
    case DateAgreement::kDisagree:
      return "disagree";
    case DateAgreement::kMissing:
      break;
  }
  return "missing";
}

DateAgreement compare_birth_dates(const BirthDate& a, const BirthDate& b, DateRules rules) {
  if (!a.date || !b.date) return DateAgreement::kMissing;
  const core::Date& x = *a.date;
  const core::Date& y = *b.date;
  if (x == y) return DateAgreement::kExact;
  if (x.year() == y.year() && x.day() == y.month() && x.month() == y.day()) {
    return DateAgreement::kDayMonthSwapped;
  }
  const int64_t apart = std::llabs(x.days_since_epoch() - y.days_since_epoch());
  if (std::abs(x.year() - y.year()) == 1 && x.month() == y.month() && x.day() == y.day()) {
    return DateAgreement::kYearOffByOne;
  }
  if (apart <= rules.within_days) return DateAgreement::kWithinDays;
  if (apart <= 366) {
    return a.estimated || b.estimated ? DateAgreement::kYearOffByOne : DateAgreement::kWithinYear;
  }
  return DateAgreement::kDisagree;
}

}  // namespace haven::search
