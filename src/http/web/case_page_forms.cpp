// The case page's forms as models: which fields each step's form has, their saved values, and how a
// failed submission comes back (typed values, errors beside fields, both versions after a
// conflict). The catalog keys of every code the page labels are spelled out here so the catalog
// test sees them used.
#include "http/web/case_page_forms.h"

#include <map>

#include "core/date.h"
#include "domain/case_types.h"
#include "domain/form_definition.h"
#include "domain/participation_types.h"
#include "domain/placement_types.h"
#include "http/web/catalog.h"
#include "http/web/code_labels.h"
#include "service/app.h"
#include "service/document_service.h"
#include "service/participation_service.h"
#include "service/placement_service.h"
#include "service/referral_service.h"

namespace haven::http::web {

namespace {

template <class E>
std::vector<std::string> codes_of(std::span<const E> values) {
  std::vector<std::string> out;
  for (E value : values) out.emplace_back(domain::to_code(value));
  return out;
}

std::string form_value(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_boolean()) return it->get<bool>() ? "1" : "";
  return it->dump();
}

std::string custom_value_text(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (v.is_array()) {
    std::string out;
    for (const auto& x : v)
      out += (out.empty() ? "" : ", ") + (x.is_string() ? x.get<std::string>() : x.dump());
    return out;
  }
  return v.dump();
}

}  // namespace

std::string case_input_for_field(const std::string& field) {
  if (field == "goals") return "g0_description";
  if (field.rfind("goals[", 0) == 0) {
    size_t close = field.find(']');
    std::string out = "g" + field.substr(6, close - 6);
    std::string rest = close + 1 < field.size() ? field.substr(close + 2) : "";
    if (rest.empty()) return out + "_description";
    if (rest.rfind("actions[", 0) == 0) {
      size_t c2 = rest.find(']');
      out += "_a" + rest.substr(8, c2 - 8);
      rest = c2 + 1 < rest.size() ? rest.substr(c2 + 2) : "";
      return out + "_" + (rest.empty() ? std::string("description") : rest);
    }
    if (rest == "actions") return out + "_a0_description";
    return out + "_" + rest;
  }
  std::string out = field;
  if (out.rfind("custom_fields.", 0) == 0) out = "cf_" + out.substr(14);
  for (char& ch : out)
    if (ch == '.' || ch == '[' || ch == ']') ch = '_';
  return out;
}

CaseForms::CaseForms(Site& site, const Visitor& v, const nlohmann::json& c,
                     const CaseFormState& state)
    : site_(site), v_(v), c_(c), state_(state) {}

CaseForms::FieldSpec CaseForms::text(const std::string& name, std::string_view label_key, Kind kind,
                                     const std::string& saved, bool required) const {
  return {name, site_.t(v_, label_key), kind, required, {}, saved};
}

CaseForms::FieldSpec CaseForms::select(const std::string& name, std::string_view label_key,
                                       const std::vector<std::string>& codes,
                                       std::string_view code_prefix, const std::string& saved,
                                       bool required) const {
  FieldSpec f{name, site_.t(v_, label_key), Kind::kSelect, required, {}, saved};
  for (const auto& code : codes)
    f.options.emplace_back(code, code_label(site_, v_, code_prefix, code));
  return f;
}

std::vector<CaseForms::FieldSpec> CaseForms::custom_fields(std::string_view record_type,
                                                           const nlohmann::json& saved) const {
  std::vector<FieldSpec> out;
  for (const auto& def : site_.app().forms.fields(form_value(c_, "country"), record_type)) {
    FieldSpec f;
    f.name = "cf_" + def.name;
    f.label = label_in(def.labels, v_.lang);
    f.required = def.required;
    f.saved =
        saved.is_object() && saved.contains(def.name) ? custom_value_text(saved[def.name]) : "";
    switch (def.type) {
      case domain::FieldType::kDate:
        f.kind = Kind::kDate;
        break;
      case domain::FieldType::kNumber:
        f.kind = Kind::kNumber;
        break;
      case domain::FieldType::kBoolean:
        f.kind = Kind::kSelect;
        f.options = {{"yes", site_.t(v_, "common.yes")}, {"no", site_.t(v_, "common.no")}};
        break;
      case domain::FieldType::kChoice:
        f.kind = Kind::kSelect;
        for (const auto& o : def.options)
          f.options.emplace_back(o.code, label_in(o.labels, v_.lang));
        break;
      default:
        f.kind = Kind::kText;
    }
    out.push_back(std::move(f));
  }
  return out;
}

