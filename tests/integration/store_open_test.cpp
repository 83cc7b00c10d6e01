// Opening databases: what an operator sees when the file or server is wrong, SQLite's settings,
// and in-memory databases for tests.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "store/database.h"
#include "support/test_databases.h"

namespace haven::store {
namespace {

namespace fs = std::filesystem;

DatabaseUrl url(std::string_view text) {
  auto u = DatabaseUrl::parse(text);
  EXPECT_TRUE(u.ok());
  return *u;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "haven-open-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string operator/(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

TEST(StoreOpen, SqliteCreatesTheFileAndItsFolderAndSetsWalAndForeignKeys) {
  TempDir dir;
  const std::string path = dir / "nested/deeper/haven.db";
  auto db = Database::open(url("sqlite:" + path));
  EXPECT_TRUE(fs::exists(path));
  EXPECT_EQ(db->backend(), Backend::kSqlite);
  db->write([](Tx& tx) {
    EXPECT_EQ(tx.query_one("PRAGMA journal_mode")->text(0), "wal");
    EXPECT_EQ(tx.query_one("PRAGMA foreign_keys")->integer(0), 1);
    EXPECT_EQ(tx.query_one("PRAGMA synchronous")->integer(0), 2);  // FULL
    EXPECT_EQ(tx.query_one("PRAGMA busy_timeout")->integer(0), 5000);
  });
  db->read([](Tx& tx) { EXPECT_EQ(tx.query_one("PRAGMA foreign_keys")->integer(0), 1); });
}

TEST(StoreOpen, SqliteMakesNewFilesWith16KiBPagesAndOpensOlderFilesAsTheyAre) {
  TempDir dir;
  const std::string fresh = dir / "fresh.db";
  Database::open(url("sqlite:" + fresh))->write([](Tx& tx) {
    EXPECT_EQ(tx.query_one("PRAGMA page_size")->integer(0), 16384);
  });

  // A file made before (SQLite's default 4 KiB pages, WAL, one row) keeps its pages and its row.
  const std::string older = dir / "older.db";
  ASSERT_EQ(haven::testing::write_sqlite_file(
                older,
                "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; CREATE TABLE t (v TEXT); "
                "INSERT INTO t VALUES ('kept')"),
            "");
  auto db = Database::open(url("sqlite:" + older));
  db->write([](Tx& tx) {
    EXPECT_EQ(tx.query_one("PRAGMA page_size")->integer(0), 4096);
    tx.execute("INSERT INTO t VALUES ('added')");
  });
  db->read([](Tx& tx) {
    EXPECT_EQ(tx.query_one("SELECT group_concat(v, ',') FROM t")->text(0), "kept,added");
    EXPECT_EQ(tx.query_one("PRAGMA integrity_check")->text(0), "ok");
  });
}

TEST(StoreOpen, SqliteWithoutCreateRefusesAMissingFileNamingIt) {
  TempDir dir;
  const std::string path = dir / "missing.db";
  OpenOptions options;
  options.create = false;
  try {
    Database::open(url("sqlite:" + path), options);
    FAIL() << "opened a missing file";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUnavailable);
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(path));
}

TEST(StoreOpen, SqliteRefusesAFileThatIsNotADatabase) {
  TempDir dir;
  const std::string path = dir / "notes.txt";
  std::ofstream(path) << std::string(8192, 'x');
  try {
    Database::open(url("sqlite:" + path));
    FAIL() << "opened a text file as a database";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUnavailable);
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not a database"), std::string::npos) << e.what();
  }
}

TEST(StoreOpen, SqliteInMemoryReadersSeeTheWritersData) {
  auto db = Database::open(url("sqlite::memory:"));
  db->write([](Tx& tx) {
    tx.execute_script("CREATE TABLE t (x INTEGER)");
    tx.execute("INSERT INTO t (x) VALUES ($1)", params(5));
  });
  EXPECT_EQ(db->read([](Tx& tx) { return tx.query_one("SELECT x FROM t")->integer(0); }), 5);
}

TEST(StoreOpen, SqliteTwoDatabasesOnOneFileSerialiseWrites) {
  // Two processes' worth of connections: BEGIN IMMEDIATE plus the busy timeout serialise them.
  TempDir dir;
  const std::string path = dir / "shared.db";
  auto a = Database::open(url("sqlite:" + path));
  auto b = Database::open(url("sqlite:" + path));
  a->write([](Tx& tx) { tx.execute_script("CREATE TABLE t (x INTEGER)"); });
  std::vector<std::thread> threads;
  for (Database* d : {a.get(), b.get()}) {
    threads.emplace_back([d] {
      for (int i = 0; i < 100; ++i) {
        d->write([&](Tx& tx) { tx.execute("INSERT INTO t (x) VALUES ($1)", params(i)); });
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(a->read([](Tx& tx) { return tx.query_one("SELECT count(*) FROM t")->integer(0); }),
            200);
}

TEST(StoreOpen, PostgresUnreachableServerNamesTheMaskedUrlAndTheReason) {
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  const std::string text = "postgresql://haven:topsecret@127.0.0.1:1/haven";
  try {
    Database::open(url(text));
    FAIL() << "connected to nothing";
  } catch (const DbError& e) {
    std::string what = e.what();
    EXPECT_EQ(e.kind(), DbError::Kind::kUnavailable);
    EXPECT_NE(what.find("cannot connect to postgresql://haven:***@127.0.0.1:1/haven"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("refused"), std::string::npos) << what;
    EXPECT_EQ(what.find("topsecret"), std::string::npos) << "password leaked: " << what;
    core::Error err = to_error(e);
    EXPECT_EQ(err.code, core::ErrorCode::kUnavailable);
    EXPECT_EQ(err.message, "The database is not reachable right now; try again shortly.");
  }
}

TEST(StoreOpen, PostgresWrongDatabaseNameIsReported) {
  if (auto why = haven::testing::skip_reason(haven::testing::kPostgresBackend))
    GTEST_SKIP() << *why;
  auto base = DatabaseUrl::parse(std::getenv("HAVEN_TEST_PG_URL"));
  ASSERT_TRUE(base.ok());
  DatabaseUrl wrong = base->with_database("haven_no_such_database");
  try {
    Database::open(wrong);
    FAIL() << "connected to a database that does not exist";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUnavailable);
    EXPECT_NE(std::string(e.what()).find("haven_no_such_database"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace haven::store
