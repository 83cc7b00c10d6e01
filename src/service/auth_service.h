// Signing in and out, and recognising a request's session or API token: password (Argon2id) plus
// TOTP or a recovery code, throttling per account name and per address, sessions stored as token
// hashes with idle and absolute expiry, CSRF tokens derived per session, and API bearer tokens that
// are scoped, expiring and revocable. Every sign-in, failure, sign-out and token change is audited.
//
// No answer tells whether a username exists: failures are counted under the typed name, unknown
// names cost the same Argon2id time (verify_unknown_user), and every wrong username, password or
// code gets security::kGenericSignInFailure. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "security/login_throttle.h"
#include "security/password.h"
#include "security/tokens.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "service/user_service.h"
#include "store/database.h"

namespace haven::service {

struct LoginRequest {
  std::string username;
  std::string password;
  std::string totp;           // six digits, or empty
  std::string recovery_code;  // instead of totp, once per code
  std::string address;        // client address, for throttling
  std::string user_agent;
  std::string request_id;
};

struct LoginResult {
  security::Secret token;  // hvs_…: Set-Cookie / JSON once, never stored
  std::string session_hash_hex;
  std::string csrf_token;
  int64_t expires_at = 0;
  bool second_factor = true;  // false: enrolment-only session, the user must set up TOTP now
  UserView user;
};

struct CreatedApiToken {
  std::string id;
  security::Secret token;  // hvt_…: shown once
  int64_t expires_at = 0;
  std::vector<std::string> scopes;
};

// What one clean-up sweep deleted.
struct SweepResult {
  int64_t sessions = 0;
  int64_t login_attempts = 0;
};

// Login attempts are kept this long (far beyond every throttle window: 15 minutes), then swept.
// Consecutive failures older than this no longer count towards a lock; the audit log keeps every
// sign-in regardless.
inline constexpr int64_t kLoginAttemptRetentionMs = 24LL * 60 * 60 * 1000;

class AuthService {
 public:
  AuthService(store::Database& db, const core::Clock& clock, AccessService& access,
              AuditService& audit, UserService& users, KeyService& keys,
              const security::PasswordHasher& hasher, security::SessionPolicy session_policy,
              security::ThrottlePolicy throttle);

  // Errors: kUnauthenticated with kGenericSignInFailure; kRateLimited (delay, lock, address limit)
  // with the throttle's message and `retry_after_s` set; kInvalidInput for an empty name/password.
  core::Result<LoginResult> login(const LoginRequest& request, int64_t* retry_after_s = nullptr);

  // The session behind a cookie or "Bearer hvs_…" value. kUnauthenticated if malformed, unknown or
  // expired (the expired row is deleted). Moves last_seen_at forward at most once a minute.
  core::Result<Authenticated> authenticate_session(std::string_view token);
  // The API token behind "Bearer hvt_…": unknown, revoked and expired tokens are kUnauthenticated.
  core::Result<Authenticated> authenticate_api_token(std::string_view token);

  core::Status logout(const Authenticated& who, const std::string& request_id);

  // CSRF token of a session; verify compares in constant time.
  std::string csrf_token(const std::string& session_hash_hex) const;
  bool verify_csrf(const std::string& session_hash_hex, std::string_view submitted) const;

  // `haven token create`: a token for `username` limited to `scopes` (each a permission the user's
  // role holds) that expires after `ttl_ms`.
  core::Result<CreatedApiToken> create_api_token(const std::string& username,
                                                 const std::vector<std::string>& scopes,
                                                 int64_t ttl_ms, const std::string& name,
                                                 const Actor& actor);
  core::Status revoke_api_token(const std::string& id, const Actor& actor);

  // Deletes sessions past their expiry and login attempts older than kLoginAttemptRetentionMs, at
  // the clock's now. The server's maintenance thread calls it every few minutes (expired sessions
  // are already refused when presented; this only keeps the tables small).
  core::Result<SweepResult> sweep();

  const security::SessionPolicy& session_policy() const { return session_policy_; }

 private:
  core::Error fail(const LoginRequest& req, const std::string& username, const std::string& why,
                   const std::optional<store::UserRow>& user);
  store::Database& db_;
  const core::Clock& clock_;
  AccessService& access_;
  AuditService& audit_;
  UserService& users_;
  KeyService& keys_;
  const security::PasswordHasher& hasher_;
  security::SessionPolicy session_policy_;
  security::ThrottlePolicy throttle_;
};

}  // namespace haven::service
