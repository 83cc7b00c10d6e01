// The Barnahus indicators of the release on both databases: twenty children referred to a Swedish
// Barnahus in 2026, whose interviews, medical examinations, meetings, therapy and information a
// person can count by hand, computed into BARNAHUS_CASES by violence type and role, the children
// interviewed, the median days to the interview and to the examination, and the four shares. A
// Finnish case, a case referred in 2025 and a child's second case never count.
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "service/app.h"
#include "service/stats/disclosure_settings.h"
#include "service/stats/stats_service.h"
#include "stats/catalogue_loader.h"
#include "stats/population.h"
#include "support/test_databases.h"

namespace haven::testing {
namespace {

using stats::CellStatus;

std::string source_dir() {
  const char* root = std::getenv("HAVEN_SOURCE_DIR");  // NOLINT(concurrency-mt-unsafe)
  if (root && *root) return root;
  std::string here = __FILE__;
  return here.substr(0, here.rfind("/tests/integration/"));
}

int64_t ms_of(const std::string& day) {
  return core::Date::parse(day)->days_since_epoch() * 86'400'000 + 10 * 3'600'000;  // 10:00 UTC
}

// Barnahus rows with as few columns as the schema requires; builders return the id.
class BarnahusRecords {
 public:
  explicit BarnahusRecords(store::Database& db) : db_(db) {}

  std::string agency(const std::string& country) {
    const std::string id = next();
    exec(
        "INSERT INTO agencies (id, name, kind, country, created_at, updated_at) "
        "VALUES ($1, 'Barnahus', 'barnahus', $2, 1, 1)",
        store::params(id, country));
    return id;
  }
  std::string child(const std::string& agency, const std::string& sex, const std::string& born) {
    const std::string id = next();
    exec(
        "INSERT INTO children (id, agency_id, given_names, family_names, sex, birth_date, "
        "created_at, updated_at) VALUES ($1, $2, 'Test', 'Child', $3, $4, 1, 1)",
        store::params(id, agency, sex, born));
    return id;
  }
  std::string barnahus_case(const std::string& agency, const std::string& country,
                            const std::string& child, const std::string& violence,
                            const std::string& role, const std::string& referred_on) {
    const std::string id = next();
    exec(
        "INSERT INTO barnahus_cases (id, barnahus_agency_id, country, child_id, violence_types, "
        "child_role, referred_by, referred_at, created_by, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, 'police', $7, 'test', 1, 1)",
        store::params(id, agency, country, child, violence, role, ms_of(referred_on)));
    return id;
  }
  void interview(const std::string& agency, const std::string& bcase, int sequence,
                 const std::string& on) {
    std::optional<std::string> reason;
    if (sequence > 1) reason = "new information";
    exec(
        "INSERT INTO barnahus_interviews (id, barnahus_case_id, agency_id, sequence, "
        "interviewed_on, interviewer, interviewer_trained, protocol, recorded, place, "
        "repeat_reason, created_by, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, 'Interviewer', 1, 'NICHD', 1, 'Barnahus', $6, 'test', 1, 1)",
        store::params(next(), bcase, agency, int64_t{sequence}, on, reason));
  }
  void meeting(const std::string& agency, const std::string& bcase, const std::string& kind,
               const std::string& on) {
    exec(
        "INSERT INTO barnahus_meetings (id, barnahus_case_id, agency_id, kind, held_on, "
        "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'test', 1, 1)",
        store::params(next(), bcase, agency, kind, on));
  }
  void exam(const std::string& agency, const std::string& bcase, const std::string& on) {
    exec(
        "INSERT INTO barnahus_medical_exams (id, barnahus_case_id, agency_id, offered, done, "
        "examined_on, acute, created_by, created_at, updated_at) "
        "VALUES ($1, $2, $3, 1, 1, $4, 0, 'test', 1, 1)",
        store::params(next(), bcase, agency, on));
  }
  void therapy(const std::string& agency, const std::string& bcase, const std::string& on,
               const std::string& recipient = "child") {
    exec(
        "INSERT INTO barnahus_therapy (id, barnahus_case_id, agency_id, service, recipient, "
        "offered_on, created_by, created_at, updated_at) "
        "VALUES ($1, $2, $3, 'crisis_support', $5, $4, 'test', 1, 1)",
        store::params(next(), bcase, agency, on, recipient));
  }
  void court(const std::string& agency, const std::string& bcase, const std::string& on) {
    exec(
        "INSERT INTO barnahus_court_dates (id, barnahus_case_id, agency_id, kind, held_on, "
        "created_by, created_at, updated_at) VALUES ($1, $2, $3, 'main_hearing', $4, 'test', 1, 1)",
        store::params(next(), bcase, agency, on));
  }
  void informed(const std::string& agency, const std::string& bcase, const std::string& stage,
                const std::string& recipient, const std::string& on) {
    exec(
        "INSERT INTO barnahus_information (id, barnahus_case_id, agency_id, given_on, stage, "
        "what, language, format, recipient, given_by, created_by, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, 'what happens next', 'sv', 'oral', $6, 'Coordinator', "
        "'test', 1, 1)",
        store::params(next(), bcase, agency, on, stage, recipient));
  }

