// The Barnahus API ([J1], docs/BARNAHUS.md) under /api/v1/barnahus/: cases and their timeline, the
// team's invitations, every record on the timeline, police and prosecutor records and their
// sharing, the coordinator's alerts, the quality-standards report and staff training records.
// Handlers read JSON into domain records (every field problem at once) and call BarnahusService.
#include <cmath>

#include "http/api/record_api.h"
#include "http/router.h"
#include "http/routes.h"

namespace haven::http::api {

namespace {

using nlohmann::json;
using security::Action;
using security::ResourceKind;

std::string case_id_of(RequestContext& ctx) {
  return std::string(ctx.param("barnahus_case_id"));
}

json list_json(const std::string& stored) {
  auto j = json::parse(stored, nullptr, false);
  return j.is_array() ? j : json::array();
}

json opt_json(const std::optional<std::string>& v) {
  return v ? json(*v) : json();
}

json record_meta(const store::BarnahusRecordRow& r) {
  return {{"id", r.id},
          {"barnahus_case_id", r.barnahus_case_id},
          {"agency_id", r.agency_id},
          {"created_by", r.created_by},
          {"created_at", instant_json(r.created_at)},
          {"version", r.version}};
}

json case_json(const store::BarnahusCaseRow& c) {
  return {{"id", c.id},
          {"barnahus_agency_id", c.barnahus_agency_id},
          {"country", c.country},
          {"child_id", c.child_id},
          {"case_id", opt_json(c.case_id)},
          {"violence_types", list_json(c.violence_types)},
          {"child_role", c.child_role},
          {"referred_by", c.referred_by},
          {"referred_by_agency_id", opt_json(c.referred_by_agency_id)},
          {"referred_at", c.referred_at},
          {"contact_person", c.contact_person},
          {"contact_person_user_id", opt_json(c.contact_person_user_id)},
          {"status", c.status},
          {"closed_at", c.closed_at ? json(instant_json(*c.closed_at)) : json()},
          {"created_by", c.created_by},
          {"created_at", instant_json(c.created_at)},
          {"version", c.version}};
}

json member_json(const store::BarnahusMemberRow& m) {
  return {{"id", m.id},
          {"barnahus_case_id", m.barnahus_case_id},
          {"user_id", opt_json(m.user_id)},
          {"agency_id", opt_json(m.agency_id)},
          {"shared_parts", list_json(m.shared_parts)},
          {"invited_by", m.invited_by},
          {"invited_at", instant_json(m.invited_at)},
          {"revoked_at", m.revoked_at ? json(instant_json(*m.revoked_at)) : json()},
          {"version", m.version}};
}

json party_json(const store::BarnahusPartyRow& p) {
  json j = record_meta(p);
  j.update({{"role", p.role}, {"name", p.name}, {"relationship", p.relationship}});
  return j;
}

json meeting_json(const store::BarnahusMeetingRow& m) {
  json j = record_meta(m);
  j.update({{"kind", m.kind},
            {"held_on", m.held_on},
            {"agencies_present", list_json(m.agencies_present)},
            {"decisions", m.decisions},
            {"tasks", list_json(m.tasks)}});
  return j;
}

json interview_json(const store::BarnahusInterviewRow& i) {
  json j = record_meta(i);
  j.update({{"sequence", i.sequence},
            {"interviewed_on", i.interviewed_on},
            {"interviewer", i.interviewer},
            {"interviewer_user_id", opt_json(i.interviewer_user_id)},
            {"interviewer_trained", i.interviewer_trained},
            {"protocol", i.protocol},
            {"recorded", i.recorded},
            {"place", i.place},
            {"used_in_court", i.used_in_court ? json(*i.used_in_court != 0) : json()},
            {"repeat_reason", opt_json(i.repeat_reason)}});
  return j;
}

json exam_json(const store::BarnahusMedicalExamRow& e) {
  json j = record_meta(e);
  j.update({{"offered", e.offered},
            {"offered_on", opt_json(e.offered_on)},
            {"done", e.done},
            {"examined_on", opt_json(e.examined_on)},
            {"acute", e.acute},
            {"examined_by", e.examined_by}});
  return j;
}

json therapy_json(const store::BarnahusTherapyRow& t) {
  json j = record_meta(t);
  j.update({{"service", t.service},
            {"recipient", t.recipient},
            {"party_id", opt_json(t.party_id)},
            {"offered_on", opt_json(t.offered_on)},
            {"started_on", opt_json(t.started_on)}});
  return j;
}

json court_json(const store::BarnahusCourtDateRow& c) {
  json j = record_meta(c);
  j.update({{"kind", c.kind}, {"held_on", c.held_on}, {"court", c.court}});
  return j;
}

json barnahus_information_json(const store::BarnahusInformationRow& i) {
  json j = record_meta(i);
  j.update({{"given_on", i.given_on},
            {"stage", i.stage},
            {"what", i.what},
            {"language", i.language},
            {"format", i.format},
            {"recipient", i.recipient},
            {"party_id", opt_json(i.party_id)},
            {"given_by", i.given_by}});
  return j;
}

json law_enforcement_json(const service::BarnahusLawEnforcementView& v) {
  json j = record_meta(v.row);
  j.update({{"kind", v.row.kind},
            {"recorded_on", v.row.recorded_on},
            {"title", v.row.title},
            {"body", v.body},
            {"shared_with", v.shared_with}});
  return j;
}

json deadline_json(const domain::BarnahusDeadline& d) {
  return {{"step", d.step},
          {"due_on", d.due.due_date().to_string()},
          {"late_from", instant_json(d.due.late_from.ms)},
          {"met_on", date_json(d.met_on)},
          {"state", d.state}};
}

template <class T, class F>
json items(const std::vector<T>& rows, F&& to_json) {
  json out = json::array();
  for (const auto& r : rows) out.push_back(to_json(r));
  return out;
}

json timeline_json(const service::BarnahusTimeline& t) {
  json j = case_json(t.barnahus_case);
  j["members"] = items(t.members, member_json);
  j["parties"] = items(t.parties, party_json);
  j["meetings"] = items(t.meetings, meeting_json);
  j["interviews"] = items(t.interviews, interview_json);
  j["medical_exams"] = items(t.medical_exams, exam_json);
  j["therapy"] = items(t.therapy, therapy_json);
  j["court_dates"] = items(t.court_dates, court_json);
  j["information_given"] = items(t.information, barnahus_information_json);
  j["law_enforcement_records"] = items(t.law_enforcement, law_enforcement_json);
  j["withheld_records"] = t.withheld_records;
  j["deadlines"] = items(t.deadlines, deadline_json);
  return j;
}

std::optional<double> rounded(std::optional<double> v) {
  if (!v) return v;
  return std::round(*v * 1000.0) / 1000.0;
}

json opt_number(std::optional<double> v) {
  v = rounded(v);
  return v ? json(*v) : json();
}

json quality_json(const service::BarnahusQualityReport& r) {
  const auto& q = r.quality;
  json stages = json::array();
  for (const auto& s : q.by_stage)
    stages.push_back({{"stage", s.stage}, {"reached", s.reached}, {"informed", s.informed}});
  return {{"barnahus_agency_id", r.barnahus_agency_id},
          {"from", r.from.to_string()},
          {"to", r.to.to_string()},
          {"cases", q.cases},
          {"interviewed", q.interviewed},
          {"interviewed_once", q.interviewed_once},
          {"share_interviewed_once", opt_number(q.share_interviewed_once)},
          {"median_days_to_interview", opt_number(q.median_days_to_interview)},
          {"examined", q.examined},
          {"median_days_to_medical_exam", opt_number(q.median_days_to_medical_exam)},
          {"meeting_before_interview", q.meeting_before_interview},
          {"share_meeting_before_interview", opt_number(q.share_meeting_before_interview)},
          {"therapy_offered", q.therapy_offered},
          {"share_therapy_offered", opt_number(q.share_therapy_offered)},
          {"informed_every_stage", q.informed_every_stage},
          {"share_informed_every_stage", opt_number(q.share_informed_every_stage)},
          {"informed_by_stage", stages}};
}

json training_json(const store::BarnahusTrainingRow& t) {
  return {{"id", t.id},
          {"barnahus_agency_id", t.barnahus_agency_id},
          {"user_id", t.user_id},
          {"training", t.training},
          {"completed_on", t.completed_on},
          {"created_by", t.created_by},
          {"created_at", instant_json(t.created_at)},
          {"version", t.version}};
}

// A required date member: parsed, or an error saying what to give.
core::Date required_date(service::JsonReader& in, const char* key, const char* missing) {
  auto d = in.date(key);
  if (!d && !in.has(key)) in.errors().add(key, missing);
  return d.value_or(core::Date());
}

// When reading found problems: the service's authorization first (a stranger to the case learns
// nothing from the checks of their input), then the problems. True when an answer was sent.
bool refused(RequestContext& ctx, service::App& app, const service::Actor& actor,
             const domain::FieldErrors& errors, const char* what, Action action = Action::kCreate,
             ResourceKind kind = ResourceKind::kBarnahusCase, const std::string& part = {}) {
  if (errors.empty()) return false;
  auto allowed = app.barnahus.authorize_on_case(actor, case_id_of(ctx), action, kind, part);
  ctx.send_problem(allowed.ok() ? read_status(errors, what).error() : allowed.error());
  return true;
}

// The body as an object, or nullopt after answering.
std::optional<json> object_body(RequestContext& ctx, domain::FieldErrors& errors) {
  auto body = case_body(ctx);
  if (!body) return std::nullopt;
  service::expect_object(*body, errors, "");
  if (!body->is_object()) *body = json::object();
  return body;
}

// What a write under a Barnahus case is checked against before its field errors are told.
struct Guard {
  Guard(const char* what_, Action action_ = Action::kCreate,
        ResourceKind kind_ = ResourceKind::kBarnahusCase, std::string part_ = {})
      : what(what_), action(action_), kind(kind_), part(std::move(part_)) {}
  const char* what;
  Action action;
  ResourceKind kind;
  std::string part;
};

// The handler of a new record under one Barnahus case: the caller, the body as an object, `read`
// turning it into the service's input (collecting field errors), the policy asked before any error
// is told (refused), then the service method `save` on the case named in the path; 201 and the row.
template <class Read, class Save, class ToJson>
Router::Handler case_write(service::App& app, Guard guard, Read read, Save save, ToJson to_json) {
  return [&app, guard = std::move(guard), read, save, to_json](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    domain::FieldErrors errors;
    auto body = object_body(ctx, errors);
    if (!body) return;
    service::JsonReader r(*body, errors);
    auto input = read(r);
    if (refused(ctx, app, *actor, errors, guard.what, guard.action, guard.kind, guard.part)) return;
    send_record(ctx, (app.barnahus.*save)(*actor, case_id_of(ctx), std::move(input)), to_json, 201);
  };
}

domain::BarnahusInvite read_invite(service::JsonReader& r) {
  return {r.text("user_id"), r.text("agency_id"), r.strings("shared_parts")};
}

domain::BarnahusParty read_party(service::JsonReader& r) {
  return {r.text("role"), r.text("name"), r.text("relationship")};
}

domain::BarnahusMeeting read_meeting(service::JsonReader& r) {
  domain::FieldErrors& errors = r.errors();
  domain::BarnahusMeeting m;
  m.kind = r.has("kind") ? r.text("kind") : "planning";
  m.held_on = required_date(r, "held_on", "Give the day of the meeting.");
  m.agencies_present = r.strings("agencies_present");
  m.decisions = r.text("decisions");
  const auto& tasks = r.member("tasks");
  if (!tasks.is_null() && !tasks.is_array()) {
    errors.add("tasks", "Give a list of tasks.");
  } else if (tasks.is_array()) {
    for (size_t i = 0; i < tasks.size(); ++i) {
      if (!tasks[i].is_object()) {
        errors.add(domain::indexed_field("tasks", i), "Give a task as an object.");
        continue;
      }
      service::JsonReader t(tasks[i], errors, domain::indexed_field("tasks", i) + ".");
      m.tasks.push_back({t.text("agency_id"), t.text("task"), t.date("due_on")});
    }
  }
  return m;
}

domain::ForensicInterview read_interview(service::JsonReader& r) {
  domain::ForensicInterview i;
  i.interviewed_on = required_date(r, "interviewed_on", "Give the day of the interview.");
  i.interviewer = r.text("interviewer");
  i.interviewer_user_id = r.text("interviewer_user_id");
  i.interviewer_trained = r.flag("interviewer_trained");
  i.protocol = r.text("protocol");
  i.recorded = r.flag("recorded");
  i.place = r.text("place");
  if (r.has("used_in_court") && !r.member("used_in_court").is_null())
    i.used_in_court = r.flag("used_in_court");
  i.repeat_reason = r.text("repeat_reason");
  return i;
}

domain::MedicalExamination read_medical_exam(service::JsonReader& r) {
  domain::MedicalExamination e;
  e.offered = r.flag("offered");
  e.offered_on = r.date("offered_on");
  e.done = r.flag("done");
  e.examined_on = r.date("examined_on");
  e.acute = r.flag("acute");
  e.examined_by = r.text("examined_by");
  return e;
}

domain::TherapyService read_therapy(service::JsonReader& r) {
  return {r.text("service"), r.text("recipient"), r.text("party_id"), r.date("offered_on"),
          r.date("started_on")};
}

domain::CourtDate read_court_date(service::JsonReader& r) {
  domain::CourtDate c;
  c.kind = r.text("kind");
  c.held_on = required_date(r, "held_on", "Give the day of the proceeding.");
  c.court = r.text("court");
  return c;
}

domain::BarnahusInformation read_information(service::JsonReader& r) {
  domain::BarnahusInformation i;
  i.given_on = required_date(r, "given_on", "Give the day the information was given.");
  i.stage = r.text("stage");
  i.what = r.text("what");
  i.language = r.text("language");
  i.format = r.text("format");
  i.recipient = r.text("recipient");
  i.party_id = r.text("party_id");
  i.given_by = r.text("given_by");
  return i;
}

domain::LawEnforcementRecord read_law_enforcement(service::JsonReader& r) {
  domain::LawEnforcementRecord rec;
  rec.kind = r.text("kind");
  rec.recorded_on = required_date(r, "recorded_on", "Give the day the record was made.");
  rec.title = r.text("title");
  rec.body = r.text("body");
  return rec;
}

service::BarnahusCaseInput read_case(const json& body, domain::FieldErrors& errors,
                                     core::Timestamp now) {
  service::BarnahusCaseInput in;
  service::JsonReader r(body, errors);
  in.details.violence_types = r.strings("violence_types");
  in.details.child_role = r.text("child_role");
  in.details.referred_by = r.text("referred_by");
  in.details.referred_by_agency_id = r.text("referred_by_agency_id");
  in.details.referred_at = core::Timestamp{r.integer("referred_at").value_or(now.ms)};
  in.details.contact_person = r.text("contact_person");
  in.details.contact_person_user_id = r.text("contact_person_user_id");
  in.child_id = r.text("child_id");
  in.case_id = r.text("case_id");
  in.barnahus_agency_id = r.text("barnahus_agency_id");
  const auto& child = r.member("child");
  if (child.is_object())
    in.new_child = service::read_child(child, errors, "child.");
  else if (!child.is_null())
    errors.add("child", "Give the child as an object.");
  return in;
}

}  // namespace

void register_barnahus_routes(Router& router, service::App& app) {
  router.get("/api/v1/barnahus/cases", "listBarnahusCases", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    send_list(ctx, app.barnahus.list_cases(*actor, ctx.query("include_closed") == "true"),
              case_json);
  });

