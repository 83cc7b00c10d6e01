// The authentication step of every protected endpoint: turns the session cookie or an
// `Authorization: Bearer` token into a service::Authenticated (the Principal and the user), checks
// CSRF for state-changing requests authenticated by cookie, and writes the session cookie. Kept
// beside the handlers rather than in the server's hook, so public routes (health, login) stay
// untouched and each protected handler states what it needs in one line.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "service/identity.h"

namespace haven::service {
struct App;
}

namespace haven::http {

class RequestContext;

inline constexpr const char* kSessionCookie = "haven_session";               // without Secure
inline constexpr const char* kSecureSessionCookie = "__Host-haven_session";  // with Secure
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

enum class AuthNeed {
  kFullSession,  // a completed sign-in (second factor done where the role needs it)
  kAnySession,   // also an enrolment-only session: /me, TOTP enrolment, sign-out
};

// The caller, or nullopt after answering: 401 problem+json (no, malformed, unknown, expired or
// revoked credentials), 403 (cookie request without a valid CSRF token on POST/PUT/PATCH/DELETE, or
// an enrolment-only session where a full one is needed).
std::optional<service::Authenticated> authenticate(RequestContext& ctx, service::App& app,
                                                   AuthNeed need = AuthNeed::kFullSession);

// The client address used for throttling (the socket's peer).
std::string client_address(const RequestContext& ctx);

// Set-Cookie for a new session (HttpOnly; SameSite=Strict; Path=/; Secure unless the App allows
// plain loopback), and the cookie that clears it.
void set_session_cookie(RequestContext& ctx, const service::App& app, std::string_view token,
                        int64_t max_age_s);
void clear_session_cookie(RequestContext& ctx, const service::App& app);

// The session token from the Cookie header (either cookie name), or "".
std::string session_cookie_value(const RequestContext& ctx);

}  // namespace haven::http
