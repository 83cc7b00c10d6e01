// The message catalogs: every language has exactly English's keys (a missing or extra key fails
// and names itself), every key is used by a template or a page handler, placeholders survive
// translation, Accept-Language picks the right catalog, and ICU formats follow the language.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "http/web/catalog.h"

namespace haven::http::web {
namespace {

std::string source_dir() {
  // The tests are single-threaded, so getenv is safe here.
  const char* dir = std::getenv("HAVEN_SOURCE_DIR");  // NOLINT(concurrency-mt-unsafe)
  if (dir && *dir) return dir;
  std::string here = __FILE__;  // <source>/tests/unit/http/web_catalog_test.cpp
  return here.substr(0, here.rfind("/tests/unit/http/"));
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The mustache placeholders of a message ("{{page}}"), in order.
std::multiset<std::string> placeholders(const std::string& text) {
  std::multiset<std::string> out;
  for (size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at + 2)) {
    size_t end = text.find("}}", at);
    if (end == std::string::npos) break;
    out.insert(text.substr(at, end + 2 - at));
  }
  return out;
}

const Catalogs& catalogs() {
  static const Catalogs c = [] {
    auto r = Catalogs::embedded();
    if (!r.ok()) throw std::runtime_error(r.error().message);
    return std::move(r).value();
  }();
  return c;
}

TEST(WebCatalog, EveryRegionalLanguageHasExactlyTheEnglishKeys) {
  const auto& en = catalogs().entries("en");
  ASSERT_GT(en.size(), 100u);
  for (std::string_view lang : kPageLanguages) {
    const auto& other = catalogs().entries(lang);
    ASSERT_FALSE(other.empty()) << "no catalog web/i18n/" << lang << ".json";
    for (const auto& [key, text] : en) {
      EXPECT_TRUE(other.count(key)) << lang << " is missing \"" << key << "\"";
      if (other.count(key)) {
        EXPECT_FALSE(other.at(key).empty()) << lang << ": empty " << key;
      }
    }
    for (const auto& [key, text] : other)
      EXPECT_TRUE(en.count(key)) << lang << " has \"" << key << "\", which English does not";
  }
}

TEST(WebCatalog, TranslationsKeepThePlaceholdersOfEnglish) {
  for (const auto& [key, text] : catalogs().entries("en")) {
    const auto want = placeholders(text);
    for (std::string_view lang : kPageLanguages) {
      const std::string& t = catalogs().text(lang, key);
      EXPECT_EQ(placeholders(t), want) << lang << ": " << key;
      EXPECT_EQ(t.find('<'), std::string::npos) << lang << ": " << key << " contains markup";
    }
  }
}

// A key is used when a template or a page handler names it, or when a handler builds it from a
// prefix and a value ("role." + role name): those prefixes are listed here with the values that
// complete them, so an unused key of any kind fails.
TEST(WebCatalog, EveryKeyIsUsedByATemplateOrAPage) {
  std::string sources;
  const std::filesystem::path root = source_dir();
  for (const auto* dir : {"web/templates", "src/http/web"})
    for (const auto& entry : std::filesystem::directory_iterator(root / dir))
      sources += read_all(entry.path());
  ASSERT_FALSE(sources.empty());
  const std::vector<std::string> built_prefixes = {"role.", "agency_kind.", "admin.users.error.",
                                                   "admin.agencies.error."};
  for (const auto& [key, text] : catalogs().entries("en")) {
    if (key.rfind("service.", 0) == 0) continue;  // ServiceSentences… below
    bool used = sources.find('"' + key + '"') != std::string::npos ||
                sources.find("{{#t}}" + key + "{{/t}}") != std::string::npos;
    for (const auto& prefix : built_prefixes)
      if (key.rfind(prefix, 0) == 0 && sources.find('"' + prefix + '"') != std::string::npos)
        used = true;
    EXPECT_TRUE(used) << "\"" << key << "\" is in the catalogs but no template or page uses it";
  }
}

// The "service." keys translate a service's English sentence, found by its exact words
// (Catalogs::service_text): each English text must still be a sentence (or, for one with values,
// a core::FieldError pattern) some service or domain file writes (string literals split over lines
// joined as the compiler joins them), or its translations would silently stop being shown; and no
// two keys may hold the same sentence.
TEST(WebCatalog, ServiceSentencesAreTheServicesOwnWordsOnce) {
  std::string sources;
  for (const auto* dir : {"src/domain", "src/service"})
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(std::filesystem::path(source_dir()) / dir))
      if (entry.path().extension() == ".cpp") sources += read_all(entry.path());
  // "…" "…" across a line break, as one literal.
  std::string joined;
  for (size_t at = 0; at < sources.size(); ++at) {
    if (sources[at] == '"') {
      size_t next = at + 1;
      while (next < sources.size() && std::isspace(static_cast<unsigned char>(sources[next])))
        ++next;
      if (next > at + 1 && next < sources.size() && sources[next] == '"' &&
          sources.find('\n', at) < next) {
        at = next;
        continue;
      }
    }
    joined += sources[at];
  }
  ASSERT_FALSE(joined.empty());
  std::set<std::string> seen;
  size_t count = 0;
  for (const auto& [key, text] : catalogs().entries("en")) {
    if (key.rfind("service.", 0) != 0) continue;
    ++count;
    EXPECT_TRUE(seen.insert(text).second) << key << ": another key holds the same sentence";
    EXPECT_NE(joined.find('"' + text + '"'), std::string::npos)
        << key << ": no service writes \"" << text << "\"";
    for (std::string_view lang : kPageLanguages)
      EXPECT_EQ(*catalogs().service_text(lang, text), catalogs().text(lang, key)) << lang << key;
  }
  EXPECT_GT(count, 20u);
  EXPECT_EQ(catalogs().service_text("sv", "No service says this."), nullptr);
}

TEST(WebCatalog, AcceptLanguageChoosesTheBestSupportedLanguage) {
  EXPECT_EQ(catalogs().negotiate("da-DK,da;q=0.9,en;q=0.8"), "da");
  EXPECT_EQ(catalogs().negotiate("fr-FR,fr;q=0.9,de;q=0.5,en;q=0.4"), "de");
  EXPECT_EQ(catalogs().negotiate("nb-NO"), "no");
  EXPECT_EQ(catalogs().negotiate("en;q=0.2, lt;q=0.8"), "lt");
  EXPECT_EQ(catalogs().negotiate("fr, ja"), "");
  EXPECT_EQ(catalogs().negotiate(""), "");
}

TEST(WebCatalog, NumbersAndDatesFollowTheLanguage) {
  EXPECT_EQ(format_number(12345, "en"), "12,345");
  EXPECT_EQ(format_number(12345, "de"), "12.345");
  EXPECT_NE(format_number(12345, "fi").find("345"), std::string::npos);
  EXPECT_NE(format_number(12345, "fi"), "12,345");
  // 2026-01-31 12:00 UTC.
  const int64_t ms = 1769860800000;
  EXPECT_NE(format_date_time(ms, "en").find("Jan"), std::string::npos)
      << format_date_time(ms, "en");
  EXPECT_NE(format_date_time(ms, "de").find("31.01.2026"), std::string::npos)
      << format_date_time(ms, "de");
  EXPECT_NE(format_date_time(ms, "fi").find("2026"), std::string::npos);
  EXPECT_NE(format_date_time(ms, "en"), format_date_time(ms, "pl"));
}

}  // namespace
}  // namespace haven::http::web
