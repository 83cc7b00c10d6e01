// The migrations compiled into the binary: byte-exact copies of migrations/, checksummed, and the
// two dialects kept in step.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/migrator.h"

namespace haven::store {
namespace {

std::filesystem::path source_dir() {
  if (const char* dir = std::getenv("HAVEN_SOURCE_DIR")) return dir;
  // tests/unit/store/this_file.cpp → the repository root.
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(EmbeddedMigrations, AreOrderedAndStartWithTheBaseSchema) {
  for (Backend b : {Backend::kSqlite, Backend::kPostgres}) {
    const auto& ms = embedded_migrations(b);
    ASSERT_FALSE(ms.empty()) << backend_name(b);
    EXPECT_EQ(ms.front().number, 1);
    EXPECT_EQ(ms.front().name, "0001_base.sql");
    for (size_t i = 1; i < ms.size(); ++i) EXPECT_LT(ms[i - 1].number, ms[i].number);
  }
}

TEST(EmbeddedMigrations, BothDialectsHaveTheSameNumbersAndNames) {
  const auto& lite = embedded_migrations(Backend::kSqlite);
  const auto& pg = embedded_migrations(Backend::kPostgres);
  ASSERT_EQ(lite.size(), pg.size());
  for (size_t i = 0; i < lite.size(); ++i) {
    EXPECT_EQ(lite[i].number, pg[i].number);
    EXPECT_EQ(lite[i].name, pg[i].name);
  }
}

TEST(EmbeddedMigrations, AreByteExactCopiesOfTheFilesWithBlake2bChecksums) {
  for (auto [b, folder] :
       {std::pair{Backend::kSqlite, "sqlite"}, {Backend::kPostgres, "postgres"}}) {
    for (const Migration& m : embedded_migrations(b)) {
      auto path = source_dir() / "migrations" / folder / m.name;
      ASSERT_TRUE(std::filesystem::exists(path)) << path;
      EXPECT_EQ(m.sql, read_file(path)) << path << " differs from the embedded copy";
      EXPECT_EQ(m.checksum.size(), 64u);
      EXPECT_EQ(m.checksum, migration_checksum(m.sql));
    }
  }
}

TEST(MigrationChecksum, IsHexBlake2b256) {
  // BLAKE2b-256 of the empty string (RFC 7693 parameters, 32-byte digest).
  EXPECT_EQ(migration_checksum(""),
            "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_NE(migration_checksum("CREATE TABLE a (x INTEGER);"),
            migration_checksum("CREATE TABLE a (x INTEGER); "));
}

}  // namespace
}  // namespace haven::store
