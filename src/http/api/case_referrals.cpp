// Referrals under a case: GET/POST /api/v1/cases/{case_id}/referrals and
// PUT …/referrals/{referral_id} (with the version read). A referral sent without recorded consent
// is refused unless a supervisor overrides with a reason ("consent_override": {"reason"}).
#include "http/api/record_api.h"
#include "http/router.h"
#include "http/routes.h"

namespace haven::http::api {

namespace {

domain::Referral read_referral(const nlohmann::json& body, domain::FieldErrors& errors) {
  domain::Referral r;
  if (!service::expect_object(body, errors, "")) return r;
  service::JsonReader in(body, errors);
  auto type = in.code<domain::ServiceType>("service_type", domain::parse_service_type,
                                           domain::all_service_types());
  if (type)
    r.service_type = *type;
  else if (!in.has("service_type"))
    errors.add("service_type", "Choose the kind of service.");
  r.provider = in.text("provider");
  r.status = in.code<domain::ReferralStatus>("status", domain::parse_referral_status,
                                             domain::all_referral_statuses(),
                                             domain::ReferralStatus::kProposed)
                 .value_or(domain::ReferralStatus::kProposed);
  r.referred_on = in.date("referred_on");
  r.consent_required = in.flag("consent_required", true);
  r.notes = in.text("notes");
  if (in.has("consent") && service::expect_object(in.member("consent"), errors, "consent")) {
    service::JsonReader c(in.member("consent"), errors, "consent");
    domain::ConsentRecord consent;
    consent.given_by = c.text("given_by");
    auto on = c.date("given_on");
    if (on)
      consent.given_on = *on;
    else if (!c.has("given_on"))
      errors.add("consent.given_on", "Record the day consent was given.");
    r.consent = consent;
  }
  if (in.has("consent_override") &&
      service::expect_object(in.member("consent_override"), errors, "consent_override")) {
    service::JsonReader o(in.member("consent_override"), errors, "consent_override");
    r.consent_override = domain::ConsentOverride{"", o.text("reason"), core::Date()};
  }
  return r;
}

nlohmann::json case_referral_json(const service::ReferralRecord& x) {
  const domain::Referral& r = x.referral;
  nlohmann::json j{{"id", r.id},
                   {"case_id", x.case_id},
                   {"service_type", domain::to_code(r.service_type)},
                   {"provider", r.provider},
                   {"status", domain::to_code(r.status)},
                   {"referred_on", date_json(r.referred_on)},
                   {"consent_required", r.consent_required},
                   {"consent", nullptr},
                   {"consent_override", nullptr},
                   {"notes", r.notes},
                   {"created_by", x.created_by},
                   {"created_at", instant_json(x.created_at)},
                   {"updated_at", instant_json(x.updated_at)},
                   {"version", x.version}};
  if (r.consent)
    j["consent"] = {{"given_by", r.consent->given_by},
                    {"given_on", r.consent->given_on.to_string()},
                    {"recorded_by", r.consent->recorded_by}};
  if (r.consent_override)
    j["consent_override"] = {{"supervisor_id", r.consent_override->supervisor_id},
                             {"reason", r.consent_override->reason},
                             {"on", r.consent_override->on.to_string()}};
  return j;
}

}  // namespace

void register_case_referral_routes(Router& router, service::App& app) {
  router.get("/api/v1/cases/{case_id}/referrals", "listReferrals", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    send_list(ctx, app.referrals.list(*actor, std::string(ctx.param("case_id"))),
              case_referral_json);
  });

  router.post("/api/v1/cases/{case_id}/referrals", "createReferral", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto body = case_body(ctx);
    if (!body) return;
    domain::FieldErrors errors;
    domain::Referral r = read_referral(*body, errors);
    if (refused_input(ctx, app, *actor, security::Action::kCreate, security::ResourceKind::kPlan,
                      errors, "referral"))
      return;
    send_record(ctx, app.referrals.create(*actor, std::string(ctx.param("case_id")), std::move(r)),
                case_referral_json, 201);
  });

  router.put("/api/v1/cases/{case_id}/referrals/{referral_id}", "updateReferral",
             [&app](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               auto body = case_body(ctx);
               if (!body) return;
               domain::FieldErrors errors;
               domain::Referral r = read_referral(*body, errors);
               auto version = read_version(*body, errors);
               if (refused_input(ctx, app, *actor, security::Action::kUpdate,
                                 security::ResourceKind::kPlan, errors, "referral"))
                 return;
               send_record(ctx,
                           app.referrals.update(*actor, std::string(ctx.param("case_id")),
                                                std::string(ctx.param("referral_id")), *version,
                                                std::move(r)),
                           case_referral_json);
             });
}

}  // namespace haven::http::api
