// The mapped VFS: a connection reading through it sees exactly what other connections wrote, while
// the file grows past its mapped regions and after it shrinks under them, and it does read from
// its mappings (else the server would silently be back on a system call per page) — both ways
// SQLite reads through it: pages copied from the mappings (xRead), and pages read in place
// (xFetch, which the server's connections use: PRAGMA mmap_size above 0).
#include "store/sqlite/mapped_vfs.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

namespace haven::store::sqlite {
namespace {

namespace fs = std::filesystem;

struct Close {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, Close>;

// The text row `i` holds: 3,000 bytes, different for every row.
std::string payload(int i) {
  std::string s = "row " + std::to_string(i) + ":";
  while (s.size() < 3000) s += static_cast<char>('a' + (s.size() * 7 + i) % 26);
  return s;
}

// The parameter: whether the reader reads pages in place.
class MappedVfsTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "haven-vfs-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = dir_ + "/t.db";
    writer_ = open(path_);
    exec(writer_.get(), "PRAGMA journal_mode=WAL; CREATE TABLE t (i INTEGER PRIMARY KEY, b TEXT)");
    reader_ = open(path_);
    // A tiny page cache, so that every pass reads its pages from the file again.
    exec(reader_.get(), "PRAGMA cache_size = 8");
    if (GetParam()) exec(reader_.get(), "PRAGMA mmap_size = 1073741824");
  }
  void TearDown() override {
    reader_.reset();
    writer_.reset();
    fs::remove_all(dir_);
  }

  static Db open(const std::string& path) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                   mapped_vfs());
    Db db(raw);
    EXPECT_EQ(rc, SQLITE_OK) << sqlite3_errmsg(raw);
    return db;
  }
  static void exec(sqlite3* db, const std::string& sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    ASSERT_EQ(rc, SQLITE_OK) << (error ? error : "") << " in " << sql;
  }

  // Rows [from, to) in one transaction, then a checkpoint that moves them into the file itself.
  void insert(int from, int to) {
    exec(writer_.get(), "BEGIN");
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(writer_.get(), "INSERT INTO t VALUES (?, ?)", -1, &st, nullptr),
              SQLITE_OK);
    for (int i = from; i < to; ++i) {
      const std::string b = payload(i);
      sqlite3_bind_int(st, 1, i);
      sqlite3_bind_text(st, 2, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
      ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
      sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    exec(writer_.get(), "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)");
  }

  // Checks every row the reader sees against what was written; returns how many there are.
  int verify() {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(reader_.get(), "SELECT i, b FROM t ORDER BY i", -1, &st, nullptr),
              SQLITE_OK);
    int rows = 0;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const int i = sqlite3_column_int(st, 0);
      const std::string b(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                          static_cast<size_t>(sqlite3_column_bytes(st, 1)));
      if (b != payload(i)) ADD_FAILURE() << "row " << i << " reads back different bytes";
      ++rows;
    }
    EXPECT_EQ(rc, SQLITE_DONE) << sqlite3_errmsg(reader_.get());
    sqlite3_finalize(st);
    return rows;
  }

  size_t file_size() const { return static_cast<size_t>(fs::file_size(path_)); }

  std::string dir_;
  std::string path_;
  Db writer_;
  Db reader_;
};

TEST_P(MappedVfsTest, ReadsWhatAnotherConnectionWroteWhileTheFileGrowsPastItsMappedRegions) {
  int rows = 0;
  // 12 steps of 1.2 MB: the file passes the ends of the 1, 2, 4 and 8 MiB regions, and each
  // pass reads pages written since the last, some beyond the regions already mapped.
  for (int step = 0; step < 12; ++step) {
    insert(rows, rows + 400);
    rows += 400;
    const MappedReads before = mapped_reads_on_this_thread();
    ASSERT_EQ(verify(), rows) << "after step " << step;
    const MappedReads after = mapped_reads_on_this_thread();
    if (file_size() >= (size_t{2} << 20)) {
      const uint64_t read =
          GetParam() ? after.fetched - before.fetched : after.mapped - before.mapped;
      EXPECT_GT(read, 0u) << "at " << file_size() << " bytes, step " << step;
    }
  }
  EXPECT_GT(file_size(), size_t{12} << 20);
}

TEST_P(MappedVfsTest, ReadsCorrectlyAfterTheFileShrankUnderItsMappingsAndGrewAgain) {
  insert(0, 3000);  // about 10 MB: regions up to 8 MiB mapped
  ASSERT_EQ(verify(), 3000);
  const size_t large = file_size();

  // Another program empties most of the table and vacuums: the file shrinks below the mapped
  // regions. A read of their pages now would be past the end of the file (SIGBUS).
  exec(writer_.get(), "DELETE FROM t WHERE i >= 100; VACUUM; PRAGMA wal_checkpoint(TRUNCATE)");
  ASSERT_LT(file_size(), large / 10);
  EXPECT_EQ(verify(), 100);

  // And grows again over the regions still mapped from before.
  insert(100, 3000);
  EXPECT_EQ(verify(), 3000);
}

TEST_P(MappedVfsTest, AFileCutShortByAnotherProgramIsAnErrorNotACrash) {
  insert(0, 3000);  // about 10 MB: regions up to 8 MiB mapped
  ASSERT_EQ(verify(), 3000);
  // Cut to 1.5 MiB behind SQLite's back (a broken disk, a careless copy): the rows' pages past it
  // are gone. Read from a mapping, they would raise SIGBUS and end the process.
  fs::resize_file(path_, size_t{3} << 19);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(reader_.get(), "SELECT count(*), sum(length(b)) FROM t", -1, &st, nullptr),
      SQLITE_OK);
  const int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  EXPECT_EQ(rc, SQLITE_CORRUPT) << sqlite3_errstr(rc);
}

TEST_P(MappedVfsTest, TheDefaultVfsAndTheMappedOneReadTheSameDatabase) {
  insert(0, 1000);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  Db plain(raw);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(plain.get(), "SELECT count(*), sum(length(b)) FROM t", -1, &st, nullptr),
      SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 1000);
  EXPECT_EQ(sqlite3_column_int64(st, 1), 3'000'000);
  sqlite3_finalize(st);
  EXPECT_EQ(verify(), 1000);
}

INSTANTIATE_TEST_SUITE_P(Reads, MappedVfsTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& param) {
                           return param.param ? "InPlace" : "Copied";
                         });

}  // namespace
}  // namespace haven::store::sqlite