  router.post("/api/v1/barnahus/cases", "createBarnahusCase", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    domain::FieldErrors errors;
    auto body = object_body(ctx, errors);
    if (!body) return;
    auto in = read_case(*body, errors, app.clock.now());
    if (!errors.empty()) {
      // Only someone who may open cases learns what is wrong with the input.
      auto allowed = app.barnahus.authorize_open_case(*actor);
      ctx.send_problem(allowed.ok() ? read_status(errors, "Barnahus case").error()
                                    : allowed.error());
      return;
    }
    send_record(ctx, app.barnahus.create_case(*actor, std::move(in)), case_json, 201);
  });

  router.get("/api/v1/barnahus/cases/{barnahus_case_id}", "getBarnahusCase",
             [&app](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               send_record(ctx, app.barnahus.timeline(*actor, case_id_of(ctx)), timeline_json);
             });

  router.post("/api/v1/barnahus/cases/{barnahus_case_id}/close", "closeBarnahusCase",
              [&app](RequestContext& ctx) {
                auto actor = case_actor(ctx, app);
                if (!actor) return;
                domain::FieldErrors errors;
                auto body = object_body(ctx, errors);
                if (!body) return;
                auto version = read_version(*body, errors);
                if (refused(ctx, app, *actor, errors, "request", Action::kTransition)) return;
                send_record(ctx, app.barnahus.close_case(*actor, case_id_of(ctx), *version),
                            case_json);
              });

  using S = service::BarnahusService;
  router.post(
      "/api/v1/barnahus/cases/{barnahus_case_id}/members", "inviteBarnahusMember",
      case_write(app, {"invitation", Action::kInvite}, read_invite, &S::invite, member_json));
  router.post("/api/v1/barnahus/cases/{barnahus_case_id}/members/{member_id}/revoke",
              "revokeBarnahusMember", [&app](RequestContext& ctx) {
                auto actor = case_actor(ctx, app);
                if (!actor) return;
                domain::FieldErrors errors;
                auto body = object_body(ctx, errors);
                if (!body) return;
                auto version = read_version(*body, errors);
                if (refused(ctx, app, *actor, errors, "request", Action::kInvite)) return;
                send_record(
                    ctx,
                    app.barnahus.revoke_invitation(*actor, case_id_of(ctx),
                                                   std::string(ctx.param("member_id")), *version),
                    member_json);
              });
  router.post("/api/v1/barnahus/cases/{barnahus_case_id}/parties", "addBarnahusParty",
              case_write(app, {"party"}, read_party, &S::add_party, party_json));
  router.post("/api/v1/barnahus/cases/{barnahus_case_id}/meetings", "recordBarnahusMeeting",
              case_write(app, {"meeting"}, read_meeting, &S::record_meeting, meeting_json));
  router.post(
      "/api/v1/barnahus/cases/{barnahus_case_id}/interviews", "recordBarnahusInterview",
      case_write(app, {"interview", Action::kCreate, ResourceKind::kBarnahusCase, "interview"},
                 read_interview, &S::record_interview, interview_json));
  router.put("/api/v1/barnahus/cases/{barnahus_case_id}/interviews/{interview_id}",
             "updateBarnahusInterview", [&app](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               domain::FieldErrors errors;
               auto body = object_body(ctx, errors);
               if (!body) return;
               service::JsonReader r(*body, errors);
               std::optional<bool> used;
               if (!r.has("used_in_court"))
                 errors.add("used_in_court",
                            "Say whether the interview was used in court (true, false, or null "
                            "when not known).");
               else if (!r.member("used_in_court").is_null())
                 used = r.flag("used_in_court");
               auto version = read_version(*body, errors);
               if (refused(ctx, app, *actor, errors, "interview", Action::kRead)) return;
               send_record(ctx,
                           app.barnahus.set_interview_used_in_court(
                               *actor, case_id_of(ctx), std::string(ctx.param("interview_id")),
                               *version, used),
                           interview_json);
             });

  router.post(
      "/api/v1/barnahus/cases/{barnahus_case_id}/medical-exams", "recordBarnahusMedicalExam",
      case_write(app,
                 {"medical examination", Action::kCreate, ResourceKind::kBarnahusCase, "medical"},
                 read_medical_exam, &S::record_medical_exam, exam_json));
  router.post("/api/v1/barnahus/cases/{barnahus_case_id}/therapy", "recordBarnahusTherapy",
              case_write(app, {"service", Action::kCreate, ResourceKind::kBarnahusCase, "therapy"},
                         read_therapy, &S::record_therapy, therapy_json));
  router.post("/api/v1/barnahus/cases/{barnahus_case_id}/court-dates", "recordBarnahusCourtDate",
              case_write(app, {"court date", Action::kCreate, ResourceKind::kBarnahusCase, "court"},
                         read_court_date, &S::record_court_date, court_json));
  router.post("/api/v1/barnahus/cases/{barnahus_case_id}/information-given",
              "recordBarnahusInformation",
              case_write(app, {"information entry"}, read_information, &S::record_information,
                         barnahus_information_json));
  router.post(
      "/api/v1/barnahus/cases/{barnahus_case_id}/law-enforcement",
      "recordBarnahusLawEnforcementRecord",
      case_write(app, {"record", Action::kCreate, ResourceKind::kBarnahusLawEnforcementRecord},
                 read_law_enforcement, &S::record_law_enforcement, law_enforcement_json));

  router.get("/api/v1/barnahus/cases/{barnahus_case_id}/law-enforcement/{record_id}",
             "getBarnahusLawEnforcementRecord", [&app](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               send_record(ctx,
                           app.barnahus.law_enforcement_record(*actor, case_id_of(ctx),
                                                               std::string(ctx.param("record_id"))),
                           law_enforcement_json);
             });

  router.put("/api/v1/barnahus/cases/{barnahus_case_id}/law-enforcement/{record_id}/shared-with",
             "shareBarnahusLawEnforcementRecord", [&app](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               domain::FieldErrors errors;
               auto body = object_body(ctx, errors);
               if (!body) return;
               service::JsonReader r(*body, errors);
               auto shared = r.strings("shared_with");
               if (!r.has("shared_with"))
                 errors.add("shared_with", "Give the list of user and agency ids (may be empty).");
               auto version = read_version(*body, errors);
               if (refused(ctx, app, *actor, errors, "sharing", Action::kRead)) return;
               send_record(ctx,
                           app.barnahus.share_law_enforcement(*actor, case_id_of(ctx),
                                                              std::string(ctx.param("record_id")),
                                                              *version, std::move(shared)),
                           law_enforcement_json);
             });

  router.get("/api/v1/barnahus/alerts", "listBarnahusAlerts", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    send_list(ctx, app.barnahus.alerts(*actor), [](const service::BarnahusAlert& a) {
      return json{{"barnahus_case_id", a.barnahus_case_id},
                  {"child_id", a.child_id},
                  {"referred_at", a.referred_at},
                  {"contact_person", a.contact_person},
                  {"deadline", deadline_json(a.deadline)}};
    });
  });

  router.get("/api/v1/barnahus/quality", "getBarnahusQualityReport", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    domain::FieldErrors errors;
    auto from = core::Date::parse(ctx.query("from"));
    auto to = core::Date::parse(ctx.query("to"));
    if (!from) errors.add("from", "Give the first day of the period as YYYY-MM-DD.");
    if (!to) errors.add("to", "Give the last day of the period as YYYY-MM-DD.");
    std::string barnahus = ctx.query("barnahus_agency_id");
    if (barnahus.empty() && actor->principal) barnahus = actor->principal->agency_id;
    if (!errors.empty()) return ctx.send_problem(read_status(errors, "report period").error());
    send_record(ctx, app.barnahus.quality_report(*actor, barnahus, *from, *to), quality_json);
  });

  router.get("/api/v1/barnahus/training", "listBarnahusTraining", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    send_list(ctx, app.barnahus.list_training(*actor), training_json);
  });

  router.post("/api/v1/barnahus/training", "recordBarnahusTraining", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    domain::FieldErrors errors;
    auto body = object_body(ctx, errors);
    if (!body) return;
    service::JsonReader r(*body, errors);
    domain::TrainingRecord t;
    t.user_id = r.text("user_id");
    t.training = r.text("training");
    t.completed_on = required_date(r, "completed_on", "Give the day the training was completed.");
    if (!errors.empty()) return ctx.send_problem(read_status(errors, "training record").error());
    send_record(ctx, app.barnahus.record_training(*actor, std::move(t)), training_json, 201);
  });
}

}  // namespace haven::http::api
