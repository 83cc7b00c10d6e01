// The rules that slow down and lock out password guessing, as a pure function of recent failures
// the service loads from the database. Per account name: a growing delay, then a 15-minute lock.
// Per client address: at most 20 failures in 15 minutes, then 429. Thread-safe (pure).
//
// Not revealing whether a username exists is the caller's half of the contract: it must count
// failures under the normalised username that was typed, whether or not such a user exists, and
// answer every refusal with the same words. Then every answer here is the same for real and unknown
// names, because nothing here knows which is which.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"

namespace haven::security {

struct ThrottlePolicy {
  int delay_after_failures = 3;        // from the 3rd consecutive failure, wait before the next try
  int64_t base_delay_ms = 1000;        // 1 s, doubling per further failure (1, 2, …)
  int lock_after_failures = 5;         // the 5th consecutive failure locks the account name…
  int64_t lock_ms = 15LL * 60 * 1000;  // …for 15 minutes after the last failure
  int address_max_failures = 20;       // failures from one address…
  int64_t address_window_ms = 15LL * 60 * 1000;  // …within this window before it gets 429
};

// What the service knows about recent failures (from the login_attempts table).
struct FailureHistory {
  // Failures for this account name since its last successful sign-in (or since ever).
  int consecutive_account_failures = 0;
  std::optional<core::Timestamp> last_account_failure_at;
  // Failures from this client address within the policy's address window, and the oldest of them.
  int address_failures_in_window = 0;
  std::optional<core::Timestamp> oldest_address_failure_in_window;
};

enum class ThrottleVerdict {
  kAllow,        // check the password
  kDelay,        // too soon after the last failure: 429 with Retry-After, do not check the password
  kLocked,       // account name locked: refuse without checking the password
  kRateLimited,  // this address failed too often: 429
};

struct ThrottleDecision {
  ThrottleVerdict verdict = ThrottleVerdict::kAllow;
  std::optional<core::Timestamp> retry_after;  // when the next attempt will be considered
  // A message for the person signing in. Identical for every account name; never contains it.
  std::string message;
  bool allowed() const { return verdict == ThrottleVerdict::kAllow; }
  // Whole seconds until retry_after (for the Retry-After header), at least 1.
  int64_t retry_after_seconds(core::Timestamp now) const;
};

// Decides whether the attempt arriving at `now` may proceed. The address limit is checked first,
// so a guessing run across many names is stopped whatever the per-name counts are.
ThrottleDecision decide_login_attempt(const FailureHistory& history, core::Timestamp now,
                                      const ThrottlePolicy& policy = {});

// The one message for a wrong username, password or code, so none of them can be told apart.
inline constexpr const char* kGenericSignInFailure =
    "The username, password or code is not correct.";

}  // namespace haven::security
