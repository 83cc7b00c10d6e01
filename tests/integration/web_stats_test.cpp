// The statistics dashboard on both databases: a national instance with a small population built
// row by row (twelve girls entering foster care this year, three children leaving care), seen by
// an analyst: the page shows the indicator's figure in its chart and table, a small count shows
// its flag in words and no number, the Barnahus view offers only Barnahus indicators, and the
// downloads come as CSV and XLSX with the right type and rows. A caseworker has no statistics. The
// regional hub shows the releases it stores, every country side by side, to anyone.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <utility>

#include "case_fixture.h"
#include "core/date.h"
#include "http/server.h"
#include "service/app.h"
#include "service/stats/disclosure_settings.h"
#include "service/stats/stats_service.h"
#include "stats/catalogue_loader.h"
#include "stats/population.h"
#include "store/repositories/hub_release_repository.h"
#include "web_fixture.h"

namespace haven::testing {
namespace {

class WebStatsTest : public WebPageTest {
 protected:
  void SetUp() override {
    WebPageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    year_ = std::to_string(core::Date::of(clock_->now()).year());
  }

  void exec(const char* sql, const store::Params& p) {
    db().write([&](store::Tx& tx) { tx.execute(sql, p); });
  }
  std::string next() { return "w" + std::to_string(++n_); }

  // A child with a case and one placement; the child's id.
  void placed(const std::string& sex, const std::string& born, const std::string& type,
              const std::string& start, std::optional<std::string> end = std::nullopt) {
    const std::string child = next(), case_id = next();
    exec(
        "INSERT INTO children (id, agency_id, given_names, family_names, sex, birth_date, "
        "created_at, updated_at) VALUES ($1, $2, 'Test', 'Child', $3, $4, 1, 1)",
        store::params(child, agency_id_, sex, born));
    exec(
        "INSERT INTO cases (id, case_number, child_id, agency_id, status, opened_at, reported_at, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, 'implementation', 1, 1, 1, 1)",
        store::params(case_id, "SE-" + case_id, child, agency_id_));
    exec(
        "INSERT INTO placements (id, case_id, type, provider, start_on, end_on, reason, "
        "review_dates, created_by, created_at, updated_at) "
        "VALUES ($1, $2, $3, 'Provider', $4, $5, 'reason', '[]', 'test', 1, 1)",
        store::params(next(), case_id, type, start, end));
  }

  // Twelve girls aged 10 entering foster care on 1 January; three boys who entered care last year
  // leaving it on 2 January (a small count).
  void population() {
    const int year = core::Date::of(clock_->now()).year();
    for (int i = 0; i < 12; ++i)
      placed("female", std::to_string(year - 11) + "-06-01", "foster_care", year_ + "-01-01");
    for (int i = 0; i < 3; ++i)
      placed("male", std::to_string(year - 15) + "-06-01", "residential_care",
             std::to_string(year - 1) + "-03-01", year_ + "-01-02");
  }

  std::string page(const std::string& token, const std::string& path) {
    auto r = get(token, path);
    EXPECT_TRUE(r);
    if (!r) return "";
    EXPECT_EQ(r->status, 200) << r->body.substr(0, 2000);
    return r->body;
  }

