// Throwaway test databases, each a copy of a template that holds the migrated schema, so a test
// case pays for a copy rather than for every migration. PostgreSQL: a template database, built once
// under an advisory lock (parallel test processes build it once between them). SQLite: a template
// file in the temporary folder. Both are named after the migrations' checksums and reused
// afterwards.
#include "support/test_databases.h"

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/migrator.h"
#include "store/sqlite/sqlite_database.h"

namespace haven::testing {

namespace {

namespace fs = std::filesystem;

// Key of the session advisory lock held while a template is being built.
constexpr long long kTemplateLockKey = 0x686176656e74706c;  // "haventpl"

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? v : nullptr;
}

bool postgres_required() {
  const char* v = env("HAVEN_REQUIRE_POSTGRES");
  return v != nullptr && std::string_view(v) != "0";
}

std::string make_temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "haven-test-XXXXXX").string();
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary folder from " + pattern);
  }
  return std::string(buf.data());
}

std::string random_suffix() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s = std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_";
  for (int i = 0; i < 8; ++i) s.push_back(kHex[rd() % 16]);
  return s;
}

store::DatabaseUrl base_pg_url() {
  const char* text = env("HAVEN_TEST_PG_URL");
  if (text == nullptr) {
    throw std::runtime_error(
        "HAVEN_REQUIRE_POSTGRES=1 but HAVEN_TEST_PG_URL is not set; run the tests through "
        "scripts/with_postgres.sh");
  }
  auto url = store::DatabaseUrl::parse(text);
  if (!url.ok()) throw std::runtime_error("HAVEN_TEST_PG_URL: " + url.error().message);
  if (url->backend != store::Backend::kPostgres) {
    throw std::runtime_error("HAVEN_TEST_PG_URL is not a postgresql:// URL: " + url->masked());
  }
  return *url;
}

// Runs statements that cannot run inside a transaction (CREATE/DROP DATABASE) on the server of
// HAVEN_TEST_PG_URL, through one connection kept for the whole test process.
class PgAdmin {
 public:
  static PgAdmin& instance() {
    static PgAdmin admin;
    return admin;
  }

  void exec(const std::string& sql) {
    std::lock_guard lock(mu_);
    try {
      if (!conn_ || !conn_->is_open()) conn_ = std::make_unique<pqxx::connection>(url_.text);
      pqxx::nontransaction n(*conn_);
      n.exec(sql);
    } catch (const std::exception& e) {
      throw std::runtime_error("on " + url_.masked() + ": " + e.what() + " (running: " + sql + ")");
    }
  }

