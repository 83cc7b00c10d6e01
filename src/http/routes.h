// The routes file: every endpoint haven serves is registered from register_routes(), one call per
// resource file in http/api/ (Primero style), so this file, docs/openapi.yaml and Router::routes()
// list the same endpoints. To add a resource: write http/api/<resource>.cpp with
// register_<resource>_routes(Router&, service::App&), declare it below and call it in routes.cpp.
#pragma once

namespace haven::service {
struct App;
}

namespace haven::http {

class Metrics;
class Router;

// Registers every endpoint of the application on `router`.
void register_routes(Router& router, service::App& app, const Metrics& metrics);

namespace api {
// GET /healthz, GET /readyz, GET /metrics (the one route file that also needs the server's
// metrics).
void register_health_routes(Router& router, service::App& app, const Metrics& metrics);
// POST /api/v1/auth/login, /auth/logout, /auth/totp/enroll, /auth/totp/confirm.
void register_auth_routes(Router& router, service::App& app);
// GET /api/v1/me.
void register_me_routes(Router& router, service::App& app);
// GET /api/v1/audit (auditors).
void register_audit_routes(Router& router, service::App& app);
}  // namespace api

}  // namespace haven::http
