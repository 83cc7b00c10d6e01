// Migrations on both backends: applied once each, in order, in a transaction with their record;
// a changed or unknown migration stops everything and names the file; concurrent starts apply once.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store/migrator.h"
#include "support/test_databases.h"

namespace haven::store {
namespace {

using haven::testing::DatabaseTest;
using haven::testing::TestDatabaseOptions;

const core::ManualClock& test_clock() {
  static const core::ManualClock clock(core::Timestamp{1'790'000'000'000});
  return clock;
}

Migration migration(int number, std::string name, std::string sql) {
  return Migration{number, std::move(name), std::move(sql), ""};  // checksum computed by Migrator
}

std::vector<Migration> two_migrations() {
  return {migration(1, "0001_first.sql", "CREATE TABLE m_first (id INTEGER PRIMARY KEY);"),
          migration(2, "0002_second.sql",
                    "CREATE TABLE m_second (id INTEGER PRIMARY KEY, note TEXT);\n"
                    "INSERT INTO m_second (id, note) VALUES (1, 'seeded');")};
}

bool table_exists(Database& db, const std::string& table) {
  return db.read([&](Tx& tx) {
    if (tx.backend() == Backend::kPostgres) {
      return tx
          .query_one("SELECT 1 FROM information_schema.tables WHERE table_name = $1", params(table))
          .has_value();
    }
    return tx
        .query_one("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = $1", params(table))
        .has_value();
  });
}

class StoreMigrator : public DatabaseTest {
 protected:
  TestDatabaseOptions database_options() const override {
    TestDatabaseOptions o;
    o.migrate = false;
    return o;
  }
};

TEST_P(StoreMigrator, FreshDatabaseHasEverythingPending) {
  Migrator m(db(), two_migrations(), test_clock());
  auto st = m.status();
  ASSERT_TRUE(st.ok()) << st.error().message;
  ASSERT_EQ(st->size(), 2u);
  for (const auto& s : *st) {
    EXPECT_FALSE(s.applied);
    EXPECT_FALSE(s.applied_at.has_value());
  }
  core::Status current = m.check_current();
  ASSERT_FALSE(current.ok());
  EXPECT_NE(current.error().message.find("0001_first.sql"), std::string::npos)
      << current.error().message;
}

TEST_P(StoreMigrator, AppliesInOrderRecordsThemAndReapplyingIsANoOp) {
  Migrator m(db(), two_migrations(), test_clock());
  auto applied = m.apply_pending();
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(*applied, 2);
  EXPECT_TRUE(table_exists(db(), "m_first"));
  EXPECT_EQ(db().read([](Tx& tx) {
    return tx.query_one("SELECT note FROM m_second WHERE id = 1")->text(0);
  }),
            "seeded");

  auto st = m.status();
  ASSERT_TRUE(st.ok());
  for (const auto& s : *st) {
    EXPECT_TRUE(s.applied) << s.name;
    EXPECT_FALSE(s.changed) << s.name;
    EXPECT_FALSE(s.unknown) << s.name;
    EXPECT_EQ(s.applied_at, test_clock().now()) << s.name;
  }
  EXPECT_TRUE(m.check_current().ok());

  auto again = Migrator(db(), two_migrations(), test_clock()).apply_pending();
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(
      db().read([](Tx& tx) { return tx.query_one("SELECT count(*) FROM m_second"); })->integer(0),
      1)
      << "the data migration ran twice";
  auto rows = db().read([](Tx& tx) {
    return tx.query("SELECT number, name, checksum, applied_at FROM schema_migrations ORDER BY 1");
  });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].text(1), "0002_second.sql");
  EXPECT_EQ(rows[1].text(2), migration_checksum(two_migrations()[1].sql));
}

TEST_P(StoreMigrator, OnlyTheNewMigrationIsAppliedLater) {
  auto first = two_migrations();
  first.pop_back();
  ASSERT_EQ(*Migrator(db(), first, test_clock()).apply_pending(), 1);
  EXPECT_FALSE(table_exists(db(), "m_second"));
  Migrator both(db(), two_migrations(), test_clock());
  EXPECT_FALSE(both.check_current().ok());
  auto applied = both.apply_pending();
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(*applied, 1);
  EXPECT_TRUE(table_exists(db(), "m_second"));
}