mstch::map CaseForms::render(const FormSpec& spec) {
  const bool failed = state_.form == spec.id && state_.typed;
  // A form kept over a sign-in names the version the worker read; if the record changed since,
  // it comes back as a conflict (both versions, the worker's text in the form) rather than being
  // saved over the other change with the version the form now carries.
  bool conflict = failed && state_.conflict;
  if (failed && state_.resumed && state_.typed->has("version"))
    for (const auto& [name, value] : spec.hidden)
      if (name == "version" && value != state_.typed->get("version")) conflict = true;
  if (conflict && state_.resumed) resumed_conflict_ = true;
  mstch::array groups;
  mstch::array conflict_rows;
  std::vector<bool> matched(failed ? state_.errors.size() : 0, false);
  bool multipart = false;
  std::string first_id;
  for (const auto& g : spec.groups) {
    mstch::array fields;
    for (const auto& f : g.fields) {
      const std::string id = "field-" + spec.id + "-" + f.name;
      if (first_id.empty()) first_id = spec.id + "-" + f.name;
      std::string value = f.saved;
      if (failed && f.kind == Kind::kCheckboxGroup) {
        value.clear();
        for (const auto& option : f.options)
          if (state_.typed->has(f.name + "_" + option.first))
            value += (value.empty() ? "" : ",") + option.first;
      } else if (failed) {
        value = f.kind == Kind::kCheckbox ? (state_.typed->has(f.name) ? "1" : "")
                                          : state_.typed->get(f.name);
      }
      std::string error;
      if (failed)
        for (size_t i = 0; i < state_.errors.size(); ++i)
          if (state_.errors[i].field == f.name) {
            if (!error.empty()) error += " ";
            error += state_.errors[i].message;
            matched[i] = true;
            page_errors_.push_back(
                {spec.id + "-" + f.name, f.label + ": " + state_.errors[i].message});
          }
      if (conflict && value != f.saved)
        conflict_rows.push_back(
            mstch::map{{"label", f.label}, {"saved", f.saved}, {"typed", value}});
      mstch::array options;
      for (const auto& [code, label] : f.options) {
        const bool selected = f.kind == Kind::kCheckboxGroup
                                  ? ("," + value + ",").find("," + code + ",") != std::string::npos
                                  : code == value;
        // A group's first box carries the field's id, so the error summary's link lands on it.
        options.push_back(mstch::map{{"value", code},
                                     {"label", label},
                                     {"selected", selected},
                                     {"input_id", options.empty() ? id : id + "-" + code},
                                     {"input_name", f.name + "_" + code}});
      }
      std::string type = "text";
      if (f.kind == Kind::kDate) type = "date";
      if (f.kind == Kind::kNumber) type = "number";
      if (f.kind == Kind::kFile) type = "file";
      // Which texts describe the input: its hint and its error.
      const std::string hint = f.kind == Kind::kFile ? file_hint() : std::string();
      if (f.kind == Kind::kFile) multipart = true;
      std::string described;
      if (!hint.empty()) described = id + "-hint";
      if (!error.empty()) described += (described.empty() ? "" : " ") + id + "-error";
      fields.push_back(mstch::map{
          {"id", id},
          {"name", f.name},
          {"label", f.label},
          {"value", value},
          {"type", type},
          {"required", f.required},
          {"error", error},
          {"hint", hint},
          {"described_by", described},
          {"is_file", f.kind == Kind::kFile},
          {"is_textarea", f.kind == Kind::kTextarea},
          {"is_select", f.kind == Kind::kSelect},
          {"is_checkbox", f.kind == Kind::kCheckbox},
          {"is_checkbox_group", f.kind == Kind::kCheckboxGroup},
          {"checked", value == "1"},
          {"is_input", f.kind == Kind::kText || f.kind == Kind::kDate || f.kind == Kind::kNumber}});
      // Moved in, not listed above: a braced mstch::map copies every value it is given, and a
      // form's option lists would be copied again at every level up to the page.
      boost::get<mstch::map>(fields.back()).emplace("options", std::move(options));
    }
    mstch::map group{{"legend", g.legend}, {"has_legend", !g.legend.empty()}};
    group.emplace("fields", std::move(fields));
    groups.push_back(std::move(group));
  }
  // Errors no input carries (a guard, the version, the case's state) are said in the form and in
  // the summary, linked to the form's first input.
  mstch::array messages;
  if (failed) {
    for (size_t i = 0; i < state_.errors.size(); ++i)
      if (!matched[i]) {
        messages.push_back(state_.errors[i].message);
        page_errors_.push_back({first_id, state_.errors[i].message});
      }
    if (state_.errors.empty() && !state_.message.empty()) {
      messages.push_back(state_.message);
      if (!conflict) page_errors_.push_back({first_id, state_.message});
    }
  }
  mstch::array hidden;
  for (const auto& [name, value] : spec.hidden)
    hidden.push_back(mstch::map{{"name", name}, {"value", value}});
  mstch::map form{{"id", spec.id},
                  {"heading", site_.t(v_, spec.title_key)},
                  {"action", "/cases/" + form_value(c_, "id") + spec.path},
                  {"submit", site_.t(v_, spec.submit_key)},
                  {"has_messages", !messages.empty()},
                  {"conflict", conflict},
                  {"multipart", multipart}};
  form.emplace("hidden", std::move(hidden));
  form.emplace("groups", std::move(groups));
  form.emplace("messages", std::move(messages));
  form.emplace("conflict_rows", std::move(conflict_rows));
  return form;
}

