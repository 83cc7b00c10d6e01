// `haven import` below the command line, on SQLite and PostgreSQL: a file with one bad row imports
// nothing and names the row; the same file fixed imports in full; a dry run writes nothing; an
// interrupted import leaves the database as it was; every run is one audit event; identity numbers
// are checked, then stored sealed with their blind index as the services store them.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/clock.h"
#include "core/id.h"
#include "service/audit_service.h"
#include "service/import/import_service.h"
#include "service/key_service.h"
#include "store/repositories/agency_repository.h"
#include "store/repositories/child_repository.h"
#include "support/test_databases.h"

namespace haven {
namespace {

namespace fs = std::filesystem;
namespace imp = service::import;

// 2026-11-27 12:00 UTC.
constexpr core::Timestamp kNow{1'795'780'800'000};

const char* kMapping = R"(
[source]
format = "csv"
delimiter = ";"
[fields]
given_names = "Förnamn"
family_names = "Efternamn"
names_original_script = "Original"
sex = { column = "Kön", values = { F = "female", M = "male" } }
birth_date = { column = "Född", format = "%d.%m.%Y" }
nationalities = { column = "Medb", separator = "," }
languages = { column = "Språk", separator = "," }
)";

// `rows` synthetic children; row `bad` (1-based, 0: none) has a date that does not exist.
std::string children_csv(int rows, int bad = 0) {
  std::ostringstream out;
  out << "Förnamn;Efternamn;Original;Kön;Född;Medb;Språk\n";
  for (int i = 1; i <= rows; ++i) {
    const int day = 1 + i % 28;
    out << (i % 2 ? "Astrid" : "Oskar") << ";Lindqvist-" << i << ";"
        << (i % 5 == 0 ? "Щербакова" : "") << ";" << (i % 2 ? "F" : "M") << ";"
        << (i == bad ? std::string("31.02.2015") : std::to_string(day) + ".03.2015") << ";"
        << (i % 3 == 0 ? "\"SE,UA\"" : "SE") << ";sv\n";
  }
  return out.str();
}

class ImportTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    dir_ = fs::temp_directory_path() / ("haven-import-" + core::new_id());
    fs::create_directories(dir_);
    db().write([&](store::Tx& tx) {
      store::AgencyRepository::insert(tx, {agency_id_, "Socialtjänsten Testby", "child_protection",
                                           "SE", "active", 1, kNow.ms});
    });
    std::istringstream in(kMapping);
    auto m = imp::parse_mapping(in, "mapping.toml");
    ASSERT_TRUE(m.ok()) << m.error().message;
    mapping_ = *m;
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
    DatabaseTest::TearDown();
  }

  std::string write_file(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  imp::ImportRequest request(const std::string& path, bool dry_run = false) {
    return {path,
            mapping_,
            imp::ImportFormat::kCsv,
            "Socialtjänsten Testby",
            dry_run,
            (dir_ / "errors.csv").string()};
  }
  int64_t count(const std::string& sql) {
    return db().read([&](store::Tx& tx) { return tx.query_one(sql)->integer(0); });
  }
  int64_t children() { return count("SELECT COUNT(*) FROM children"); }
  int64_t import_events() {
    return count("SELECT COUNT(*) FROM audit_events WHERE action = 'child.import'");
  }

  core::ManualClock clock_{kNow};
  fs::path dir_;
  std::string agency_id_ = core::new_id(kNow);
  imp::ImportMapping mapping_;
};

TEST_P(ImportTest, AFileWithOneBadRowImportsNothingAndNamesTheRow) {
  service::AuditService audit(db(), clock_);
  imp::ImportService imports(db(), clock_, audit);
  const std::string path = write_file("children.csv", children_csv(500, 317));

  auto out = imports.run(request(path), service::Actor::cli());
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(out->rows, 500);
  EXPECT_EQ(out->bad_rows, 1);
  EXPECT_EQ(out->imported, 0);
  ASSERT_EQ(out->first_problems.size(), 1u);
  EXPECT_EQ(out->first_problems[0].row, 317);
  EXPECT_EQ(out->first_problems[0].line, 318);  // the header is line 1
  EXPECT_EQ(out->first_problems[0].problem.column, "Född");
  EXPECT_EQ(children(), 0);

  // The report names the row, the column, the cell and the reason, and nothing else of the row.
  std::ifstream report(dir_ / "errors.csv");
  std::string header, line, rest;
  std::getline(report, header);
  std::getline(report, line);
  EXPECT_EQ(header, "row,line,column,value,reason");
  EXPECT_EQ(line.rfind("317,318,Född,31.02.2015,", 0), 0u) << line;
  EXPECT_EQ(line.find("Lindqvist"), std::string::npos);
  EXPECT_FALSE(std::getline(report, rest));

  // One audit event, a failure, naming the file and the count but no child.
  EXPECT_EQ(import_events(), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_events WHERE action = 'child.import' AND outcome = "
                  "'failure' AND actor_id = 'cli'"),
            1);
}

