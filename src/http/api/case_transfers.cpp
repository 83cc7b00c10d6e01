// Transfers of a case to another agency of the same country: POST /api/v1/cases/{case_id}/transfers
// {to_agency_id, reason}, GET /api/v1/cases/{case_id}/transfers, GET /api/v1/transfers
// ?direction=incoming|outgoing&state=…, and the receiving agency's answer,
// POST /api/v1/transfers/{transfer_id}/accept | reject {comment}.
#include "http/api/record_api.h"
#include "http/router.h"
#include "http/routes.h"

namespace haven::http::api {

namespace {

nlohmann::json transfer_json(const service::TransferInfo& t) {
  return {
      {"id", t.id},
      {"case_id", t.case_id},
      {"case_number", t.case_number},
      {"from_agency", {{"id", t.from_agency_id}, {"name", t.from_agency_name}}},
      {"to_agency", {{"id", t.to_agency_id}, {"name", t.to_agency_name}}},
      {"requested_by", t.requested_by},
      {"requested_at", instant_json(t.requested_at)},
      {"reason", t.reason},
      {"state", t.state},
      {"decided_by", t.decided_by ? nlohmann::json(*t.decided_by) : nlohmann::json()},
      {"decided_at", t.decided_at ? nlohmann::json(instant_json(*t.decided_at)) : nlohmann::json()},
      {"comment", t.comment},
      {"version", t.version}};
}

Router::Handler answer(service::App& app, bool accept) {
  return [&app, accept](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto body = case_body(ctx);
    if (!body) return;
    domain::FieldErrors errors;
    std::string comment;
    if (service::expect_object(*body, errors, "")) {
      service::JsonReader in(*body, errors);
      comment = in.text("comment");
    }
    if (auto s = read_status(errors, "answer"); !s.ok()) return ctx.send_problem(s.error());
    const std::string id(ctx.param("transfer_id"));
    send_record(ctx,
                accept ? app.transfers.accept(*actor, id, comment)
                       : app.transfers.reject(*actor, id, comment),
                transfer_json);
  };
}

}  // namespace

void register_case_transfer_routes(Router& router, service::App& app) {
  router.post(
      "/api/v1/cases/{case_id}/transfers", "requestCaseTransfer", [&app](RequestContext& ctx) {
        auto actor = case_actor(ctx, app);
        if (!actor) return;
        auto body = case_body(ctx);
        if (!body) return;
        domain::FieldErrors errors;
        std::string to, reason;
        if (service::expect_object(*body, errors, "")) {
          service::JsonReader in(*body, errors);
          to = in.text("to_agency_id");
          reason = in.text("reason");
        }
        if (refused_input(ctx, app, *actor, security::Action::kTransition,
                          security::ResourceKind::kCase, errors, "transfer"))
          return;
        send_record(ctx,
                    app.transfers.request(*actor, std::string(ctx.param("case_id")), to, reason),
                    transfer_json, 201);
      });

  router.get("/api/v1/cases/{case_id}/transfers", "listCaseTransfers", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    send_list(ctx, app.transfers.for_case(*actor, std::string(ctx.param("case_id"))),
              transfer_json);
  });

  router.get("/api/v1/transfers", "listTransfers", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    const std::string direction = ctx.query("direction");
    if (!direction.empty() && direction != "incoming" && direction != "outgoing")
      return ctx.send_problem(core::Error::invalid(
          "The transfer list cannot be filtered that way.",
          {{"direction", "Give incoming (to your agency) or outgoing (from it)."}}));
    send_list(ctx, app.transfers.list(*actor, direction != "outgoing", ctx.query("state")),
              transfer_json);
  });

  router.post("/api/v1/transfers/{transfer_id}/accept", "acceptTransfer", answer(app, true));
  router.post("/api/v1/transfers/{transfer_id}/reject", "rejectTransfer", answer(app, false));
}

}  // namespace haven::http::api
