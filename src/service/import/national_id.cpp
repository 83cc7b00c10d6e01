// Each country's rule: which digits carry the date of birth (and how the century or a special
// number kind shifts them) and how the check digit is computed. Sources: the registers' published
// specifications (Skatteverket SKV 704, Skatteetaten, CPR-kontoret, DVV, Eesti standard EVS 585,
// PMLP, Lietuvos standartas LST 1185, the PESEL act, Þjóðskrá).
#include "service/import/national_id.h"

#include <array>
#include <cstdint>

#include "core/date.h"

namespace haven::service::import {

namespace {

// The digits of `text`, with the separators people type left out; nullopt when anything else is in
// it or the count is not one of the allowed.
std::optional<std::string> digits_of(std::string_view text, std::string_view separators) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      out += c;
    } else if (separators.find(c) == std::string_view::npos) {
      return std::nullopt;
    }
  }
  return out;
}

int d(const std::string& s, size_t i) {
  return s[i] - '0';
}
int two(const std::string& s, size_t i) {
  return d(s, i) * 10 + d(s, i + 1);
}

bool valid_date(int year, int month, int day) {
  return core::Date::from_ymd(year, month, day).has_value();
}

// Any century: the date is valid in one of 1900 or 2000 (29 February needs a leap year).
bool valid_in_some_century(int yy, int month, int day) {
  return valid_date(1900 + yy, month, day) || valid_date(2000 + yy, month, day);
}

// Weighted sum of the first weights.size() digits.
template <size_t N>
int weighted(const std::string& s, const std::array<int, N>& weights, size_t from = 0) {
  int sum = 0;
  for (size_t i = 0; i < N; ++i) sum += d(s, from + i) * weights[i];
  return sum;
}

const std::string kBadCheck = "the check digit does not match: a digit is mistyped";

std::optional<std::string> sweden(std::string_view text) {
  auto s = digits_of(text, " -+");
  if (!s || (s->size() != 10 && s->size() != 12))
    return "a personnummer has 10 digits (YYMMDD-NNNC) or 12 (YYYYMMDDNNNC)";
  std::string ten = s->size() == 12 ? s->substr(2) : *s;
  int day = two(ten, 4);
  if (day > 60) day -= 60;  // samordningsnummer
  if (!valid_in_some_century(two(ten, 0), two(ten, 2), day))
    return "the date of birth in the personnummer does not exist";
  int sum = 0;  // Luhn over all ten digits
  for (size_t i = 0; i < 10; ++i) {
    int v = d(ten, i) * (i % 2 == 0 ? 2 : 1);
    sum += v > 9 ? v - 9 : v;
  }
  if (sum % 10 != 0) return kBadCheck;
  return std::nullopt;
}

std::optional<std::string> norway(std::string_view text) {
  auto s = digits_of(text, " -.");
  if (!s || s->size() != 11) return "a fødselsnummer has 11 digits (DDMMYYIIIKK)";
  int day = two(*s, 0), month = two(*s, 2);
  if (day > 40) day -= 40;      // D-nummer
  if (month > 80) month -= 80;  // synthetic test numbers (Tenor)
  if (month > 40) month -= 40;  // H-nummer
  if (!valid_in_some_century(two(*s, 4), month, day))
    return "the date of birth in the fødselsnummer does not exist";
  auto check = [&](int sum) {
    const int k = 11 - sum % 11;
    return k == 11 ? 0 : k;
  };
  const int k1 = check(weighted(*s, std::array{3, 7, 6, 1, 8, 9, 4, 5, 2}));
  const int k2 = check(weighted(*s, std::array{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}));
  if (k1 == 10 || k2 == 10 || k1 != d(*s, 9) || k2 != d(*s, 10)) return kBadCheck;
  return std::nullopt;
}

std::optional<std::string> denmark(std::string_view text) {
  auto s = digits_of(text, " -");
  if (!s || s->size() != 10) return "a CPR number has 10 digits (DDMMYY-SSSS)";
  // Since 2007 not every CPR number passes the old modulus-11 test, so only the date is checked.
  if (!valid_in_some_century(two(*s, 4), two(*s, 2), two(*s, 0)))
    return "the date of birth in the CPR number does not exist";
  return std::nullopt;
}

