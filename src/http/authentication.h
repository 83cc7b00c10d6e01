// The authentication step of every protected endpoint: turns the session cookie or an
// `Authorization: Bearer` token into a service::Authenticated (the Principal and the user), checks
// CSRF for state-changing requests authenticated by cookie, and writes the session cookie. Kept
// beside the handlers rather than in the server's hook, so public routes (health, login) stay
// untouched and each protected handler states what it needs in one line.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "service/identity.h"

namespace haven::service {
struct App;
}

namespace haven::http {

class RequestContext;

inline constexpr const char* kSessionCookie = "haven_session";               // without Secure
inline constexpr const char* kSecureSessionCookie = "__Host-haven_session";  // with Secure
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";
// The written reason for breaking the glass on this request (security/policy.h rule 8): UTF-8,
// trimmed, at most kMaxBreakGlassReason characters. It only lets the policy allow an emergency read
// (Action::kBreakGlassRead); the read is then audited with the reason and shown to the supervisor.
inline constexpr const char* kBreakGlassHeader = "Haven-Break-Glass-Reason";
inline constexpr size_t kMaxBreakGlassReason = 500;

enum class AuthNeed {
  kFullSession,  // a completed sign-in (second factor done where the role needs it)
  kAnySession,   // also an enrolment-only session: /me, TOTP enrolment, sign-out
};

// The caller, or nullopt after answering: 401 problem+json (no, malformed, unknown, expired or
// revoked credentials), 403 (cookie request without a valid CSRF token on POST/PUT/PATCH/DELETE, or
// an enrolment-only session where a full one is needed), 400 (a Haven-Break-Glass-Reason header
// that is empty, not UTF-8, has control characters or is longer than 500 characters). A valid
// reason is put into the principal's break_glass_reason.
std::optional<service::Authenticated> authenticate(RequestContext& ctx, service::App& app,
                                                   AuthNeed need = AuthNeed::kFullSession);

// The client address used for throttling, sessions and audit: the socket's peer, or, when the peer
// is one of the App's trusted proxies ([server] trusted_proxies), the right-most untrusted hop of
// X-Forwarded-For (http/client_address.h).
std::string client_address(const RequestContext& ctx, const service::App& app);
// The socket's peer only, ignoring trusted proxies. Kept for callers written before the proxy rule
// (http/web/signin_pages.cpp); they should pass the App so a proxied deployment throttles per
// client.
std::string client_address(const RequestContext& ctx);

// The break-the-glass reason of a header value, trimmed; kInvalidInput (no field errors, so 400;
// the message names the header) if it is empty, not UTF-8, has control characters or is too long.
core::Result<std::string> parse_break_glass_reason(std::string_view header_value);

// Set-Cookie for a new session (HttpOnly; SameSite=Strict; Path=/; Secure unless the App allows
// plain loopback), and the cookie that clears it.
void set_session_cookie(RequestContext& ctx, const service::App& app, std::string_view token,
                        int64_t max_age_s);
void clear_session_cookie(RequestContext& ctx, const service::App& app);

// The session token from the Cookie header (either cookie name), or "".
std::string session_cookie_value(const RequestContext& ctx);

}  // namespace haven::http
