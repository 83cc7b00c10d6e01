// Time-based one-time passwords (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) for the second
// factor: secret generation, verification with replay detection, and the enrolment URI and QR code.
// Pure apart from the CSPRNG; time is passed in from a core::Clock. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "security/secret.h"

namespace haven::security {

struct TotpParams {
  unsigned digits = 6;          // 6 (what authenticator apps show) or 8
  int64_t period_seconds = 30;  // RFC 6238's default time step
  int64_t window_steps = 1;  // accept codes from this many steps before and after now (clock drift)
};

// 20 random bytes (160 bits, the HMAC-SHA-1 block-size recommendation of RFC 4226).
Secret generate_totp_secret();

// The time step T = floor(unix_seconds / period) that `at` falls in.
int64_t totp_step(core::Timestamp at, const TotpParams& params = {});

// The code for one time step, zero-padded ("094287"). Used by tests and by enrolment's
// confirmation.
Secret totp_code(const Secret& secret, int64_t step, const TotpParams& params = {});

enum class TotpOutcome {
  kAccepted,   // matched a step within the window that is later than the last used one
  kReplayed,   // matched, but that step (or a later one) was already used: someone reuses a seen
               // code
  kWrong,      // well-formed but matches no step in the window
  kMalformed,  // not `digits` decimal digits (spaces are ignored)
};

struct TotpCheck {
  TotpOutcome outcome = TotpOutcome::kWrong;
  // The step that matched (for kAccepted and kReplayed). The caller stores it as the user's last
  // used step, in the same transaction that accepts the login, and passes it back next time.
  std::optional<int64_t> matched_step;
  bool accepted() const { return outcome == TotpOutcome::kAccepted; }
};

// Checks `code` against the steps now-window … now+window. `last_used_step` is the step of the last
// accepted code for this user (nullopt if none): a match at or before it is a replay. Comparisons
// are constant-time. The caller shows one generic message for every outcome but kAccepted.
TotpCheck verify_totp(const Secret& secret, std::string_view code, core::Timestamp now,
                      std::optional<int64_t> last_used_step, const TotpParams& params = {});
// Same, at the clock's current time.
TotpCheck verify_totp(const Secret& secret, std::string_view code, const core::Clock& clock,
                      std::optional<int64_t> last_used_step, const TotpParams& params = {});

// otpauth://totp/haven:<username>?secret=<base32>&issuer=haven&algorithm=SHA1&digits=6&period=30
// (Key URI format used by authenticator apps). The label parts are percent-encoded. The URI
// contains the secret, so it is returned as a Secret.
Secret otpauth_uri(std::string_view username, const Secret& secret,
                   std::string_view issuer = "haven", const TotpParams& params = {});

// Everything the enrolment page shows once: the secret as base32 for manual entry, the URI and an
// accessible SVG QR code of it. All three reveal the secret; never log or cache them.
struct TotpEnrollment {
  Secret secret_base32;
  Secret uri;
  Secret qr_svg;
};
core::Result<TotpEnrollment> totp_enrollment(std::string_view username, const Secret& secret,
                                             std::string_view issuer = "haven",
                                             const TotpParams& params = {});

}  // namespace haven::security