TEST_P(ImportTest, TheSameFileFixedImportsInFull) {
  service::AuditService audit(db(), clock_);
  imp::ImportService imports(db(), clock_, audit);
  const std::string path = write_file("children.csv", children_csv(500));

  auto out = imports.run(request(path), service::Actor::cli());
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(out->bad_rows, 0);
  EXPECT_EQ(out->imported, 500);
  EXPECT_EQ(children(), 500);
  EXPECT_EQ(count("SELECT COUNT(*) FROM children WHERE agency_id = '" + agency_id_ + "'"), 500);
  EXPECT_FALSE(fs::exists(dir_ / "errors.csv")) << "no report for a good file";

  // What a worker would see of one child: names as typed, codes translated, lists as JSON.
  auto row = db().read([&](store::Tx& tx) {
    return *tx.query_one(
        "SELECT given_names, family_names, names_original_script, sex, birth_date, "
        "nationalities, languages, birth_date_estimated FROM children WHERE family_names = "
        "'Lindqvist-15'");
  });
  EXPECT_EQ(row.text(0), "Astrid");
  EXPECT_EQ(row.text(2), "Щербакова");
  EXPECT_EQ(row.text(3), "female");
  EXPECT_EQ(row.text(4), "2015-03-16");
  EXPECT_EQ(row.text(5), "[\"SE\",\"UA\"]");
  EXPECT_EQ(row.text(6), "[\"sv\"]");
  EXPECT_EQ(row.integer(7), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_events WHERE action = 'child.import' AND outcome = "
                  "'success'"),
            1);
}

TEST_P(ImportTest, ADryRunChecksEveryRowAndWritesNothing) {
  service::AuditService audit(db(), clock_);
  imp::ImportService imports(db(), clock_, audit);
  const std::string path = write_file("children.csv", children_csv(200));

  auto out = imports.run(request(path, true), service::Actor::cli());
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_TRUE(out->dry_run);
  EXPECT_EQ(out->rows, 200);
  EXPECT_EQ(out->bad_rows, 0);
  EXPECT_EQ(out->imported, 0);
  EXPECT_EQ(children(), 0);
  EXPECT_EQ(import_events(), 1);
}

TEST_P(ImportTest, AnInterruptedImportLeavesTheDatabaseAsItWas) {
  service::AuditService audit(db(), clock_);
  imp::ImportService imports(db(), clock_, audit);
  const std::string path = write_file("children.csv", children_csv(3000));
  std::atomic<bool> cancel{false};
  imp::ImportControl control;
  control.cancel = &cancel;
  // Ctrl-C arrives while the writing pass is half way through.
  control.progress = [&](std::string_view pass, int64_t rows, uint64_t) {
    if (pass == "write" && rows >= 2000) cancel = true;
  };
  auto out = imports.run(request(path), service::Actor::cli(), control);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().message, "interrupted");
  EXPECT_EQ(children(), 0);
}

TEST_P(ImportTest, RefusesBadUsageBeforeReadingARow) {
  service::AuditService audit(db(), clock_);
  imp::ImportService imports(db(), clock_, audit);
  const std::string path = write_file("children.csv", children_csv(10));

  auto req = request(path);
  req.agency = "Ingen sådan nämnd";
  auto out = imports.run(req, service::Actor::cli());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_NE(out.error().message.find("Ingen sådan nämnd"), std::string::npos);

  out = imports.run(request((dir_ / "missing.csv").string()), service::Actor::cli());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, core::ErrorCode::kInvalidInput);

  // A header without a column the mapping reads: the message lists the file's columns.
  const std::string other = write_file("other.csv", "Namn;Född\nAstrid;14.03.2015\n");
  out = imports.run(request(other), service::Actor::cli());
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message.find("'Efternamn'"), std::string::npos) << out.error().message;
  EXPECT_NE(out.error().message.find("Namn, Född"), std::string::npos);
  EXPECT_EQ(children(), 0);
  EXPECT_EQ(import_events(), 0) << "refused before any work: nothing to audit";
}

TEST_P(ImportTest, ImportsJsonLinesWithListsAndKeepsGivenIds) {
  std::istringstream in(R"(
[fields]
id = "id"
given_names = "given_names"
family_names = "family_names"
sex = "sex"
birth_date = "birth_date"
nationalities = "nationalities"
languages = "languages"
)");
  auto m = imp::parse_mapping(in, "jsonl.toml");
  ASSERT_TRUE(m.ok()) << m.error().message;
  const std::string id1 = core::new_id(kNow), id2 = core::new_id(kNow);
  const std::string path = write_file(
      "children.jsonl",
      "{\"id\":\"" + id1 +
          "\",\"given_names\":\"Līga\",\"family_names\":\"Bērziņa\",\"sex\":\"female\","
          "\"birth_date\":\"2014-05-06\",\"nationalities\":[\"LV\"],\"languages\":[\"lv\",\"ru\"]}"
          "\n"
          "\n"
          "{\"id\":\"" +
          id2 +
          "\",\"given_names\":\"Jonas\",\"family_names\":\"Kazlauskas\",\"sex\":\"male\","
          "\"birth_date\":\"2012-01-02\",\"nationalities\":[],\"languages\":[\"lt\"]}\n");
  service::AuditService audit(db(), clock_);
  imp::ImportService imports(db(), clock_, audit);
  imp::ImportRequest req{path, *m,    imp::ImportFormat::kJsonLines,
                         "",   false, (dir_ / "errors.csv").string()};  // the only agency
  auto out = imports.run(req, service::Actor::cli());
  ASSERT_TRUE(out.ok()) << out.error().message;
  ASSERT_EQ(out->bad_rows, 0) << out->first_problems[0].problem.reason;
  EXPECT_EQ(out->imported, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM children WHERE id = '" + id1 +
                  "' AND languages = '[\"lv\",\"ru\"]' AND family_names = 'Bērziņa'"),
            1);

  // The same ids again: the database refuses, and nothing of the second run stays.
  out = imports.run(req, service::Actor::cli());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(children(), 2);
}