mstch::map CaseForms::screening() {
  FormSpec s{"screening", "case.screening.form", "/screening", "case.save", {}, {}};
  s.groups.push_back({"",
                      {FieldSpec{"open_assessment",
                                 site_.t(v_, "case.screening.open_assessment"),
                                 Kind::kSelect,
                                 true,
                                 {{"yes", site_.t(v_, "case.screening.opens")},
                                  {"no", site_.t(v_, "case.screening.declines")}},
                                 ""},
                       text("reasons", "case.screening.reasons", Kind::kTextarea, "", true),
                       text("decided_on", "case.screening.decided_on", Kind::kDate, "")}});
  return render(s);
}

mstch::map CaseForms::assessment() {
  // The latest assessment not yet completed is edited; otherwise a new one is started.
  nlohmann::json current = nlohmann::json::object();
  for (const auto& a : c_["assessments"])
    if (form_value(a, "completed_on").empty()) current = a;
  FormSpec s{"assessment", "case.assessment.form", "/assessment", "case.save", {}, {}};
  if (current.contains("id")) {
    s.hidden = {{"assessment_id", form_value(current, "id")},
                {"version", form_value(current, "version")}};
  }
  s.groups.push_back(
      {site_.t(v_, "case.assessment.sections"),
       {text("safety", "case.assessment.safety", Kind::kTextarea, form_value(current, "safety")),
        text("health", "case.assessment.health", Kind::kTextarea, form_value(current, "health")),
        text("development", "case.assessment.development", Kind::kTextarea,
             form_value(current, "development")),
        text("education", "case.assessment.education", Kind::kTextarea,
             form_value(current, "education")),
        text("family_environment", "case.assessment.family_environment", Kind::kTextarea,
             form_value(current, "family_environment")),
        text("child_views", "case.assessment.child_views", Kind::kTextarea,
             form_value(current, "child_views"))}});
  std::vector<FieldSpec> result = {
      select("risk_level", "case.assessment.risk_level", codes_of(domain::all_risk_levels()),
             "risk.", form_value(current, "risk_level")),
      text("risk_rationale", "case.assessment.risk_rationale", Kind::kTextarea,
           form_value(current, "risk_rationale")),
      text("completed_on", "case.assessment.completed_on", Kind::kDate,
           form_value(current, "completed_on"))};
  for (auto& f : custom_fields("assessment", current.value("custom_fields", nlohmann::json())))
    result.push_back(std::move(f));
  s.groups.push_back({site_.t(v_, "case.assessment.result"), std::move(result)});
  return render(s);
}