  // For statements that need a database without sessions (CREATE … TEMPLATE, RENAME): a session
  // that just closed may linger on the server for a moment, so retry that error for a while.
  void exec_when_unused(const std::string& sql) {
    for (int attempt = 1;; ++attempt) {
      try {
        exec(sql);
        return;
      } catch (const std::runtime_error& e) {
        if (attempt == 50 ||
            std::string(e.what()).find("being accessed by other users") == std::string::npos) {
          throw;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  }

  bool database_exists(const std::string& name) {
    std::lock_guard lock(mu_);
    if (!conn_ || !conn_->is_open()) conn_ = std::make_unique<pqxx::connection>(url_.text);
    pqxx::nontransaction n(*conn_);
    return !n.exec("SELECT 1 FROM pg_database WHERE datname = " + n.quote(name)).empty();
  }

  const store::DatabaseUrl& url() const { return url_; }

 private:
  PgAdmin() : url_(base_pg_url()) {}

  std::mutex mu_;
  store::DatabaseUrl url_;
  std::unique_ptr<pqxx::connection> conn_;
};

std::string quote_ident(const std::string& name) {
  return "\"" + name + "\"";
}

void migrate(store::Database& db) {
  store::Migrator migrator(db);
  auto applied = migrator.apply_pending();
  if (!applied.ok()) {
    throw std::runtime_error("migrating the test database failed: " + applied.error().message);
  }
}

// Names a template after the migrations it holds: a new or changed migration means a new template.
std::string migrations_key(store::Backend backend) {
  std::string all;
  for (const auto& m : store::embedded_migrations(backend)) all += m.checksum;
  return store::migration_checksum(all).substr(0, 16);
}

// The template database holding the current PostgreSQL migrations, built if missing.
const std::string& postgres_template() {
  static std::mutex mu;
  static std::string name;
  std::lock_guard lock(mu);
  if (!name.empty()) return name;

  const std::string wanted = "haven_tpl_" + migrations_key(store::Backend::kPostgres);

  PgAdmin& admin = PgAdmin::instance();
  admin.exec("SELECT pg_advisory_lock(" + std::to_string(kTemplateLockKey) + ")");
  try {
    if (!admin.database_exists(wanted)) {
      // Built under a temporary name and renamed when complete, so a crash midway never leaves
      // a half-migrated template behind under the real name.
      const std::string building = "haven_tplnew_" + random_suffix();
      admin.exec("CREATE DATABASE " + quote_ident(building) + " TEMPLATE template0");
      try {
        store::OpenOptions options;
        options.pool_size = 1;
        auto db = store::Database::open(admin.url().with_database(building), options);
        migrate(*db);
        db->close();
      } catch (...) {
        admin.exec("DROP DATABASE IF EXISTS " + quote_ident(building) + " WITH (FORCE)");
        throw;
      }
      admin.exec_when_unused("ALTER DATABASE " + quote_ident(building) + " RENAME TO " +
                             quote_ident(wanted));
    }
  } catch (...) {
    admin.exec("SELECT pg_advisory_unlock(" + std::to_string(kTemplateLockKey) + ")");
    throw;
  }
  admin.exec("SELECT pg_advisory_unlock(" + std::to_string(kTemplateLockKey) + ")");
  name = wanted;
  return name;
}

// The file holding the current SQLite migrations, built if missing. Built under a name of its own
// and renamed into place when complete, so parallel processes that build it at once each put a
// whole file there and a crash midway leaves nothing half-migrated under the real name.
const std::string& sqlite_template() {
  static std::mutex mu;
  static std::string path;
  std::lock_guard lock(mu);
  if (!path.empty()) return path;

  const fs::path wanted = fs::temp_directory_path() /
                          ("haven-sqlite-template-" + migrations_key(store::Backend::kSqlite) +
                           "-" + std::to_string(store::kSqlitePageSize) + ".db");
  if (!fs::exists(wanted)) {
    const std::string dir = make_temp_dir();
    const std::string building = dir + "/template.db";
    {
      auto url = store::DatabaseUrl::parse("sqlite:" + building);
      store::OpenOptions options;
      options.pool_size = 1;
      auto db = store::Database::open(*url, options);
      migrate(*db);
      db->close();  // the last connection checkpoints the WAL into the file and removes it
    }
    if (fs::exists(building + "-wal")) {
      throw std::runtime_error("the SQLite template " + building +
                               " kept a WAL file after closing");
    }
    fs::rename(building, wanted);
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  path = wanted.string();
  return path;
}

}  // namespace

std::string write_sqlite_file(const std::string& path, std::string_view sql) {
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open(path.c_str(), &raw);
  std::string problem;
  if (opened != SQLITE_OK) {
    problem = "cannot open " + path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(opened));
  } else {
    char* message = nullptr;
    if (sqlite3_exec(raw, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      problem = path + ": " + (message ? message : sqlite3_errmsg(raw));
    }
    sqlite3_free(message);
  }
  sqlite3_close(raw);
  return problem;
}

std::optional<std::string> skip_reason(std::string_view backend) {
  if (backend == kPostgresBackend && env("HAVEN_TEST_PG_URL") == nullptr && !postgres_required()) {
    return std::string(
        "PostgreSQL cases skipped: HAVEN_TEST_PG_URL is not set. Run the tests through "
        "scripts/with_postgres.sh (or `make test`) to include them.");
  }
  return std::nullopt;
}

std::unique_ptr<TestDatabase> TestDatabase::create(std::string_view backend,
                                                   const TestDatabaseOptions& options) {
  auto t = std::make_unique<TestDatabase>(Key{});
  t->scratch_dir_ = make_temp_dir();
  if (backend == kSqliteBackend) {
    const std::string file = t->scratch_dir_ + "/test.db";
    if (options.migrate) fs::copy_file(sqlite_template(), file);
    t->url_ = *store::DatabaseUrl::parse("sqlite:" + file);
    t->db_ = store::Database::open(t->url_, options.open);
    return t;
  }
  if (backend == kPostgresBackend) {
    PgAdmin& admin = PgAdmin::instance();
    const std::string source = options.migrate ? postgres_template() : std::string("template0");
    t->pg_database_ = "haven_t_" + random_suffix();
    admin.exec_when_unused("CREATE DATABASE " + quote_ident(t->pg_database_) + " TEMPLATE " +
                           quote_ident(source));
    t->url_ = admin.url().with_database(t->pg_database_);
    t->db_ = store::Database::open(t->url_, options.open);
    return t;
  }
  throw std::runtime_error("unknown test backend '" + std::string(backend) +
                           "' (use \"sqlite\" or \"postgres\")");
}

TestDatabase::~TestDatabase() {
  if (db_) db_->close();
  db_.reset();
  if (!pg_database_.empty()) {
    try {
      PgAdmin::instance().exec("DROP DATABASE IF EXISTS " + quote_ident(pg_database_) +
                               " WITH (FORCE)");
    } catch (const std::exception& e) {
      ADD_FAILURE() << "could not drop test database " << pg_database_ << ": " << e.what();
    }
  }
  std::error_code ec;
  if (!scratch_dir_.empty()) fs::remove_all(scratch_dir_, ec);
}

void TestDatabase::close() {
  if (db_) db_->close();
  db_.reset();
}

store::Database& TestDatabase::reopen(const store::OpenOptions& options) {
  close();
  db_ = store::Database::open(url_, options);
  return *db_;
}

std::string TestDatabase::scratch_path(std::string_view name) const {
  return scratch_dir_ + "/" + std::string(name);
}

void DatabaseTest::SetUp() {
  if (auto why = skip_reason(GetParam())) GTEST_SKIP() << *why;
  try {
    test_db_ = TestDatabase::create(GetParam(), database_options());
  } catch (const std::exception& e) {
    FAIL() << "cannot create a " << GetParam() << " test database: " << e.what();
  }
}

void DatabaseTest::TearDown() {
  test_db_.reset();
}

std::unique_ptr<TestDatabase> DatabaseTest::another_database(const TestDatabaseOptions& options) {
  return TestDatabase::create(GetParam(), options);
}

std::string backend_test_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace haven::testing