 private:
  std::string next() { return "b" + std::to_string(++n_); }
  void exec(const char* sql, const store::Params& p) {
    db_.write([&](store::Tx& tx) { tx.execute(sql, p); });
  }
  store::Database& db_;
  int n_ = 0;
};

class StatsBarnahusTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    clock_ = std::make_unique<core::ManualClock>(core::Timestamp{ms_of("2027-02-01")});
    service::AppOptions o;
    o.keys = service::KeyService::ephemeral();
    o.password_params = security::PasswordHashParams::minimum_for_tests();
    o.config_dir = source_dir() + "/config";
    app_ = std::make_unique<service::App>(db(), *clock_, std::move(o));
    auto catalogue = stats::load_catalogue(source_dir() + "/config/indicators");
    ASSERT_TRUE(catalogue.ok()) << catalogue.error().message;
    catalogue_ = std::move(*catalogue);
    auto population = stats::load_population(source_dir() + "/config/population");
    ASSERT_TRUE(population.ok()) << population.error().message;
    population_ = std::move(*population);
    auto disclosure = service::DisclosureSettings::load(source_dir() + "/config/policy/disclosure");
    ASSERT_TRUE(disclosure.ok()) << disclosure.error().message;
    disclosure_ = std::move(*disclosure);
    stats_ = std::make_unique<service::StatsService>(db(), app_->access, app_->audit, *clock_,
                                                     app_->policies, catalogue_, population_,
                                                     disclosure_);
    records_ = std::make_unique<BarnahusRecords>(db());
  }

  const stats::Table* table(const service::StatsRelease& r, const std::string& id) {
    for (const stats::Table& t : r.tables) {
      if (t.key().indicator == id) return &t;
    }
    ADD_FAILURE() << id << " is not in the release";
    return nullptr;
  }
  // The published figure of a cell; fails the test when the cell is withheld.
  static double figure(const stats::Table& t, std::initializer_list<std::string_view> codes) {
    auto i = t.find(codes);
    EXPECT_TRUE(i.has_value());
    if (!i) return -1;
    const stats::Cell& c = t.at(*i);
    EXPECT_EQ(c.status, CellStatus::kObserved) << t.key().indicator << " " << t.describe(*i);
    return c.value.value_or(-1);
  }

  std::unique_ptr<core::ManualClock> clock_;
  std::unique_ptr<service::App> app_;
  stats::Catalogue catalogue_;
  stats::Population population_;
  service::DisclosureSettings disclosure_;
  std::unique_ptr<service::StatsService> stats_;
  std::unique_ptr<BarnahusRecords> records_;
};