std::optional<mstch::map> CaseForms::plan() {
  nlohmann::json current = nlohmann::json::object();
  for (const auto& p : c_["plans"]) {
    const std::string approval = form_value(p, "approval");
    if (approval == "submitted") return std::nullopt;
    if (approval == "draft" || approval == "returned") current = p;
  }
  FormSpec s{"plan", "case.plan.form", "/plan", "case.save", {}, {}};
  if (current.contains("id"))
    s.hidden = {{"plan_id", form_value(current, "id")},
                {"version", form_value(current, "version")}};
  const nlohmann::json goals = current.value("goals", nlohmann::json::array());
  for (int g = 0; g < kPlanGoalRows; ++g) {
    const nlohmann::json goal = goals.is_array() && g < static_cast<int>(goals.size())
                                    ? goals[g]
                                    : nlohmann::json::object();
    const std::string n = std::to_string(g + 1), gp = "g" + std::to_string(g);
    Group group{site_.t(v_, "case.plan.goal") + " " + n, {}};
    group.fields.push_back({gp + "_description",
                            site_.t(v_, "case.plan.goal_description"),
                            Kind::kTextarea,
                            g == 0,
                            {},
                            form_value(goal, "description")});
    const nlohmann::json actions = goal.value("actions", nlohmann::json::array());
    for (int a = 0; a < kPlanActionRows; ++a) {
      const nlohmann::json action = actions.is_array() && a < static_cast<int>(actions.size())
                                        ? actions[a]
                                        : nlohmann::json::object();
      const std::string ap = gp + "_a" + std::to_string(a), an = std::to_string(a + 1);
      group.fields.push_back({ap + "_description",
                              site_.t(v_, "case.plan.action") + " " + an + " — " +
                                  site_.t(v_, "case.plan.action_description"),
                              Kind::kText,
                              false,
                              {},
                              form_value(action, "description")});
      group.fields.push_back({ap + "_responsible",
                              site_.t(v_, "case.plan.action") + " " + an + " — " +
                                  site_.t(v_, "case.plan.responsible"),
                              Kind::kText,
                              false,
                              {},
                              form_value(action, "responsible")});
      group.fields.push_back(
          {ap + "_due_on",
           site_.t(v_, "case.plan.action") + " " + an + " — " + site_.t(v_, "case.plan.due_on"),
           Kind::kDate,
           false,
           {},
           form_value(action, "due_on")});
    }
    s.groups.push_back(std::move(group));
  }
  std::vector<FieldSpec> views = {text("child_views", "case.plan.child_views", Kind::kTextarea,
                                       form_value(current, "child_views")),
                                  text("caregiver_views", "case.plan.caregiver_views",
                                       Kind::kTextarea, form_value(current, "caregiver_views"))};
  for (auto& f : custom_fields("plan", current.value("custom_fields", nlohmann::json())))
    views.push_back(std::move(f));
  s.groups.push_back({site_.t(v_, "case.plan.views"), std::move(views)});
  return render(s);
}

mstch::map CaseForms::plan_return() {
  nlohmann::json current = nlohmann::json::object();
  for (const auto& p : c_["plans"])
    if (form_value(p, "approval") == "submitted") current = p;
  FormSpec s{"plan_return", "case.plan.return_form", "/plan/return", "case.plan.return", {}, {}};
  s.hidden = {{"plan_id", form_value(current, "id")}, {"version", form_value(current, "version")}};
  s.groups.push_back({"", {text("comment", "case.action.comment", Kind::kTextarea, "", true)}});
  return render(s);
}

mstch::map CaseForms::review() {
  FormSpec s{"review", "case.review.form", "/review", "case.save", {}, {}};
  s.groups.push_back(
      {"",
       {text("held_on", "case.review.held_on", Kind::kDate, ""),
        text("progress", "case.review.progress", Kind::kTextarea, "", true),
        select("risk_level", "case.assessment.risk_level", codes_of(domain::all_risk_levels()),
               "risk.", "", true),
        text("risk_rationale", "case.assessment.risk_rationale", Kind::kTextarea, "", true),
        text("decisions", "case.review.decisions", Kind::kTextarea, ""),
        text("placement_review", "case.review.placement_review", Kind::kCheckbox, ""),
        text("child_participated", "case.review.child_participated", Kind::kCheckbox, ""),
        text("next_review_on", "case.review.next_review_on", Kind::kDate, "")}});
  return render(s);
}

