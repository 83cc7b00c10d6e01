// Transnational referrals over JSON ([X1], docs/EXCHANGE.md): /api/v1/referrals (list, draft),
// /api/v1/referrals/{referral_id} (read, change a draft), …/preview (exactly what will leave the
// country), …/approve, …/send, …/withdraw, …/reject, …/acknowledge, …/answer, …/close, and the
// linkage review queue /api/v1/linkage-review (list, …/{pair_id}/confirm, …/reject). Handlers read
// JSON and call CrossBorderReferralService, which authorizes, validates and audits.
#include "http/api/record_api.h"
#include "http/router.h"
#include "http/routes.h"

namespace haven::http::api {

namespace {

using nlohmann::json;

json object_or_raw(const std::string& text) {
  if (text.empty()) return json();
  auto j = json::parse(text, nullptr, false);
  return j.is_discarded() ? json(text) : j;
}

json referral_json(const service::CrossBorderReferral& r) {
  return {{"id", r.id},
          {"direction", r.direction},
          {"case_id", text_or_null(r.case_id)},
          {"child_id", text_or_null(r.child_id)},
          {"agency_id", text_or_null(r.agency_id)},
          {"country", r.country},
          {"request_type", r.request_type},
          {"partner_country", r.partner_country},
          {"partner_authority", r.partner_authority},
          {"status", r.status},
          {"legal_basis", r.legal_basis},
          {"purpose", r.purpose},
          {"fields", object_or_raw(r.fields)},
          {"answer", object_or_raw(r.answer)},
          {"reason", text_or_null(r.reason)},
          {"approved_by", text_or_null(r.approved_by)},
          {"approved_at", r.approved_at ? json(instant_json(r.approved_at)) : json()},
          {"message_id", text_or_null(r.message_id)},
          {"answer_message_id", text_or_null(r.answer_message_id)},
          {"review_pair_id", text_or_null(r.review_pair_id)},
          {"created_by", r.created_by},
          {"created_at", instant_json(r.created_at)},
          {"updated_at", instant_json(r.updated_at)},
          {"delivered_at", r.delivered_at ? json(instant_json(r.delivered_at)) : json()},
          {"pending_deliveries", r.pending_deliveries},
          {"version", r.version}};
}

json step_json(const service::ReferralStep& s) {
  json j = referral_json(s.referral);
  j["sent_message_id"] = text_or_null(s.message_id);
  j["delivered"] = s.delivered;
  j["delivery_error"] = text_or_null(s.delivery_error);
  j["package"] = text_or_null(s.envelope);
  return j;
}

json preview_json(const service::ReferralPreview& p) {
  json problems = json::array();
  for (const auto& f : p.problems) problems.push_back({{"field", f.field}, {"message", f.message}});
  return {{"kind", p.kind},
          {"sender", {{"country", p.sender_country}, {"authority", p.sender_authority}}},
          {"receiver", {{"country", p.receiver_country}, {"authority", p.receiver_authority}}},
          {"purpose", p.purpose},
          {"legal_basis", p.legal_basis},
          {"data_categories", p.data_categories},
          {"payload", object_or_raw(p.payload)},
          {"problems", problems}};
}

json pair_json(const service::ReviewPair& p) {
  return {{"id", p.id},
          {"child_id", p.child_id},
          {"child_name", p.child_name},
          {"birth_date", text_or_null(p.birth_date)},
          {"local_reference", p.local_reference},
          {"partner_country", p.partner_country},
          {"partner_reference", p.partner_reference},
          {"status", p.status},
          {"referral_id", text_or_null(p.referral_id)},
          {"imported_at", instant_json(p.imported_at)},
          {"decided_by", text_or_null(p.decided_by)},
          {"decided_at", p.decided_at ? json(instant_json(p.decided_at)) : json()},
          {"version", p.version}};
}

std::string text_of(const json& body, const char* name) {
  if (body.is_object() && body.contains(name) && body[name].is_string())
    return body[name].get<std::string>();
  return "";
}

// "fields"/"answer" as JSON text: an object is dumped, anything else passed on for the service to
// refuse.
std::string object_text(const json& body, const char* name) {
  if (!body.is_object() || !body.contains(name)) return "";
  return body[name].dump();
}

// The signed-in caller, the body and its version; nullopt after an answer was sent.
struct Call {
  service::Actor actor;
  json body;
  int64_t version = 0;
};

std::optional<Call> call_with_version(RequestContext& ctx, service::App& app) {
  auto actor = case_actor(ctx, app);
  if (!actor) return std::nullopt;
  auto body = case_body(ctx);
  if (!body) return std::nullopt;
  domain::FieldErrors errors;
  auto version = read_version(*body, errors);
  if (!version) {
    ctx.send_problem(read_status(errors, "request").error());
    return std::nullopt;
  }
  return Call{std::move(*actor), std::move(*body), *version};
}

std::optional<service::Carriage> carriage_of(RequestContext& ctx, const json& body) {
  const std::string c = text_of(body, "carriage");
  if (c.empty() || c == "https") return service::Carriage::kHttps;
  if (c == "file") return service::Carriage::kFile;
  ctx.send_problem(
      core::Error::invalid("The carriage is https or file.", {{"carriage", "https or file"}}));
  return std::nullopt;
}

std::string id_of(RequestContext& ctx) {
  return std::string(ctx.param("referral_id"));
}

}  // namespace

void register_cross_border_referral_routes(Router& router, service::App& app) {
  auto& svc = app.cross_border;

  router.get("/api/v1/referrals", "listCrossBorderReferrals", [&app, &svc](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    send_list(ctx, svc.list(*actor, ctx.query("direction"), ctx.query("case_id")), referral_json);
  });

  router.post("/api/v1/referrals", "draftCrossBorderReferral", [&app, &svc](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto body = case_body(ctx);
    if (!body) return;
    service::ReferralDraft d;
    d.case_id = text_of(*body, "case_id");
    d.request_type = text_of(*body, "request_type");
    d.partner_authority = text_of(*body, "partner_authority");
    d.fields = object_text(*body, "fields");
    d.purpose = text_of(*body, "purpose");
    d.legal_basis = text_of(*body, "legal_basis");
    send_record(ctx, svc.draft(*actor, d), referral_json, 201);
  });

  router.get("/api/v1/referrals/{referral_id}", "getCrossBorderReferral",
             [&app, &svc](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               send_record(ctx, svc.get(*actor, id_of(ctx)), referral_json);
             });

  router.put("/api/v1/referrals/{referral_id}", "updateCrossBorderReferral",
             [&app, &svc](RequestContext& ctx) {
               auto c = call_with_version(ctx, app);
               if (!c) return;
               send_record(ctx,
                           svc.update_draft(
                               c->actor, id_of(ctx), c->version, object_text(c->body, "fields"),
                               text_of(c->body, "purpose"), text_of(c->body, "legal_basis")),
                           referral_json);
             });

  router.get("/api/v1/referrals/{referral_id}/preview", "previewCrossBorderReferral",
             [&app, &svc](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               send_record(ctx, svc.preview(*actor, id_of(ctx)), preview_json);
             });

  router.post("/api/v1/referrals/{referral_id}/approve", "approveCrossBorderReferral",
              [&app, &svc](RequestContext& ctx) {
                auto c = call_with_version(ctx, app);
                if (!c) return;
                send_record(
                    ctx,
                    svc.approve(c->actor, id_of(ctx), c->version, text_of(c->body, "legal_basis"),
                                text_of(c->body, "purpose")),
                    referral_json);
              });

  router.post("/api/v1/referrals/{referral_id}/send", "sendCrossBorderReferral",
              [&app, &svc](RequestContext& ctx) {
                auto c = call_with_version(ctx, app);
                if (!c) return;
                auto carriage = carriage_of(ctx, c->body);
                if (!carriage) return;
                send_record(ctx, svc.send(c->actor, id_of(ctx), c->version, *carriage), step_json);
              });

  router.post("/api/v1/referrals/{referral_id}/withdraw", "withdrawCrossBorderReferral",
              [&app, &svc](RequestContext& ctx) {
                auto c = call_with_version(ctx, app);
                if (!c) return;
                auto carriage = carriage_of(ctx, c->body);
                if (!carriage) return;
                send_record(ctx,
                            svc.withdraw(c->actor, id_of(ctx), c->version,
                                         text_of(c->body, "reason"), *carriage),
                            step_json);
              });

  router.post("/api/v1/referrals/{referral_id}/reject", "rejectCrossBorderReferral",
              [&app, &svc](RequestContext& ctx) {
                auto c = call_with_version(ctx, app);
                if (!c) return;
                auto carriage = carriage_of(ctx, c->body);
                if (!carriage) return;
                send_record(ctx,
                            svc.reject(c->actor, id_of(ctx), c->version, text_of(c->body, "reason"),
                                       *carriage),
                            step_json);
              });

  router.post("/api/v1/referrals/{referral_id}/acknowledge", "acknowledgeCrossBorderReferral",
              [&app, &svc](RequestContext& ctx) {
                auto c = call_with_version(ctx, app);
                if (!c) return;
                auto carriage = carriage_of(ctx, c->body);
                if (!carriage) return;
                send_record(ctx, svc.acknowledge(c->actor, id_of(ctx), c->version, *carriage),
                            step_json);
              });

  router.post("/api/v1/referrals/{referral_id}/answer", "answerCrossBorderReferral",
              [&app, &svc](RequestContext& ctx) {
                auto c = call_with_version(ctx, app);
                if (!c) return;
                auto carriage = carriage_of(ctx, c->body);
                if (!carriage) return;
                send_record(ctx,
                            svc.answer(c->actor, id_of(ctx), c->version,
                                       object_text(c->body, "answer"), *carriage),
                            step_json);
              });

  router.post("/api/v1/referrals/{referral_id}/close", "closeCrossBorderReferral",
              [&app, &svc](RequestContext& ctx) {
                auto c = call_with_version(ctx, app);
                if (!c) return;
                send_record(ctx, svc.close(c->actor, id_of(ctx), c->version), referral_json);
              });

  router.get("/api/v1/linkage-review", "listLinkageReview", [&app, &svc](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    send_list(ctx, svc.review_queue(*actor, ctx.query("status")), pair_json);
  });

  router.post("/api/v1/linkage-review/{pair_id}/confirm", "confirmLinkagePair",
              [&app, &svc](RequestContext& ctx) {
                auto c = call_with_version(ctx, app);
                if (!c) return;
                send_record(ctx,
                            svc.confirm_pair(c->actor, std::string(ctx.param("pair_id")),
                                             c->version, text_of(c->body, "request_type"),
                                             text_of(c->body, "partner_authority")),
                            referral_json, 201);
              });

  router.post("/api/v1/linkage-review/{pair_id}/reject", "rejectLinkagePair",
              [&app, &svc](RequestContext& ctx) {
                auto c = call_with_version(ctx, app);
                if (!c) return;
                send_record(
                    ctx, svc.reject_pair(c->actor, std::string(ctx.param("pair_id")), c->version),
                    pair_json);
              });
}

}  // namespace haven::http::api
