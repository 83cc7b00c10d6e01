// Bearer secrets: session tokens (cookie), API tokens (machine clients), their storage hashes, the
// per-session CSRF token, and the session expiry rules. Tokens are stored only as hashes, so any
// process sharing the database can check them and a database leak yields no usable token.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "security/secret.h"

namespace haven::security {

// Session tokens start "hvs_", API tokens "hvt_", then 43 characters of URL-safe base64 (256 random
// bits). The prefix makes a leaked token recognisable (log scrubbers, secret scanners) and tells
// the two apart, so a session cookie is never accepted as an API token or the reverse.
enum class TokenKind { kSession, kApi };

std::string_view token_prefix(TokenKind kind);

struct IssuedToken {
  Secret token;          // give to the client once (Set-Cookie or the API-token page); never store
  std::string hash_hex;  // store this: BLAKE2b-256 of the whole token, lowercase hex
};

// A new random token of `kind`. Thread-safe.
IssuedToken issue_token(TokenKind kind);

// The storage hash of a token a client presented, or nullopt if it cannot be a token of `kind`
// (wrong prefix, length or alphabet): such requests get 401 without touching the database.
std::optional<std::string> token_storage_hash(std::string_view presented, TokenKind kind);

// CSRF tokens: a keyed BLAKE2b-256 of the session's storage hash under a server secret derived from
// the master key (KeyRing::purpose_key("havencsr")), so every process computes the same token for a
// session without storing it, and it dies with the session. Thread-safe (immutable).
class CsrfTokens {
 public:
  // `server_key` must be 32 bytes.
  explicit CsrfTokens(const Secret& server_key);
  // The token to embed in forms of the session whose storage hash is `session_hash_hex` (URL-safe
  // base64).
  std::string token_for(std::string_view session_hash_hex) const;
  // Constant-time comparison of a submitted token with the expected one.
  bool verify(std::string_view session_hash_hex, std::string_view submitted) const;

 private:
  Secret key_;
};

// How long a session lives. Defaults: signed out after 30 minutes without a request (idle) and
// after 12 hours whatever happens (absolute), a working day.
struct SessionPolicy {
  int64_t idle_ms = 30LL * 60 * 1000;
  int64_t absolute_ms = 12LL * 60 * 60 * 1000;
  // last_seen_at is written back at most this often, so reads do not each cost a database write.
  int64_t touch_interval_ms = 60LL * 1000;
};

enum class SessionState { kActive, kIdleExpired, kAbsoluteExpired };

// Pure. Absolute expiry wins over idle expiry when both apply. A session whose timestamps lie in
// the future (clock skew between processes) counts as active for its age but never beyond the
// limits.
SessionState session_state(core::Timestamp created_at, core::Timestamp last_seen_at,
                           core::Timestamp now, const SessionPolicy& policy = {});

// True if last_seen_at is old enough that the caller should write `now` back.
bool session_needs_touch(core::Timestamp last_seen_at, core::Timestamp now,
                         const SessionPolicy& policy = {});

// The instant the session expires if no further request arrives: min(last_seen + idle, created +
// absolute).
core::Timestamp session_expires_at(core::Timestamp created_at, core::Timestamp last_seen_at,
                                   const SessionPolicy& policy = {});

}  // namespace haven::security