mstch::map CaseForms::closure() {
  const nlohmann::json current = c_.contains("closure") && c_["closure"].is_object()
                                     ? c_["closure"]
                                     : nlohmann::json::object();
  FormSpec s{"closure", "case.closure.form", "/closure", "case.save", {}, {}};
  if (current.contains("id")) s.hidden = {{"version", form_value(current, "version")}};
  s.groups.push_back(
      {"",
       {select("reason", "case.closure.reason", codes_of(domain::all_closure_reasons()),
               "case.closure.reason.", form_value(current, "reason"), true),
        text("reason_detail", "case.closure.reason_detail", Kind::kText,
             form_value(current, "reason_detail")),
        text("closing_on", "case.closure.closing_on", Kind::kDate,
             form_value(current, "closing_on")),
        text("summary", "case.closure.summary", Kind::kTextarea, form_value(current, "summary")),
        text("leaving_care_plan", "case.closure.leaving_care_plan", Kind::kTextarea,
             form_value(current, "leaving_care_plan"))}});
  return render(s);
}

namespace {
std::string date_or_empty(const std::optional<core::Date>& d) {
  return d ? d->to_string() : std::string();
}
}  // namespace

mstch::map CaseForms::referral(const service::ReferralRecord* saved) {
  FormSpec s{"referral", "case.referral.form", "/referral", "case.save", {}, {}};
  domain::Referral r;
  if (saved) {
    r = saved->referral;
    s.id = edit_form_id("referral", r.id);
    s.title_key = "case.referral.edit";
    s.hidden = {{"referral_id", r.id}, {"version", std::to_string(saved->version)}};
  }
  auto if_saved = [&](const std::string& shown) { return saved ? shown : std::string(); };
  s.groups.push_back(
      {"",
       {select("service_type", "case.referral.service_type", codes_of(domain::all_service_types()),
               "case.service.", if_saved(std::string(domain::to_code(r.service_type))), true),
        text("provider", "case.referral.provider", Kind::kText, r.provider, true),
        select("status", "case.referral.status", codes_of(domain::all_referral_statuses()),
               "case.referral.status.", std::string(domain::to_code(r.status)), true),
        text("referred_on", "case.referral.referred_on", Kind::kDate, date_or_empty(r.referred_on)),
        text("notes", "case.referral.notes", Kind::kTextarea, r.notes)}});
  s.groups.push_back(
      {site_.t(v_, "case.referral.consent"),
       {text("consent_given_by", "case.referral.consent_given_by", Kind::kText,
             r.consent ? r.consent->given_by : ""),
        text("consent_given_on", "case.referral.consent_given_on", Kind::kDate,
             r.consent ? r.consent->given_on.to_string() : ""),
        text("consent_override_reason", "case.referral.override_reason", Kind::kTextarea,
             r.consent_override ? r.consent_override->reason : "")}});
  return render(s);
}

mstch::map CaseForms::placement(const service::PlacementRecord* saved) {
  FormSpec s{"placement", "case.placement.form", "/placement", "case.save", {}, {}};
  std::string type, start;
  domain::Placement p;
  if (saved) {
    p = saved->placement;
    type = domain::to_code(p.type);
    start = p.start_on.to_string();
    s.id = edit_form_id("placement", p.id);
    s.title_key = "case.placement.edit";
    s.hidden = {{"placement_id", p.id}, {"version", std::to_string(saved->version)}};
  }
  std::string reasons, destination;
  for (auto r : p.entry_reasons)
    reasons += (reasons.empty() ? "" : ",") + std::string(domain::to_code(r));
  if (p.exit_destination) destination = domain::to_code(*p.exit_destination);
  // Why the child entered care (the codes, then the narrative); where the child went once ended.
  FieldSpec entry_reasons =
      select("entry_reasons", "placement.entry_reasons", codes_of(domain::all_entry_reasons()),
             "placement.entry_reason.", reasons, true);
  entry_reasons.kind = Kind::kCheckboxGroup;
  s.groups.push_back(
      {"",
       {select("type", "case.placement.type", codes_of(domain::all_placement_types()),
               "case.placement.type.", type, true),
        text("provider", "case.placement.provider", Kind::kText, p.provider, true),
        text("start_on", "case.placement.start_on", Kind::kDate, start, true),
        std::move(entry_reasons),
        text("reason", "case.placement.reason", Kind::kTextarea, p.reason, true),
        text("end_on", "case.placement.end_on", Kind::kDate, date_or_empty(p.end_on)),
        select("exit_destination", "placement.exit_destination",
               codes_of(domain::all_exit_destinations()), "placement.exit_destination.",
               destination),
        text("end_reason", "case.placement.end_reason", Kind::kTextarea, p.end_reason)}});
  return render(s);
}