  std::string year_;
  int n_ = 0;
};

TEST_P(WebStatsTest, AnAnalystSeesTheFigureItsTableAndAWithheldCellAsAFlag) {
  population();
  const std::string analyst = sign_in("ada.analyst", "analyst");
  const std::string html = page(analyst, "/stats?view=all&indicator=CARE_ENTRY&period=" + year_);
  EXPECT_NE(html.find("Children entering"), std::string::npos) << "the indicator's name";
  // The chart: an image with its text alternative, and the table behind it.
  EXPECT_NE(html.find("role=\"img\""), std::string::npos);
  EXPECT_NE(html.find("<desc id=\"stats-compare-desc\">Sweden: 12"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">Sweden</th><td class=\"num\">12</td>"), std::string::npos);
  EXPECT_NE(html.find("Published"), std::string::npos);
  // The definition in the reader's language, and the way back in the navigation.
  EXPECT_NE(html.find("began a placement in formal care"), std::string::npos);
  EXPECT_NE(html.find("href=\"&#x2F;stats\""), std::string::npos);  // the menu entry

  // Three children leaving care: withheld, said in words, with no number.
  const std::string exits = page(analyst, "/stats?view=all&indicator=CARE_EXIT&period=" + year_);
  EXPECT_NE(exits.find("<th scope=\"row\">Sweden</th><td class=\"num\">Withheld: small count</td>"),
            std::string::npos)
      << exits.substr(exits.find("stats-compare-table"), 800);
  EXPECT_NE(exits.find("<desc id=\"stats-compare-desc\">Sweden: withheld."), std::string::npos);
  EXPECT_EQ(exits.find("<td class=\"num\">3</td>"), std::string::npos);
}

TEST_P(WebStatsTest, TheBarnahusViewOffersOnlyBarnahusIndicators) {
  population();
  const std::string analyst = sign_in("ada.analyst", "analyst");
  const std::string html = page(analyst, "/stats?view=barnahus");
  EXPECT_NE(html.find("value=\"BARNAHUS_CASES\""), std::string::npos);
  EXPECT_EQ(html.find("value=\"CARE_ENTRY\""), std::string::npos);
  const std::string cases = page(analyst, "/stats?view=cases");
  EXPECT_NE(cases.find("value=\"CARE_ENTRY\""), std::string::npos);
  EXPECT_EQ(cases.find("value=\"BARNAHUS_CASES\""), std::string::npos);
}

TEST_P(WebStatsTest, TheFiguresDownloadAsCsvAndXlsx) {
  population();
  const std::string analyst = sign_in("ada.analyst", "analyst");
  auto csv = get(analyst, "/stats/download?indicator=CARE_ENTRY&format=csv&period=" + year_);
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200) << csv->body.substr(0, 500);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_NE(csv->body.find("REF_AREA,TIME_PERIOD,INDICATOR,CARE_TYPE,AGE,SEX,OBS_VALUE"),
            std::string::npos);
  EXPECT_NE(csv->body.find("SE," + year_ + ",CARE_ENTRY,FOS,Y10T14,F,12,NR,A,F,,Published"),
            std::string::npos)
      << csv->body.substr(0, 800);
  EXPECT_NE(csv->body.find("SE," + year_ + ",CARE_ENTRY,_T,_T,_T,12,"), std::string::npos);

  auto exits = get(analyst, "/stats/download?indicator=CARE_EXIT&format=csv");
  ASSERT_TRUE(exits);
  EXPECT_NE(exits->body.find("SE," + year_ + ",CARE_EXIT,_T,_T,_T,,NR,A,C,,Withheld: small count"),
            std::string::npos)
      << exits->body.substr(0, 800);

  auto xlsx = get(analyst, "/stats/download?indicator=CARE_ENTRY&format=xlsx");
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");  // a zip package
  EXPECT_GT(std::stoll(xlsx->get_header_value("X-Export-Rows")), 100);
  // Read back: the figures (OBS_VALUE, column G after CARE_TYPE, AGE, SEX) are numeric cells —
  // no t="…" type, the value in <v> — and the flags beside them (column L) are text.
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("haven-stats-" + std::to_string(::getpid()) + ".xlsx"))
                               .string();
  std::ofstream(path, std::ios::binary) << xlsx->body;
  std::string sheet;
  if (FILE* p = popen(("unzip -p '" + path + "' xl/worksheets/sheet1.xml").c_str(), "r")) {
    std::array<char, 4096> buf{};
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) sheet.append(buf.data(), n);
    pclose(p);
  }
  std::filesystem::remove(path);
  ASSERT_FALSE(sheet.empty());
  const std::regex number_cell("<c r=\"G[0-9]+\"( s=\"[0-9]+\")?><v>12</v></c>");
  EXPECT_TRUE(std::regex_search(sheet, number_cell)) << sheet.substr(0, 3000);
  EXPECT_FALSE(std::regex_search(sheet, std::regex("<c r=\"G([2-9]|[1-9][0-9]+)\"[^>]* t=\"")))
      << "a figure written as text";
  EXPECT_TRUE(std::regex_search(sheet, std::regex("<c r=\"L[0-9]+\"[^>]* t=\"")));
  EXPECT_NE(sheet.find("Published"), std::string::npos);

  // Every download is in the audit trail.
  const int64_t downloads = db().read([&](store::Tx& tx) {
    return tx.query_one("SELECT COUNT(*) FROM audit_events WHERE action = 'stats.download'")
        ->integer(0);
  });
  EXPECT_EQ(downloads, 3);
}

