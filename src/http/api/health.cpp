// Probes for load balancers and operators: liveness (/healthz), readiness (/readyz: database
// reachable and schema current) and Prometheus metrics (/metrics). None needs a session.
#include <nlohmann/json.hpp>

#include "core/result.h"
#include "http/metrics.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/routes.h"
#include "service/app.h"

namespace haven::http::api {

void register_health_routes(Router& router, service::App& app, const Metrics& metrics) {
  // Answers while the process serves at all; it checks nothing else, by design.
  router.get("/healthz", "getHealthz", [](RequestContext& ctx) {
    ctx.send_json(200, {{"status", "ok"}});
  });

  // Ready when the database answers and every migration is applied: take traffic only then.
  router.get("/readyz", "getReadyz", [&app](RequestContext& ctx) {
    service::Readiness readiness = app.health.readiness();
    if (readiness.ready) {
      ctx.send_json(200, {{"status", "ready"}, {"database", app.health.backend_name()}});
    } else {
      ctx.send_problem(core::Error::unavailable("Not ready: " + readiness.reason));
    }
  });

  router.get("/metrics", "getMetrics", [&app, &metrics](RequestContext& ctx) {
    ctx.send_text(200, metrics.render(app.health.pool_stats()),
                  "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace haven::http::api
