// Backup and restore on both backends: a backup taken while another thread writes restores into an
// empty database with every row it had, intact; existing files and non-empty targets are refused.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "store/backup.h"
#include "store/migrator.h"
#include "support/test_databases.h"

namespace haven::store {
namespace {

using haven::testing::DatabaseTest;
using haven::testing::TestDatabase;
using haven::testing::TestDatabaseOptions;

TestDatabaseOptions empty_database() {
  TestDatabaseOptions o;
  o.migrate = false;
  return o;
}

// Rows of a fixed shape (a 200-character value, created_at = i), so a torn copy would show.
void insert_setting(Tx& tx, int i) {
  tx.execute("INSERT INTO settings (key, value, created_at, updated_at) VALUES ($1, $2, $3, $3)",
             params("k" + std::to_string(i), std::string(200, static_cast<char>('a' + i % 26)), i));
}

int64_t count_settings(Database& db) {
  return db.read([](Tx& tx) { return tx.query_one("SELECT count(*) FROM settings")->integer(0); });
}

class StoreBackup : public DatabaseTest {};

TEST_P(StoreBackup, BackupWhileWritingRestoresAConsistentCopy) {
  constexpr int kBefore = 2000;
  db().write([](Tx& tx) {
    for (int i = 0; i < kBefore; ++i) insert_setting(tx, i);
  });

  std::atomic<bool> stop{false};
  std::atomic<int> written{kBefore};
  std::thread writer([&] {
    while (!stop) {
      int i = written;
      db().write([&](Tx& tx) { insert_setting(tx, i); });
      written = i + 1;
    }
  });
  const std::string file = test_db().scratch_path("snapshot.backup");
  auto report = backup_database(test_db().url(), file);
  stop = true;
  writer.join();
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_GT(report->bytes, 0);
  EXPECT_EQ(report->bytes, static_cast<int64_t>(std::filesystem::file_size(file)));
  EXPECT_FALSE(report->method.empty());
  EXPECT_FALSE(report->integrity.empty());
  EXPECT_GT(written.load(), kBefore) << "the writer never ran during the backup";

  auto target = another_database(empty_database());
  target->close();
  auto restored = restore_database(file, target->url());
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  Database& copy = target->reopen();

  int64_t rows = count_settings(copy);
  EXPECT_GE(rows, kBefore);
  EXPECT_LE(rows, written.load());
  // Every row is whole, and the keys are exactly k0..k(rows-1): a snapshot, not a torn copy.
  auto bad = copy.read([](Tx& tx) {
    return tx.query_one("SELECT count(*) FROM settings WHERE length(value) <> 200")->integer(0);
  });
  EXPECT_EQ(bad, 0);
  auto max_created = copy.read(
      [](Tx& tx) { return tx.query_one("SELECT max(created_at) FROM settings")->integer(0); });
  EXPECT_EQ(max_created, rows - 1);
  if (copy.backend() == Backend::kSqlite) {
    EXPECT_EQ(copy.read([](Tx& tx) { return tx.query_one("PRAGMA integrity_check")->text(0); }),
              "ok");
  }
  // The restored database has the schema's history too, so it is current for this binary.
  EXPECT_TRUE(Migrator(copy).check_current().ok());
}

TEST_P(StoreBackup, RefusesToOverwriteAnExistingFileUnlessForced) {
  const std::string file = test_db().scratch_path("exists.backup");
  std::ofstream(file) << "precious";
  auto refused = backup_database(test_db().url(), file);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find(file), std::string::npos) << refused.error().message;
  std::ifstream in(file);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(content, "precious");

  auto forced = backup_database(test_db().url(), file, /*force=*/true);
  ASSERT_TRUE(forced.ok()) << forced.error().message;
  EXPECT_GT(std::filesystem::file_size(file), 8u);
}

TEST_P(StoreBackup, RestoreIntoANonEmptyDatabaseIsRefused) {
  db().write([](Tx& tx) { insert_setting(tx, 1); });
  const std::string file = test_db().scratch_path("one.backup");
  ASSERT_TRUE(backup_database(test_db().url(), file).ok());

  auto occupied = another_database();  // migrated: has tables
  occupied->db().write([](Tx& tx) { insert_setting(tx, 7); });
  auto refused = restore_database(file, occupied->url());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("not empty"), std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find(occupied->url().masked()), std::string::npos)
      << refused.error().message;
  auto key =
      occupied->db().read([](Tx& tx) { return tx.query_one("SELECT key FROM settings")->text(0); });
  EXPECT_EQ(key, "k7") << "the target was changed by a refused restore";
}

TEST_P(StoreBackup, RestoreOfAFileThatIsNotABackupIsRefusedNamingIt) {
  const std::string file = test_db().scratch_path("garbage.backup");
  std::ofstream(file) << std::string(4096, 'g');
  auto target = another_database(empty_database());
  target->close();
  auto refused = restore_database(file, target->url());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find(file), std::string::npos) << refused.error().message;

  auto missing = restore_database(test_db().scratch_path("nope.backup"), target->url());
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("does not exist"), std::string::npos);
}

TEST_P(StoreBackup, BackupIntoAMissingFolderIsRefused) {
  auto refused = backup_database(test_db().url(), test_db().scratch_path("no/such/dir/x.backup"));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("does not exist"), std::string::npos)
      << refused.error().message;
}

HAVEN_INSTANTIATE_BACKENDS(StoreBackup);

TEST(StoreBackupSqlite, ABackupWith4KiBPagesRestoresIntoAnEmptyDatabaseHavenMade) {
  // Backups made before haven created its files with 16 KiB pages hold 4 KiB pages; an empty
  // database haven opened since is in WAL mode with 16 KiB pages.
  auto source = TestDatabase::create(haven::testing::kSqliteBackend, empty_database());
  const std::string file = source->scratch_path("old.backup");
  ASSERT_EQ(haven::testing::write_sqlite_file(
                file,
                "PRAGMA page_size=4096; CREATE TABLE settings_then (v TEXT); "
                "INSERT INTO settings_then VALUES ('from the old backup')"),
            "");
  auto target = TestDatabase::create(haven::testing::kSqliteBackend, empty_database());
  target->close();

  auto restored = restore_database(file, target->url());
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  Database& copy = target->reopen();
  copy.read([](Tx& tx) {
    EXPECT_EQ(tx.query_one("SELECT v FROM settings_then")->text(0), "from the old backup");
    EXPECT_EQ(tx.query_one("PRAGMA page_size")->integer(0), 4096);
    EXPECT_EQ(tx.query_one("PRAGMA journal_mode")->text(0), "wal");
    EXPECT_EQ(tx.query_one("PRAGMA integrity_check")->text(0), "ok");
  });
}

}  // namespace
}  // namespace haven::store