TEST_P(WebStatsTest, ACaseworkerHasNoStatistics) {
  const std::string worker = sign_in("cas.worker", "caseworker");
  auto r = get(worker, "/stats");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  auto d = get(worker, "/stats/download?indicator=CARE_ENTRY&format=csv");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->status, 403);
  const std::string home = page(worker, "/");
  EXPECT_NE(home.find("href=\"&#x2F;account\""), std::string::npos);
  EXPECT_EQ(home.find("href=\"&#x2F;stats\""), std::string::npos);
}

TEST_P(WebStatsTest, TheHubShowsEveryCountrysStoredReleaseSideBySide) {
  population();
  const char* root = std::getenv("HAVEN_SOURCE_DIR");  // NOLINT(concurrency-mt-unsafe)
  const std::string config = std::string(root ? root : ".") + "/config";
  auto catalogue = stats::load_catalogue(config + "/indicators");
  ASSERT_TRUE(catalogue.ok()) << catalogue.error().message;
  auto population = stats::load_population(config + "/population");
  ASSERT_TRUE(population.ok());
  auto disclosure = service::DisclosureSettings::load(config + "/policy/disclosure");
  ASSERT_TRUE(disclosure.ok());
  service::StatsService statistics(db(), app().access, app().audit, *clock_, app().policies,
                                   *catalogue, *population, *disclosure);
  auto release = statistics.compute({"SE", year_}, service::Actor::cli());
  ASSERT_TRUE(release.ok()) << release.error().message;
  // The same figures stored as Sweden's and, relabelled, as Finland's release.
  std::string finnish = release->sdmx_csv;
  for (size_t at = finnish.find(",SE,"); at != std::string::npos; at = finnish.find(",SE,", at))
    finnish.replace(at, 4, ",FI,");
  db().write([&](store::Tx& tx) {
    int n = 0;
    for (const auto& [country, text] :
         {std::pair{std::string("SE"), release->sdmx_csv}, std::pair{std::string("FI"), finnish}}) {
      store::HubReleaseRow row;
      row.id = "hub" + std::to_string(++n);
      row.country = country;
      row.authority = country + " statistics";
      row.period = year_;
      row.release_version = 1;
      row.prepared_at = row.received_at = clock_->now().ms;
      row.dataflow = "CBSS:CHILD_PROTECTION(1.0)";
      row.digest = row.signature = row.signer_key = "-";
      row.sdmx_csv = text;
      store::HubReleaseRepository::insert(tx, row);
    }
  });

  // A hub process over the same database: no sign-in, the regional route table.
  service::AppOptions o = options();
  o.config_dir = config;
  service::App hub_app(db(), *clock_, o);
  http::ServerOptions so;
  so.host = "127.0.0.1";
  so.port = 0;
  so.threads = 2;
  so.regional = true;
  so.log = std::make_shared<spdlog::logger>("haven.http.web_stats_test");
  http::Server hub(so, hub_app);
  ASSERT_TRUE(hub.listen().ok());
  std::thread serving([&] { hub.serve(); });
  httplib::Client c("127.0.0.1", hub.port());
  c.set_read_timeout(30);
  auto r = c.Get("/stats?indicator=CARE_ENTRY&period=" + year_);
  hub.stop();
  serving.join();
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 1000);
  EXPECT_NE(r->body.find("<th scope=\"row\">Finland</th><td class=\"num\">12</td>"),
            std::string::npos);
  EXPECT_NE(r->body.find("<th scope=\"row\">Sweden</th><td class=\"num\">12</td>"),
            std::string::npos);
  EXPECT_NE(r->body.find("Finland: 12; Sweden: 12."), std::string::npos);
}

HAVEN_INSTANTIATE_BACKENDS(WebStatsTest);

}  // namespace
}  // namespace haven::testing
