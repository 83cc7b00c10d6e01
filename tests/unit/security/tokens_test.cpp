// Session and API tokens, their storage hashes, CSRF tokens and session expiry.
#include "security/tokens.h"

#include <gtest/gtest.h>

#include <set>

namespace haven::security {
namespace {

TEST(Tokens, SessionAndApiTokensAreRecognisableAnd256BitRandom) {
  IssuedToken s = issue_token(TokenKind::kSession);
  IssuedToken t = issue_token(TokenKind::kApi);
  EXPECT_EQ(s.token.view().substr(0, 4), "hvs_");
  EXPECT_EQ(t.token.view().substr(0, 4), "hvt_");
  EXPECT_EQ(s.token.size(), 47u);  // prefix + 43 base64url characters = 32 bytes
  EXPECT_EQ(s.token.view().find_first_not_of(
                "hvs_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string_view::npos)
      << "cookie- and URL-safe";
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i)
    seen.insert(std::string(issue_token(TokenKind::kSession).token.view()));
  EXPECT_EQ(seen.size(), 200u);
}

TEST(Tokens, StoredHashMatchesWhatTheClientPresents) {
  IssuedToken s = issue_token(TokenKind::kSession);
  EXPECT_EQ(s.hash_hex.size(), 64u);
  EXPECT_EQ(s.hash_hex.find(std::string(s.token.view().substr(4, 10))), std::string::npos);
  auto presented = token_storage_hash(s.token.view(), TokenKind::kSession);
  ASSERT_TRUE(presented.has_value());
  EXPECT_EQ(*presented, s.hash_hex);
}

TEST(Tokens, ForgedOrAlteredTokensDoNotHashToTheStoredValue) {
  IssuedToken s = issue_token(TokenKind::kSession);
  std::string altered(s.token.view());
  altered[10] = altered[10] == 'A' ? 'B' : 'A';
  auto h = token_storage_hash(altered, TokenKind::kSession);
  ASSERT_TRUE(h.has_value());
  EXPECT_NE(*h, s.hash_hex);
}

TEST(Tokens, WrongKindOrShapeIsRejectedBeforeAnyLookup) {
  IssuedToken s = issue_token(TokenKind::kSession);
  EXPECT_FALSE(token_storage_hash(s.token.view(), TokenKind::kApi).has_value())
      << "a session cookie is not an API token";
  EXPECT_FALSE(token_storage_hash("", TokenKind::kSession).has_value());
  EXPECT_FALSE(token_storage_hash("hvs_short", TokenKind::kSession).has_value());
  std::string bad(s.token.view());
  bad[20] = '=';
  EXPECT_FALSE(token_storage_hash(bad, TokenKind::kSession).has_value());
  EXPECT_FALSE(
      token_storage_hash(std::string(s.token.view()) + "x", TokenKind::kSession).has_value());
}

TEST(Csrf, TokenIsStablePerSessionAndDiffersBetweenSessions) {
  CsrfTokens csrf(Secret::random(32));
  IssuedToken a = issue_token(TokenKind::kSession);
  IssuedToken b = issue_token(TokenKind::kSession);
  std::string ta = csrf.token_for(a.hash_hex);
  EXPECT_EQ(ta, csrf.token_for(a.hash_hex)) << "every process computes the same token";
  EXPECT_NE(ta, csrf.token_for(b.hash_hex));
  EXPECT_TRUE(csrf.verify(a.hash_hex, ta));
  EXPECT_FALSE(csrf.verify(b.hash_hex, ta)) << "another session's token is refused";
  EXPECT_FALSE(csrf.verify(a.hash_hex, ""));
  std::string flipped = ta;
  flipped[0] = flipped[0] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(csrf.verify(a.hash_hex, flipped));
}

TEST(Csrf, ServerSecretMatters) {
  IssuedToken a = issue_token(TokenKind::kSession);
  CsrfTokens one(Secret::random(32));
  CsrfTokens two(Secret::random(32));
  EXPECT_FALSE(two.verify(a.hash_hex, one.token_for(a.hash_hex)))
      << "an attacker without the server secret cannot compute a session's CSRF token";
}

TEST(SessionPolicy, DefaultsAreThirtyMinutesIdleAndTwelveHoursAbsolute) {
  SessionPolicy p;
  EXPECT_EQ(p.idle_ms, 30 * 60 * 1000);
  EXPECT_EQ(p.absolute_ms, 12LL * 60 * 60 * 1000);
}

TEST(SessionPolicy, IdleExpiryAfterThirtyQuietMinutes) {
  core::Timestamp created{1'700'000'000'000};
  EXPECT_EQ(session_state(created, created, created.plus_minutes(29)), SessionState::kActive);
  EXPECT_EQ(session_state(created, created, created.plus_minutes(30)), SessionState::kIdleExpired);
  // Activity keeps it alive.
  EXPECT_EQ(session_state(created, created.plus_minutes(25), created.plus_minutes(50)),
            SessionState::kActive);
}

TEST(SessionPolicy, AbsoluteExpiryAfterTwelveHoursWhateverTheActivity) {
  core::Timestamp created{1'700'000'000'000};
  core::Timestamp now = created.plus_hours(12);
  EXPECT_EQ(session_state(created, now.plus_seconds(-1), now), SessionState::kAbsoluteExpired);
  EXPECT_EQ(session_state(created, now.plus_seconds(-1), now.plus_seconds(-1)),
            SessionState::kActive);
  EXPECT_EQ(session_expires_at(created, created.plus_hours(11).plus_minutes(50)),
            created.plus_hours(12));
  EXPECT_EQ(session_expires_at(created, created.plus_hours(1)),
            created.plus_hours(1).plus_minutes(30));
}

TEST(SessionPolicy, LastSeenIsWrittenBackAtMostOncePerMinute) {
  core::Timestamp seen{1'700'000'000'000};
  EXPECT_FALSE(session_needs_touch(seen, seen.plus_seconds(59)));
  EXPECT_TRUE(session_needs_touch(seen, seen.plus_seconds(60)));
}

}  // namespace
}  // namespace haven::security
