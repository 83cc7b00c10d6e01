// Recovery codes: shown once, stored as keyed hashes, each usable exactly once, only by its user.
#include "security/recovery_codes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace haven::security {
namespace {

const Secret& key() {
  static const Secret k = Secret::random(32);
  return k;
}

TEST(RecoveryCodes, GeneratesTenDistinctReadableCodes) {
  RecoveryCodes rc(key());
  RecoveryCodeBatch b = rc.generate("user-1");
  ASSERT_EQ(b.codes.size(), 10u);
  ASSERT_EQ(b.stored.size(), 10u);
  std::set<std::string> seen;
  const std::string_view alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";  // no 0 O 1 I L U
  for (const Secret& c : b.codes) {
    std::string s(c.view());
    ASSERT_EQ(s.size(), 14u) << s;
    for (size_t i = 0; i < s.size(); ++i) {
      if (i == 4 || i == 9) {
        EXPECT_EQ(s[i], '-') << s;
      } else {
        EXPECT_NE(alphabet.find(s[i]), std::string_view::npos) << s;
      }
    }
    seen.insert(s);
  }
  EXPECT_EQ(seen.size(), 10u);
}

TEST(RecoveryCodes, StoredFormRevealsNoCode) {
  RecoveryCodes rc(key());
  RecoveryCodeBatch b = rc.generate("user-1");
  for (size_t i = 0; i < b.codes.size(); ++i) {
    EXPECT_EQ(b.stored[i].hash_hex.size(), 64u);
    std::string bare(b.codes[i].view());
    bare.erase(std::remove(bare.begin(), bare.end(), '-'), bare.end());
    EXPECT_EQ(b.stored[i].hash_hex.find(bare), std::string::npos);
    EXPECT_FALSE(b.stored[i].used_at.has_value());
  }
}

TEST(RecoveryCodes, EachCodeWorksExactlyOnce) {
  RecoveryCodes rc(key());
  RecoveryCodeBatch b = rc.generate("user-1");
  core::Timestamp now{1'700'000'000'000};
  auto idx = rc.redeem("user-1", b.codes[3].view(), b.stored, now);
  ASSERT_EQ(idx, 3u);
  EXPECT_EQ(b.stored[3].used_at, now);
  EXPECT_EQ(RecoveryCodes::remaining(b.stored), 9u);
  EXPECT_FALSE(rc.redeem("user-1", b.codes[3].view(), b.stored, now).has_value()) << "second use";
  EXPECT_EQ(rc.redeem("user-1", b.codes[4].view(), b.stored, now), 4u) << "others still work";
  EXPECT_EQ(RecoveryCodes::remaining(b.stored), 8u);
}

TEST(RecoveryCodes, ForgivingOfCaseSpacesAndDashes) {
  RecoveryCodes rc(key());
  RecoveryCodeBatch b = rc.generate("user-1");
  std::string typed(b.codes[0].view());
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  typed[4] = ' ';
  EXPECT_EQ(rc.redeem("user-1", typed, b.stored, {}), 0u);
}

TEST(RecoveryCodes, AnotherUsersCodeOrKeyDoesNotWork) {
  RecoveryCodes rc(key());
  RecoveryCodeBatch mine = rc.generate("user-1");
  EXPECT_FALSE(rc.redeem("user-2", mine.codes[0].view(), mine.stored, {}).has_value())
      << "hash is bound to the user id";
  RecoveryCodes other_server(Secret::random(32));
  EXPECT_FALSE(other_server.redeem("user-1", mine.codes[0].view(), mine.stored, {}).has_value())
      << "hash is keyed with the server secret";
}

TEST(RecoveryCodes, GarbageIsRejectedWithoutMatching) {
  RecoveryCodes rc(key());
  RecoveryCodeBatch b = rc.generate("user-1");
  for (const char* bad :
       {"", "0000-0000-0000", "ABCD-EFGH", "ABCD-EFGH-JKMN-PQRS", "IIII-OOOO-LLLL"}) {
    EXPECT_FALSE(rc.redeem("user-1", bad, b.stored, {}).has_value()) << bad;
  }
  EXPECT_EQ(RecoveryCodes::remaining(b.stored), 10u);
}

}  // namespace
}  // namespace haven::security