TEST_P(StatsBarnahusTest, TwentyChildrenCountedByHand) {
  const std::string se = records_->agency("SE");
  const std::string fi = records_->agency("FI");
  // Twenty girls aged 10, referred on 10 March 2026: ten victims of sexual abuse, ten witnesses
  // of domestic violence that was also physical.
  std::vector<std::string> cases;
  std::vector<std::string> children;
  for (int i = 0; i < 20; ++i) {
    children.push_back(records_->child(se, "female", "2016-01-01"));
    cases.push_back(records_->barnahus_case(
        se, "SE", children.back(),
        i < 10 ? R"(["sexual_abuse"])" : R"(["physical_abuse","witnessed_domestic_violence"])",
        i < 10 ? "victim" : "witness", "2026-03-10"));
  }
  // Fifteen interviewed: seven after 10 days, eight after 14 (median 14); five of them again.
  for (int i = 0; i < 15; ++i) {
    records_->interview(se, cases[i], 1, i < 7 ? "2026-03-20" : "2026-03-24");
    if (i >= 10) records_->interview(se, cases[i], 2, "2026-04-01");
    // Nine had a planning meeting first; one only a review meeting afterwards.
    if (i < 9) records_->meeting(se, cases[i], "planning", "2026-03-12");
    if (i == 9) records_->meeting(se, cases[i], "review", "2026-05-01");
  }
  // Twelve examined: six after 3 days, six after 7 (median 5).
  for (int i = 0; i < 12; ++i) records_->exam(se, cases[i], i < 6 ? "2026-03-13" : "2026-03-17");
  // Fourteen offered crisis support.
  for (int i = 0; i < 14; ++i) records_->therapy(se, cases[i], "2026-03-25");
  // Twelve informed, child and caregiver, at every stage; the other eight only the child at
  // referral.
  for (int i = 0; i < 20; ++i) {
    for (const char* stage : {"referral", "forensic_interview", "medical_examination", "therapy"}) {
      if (i >= 12 && std::string(stage) != "referral") continue;
      records_->informed(se, cases[i], stage, "child", "2026-03-26");
      if (i < 12) records_->informed(se, cases[i], stage, "caregiver", "2026-03-26");
    }
  }
  // Never counted: a second case of the first child (neglect), a case referred in 2025, and a
  // Finnish case interviewed in 2026.
  records_->barnahus_case(se, "SE", children[0], R"(["neglect"])", "victim", "2026-06-01");
  const std::string old_child = records_->child(se, "male", "2012-01-01");
  const std::string old_case =
      records_->barnahus_case(se, "SE", old_child, R"(["neglect"])", "victim", "2025-11-01");
  const std::string fi_child = records_->child(fi, "male", "2012-01-01");
  const std::string fi_case =
      records_->barnahus_case(fi, "FI", fi_child, R"(["neglect"])", "victim", "2026-02-01");
  records_->interview(fi, fi_case, 1, "2026-02-10");

  auto r = stats_->compute({"SE", "2026"}, service::Actor::cli());
  ASSERT_TRUE(r.ok()) << r.error().message;
  for (const auto& s : r->skipped) EXPECT_NE(s.indicator.rfind("BARNAHUS_", 0), 0u) << s.reason;

  const stats::Table* c = table(*r, "BARNAHUS_CASES");  // VIOLENCE_TYPE, CHILD_ROLE, AGE
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(figure(*c, {"_T", "_T", "_T"}), 20);
  EXPECT_EQ(figure(*c, {"_T", "_T", "Y10T14"}), 20);
  EXPECT_EQ(figure(*c, {"_T", "VIC", "_T"}), 10);
  EXPECT_EQ(figure(*c, {"_T", "WIT", "_T"}), 10);
  EXPECT_EQ(figure(*c, {"SEXV", "_T", "_T"}), 10);
  EXPECT_EQ(figure(*c, {"PHYS", "_T", "_T"}), 10);
  EXPECT_EQ(figure(*c, {"DV", "WIT", "_T"}), 10);
  EXPECT_EQ(figure(*c, {"NEGL", "_T", "_T"}), 0);  // the second case and the 2025 case
  EXPECT_EQ(figure(*c, {"_T", "_T", "Y0T4"}), 0);

  const stats::Table* interviewed = table(*r, "BARNAHUS_INTERVIEWED");  // AGE, SEX
  ASSERT_NE(interviewed, nullptr);
  EXPECT_EQ(figure(*interviewed, {"_T", "_T"}), 15);
  EXPECT_EQ(figure(*interviewed, {"Y10T14", "F"}), 15);
  EXPECT_EQ(figure(*interviewed, {"_T", "M"}), 0);  // the Finnish boy

  const stats::Table* to_interview = table(*r, "BARNAHUS_INTERVIEW_DAYS_MEDIAN");
  ASSERT_NE(to_interview, nullptr);
  EXPECT_EQ(figure(*to_interview, {"_T"}), 14);
  const stats::Table* to_exam = table(*r, "BARNAHUS_MEDICAL_DAYS_MEDIAN");
  ASSERT_NE(to_exam, nullptr);
  EXPECT_EQ(figure(*to_exam, {"Y10T14"}), 5);
  // No case in the other age bands: no median can exist there.
  EXPECT_EQ(to_exam->at(*to_exam->find({"Y0T4"})).status, CellStatus::kNotApplicable);

  const stats::Table* once = table(*r, "BARNAHUS_SINGLE_INTERVIEW_SHARE");
  ASSERT_NE(once, nullptr);
  EXPECT_NEAR(figure(*once, {"_T"}), 100.0 * 10 / 15, 0.05);
  const stats::Table* meeting = table(*r, "BARNAHUS_TEAM_MEETING_SHARE");
  ASSERT_NE(meeting, nullptr);
  EXPECT_NEAR(figure(*meeting, {"_T"}), 100.0 * 9 / 15, 0.05);
  const stats::Table* therapy = table(*r, "BARNAHUS_THERAPY_OFFERED_SHARE");
  ASSERT_NE(therapy, nullptr);
  EXPECT_NEAR(figure(*therapy, {"_T"}), 100.0 * 14 / 20, 0.05);
  const stats::Table* informed = table(*r, "BARNAHUS_INFORMED_SHARE");
  ASSERT_NE(informed, nullptr);
  EXPECT_NEAR(figure(*informed, {"Y10T14"}), 100.0 * 12 / 20, 0.05);

  // The release file carries them and passes the receiver's check.
  EXPECT_NE(r->sdmx_csv.find("BARNAHUS_INFORMED_SHARE"), std::string::npos);
  auto findings = stats_->audit_published(r->sdmx_csv, "SE");
  ASSERT_TRUE(findings.ok()) << findings.error().message;
  EXPECT_TRUE(findings->empty());
}

