// The hub's JSON API: signed statistics releases in (POST /api/v1/releases) and out (the listing
// the dashboard and anyone may read: published, disclosure-controlled figures only), linkage
// encodings in and each country's own pairs out. A refusal is problem+json with a `reason` member
// naming the check that failed (service/hub/hub_service.h lists them).
#include <nlohmann/json.hpp>

#include "exchange/key_file.h"
#include "http/hub/hub_routes.h"
#include "http/json_body.h"
#include "http/problem.h"
#include "http/request_context.h"
#include "http/router.h"
#include "service/app.h"

namespace haven::http::api {

namespace {

// A release is kilobytes and takes the server's body limit; encodings are 168 bytes a child.
constexpr size_t kMaxUploadBody = 96u << 20;  // base64 of 64 MiB: ~400,000 encodings

template <class T>
void send_refusal(RequestContext& ctx, const service::HubAnswer<T>& answer) {
  if (answer.reason == "unavailable" || answer.error.code == core::ErrorCode::kInternal) {
    ctx.send_problem(answer.error);
    return;
  }
  nlohmann::json body =
      nlohmann::json::parse(problem_json(answer.error, ctx.path(), ctx.request_id()));
  body["reason"] = answer.reason;
  ctx.send_text(http_status(answer.error), body.dump(), kProblemContentType);
}

// {"signature": {...}} → the signature as JSON text; "" if absent (the service refuses it).
std::string signature_text(const nlohmann::json& body) {
  if (!body.contains("signature") || !body["signature"].is_object()) return "";
  return body["signature"].dump();
}

nlohmann::json release_json(const store::HubReleaseRow& r, bool with_text) {
  nlohmann::json j{{"id", r.id},
                   {"country", r.country},
                   {"authority", r.authority},
                   {"period", r.period},
                   {"release_version", r.release_version},
                   {"prepared_at", r.prepared_at},
                   {"received_at", r.received_at},
                   {"dataflow", r.dataflow},
                   {"observations", r.observations},
                   {"withheld", r.withheld},
                   {"digest", r.digest},
                   {"signature", r.signature},
                   {"signer_key", r.signer_key}};
  if (with_text) j["sdmx_csv"] = r.sdmx_csv;
  return j;
}

}  // namespace

void register_hub_release_routes(Router& router, service::App& app) {
  // ?country=SE&period=2026&latest=true: the newest version of each country and period only.
  router.get("/api/v1/releases", "listReleases", [&app](RequestContext& ctx) {
    store::ReleaseQuery query;
    query.country = ctx.query("country");
    query.period = ctx.query("period");
    const bool latest = ctx.query("latest") == "true" || ctx.query("latest") == "1";
    auto rows = latest ? app.hub.latest_releases(query) : app.hub.list_releases(query);
    if (!rows.ok()) return ctx.send_problem(rows.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : *rows) items.push_back(release_json(r, false));
    ctx.send_json(200, {{"releases", items}});
  });

  // {"signature": <release.csv.sig>, "sdmx_csv": "<release.csv>"}.
  router.post("/api/v1/releases", "submitRelease", [&app](RequestContext& ctx) {
    auto body = ctx.json_body();
    if (!body.ok()) return ctx.send_problem(body.error());
    if (!body->is_object() || !body->contains("sdmx_csv") || !(*body)["sdmx_csv"].is_string()) {
      service::HubAnswer<int> bad = service::HubAnswer<int>::refused(
          "malformed", core::Error::invalid("Send {\"signature\": {…}, \"sdmx_csv\": \"…\"}."));
      return send_refusal(ctx, bad);
    }
    auto answer = app.hub.submit_release(
        signature_text(*body), (*body)["sdmx_csv"].get_ref<const std::string&>(), ctx.request_id());
    if (!answer.ok()) return send_refusal(ctx, answer);
    ctx.send_json(201, release_json(*answer.value, false));
  });

  router.get("/api/v1/releases/{release_id}", "getRelease", [&app](RequestContext& ctx) {
    auto row = app.hub.release(std::string(ctx.param("release_id")));
    if (!row.ok()) return ctx.send_problem(row.error());
    ctx.send_json(200, release_json(*row, true));
  });
}

void register_hub_linkage_routes(Router& router, service::App& app) {
  // {"signature": <kind linkage-upload>, "encodings": "<the encoding file, base64>"}.
  router.post("/api/v1/linkage/uploads", "uploadEncodings", [&app](RequestContext& ctx) {
    // Parsed here, not with json_body(), which holds every route to the server's smaller limit.
    if (!is_json_media_type(ctx.header("Content-Type")))
      return ctx.send_problem(core::Error::invalid("Send the upload as application/json."));
    auto body = parse_json_text(ctx.body());
    if (!body.ok()) return ctx.send_problem(body.error());
    std::optional<std::string> bytes;
    if (body->is_object() && body->contains("encodings") && (*body)["encodings"].is_string()) {
      auto decoded = exchange::from_base64((*body)["encodings"].get_ref<const std::string&>());
      if (decoded.ok()) bytes = std::move(decoded).value();
    }
    if (!bytes) {
      return send_refusal(
          ctx, service::HubAnswer<int>::refused(
                   "malformed", core::Error::invalid("Send {\"signature\": {…}, \"encodings\": "
                                                     "\"<the encoding file in base64>\"}.")));
    }
    auto answer = app.hub.upload_encodings(signature_text(*body), *bytes, ctx.request_id());
    if (!answer.ok()) return send_refusal(ctx, answer);
    const auto& r = *answer.value;
    ctx.send_json(201, {{"upload_id", r.upload_id},
                        {"country", r.country},
                        {"records", r.records},
                        {"key_fingerprint", r.key_fingerprint}});
  });
  router.limit_body(Method::kPost, "/api/v1/linkage/uploads", kMaxUploadBody);

  // {"signature": <kind linkage-pairs, subject = the partner country, over empty content>}.
  router.post("/api/v1/linkage/pairs", "getLinkagePairs", [&app](RequestContext& ctx) {
    auto body = ctx.json_body();
    if (!body.ok()) return ctx.send_problem(body.error());
    auto answer = app.hub.pairs(body->is_object() ? signature_text(*body) : "", ctx.request_id());
    if (!answer.ok()) return send_refusal(ctx, answer);
    const auto& p = *answer.value;
    nlohmann::json links = nlohmann::json::array();
    for (const auto& l : p.links) links.push_back({{"link", l.link}, {"record", l.record}});
    ctx.send_json(
        200,
        {{"run_id", p.run_id}, {"country", p.country}, {"partner", p.partner}, {"links", links}});
  });
}

}  // namespace haven::http::api
