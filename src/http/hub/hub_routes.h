// The route table of the regional hub (`haven serve --mode regional`): a hub holds no personal
// data, so it serves no sign-in, no case work and none of the national API — only the probes, the
// intake of signed statistics releases and linkage encodings, and the regional dashboard. Every
// hub endpoint is registered from register_hub_routes() and listed in docs/openapi-hub.yaml
// (tests/unit/http/openapi_hub_test.cpp compares the two).
#pragma once

namespace haven::service {
struct App;
}

namespace haven::http {

class Metrics;
class Router;

// Registers every endpoint of the hub on `router`.
void register_hub_routes(Router& router, service::App& app, const Metrics& metrics);

namespace api {
// GET/POST /api/v1/releases, GET /api/v1/releases/{release_id}.
void register_hub_release_routes(Router& router, service::App& app);
// POST /api/v1/linkage/uploads, POST /api/v1/linkage/pairs.
void register_hub_linkage_routes(Router& router, service::App& app);
}  // namespace api

}  // namespace haven::http