TEST_P(StatsBarnahusTest, InformedMeansToldAtEveryStageTheCaseReachedByTheLastDay) {
  // Boys aged 12 referred on 2 February 2026, child and caregiver told at referral; then:
  const std::string se = records_->agency("SE");
  auto referred = [&](int n, const std::function<void(const std::string&)>& then) {
    for (int i = 0; i < n; ++i) {
      const std::string bcase =
          records_->barnahus_case(se, "SE", records_->child(se, "male", "2013-06-01"),
                                  R"(["neglect"])", "victim", "2026-02-02");
      records_->informed(se, bcase, "referral", "child", "2026-02-02");
      records_->informed(se, bcase, "referral", "caregiver", "2026-02-03");
      then(bcase);
    }
  };
  // informed: no other stage reached;
  referred(5, [](const std::string&) {});
  // not informed: interviewed, and only the child told about the interview;
  referred(6, [&](const std::string& b) {
    records_->interview(se, b, 1, "2026-02-20");
    records_->informed(se, b, "forensic_interview", "child", "2026-02-19");
  });
  // informed: examined, both told about the examination;
  referred(7, [&](const std::string& b) {
    records_->exam(se, b, "2026-02-10");
    records_->informed(se, b, "medical_examination", "child", "2026-02-10");
    records_->informed(se, b, "medical_examination", "caregiver", "2026-02-10");
  });
  // not informed: a court date in 2026, both told about the proceedings only in 2027;
  referred(5, [&](const std::string& b) {
    records_->court(se, b, "2026-09-01");
    records_->informed(se, b, "court_proceedings", "child", "2027-01-10");
    records_->informed(se, b, "court_proceedings", "caregiver", "2027-01-10");
  });
  // informed, and offered therapy: therapy offered to the child, both told about it;
  referred(6, [&](const std::string& b) {
    records_->therapy(se, b, "2026-03-01");
    records_->informed(se, b, "therapy", "child", "2026-03-01");
    records_->informed(se, b, "therapy", "caregiver", "2026-03-02");
  });
  // informed, not offered therapy: support offered to a family member only (not the therapy stage);
  // an interview and a court date after the last day are not reached by it either.
  referred(5, [&](const std::string& b) {
    records_->therapy(se, b, "2026-03-01", "family_member");
    records_->interview(se, b, 1, "2027-01-05");
    records_->court(se, b, "2027-01-20");
  });

  auto r = stats_->compute({"SE", "2026"}, service::Actor::cli());
  ASSERT_TRUE(r.ok()) << r.error().message;
  const stats::Table* informed = table(*r, "BARNAHUS_INFORMED_SHARE");
  ASSERT_NE(informed, nullptr);
  EXPECT_NEAR(figure(*informed, {"Y10T14"}), 100.0 * (5 + 7 + 6 + 5) / 34, 0.05);
  const stats::Table* therapy = table(*r, "BARNAHUS_THERAPY_OFFERED_SHARE");
  ASSERT_NE(therapy, nullptr);
  EXPECT_NEAR(figure(*therapy, {"_T"}), 100.0 * 6 / 34, 0.05);
}

TEST_P(StatsBarnahusTest, AFewChildrenAreWithheldNotShown) {
  const std::string se = records_->agency("SE");
  // Three children, two victims: every count is small.
  for (int i = 0; i < 3; ++i) {
    const std::string child = records_->child(se, "male", "2014-05-05");
    const std::string bcase = records_->barnahus_case(se, "SE", child, R"(["sexual_abuse"])",
                                                      i < 2 ? "victim" : "witness", "2026-09-01");
    records_->interview(se, bcase, 1, "2026-09-04");
  }
  auto r = stats_->compute({"SE", "2026"}, service::Actor::cli());
  ASSERT_TRUE(r.ok()) << r.error().message;
  const stats::Table* c = table(*r, "BARNAHUS_CASES");
  ASSERT_NE(c, nullptr);
  const stats::Cell& total = c->at(*c->find({"_T", "_T", "_T"}));
  EXPECT_EQ(total.status, CellStatus::kPrimarySuppressed);
  EXPECT_FALSE(total.value.has_value());
  const stats::Table* to_interview = table(*r, "BARNAHUS_INTERVIEW_DAYS_MEDIAN");
  ASSERT_NE(to_interview, nullptr);
  // Three cases are fewer than the ten a median needs.
  EXPECT_FALSE(to_interview->at(*to_interview->find({"_T"})).value.has_value());
}

HAVEN_INSTANTIATE_BACKENDS(StatsBarnahusTest);

}  // namespace
}  // namespace haven::testing
