// The formats: SE personnummer (Luhn), NO fødselsnummer (two modulus-11 digits), DK CPR (century in
// the 7th digit, no check digit since 2007), FI henkilötunnus (modulus 31), IS kennitala
// (modulus 11), EE isikukood and LT asmens kodas (two-stage modulus 11), LV personas kods
// (pre-2017, modulus 11), PL PESEL (weights 1-3-7-9, century in the month).
#include "synth/national_id.h"

#include <array>
#include <cstdint>

namespace haven::synth {

namespace {

std::string digits(int64_t value, int width) {
  std::string s(static_cast<size_t>(width), '0');
  for (int i = width - 1; i >= 0 && value > 0; --i, value /= 10)
    s[static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
  return s;
}

int digit(std::string_view s, size_t i) {
  return s[i] - '0';
}

// Weighted sum of the first weights.size() digits of `s`.
template <size_t N>
int weighted(std::string_view s, const std::array<int, N>& weights) {
  int sum = 0;
  for (size_t i = 0; i < N; ++i) sum += weights[i] * digit(s, i);
  return sum;
}

int luhn(std::string_view nine) {
  int sum = 0;
  for (size_t i = 0; i < nine.size(); ++i) {
    int d = digit(nine, i) * (i % 2 == 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return (10 - sum % 10) % 10;
}

// NO: -1 when the number cannot be completed (a remainder of 10: draw another serial).
int mod11(int sum) {
  const int k = 11 - sum % 11;
  return k == 11 ? 0 : k == 10 ? -1 : k;
}
constexpr std::array<int, 9> kNo1{3, 7, 6, 1, 8, 9, 4, 5, 2};
constexpr std::array<int, 10> kNo2{5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
constexpr std::array<int, 8> kIs{3, 2, 7, 6, 5, 4, 3, 2};
constexpr std::array<int, 10> kEe1{1, 2, 3, 4, 5, 6, 7, 8, 9, 1};
constexpr std::array<int, 10> kEe2{3, 4, 5, 6, 7, 8, 9, 1, 2, 3};
constexpr std::array<int, 10> kLv{1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::array<int, 10> kPl{1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
constexpr std::string_view kFiChecks = "0123456789ABCDEFHJKLMNPRSTUVWXY";

int ee_check(std::string_view ten) {
  int r = weighted(ten, kEe1) % 11;
  if (r == 10) r = weighted(ten, kEe2) % 11;
  return r == 10 ? 0 : r;
}
int lv_check(std::string_view ten) {
  return (1101 - weighted(ten, kLv)) % 11;
}  // 10: invalid
int pl_check(std::string_view ten) {
  return (10 - weighted(ten, kPl) % 10) % 10;
}
char fi_check(std::string_view ddmmyy, std::string_view zzz) {
  const int64_t n = std::stoll(std::string(ddmmyy) + std::string(zzz));
  return kFiChecks[static_cast<size_t>(n % 31)];
}

// DDMMYY of a date.
std::string ddmmyy(const core::Date& b) {
  return digits(b.day(), 2) + digits(b.month(), 2) + digits(b.year() % 100, 2);
}

// A serial in [lo, hi] whose last digit is odd for a boy, even for a girl.
int64_t serial(Rng& rng, int64_t lo, int64_t hi, Sex sex) {
  int64_t v = rng.between(lo, hi);
  if ((v % 2 == 1) != (sex == Sex::kMale)) v = v + 1 <= hi ? v + 1 : v - 1;
  return v;
}

}  // namespace

std::optional<std::string> national_id(std::string_view country, const core::Date& b, Sex sex,
                                       Rng& rng) {
  const int y = b.year();
  if (y < 1900 || y > 2099) return std::nullopt;
  const bool c21 = y >= 2000;
  const std::string yy = digits(y % 100, 2), mm = digits(b.month(), 2), dd = digits(b.day(), 2);
  if (country == "SE") {
    const std::string nnn = digits(serial(rng, 1, 998, sex), 3);
    const std::string nine = yy + mm + dd + nnn;
    return digits(y, 4) + mm + dd + "-" + nnn + static_cast<char>('0' + luhn(nine));
  }
  if (country == "NO") {
    for (int tries = 0; tries < 64; ++tries) {
      const std::string iii = digits(serial(rng, c21 ? 500 : 0, c21 ? 999 : 499, sex), 3);
      std::string s = dd + mm + yy + iii;
      const int k1 = mod11(weighted(s, kNo1));
      if (k1 < 0) continue;
      s += static_cast<char>('0' + k1);
      const int k2 = mod11(weighted(s, kNo2));
      if (k2 < 0) continue;
      return s + static_cast<char>('0' + k2);
    }
    return std::nullopt;
  }
  if (country == "DK") {
    if (y > 2036 || y < 1937) return std::nullopt;
    const int64_t seventh = c21 ? rng.between(4, 9) : rng.between(0, 3);
    return ddmmyy(b) + "-" + digits(seventh, 1) + digits(rng.between(0, 99), 2) +
           digits(serial(rng, 0, 9, sex), 1);
  }
  if (country == "FI") {
    const std::string zzz = digits(serial(rng, 2, 899, sex), 3);
    return ddmmyy(b) + (c21 ? "A" : "-") + zzz + fi_check(ddmmyy(b), zzz);
  }
  if (country == "IS") {
    for (int tries = 0; tries < 64; ++tries) {
      const std::string s = ddmmyy(b) + digits(rng.between(20, 99), 2);
      const int c = mod11(weighted(s, kIs));
      if (c < 0) continue;
      return s.substr(0, 6) + "-" + s.substr(6) + static_cast<char>('0' + c) + (c21 ? "0" : "9");
    }
    return std::nullopt;
  }
  if (country == "EE" || country == "LT") {
    const int g = (c21 ? 5 : 3) + (sex == Sex::kMale ? 0 : 1);
    const std::string ten = digits(g, 1) + yy + mm + dd + digits(rng.between(0, 999), 3);
    return ten + static_cast<char>('0' + ee_check(ten));
  }
  if (country == "LV") {
    if (b > *core::Date::from_ymd(2017, 6, 30)) return std::nullopt;
    for (int tries = 0; tries < 64; ++tries) {
      const std::string ten = ddmmyy(b) + (c21 ? "2" : "1") + digits(rng.between(0, 999), 3);
      const int x = lv_check(ten);
      if (x == 10) continue;
      return ten.substr(0, 6) + "-" + ten.substr(6) + static_cast<char>('0' + x);
    }
    return std::nullopt;
  }
  if (country == "PL") {
    const std::string ten = yy + digits(b.month() + (c21 ? 20 : 0), 2) + dd +
                            digits(rng.between(0, 999), 3) + digits(serial(rng, 0, 9, sex), 1);
    return ten + static_cast<char>('0' + pl_check(ten));
  }
  return std::nullopt;
}

}  // namespace haven::synth
