// Every endpoint, by resource, in the order docs/openapi.yaml lists them.
#include "http/routes.h"

#include "http/router.h"

namespace haven::http {

void register_routes(Router& router, service::App& app, const Metrics& metrics) {
  api::register_health_routes(router, app, metrics);  // /healthz, /readyz, /metrics
  api::register_auth_routes(router, app);             // /api/v1/auth/…
  api::register_me_routes(router, app);               // /api/v1/me
  api::register_audit_routes(router, app);            // /api/v1/audit
}

}  // namespace haven::http
