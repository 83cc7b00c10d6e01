// The case page's form submissions (POST /cases/{id}/<form>): each turns the form into the body
// or record the JSON API would send, calls the same service, and answers POST-redirect-GET on
// success. A refusal renders the case page again with what the worker typed: field errors beside
// their inputs (the service's message, which is English, under the field's label in the worker's
// language), a stale version with both versions side by side, another agency's case as a 404 page.
#include <nlohmann/json.hpp>

#include "core/date.h"
#include "domain/case_types.h"
#include "domain/participation_types.h"
#include "domain/placement_types.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/web/case_page.h"
#include "http/web/case_page_forms.h"
#include "http/web/catalog.h"
#include "http/web/code_labels.h"
#include "http/web/multipart.h"
#include "service/app.h"

namespace haven::http::web {

namespace {

using Json = nlohmann::json;

// What a browser adds around a file in multipart/form-data: the boundaries, the part headers and
// the other fields of the form.
constexpr size_t kMultipartAllowance = 1024 * 1024;

// What a handler reads before calling a service; errors found here are said in the worker's
// language.
struct Reader {
  const Site& site;
  const Visitor& v;
  const Form& form;
  std::vector<FieldMessage> errors;

  const std::string& get(const std::string& name) const { return form.get(name); }
  std::optional<core::Date> date(const std::string& name, bool required = false) {
    const std::string& text = form.get(name);
    if (text.empty()) {
      if (required) errors.push_back({name, site.t(v, "case.error.required")});
      return std::nullopt;
    }
    auto d = core::Date::parse(text);
    if (!d) errors.push_back({name, site.t(v, "case.error.date")});
    return d;
  }
  template <class E, class P>
  std::optional<E> code(const std::string& name, P parse) {
    auto value = parse(form.get(name));
    if (!value) errors.push_back({name, site.t(v, "case.error.choose")});
    return value;
  }
  void set_text(Json& body, const std::string& name) const { body[name] = form.get(name); }
  void set_date(Json& body, const std::string& name) const {
    if (!form.get(name).empty()) body[name] = form.get(name);
  }
  void set_version(Json& body) const {
    try {
      if (!form.get("version").empty()) body["version"] = std::stoll(form.get("version"));
    } catch (const std::exception&) {
      body["version"] = 0;
    }
  }
  int64_t version() const {
    try {
      return std::stoll(form.get("version"));
    } catch (const std::exception&) {
      return 0;
    }
  }
  // The country's extra fields (cf_<name>) into body["custom_fields"].
  void set_custom(Json& body, service::App& app, const std::string& country,
                  std::string_view record_type) const {
    Json custom = Json::object();
    for (const auto& def : app.forms.fields(country, record_type)) {
      const std::string& typed = form.get("cf_" + def.name);
      if (typed.empty()) continue;
      if (def.type == domain::FieldType::kBoolean) {
        custom[def.name] = typed == "yes";
      } else if (def.type == domain::FieldType::kNumber) {
        try {
          custom[def.name] = std::stod(typed);
        } catch (const std::exception&) {
          custom[def.name] = typed;
        }
      } else if (def.type == domain::FieldType::kMultiChoice) {
        Json list = Json::array();
        size_t at = 0;
        while (at <= typed.size()) {
          size_t comma = typed.find(',', at);
          std::string item =
              typed.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
          item.erase(0, item.find_first_not_of(' '));
          item.erase(item.find_last_not_of(' ') + 1);
          if (!item.empty()) list.push_back(item);
          if (comma == std::string::npos) break;
          at = comma + 1;
        }
        custom[def.name] = list;
      } else {
        custom[def.name] = typed;
      }
    }
    body["custom_fields"] = custom;
  }
};

// A placement's entry reasons (one box each, entry_reasons_<code>) and exit destination. The rules
// the worker most often meets are said here in their language; the service checks them again.
void read_placement_codes(Reader& r, domain::Placement& p, bool saved) {
  const bool had_reasons = !p.entry_reasons.empty();
  p.entry_reasons.clear();
  for (auto reason : domain::all_entry_reasons())
    if (r.form.has("entry_reasons_" + std::string(domain::to_code(reason))))
      p.entry_reasons.push_back(reason);
  if (p.entry_reasons.empty() && (!saved || had_reasons))
    r.errors.push_back({"entry_reasons", r.site.t(r.v, "placement.error.entry_reasons")});
  p.exit_destination.reset();
  const bool ended = !r.get("end_on").empty();
  if (!r.get("exit_destination").empty() && !ended)
    r.errors.push_back({"exit_destination", r.site.t(r.v, "placement.error.not_ended")});
  else if (!r.get("exit_destination").empty())
    p.exit_destination =
        r.code<domain::ExitDestination>("exit_destination", domain::parse_exit_destination);
  else if (ended)
    r.errors.push_back({"exit_destination", r.site.t(r.v, "placement.error.exit_destination")});
}

// Renders the page again for a failed write, or sends the refusal page.
void answer_failure(Site& site, RequestContext& ctx, const Visitor& v, const std::string& case_id,
                    const std::string& form_id, const Form& form, const core::Error& e) {
  if (e.code == core::ErrorCode::kNotFound)
    return site.send_message(ctx, v, 404, "case.not_found.title", "case.not_found.message");
  if (e.code == core::ErrorCode::kForbidden)
    return site.send_message(ctx, v, 403, "error.forbidden.title", "error.forbidden.message");
  if (e.code != core::ErrorCode::kInvalidInput && e.code != core::ErrorCode::kConflict &&
      e.code != core::ErrorCode::kTooLarge)
    return site.send_message(ctx, v, 503, "error.unavailable.title", "error.unavailable.message");
  CaseFormState state;
  state.form = form_id;
  state.typed = &form;
  state.message = e.message;
  state.conflict = e.code == core::ErrorCode::kConflict && e.fields.size() == 1 &&
                   e.fields[0].field == "current_version";
  if (!state.conflict)
    for (const auto& f : e.fields)
      state.errors.push_back(
          {e.code == core::ErrorCode::kInvalidInput ? case_input_for_field(f.field) : f.field,
           service_message(site, v, f)});
  send_case_page(site, ctx, v, case_id, state, state.conflict ? 409 : 422);
}

void answer_input_errors(Site& site, RequestContext& ctx, const Visitor& v,
                         const std::string& case_id, const std::string& form_id, const Form& form,
                         std::vector<FieldMessage> errors) {
  CaseFormState state;
  state.form = form_id;
  state.typed = &form;
  state.errors = std::move(errors);
  send_case_page(site, ctx, v, case_id, state, 422);
}

// One form route: signed in, CSRF, then `handle` (which answers).
template <class F>
void form_route(Router& router, const std::shared_ptr<Site>& site, const std::string& suffix,
                const char* name, F handle) {
  router.post("/cases/{case_id}/" + suffix, name, [site, handle](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    const std::string case_id(ctx.param("case_id"));
    if (!form.valid()) return answer_input_errors(*site, ctx, *v, case_id, "", form, {});
    const service::Actor actor = service::Actor::of(*v->who, ctx.request_id());
    handle(*site, ctx, *v, case_id, form, actor);
  });
}

template <class T>
void finish(Site& site, RequestContext& ctx, const Visitor& v, const std::string& case_id,
            const std::string& form_id, const Form& form, const core::Result<T>& result,
            const std::string& anchor) {
  if (!result.ok()) return answer_failure(site, ctx, v, case_id, form_id, form, result.error());
  site.redirect(ctx, "/cases/" + case_id + "?saved=1#" + anchor);
}

// For a form that changes a saved record (its id in the field `id_field`): the form's id and the
// record as saved, read through the service's list so the fields the form does not show are kept.
// Answers (and returns false) when the record is not there.
template <class R, class Load, class IdOf>
bool load_saved(Site& site, RequestContext& ctx, const Visitor& v, const std::string& case_id,
                const Form& form, std::string_view kind, const std::string& id_field, Load load,
                IdOf id_of, std::string& form_id, std::optional<R>& saved) {
  const std::string& record_id = form.get(id_field);
  form_id = std::string(kind);
  if (record_id.empty()) return true;
  form_id = CaseForms::edit_form_id(kind, record_id);
  auto list = load();
  if (!list.ok()) {
    answer_failure(site, ctx, v, case_id, form_id, form, list.error());
    return false;
  }
  for (auto& r : *list)
    if (id_of(r) == record_id) saved = std::move(r);
  if (!saved) {
    answer_failure(site, ctx, v, case_id, form_id, form, core::Error::not_found("No such record."));
    return false;
  }
  return true;
}

}  // namespace

void register_case_form_routes(Router& router, std::shared_ptr<Site> site) {
  form_route(router, site, "action", "caseActionPage",
             [](Site& s, RequestContext& ctx, const Visitor& v, const std::string& id,
                const Form& form, const service::Actor& actor) {
               Reader r{s, v, form, {}};
               Json body{{"action", form.get("action")}};
               r.set_version(body);
               if (!form.get("reason").empty()) body["reason"] = form.get("reason");
               if (!form.get("plan_id").empty()) body["plan_id"] = form.get("plan_id");
               finish(s, ctx, v, id, "action", form, s.app().cases.transition(id, body, actor),
                      "case-actions");
             });

  form_route(router, site, "screening", "caseScreeningPage",
             [](Site& s, RequestContext& ctx, const Visitor& v, const std::string& id,
                const Form& form, const service::Actor& actor) {
               Reader r{s, v, form, {}};
               Json body = Json::object();
               if (form.get("open_assessment") == "yes" || form.get("open_assessment") == "no")
                 body["open_assessment"] = form.get("open_assessment") == "yes";
               r.set_text(body, "reasons");
               r.set_date(body, "decided_on");
               finish(s, ctx, v, id, "screening", form,
                      s.app().case_records.record_screening(id, body, actor), "section-screening");
             });

  form_route(router, site, "assessment", "caseAssessmentPage",
             [](Site& s, RequestContext& ctx, const Visitor& v, const std::string& id,
                const Form& form, const service::Actor& actor) {
               Reader r{s, v, form, {}};
               Json body = Json::object();
               for (const char* f : {"safety", "health", "development", "education",
                                     "family_environment", "child_views", "risk_rationale"})
                 r.set_text(body, f);
               if (!form.get("risk_level").empty()) body["risk_level"] = form.get("risk_level");
               r.set_date(body, "completed_on");
               r.set_custom(body, s.app(), v.who->user.country, "assessment");
               const std::string& assessment_id = form.get("assessment_id");
               if (assessment_id.empty()) {
                 finish(s, ctx, v, id, "assessment", form,
                        s.app().case_records.create_assessment(id, body, actor),
                        "section-assessment");
               } else {
                 r.set_version(body);
                 finish(s, ctx, v, id, "assessment", form,
                        s.app().case_records.update_assessment(id, assessment_id, body, actor),
                        "section-assessment");
               }
             });

  form_route(router, site, "plan", "casePlanPage",
             [](Site& s, RequestContext& ctx, const Visitor& v, const std::string& id,
                const Form& form, const service::Actor& actor) {
               Reader r{s, v, form, {}};
               Json goals = Json::array();
               for (int g = 0; g < kPlanGoalRows; ++g) {
                 const std::string gp = "g" + std::to_string(g);
                 Json actions = Json::array();
                 for (int a = 0; a < kPlanActionRows; ++a) {
                   const std::string ap = gp + "_a" + std::to_string(a);
                   const std::string &d = form.get(ap + "_description"),
                                     &who = form.get(ap + "_responsible"),
                                     &due = form.get(ap + "_due_on");
                   if (d.empty() && who.empty() && due.empty()) continue;
                   Json action{{"description", d}, {"responsible", who}};
                   if (!due.empty()) action["due_on"] = due;
                   actions.push_back(action);
                 }
                 const std::string& desc = form.get(gp + "_description");
                 if (desc.empty() && actions.empty()) continue;
                 goals.push_back({{"description", desc}, {"actions", actions}});
               }
               Json body{{"goals", goals}};
               r.set_text(body, "child_views");
               r.set_text(body, "caregiver_views");
               r.set_custom(body, s.app(), v.who->user.country, "plan");
               const std::string& plan_id = form.get("plan_id");
               if (plan_id.empty()) {
                 finish(s, ctx, v, id, "plan", form,
                        s.app().case_records.create_plan(id, body, actor), "section-plan");
               } else {
                 r.set_version(body);
                 finish(s, ctx, v, id, "plan", form,
                        s.app().case_records.update_plan(id, plan_id, body, actor), "section-plan");
               }
             });

  form_route(router, site, "plan/return", "casePlanReturnPage",
             [](Site& s, RequestContext& ctx, const Visitor& v, const std::string& id,
                const Form& form, const service::Actor& actor) {
               Reader r{s, v, form, {}};
               Json body{{"comment", form.get("comment")}};
               r.set_version(body);
               finish(s, ctx, v, id, "plan_return", form,
                      s.app().case_records.return_plan(id, form.get("plan_id"), body, actor),
                      "section-plan");
             });

  form_route(router, site, "review", "caseReviewPage",
             [](Site& s, RequestContext& ctx, const Visitor& v, const std::string& id,
                const Form& form, const service::Actor& actor) {
               Reader r{s, v, form, {}};
               Json body = Json::object();
               for (const char* f : {"progress", "risk_rationale", "decisions"})
                 r.set_text(body, f);
               if (!form.get("risk_level").empty()) body["risk_level"] = form.get("risk_level");
               r.set_date(body, "held_on");
               r.set_date(body, "next_review_on");
               body["placement_review"] = form.has("placement_review");
               body["child_participated"] = form.has("child_participated");
               finish(s, ctx, v, id, "review", form,
                      s.app().case_records.create_review(id, body, actor), "section-reviews");
             });

  form_route(router, site, "closure", "caseClosurePage",
             [](Site& s, RequestContext& ctx, const Visitor& v, const std::string& id,
                const Form& form, const service::Actor& actor) {
               Reader r{s, v, form, {}};
               Json body = Json::object();
               if (!form.get("reason").empty()) body["reason"] = form.get("reason");
               for (const char* f : {"reason_detail", "summary", "leaving_care_plan"})
                 r.set_text(body, f);
               r.set_date(body, "closing_on");
               r.set_version(body);
               finish(s, ctx, v, id, "closure", form,
                      s.app().case_records.put_closure(id, body, actor), "section-closure");
             });

  form_route(router, site, "note", "caseNotePage",
             [](Site& s, RequestContext& ctx, const Visitor& v, const std::string& id,
                const Form& form, const service::Actor& actor) {
               Reader r{s, v, form, {}};
               domain::CaseNote note;
               note.text = form.get("text");
               note.occurred_on = r.date("occurred_on");
               if (!r.errors.empty())
                 return answer_input_errors(s, ctx, v, id, "note", form, std::move(r.errors));
               finish(s, ctx, v, id, "note", form, s.app().notes.create(actor, id, note),
                      "section-notes");
             });

  form_route(
      router, site, "referral", "caseReferralPage",
      [](Site& s, RequestContext& ctx, const Visitor& v, const std::string& id, const Form& form,
         const service::Actor& actor) {
        Reader r{s, v, form, {}};
        std::string form_id;
        std::optional<service::ReferralRecord> saved;
        if (!load_saved(
                s, ctx, v, id, form, "referral", "referral_id",
                [&] { return s.app().referrals.list(actor, id); },
                [](const service::ReferralRecord& x) { return x.referral.id; }, form_id, saved))
          return;
        domain::Referral ref = saved ? saved->referral : domain::Referral{};
        ref.consent.reset();
        ref.consent_override.reset();
        if (auto t = r.code<domain::ServiceType>("service_type", domain::parse_service_type))
          ref.service_type = *t;
        if (auto st = r.code<domain::ReferralStatus>("status", domain::parse_referral_status))
          ref.status = *st;
        ref.provider = form.get("provider");
        ref.referred_on = r.date("referred_on");
        ref.notes = form.get("notes");
        if (!form.get("consent_given_by").empty() || !form.get("consent_given_on").empty()) {
          auto on = r.date("consent_given_on", true);
          if (form.get("consent_given_by").empty())
            r.errors.push_back({"consent_given_by", s.t(v, "case.error.required")});
          ref.consent = domain::ConsentRecord{form.get("consent_given_by"),
                                              on.value_or(core::Date::of(s.app().clock.now())), ""};
        }
        if (!form.get("consent_override_reason").empty())
          ref.consent_override = domain::ConsentOverride{"", form.get("consent_override_reason"),
                                                         core::Date::of(s.app().clock.now())};
        if (!r.errors.empty())
          return answer_input_errors(s, ctx, v, id, form_id, form, std::move(r.errors));
        if (saved)
          return finish(s, ctx, v, id, form_id, form,
                        s.app().referrals.update(actor, id, ref.id, r.version(), ref),
                        "section-services");
        finish(s, ctx, v, id, form_id, form, s.app().referrals.create(actor, id, ref),
               "section-services");
      });

  form_route(
      router, site, "placement", "casePlacementPage",
      [](Site& s, RequestContext& ctx, const Visitor& v, const std::string& id, const Form& form,
         const service::Actor& actor) {
        Reader r{s, v, form, {}};
        std::string form_id;
        std::optional<service::PlacementRecord> saved;
        if (!load_saved(
                s, ctx, v, id, form, "placement", "placement_id",
                [&] { return s.app().placements.list(actor, id); },
                [](const service::PlacementRecord& x) { return x.placement.id; }, form_id, saved))
          return;
        domain::Placement p = saved ? saved->placement : domain::Placement{};
        if (auto t = r.code<domain::PlacementType>("type", domain::parse_placement_type))
          p.type = *t;
        p.provider = form.get("provider");
        if (auto start = r.date("start_on", true)) p.start_on = *start;
        p.end_on = r.date("end_on");
        read_placement_codes(r, p, saved.has_value());
        p.reason = form.get("reason");
        p.end_reason = form.get("end_reason");
        if (!r.errors.empty())
          return answer_input_errors(s, ctx, v, id, form_id, form, std::move(r.errors));
        if (saved)
          return finish(s, ctx, v, id, form_id, form,
                        s.app().placements.update(actor, id, p.id, r.version(), p),
                        "section-placements");
        finish(s, ctx, v, id, form_id, form, s.app().placements.create(actor, id, p),
               "section-placements");
      });

  form_route(
      router, site, "participation", "caseParticipationPage",
      [](Site& s, RequestContext& ctx, const Visitor& v, const std::string& id, const Form& form,
         const service::Actor& actor) {
        Reader r{s, v, form, {}};
        std::string form_id;
        std::optional<service::ParticipationEntry> saved;
        if (!load_saved(
                s, ctx, v, id, form, "participation", "record_id",
                [&] { return s.app().participation.list(actor, id); },
                [](const service::ParticipationEntry& x) { return x.record.id; }, form_id, saved))
          return;
        domain::ParticipationRecord p = saved ? saved->record : domain::ParticipationRecord{};
        if (auto st = r.code<domain::CaseStage>("stage", domain::parse_case_stage)) p.stage = *st;
        p.decision = form.get("decision");
        p.space.offered_on = r.date("space_offered_on");
        p.space.setting = form.get("space_setting");
        p.space.support_person = form.get("space_support_person");
        p.space.interpreter_language = form.get("space_interpreter_language");
        p.voice.views = form.get("voice_views");
        p.voice.declined = form.has("voice_declined");
        p.audience.decision_maker = form.get("audience_decision_maker");
        p.influence.weight_given = form.get("influence_weight_given");
        p.influence.feedback_given_on = r.date("influence_feedback_given_on");
        p.influence.feedback_how = form.get("influence_feedback_how");
        if (!r.errors.empty())
          return answer_input_errors(s, ctx, v, id, form_id, form, std::move(r.errors));
        if (saved)
          return finish(s, ctx, v, id, form_id, form,
                        s.app().participation.update(actor, id, p.id, r.version(), p),
                        "section-participation");
        finish(s, ctx, v, id, form_id, form, s.app().participation.create(actor, id, p),
               "section-participation");
      });

  // The document upload: multipart/form-data, so not a form_route. The route takes bodies a little
  // over the service's limit, so that a file just too large is answered beside its field; a body
  // beyond that is refused (413) before it is read.
  router.post("/cases/{case_id}/document", "caseDocumentPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    const std::string case_id(ctx.param("case_id"));
    auto parsed = MultipartForm::parse(ctx.header("Content-Type"), ctx.body());
    const Form form = parsed ? parsed->fields() : Form();
    if (!site->check_csrf(ctx, *v, form)) return;
    const service::Actor actor = service::Actor::of(*v->who, ctx.request_id());
    service::App& app = site->app();
    auto limit_message = [&] {
      std::string text = site->t(*v, "case.document.error.too_large");
      const std::string mb =
          format_number(static_cast<int64_t>(app.documents.max_bytes() / (1024 * 1024)), v->lang);
      if (auto at = text.find("{{max}}"); at != std::string::npos) text.replace(at, 7, mb);
      return text;
    };
    std::vector<FieldMessage> errors;
    const UploadedFile* file = parsed ? parsed->file("file") : nullptr;
    if (!file || file->file_name.empty())
      errors.push_back({"file", site->t(*v, "case.document.error.choose")});
    if (form.get("document_type").empty())
      errors.push_back({"document_type", site->t(*v, "case.error.choose")});
    if (!errors.empty())
      return answer_input_errors(*site, ctx, *v, case_id, "document", form, std::move(errors));
    service::NewDocument doc;
    doc.document_type = form.get("document_type");
    doc.file_name = file->file_name;
    doc.claimed_media_type = file->content_type;
    doc.content = file->content;
    auto result = app.documents.upload(actor, case_id, doc);
    if (!result.ok() && result.error().code == core::ErrorCode::kTooLarge)
      return answer_input_errors(*site, ctx, *v, case_id, "document", form,
                                 {{"file", limit_message()}});
    if (!result.ok() && result.error().code == core::ErrorCode::kInvalidInput) {
      // What the content or the claimed type is wrong about belongs to the file input.
      core::Error e = result.error();
      for (auto& f : e.fields)
        if (f.field == "content_type" || f.field == "file_name") f.field = "file";
      return answer_failure(*site, ctx, *v, case_id, "document", form, e);
    }
    finish(*site, ctx, *v, case_id, "document", form, result, "section-documents");
  });
  router.limit_body(Method::kPost, "/cases/{case_id}/document",
                    site->app().documents.max_bytes() + kMultipartAllowance);

  form_route(
      router, site, "information", "caseInformationPage",
      [](Site& s, RequestContext& ctx, const Visitor& v, const std::string& id, const Form& form,
         const service::Actor& actor) {
        Reader r{s, v, form, {}};
        domain::InformationGiven i;
        if (auto d = r.date("given_on", true)) i.given_on = *d;
        if (auto st = r.code<domain::CaseStage>("stage", domain::parse_case_stage)) i.stage = *st;
        if (auto f = r.code<domain::InformationFormat>("format", domain::parse_information_format))
          i.format = *f;
        i.what = form.get("what");
        i.language = form.get("language");
        if (!r.errors.empty())
          return answer_input_errors(s, ctx, v, id, "information", form, std::move(r.errors));
        finish(s, ctx, v, id, "information", form,
               s.app().participation.create_information(actor, id, i), "section-participation");
      });
}

}  // namespace haven::http::web
