// GET /api/v1/tasks: the signed-in user's task list (a caseworker's cases, or a supervisor's
// agency with the approvals waiting), most urgent first.
#include "http/api/case_api.h"
#include "http/router.h"
#include "http/routes.h"

namespace haven::http::api {

void register_task_routes(Router& router, service::App& app) {
  router.get("/api/v1/tasks", "listTasks", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    send_case_result(ctx, app.tasks.for_actor(*actor));
  });
}

}  // namespace haven::http::api
