// `haven generate` below the command line, on SQLite and PostgreSQL: what lands in the database,
// that the same seed gives the same data byte for byte, that duplicates match their truth file, and
// that an interrupted run leaves the database as it was.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "service/generate/population.h"
#include "service/generate/population_writers.h"
#include "support/test_databases.h"
#include "synth/corruption.h"
#include "synth/name_data.h"

namespace haven {
namespace {

namespace fs = std::filesystem;
namespace gen = service::generate;

const synth::NameData& names() {
  static const synth::NameData data = [] {
    fs::path dir = std::getenv("HAVEN_SOURCE_DIR")
                       ? fs::path(std::getenv("HAVEN_SOURCE_DIR")) / "data"
                       : "data";
    for (fs::path p = fs::current_path(); !fs::exists(dir / "names"); p = p.parent_path()) {
      dir = p / "data";
      if (p == p.root_path()) break;
    }
    auto loaded = synth::NameData::load(dir);
    if (!loaded.ok()) throw std::runtime_error(loaded.error().message);
    return std::move(loaded).value();
  }();
  return data;
}

gen::GenerateOptions small(uint64_t seed, int64_t children = 300, double duplicates = 0) {
  gen::GenerateOptions o;
  o.country = "SE";
  o.children = children;
  o.seed = seed;
  o.duplicates = duplicates;
  return o;
}

int64_t count(store::Database& db, const std::string& sql) {
  return db.read([&](store::Tx& tx) { return tx.query_one(sql)->integer(0); });
}

std::string cell(const store::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "NULL";
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* s = std::get_if<std::string>(&v)) return "'" + *s + "'";
  return "?";
}

// Every generated row of every table, ordered, as text: equal dumps mean equal data.
std::string dump(store::Database& db) {
  std::string out;
  for (size_t t = 0; t < gen::kTableCount; ++t) {
    const auto& spec = gen::table_spec(static_cast<gen::Table>(t));
    std::string cols;
    for (auto c : spec.columns) cols += (cols.empty() ? "" : ", ") + std::string(c);
    const std::string sql =
        "SELECT " + cols + " FROM " + std::string(spec.name) + " ORDER BY " + cols;
    db.read([&](store::Tx& tx) {
      for (const auto& row : tx.query(sql)) {
        out += spec.name;
        for (size_t i = 0; i < row.size(); ++i) out += "|" + cell(row[i]);
        out += "\n";
      }
    });
  }
  return out;
}

// The schema's indexes (SQLite only: generation rebuilds them after the load there), as one string.
std::string sqlite_indexes(store::Database& db) {
  if (db.backend() != store::Backend::kSqlite) return "";
  std::string out;
  db.read([&](store::Tx& tx) {
    for (const auto& r :
         tx.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"))
      out += r.text(0) + ":" + r.opt_text(1).value_or("") + "\n";
  });
  return out;
}

class GenerateTest : public testing::DatabaseTest {};

TEST_P(GenerateTest, WritesAMunicipalityWhereEveryChildHasAReportAndACase) {
  const std::string indexes = sqlite_indexes(db());
  auto stats = gen::generate_into_database(db(), names(), small(7));
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(sqlite_indexes(db()), indexes) << "the schema's indexes changed";
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM children"), 300);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM agencies"), 5);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM agencies WHERE kind = 'child_protection'"), 1);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM persons"), 100);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM relationships WHERE type IN ('mother', 'father')"),
            100);
  // As designed: each child has exactly one case and at least one report, and reports name their
  // case.
  EXPECT_EQ(count(db(),
                  "SELECT COUNT(*) FROM children c WHERE (SELECT COUNT(*) FROM cases k WHERE "
                  "k.child_id = c.id) <> 1"),
            0);
  EXPECT_EQ(count(db(),
                  "SELECT COUNT(*) FROM children c WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE "
                  "r.child_id = c.id)"),
            0);
  EXPECT_EQ(count(db(),
                  "SELECT COUNT(*) FROM reports r JOIN cases k ON k.id = r.case_id WHERE "
                  "k.child_id <> r.child_id"),
            0);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM reports"), 300);
  // Cases in most lifecycle states, and sensible dates and risk levels.
  EXPECT_GE(count(db(), "SELECT COUNT(DISTINCT status) FROM cases"), 5);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM cases WHERE status = 'closed' AND closed_at IS NULL"),
            0);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM cases WHERE closed_at < opened_at"), 0);
  EXPECT_EQ(count(db(),
                  "SELECT COUNT(*) FROM cases WHERE status IN ('reported', 'screening', "
                  "'assessment') AND risk_level IS NOT NULL"),
            0);
  EXPECT_GE(count(db(), "SELECT COUNT(DISTINCT risk_level) FROM cases"), 3);
  EXPECT_GE(count(db(), "SELECT COUNT(DISTINCT reporter_type) FROM reports"), 8);
  const int64_t ref_end = (*core::Date::from_ymd(2026, 11, 28)).days_since_epoch() * 86'400'000;
  EXPECT_EQ(
      count(db(), "SELECT COUNT(*) FROM reports WHERE received_at >= " + std::to_string(ref_end)),
      0);
  EXPECT_GE(count(db(), "SELECT COUNT(DISTINCT substr(case_number, 4, 4)) FROM cases"),
            5);  // 2022–2026
  // Names keep their letters; some migrant children have their names in the original script.
  EXPECT_GT(count(db(),
                  "SELECT COUNT(*) FROM children WHERE family_names LIKE '%ö%' OR family_names "
                  "LIKE '%å%' OR family_names LIKE '%ä%'"),
            0);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM children WHERE names_original_script IS NOT NULL"),
            0);
  EXPECT_GT(count(db(), "SELECT COUNT(*) FROM children WHERE nationalities <> '[\"SE\"]'"), 0);
  // Case numbers come from the counters: each year's next is one past its highest number.
  auto well_formed = [](const std::string& n) {  // SE-2022-000123 … SE-2026-…
    return n.size() == 14 && n.compare(0, 6, "SE-202") == 0 && n[6] >= '2' && n[6] <= '6' &&
           n[7] == '-' && n.find_first_not_of("0123456789", 8) == std::string::npos;
  };
  std::map<std::string, int64_t> highest;
  db().read([&](store::Tx& tx) {
    for (const auto& r : tx.query("SELECT case_number FROM cases")) {
      const std::string& n = r.text(0);
      EXPECT_TRUE(well_formed(n)) << n;
      auto& h = highest[n.substr(3, 4)];
      h = std::max<int64_t>(h, std::stoll(n.substr(8)));
    }
    for (const auto& r :
         tx.query("SELECT year, next FROM case_number_counters WHERE country = 'SE'")) {
      EXPECT_EQ(r.integer(1), highest[std::to_string(r.integer(0))] + 1) << r.integer(0);
    }
  });
}

