// Duplicate children ([S1] item 4): POST /api/v1/children/{child_id}/merge folds a duplicate into
// the child in the path, POST /api/v1/merges/{merge_id}/undo takes it apart again, and
// GET /api/v1/duplicates with POST /api/v1/duplicates/{candidate_id}/dismiss are the supervisor's
// review queue that `haven dedupe` fills. The rules live in service/duplicates/.
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "http/api/case_api.h"
#include "http/router.h"
#include "http/routes.h"
#include "service/app.h"

namespace haven::http::api {

namespace {

nlohmann::json opt_time(const std::optional<int64_t>& ms) {
  return ms ? nlohmann::json(core::to_rfc3339({*ms})) : nlohmann::json();
}

template <class T>
nlohmann::json opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

nlohmann::json to_json(const service::MergeView& m) {
  nlohmann::json moved = nlohmann::json::object();
  for (const auto& [key, ids] : m.moved) moved[key] = ids;
  return {{"id", m.id},
          {"survivor_child_id", m.survivor_child_id},
          {"merged_child_id", m.merged_child_id},
          {"reason", m.reason},
          {"moved", moved},
          {"merged_by", m.merged_by},
          {"merged_at", core::to_rfc3339({m.merged_at})},
          {"unmerged_by", opt(m.unmerged_by)},
          {"unmerged_at", opt_time(m.unmerged_at)},
          {"unmerge_reason", opt(m.unmerge_reason)},
          {"version", m.version}};
}

nlohmann::json to_json(const service::DuplicateChild& c) {
  return {{"id", c.id},
          {"given_names", c.given_names},
          {"family_names", c.family_names},
          {"sex", c.sex},
          {"birth_date", opt(c.birth_date)},
          {"birth_date_estimated", c.birth_date_estimated},
          {"merged_into", opt(c.merged_into)},
          {"cases", c.cases},
          {"version", c.version}};
}

nlohmann::json to_json(const service::DuplicateCandidate& d) {
  return {{"id", d.id},
          {"children", {to_json(d.a), to_json(d.b)}},
          {"weight", d.weight},
          {"probability", d.probability},
          {"explanation", d.explanation},
          {"status", d.status},
          {"found_at", core::to_rfc3339({d.found_at})},
          {"decided_by", opt(d.decided_by)},
          {"decided_at", opt_time(d.decided_at)},
          {"version", d.version}};
}

// A string member of the body ("" when absent), or an error naming it.
core::Result<std::string> text_field(const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) return std::string();
  if (!body[name].is_string())
    return core::Error::invalid("The field " + std::string(name) + " must be text.",
                                {{name, "Give text."}});
  return body[name].get<std::string>();
}

// A whole-number member of the body (nullopt when absent), or an error naming it.
core::Result<std::optional<int64_t>> version_field(const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) return std::optional<int64_t>();
  if (!body[name].is_number_integer())
    return core::Error::invalid("The field " + std::string(name) + " must be a version number.",
                                {{name, "Give the version you read, a whole number."}});
  return std::optional<int64_t>(body[name].get<int64_t>());
}

core::Result<int64_t> number_query(const RequestContext& ctx, const char* name, int64_t fallback,
                                   int64_t lo, int64_t hi) {
  const std::string text = ctx.query(name);
  if (text.empty()) return fallback;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi)
    return core::Error::invalid("The query parameter " + std::string(name) + " is not valid.",
                                {{name, "Give a whole number from " + std::to_string(lo) + " to " +
                                            std::to_string(hi) + "."}});
  return v;
}

}  // namespace

