// Login throttling and lockout: what a person mistyping and an attacker guessing each experience.
#include "security/login_throttle.h"

#include <gtest/gtest.h>

namespace haven::security {
namespace {

const core::Timestamp kNow{1'700'000'000'000};

FailureHistory account_failures(int n, core::Timestamp last) {
  FailureHistory h;
  h.consecutive_account_failures = n;
  h.last_account_failure_at = last;
  return h;
}

TEST(LoginThrottle, FirstAttemptsAreAllowed) {
  EXPECT_TRUE(decide_login_attempt({}, kNow).allowed());
  EXPECT_TRUE(decide_login_attempt(account_failures(1, kNow.plus_seconds(-1)), kNow).allowed());
  EXPECT_TRUE(decide_login_attempt(account_failures(2, kNow), kNow).allowed());
}

TEST(LoginThrottle, DelayGrowsFromTheThirdFailure) {
  auto d3 = decide_login_attempt(account_failures(3, kNow), kNow.plus_seconds(0));
  EXPECT_EQ(d3.verdict, ThrottleVerdict::kDelay);
  EXPECT_EQ(d3.retry_after, kNow.plus_seconds(1));
  EXPECT_TRUE(decide_login_attempt(account_failures(3, kNow), kNow.plus_seconds(1)).allowed());
  auto d4 = decide_login_attempt(account_failures(4, kNow), kNow.plus_seconds(1));
  EXPECT_EQ(d4.verdict, ThrottleVerdict::kDelay);
  EXPECT_EQ(d4.retry_after, kNow.plus_seconds(2));
  EXPECT_EQ(d4.retry_after_seconds(kNow.plus_seconds(1)), 1);
}

TEST(LoginThrottle, FifthConsecutiveFailureLocksForFifteenMinutes) {
  auto d = decide_login_attempt(account_failures(5, kNow), kNow.plus_minutes(1));
  EXPECT_EQ(d.verdict, ThrottleVerdict::kLocked);
  EXPECT_EQ(d.retry_after, kNow.plus_minutes(15));
  EXPECT_NE(d.message.find("14 minutes"), std::string::npos) << d.message;
  EXPECT_EQ(d.retry_after_seconds(kNow.plus_minutes(1)), 14 * 60);
  EXPECT_EQ(decide_login_attempt(account_failures(9, kNow), kNow.plus_minutes(14)).verdict,
            ThrottleVerdict::kLocked);
  EXPECT_TRUE(decide_login_attempt(account_failures(5, kNow), kNow.plus_minutes(15)).allowed())
      << "the lock runs out by itself";
}

TEST(LoginThrottle, AddressWithTwentyFailuresInFifteenMinutesGets429) {
  FailureHistory h;
  h.address_failures_in_window = 20;
  h.oldest_address_failure_in_window = kNow.plus_minutes(-10);
  auto d = decide_login_attempt(h, kNow);
  EXPECT_EQ(d.verdict, ThrottleVerdict::kRateLimited);
  EXPECT_EQ(d.retry_after, kNow.plus_minutes(5));
  h.address_failures_in_window = 19;
  EXPECT_TRUE(decide_login_attempt(h, kNow).allowed());
}

TEST(LoginThrottle, AddressLimitStopsGuessingAcrossManyFreshNames) {
  // Each name has no failures, but the address has many: the spray is stopped anyway.
  FailureHistory h;
  h.address_failures_in_window = 50;
  h.oldest_address_failure_in_window = kNow.plus_minutes(-1);
  EXPECT_EQ(decide_login_attempt(h, kNow).verdict, ThrottleVerdict::kRateLimited);
}

TEST(LoginThrottle, MessagesAreTheSameForEveryAccountAndNameNone) {
  // The service counts failures per typed name whether or not the user exists, so two histories
  // that are equal give equal answers; the text must carry nothing account-specific.
  auto a = decide_login_attempt(account_failures(5, kNow), kNow.plus_seconds(30));
  auto b = decide_login_attempt(account_failures(7, kNow), kNow.plus_seconds(30));
  EXPECT_EQ(a.message, b.message);
  EXPECT_EQ(a.message.find("exist"), std::string::npos);
  EXPECT_EQ(a.message.find("user"), std::string::npos);
  EXPECT_STREQ(kGenericSignInFailure, "The username, password or code is not correct.");
}

}  // namespace
}  // namespace haven::security
