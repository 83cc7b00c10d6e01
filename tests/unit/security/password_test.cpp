// Argon2id hashing and the password policy, as a person setting or guessing a password meets them.
#include "security/password.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "source_dir.h"

namespace haven::security {
namespace {

const PasswordHasher& fast_hasher() {
  static const PasswordHasher h(PasswordHashParams::minimum_for_tests());
  return h;
}

bool has_field_message(const core::Status& s, std::string_view needle) {
  if (s.ok()) return false;
  for (const auto& f : s.error().fields) {
    if (f.field == "password" && f.message.find(needle) != std::string::npos) return true;
  }
  return false;
}

TEST(PasswordHasher, VerifiesTheRightPasswordAndRejectsAnyOther) {
  auto h = fast_hasher().hash("correct horse battery staple");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u) << "must be Argon2id";
  EXPECT_TRUE(fast_hasher().verify("correct horse battery staple", *h));
  EXPECT_FALSE(fast_hasher().verify("correct horse battery stapl", *h));
  EXPECT_FALSE(fast_hasher().verify("Correct horse battery staple", *h));
  EXPECT_FALSE(fast_hasher().verify("", *h));
}

TEST(PasswordHasher, SamePasswordHashesDifferentlyEachTime) {
  auto a = fast_hasher().hash("the same password twice");
  auto b = fast_hasher().hash("the same password twice");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b) << "a fresh salt per hash";
}

TEST(PasswordHasher, HashDoesNotContainThePassword) {
  auto h = fast_hasher().hash("plaintext-visible?");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->find("plaintext"), std::string::npos);
}

TEST(PasswordHasher, MalformedOrForeignStoredHashNeverVerifies) {
  EXPECT_FALSE(fast_hasher().verify("x", ""));
  EXPECT_FALSE(fast_hasher().verify("x", "not a hash"));
  EXPECT_FALSE(fast_hasher().verify("x", "$2y$10$abcdefghijklmnopqrstuv"));  // bcrypt
  EXPECT_FALSE(fast_hasher().verify("x", std::string(500, 'a')));
}

TEST(PasswordHasher, RejectsOverlongPasswordsWithoutHashingThem) {
  std::string huge(kMaxPasswordBytes + 1, 'a');
  auto h = fast_hasher().hash(huge);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().code, core::ErrorCode::kInvalidInput);
  auto ok = fast_hasher().hash(std::string(kMaxPasswordBytes, 'a'));
  ASSERT_TRUE(ok.ok());
  EXPECT_FALSE(fast_hasher().verify(huge, *ok));
}

TEST(PasswordHasher, AskForRehashWhenParametersChange) {
  auto weak = fast_hasher().hash("a password hashed with weak params");
  ASSERT_TRUE(weak.ok());
  EXPECT_FALSE(fast_hasher().needs_rehash(*weak));
  PasswordHashParams stronger = PasswordHashParams::minimum_for_tests();
  stronger.opslimit += 1;
  PasswordHasher upgraded(stronger);
  EXPECT_TRUE(upgraded.needs_rehash(*weak));
  EXPECT_TRUE(upgraded.needs_rehash("garbage"));
  // The old hash still verifies under the new hasher: users are upgraded at their next sign-in.
  EXPECT_TRUE(upgraded.verify("a password hashed with weak params", *weak));
}

TEST(PasswordHasher, StandardParametersAreArgon2idT3M64MiB) {
  PasswordHashParams p = PasswordHashParams::standard();
  EXPECT_EQ(p.opslimit, 3u);
  EXPECT_EQ(p.memlimit_bytes, size_t{64} << 20);
  PasswordHasher h(p, 1);
  auto hash = h.hash("check the encoded parameters");
  ASSERT_TRUE(hash.ok());
  EXPECT_NE(hash->find("$m=65536,t=3,p=1$"), std::string::npos) << *hash;
}

TEST(PasswordHasher, UnknownUserCheckNeverSucceeds) {
  EXPECT_FALSE(fast_hasher().verify_unknown_user("anything at all"));
  EXPECT_FALSE(fast_hasher().verify_unknown_user(""));
}

TEST(PasswordHasher, ConcurrentUseIsSafeAndCorrect) {
  PasswordHasher h(PasswordHashParams::minimum_for_tests(), 2);
  std::vector<std::thread> threads;
  threads.reserve(6);
  std::vector<int> ok(6, 0);
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      std::string pw = "concurrent password " + std::to_string(i);
      auto hash = h.hash(pw);
      ok[static_cast<size_t>(i)] = hash.ok() && h.verify(pw, *hash) && !h.verify(pw + "x", *hash);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_TRUE(std::all_of(ok.begin(), ok.end(), [](int v) { return v == 1; }));
}

