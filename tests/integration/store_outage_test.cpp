// PostgreSQL going away and coming back: while it is down every call fails with
// DbError(kUnavailable) (503 for a user), and afterwards the pool recovers without a haven restart.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "store/database.h"
#include "support/test_databases.h"

namespace haven::store {
namespace {

namespace fs = std::filesystem;
using haven::testing::kPostgresBackend;
using haven::testing::skip_reason;
using haven::testing::TestDatabase;

fs::path source_dir() {
  if (const char* dir = std::getenv("HAVEN_SOURCE_DIR")) return dir;
  return fs::path(__FILE__).parent_path().parent_path().parent_path();
}

int64_t count_rows(Database& db) {
  return db.read([](Tx& tx) { return tx.query_one("SELECT count(*) FROM t")->integer(0); });
}

void expect_unavailable(Database& db) {
  try {
    db.write([](Tx& tx) { tx.execute("INSERT INTO t (x) VALUES (0)"); });
    ADD_FAILURE() << "a write succeeded while the server was down";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUnavailable) << e.what();
    EXPECT_EQ(to_error(e).code, core::ErrorCode::kUnavailable);
  }
}

// A private PostgreSQL cluster (scripts/pg_cluster.sh) that this test may stop and start.
class PrivateCluster {
 public:
  PrivateCluster() {
    std::string pattern = (fs::temp_directory_path() / "haven-outage-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
    script_ = (source_dir() / "scripts" / "pg_cluster.sh").string();
  }
  ~PrivateCluster() {
    run("stop");
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  bool run(const char* action) const {
    std::string cmd = "'" + script_ + "' " + action + " '" + dir_ + "' >/dev/null";
    return std::system(cmd.c_str()) == 0;
  }
  std::string url() const {
    std::ifstream in(dir_ + "/url");
    std::string u;
    std::getline(in, u);
    return u;
  }
  const std::string& script() const { return script_; }

 private:
  std::string dir_;
  std::string script_;
};

TEST(StoreOutage, PostgresRestartGivesUnavailableThenRecoversByItself) {
  if (auto why = skip_reason(kPostgresBackend)) GTEST_SKIP() << *why;
  PrivateCluster cluster;
  ASSERT_TRUE(fs::exists(cluster.script())) << cluster.script();
  ASSERT_TRUE(cluster.run("start")) << "could not start a private cluster";
  auto parsed = DatabaseUrl::parse(cluster.url());
  ASSERT_TRUE(parsed.ok());
  OpenOptions options;
  options.pool_size = 3;
  auto db = Database::open(*parsed, options);
  db->write([](Tx& tx) { tx.execute_script("CREATE TABLE t (x INTEGER)"); });
  // Fill the pool with several connections, all of which the restart will break.
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back(
        [&] { db->write([](Tx& tx) { tx.execute("INSERT INTO t (x) VALUES (1)"); }); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(count_rows(*db), 3);

  ASSERT_TRUE(cluster.run("stop"));
  for (int i = 0; i < 4; ++i) expect_unavailable(*db);  // every pooled connection, and new ones
  EXPECT_FALSE(db->ping());

  ASSERT_TRUE(cluster.run("start")) << "could not restart the private cluster";
  // The very first call after the restart already works: stale connections are replaced.
  db->write([](Tx& tx) { tx.execute("INSERT INTO t (x) VALUES (2)"); });
  EXPECT_TRUE(db->ping());
  EXPECT_EQ(count_rows(*db), 4);
  for (int i = 0; i < 6; ++i) db->read([](Tx& tx) { tx.query("SELECT x FROM t"); });
  db->close();
}

TEST(StoreOutage, PostgresKilledSessionsAreReplacedTransparently) {
  if (auto why = skip_reason(kPostgresBackend)) GTEST_SKIP() << *why;
  std::unique_ptr<TestDatabase> t;
  try {
    t = TestDatabase::create(kPostgresBackend);
  } catch (const std::exception& e) {
    FAIL() << e.what();
  }
  Database& db = t->db();
  db.write([](Tx& tx) { tx.execute_script("CREATE TABLE t (x INTEGER)"); });
  db.write([](Tx& tx) { tx.execute("INSERT INTO t (x) VALUES (1)"); });

  // An administrator (or a failover) ends every session of this database except a fresh one.
  auto killer = Database::open(t->url());
  killer->write([](Tx& tx) {
    tx.query(
        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()",
        {});
  });
  killer->close();

  // The pooled connection is dead; the next transaction notices at BEGIN and reconnects.
  db.write([](Tx& tx) { tx.execute("INSERT INTO t (x) VALUES (2)"); });
  EXPECT_EQ(count_rows(db), 2);
}

}  // namespace
}  // namespace haven::store
