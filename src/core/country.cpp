// The ISO 3166-1 alpha-2 list (assigned codes, 2024) as one sorted string for binary search.
#include "core/country.h"

#include <algorithm>
#include <cctype>

namespace haven::core {

namespace {
constexpr std::string_view kCodes =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR "
    "BS BT BV "
    "BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG "
    "EH ER ES "
    "ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT "
    "HU ID IE "
    "IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT "
    "LU LV LY "
    "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO "
    "NP NR NU "
    "NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ "
    "SK SL SM "
    "SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ "
    "VA VC VE "
    "VG VI VN VU WF WS YE YT ZA ZM ZW";
}  // namespace

bool is_country_code(std::string_view code) {
  if (code.size() != 2) return false;
  size_t n = (kCodes.size() + 1) / 3;
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    std::string_view c = kCodes.substr(mid * 3, 2);
    if (c == code) return true;
    if (c < code)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

bool is_ui_language(std::string_view code) {
  return std::find(kUiLanguages.begin(), kUiLanguages.end(), code) != kUiLanguages.end();
}

std::optional<std::string> normalize_country_code(std::string_view text) {
  if (text.size() != 2) return std::nullopt;
  std::string up{static_cast<char>(std::toupper(static_cast<unsigned char>(text[0]))),
                 static_cast<char>(std::toupper(static_cast<unsigned char>(text[1])))};
  if (!is_country_code(up)) return std::nullopt;
  return up;
}

}  // namespace haven::core
