// Sign-in endpoints: POST /api/v1/auth/login, /logout, and the TOTP enrolment pair
// /auth/totp/enroll and /auth/totp/confirm. Handlers only translate JSON and cookies; the rules
// live in service::AuthService and service::UserService.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "http/authentication.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/routes.h"
#include "security/secret.h"
#include "service/app.h"

namespace haven::http::api {

namespace {

nlohmann::json user_json(const service::UserView& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", u.role},
          {"agency", {{"id", u.agency_id}, {"name", u.agency_name}, {"country", u.country}}},
          {"second_factor_enrolled", u.totp_enrolled},
          {"second_factor_required", u.requires_second_factor}};
}

// A string member of a JSON object, "" if absent; an Error if present but not a string.
core::Result<std::string> string_field(const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) return std::string();
  if (!body[name].is_string())
    return core::Error::invalid("The request is not valid.", {{name, "Must be a string."}});
  return body[name].get<std::string>();
}

}  // namespace

void register_auth_routes(Router& router, service::App& app) {
  router.post("/api/v1/auth/login", "login", [&app](RequestContext& ctx) {
    auto body = ctx.json_body();
    if (!body.ok()) return ctx.send_problem(body.error());
    if (!body->is_object()) return ctx.send_problem(core::Error::invalid("Send a JSON object."));
    service::LoginRequest req;
    for (auto [field, out] :
         {std::pair{"username", &req.username}, std::pair{"password", &req.password},
          std::pair{"totp", &req.totp}, std::pair{"recovery_code", &req.recovery_code}}) {
      auto value = string_field(*body, field);
      if (!value.ok()) return ctx.send_problem(value.error());
      *out = std::move(value).value();
    }
    req.address = client_address(ctx, app);
    req.user_agent = ctx.header("User-Agent");
    req.request_id = ctx.request_id();
    int64_t retry_after = 0;
    auto result = app.auth.login(req, &retry_after);
    security::wipe(req.password);
    if (body->contains("password") && (*body)["password"].is_string())
      security::wipe((*body)["password"].get_ref<std::string&>());
    if (!result.ok()) {
      if (result.error().code == core::ErrorCode::kRateLimited && retry_after > 0)
        ctx.response().set_header("Retry-After", std::to_string(retry_after));
      return ctx.send_problem(result.error());
    }
    const int64_t max_age = app.auth.session_policy().absolute_ms / 1000;
    set_session_cookie(ctx, app, result->token.view(), max_age);
    nlohmann::json out{{"token", std::string(result->token.view())},
                       {"expires_at", core::to_rfc3339({result->expires_at})},
                       {"csrf_token", result->csrf_token},
                       {"second_factor", result->second_factor},
                       {"user", user_json(result->user)}};
    if (!result->second_factor)
      out["next"] = "Set up your second factor: POST /api/v1/auth/totp/enroll, then /confirm.";
    ctx.send_json(200, out);
  });

  router.post("/api/v1/auth/logout", "logout", [&app](RequestContext& ctx) {
    auto who = authenticate(ctx, app, AuthNeed::kAnySession);
    if (!who) return;
    if (auto s = app.auth.logout(*who, ctx.request_id()); !s.ok())
      return ctx.send_problem(s.error());
    clear_session_cookie(ctx, app);
    ctx.response().status = 204;
  });

  router.post("/api/v1/auth/totp/enroll", "enrollTotp", [&app](RequestContext& ctx) {
    auto who = authenticate(ctx, app, AuthNeed::kAnySession);
    if (!who) return;
    if (who->kind != service::Authenticated::Kind::kSession)
      return ctx.send_problem(
          core::Error::forbidden("Enrol a second factor from a signed-in session."));
    auto enrollment = app.users.begin_totp_enrollment(*who);
    if (!enrollment.ok()) return ctx.send_problem(enrollment.error());
    ctx.send_json(200,
                  {{"secret_base32", std::string(enrollment->secret_base32.view())},
                   {"otpauth_uri", std::string(enrollment->uri.view())},
                   {"qr_svg", std::string(enrollment->qr_svg.view())},
                   {"next", "Scan the code, then POST /api/v1/auth/totp/confirm {\"code\"}."}});
  });

  router.post("/api/v1/auth/totp/confirm", "confirmTotp", [&app](RequestContext& ctx) {
    auto who = authenticate(ctx, app, AuthNeed::kAnySession);
    if (!who) return;
    if (who->kind != service::Authenticated::Kind::kSession)
      return ctx.send_problem(
          core::Error::forbidden("Enrol a second factor from a signed-in session."));
    auto body = ctx.json_body();
    if (!body.ok()) return ctx.send_problem(body.error());
    if (!body->is_object()) return ctx.send_problem(core::Error::invalid("Send a JSON object."));
    auto code = string_field(*body, "code");
    if (!code.ok()) return ctx.send_problem(code.error());
    auto codes = app.users.confirm_totp(*who, *code);
    if (!codes.ok()) return ctx.send_problem(codes.error());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : *codes) list.push_back(std::string(c.view()));
    ctx.send_json(
        200,
        {{"recovery_codes", list},
         {"note", "Store these ten codes safely; each works once and they are not shown again."}});
  });
}

}  // namespace haven::http::api
