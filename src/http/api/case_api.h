// What the case-management handlers (reports, cases, case records, children, tasks) share: the
// caller as a service::Actor, the version from `If-Match` when the body has none, and answering a
// service Result — a stale-version conflict carries `current_version` at the top of the problem.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/result.h"
#include "http/authentication.h"
#include "http/problem.h"
#include "http/request_context.h"
#include "service/app.h"

namespace haven::http::api {

// The signed-in caller as an Actor, or nullopt after a 401/403 was sent.
inline std::optional<service::Actor> case_actor(RequestContext& ctx, service::App& app) {
  auto who = authenticate(ctx, app);
  if (!who) return std::nullopt;
  return service::Actor::of(*who, ctx.request_id());
}

// The JSON body (an empty body is {}), with "version" taken from If-Match ("7" or W/"7") when the
// body does not carry one. nullopt after sending 400/413.
inline std::optional<nlohmann::json> case_body(RequestContext& ctx) {
  nlohmann::json body = nlohmann::json::object();
  if (!ctx.body().empty()) {
    auto parsed = ctx.json_body();
    if (!parsed.ok()) {
      ctx.send_problem(parsed.error());
      return std::nullopt;
    }
    body = std::move(*parsed);
  }
  std::string tag = ctx.header("If-Match");
  if (body.is_object() && !body.contains("version") && !tag.empty()) {
    if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"')
      tag = tag.substr(1, tag.size() - 2);
    try {
      size_t used = 0;
      long long v = std::stoll(tag, &used);
      if (used == tag.size()) body["version"] = v;
    } catch (const std::exception&) {
      // left without a version: the service names the missing field
    }
  }
  return body;
}

// 2xx with the JSON, or the problem; a stale version answers 409 with current_version.
inline void send_case_result(RequestContext& ctx, const core::Result<nlohmann::json>& result,
                             int status = 200) {
  if (result.ok()) {
    ctx.send_json(status, *result);
    return;
  }
  const core::Error& e = result.error();
  if (e.code == core::ErrorCode::kConflict && e.fields.size() == 1 &&
      e.fields[0].field == "current_version") {
    auto doc = nlohmann::json::parse(problem_json(e, ctx.path(), ctx.request_id()), nullptr, false);
    try {
      doc["current_version"] = std::stoll(e.fields[0].message);
    } catch (const std::exception&) {
    }
    doc.erase("errors");
    ctx.send_text(409, doc.dump(), kProblemContentType);
    return;
  }
  ctx.send_problem(e);
}

}  // namespace haven::http::api
