// Alternative-care placements under a case: GET/POST /api/v1/cases/{case_id}/placements and
// PUT …/placements/{placement_id} (with the version read).
#include "http/api/record_api.h"
#include "http/router.h"
#include "http/routes.h"

namespace haven::http::api {

namespace {

domain::Placement read_placement(const nlohmann::json& body, domain::FieldErrors& errors) {
  domain::Placement p;
  if (!service::expect_object(body, errors, "")) return p;
  service::JsonReader in(body, errors);
  auto type = in.code<domain::PlacementType>("type", domain::parse_placement_type,
                                             domain::all_placement_types());
  if (type)
    p.type = *type;
  else if (!in.has("type"))
    errors.add("type", "Choose the kind of placement.");
  p.provider = in.text("provider");
  auto start = in.date("start_on");
  if (start)
    p.start_on = *start;
  else if (!in.has("start_on"))
    errors.add("start_on", "Give the day the placement starts.");
  p.end_on = in.date("end_on");
  for (const auto& code : in.strings("entry_reasons"))
    if (auto r = errors.code<domain::EntryReason>("entry_reasons", code, domain::parse_entry_reason,
                                                  domain::all_entry_reasons()))
      p.entry_reasons.push_back(*r);
  p.reason = in.text("reason");
  p.exit_destination = in.code<domain::ExitDestination>(
      "exit_destination", domain::parse_exit_destination, domain::all_exit_destinations());
  p.end_reason = in.text("end_reason");
  const auto& dates = in.member("review_dates");
  if (!dates.is_null() && !dates.is_array()) {
    errors.add("review_dates", "Give a list of dates as YYYY-MM-DD.");
  } else if (dates.is_array()) {
    for (size_t i = 0; i < dates.size(); ++i) {
      std::optional<core::Date> d;
      if (dates[i].is_string()) d = core::Date::parse(dates[i].get_ref<const std::string&>());
      if (d)
        p.review_dates.push_back(*d);
      else
        errors.add(domain::indexed_field("review_dates", i), "Give a date as YYYY-MM-DD.");
    }
  }
  return p;
}

nlohmann::json placement_json(const service::PlacementRecord& x) {
  const domain::Placement& p = x.placement;
  nlohmann::json dates = nlohmann::json::array();
  for (const auto& d : p.review_dates) dates.push_back(d.to_string());
  nlohmann::json reasons = nlohmann::json::array();
  for (auto r : p.entry_reasons) reasons.push_back(domain::to_code(r));
  nlohmann::json destination;  // null until the placement ends (and for older ended ones)
  if (p.exit_destination) destination = domain::to_code(*p.exit_destination);
  return {{"id", p.id},
          {"case_id", x.case_id},
          {"type", domain::to_code(p.type)},
          {"provider", p.provider},
          {"start_on", p.start_on.to_string()},
          {"end_on", date_json(p.end_on)},
          {"entry_reasons", reasons},
          {"reason", p.reason},
          {"exit_destination", destination},
          {"end_reason", p.end_reason},
          {"review_dates", dates},
          {"created_by", x.created_by},
          {"created_at", instant_json(x.created_at)},
          {"updated_at", instant_json(x.updated_at)},
          {"version", x.version}};
}

}  // namespace

void register_case_placement_routes(Router& router, service::App& app) {
  router.get("/api/v1/cases/{case_id}/placements", "listPlacements", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    send_list(ctx, app.placements.list(*actor, std::string(ctx.param("case_id"))), placement_json);
  });

  router.post("/api/v1/cases/{case_id}/placements", "createPlacement", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto body = case_body(ctx);
    if (!body) return;
    domain::FieldErrors errors;
    domain::Placement p = read_placement(*body, errors);
    if (refused_input(ctx, app, *actor, security::Action::kCreate,
                      security::ResourceKind::kPlacement, errors, "placement"))
      return;
    send_record(ctx, app.placements.create(*actor, std::string(ctx.param("case_id")), std::move(p)),
                placement_json, 201);
  });

  router.put("/api/v1/cases/{case_id}/placements/{placement_id}", "updatePlacement",
             [&app](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               auto body = case_body(ctx);
               if (!body) return;
               domain::FieldErrors errors;
               domain::Placement p = read_placement(*body, errors);
               auto version = read_version(*body, errors);
               if (refused_input(ctx, app, *actor, security::Action::kUpdate,
                                 security::ResourceKind::kPlacement, errors, "placement"))
                 return;
               send_record(ctx,
                           app.placements.update(*actor, std::string(ctx.param("case_id")),
                                                 std::string(ctx.param("placement_id")), *version,
                                                 std::move(p)),
                           placement_json);
             });
}

}  // namespace haven::http::api
