// GET /api/v1/me: who the signed-in caller is, their role, agency, permissions and session state
// (including the CSRF token a cookie-authenticated page needs for its forms).
#include <nlohmann/json.hpp>

#include "http/authentication.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/routes.h"
#include "service/app.h"

namespace haven::http::api {

void register_me_routes(Router& router, service::App& app) {
  router.get("/api/v1/me", "getMe", [&app](RequestContext& ctx) {
    auto who = authenticate(ctx, app, AuthNeed::kAnySession);
    if (!who) return;
    const auto& u = who->user;
    nlohmann::json out{
        {"id", u.id},
        {"username", u.username},
        {"display_name", u.display_name},
        {"role", u.role},
        {"agency", {{"id", u.agency_id}, {"name", u.agency_name}, {"country", u.country}}},
        {"teams", who->principal.team_ids},
        {"permissions", who->principal.permissions},
        {"second_factor", who->second_factor},
        {"second_factor_enrolled", u.totp_enrolled},
        {"authenticated_by",
         who->kind == service::Authenticated::Kind::kSession ? "session" : "api_token"},
        {"expires_at", core::to_rfc3339({who->expires_at})},
        {"demo", app.demo.is_demo()}};
    if (who->kind == service::Authenticated::Kind::kSession)
      out["csrf_token"] = app.auth.csrf_token(who->session_hash_hex);
    else
      out["scopes"] = who->scopes;
    ctx.send_json(200, out);
  });
}

}  // namespace haven::http::api