TEST_P(GenerateTest, TheSameSeedGivesTheSameDatabaseAndAnotherSeedDoesNot) {
  ASSERT_TRUE(gen::generate_into_database(db(), names(), small(7, 300, 0.1)).ok());
  auto same = another_database();
  ASSERT_TRUE(gen::generate_into_database(same->db(), names(), small(7, 300, 0.1)).ok());
  auto other = another_database();
  ASSERT_TRUE(gen::generate_into_database(other->db(), names(), small(8, 300, 0.1)).ok());
  const std::string a = dump(db());
  EXPECT_GT(a.size(), 10'000u);
  EXPECT_TRUE(a == dump(same->db())) << "same seed, different data";
  EXPECT_FALSE(a == dump(other->db())) << "another seed gave the same data";
}

TEST_P(GenerateTest, DuplicatesAreDamagedCopiesNamedInTheTruth) {
  auto stats = gen::generate_into_database(db(), names(), small(11, 300, 0.3));
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  ASSERT_GT(stats->truth.size(), 50u);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM children"),
            300 + static_cast<int64_t>(stats->truth.size()));
  const std::string sql =
      "SELECT given_names, family_names, COALESCE(names_original_script, ''), COALESCE(birth_date, "
      "''), "
      "nationalities, languages FROM children WHERE id = $1";
  int swapped_checked = 0, day_month_checked = 0;
  for (const auto& p : stats->truth) {
    db().read([&](store::Tx& tx) {
      auto o = tx.query_one(sql, store::params(p.original_id));
      auto d = tx.query_one(sql, store::params(p.duplicate_id));
      ASSERT_TRUE(o && d) << p.original_id << " / " << p.duplicate_id;
      ASSERT_FALSE(p.damage.empty());
      bool differs = false;
      for (size_t i = 0; i < 6; ++i) differs |= o->text(i) != d->text(i);
      EXPECT_TRUE(differs) << "duplicate " << p.duplicate_id << " (" << p.damage
                           << ") equals its original";
      if (p.damage == "names_swapped") {
        EXPECT_EQ(d->text(0), o->text(1));
        EXPECT_EQ(d->text(1), o->text(0));
        ++swapped_checked;
      }
      if (p.damage == "day_month_swapped") {
        const std::string ob = o->text(3), db_ = d->text(3);
        EXPECT_EQ(db_, ob.substr(0, 5) + ob.substr(8, 2) + "-" + ob.substr(5, 2));
        ++day_month_checked;
      }
    });
  }
  EXPECT_GT(swapped_checked + day_month_checked, 0) << "no single-kind pair to check exactly";
}

