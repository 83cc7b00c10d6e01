// Case notes: GET/POST /api/v1/cases/{case_id}/notes and PUT …/notes/{note_id} (with the version
// read). The text is stored only encrypted; the author and time are the caller's and now.
#include "http/api/record_api.h"
#include "http/router.h"
#include "http/routes.h"

namespace haven::http::api {

namespace {

domain::CaseNote read_note(const nlohmann::json& body, domain::FieldErrors& errors) {
  domain::CaseNote n;
  if (!service::expect_object(body, errors, "")) return n;
  service::JsonReader in(body, errors);
  n.text = in.text("text");
  n.occurred_on = in.date("occurred_on");
  return n;
}

nlohmann::json note_json(const service::CaseNoteRecord& x) {
  return {{"id", x.note.id},
          {"case_id", x.case_id},
          {"author_id", x.note.author_id},
          {"written_at", instant_json(x.note.written_at.ms)},
          {"occurred_on", date_json(x.note.occurred_on)},
          {"text", x.note.text},
          {"updated_at", instant_json(x.updated_at)},
          {"version", x.version}};
}

}  // namespace

void register_case_note_routes(Router& router, service::App& app) {
  router.get("/api/v1/cases/{case_id}/notes", "listCaseNotes", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    send_list(ctx, app.notes.list(*actor, std::string(ctx.param("case_id"))), note_json);
  });

  router.post("/api/v1/cases/{case_id}/notes", "createCaseNote", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto body = case_body(ctx);
    if (!body) return;
    domain::FieldErrors errors;
    auto n = read_note(*body, errors);
    if (refused_input(ctx, app, *actor, security::Action::kCreate, security::ResourceKind::kNote,
                      errors, "note"))
      return;
    send_record(ctx, app.notes.create(*actor, std::string(ctx.param("case_id")), std::move(n)),
                note_json, 201);
  });

  router.put(
      "/api/v1/cases/{case_id}/notes/{note_id}", "updateCaseNote", [&app](RequestContext& ctx) {
        auto actor = case_actor(ctx, app);
        if (!actor) return;
        auto body = case_body(ctx);
        if (!body) return;
        domain::FieldErrors errors;
        auto n = read_note(*body, errors);
        auto version = read_version(*body, errors);
        if (refused_input(ctx, app, *actor, security::Action::kUpdate,
                          security::ResourceKind::kNote, errors, "note"))
          return;
        send_record(ctx,
                    app.notes.update(*actor, std::string(ctx.param("case_id")),
                                     std::string(ctx.param("note_id")), *version, std::move(n)),
                    note_json);
      });
}

}  // namespace haven::http::api
