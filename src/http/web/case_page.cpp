// The case page, GET /cases/{id}: a header a worker reads in two seconds (child, age, risk, status,
// worker, next deadline, flags), the lifecycle actions with the reason a disabled one waits for,
// and one section per step with its records and its form, all read through the services exactly as
// the JSON API reads them (so every read is authorized and audited). The title and URL carry only
// the case number and id, never the child's name.
#include "http/web/case_page.h"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/date.h"
#include "domain/case_types.h"
#include "domain/participation_types.h"
#include "domain/placement_types.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/web/case_history.h"
#include "http/web/case_page_forms.h"
#include "http/web/code_labels.h"
#include "http/web/mywork.h"
#include "http/web/pages.h"
#include "service/app.h"
#include "service/case_page_reads.h"

namespace haven::http::web {

namespace {

// Newest first; the page's "show all" links (?history=all, ?notes=all) show every one.
constexpr size_t kHistoryShown = 50;
constexpr size_t kNotesShown = 100;
constexpr size_t kEveryOne = std::numeric_limits<int>::max();

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

bool flag(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

std::string format_ymd(const std::string& ymd, std::string_view lang) {
  return format_day(ymd, lang);  // http/web/mywork.h
}

int state_rank(std::string_view state) {
  if (state == "overdue") return 0;
  if (state == "due_soon") return 1;
  if (state == "awaiting_approval") return 2;
  if (state == "upcoming") return 3;
  return 4;
}

// Every user id the case view, its history and its notes name, for UserNames::preload.
std::vector<std::string> user_ids(const nlohmann::json& c, const service::RecentHistory* history,
                                  const service::RecentNotes* notes) {
  std::vector<std::string> ids;
  ids.push_back(str(c, "assigned_worker_id"));
  if (history)
    for (const auto& e : history->entries) {
      ids.push_back(e.changed_by);
      if (!e.sensitive && names_a_user(e)) {
        ids.push_back(e.old_value.value_or(""));
        ids.push_back(e.new_value.value_or(""));
      }
    }
  if (notes)
    for (const auto& n : notes->notes) ids.push_back(n.note.author_id);
  for (const auto& p : c.value("plans", nlohmann::json::array())) {
    ids.push_back(str(p, "submitted_by"));
    ids.push_back(str(p, "approved_by"));
  }
  for (const auto& r : c.value("risk_history", nlohmann::json::array()))
    ids.push_back(str(r, "set_by"));
  for (const auto& r : c.value("reviews", nlohmann::json::array()))
    ids.push_back(str(r, "created_by"));
  if (c.contains("screening") && c["screening"].is_object())
    ids.push_back(str(c["screening"], "decided_by"));
  if (c.contains("closure") && c["closure"].is_object())
    ids.push_back(str(c["closure"], "returned_by"));
  return ids;
}

mstch::map header_model(Site& site, const Visitor& v, const nlohmann::json& c, UserNames& names) {
  mstch::map h;
  const auto& child = c.contains("child") ? c["child"] : nlohmann::json::object();
  h["child_name"] = str(child, "given_names") + " " + str(child, "family_names");
  const std::string birth = str(child, "birth_date");
  if (auto d = core::Date::parse(birth)) {
    const int years = d->years_until(core::Date::of(site.app().clock.now()));
    std::string age = std::to_string(years) + " " + site.t(v, "case.header.years");
    if (flag(child, "birth_date_estimated")) age = site.t(v, "case.header.about") + " " + age;
    h["age"] = age;
  } else {
    h["age"] = site.t(v, "case.header.age_unknown");
  }
  const std::string risk = str(c, "risk_level");
  h["risk"] =
      risk.empty() ? site.t(v, "case.header.not_rated") : code_label(site, v, "risk.", risk);
  h["risk_class"] = "risk-" + (risk.empty() ? std::string("none") : risk);
  h["status"] = code_label(site, v, "status.", str(c, "status"));
  const std::string worker = str(c, "assigned_worker_id");
  h["worker"] = worker.empty() ? site.t(v, "case.header.unassigned") : names.of(worker);
  // The most pressing deadline, in the order the task list uses.
  const nlohmann::json* best = nullptr;
  if (c.contains("tasks"))
    for (const auto& t : c["tasks"]) {
      if (!best || state_rank(str(t, "state")) < state_rank(str(*best, "state")) ||
          (state_rank(str(t, "state")) == state_rank(str(*best, "state")) &&
           str(t, "due_date") < str(*best, "due_date")))
        best = &t;
    }
  if (best) {
    h["next_task"] = code_label(site, v, "task.", str(*best, "kind"));
    h["next_due"] = str(*best, "due_date").empty() ? std::string("—")
                                                   : format_ymd(str(*best, "due_date"), v.lang);
    h["next_state"] = code_label(site, v, "task_state.", str(*best, "state"));
    h["next_state_class"] = "state-" + str(*best, "state");
    h["has_next"] = true;
  } else {
    h["has_next"] = false;
  }
  mstch::array flags;
  if (flag(c, "restricted")) flags.push_back(site.t(v, "case.flag.restricted"));
  const std::string migration = str(child, "migration_status");
  if (!migration.empty() && migration != "none")
    flags.push_back(site.t(v, "case.flag.cross_border"));
  if (flag(child, "interpreter_needed")) flags.push_back(site.t(v, "case.flag.interpreter"));
  h["has_flags"] = !flags.empty();
  h["flags"] = flags;
  h["case_number"] = str(c, "case_number");
  return h;
}

// Actions that ask for a reason or a comment before they are taken.
bool action_needs_text(std::string_view action) {
  return action == "reopen" || action == "screen_out" || action == "approve_plan" ||
         action == "approve_closure" || action == "request_closure" || action == "return_closure";
}
bool action_text_required(std::string_view action) {
  return action == "reopen" || action == "return_closure";
}

mstch::array action_models(Site& site, const Visitor& v, const nlohmann::json& c,
                           const std::string& submitted_plan_id, const CaseFormState& state) {
  mstch::array out;
  if (!c.contains("available_actions")) return out;
  const std::string base = "/cases/" + str(c, "id");
  for (const auto& a : c["available_actions"]) {
    const std::string code = str(a, "action");
    // Transfers and merges have their own flows (the receiving agency accepts; a merge names the
    // other case), started from the API for now.
    if (code == "transfer" || code == "merge") continue;
    // A guard the form itself fulfils (the reason for reopening, the comment on a returned
    // closure) does not disable the button.
    bool allowed = flag(a, "allowed");
    mstch::array reasons;
    if (a.contains("unmet")) {
      bool only_typed = !a["unmet"].empty();
      for (const auto& u : a["unmet"]) {
        if (str(u, "guard") == "reopen_reason_recorded" ||
            str(u, "guard") == "return_comment_recorded")
          continue;
        only_typed = false;
        reasons.push_back(
            known_code_label(site, v, "guard.", str(u, "guard")).value_or(str(u, "message")));
      }
      allowed = allowed || only_typed;
    }
    mstch::map m{
        {"code", code},
        {"label", code_label(site, v, "case.action.", code)},
        {"allowed", allowed},
        {"action_url", base + "/action"},
        {"version", str(c, "version")},
        {"plan_id", code == "approve_plan" ? submitted_plan_id : std::string()},
        {"needs_text", action_needs_text(code)},
        {"text_required", action_text_required(code)},
        {"text_label", site.t(v, code == "return_closure"     ? "case.action.return_comment"
                                 : action_text_required(code) ? "case.action.reason"
                                                              : "case.action.comment")},
        {"text_value", state.form == "action" && state.typed && state.typed->get("action") == code
                           ? state.typed->get("reason")
                           : std::string()}};
    if (reasons.empty() && !allowed && !str(a, "reason").empty())
      reasons.push_back(str(a, "reason"));
    m["reasons"] = reasons;
    out.push_back(std::move(m));
  }
  return out;
}

mstch::array goal_rows(const nlohmann::json& goals, Site& site, const Visitor& v) {
  mstch::array rows;
  if (!goals.is_array()) return rows;
  for (const auto& g : goals) {
    mstch::array actions;
    if (g.contains("actions"))
      for (const auto& a : g["actions"])
        actions.push_back(
            mstch::map{{"description", str(a, "description")},
                       {"responsible", str(a, "responsible")},
                       {"due", str(a, "due_on").empty() ? std::string()
                                                        : format_ymd(str(a, "due_on"), v.lang)},
                       {"done", flag(a, "done")}});
    mstch::map row{{"goal", str(g, "description")}};
    row.emplace("actions", std::move(actions));
    rows.push_back(std::move(row));
  }
  (void)site;
  return rows;
}

bool is_open_status(const std::string& s) {
  return s != "closed" && s != "transferred" && s != "merged";
}

// A placement's entry reasons in the visitor's language, in the order of the code list.
std::string placement_entry_reasons(const Site& site, const Visitor& v,
                                    const domain::Placement& p) {
  std::string out;
  for (auto r : p.entry_reasons)
    out += (out.empty() ? "" : ", ") +
           code_label(site, v, "placement.entry_reason.", std::string(domain::to_code(r)));
  return out;
}

}  // namespace

void send_case_page(Site& site, RequestContext& ctx, const Visitor& v, const std::string& case_id,
                    const CaseFormState& state, int status) {
  service::App& app = site.app();
  const service::Actor actor = service::Actor::of(*v.who, ctx.request_id());
  auto got = app.cases.get(case_id, actor);
  if (!got.ok()) {
    const auto code = got.error().code;
    if (code == core::ErrorCode::kNotFound || code == core::ErrorCode::kInvalidInput)
      return site.send_message(ctx, v, 404, "case.not_found.title", "case.not_found.message");
    if (code == core::ErrorCode::kForbidden)
      return site.send_message(ctx, v, 403, "error.forbidden.title", "error.forbidden.message");
    return site.send_message(ctx, v, 503, "error.unavailable.title", "error.unavailable.message");
  }
  const nlohmann::json& c = *got;
  // The page's other reads (history, notes, documents, …) each audit an event: they are committed
  // together, in one wait before the page is sent, rather than one group commit after another.
  service::AuditService::Deferral audit_reads(app.audit);
  // The newest entries of the two lists that grow with every note (service/case_page_reads.h).
  // ?history=all, ?notes=all: every change or note, for the caseworker who follows the page's
  // "show all" link; each link keeps the other list as it is shown.
  const bool all_history = ctx.query("history") == "all";
  const bool all_notes = ctx.query("notes") == "all";
  auto history =
      service::recent_case_history(app, case_id, actor, all_history ? kEveryOne : kHistoryShown);
  auto recent_notes =
      service::recent_case_notes(app, case_id, actor, all_notes ? kEveryOne : kNotesShown);
  UserNames names(app);
  names.preload(user_ids(c, history.ok() ? &*history : nullptr,
                         recent_notes.ok() ? &*recent_notes : nullptr));
  const std::string case_status = str(c, "status");
  const bool open = is_open_status(case_status);
  const bool supervisor = v.who->principal.role == security::Role::kSupervisor;

  Page page;
  page.template_name = "case";
  // The case number is the title: it is not personal data, and the catalog has no key of that
  // name, so the layout shows it as it is.
  page.title_key = str(c, "case_number");
  page.status = status;
  mstch::map& m = page.model;
  m["case_id"] = str(c, "id");
  m["header"] = header_model(site, v, c, names);
  m["open"] = open;
  // The way into a transnational referral ([X1]) for the roles that draft one.
  const security::Role role = v.who->principal.role;
  if (open && (role == security::Role::kCaseworker || role == security::Role::kSupervisor ||
               role == security::Role::kContactPoint))
    m["may_draft_referral"] = true;
  if (ctx.query("saved") == "1" && state.form.empty() && !state.resumed)
    m["saved_message"] = site.t(v, "case.saved");

  CaseForms forms(site, v, c, state);

  // Actions.
  std::string submitted_plan_id;
  for (const auto& p : c["plans"])
    if (str(p, "approval") == "submitted") submitted_plan_id = str(p, "id");
  m["actions"] = action_models(site, v, c, submitted_plan_id, state);

  // Timeline and history.
  m["history"] = history.ok() ? history_rows(site, v, actor, c, *history, names) : mstch::array{};
  m["history_truncated"] = history.ok() && history->truncated;
  m["history_all_href"] = "/cases/" + case_id + "?history=all" +
                          (all_notes ? "&amp;notes=all" : "") + "#section-timeline-title";
  mstch::array reports;
  for (const auto& r : c["reports"]) {
    mstch::array cats;
    for (const auto& cat : r["concern_categories"])
      cats.push_back(code_label(site, v, "concern.", cat.get<std::string>()));
    reports.push_back(
        mstch::map{{"received", format_date_time(r.value("received_at", int64_t{0}), v.lang)},
                   {"reporter", code_label(site, v, "reporter.", str(r, "reporter_type"))},
                   {"organisation", str(r, "reporter_organisation")},
                   {"urgency", code_label(site, v, "risk.", str(r, "urgency"))},
                   {"categories", cats},
                   {"narrative", str(r, "narrative")}});
  }
  m["reports"] = reports;

  // Screening.
  if (c.contains("screening") && c["screening"].is_object()) {
    const auto& s = c["screening"];
    m["screening"] =
        mstch::map{{"decided_on", format_ymd(str(s, "decided_on"), v.lang)},
                   {"by", names.of(str(s, "decided_by"))},
                   {"outcome", site.t(v, flag(s, "open_assessment") ? "case.screening.opens"
                                                                    : "case.screening.declines")},
                   {"reasons", str(s, "reasons")}};
  }
  if (open && case_status == "screening") m["screening_form"] = forms.screening();

  // Assessment and risk history.
  mstch::array assessments;
  for (const auto& a : c["assessments"])
    assessments.push_back(mstch::map{
        {"started_on", format_ymd(str(a, "started_on"), v.lang)},
        {"completed_on", str(a, "completed_on").empty()
                             ? std::string()
                             : format_ymd(str(a, "completed_on"), v.lang)},
        {"risk", str(a, "risk_level").empty() ? std::string()
                                              : code_label(site, v, "risk.", str(a, "risk_level"))},
        {"safety", str(a, "safety")},
        {"health", str(a, "health")},
        {"development", str(a, "development")},
        {"education", str(a, "education")},
        {"family_environment", str(a, "family_environment")},
        {"child_views", str(a, "child_views")},
        {"risk_rationale", str(a, "risk_rationale")}});
  m["assessments"] = assessments;
  mstch::array risks;
  for (const auto& r : c["risk_history"])
    risks.push_back(mstch::map{{"when", format_date_time(r.value("set_at", int64_t{0}), v.lang)},
                               {"risk", code_label(site, v, "risk.", str(r, "risk_level"))},
                               {"rationale", str(r, "rationale")},
                               {"by", names.of(str(r, "set_by"))}});
  m["risks"] = risks;
  if (open && case_status == "assessment") m["assessment_form"] = forms.assessment();

  // Plan.
  mstch::array plans;
  for (const auto& p : c["plans"])
    plans.push_back(mstch::map{
        {"approval", code_label(site, v, "case.plan.state.", str(p, "approval"))},
        {"approval_class", "state-" + str(p, "approval")},
        {"goals", goal_rows(p["goals"], site, v)},
        {"child_views", str(p, "child_views")},
        {"caregiver_views", str(p, "caregiver_views")},
        {"submitted_by", str(p, "submitted_by").empty() ? "" : names.of(str(p, "submitted_by"))},
        {"approved_by", str(p, "approved_by").empty() ? "" : names.of(str(p, "approved_by"))},
        {"comment", str(p, "approval_comment")}});
  m["plans"] = plans;
  if (open && case_status == "planning") {
    if (auto plan_form = forms.plan()) m["plan_form"] = *plan_form;
    if (!submitted_plan_id.empty() && supervisor) m["plan_return_form"] = forms.plan_return();
  }

  // Reviews.
  mstch::array reviews;
  for (const auto& r : c["reviews"])
    reviews.push_back(mstch::map{{"held_on", format_ymd(str(r, "held_on"), v.lang)},
                                 {"progress", str(r, "progress")},
                                 {"risk", code_label(site, v, "risk.", str(r, "risk_level"))},
                                 {"decisions", str(r, "decisions")},
                                 {"by", names.of(str(r, "created_by"))}});
  m["reviews"] = reviews;
  if (open && case_status == "review") m["review_form"] = forms.review();

  // Services and referrals, placements, participation, information given, notes, documents: each
  // list is read (and audited) through its service.
  // Each saved record has its edit form, folded away unless it is the one that came back.
  auto edit = [&](std::string_view kind, const std::string& record_id, std::string title,
                  mstch::map form) {
    mstch::map e{{"title", std::move(title)},
                 {"open", state.form == CaseForms::edit_form_id(kind, record_id)}};
    e.emplace("form", std::move(form));  // moved: a braced map would copy the whole form
    return e;
  };
  mstch::array referrals, referral_edits;
  if (auto list = app.referrals.list(actor, case_id); list.ok())
    for (const auto& r : *list) {
      if (open)
        referral_edits.push_back(
            edit("referral", r.referral.id,
                 code_label(site, v, "case.service.",
                            std::string(domain::to_code(r.referral.service_type))) +
                     " — " + r.referral.provider,
                 forms.referral(&r)));
      referrals.push_back(mstch::map{
          {"service", code_label(site, v, "case.service.",
                                 std::string(domain::to_code(r.referral.service_type)))},
          {"provider", r.referral.provider},
          {"status", code_label(site, v, "case.referral.status.",
                                std::string(domain::to_code(r.referral.status)))},
          {"referred_on",
           r.referral.referred_on ? format_ymd(r.referral.referred_on->to_string(), v.lang) : ""},
          {"consent",
           r.referral.consent ? r.referral.consent->given_by + ", " +
                                    format_ymd(r.referral.consent->given_on.to_string(), v.lang)
           : r.referral.consent_override
               ? site.t(v, "case.referral.overridden") + ": " + r.referral.consent_override->reason
               : site.t(v, "case.referral.no_consent")}});
    }
  m["has_referrals"] = !referrals.empty();
  m["referrals"] = referrals;
  m["referral_edits"] = referral_edits;
  mstch::array placements, placement_edits;
  if (auto list = app.placements.list(actor, case_id); list.ok())
    for (const auto& p : *list) {
      if (open)
        placement_edits.push_back(edit("placement", p.placement.id,
                                       code_label(site, v, "case.placement.type.",
                                                  std::string(domain::to_code(p.placement.type))) +
                                           " — " + p.placement.provider,
                                       forms.placement(&p)));
      placements.push_back(mstch::map{
          {"type", code_label(site, v, "case.placement.type.",
                              std::string(domain::to_code(p.placement.type)))},
          {"provider", p.placement.provider},
          {"start_on", format_ymd(p.placement.start_on.to_string(), v.lang)},
          {"end_on", p.placement.end_on ? format_ymd(p.placement.end_on->to_string(), v.lang)
                                        : site.t(v, "case.placement.ongoing")},
          {"entry_reasons", placement_entry_reasons(site, v, p.placement)},
          {"exit_destination",
           p.placement.exit_destination
               ? code_label(site, v, "placement.exit_destination.",
                            std::string(domain::to_code(*p.placement.exit_destination)))
               : std::string()},
          {"reason", p.placement.reason}});
    }
  m["has_placements"] = !placements.empty();
  m["placements"] = placements;
  m["placement_edits"] = placement_edits;
  mstch::array participation, participation_edits;
  if (auto list = app.participation.list(actor, case_id); list.ok())
    for (const auto& p : *list) {
      if (open)
        participation_edits.push_back(
            edit("participation", p.record.id,
                 code_label(site, v, "case.stage.", std::string(domain::to_code(p.record.stage))) +
                     " — " + p.record.decision,
                 forms.participation(&p)));
      participation.push_back(mstch::map{
          {"stage",
           code_label(site, v, "case.stage.", std::string(domain::to_code(p.record.stage)))},
          {"decision", p.record.decision},
          {"offered_on", p.record.space.offered_on
                             ? format_ymd(p.record.space.offered_on->to_string(), v.lang)
                             : ""},
          {"views", p.record.voice.declined ? site.t(v, "case.participation.declined")
                                            : p.record.voice.views},
          {"audience", p.record.audience.decision_maker},
          {"influence", p.record.influence.weight_given}});
    }
  m["participation"] = participation;
  m["participation_edits"] = participation_edits;
  mstch::array information;
  if (auto list = app.participation.list_information(actor, case_id); list.ok())
    for (const auto& i : *list)
      information.push_back(mstch::map{
          {"given_on", format_ymd(i.entry.given_on.to_string(), v.lang)},
          {"stage",
           code_label(site, v, "case.stage.", std::string(domain::to_code(i.entry.stage)))},
          {"what", i.entry.what},
          {"language", i.entry.language},
          {"format",
           code_label(site, v, "case.format.", std::string(domain::to_code(i.entry.format)))}});
  m["information"] = information;
  mstch::array notes;
  if (recent_notes.ok()) {
    for (const auto& n : recent_notes->notes)  // newest first
      notes.push_back(mstch::map{{"written", format_date_time(n.note.written_at.ms, v.lang)},
                                 {"by", names.of(n.note.author_id)},
                                 {"text", n.note.text}});
    m["notes_truncated"] = recent_notes->total > static_cast<int64_t>(recent_notes->notes.size());
    m["notes_all_href"] = "/cases/" + case_id +
                          (all_history ? "?history=all&amp;notes=all" : "?notes=all") +
                          "#section-notes-title";
  }
  m["notes"] = notes;
  mstch::array documents;
  if (auto list = app.documents.list(actor, case_id); list.ok())
    for (const auto& d : *list)
      documents.push_back(
          mstch::map{{"name", d.original_name},
                     {"type", code_label(site, v, "case.document.type.", d.document_type)},
                     {"size", format_number((d.size_bytes + 1023) / 1024, v.lang) + " KB"},
                     {"uploaded", format_date_time(d.uploaded_at, v.lang)},
                     {"href", "/api/v1/cases/" + case_id + "/documents/" + d.id}});
  m["documents"] = documents;
  if (open) {
    m["referral_form"] = forms.referral();
    m["placement_form"] = forms.placement();
    m["participation_form"] = forms.participation();
    m["information_form"] = forms.information();
    m["note_form"] = forms.note();
    m["document_form"] = forms.document();
  }

  // Closure.
  if (c.contains("closure") && c["closure"].is_object()) {
    const auto& cl = c["closure"];
    m["closure"] =
        mstch::map{{"reason", code_label(site, v, "case.closure.reason.", str(cl, "reason"))},
                   {"detail", str(cl, "reason_detail")},
                   {"closing_on", format_ymd(str(cl, "closing_on"), v.lang)},
                   {"summary", str(cl, "summary")},
                   {"leaving_care_plan", str(cl, "leaving_care_plan")},
                   {"requested", !str(cl, "requested_by").empty()},
                   {"approved", !str(cl, "approved_by").empty()},
                   {"return_comment", str(cl, "return_comment")},
                   {"returned", str(cl, "returned_by").empty()
                                    ? std::string()
                                    : names.of(str(cl, "returned_by")) + ", " +
                                          format_ymd(str(cl, "returned_on"), v.lang)}};
  }
  if (open && case_status != "reported" && case_status != "screening") {
    const bool requested = c.contains("closure") && c["closure"].is_object() &&
                           !str(c["closure"], "requested_by").empty();
    if (!requested) m["closure_form"] = forms.closure();
  }

  page.errors = forms.page_errors();
  if (state.form == "action") {
    // A refused action: the service's sentence for each unmet guard, or its message.
    mstch::array messages;
    for (const auto& e : state.errors)
      messages.push_back(known_code_label(site, v, "guard.", e.field).value_or(e.message));
    if (state.errors.empty()) messages.push_back(state.message);
    for (const auto& msg : messages)
      page.errors.push_back({"action", boost::get<std::string>(msg)});
    m["action_errors"] = messages;
    m["has_action_errors"] = true;
  }
  if (state.conflict) page.notice = site.t(v, "case.conflict.notice");
  if (state.resumed)
    page.notice = site.t(v, forms.resumed_conflict() ? "case.resumed_conflict" : "case.resumed");
  // No audit, no answer: the reads shown are in the log before the page leaves.
  if (!audit_reads.wait().ok())
    return site.send_message(ctx, v, 503, "error.unavailable.title", "error.unavailable.message");
  site.send(ctx, v, std::move(page));
}

void register_case_pages(Router& router, std::shared_ptr<Site> site) {
  router.get("/cases/{case_id}", "casePage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    // A form sent after the session ended comes back here once, filled with what was typed.
    CaseFormState state;
    std::optional<Form> resumed = site->resumed_form(ctx);
    if (resumed) {
      state.form = resumed->get("_form");
      state.typed = &*resumed;
      state.resumed = true;
    }
    send_case_page(*site, ctx, *v, std::string(ctx.param("case_id")), state);
  });
  register_case_form_routes(router, site);
}

}  // namespace haven::http::web
