// POST /api/v1/reports: intake of a report of concern (with a new or an existing child), which
// opens a case in `reported`. 201 with the ids and the case number.
#include "http/api/case_api.h"
#include "http/router.h"
#include "http/routes.h"

namespace haven::http::api {

void register_report_routes(Router& router, service::App& app) {
  router.post("/api/v1/reports", "createReport", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto body = case_body(ctx);
    if (!body) return;
    auto r = app.reports.intake(*body, *actor);
    if (!r.ok()) return ctx.send_problem(r.error());
    ctx.send_json(201, {{"report_id", r->report_id},
                        {"child_id", r->child_id},
                        {"case_id", r->case_id},
                        {"case_number", r->case_number},
                        {"new_child", r->new_child}});
  });
}

}  // namespace haven::http::api
