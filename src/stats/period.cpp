// Parsing "2026" and "2026-Q1" into the days a period covers.
#include "stats/period.h"

#include <cctype>

namespace haven::stats {

core::Result<Period> parse_period(std::string_view text) {
  const auto bad = [&] {
    return core::Error::invalid("The period '" + std::string(text) +
                                "' is not a year (2026) or a quarter (2026-Q1 … 2026-Q4).");
  };
  if (text.size() != 4 && text.size() != 7) return bad();
  for (size_t i = 0; i < 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return bad();
  }
  Period p;
  p.code = std::string(text);
  p.year = std::stoi(std::string(text.substr(0, 4)));
  if (p.year < 1900 || p.year > 2199) return bad();
  int first_month = 1, last_month = 12;
  if (text.size() == 7) {
    if (text[4] != '-' || text[5] != 'Q' || text[6] < '1' || text[6] > '4') return bad();
    const int q = text[6] - '0';
    p.frequency = 'Q';
    first_month = 3 * q - 2;
    last_month = 3 * q;
  }
  p.first = *core::Date::from_ymd(p.year, first_month, 1);
  p.last = *core::Date::from_ymd(p.year, last_month, core::days_in_month(p.year, last_month));
  return p;
}

}  // namespace haven::stats