TEST(PasswordPolicy, AcceptsALongUnusualPassphrase) {
  EXPECT_TRUE(check_password_policy("tram lantern oyster 42", "anna.berzina").ok());
  EXPECT_TRUE(check_password_policy("Gulbene-Žīdiņš-laiva", "anna").ok()) << "non-ASCII is fine";
}

TEST(PasswordPolicy, TooShortCountsCharactersNotBytes) {
  auto s = check_password_policy("Kx7#mQ2v", "anna");
  EXPECT_TRUE(has_field_message(s, "at least 12 characters"));
  // 11 characters but 22 bytes: still too short.
  EXPECT_TRUE(has_field_message(check_password_policy("ŽžŠšĀāĒēĪīŪ", "anna"), "at least 12"));
  // 12 distinct-enough characters, more than 12 bytes: long enough.
  EXPECT_FALSE(has_field_message(check_password_policy("ŽžŠšĀāĒēĪīŪū", "anna"), "at least 12"));
}

TEST(PasswordPolicy, RefusesTheUsernameInAnyCase) {
  EXPECT_TRUE(has_field_message(check_password_policy("Caseworker.Anna", "caseworker.anna"),
                                "must not be your username"));
  EXPECT_TRUE(has_field_message(check_password_policy("anna.caseworker", "rekrowesac.anna"),
                                "must not be your username"))
      << "the username reversed";
}

TEST(PasswordPolicy, RefusesRepetitivePasswords) {
  EXPECT_TRUE(has_field_message(check_password_policy("aaaaaaaaaaaaaaaa", "anna"), "too few"));
  EXPECT_TRUE(has_field_message(check_password_policy("abababababababab", "anna"), "too few"));
}

TEST(PasswordPolicy, RefusesCommonPasswordsIgnoringCase) {
  auto s = check_password_policy("QWERTYUIOP123", "anna");
  EXPECT_TRUE(has_field_message(s, "commonly used")) << "qwertyuiop123 is in the built-in list";
  EXPECT_EQ(s.error().code, core::ErrorCode::kInvalidInput);
}

TEST(PasswordPolicy, RefusesACommonWordDecoratedWithDigitsAndSymbols) {
  EXPECT_TRUE(
      has_field_message(check_password_policy("Football2024!!", "anna"), "commonly used word"));
  EXPECT_TRUE(
      has_field_message(check_password_policy("!!1Sunshine1987", "anna"), "commonly used word"));
  // A common word inside a longer phrase is fine.
  EXPECT_TRUE(check_password_policy("football under the lindens", "anna").ok());
}

TEST(PasswordPolicy, MessagesNeverEchoThePassword) {
  auto s = check_password_policy("sunshine", "anna");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message.find("sunshine"), std::string::npos);
  for (const auto& f : s.error().fields) EXPECT_EQ(f.message.find("sunshine"), std::string::npos);
}

TEST(PasswordPolicy, RejectsInvalidUtf8) {
  EXPECT_TRUE(has_field_message(check_password_policy("abc\xC0\xAF"
                                                      "defghijklmn",
                                                      "anna"),
                                "not valid"));
}

TEST(CommonPasswordList, ShippedFileLoadsAndIsLargerThanTheBuiltIn) {
  auto list =
      CommonPasswordList::load(testing::source_dir() + "/data/security/common-passwords.txt");
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_GT(list->size(), 3000u);
  EXPECT_GT(list->size(), CommonPasswordList::builtin().size());
  for (const char* pw : {"123456", "password", "qwerty123", "Passw0rd!", "iloveyou", "football",
                         "welcome1", "PASSWORD1234", "qwertyuiop123", "1q2w3e4r5t6y"}) {
    EXPECT_TRUE(list->contains(pw)) << pw;
  }
  EXPECT_FALSE(list->contains("tram lantern oyster 42"));
}

TEST(CommonPasswordList, EveryBuiltInWordIsInTheShippedFile) {
  auto list =
      CommonPasswordList::load(testing::source_dir() + "/data/security/common-passwords.txt");
  ASSERT_TRUE(list.ok());
  // The file is the fuller list; the built-in set is only a fallback and must not know more.
  for (const std::string& w : CommonPasswordList::builtin().words()) {
    EXPECT_TRUE(list->contains(w)) << w << " is built in but missing from the shipped file";
  }
  EXPECT_TRUE(check_password_policy("Summer2024!xyz", "anna", *list).ok())
      << "decoration only counts at the ends";
  EXPECT_FALSE(check_password_policy("Welcome2024!!!", "anna", *list).ok());
}

TEST(CommonPasswordList, MissingFileIsAClearError) {
  auto list = CommonPasswordList::load("/nonexistent/common.txt");
  ASSERT_FALSE(list.ok());
  EXPECT_NE(list.error().message.find("/nonexistent/common.txt"), std::string::npos);
}

}  // namespace
}  // namespace haven::security
