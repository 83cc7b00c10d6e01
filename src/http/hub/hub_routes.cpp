// Every endpoint of the regional hub, in the order docs/openapi-hub.yaml lists them.
#include "http/hub/hub_routes.h"

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
  web::register_stats_hub_routes(router, app);  // /static/…, /stats, /stats/download
}

}  // namespace haven::http
