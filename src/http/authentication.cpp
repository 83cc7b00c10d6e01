// Cookie and bearer authentication, CSRF for cookie-authenticated writes, and the session cookie.
#include "http/authentication.h"

#include <httplib.h>

#include "core/utf8.h"
#include "http/client_address.h"
#include "http/ows.h"
#include "http/request_context.h"
#include "service/app.h"

namespace haven::http {

namespace {

bool is_state_changing(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

}  // namespace

std::string session_cookie_value(const RequestContext& ctx) {
  const auto& headers = ctx.request().headers;
  auto range = headers.equal_range("Cookie");
  for (auto it = range.first; it != range.second; ++it) {
    std::string_view rest = it->second;
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view pair = trim_ows(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      std::string_view name = trim_ows(pair.substr(0, eq));
      if (name == kSecureSessionCookie || name == kSessionCookie)
        return std::string(trim_ows(pair.substr(eq + 1)));
    }
  }
  return "";
}

std::string client_address(const RequestContext& ctx, const service::App& app) {
  const auto& req = ctx.request();
  if (app.options.trusted_proxies.empty()) return resolve_client_address(req.remote_addr, {}, {});
  // Parsing a handful of networks costs less than the request's first database query; settings
  // were validated at start (cli/settings.cpp), so an error here cannot happen in practice and
  // falls back to trusting nobody.
  auto trusted = TrustedProxies::parse(app.options.trusted_proxies);
  std::vector<std::string> forwarded;
  auto range = req.headers.equal_range("X-Forwarded-For");
  for (auto it = range.first; it != range.second; ++it) forwarded.push_back(it->second);
  return resolve_client_address(req.remote_addr, forwarded,
                                trusted.ok() ? *trusted : TrustedProxies{});
}

std::string client_address(const RequestContext& ctx) {
  return resolve_client_address(ctx.request().remote_addr, {}, {});
}

core::Result<std::string> parse_break_glass_reason(std::string_view header_value) {
  // No field errors: a header is not a form field, and the request as a whole is unusable (400).
  auto bad = [](const std::string& why) {
    return core::Error::invalid(std::string("The break-the-glass reason (header ") +
                                kBreakGlassHeader + ") cannot be used: " + why);
  };
  if (!core::is_valid_utf8(header_value)) return bad("it is not UTF-8 text.");
  std::string_view reason = core::trim(header_value);
  if (reason.empty()) return bad("it is empty; write why you need this record now.");
  for (unsigned char c : reason)
    if (c < 0x20 || c == 0x7f) return bad("it contains control characters.");
  if (core::utf8_length(reason) > kMaxBreakGlassReason)
    return bad("it is longer than " + std::to_string(kMaxBreakGlassReason) + " characters.");
  return std::string(reason);
}

std::optional<service::Authenticated> authenticate(RequestContext& ctx, service::App& app,
                                                   AuthNeed need) {
  core::Result<service::Authenticated> who = core::Error::unauthenticated("Sign in to continue.");
  bool by_cookie = false;
  const std::string authorization = ctx.header("Authorization");
  if (!authorization.empty()) {
    std::string_view value = authorization;
    constexpr std::string_view kBearer = "Bearer ";
    if (value.size() <= kBearer.size() || value.substr(0, kBearer.size()) != kBearer) {
      ctx.response().set_header("WWW-Authenticate", "Bearer");
      ctx.send_problem(core::Error::unauthenticated("Use `Authorization: Bearer <token>`."));
      return std::nullopt;
    }
    std::string_view token = trim_ows(value.substr(kBearer.size()));
    // A session token sent as a bearer header is as CSRF-safe as an API token: browsers never add
    // that header by themselves.
    who = token.rfind("hvt_", 0) == 0 ? app.auth.authenticate_api_token(token)
                                      : app.auth.authenticate_session(token);
  } else if (std::string cookie = session_cookie_value(ctx); !cookie.empty()) {
    by_cookie = true;
    who = app.auth.authenticate_session(cookie);
  }
  if (!who.ok()) {
    if (who.error().code == core::ErrorCode::kUnauthenticated)
      ctx.response().set_header("WWW-Authenticate", "Bearer");
    ctx.send_problem(who.error());
    return std::nullopt;
  }
  if (by_cookie && is_state_changing(ctx.method()) &&
      !app.auth.verify_csrf(who->session_hash_hex, ctx.header(kCsrfHeader))) {
    ctx.send_problem(
        core::Error::forbidden("This request needs the X-CSRF-Token header of your session (from "
                               "sign-in or /api/v1/me)."));
    return std::nullopt;
  }
  if (need == AuthNeed::kFullSession && !who->second_factor) {
    ctx.send_problem(core::Error::forbidden(
        "Set up your second factor first: POST /api/v1/auth/totp/enroll, then /confirm."));
    return std::nullopt;
  }
  if (ctx.request().has_header(kBreakGlassHeader)) {
    auto reason = parse_break_glass_reason(ctx.header(kBreakGlassHeader));
    if (!reason.ok()) {
      ctx.send_problem(reason.error());
      return std::nullopt;
    }
    who->principal.break_glass_reason = std::move(reason).value();
  }
  return std::move(who).value();
}

void set_session_cookie(RequestContext& ctx, const service::App& app, std::string_view token,
                        int64_t max_age_s) {
  const bool secure = app.options.secure_cookies;
  std::string cookie = std::string(secure ? kSecureSessionCookie : kSessionCookie) + "=" +
                       std::string(token) +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s);
  if (secure) cookie += "; Secure";
  ctx.response().set_header("Set-Cookie", cookie);
}

void clear_session_cookie(RequestContext& ctx, const service::App& app) {
  const bool secure = app.options.secure_cookies;
  std::string cookie = std::string(secure ? kSecureSessionCookie : kSessionCookie) +
                       "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
  if (secure) cookie += "; Secure";
  ctx.response().set_header("Set-Cookie", cookie);
}

}  // namespace haven::http