TEST_P(GenerateTest, AnInterruptedRunLeavesTheDatabaseAsItWas) {
  std::atomic<bool> cancel{false};
  gen::RunControl control;
  control.cancel = &cancel;
  control.progress = [&](int64_t done) {
    if (done >= 1000) cancel = true;
  };
  const std::string indexes = sqlite_indexes(db());
  auto stats = gen::generate_into_database(db(), names(), small(3, 5000), control);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(sqlite_indexes(db()), indexes) << "the schema's indexes changed";
  EXPECT_EQ(stats.error().message, "interrupted");
  EXPECT_EQ(*gen::count_existing_records(db()), 0);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM case_number_counters"), 0);
}

TEST_P(GenerateTest, AppendingAnotherSeedContinuesTheCaseNumbers) {
  ASSERT_TRUE(gen::generate_into_database(db(), names(), small(1, 100)).ok());
  const int64_t before = count(db(), "SELECT SUM(next) FROM case_number_counters");
  ASSERT_TRUE(gen::generate_into_database(db(), names(), small(2, 100)).ok());
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM children"), 200);
  EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM cases"), 200);
  EXPECT_EQ(count(db(), "SELECT SUM(next) FROM case_number_counters"), before + 100);
}

HAVEN_INSTANTIATE_BACKENDS(GenerateTest);

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(GenerateJsonLines, TheSameSeedGivesByteIdenticalFiles) {
  const fs::path root = fs::temp_directory_path() / ("haven_gen_" + std::to_string(::getpid()));
  fs::remove_all(root);
  for (const char* d : {"a", "b", "c"})
    ASSERT_TRUE(gen::prepare_output_directory((root / d).string()).ok());
  auto first = gen::generate_into_directory((root / "a").string(), names(), small(7, 300, 0.05));
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_TRUE(
      gen::generate_into_directory((root / "b").string(), names(), small(7, 300, 0.05)).ok());
  ASSERT_TRUE(
      gen::generate_into_directory((root / "c").string(), names(), small(9, 300, 0.05)).ok());
  for (const char* file :
       {"agencies.jsonl", "children.jsonl", "persons.jsonl", "relationships.jsonl", "reports.jsonl",
        "cases.jsonl", "case_number_counters.jsonl"}) {
    const std::string a = read_file(root / "a" / file);
    EXPECT_FALSE(a.empty()) << file;
    EXPECT_TRUE(a == read_file(root / "b" / file)) << file << " differs for the same seed";
  }
  EXPECT_FALSE(read_file(root / "a" / "children.jsonl") ==
               read_file(root / "c" / "children.jsonl"));
  // One object a line, lists as arrays, letters as typed.
  const std::string children = read_file(root / "a" / "children.jsonl");
  EXPECT_EQ(std::count(children.begin(), children.end(), '\n'), 300 + first->duplicate_records);
  EXPECT_NE(children.find("ö"), std::string::npos);  // UTF-8 as typed, not \u escapes
  EXPECT_NE(children.find("\"nationalities\":[\""), std::string::npos);
  EXPECT_EQ(children.rfind("{\"id\":\"", 0), 0u);
  EXPECT_FALSE(fs::exists(root / "a" / "children.jsonl.partial"));
  fs::remove_all(root);
}

}  // namespace
}  // namespace haven
