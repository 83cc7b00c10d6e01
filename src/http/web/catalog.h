// The message catalogs of the pages: one flat JSON object per language in web/i18n/<lang>.json
// ("signin.title": "Sign in"), English plus the ten languages of the region. Also chooses a
// language from Accept-Language, and formats dates and numbers for a language with ICU.
//
// Every catalog must hold exactly the keys of English (tests/unit/http/web_catalog_test.cpp fails
// otherwise), so text() falls back to English only for a catalog loaded in a test. Immutable after
// construction, so one instance is shared by every request thread.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace haven::http::web {

// The languages of the pages, English first (the fallback). "no" is Norwegian Bokmål.
inline constexpr std::array<std::string_view, 11> kPageLanguages = {
    "en", "da", "de", "et", "fi", "is", "lt", "lv", "no", "pl", "sv"};
bool is_page_language(std::string_view code);

class Catalogs {
 public:
  // Parses catalogs given as language code → JSON text. Errors name the language and the problem
  // (not an object, a value that is not a string, invalid UTF-8, no "en").
  static core::Result<Catalogs> parse(const std::map<std::string, std::string_view>& files);
  // The catalogs compiled into the binary (web/i18n/*.json).
  static core::Result<Catalogs> embedded();

  // The message for `key` in `lang`, else in English, else the key itself (visible, so a missing
  // key is noticed rather than hidden).
  const std::string& text(std::string_view lang, std::string_view key) const;
  bool has(std::string_view lang, std::string_view key) const;
  const std::map<std::string, std::string, std::less<>>& entries(std::string_view lang) const;
  std::vector<std::string> languages() const;

  // A service's English sentence (a field error from domain/ or service/) in `lang`: the catalogs
  // hold each sentence a page shows under a key "service.…" whose English text is the service's
  // exact words. nullptr for a sentence they do not hold, which the page then shows as it is.
  const std::string* service_text(std::string_view lang, std::string_view english) const;

  // The best supported language for an Accept-Language header ("da-DK,da;q=0.9,en;q=0.8"), or ""
  // if none is acceptable. Norwegian "nb", "nn" and "no" all choose "no".
  std::string negotiate(std::string_view accept_language) const;

 private:
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> by_lang_;
  std::map<std::string, std::string, std::less<>> service_keys_;  // English text → "service.…" key
};

// "27 Nov 2026, 14:05" in the conventions of `lang` (ICU medium date, short time), in UTC.
std::string format_date_time(int64_t epoch_ms, std::string_view lang);
// 12345 → "12 345" (fi), "12,345" (en), …
std::string format_number(int64_t value, std::string_view lang);

}  // namespace haven::http::web
