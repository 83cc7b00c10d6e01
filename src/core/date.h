// Calendar dates (a date of birth, a due date) with no time of day or zone. Stored as TEXT
// "YYYY-MM-DD".
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace haven::core {

class Date {
 public:
  Date() = default;  // 1970-01-01

  // Accepts exactly "YYYY-MM-DD" with a real calendar day (leap years honoured); nullopt otherwise.
  static std::optional<Date> parse(std::string_view text);
  // Makes a date from parts; nullopt if the day does not exist.
  static std::optional<Date> from_ymd(int year, int month, int day);
  // Days since 1970-01-01 (may be negative) to a date, and back.
  static Date from_days(int64_t days);
  // The UTC calendar date of an instant.
  static Date of(Timestamp t);

  int year() const { return y_; }
  int month() const { return m_; }
  int day() const { return d_; }
  int64_t days_since_epoch() const;
  Date plus_days(int64_t n) const { return from_days(days_since_epoch() + n); }
  // Adds calendar months, clamping the day (Jan 31 + 1 month = Feb 28/29).
  Date plus_months(int n) const;
  // Whole years from this date to `on` (an age), never negative for on >= *this.
  int years_until(Date on) const;
  std::string to_string() const;  // "YYYY-MM-DD"

  friend auto operator<=>(const Date&, const Date&) = default;

 private:
  Date(int y, int m, int d) : y_(y), m_(m), d_(d) {}
  int y_ = 1970, m_ = 1, d_ = 1;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

}  // namespace haven::core