void register_merge_routes(Router& router, service::App& app) {
  router.post("/api/v1/children/{child_id}/merge", "mergeChild", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto body = case_body(ctx);
    if (!body) return;
    if (!body->is_object())
      return ctx.send_problem(core::Error::invalid("The body must be a JSON object."));
    service::MergeRequest request;
    request.survivor_child_id = std::string(ctx.param("child_id"));
    auto merged = text_field(*body, "merged_child_id");
    if (!merged.ok()) return ctx.send_problem(merged.error());
    if (merged->empty())
      return ctx.send_problem(
          core::Error::invalid("Name the duplicate to merge into this child.",
                               {{"merged_child_id", "Give the id of the duplicate record."}}));
    request.merged_child_id = *merged;
    auto reason = text_field(*body, "reason");
    if (!reason.ok()) return ctx.send_problem(reason.error());
    request.reason = *reason;
    auto survivor_version = version_field(*body, "version");
    if (!survivor_version.ok()) return ctx.send_problem(survivor_version.error());
    auto merged_version = version_field(*body, "merged_child_version");
    if (!merged_version.ok()) return ctx.send_problem(merged_version.error());
    if (!*survivor_version || !*merged_version)
      return ctx.send_problem(core::Error::invalid(
          "Give the versions of both records as you read them, so nobody's change is lost.",
          {{!*survivor_version ? "version" : "merged_child_version",
            "Give the version you read."}}));
    request.survivor_version = *survivor_version;
    request.merged_child_version = *merged_version;
    auto result = app.merges.merge(request, *actor);
    if (!result.ok()) return ctx.send_problem(result.error());
    ctx.send_json(201, to_json(*result));
  });

  router.get("/api/v1/merges/{merge_id}", "getMerge", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto result = app.merges.get(std::string(ctx.param("merge_id")), *actor);
    if (!result.ok()) return ctx.send_problem(result.error());
    ctx.send_json(200, to_json(*result));
  });

  router.post("/api/v1/merges/{merge_id}/undo", "undoMerge", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto body = case_body(ctx);
    if (!body) return;
    if (!body->is_object())
      return ctx.send_problem(core::Error::invalid("The body must be a JSON object."));
    auto reason = text_field(*body, "reason");
    if (!reason.ok()) return ctx.send_problem(reason.error());
    auto version = version_field(*body, "version");
    if (!version.ok()) return ctx.send_problem(version.error());
    auto result = app.merges.unmerge(std::string(ctx.param("merge_id")), *reason, *version, *actor);
    if (!result.ok()) return ctx.send_problem(result.error());
    ctx.send_json(200, to_json(*result));
  });

  router.get("/api/v1/duplicates", "listDuplicates", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    service::DuplicateListOptions options;
    if (!ctx.query("status").empty()) options.status = ctx.query("status");
    auto limit = number_query(ctx, "limit", 50, 1, 200);
    if (!limit.ok()) return ctx.send_problem(limit.error());
    auto offset = number_query(ctx, "offset", 0, 0, 1'000'000'000);
    if (!offset.ok()) return ctx.send_problem(offset.error());
    options.limit = static_cast<int>(*limit);
    options.offset = static_cast<int>(*offset);
    auto page = app.duplicates.list(*actor, options);
    if (!page.ok()) return ctx.send_problem(page.error());
    nlohmann::json pairs = nlohmann::json::array();
    for (const auto& d : page->candidates) pairs.push_back(to_json(d));
    ctx.send_json(200, {{"status", options.status},
                        {"total", page->total},
                        {"duplicates", pairs},
                        {"next_offset", opt(page->next_offset)}});
  });

  router.post(
      "/api/v1/duplicates/{candidate_id}/dismiss", "dismissDuplicate", [&app](RequestContext& ctx) {
        auto actor = case_actor(ctx, app);
        if (!actor) return;
        auto body = case_body(ctx);
        if (!body) return;
        if (!body->is_object())
          return ctx.send_problem(core::Error::invalid("The body must be a JSON object."));
        auto version = version_field(*body, "version");
        if (!version.ok()) return ctx.send_problem(version.error());
        auto result =
            app.duplicates.dismiss(*actor, std::string(ctx.param("candidate_id")), *version);
        if (!result.ok()) return ctx.send_problem(result.error());
        ctx.send_json(200, to_json(*result));
      });
}

}  // namespace haven::http::api
