// The case resource: GET /api/v1/cases (filters, sort, cursor), GET /api/v1/cases/{case_id} (with
// available_actions), POST …/transitions, POST …/assignment, GET …/history.
#include "http/api/case_api.h"
#include "http/router.h"
#include "http/routes.h"

namespace haven::http::api {

void register_case_routes(Router& router, service::App& app) {
  router.get("/api/v1/cases", "listCases", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    service::CaseListRequest q;
    auto opt = [&](const char* name) -> std::optional<std::string> {
      std::string v = ctx.query(name);
      return v.empty() ? std::nullopt : std::optional(v);
    };
    q.status = opt("status");
    q.risk = opt("risk");
    q.worker = opt("worker");
    const std::string overdue = ctx.query("overdue");
    if (!overdue.empty() && overdue != "true" && overdue != "false")
      return ctx.send_problem(core::Error::invalid("The case list cannot be filtered that way.",
                                                   {{"overdue", "Give true or false."}}));
    q.overdue_only = overdue == "true";
    if (auto s = opt("sort")) q.sort = *s;
    q.cursor = ctx.query("cursor");
    if (auto l = opt("limit")) {
      try {
        size_t used = 0;
        q.limit = std::stoi(*l, &used);
        if (used != l->size()) q.limit = 0;
      } catch (const std::exception&) {
        q.limit = 0;
      }
    }
    send_case_result(ctx, app.cases.list(q, *actor));
  });

  router.get("/api/v1/cases/{case_id}", "getCase", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    send_case_result(ctx, app.cases.get(std::string(ctx.param("case_id")), *actor));
  });

  router.post("/api/v1/cases/{case_id}/transitions", "transitionCase", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto body = case_body(ctx);
    if (!body) return;
    send_case_result(ctx, app.cases.transition(std::string(ctx.param("case_id")), *body, *actor));
  });

  router.post("/api/v1/cases/{case_id}/assignment", "assignCase", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto body = case_body(ctx);
    if (!body) return;
    send_case_result(ctx, app.cases.assign(std::string(ctx.param("case_id")), *body, *actor));
  });

  router.get("/api/v1/cases/{case_id}/history", "getCaseHistory", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    send_case_result(ctx, app.cases.history(std::string(ctx.param("case_id")), *actor));
  });
}

}  // namespace haven::http::api
