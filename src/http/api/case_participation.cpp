// How the child was heard and informed: GET/POST /api/v1/cases/{case_id}/participation and
// PUT …/participation/{record_id} (Lundy: space, voice, audience, influence), and
// GET/POST /api/v1/cases/{case_id}/information-given and PUT …/information-given/{entry_id} (what
// the child was told, when, in which language and format). Updates carry the version read.
#include "http/api/record_api.h"
#include "http/router.h"
#include "http/routes.h"

namespace haven::http::api {

namespace {

// A nested object ("space", "voice", …): absent is an empty one.
const nlohmann::json& section(service::JsonReader& in, domain::FieldErrors& errors,
                              const char* name) {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  if (!in.has(name)) return kEmpty;
  if (!service::expect_object(in.member(name), errors, name)) return kEmpty;
  return in.member(name);
}

domain::ParticipationRecord read_participation(const nlohmann::json& body,
                                               domain::FieldErrors& errors) {
  domain::ParticipationRecord r;
  if (!service::expect_object(body, errors, "")) return r;
  service::JsonReader in(body, errors);
  r.stage = in.code<domain::CaseStage>("stage", domain::parse_case_stage, domain::all_case_stages(),
                                       domain::CaseStage::kOther)
                .value_or(domain::CaseStage::kOther);
  r.decision = in.text("decision");
  service::JsonReader space(section(in, errors, "space"), errors, "space");
  r.space.offered_on = space.date("offered_on");
  r.space.setting = space.text("setting");
  r.space.support_person = space.text("support_person");
  r.space.interpreter_language = space.text("interpreter_language");
  r.space.accessible_format = space.code<domain::InformationFormat>(
      "accessible_format", domain::parse_information_format, domain::all_information_formats());
  service::JsonReader voice(section(in, errors, "voice"), errors, "voice");
  r.voice.views = voice.text("views");
  r.voice.declined = voice.flag("declined");
  service::JsonReader audience(section(in, errors, "audience"), errors, "audience");
  r.audience.decision_maker = audience.text("decision_maker");
  service::JsonReader influence(section(in, errors, "influence"), errors, "influence");
  r.influence.weight_given = influence.text("weight_given");
  r.influence.feedback_given_on = influence.date("feedback_given_on");
  r.influence.feedback_how = influence.text("feedback_how");
  return r;
}

nlohmann::json participation_json(const service::ParticipationEntry& x) {
  const domain::ParticipationRecord& r = x.record;
  return {{"id", r.id},
          {"case_id", x.case_id},
          {"stage", domain::to_code(r.stage)},
          {"decision", r.decision},
          {"space",
           {{"offered_on", date_json(r.space.offered_on)},
            {"setting", r.space.setting},
            {"support_person", r.space.support_person},
            {"interpreter_language", text_or_null(r.space.interpreter_language)},
            {"accessible_format", r.space.accessible_format
                                      ? nlohmann::json(domain::to_code(*r.space.accessible_format))
                                      : nlohmann::json()}}},
          {"voice", {{"views", r.voice.views}, {"declined", r.voice.declined}}},
          {"audience", {{"decision_maker", r.audience.decision_maker}}},
          {"influence",
           {{"weight_given", r.influence.weight_given},
            {"feedback_given_on", date_json(r.influence.feedback_given_on)},
            {"feedback_how", r.influence.feedback_how}}},
          {"created_by", x.created_by},
          {"created_at", instant_json(x.created_at)},
          {"updated_at", instant_json(x.updated_at)},
          {"version", x.version}};
}

domain::InformationGiven read_information(const nlohmann::json& body, domain::FieldErrors& errors) {
  domain::InformationGiven e;
  if (!service::expect_object(body, errors, "")) return e;
  service::JsonReader in(body, errors);
  auto on = in.date("given_on");
  if (on)
    e.given_on = *on;
  else if (!in.has("given_on"))
    errors.add("given_on", "Give the day the information was given.");
  e.stage = in.code<domain::CaseStage>("stage", domain::parse_case_stage, domain::all_case_stages(),
                                       domain::CaseStage::kOther)
                .value_or(domain::CaseStage::kOther);
  e.what = in.text("what");
  e.language = in.text("language");
  auto format = in.code<domain::InformationFormat>("format", domain::parse_information_format,
                                                   domain::all_information_formats());
  if (format)
    e.format = *format;
  else if (!in.has("format"))
    errors.add("format", "Choose the format the information was given in.");
  e.recipient_person_id = in.text("recipient_person_id");
  e.given_by = in.text("given_by");
  return e;
}

nlohmann::json information_json(const service::InformationEntry& x) {
  const domain::InformationGiven& e = x.entry;
  return {{"id", e.id},
          {"case_id", x.case_id},
          {"given_on", e.given_on.to_string()},
          {"stage", domain::to_code(e.stage)},
          {"what", e.what},
          {"language", e.language},
          {"format", domain::to_code(e.format)},
          {"recipient_person_id", text_or_null(e.recipient_person_id)},
          {"given_by", e.given_by},
          {"created_by", x.created_by},
          {"created_at", instant_json(x.created_at)},
          {"updated_at", instant_json(x.updated_at)},
          {"version", x.version}};
}

}  // namespace

void register_case_participation_routes(Router& router, service::App& app) {
  router.get("/api/v1/cases/{case_id}/participation", "listParticipationRecords",
             [&app](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               send_list(ctx, app.participation.list(*actor, std::string(ctx.param("case_id"))),
                         participation_json);
             });

  router.post(
      "/api/v1/cases/{case_id}/participation", "createParticipationRecord",
      [&app](RequestContext& ctx) {
        auto actor = case_actor(ctx, app);
        if (!actor) return;
        auto body = case_body(ctx);
        if (!body) return;
        domain::FieldErrors errors;
        auto r = read_participation(*body, errors);
        if (refused_input(ctx, app, *actor, security::Action::kCreate,
                          security::ResourceKind::kCase, errors, "participation record"))
          return;
        send_record(
            ctx, app.participation.create(*actor, std::string(ctx.param("case_id")), std::move(r)),
            participation_json, 201);
      });

  router.put("/api/v1/cases/{case_id}/participation/{record_id}", "updateParticipationRecord",
             [&app](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               auto body = case_body(ctx);
               if (!body) return;
               domain::FieldErrors errors;
               auto r = read_participation(*body, errors);
               auto version = read_version(*body, errors);
               if (refused_input(ctx, app, *actor, security::Action::kUpdate,
                                 security::ResourceKind::kCase, errors, "participation record"))
                 return;
               send_record(ctx,
                           app.participation.update(*actor, std::string(ctx.param("case_id")),
                                                    std::string(ctx.param("record_id")), *version,
                                                    std::move(r)),
                           participation_json);
             });

  router.get("/api/v1/cases/{case_id}/information-given", "listInformationGiven",
             [&app](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               send_list(
                   ctx,
                   app.participation.list_information(*actor, std::string(ctx.param("case_id"))),
                   information_json);
             });

  router.post("/api/v1/cases/{case_id}/information-given", "createInformationGiven",
              [&app](RequestContext& ctx) {
                auto actor = case_actor(ctx, app);
                if (!actor) return;
                auto body = case_body(ctx);
                if (!body) return;
                domain::FieldErrors errors;
                auto e = read_information(*body, errors);
                if (refused_input(ctx, app, *actor, security::Action::kCreate,
                                  security::ResourceKind::kCase, errors, "information entry"))
                  return;
                send_record(ctx,
                            app.participation.create_information(
                                *actor, std::string(ctx.param("case_id")), std::move(e)),
                            information_json, 201);
              });

  router.put("/api/v1/cases/{case_id}/information-given/{entry_id}", "updateInformationGiven",
             [&app](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               auto body = case_body(ctx);
               if (!body) return;
               domain::FieldErrors errors;
               auto e = read_information(*body, errors);
               auto version = read_version(*body, errors);
               if (refused_input(ctx, app, *actor, security::Action::kUpdate,
                                 security::ResourceKind::kCase, errors, "information entry"))
                 return;
               send_record(ctx,
                           app.participation.update_information(
                               *actor, std::string(ctx.param("case_id")),
                               std::string(ctx.param("entry_id")), *version, std::move(e)),
                           information_json);
             });
}

}  // namespace haven::http::api
