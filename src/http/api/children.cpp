// GET /api/v1/children/{child_id}: a child with everything registered about them (sensitive
// fields decrypted for an authorized reader; the read is audited).
#include "http/api/case_api.h"
#include "http/router.h"
#include "http/routes.h"

namespace haven::http::api {

void register_child_routes(Router& router, service::App& app) {
  router.get("/api/v1/children/{child_id}", "getChild", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    send_case_result(ctx, app.children.get(std::string(ctx.param("child_id")), *actor));
  });
}

}  // namespace haven::http::api
