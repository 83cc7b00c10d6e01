// Instance keys, key files and the trust list as an operator meets them: secret files of mode 0600
// that are never overwritten and refused when others may read them, keys that load back and sign
// as before, and a trust list that survives a save and refuses the same authority twice.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "exchange/instance_keys.h"
#include "exchange/key_file.h"
#include "exchange/trust_list.h"

namespace haven::exchange {
namespace {

namespace fs = std::filesystem;

class ExchangeKeys : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("haven_exchange_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const char* name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

unsigned mode_of(const std::string& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

TEST_F(ExchangeKeys, SavedKeysLoadBackWithSecretFilesOnlyTheOwnerMayRead) {
  const auto keys = InstanceKeys::generate("SE", "Socialstyrelsen", "https://se.example/inbox");
  ASSERT_TRUE(keys.save(dir_.string()).ok());
  EXPECT_EQ(mode_of(path("signing.key")), 0600u);
  EXPECT_EQ(mode_of(path("encryption.key")), 0600u);
  auto loaded = InstanceKeys::load(dir_.string());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->identity().signing_key, keys.identity().signing_key);
  EXPECT_EQ(loaded->identity().encryption_key, keys.identity().encryption_key);
  EXPECT_EQ(loaded->identity().authority, "Socialstyrelsen");
  // identity.json holds only public keys: neither secret appears in it.
  std::ifstream in(path("identity.json"));
  const std::string identity((std::istreambuf_iterator<char>(in)), {});
  const std::string sk = to_base64(std::string_view(
      reinterpret_cast<const char*>(keys.signing_secret().data()), keys.signing_secret().size()));
  EXPECT_EQ(identity.find(sk.substr(0, 20)), std::string::npos);
}

TEST_F(ExchangeKeys, KeysAreNeverOverwritten) {
  ASSERT_TRUE(InstanceKeys::generate("SE", "A", "").save(dir_.string()).ok());
  const auto second = InstanceKeys::generate("SE", "A", "").save(dir_.string());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, core::ErrorCode::kConflict);
}

TEST_F(ExchangeKeys, RefusesAKeyFileOthersMayReadOrOfTheWrongLength) {
  ASSERT_TRUE(InstanceKeys::generate("SE", "A", "").save(dir_.string()).ok());
  ::chmod(path("signing.key").c_str(), 0644);
  auto open_file = InstanceKeys::load(dir_.string());
  ASSERT_FALSE(open_file.ok());
  EXPECT_NE(open_file.error().message.find("chmod 600"), std::string::npos);

  {
    std::ofstream out(path("short.key"));
    out << to_base64("sixteen bytes!!!") << "\n";
  }
  ::chmod(path("short.key").c_str(), 0600);
  auto short_key = read_key_file(path("short.key"), "linkage secret", 32);
  ASSERT_FALSE(short_key.ok());
  EXPECT_EQ(short_key.error().message,
            "The linkage secret in " + path("short.key") + " must be 32 bytes; this one has 16.");
  EXPECT_FALSE(read_key_file(path("missing.key"), "linkage secret", 32).ok());
}

TEST_F(ExchangeKeys, TrustListSurvivesASaveAndRefusesTheSameAuthorityTwice) {
  const auto lv =
      InstanceKeys::generate("LV", "Inspekcija \"bērni\" \\ Rīga", "https://lv.example");
  const auto lt = InstanceKeys::generate("LT", "Tarnyba", "");
  TrustList list;
  ASSERT_TRUE(list.add(lv.identity()).ok());
  ASSERT_TRUE(list.add(lt.identity()).ok());
  EXPECT_EQ(list.add(lv.identity()).error().code, core::ErrorCode::kConflict);
  Identity bad = lt.identity();
  bad.authority = "Other";
  bad.inbox_url = "http://lt.example/inbox";
  EXPECT_EQ(list.add(bad).error().code, core::ErrorCode::kInvalidInput);  // not https
  ASSERT_TRUE(list.save(path("trust.toml")).ok());

  auto loaded = TrustList::load(path("trust.toml"));
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  ASSERT_EQ(loaded->partners().size(), 2u);
  const Identity* found = loaded->find("Inspekcija \"bērni\" \\ Rīga");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->signing_key, lv.identity().signing_key);
  EXPECT_EQ(found->inbox_url, "https://lv.example");
  ASSERT_TRUE(loaded->remove("Tarnyba").ok());
  EXPECT_EQ(loaded->remove("Tarnyba").error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(loaded->partners().size(), 1u);
}

TEST_F(ExchangeKeys, AMissingTrustListIsEmptyAndABrokenOneIsNamed) {
  auto none = TrustList::load(path("none.toml"));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->partners().empty());
  fs::create_directories(dir_);
  {
    std::ofstream out(path("broken.toml"));
    out << "[[partner]]\ncountry = \"LV\"\n";
  }
  auto broken = TrustList::load(path("broken.toml"));
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("broken.toml"), std::string::npos);
}

}  // namespace
}  // namespace haven::exchange