std::optional<std::string> finland(std::string_view text) {
  std::string s;
  for (char c : text)
    if (c != ' ') s += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  static constexpr std::string_view kCentury = "+-YXWVUABCDEF";
  if (s.size() != 11 || kCentury.find(s[6]) == std::string_view::npos)
    return "a henkilötunnus is DDMMYYCZZZQ, with a century sign (+, - or A) in the middle";
  for (size_t i : {0, 1, 2, 3, 4, 5, 7, 8, 9})
    if (s[i] < '0' || s[i] > '9') return "a henkilötunnus has digits where the date and number go";
  const char c = s[6];
  const int century = c == '+' ? 1800 : (c >= 'A' && c <= 'F') ? 2000 : 1900;
  if (!valid_date(century + two(s, 4), two(s, 2), two(s, 0)))
    return "the date of birth in the henkilötunnus does not exist";
  int64_t n = 0;
  for (size_t i : {0, 1, 2, 3, 4, 5, 7, 8, 9}) n = n * 10 + (s[i] - '0');
  static constexpr std::string_view kChecks = "0123456789ABCDEFHJKLMNPRSTUVWXY";
  if (kChecks[static_cast<size_t>(n % 31)] != s[10]) return kBadCheck;
  return std::nullopt;
}

// Estonia and Lithuania share the scheme: GYYMMDDSSSC, G the century and sex.
std::optional<std::string> baltic11(std::string_view text, const char* name) {
  auto s = digits_of(text, " -");
  if (!s || s->size() != 11) return std::string("an ") + name + " has 11 digits (GYYMMDDSSSC)";
  const int g = d(*s, 0);
  if (g == 9) return std::nullopt;  // Lithuania: numbers given without a usable date
  if (g < 1 || g > 6) return std::string("the first digit of an ") + name + " is 1 to 6";
  const int century = 1800 + 100 * ((g - 1) / 2);
  if (!valid_date(century + two(*s, 1), two(*s, 3), two(*s, 5)))
    return std::string("the date of birth in the ") + name + " does not exist";
  int k = weighted(*s, std::array{1, 2, 3, 4, 5, 6, 7, 8, 9, 1}) % 11;
  if (k == 10) {
    k = weighted(*s, std::array{3, 4, 5, 6, 7, 8, 9, 1, 2, 3}) % 11;
    if (k == 10) k = 0;
  }
  if (k != d(*s, 10)) return kBadCheck;
  return std::nullopt;
}

std::optional<std::string> latvia(std::string_view text) {
  auto s = digits_of(text, " -");
  if (!s || s->size() != 11) return "a personas kods has 11 digits (DDMMYY-CNNNN)";
  if (s->substr(0, 2) == "32") return std::nullopt;  // since 2017: no date, no check digit
  const int century = 1800 + 100 * d(*s, 6);
  if (d(*s, 6) > 2 || !valid_date(century + two(*s, 4), two(*s, 2), two(*s, 0)))
    return "the date of birth in the personas kods does not exist";
  const int k = (1101 - weighted(*s, std::array{1, 6, 3, 7, 9, 10, 5, 8, 4, 2})) % 11;
  if (k == 10 || k != d(*s, 10)) return kBadCheck;
  return std::nullopt;
}

std::optional<std::string> poland(std::string_view text) {
  auto s = digits_of(text, " -");
  if (!s || s->size() != 11) return "a PESEL has 11 digits";
  int month = two(*s, 2);
  const int shift = month / 20;  // 0: 1900s, 1: 2000s, 2: 2100s, 3: 2200s, 4: 1800s
  month %= 20;
  const int century = shift == 4 ? 1800 : 1900 + 100 * shift;
  if (shift > 4 || !valid_date(century + two(*s, 0), month, two(*s, 4)))
    return "the date of birth in the PESEL does not exist";
  const int k = (10 - weighted(*s, std::array{1, 3, 7, 9, 1, 3, 7, 9, 1, 3}) % 10) % 10;
  if (k != d(*s, 10)) return kBadCheck;
  return std::nullopt;
}

std::optional<std::string> iceland(std::string_view text) {
  auto s = digits_of(text, " -");
  if (!s || s->size() != 10) return "a kennitala has 10 digits (DDMMYY-RRCD)";
  const int c = d(*s, 9);
  if (c != 8 && c != 9 && c != 0) return "the last digit of a kennitala is its century: 8, 9 or 0";
  const int century = c == 8 ? 1800 : c == 9 ? 1900 : 2000;
  if (!valid_date(century + two(*s, 4), two(*s, 2), two(*s, 0)))
    return "the date of birth in the kennitala does not exist";
  int k = 11 - weighted(*s, std::array{3, 2, 7, 6, 5, 4, 3, 2}) % 11;
  if (k == 11) k = 0;
  if (k == 10 || k != d(*s, 8)) return kBadCheck;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_national_id(std::string_view country, std::string_view number) {
  if (country == "SE") return sweden(number);
  if (country == "NO") return norway(number);
  if (country == "DK") return denmark(number);
  if (country == "FI") return finland(number);
  if (country == "EE") return baltic11(number, "isikukood");
  if (country == "LT") return baltic11(number, "asmens kodas");
  if (country == "LV") return latvia(number);
  if (country == "PL") return poland(number);
  if (country == "IS") return iceland(number);
  return std::nullopt;
}

}  // namespace haven::service::import
