// The key ring: derived data keys, purpose keys, the master-key fingerprint, and loading and
// creating the master key file with safe permissions.
#include "security/key_ring.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "security/encoding.h"

namespace haven::security {
namespace {

Secret fixed_master(uint8_t fill = 7) {
  Secret s(32);
  for (size_t i = 0; i < 32; ++i) s.data()[i] = static_cast<uint8_t>(fill + i);
  return s;
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/haven-keyring-XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

TEST(KeyRing, DerivesDistinctStableKeysPerId) {
  auto a = KeyRing::derive(fixed_master(), 3);
  auto b = KeyRing::derive(fixed_master(), 3);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->active_id(), 3u);
  for (uint32_t id = 1; id <= 3; ++id) {
    ASSERT_TRUE(a->has_key(id));
    EXPECT_EQ(to_hex(a->data_key(id)->bytes()), to_hex(b->data_key(id)->bytes()))
        << "deterministic";
  }
  EXPECT_NE(to_hex(a->data_key(1)->bytes()), to_hex(a->data_key(2)->bytes()));
  EXPECT_FALSE(a->has_key(4));
  EXPECT_EQ(a->data_key(4), nullptr);
  EXPECT_EQ(a->data_key(0), nullptr);
}

TEST(KeyRing, RetiredKeysAreGone) {
  auto r = KeyRing::derive(fixed_master(), 5, 4);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_key(3));
  EXPECT_TRUE(r->has_key(4));
  EXPECT_TRUE(r->has_key(5));
}

TEST(KeyRing, RejectsBadMasterKeysAndIds) {
  EXPECT_FALSE(KeyRing::derive(Secret::random(16), 1).ok());
  EXPECT_FALSE(KeyRing::derive(fixed_master(), 0).ok());
  EXPECT_FALSE(KeyRing::derive(fixed_master(), 2, 3).ok());
  EXPECT_FALSE(KeyRing::derive(fixed_master(), 10'000, 1).ok());
}

TEST(KeyRing, PurposeKeysDifferFromEachOtherAndFromDataKeys) {
  auto r = KeyRing::derive(fixed_master(), 1);
  ASSERT_TRUE(r.ok());
  std::string bix = to_hex(r->purpose_key("havenbix").bytes());
  std::string csr = to_hex(r->purpose_key("havencsr").bytes());
  EXPECT_NE(bix, csr);
  EXPECT_NE(bix, to_hex(r->data_key(1)->bytes()));
  EXPECT_THROW(r->purpose_key("short"), std::invalid_argument);
}

TEST(KeyRing, FingerprintTellsAWrongMasterKeyAndRevealsNoKey) {
  auto right = KeyRing::derive(fixed_master(1), 1);
  auto wrong = KeyRing::derive(fixed_master(2), 1);
  ASSERT_TRUE(right.ok() && wrong.ok());
  std::string fp = right->fingerprint();
  EXPECT_EQ(fp.rfind("kcv1:", 0), 0u);
  EXPECT_EQ(fp.size(), 5u + 32u);
  EXPECT_TRUE(right->check_fingerprint(fp).ok());
  auto s = wrong->check_fingerprint(fp);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("not the one this database was encrypted with"),
            std::string::npos);
  EXPECT_EQ(fp.find(to_hex(fixed_master(1).bytes()).substr(0, 8)), std::string::npos);
}

TEST(MasterKey, ParsesBase64AndHexWithSurroundingWhitespace) {
  Secret m = fixed_master();
  std::string b64 = to_base64(m.bytes());
  std::string hex = to_hex(m.bytes());
  for (const std::string& text : {b64, b64 + "\n", "  " + hex + "\r\n", to_base64url(m.bytes())}) {
    auto k = parse_master_key(text, "test");
    ASSERT_TRUE(k.ok()) << text;
    EXPECT_EQ(to_hex(k->bytes()), hex);
  }
}

TEST(MasterKey, WrongLengthIsRefusedWithoutEchoingTheValue) {
  auto k = parse_master_key("c2hvcnQga2V5", "HAVEN_MASTER_KEY");
  ASSERT_FALSE(k.ok());
  EXPECT_NE(k.error().message.find("HAVEN_MASTER_KEY"), std::string::npos);
  EXPECT_EQ(k.error().message.find("c2hvcnQga2V5"), std::string::npos);
  EXPECT_FALSE(parse_master_key("", "x").ok());
  EXPECT_FALSE(parse_master_key(std::string(64, 'z'), "x").ok());
}

TEST(MasterKey, GeneratedFileIsMode0600AndReadsBack) {
  TempDir dir;
  std::string path = dir.file("master.key");
  ASSERT_TRUE(generate_master_key_file(path).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto k = read_master_key_file(path);
  ASSERT_TRUE(k.ok()) << k.error().message;
  EXPECT_EQ(k->size(), 32u);
  EXPECT_TRUE(KeyRing::derive(*k, 1).ok());
}

TEST(MasterKey, NeverOverwritesAnExistingKeyFile) {
  TempDir dir;
  std::string path = dir.file("master.key");
  ASSERT_TRUE(generate_master_key_file(path).ok());
  auto before = read_master_key_file(path);
  ASSERT_TRUE(before.ok());
  auto again = generate_master_key_file(path);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  auto after = read_master_key_file(path);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(to_hex(before->bytes()), to_hex(after->bytes()));
}

TEST(MasterKey, RefusesAFileOthersCanReadAndSaysHowToFixIt) {
  TempDir dir;
  std::string path = dir.file("master.key");
  ASSERT_TRUE(generate_master_key_file(path).ok());
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto k = read_master_key_file(path);
  ASSERT_FALSE(k.ok());
  EXPECT_NE(k.error().message.find("mode 0644"), std::string::npos) << k.error().message;
  EXPECT_NE(k.error().message.find("chmod 600 " + path), std::string::npos);
  ASSERT_EQ(::chmod(path.c_str(), 0640), 0);
  EXPECT_FALSE(read_master_key_file(path).ok()) << "group-readable is refused too";
  ASSERT_EQ(::chmod(path.c_str(), 0400), 0);
  EXPECT_TRUE(read_master_key_file(path).ok()) << "owner read-only is fine";
}

TEST(MasterKey, MissingFileAndDirectoryAreClearErrors) {
  TempDir dir;
  auto k = read_master_key_file(dir.file("nope.key"));
  ASSERT_FALSE(k.ok());
  EXPECT_EQ(k.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(k.error().message.find("haven keys init"), std::string::npos);
  EXPECT_FALSE(read_master_key_file(dir.file("")).ok()) << "a directory is not a key file";
  EXPECT_FALSE(generate_master_key_file(dir.file("no/such/dir/master.key")).ok());
}

TEST(MasterKey, FileWithGarbageIsRefused) {
  TempDir dir;
  std::string path = dir.file("garbage.key");
  {
    std::ofstream out(path);
    out << "this is not a key\n";
  }
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  auto k = read_master_key_file(path);
  ASSERT_FALSE(k.ok());
  EXPECT_EQ(k.error().message.find("this is not a key"), std::string::npos);
}

TEST(MasterKey, ReadsFromTheEnvironment) {
  Secret m = fixed_master(9);
  // The test is single-threaded here; the environment is shared process state.
  ::unsetenv(kMasterKeyEnvVar);  // NOLINT(concurrency-mt-unsafe)
  EXPECT_EQ(master_key_from_environment().error().code, core::ErrorCode::kNotFound);
  ::setenv(kMasterKeyEnvVar, to_hex(m.bytes()).c_str(), 1);  // NOLINT(concurrency-mt-unsafe)
  auto k = master_key_from_environment();
  ::unsetenv(kMasterKeyEnvVar);  // NOLINT(concurrency-mt-unsafe)
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(to_hex(k->bytes()), to_hex(m.bytes()));
}

}  // namespace
}  // namespace haven::security
