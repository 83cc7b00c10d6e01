// GET /api/v1/break-glass and POST /api/v1/break-glass/{event_id}/acknowledge: the supervisor's
// view of emergency reads by users of their agency (auditors see all), and signing one off.
// A read is made by sending `Haven-Break-Glass-Reason` on the request (http/authentication.h).
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "http/authentication.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/routes.h"
#include "service/app.h"

namespace haven::http::api {

namespace {

nlohmann::json to_json(const service::BreakGlassEvent& e) {
  nlohmann::json j{{"id", e.event_id},
                   {"at", core::to_rfc3339({e.at})},
                   {"reader",
                    {{"id", e.reader_id},
                     {"username", e.reader_username},
                     {"display_name", e.reader_display_name},
                     {"role", e.reader_role}}},
                   {"agency_id", e.agency_id},
                   {"record", {{"kind", e.entity}, {"id", e.entity_id}}},
                   {"reason", e.reason},
                   {"request_id", e.request_id},
                   {"acknowledged", e.acknowledged}};
  if (e.acknowledged) {
    j["acknowledged_by"] = {{"id", e.acknowledged_by}, {"username", e.acknowledged_by_username}};
    j["acknowledged_at"] = core::to_rfc3339({e.acknowledged_at.value_or(0)});
  }
  return j;
}

// A whole number in [lo, hi] from the query string, or an error naming the parameter.
core::Result<std::optional<int64_t>> number_param(const RequestContext& ctx, const char* name,
                                                  int64_t lo, int64_t hi) {
  const std::string text = ctx.query(name);
  if (text.empty()) return std::optional<int64_t>();
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi)
    return core::Error::invalid("The query parameter " + std::string(name) + " is not valid.",
                                {{name, "Give a whole number from " + std::to_string(lo) + " to " +
                                            std::to_string(hi) + "."}});
  return std::optional<int64_t>(v);
}

}  // namespace

void register_break_glass_routes(Router& router, service::App& app) {
  router.get("/api/v1/break-glass", "listBreakGlassEvents", [&app](RequestContext& ctx) {
    auto who = authenticate(ctx, app);
    if (!who) return;
    service::BreakGlassListOptions options;
    auto limit = number_param(ctx, "limit", 1, 200);
    if (!limit.ok()) return ctx.send_problem(limit.error());
    if (*limit) options.limit = static_cast<int>(**limit);
    auto before = number_param(ctx, "before", 1, INT64_MAX);
    if (!before.ok()) return ctx.send_problem(before.error());
    options.before = *before;
    const std::string acknowledged = ctx.query("acknowledged");
    if (acknowledged == "true") {
      options.acknowledged = true;
    } else if (acknowledged == "false") {
      options.acknowledged = false;
    } else if (!acknowledged.empty()) {
      return ctx.send_problem(core::Error::invalid(
          "The query parameter acknowledged is not valid.",
          {{"acknowledged", "Give true or false, or leave it out for both."}}));
    }
    auto page = app.break_glass.list(service::Actor::of(*who, ctx.request_id()), options);
    if (!page.ok()) return ctx.send_problem(page.error());
    nlohmann::json events = nlohmann::json::array();
    for (const auto& e : page->events) events.push_back(to_json(e));
    nlohmann::json out{{"scope", page->scope},
                       {"unacknowledged", page->unacknowledged},
                       {"events", events},
                       {"next_before", nullptr}};
    if (page->next_before) out["next_before"] = *page->next_before;
    ctx.send_json(200, out);
  });

  router.post("/api/v1/break-glass/{event_id}/acknowledge", "acknowledgeBreakGlassEvent",
              [&app](RequestContext& ctx) {
                auto who = authenticate(ctx, app);
                if (!who) return;
                auto event = app.break_glass.acknowledge(service::Actor::of(*who, ctx.request_id()),
                                                         std::string(ctx.param("event_id")));
                if (!event.ok()) return ctx.send_problem(event.error());
                ctx.send_json(200, to_json(*event));
              });
}

}  // namespace haven::http::api
