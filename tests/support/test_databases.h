// Fresh, migrated, empty databases for tests on SQLite and on PostgreSQL, so that an integration
// test is written once and runs on both backends.
//
// Write a test once, run it on both:
//
//   #include "support/test_databases.h"
//
//   class CaseRepositoryTest : public haven::testing::DatabaseTest {};
//
//   TEST_P(CaseRepositoryTest, SavesAndLoadsACase) {
//     db().write([](haven::store::Tx& tx) { tx.execute("INSERT INTO …", haven::store::params(…));
//     }); …
//   }
//   HAVEN_INSTANTIATE_BACKENDS(CaseRepositoryTest);
//   // which is: INSTANTIATE_TEST_SUITE_P(Backends, CaseRepositoryTest,
//   //               ::testing::Values("sqlite", "postgres"), haven::testing::backend_test_name);
//
// Every test case gets its own database, dropped afterwards:
//   "sqlite"   — a file in a fresh temporary folder (deleted with the folder), copied from a
//                template file that holds the migrated schema, haven-sqlite-template-<checksum>.db
//                in the temporary folder, built once and left there for later runs;
//   "postgres" — a new database on the server named by HAVEN_TEST_PG_URL, cloned from a template
//                that holds the migrated schema (CREATE DATABASE … TEMPLATE …: fast), dropped
//                after. The template, haven_tpl_<checksum of the migrations>, is built once and
//                left on the server for later runs (a throwaway server takes it with it).
// scripts/with_postgres.sh starts a throwaway server and sets HAVEN_TEST_PG_URL. Without it the
// "postgres" cases are skipped with a message — unless HAVEN_REQUIRE_POSTGRES=1 (CI, `make test`),
// in which case they fail.
//
// A fixture that overrides SetUp must call DatabaseTest::SetUp() first and return if it skipped or
// failed:  `DatabaseTest::SetUp(); if (IsSkipped() || HasFatalFailure()) return;`
// To get an empty, unmigrated database, override database_options() and set migrate = false.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.h"

namespace haven::testing {

inline constexpr const char* kSqliteBackend = "sqlite";
inline constexpr const char* kPostgresBackend = "postgres";

// How `haven serve` opens its database, which the integration tests stand in for: SQLite reads
// through its memory mappings (store/sqlite/mapped_vfs.h).
inline store::OpenOptions server_open_options() {
  store::OpenOptions o;
  o.mapped_reads = true;
  return o;
}

struct TestDatabaseOptions {
  bool migrate = true;                              // apply every embedded migration (else: empty)
  store::OpenOptions open = server_open_options();  // how Database::open is called
};

// One throwaway database. Not thread-safe itself; the Database it hands out is, as usual.
class TestDatabase {
 public:
  // Creates and opens a fresh database on `backend` ("sqlite" | "postgres"). Throws
  // std::runtime_error saying why when that is impossible (see skip_reason for the benign case).
  static std::unique_ptr<TestDatabase> create(std::string_view backend,
                                              const TestDatabaseOptions& options = {});
  ~TestDatabase();  // closes the Database, drops the database / deletes the files
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  store::Database& db() { return *db_; }
  const store::DatabaseUrl& url() const { return url_; }
  store::Backend backend() const { return url_.backend; }

  // Closes the Database (e.g. before restoring into it); reopen() opens it again.
  void close();
  store::Database& reopen(const store::OpenOptions& options = server_open_options());

  // A path inside this test's private temporary folder (removed at the end), for backup files.
  std::string scratch_path(std::string_view name) const;

 private:
  struct Key {};  // only create() can construct one

 public:
  explicit TestDatabase(Key) {}

 private:
  store::DatabaseUrl url_;
  std::unique_ptr<store::Database> db_;
  std::string scratch_dir_;  // temporary folder, removed in the destructor
  std::string pg_database_;  // for postgres: the database to drop
};

// Why test cases on `backend` should be skipped here, or nullopt when they should run. Only
// "postgres" without HAVEN_TEST_PG_URL (and without HAVEN_REQUIRE_POSTGRES=1) is skipped.
std::optional<std::string> skip_reason(std::string_view backend);

// Makes a SQLite file at `path` by running `sql` through SQLite itself, not through haven's store
// (a file as an older haven or another tool left it: other page sizes, journal modes). Returns an
// empty string, or SQLite's message naming what failed.
std::string write_sqlite_file(const std::string& path, std::string_view sql);

// The fixture behind "write once, run on both": GetParam() is the backend name.
class DatabaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Override to change how this fixture's database is made.
  virtual TestDatabaseOptions database_options() const { return {}; }

  store::Database& db() { return test_db_->db(); }
  TestDatabase& test_db() { return *test_db_; }
  const std::string& backend_name() const { return GetParam(); }
  // Another fresh database on the same backend (a restore target, a second tenant, …).
  std::unique_ptr<TestDatabase> another_database(const TestDatabaseOptions& options = {});

 private:
  std::unique_ptr<TestDatabase> test_db_;
};

// "sqlite" / "postgres", for readable test names (Backends/CaseRepositoryTest.SavesACase/sqlite).
std::string backend_test_name(const ::testing::TestParamInfo<std::string>& info);

}  // namespace haven::testing

#define HAVEN_INSTANTIATE_BACKENDS(Suite)                                                      \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                    \
                           ::testing::Values(std::string(::haven::testing::kSqliteBackend),    \
                                             std::string(::haven::testing::kPostgresBackend)), \
                           ::haven::testing::backend_test_name)