mstch::map CaseForms::participation(const service::ParticipationEntry* saved) {
  FormSpec s{"participation", "case.participation.form", "/participation", "case.save", {}, {}};
  domain::ParticipationRecord p;
  std::string stage;
  if (saved) {
    p = saved->record;
    stage = domain::to_code(p.stage);
    s.id = edit_form_id("participation", p.id);
    s.title_key = "case.participation.edit";
    s.hidden = {{"record_id", p.id}, {"version", std::to_string(saved->version)}};
  }
  const auto stages = codes_of(domain::all_case_stages());
  s.groups.push_back(
      {"",
       {select("stage", "case.participation.stage", stages, "case.stage.", stage, true),
        text("decision", "case.participation.decision", Kind::kText, p.decision, true)}});
  s.groups.push_back(
      {site_.t(v_, "case.participation.space"),
       {text("space_offered_on", "case.participation.offered_on", Kind::kDate,
             date_or_empty(p.space.offered_on), true),
        text("space_setting", "case.participation.setting", Kind::kText, p.space.setting),
        text("space_support_person", "case.participation.support_person", Kind::kText,
             p.space.support_person),
        text("space_interpreter_language", "case.participation.interpreter_language", Kind::kText,
             p.space.interpreter_language)}});
  s.groups.push_back(
      {site_.t(v_, "case.participation.voice"),
       {text("voice_views", "case.participation.views", Kind::kTextarea, p.voice.views),
        text("voice_declined", "case.participation.declined", Kind::kCheckbox,
             p.voice.declined ? "1" : "")}});
  s.groups.push_back({site_.t(v_, "case.participation.audience"),
                      {text("audience_decision_maker", "case.participation.decision_maker",
                            Kind::kText, p.audience.decision_maker)}});
  s.groups.push_back({site_.t(v_, "case.participation.influence"),
                      {text("influence_weight_given", "case.participation.weight_given",
                            Kind::kTextarea, p.influence.weight_given),
                       text("influence_feedback_given_on", "case.participation.feedback_given_on",
                            Kind::kDate, date_or_empty(p.influence.feedback_given_on)),
                       text("influence_feedback_how", "case.participation.feedback_how",
                            Kind::kText, p.influence.feedback_how)}});
  return render(s);
}

mstch::map CaseForms::information() {
  FormSpec s{"information", "case.information.form", "/information", "case.save", {}, {}};
  s.groups.push_back(
      {"",
       {text("given_on", "case.information.given_on", Kind::kDate, "", true),
        select("stage", "case.participation.stage", codes_of(domain::all_case_stages()),
               "case.stage.", "", true),
        text("what", "case.information.what", Kind::kTextarea, "", true),
        text("language", "case.information.language", Kind::kText, "", true),
        select("format", "case.information.format", codes_of(domain::all_information_formats()),
               "case.format.", "", true)}});
  return render(s);
}

std::string CaseForms::file_hint() const {
  std::string hint = site_.t(v_, "case.document.file_hint");
  const std::string limit = format_number(
      static_cast<int64_t>(site_.app().documents.max_bytes() / (1024 * 1024)), v_.lang);
  if (auto at = hint.find("{{max}}"); at != std::string::npos) hint.replace(at, 7, limit);
  return hint;
}

mstch::map CaseForms::document() {
  FormSpec s{"document", "case.document.form", "/document", "case.document.upload", {}, {}};
  std::vector<std::string> types;
  for (auto t : service::document_types()) types.emplace_back(t);
  s.groups.push_back(
      {"",
       {select("document_type", "case.document.type", types, "case.document.type.", "", true),
        text("file", "case.document.file", Kind::kFile, "", true)}});
  return render(s);
}

mstch::map CaseForms::note() {
  FormSpec s{"note", "case.note.form", "/note", "case.save", {}, {}};
  s.groups.push_back({"",
                      {text("text", "case.note.text", Kind::kTextarea, "", true),
                       text("occurred_on", "case.note.occurred_on", Kind::kDate, "")}});
  return render(s);
}

}  // namespace haven::http::web
