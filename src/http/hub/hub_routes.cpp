// Every endpoint of the regional hub, in the order docs/openapi-hub.yaml lists them.
#include "http/hub/hub_routes.h"

#include <httplib.h>

#include "http/request_context.h"
#include "http/router.h"
#include "http/routes.h"
#include "http/web/stats_page.h"
#include "service/app.h"

namespace haven::http {

void register_hub_routes(Router& router, service::App& app, const Metrics& metrics) {
  api::register_health_routes(router, app, metrics);  // /healthz, /readyz, /metrics
  api::register_hub_release_routes(router, app);      // /api/v1/releases…
  api::register_hub_linkage_routes(router, app);      // /api/v1/linkage/…
  // The regional dashboard's pages ([R1]) register here, one line each.
  web::register_stats_hub_routes(router, app);  // /static/…, /language, /stats, /stats/download
  // The header's "haven" link: the hub's one page is its dashboard.
  router.get("/", "hubHome", [](RequestContext& ctx) {
    ctx.response().set_header("Location", "/stats");
    ctx.send_text(303, "", "text/plain; charset=utf-8");
  });
}

}  // namespace haven::http
