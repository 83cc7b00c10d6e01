// Catalog parsing, Accept-Language negotiation and ICU formats.
#include "http/web/catalog.h"

#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/numfmt.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "http/ows.h"
#include "http/web/embedded_web.h"

namespace haven::http::web {

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// ICU's locale for a page language: Norwegian pages are Bokmål.
icu::Locale icu_locale(std::string_view lang) {
  if (lang == "no") return icu::Locale("nb", "NO");
  return icu::Locale(std::string(lang).c_str());
}

}  // namespace

bool is_page_language(std::string_view code) {
  return std::find(kPageLanguages.begin(), kPageLanguages.end(), code) != kPageLanguages.end();
}

core::Result<Catalogs> Catalogs::parse(const std::map<std::string, std::string_view>& files) {
  Catalogs out;
  for (const auto& [lang, text] : files) {
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object())
      return core::Error::invalid("catalog " + lang + ": not a JSON object");
    auto& entries = out.by_lang_[lang];
    for (const auto& [key, value] : json.items()) {
      if (!value.is_string())
        return core::Error::invalid("catalog " + lang + ": \"" + key + "\" is not a string");
      const auto& s = value.get_ref<const std::string&>();
      if (!core::is_valid_utf8(s))
        return core::Error::invalid("catalog " + lang + ": \"" + key + "\" is not UTF-8");
      entries.emplace(key, s);
    }
  }
  if (!out.by_lang_.count("en")) return core::Error::invalid("there is no English catalog");
  constexpr std::string_view kServicePrefix = "service.";
  for (const auto& [key, english] : out.by_lang_["en"])
    if (key.compare(0, kServicePrefix.size(), kServicePrefix) == 0)
      out.service_keys_.emplace(english, key);
  return out;
}

const std::string* Catalogs::service_text(std::string_view lang, std::string_view english) const {
  auto key = service_keys_.find(english);
  if (key == service_keys_.end()) return nullptr;
  return &text(lang, key->second);
}

core::Result<Catalogs> Catalogs::embedded() {
  std::map<std::string, std::string_view> files;
  constexpr std::string_view kDir = "i18n/", kExt = ".json";
  for (const auto& f : embedded_web_files()) {
    if (f.path.substr(0, kDir.size()) != kDir || f.path.size() <= kDir.size() + kExt.size() ||
        f.path.substr(f.path.size() - kExt.size()) != kExt)
      continue;
    std::string lang(f.path.substr(kDir.size(), f.path.size() - kDir.size() - kExt.size()));
    files.emplace(std::move(lang), f.content);
  }
  return parse(files);
}

const std::string& Catalogs::text(std::string_view lang, std::string_view key) const {
  for (std::string_view l : {lang, std::string_view("en")}) {
    auto c = by_lang_.find(l);
    if (c == by_lang_.end()) continue;
    auto it = c->second.find(key);
    if (it != c->second.end()) return it->second;
  }
  // Not found anywhere: remember the key so a reference can be returned (rare; tests catch it).
  thread_local std::string missing;
  missing = std::string(key);
  return missing;
}

bool Catalogs::has(std::string_view lang, std::string_view key) const {
  auto c = by_lang_.find(lang);
  return c != by_lang_.end() && c->second.count(key) != 0;
}

const std::map<std::string, std::string, std::less<>>& Catalogs::entries(
    std::string_view lang) const {
  static const std::map<std::string, std::string, std::less<>> kEmpty;
  auto c = by_lang_.find(lang);
  return c == by_lang_.end() ? kEmpty : c->second;
}

std::vector<std::string> Catalogs::languages() const {
  std::vector<std::string> out;
  for (std::string_view l : kPageLanguages)
    if (by_lang_.count(l)) out.emplace_back(l);
  return out;
}

std::string Catalogs::negotiate(std::string_view header) const {
  std::string best;
  double best_q = 0.0;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = trim_ows(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    double q = 1.0;
    if (size_t semi = item.find(';'); semi != std::string_view::npos) {
      std::string_view param = trim_ows(item.substr(semi + 1));
      item = trim_ows(item.substr(0, semi));
      if (param.rfind("q=", 0) == 0) {
        try {
          q = std::stod(std::string(param.substr(2)));
        } catch (...) {
          q = 0.0;
        }
      }
    }
    std::string tag = lower_ascii(item.substr(0, item.find('-')));
    if (tag == "nb" || tag == "nn") tag = "no";
    if (q > best_q && by_lang_.count(tag)) {
      best = tag;
      best_q = q;
    }
  }
  return best;
}

namespace {

// A language's date-and-time formatter, and the last minute it formatted: a page lists many
// instants of the same minute (a note and its history rows, a busy morning), and formatting one
// through ICU costs more than the rest of its row.
struct DateTimeFormat {
  std::unique_ptr<icu::DateFormat> fmt;
  bool minutes = false;  // the pattern shows nothing finer than minutes
  int64_t last_minute = 0;
  std::string last_text;
  bool has_last = false;
};

// Whether `fmt`'s pattern shows seconds or finer (unquoted s, S or A), so that two instants of the
// same minute may not be spelt alike.
bool shows_seconds(const icu::DateFormat& fmt) {
  const auto* simple = dynamic_cast<const icu::SimpleDateFormat*>(&fmt);
  if (simple == nullptr) return true;
  icu::UnicodeString pattern;
  simple->toPattern(pattern);
  bool quoted = false;
  for (int32_t i = 0; i < pattern.length(); ++i) {
    const char16_t c = pattern.charAt(i);
    if (c == u'\'')
      quoted = !quoted;
    else if (!quoted && (c == u's' || c == u'S' || c == u'A'))
      return true;
  }
  return false;
}

}  // namespace

std::string format_date_time(int64_t epoch_ms, std::string_view lang) {
  // Made once per thread and language: making a formatter parses the locale's patterns and cost
  // more than the rest of a page that shows dozens of times (the case history), and ICU's
  // formatters are not meant to be shared between threads.
  thread_local std::map<std::string, DateTimeFormat, std::less<>> made;
  auto it = made.find(lang);
  if (it == made.end()) {
    DateTimeFormat f;
    f.fmt.reset(icu::DateFormat::createDateTimeInstance(icu::DateFormat::kMedium,
                                                        icu::DateFormat::kShort, icu_locale(lang)));
    if (f.fmt) {
      f.fmt->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
      f.minutes = !shows_seconds(*f.fmt);
    }
    it = made.emplace(std::string(lang), std::move(f)).first;
  }
  DateTimeFormat& f = it->second;
  if (!f.fmt) return std::to_string(epoch_ms);
  // UTC has no offset of seconds, so the minute is the instant floored to 60,000 ms.
  const int64_t minute = epoch_ms >= 0 ? epoch_ms / 60000 : -((-epoch_ms + 59999) / 60000);
  if (f.minutes && f.has_last && f.last_minute == minute) return f.last_text;
  icu::UnicodeString text;
  f.fmt->format(static_cast<UDate>(epoch_ms), text);
  std::string out;
  text.toUTF8String(out);
  if (f.minutes) {
    f.last_minute = minute;
    f.last_text = out;
    f.has_last = true;
  }
  return out;
}

std::string format_number(int64_t value, std::string_view lang) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> fmt(
      icu::NumberFormat::createInstance(icu_locale(lang), status));
  if (U_FAILURE(status) || !fmt) return std::to_string(value);
  icu::UnicodeString text;
  fmt->format(static_cast<int64_t>(value), text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace haven::http::web