TEST_P(StoreMigrator, ChangedMigrationIsRefusedNamingTheFile) {
  ASSERT_TRUE(Migrator(db(), two_migrations(), test_clock()).apply_pending().ok());
  auto edited = two_migrations();
  edited[0].sql = "CREATE TABLE m_first (id INTEGER PRIMARY KEY, extra TEXT);";
  edited.push_back(migration(3, "0003_third.sql", "CREATE TABLE m_third (id INTEGER);"));
  Migrator m(db(), edited, test_clock());
  auto applied = m.apply_pending();
  ASSERT_FALSE(applied.ok());
  EXPECT_EQ(applied.error().code, core::ErrorCode::kConflict);
  const std::string& msg = applied.error().message;
  EXPECT_NE(msg.find("migration 0001_first.sql was changed after it was applied"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find(migration_checksum(two_migrations()[0].sql).substr(0, 12)), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("restore the original file"), std::string::npos) << msg;
  EXPECT_FALSE(table_exists(db(), "m_third")) << "nothing may be applied after a refusal";

  auto st = m.status();
  ASSERT_TRUE(st.ok());
  EXPECT_TRUE((*st)[0].changed);
  EXPECT_FALSE((*st)[1].changed);
  EXPECT_FALSE(m.check_current().ok());
}

TEST_P(StoreMigrator, UnknownNewerMigrationIsRefusedNamingIt) {
  ASSERT_TRUE(Migrator(db(), two_migrations(), test_clock()).apply_pending().ok());
  auto older = two_migrations();
  older.pop_back();  // an older binary that knows only 0001
  Migrator m(db(), older, test_clock());
  auto applied = m.apply_pending();
  ASSERT_FALSE(applied.ok());
  EXPECT_EQ(applied.error().code, core::ErrorCode::kConflict);
  EXPECT_NE(applied.error().message.find("0002_second.sql"), std::string::npos)
      << applied.error().message;
  EXPECT_NE(applied.error().message.find("newer haven"), std::string::npos)
      << applied.error().message;

  auto st = m.status();
  ASSERT_TRUE(st.ok());
  ASSERT_EQ(st->size(), 2u);
  EXPECT_TRUE(st->back().unknown);
  EXPECT_EQ(st->back().name, "0002_second.sql");
  core::Status current = m.check_current();
  ASSERT_FALSE(current.ok());
  EXPECT_NE(current.error().message.find("0002_second.sql"), std::string::npos);
}

TEST_P(StoreMigrator, FailingMigrationIsRolledBackWholeAndNamed) {
  auto ms = two_migrations();
  ms.push_back(migration(3, "0003_broken.sql",
                         "CREATE TABLE m_broken (id INTEGER PRIMARY KEY);\n"
                         "INSERT INTO m_broken (id) VALUES (1);\n"
                         "INSERT INTO no_such_table (x) VALUES (1);"));
  auto applied = Migrator(db(), ms, test_clock()).apply_pending();
  ASSERT_FALSE(applied.ok());
  EXPECT_NE(applied.error().message.find("0003_broken.sql"), std::string::npos)
      << applied.error().message;
  EXPECT_NE(applied.error().message.find("no_such_table"), std::string::npos)
      << applied.error().message;
  // The two good ones stay applied; nothing of the broken one remains, not even its first table.
  EXPECT_TRUE(table_exists(db(), "m_second"));
  EXPECT_FALSE(table_exists(db(), "m_broken"));
  auto st = Migrator(db(), ms, test_clock()).status();
  ASSERT_TRUE(st.ok());
  EXPECT_TRUE((*st)[1].applied);
  EXPECT_FALSE((*st)[2].applied);
}

TEST_P(StoreMigrator, ConcurrentStartsApplyEachMigrationOnce) {
  // Several "processes" (separate Database objects, so separate connections) migrate at once.
  std::vector<Migration> ms;
  for (int i = 1; i <= 6; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%04d_step.sql", i);
    ms.push_back(migration(i, name,
                           "CREATE TABLE m_step" + std::to_string(i) +
                               " (id INTEGER PRIMARY KEY);\n"
                               "INSERT INTO m_step" +
                               std::to_string(i) + " (id) VALUES (1);"));
  }
  constexpr int kProcesses = 4;
  std::vector<std::unique_ptr<Database>> dbs;
  for (int p = 0; p < kProcesses; ++p) dbs.push_back(Database::open(test_db().url()));
  std::atomic<int> total{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int p = 0; p < kProcesses; ++p) {
    threads.emplace_back([&, p] {
      auto applied = Migrator(*dbs[p], ms, test_clock()).apply_pending();
      if (applied.ok()) {
        total += *applied;
      } else {
        ++failures;
        ADD_FAILURE() << applied.error().message;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(total, 6) << "each migration must be applied by exactly one process";
  for (int i = 1; i <= 6; ++i) {
    EXPECT_EQ(db().read([&](Tx& tx) {
      return tx.query_one("SELECT count(*) FROM m_step" + std::to_string(i))->integer(0);
    }),
              1);
  }
  for (auto& d : dbs) d->close();
}

TEST_P(StoreMigrator, TheEmbeddedMigrationsApplyAndAreCurrent) {
  Migrator m(db());
  auto applied = m.apply_pending();
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(*applied, static_cast<int>(embedded_migrations(db().backend()).size()));
  EXPECT_TRUE(m.check_current().ok());
  EXPECT_EQ(*Migrator(db()).apply_pending(), 0);
}

HAVEN_INSTANTIATE_BACKENDS(StoreMigrator);

}  // namespace
}  // namespace haven::store
