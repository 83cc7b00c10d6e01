// Persons around a child and the household's relationships:
// GET/POST /api/v1/children/{child_id}/persons, GET/PUT …/persons/{person_id} (with the version
// read), GET/POST /api/v1/children/{child_id}/relationships and POST …/relationships/{id}/end.
#include "http/api/record_api.h"
#include "http/router.h"
#include "http/routes.h"
#include "service/person_service.h"

namespace haven::http::api {

namespace {

domain::Person read_person(const nlohmann::json& body, domain::FieldErrors& errors) {
  domain::Person p;
  if (!service::expect_object(body, errors, "")) return p;
  service::JsonReader in(body, errors);
  p.given_names = in.text("given_names");
  p.family_names = in.text("family_names");
  p.names_original_script = in.text("names_original_script");
  p.other_names = in.strings("other_names");
  p.description = in.text("description");
  p.sex = in.code<domain::Sex>("sex", domain::parse_sex, domain::all_sexes(), domain::Sex::kUnknown)
              .value_or(domain::Sex::kUnknown);
  p.birth_date = in.date("birth_date");
  p.birth_date_estimated = in.flag("birth_date_estimated");
  const auto& roles = in.member("roles");
  if (!roles.is_null() && !roles.is_array()) errors.add("roles", "Give a list of role codes.");
  if (roles.is_array()) {
    for (size_t i = 0; i < roles.size(); ++i) {
      const std::string at = domain::indexed_field("roles", i);
      if (!roles[i].is_string()) {
        errors.add(at, "Give a role code as text.");
        continue;
      }
      if (auto role = errors.code<domain::PersonRole>(at, roles[i].get_ref<const std::string&>(),
                                                      domain::parse_person_role,
                                                      domain::all_person_roles()))
        p.roles.push_back(*role);
    }
  }
  p.languages = in.strings("languages");
  p.interpreter_needed = in.flag("interpreter_needed");
  p.phone = in.text("phone");
  p.email = in.text("email");
  p.address = in.text("address");
  const auto& ids = in.member("identity_numbers");
  if (!ids.is_null() && !ids.is_array()) errors.add("identity_numbers", "Give a list.");
  if (ids.is_array()) {
    for (size_t i = 0; i < ids.size(); ++i) {
      const std::string at = domain::indexed_field("identity_numbers", i);
      if (!service::expect_object(ids[i], errors, at)) continue;
      service::JsonReader d(ids[i], errors, at + ".");
      domain::IdentityNumber n;
      n.kind = d.code<domain::IdentityNumberKind>("kind", domain::parse_identity_number_kind,
                                                  domain::all_identity_number_kinds(),
                                                  domain::IdentityNumberKind::kOther)
                   .value_or(domain::IdentityNumberKind::kOther);
      n.country = d.text("country");
      n.value = d.text("value");
      p.identity_numbers.push_back(std::move(n));
    }
  }
  return p;
}

// The relationship's own fields; `prefix` is "relationship." inside a person, "" on its own.
domain::Relationship read_relationship(const nlohmann::json& body, domain::FieldErrors& errors,
                                       const std::string& prefix, bool with_ends) {
  domain::Relationship r;
  if (!service::expect_object(body, errors,
                              prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1)))
    return r;
  service::JsonReader in(body, errors, prefix);
  auto type = in.code<domain::RelationshipType>("type", domain::parse_relationship_type,
                                                domain::all_relationship_types());
  if (type)
    r.type = *type;
  else if (!in.has("type"))
    errors.add(prefix + "type", "Choose how the two are related (mother, sibling, …).");
  r.lives_with = in.flag("lives_with");
  r.parental_responsibility = in.flag("parental_responsibility");
  r.note = in.text("note");
  if (with_ends) {
    r.from_person_id = in.text("from_person_id");
    r.to_person_id = in.text("to_person_id");
  }
  return r;
}

nlohmann::json relationship_json(const service::RelationshipRecord& x) {
  const domain::Relationship& r = x.relationship;
  return {{"id", r.id},
          {"from_person_id", r.from_person_id},
          {"from_kind", x.from_child ? "child" : "person"},
          {"to_person_id", r.to_person_id},
          {"to_kind", x.to_child ? "child" : "person"},
          {"type", domain::to_code(r.type)},
          {"lives_with", r.lives_with},
          {"parental_responsibility", r.parental_responsibility},
          {"note", r.note},
          {"valid_from", date_json(x.valid_from)},
          {"valid_to", date_json(x.valid_to)},
          {"active", !x.valid_to.has_value()},
          {"created_at", instant_json(x.created_at)},
          {"updated_at", instant_json(x.updated_at)},
          {"version", x.version}};
}

nlohmann::json person_json(const service::PersonRecord& x) {
  const domain::Person& p = x.person;
  nlohmann::json roles = nlohmann::json::array();
  for (auto role : p.roles) roles.push_back(domain::to_code(role));
  nlohmann::json ids = nlohmann::json::array();
  for (const auto& n : p.identity_numbers)
    ids.push_back({{"kind", domain::to_code(n.kind)}, {"country", n.country}, {"value", n.value}});
  nlohmann::json ties = nlohmann::json::array();
  for (const auto& t : x.ties_to_child) ties.push_back(relationship_json(t));
  return {{"id", p.id},
          {"agency_id", x.agency_id},
          {"given_names", p.given_names},
          {"family_names", p.family_names},
          {"names_original_script", p.names_original_script},
          {"other_names", p.other_names},
          {"description", p.description},
          {"sex", domain::to_code(p.sex)},
          {"birth_date", date_json(p.birth_date)},
          {"birth_date_estimated", p.birth_date_estimated},
          {"roles", roles},
          {"languages", p.languages},
          {"interpreter_needed", p.interpreter_needed},
          {"phone", p.phone},
          {"email", p.email},
          {"address", p.address},
          {"identity_numbers", ids},
          {"relationships_to_child", ties},
          {"created_at", instant_json(x.created_at)},
          {"updated_at", instant_json(x.updated_at)},
          {"version", x.version}};
}

// When reading the body found problems, adds the domain's own (so every problem is named at once)
// and answers them; as refused_input in record_api.h, only after authorizing on the child named in
// the path. True when an answer was sent.
bool refused(RequestContext& ctx, service::App& app, const service::Actor& actor,
             security::Action action, domain::FieldErrors& errors, const char* what,
             const domain::Person* person = nullptr) {
  if (errors.empty()) return false;
  if (person) service::merge(errors, domain::validate_person(*person, service::today(app.clock)));
  auto allowed = app.persons.authorize(actor, action, std::string(ctx.param("child_id")));
  if (!allowed.ok()) {
    ctx.send_problem(allowed.error());
    return true;
  }
  ctx.send_problem(read_status(errors, what).error());
  return true;
}

}  // namespace

