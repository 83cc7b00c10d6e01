// Arithmetic of login delays and lockouts, and the wording of their messages.
#include "security/login_throttle.h"

#include <algorithm>

namespace haven::security {

namespace {

std::string minutes_text(int64_t ms) {
  int64_t minutes = std::max<int64_t>(1, (ms + 59'999) / 60'000);
  return minutes == 1 ? "1 minute" : std::to_string(minutes) + " minutes";
}

}  // namespace

int64_t ThrottleDecision::retry_after_seconds(core::Timestamp now) const {
  if (!retry_after) return 0;
  return std::max<int64_t>(1, (retry_after->ms - now.ms + 999) / 1000);
}

ThrottleDecision decide_login_attempt(const FailureHistory& h, core::Timestamp now,
                                      const ThrottlePolicy& p) {
  if (h.address_failures_in_window >= p.address_max_failures &&
      h.oldest_address_failure_in_window) {
    core::Timestamp until{h.oldest_address_failure_in_window->ms + p.address_window_ms};
    if (now < until) {
      return {ThrottleVerdict::kRateLimited, until,
              "Too many failed sign-in attempts from this network. Try again in " +
                  minutes_text(until.ms - now.ms) + "."};
    }
  }
  if (!h.last_account_failure_at) return {};
  const core::Timestamp last = *h.last_account_failure_at;
  if (h.consecutive_account_failures >= p.lock_after_failures) {
    core::Timestamp until{last.ms + p.lock_ms};
    if (now < until) {
      return {ThrottleVerdict::kLocked, until,
              "Sign-in is locked after too many failed attempts. Try again in " +
                  minutes_text(until.ms - now.ms) +
                  ", or ask an administrator to reset your password."};
    }
    return {};  // the lock has run out; the next failure locks again at once
  }
  if (h.consecutive_account_failures >= p.delay_after_failures) {
    int shift = std::min(h.consecutive_account_failures - p.delay_after_failures, 20);
    core::Timestamp until{last.ms + (p.base_delay_ms << shift)};
    if (now < until) {
      return {ThrottleVerdict::kDelay, until, "Please wait a few seconds before trying again."};
    }
  }
  return {};
}

}  // namespace haven::security