// Swedish personnummer that pass the check digit (Luhn), one per row.
std::string personnummer(int i) {
  const std::string nine = "1503" + std::string(i % 28 + 1 < 10 ? "0" : "") +
                           std::to_string(i % 28 + 1) + std::to_string(100 + i % 900);
  for (char c = '0'; c <= '9'; ++c) {
    const std::string ten = nine + c;
    int sum = 0;
    for (size_t k = 0; k < 10; ++k) {
      int v = (ten[k] - '0') * (k % 2 == 0 ? 2 : 1);
      sum += v > 9 ? v - 9 : v;
    }
    if (sum % 10 == 0) return ten.substr(0, 6) + "-" + ten.substr(6);
  }
  return {};
}

TEST_P(ImportTest, IdentityNumbersAreCheckedThenStoredSealedWithTheirBlindIndex) {
  std::istringstream in(std::string(kMapping) +
                        "identity_number = \"Personnummer\"\n"
                        "identity_number_country = { default = \"SE\" }\n");
  auto m = imp::parse_mapping(in, "mapping.toml");
  ASSERT_TRUE(m.ok()) << m.error().message;
  mapping_ = *m;
  auto csv = [&](int bad) {
    std::istringstream base(children_csv(60));
    std::ostringstream out;
    std::string line;
    for (int i = 0; std::getline(base, line); ++i) {
      std::string number = i == 0 ? "Personnummer" : i % 4 == 0 ? "" : personnummer(i);
      if (bad > 0 && i == bad)
        number.back() = number.back() == '9' ? '0' : static_cast<char>(number.back() + 1);
      out << line << ";" << number << "\n";
    }
    return out.str();
  };
  service::AuditService audit(db(), clock_);
  const service::KeyRingOpened ring = service::KeyService::ephemeral();
  const service::KeyService keys(db(), clock_, ring.master, ring.ring);

  // Without the key service the import refuses before reading a row.
  imp::ImportService keyless(db(), clock_, audit);
  auto refused = keyless.run(request(write_file("a.csv", csv(0))), service::Actor::cli());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("master key"), std::string::npos);

  // One mistyped check digit: a row error in the all-or-nothing report, nothing written.
  imp::ImportService imports(db(), clock_, audit, &keys);
  auto bad = imports.run(request(write_file("b.csv", csv(13))), service::Actor::cli());
  ASSERT_TRUE(bad.ok()) << bad.error().message;
  EXPECT_EQ(bad->bad_rows, 1);
  ASSERT_EQ(bad->first_problems.size(), 1u);
  EXPECT_EQ(bad->first_problems[0].row, 13);
  EXPECT_EQ(bad->first_problems[0].problem.column, "Personnummer");
  EXPECT_NE(bad->first_problems[0].problem.reason.find("check digit"), std::string::npos);
  EXPECT_EQ(children(), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM identity_numbers"), 0);

  // Fixed: every number stored, encrypted (not in the clear), findable by its blind index.
  auto good = imports.run(request(write_file("c.csv", csv(0))), service::Actor::cli());
  ASSERT_TRUE(good.ok()) << good.error().message;
  EXPECT_EQ(good->imported, 60);
  EXPECT_EQ(count("SELECT COUNT(*) FROM identity_numbers WHERE kind = 'national_id' AND country = "
                  "'SE' AND child_id IS NOT NULL"),
            45);
  const std::string number = personnummer(7);
  auto bidx = keys.blind_index("national_id", number);
  ASSERT_TRUE(bidx.ok());
  const auto rows = db().read([&](store::Tx& tx) {
    const auto found = store::ChildRepository::find_by_identity_bidx(tx, *bidx);
    EXPECT_EQ(found.size(), 1u);
    return found.empty() ? std::vector<store::IdentityNumberRow>{}
                         : store::ChildRepository::identity_numbers(tx, found.front());
  });
  ASSERT_EQ(rows.size(), 1u);
  const std::string ct(rows[0].value_ct.bytes.begin(), rows[0].value_ct.bytes.end());
  EXPECT_EQ(ct.find(number), std::string::npos);
  auto plain =
      keys.cipher().decrypt(rows[0].value_ct.bytes, {"identity_numbers", "value_ct", rows[0].id});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->view(), number);
}

HAVEN_INSTANTIATE_BACKENDS(ImportTest);

}  // namespace
}  // namespace haven
