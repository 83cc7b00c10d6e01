// Country and language codes: ISO 3166-1 alpha-2 countries and the eleven UI languages of the
// region.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace haven::core {

// True for an assigned ISO 3166-1 alpha-2 code in upper case ("SE", "LV").
bool is_country_code(std::string_view code);

// The Baltic Sea region's CBSS member countries whose languages haven speaks.
inline constexpr std::array<std::string_view, 10> kRegionCountries = {"DK", "EE", "FI", "DE", "IS",
                                                                      "LV", "LT", "NO", "PL", "SE"};

// The UI languages: English plus the ten languages of the region (ISO 639-1).
inline constexpr std::array<std::string_view, 11> kUiLanguages = {
    "en", "da", "de", "et", "fi", "is", "lt", "lv", "no", "pl", "sv"};
bool is_ui_language(std::string_view code);

// "se" → "SE" if valid, nullopt otherwise.
std::optional<std::string> normalize_country_code(std::string_view text);

}  // namespace haven::core
