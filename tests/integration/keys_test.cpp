// Encryption at rest on both databases: TOTP secrets are stored only as ciphertexts bound to their
// row, a ciphertext copied to another row does not decrypt, a wrong or missing master key is refused
// at start, and `keys rotate` re-encrypts in batches, can stop and resumes.
#include <gtest/gtest.h>

#include <filesystem>

#include "identity_fixture.h"
#include "store/repositories/user_repository.h"

namespace haven::testing {
namespace {

class KeysTest : public IdentityTest {
 protected:
  // Starts TOTP enrolment for a new user through the service; returns the user id.
  std::string enrolled_user(const std::string& name) {
    const std::string id = add_user(name, "caseworker");
    auto view = app().users.view(id);
    service::Authenticated who;
    who.user = *view;
    auto e = app().users.begin_totp_enrollment(who);
    EXPECT_TRUE(e.ok());
    return id;
  }
  store::Blob secret_ct(const std::string& id) {
    return db().read([&](store::Tx& tx) { return *store::UserRepository::find(tx, id)->totp_secret_ct; });
  }
};

TEST_P(KeysTest, TotpSecretIsStoredEncryptedAndBoundToItsRow) {
  const std::string a = enrolled_user("anna"), b = enrolled_user("bertil");
  const store::Blob ct_a = secret_ct(a);
  EXPECT_EQ(ct_a.bytes.size(), security::kFieldCipherOverhead + 20);
  EXPECT_EQ(ct_a.bytes[0], security::kFieldCipherVersion);
  ASSERT_TRUE(app().users.totp_secret(a, ct_a).ok());
  // Copy anna's ciphertext into bertil's row: it must not decrypt there.
  db().write([&](store::Tx& tx) {
    tx.execute("UPDATE users SET totp_secret = $1 WHERE id = $2", store::params(ct_a, b));
  });
  auto moved = app().users.totp_secret(b, secret_ct(b));
  ASSERT_FALSE(moved.ok());
  EXPECT_NE(moved.error().message.find("users.totp_secret"), std::string::npos) << moved.error().message;
}

TEST_P(KeysTest, WrongOrMissingMasterKeyIsRefusedAtStart) {
  const std::string good = test_db().scratch_path("good.key");
  const std::string other = test_db().scratch_path("other.key");
  auto first = service::KeyService::open_ring(db(), *clock_, good, /*may_create=*/true);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->created);
  EXPECT_TRUE(first->recorded_fingerprint);
  // Same key again: fine, nothing recorded anew.
  auto again = service::KeyService::open_ring(db(), *clock_, good, false);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->recorded_fingerprint);
  // Another key: refused, naming the fingerprints.
  ASSERT_TRUE(security::generate_master_key_file(other).ok());
  auto wrong = service::KeyService::open_ring(db(), *clock_, other, true);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("wrong master key"), std::string::npos) << wrong.error().message;
  EXPECT_NE(wrong.error().message.find(first->ring->fingerprint()), std::string::npos);
  // No key at all, even when creation is allowed: refused (a new key would orphan the data).
  std::filesystem::remove(good);
  auto missing = service::KeyService::open_ring(db(), *clock_, good, true);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find(first->ring->fingerprint()), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(good)) << "a new key was written over the lost one";
}

TEST_P(KeysTest, RotationReencryptsInBatchesStopsAndResumes) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(enrolled_user("user" + std::to_string(i)));
  std::atomic<bool> stop{false};
  int batches = 0;
  auto first = app().keys.rotate(2, [&](const service::RotationProgress&) {
    if (++batches == 1) stop = true;  // Ctrl-C after the first batch
  }, &stop);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_FALSE(first->completed);
  EXPECT_EQ(first->reencrypted, 0);  // counted per column at the end
  int on_new_key = 0;
  for (const auto& id : ids) on_new_key += security::FieldCipher::key_id_of(secret_ct(id).bytes) == 2u;
  EXPECT_EQ(on_new_key, 2) << "the first batch of two should have moved";
  // Every secret still decrypts mid-rotation.
  for (const auto& id : ids) EXPECT_TRUE(app().users.totp_secret(id, secret_ct(id)).ok());

  auto resumed = app().keys.rotate(2, {}, nullptr);
  ASSERT_TRUE(resumed.ok()) << resumed.error().message;
  EXPECT_TRUE(resumed->completed);
  EXPECT_EQ(resumed->to_key_id, 2u);
  for (const auto& id : ids) {
    EXPECT_EQ(security::FieldCipher::key_id_of(secret_ct(id).bytes), 2u);
    EXPECT_TRUE(app().users.totp_secret(id, secret_ct(id)).ok());
  }
  EXPECT_EQ(app().keys.ring()->oldest_id(), 2u);
}

HAVEN_INSTANTIATE_BACKENDS(KeysTest);

}  // namespace
}  // namespace haven::testing