void register_person_routes(Router& router, service::App& app) {
  router.get("/api/v1/children/{child_id}/persons", "listPersons", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    send_list(ctx, app.persons.list(*actor, std::string(ctx.param("child_id"))), person_json);
  });

  router.post("/api/v1/children/{child_id}/persons", "createPerson", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto body = case_body(ctx);
    if (!body) return;
    domain::FieldErrors errors;
    domain::Person p = read_person(*body, errors);
    domain::Relationship tie;
    if (body->is_object() && body->contains("relationship"))
      tie = read_relationship((*body)["relationship"], errors, "relationship.", false);
    else
      errors.add("relationship.type",
                 "Say how the person is related to the child (mother, guardian, other, …).");
    if (refused(ctx, app, *actor, security::Action::kCreate, errors, "person", &p)) return;
    send_record(ctx,
                app.persons.create(*actor, std::string(ctx.param("child_id")), std::move(p),
                                   std::move(tie)),
                person_json, 201);
  });

  router.get("/api/v1/children/{child_id}/persons/{person_id}", "getPerson",
             [&app](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               send_record(ctx,
                           app.persons.get(*actor, std::string(ctx.param("child_id")),
                                           std::string(ctx.param("person_id"))),
                           person_json);
             });

  router.put("/api/v1/children/{child_id}/persons/{person_id}", "updatePerson",
             [&app](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               auto body = case_body(ctx);
               if (!body) return;
               domain::FieldErrors errors;
               domain::Person p = read_person(*body, errors);
               auto version = read_version(*body, errors);
               if (refused(ctx, app, *actor, security::Action::kUpdate, errors, "person", &p))
                 return;
               send_record(
                   ctx,
                   app.persons.update(*actor, std::string(ctx.param("child_id")),
                                      std::string(ctx.param("person_id")), *version, std::move(p)),
                   person_json);
             });

  router.get("/api/v1/children/{child_id}/relationships", "listRelationships",
             [&app](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               send_list(ctx, app.persons.relationships(*actor, std::string(ctx.param("child_id"))),
                         relationship_json);
             });

  router.post("/api/v1/children/{child_id}/relationships", "createRelationship",
              [&app](RequestContext& ctx) {
                auto actor = case_actor(ctx, app);
                if (!actor) return;
                auto body = case_body(ctx);
                if (!body) return;
                domain::FieldErrors errors;
                domain::Relationship r = read_relationship(*body, errors, "", true);
                std::optional<core::Date> valid_from;
                if (body->is_object()) {
                  service::JsonReader in(*body, errors);
                  valid_from = in.date("valid_from");
                }
                if (refused(ctx, app, *actor, security::Action::kUpdate, errors, "relationship"))
                  return;
                send_record(ctx,
                            app.persons.relate(*actor, std::string(ctx.param("child_id")),
                                               std::move(r), valid_from),
                            relationship_json, 201);
              });

  router.post("/api/v1/children/{child_id}/relationships/{relationship_id}/end", "endRelationship",
              [&app](RequestContext& ctx) {
                auto actor = case_actor(ctx, app);
                if (!actor) return;
                auto body = case_body(ctx);
                if (!body) return;
                domain::FieldErrors errors;
                auto version = read_version(*body, errors);
                std::optional<core::Date> ended_on;
                if (body->is_object()) {
                  service::JsonReader in(*body, errors);
                  ended_on = in.date("ended_on");
                }
                if (refused(ctx, app, *actor, security::Action::kUpdate, errors, "relationship"))
                  return;
                send_record(ctx,
                            app.persons.end_relationship(*actor, std::string(ctx.param("child_id")),
                                                         std::string(ctx.param("relationship_id")),
                                                         *version, ended_on),
                            relationship_json);
              });
}

}  // namespace haven::http::api
