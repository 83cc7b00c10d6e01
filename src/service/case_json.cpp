// Reading and writing the JSON of case-management records.
#include "service/case_json.h"

#include "domain/case_types.h"
#include "domain/person_types.h"
#include "domain/report_types.h"

namespace haven::service {

namespace {
const nlohmann::json& null_json() {
  static const nlohmann::json kNull;
  return kNull;
}
nlohmann::json date_or_null(const std::optional<core::Date>& d) {
  return d ? nlohmann::json(d->to_string()) : nlohmann::json();
}
}  // namespace

JsonReader::JsonReader(const nlohmann::json& object, domain::FieldErrors& errors,
                       std::string prefix)
    : object_(object), errors_(errors), prefix_(std::move(prefix)) {
  if (!prefix_.empty() && prefix_.back() != '.') prefix_ += '.';
}

bool JsonReader::has(std::string_view key) const {
  return !member(key).is_null();
}

const nlohmann::json& JsonReader::member(std::string_view key) const {
  if (!object_.is_object()) return null_json();
  auto it = object_.find(key);
  return it == object_.end() ? null_json() : *it;
}

std::string JsonReader::text(std::string_view key) {
  const auto& v = member(key);
  if (v.is_null()) return "";
  if (!v.is_string()) {
    errors_.add(field(key), "Give this as text.");
    return "";
  }
  return v.get<std::string>();
}

bool JsonReader::flag(std::string_view key, bool fallback) {
  const auto& v = member(key);
  if (v.is_null()) return fallback;
  if (!v.is_boolean()) {
    errors_.add(field(key), "Give true or false.");
    return fallback;
  }
  return v.get<bool>();
}

std::optional<core::Date> JsonReader::date(std::string_view key) {
  const auto& v = member(key);
  if (v.is_null()) return std::nullopt;
  if (v.is_string())
    if (auto d = core::Date::parse(v.get_ref<const std::string&>())) return d;
  errors_.add(field(key), "Give a date as YYYY-MM-DD.");
  return std::nullopt;
}

std::optional<int64_t> JsonReader::integer(std::string_view key) {
  const auto& v = member(key);
  if (v.is_null()) return std::nullopt;
  if (!v.is_number_integer()) {
    errors_.add(field(key), "Give a whole number.");
    return std::nullopt;
  }
  return v.get<int64_t>();
}

std::vector<std::string> JsonReader::strings(std::string_view key) {
  std::vector<std::string> out;
  const auto& v = member(key);
  if (v.is_null()) return out;
  if (!v.is_array()) {
    errors_.add(field(key), "Give a list of texts.");
    return out;
  }
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) {
      errors_.add(domain::indexed_field(field(key), i), "Give this as text.");
      continue;
    }
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

bool expect_object(const nlohmann::json& body, domain::FieldErrors& errors,
                   std::string_view field) {
  if (body.is_object()) return true;
  errors.add(std::string(field.empty() ? "body" : field), "Give an object here.");
  return false;
}

void merge(domain::FieldErrors& errors, const core::Status& status, std::string_view prefix) {
  if (status.ok()) return;
  std::string p(prefix);
  if (!p.empty() && p.back() != '.') p += '.';
  for (core::FieldError f : status.error().fields) {
    f.field = p + f.field;
    if (!errors.has(f.field)) errors.add(std::move(f));
  }
  if (status.error().fields.empty())
    errors.add(p.empty() ? "body" : p.substr(0, p.size() - 1), status.error().message);
}

domain::Child read_child(const nlohmann::json& j, domain::FieldErrors& errors,
                         std::string_view prefix) {
  domain::Child c;
  if (!expect_object(j, errors, prefix)) return c;
  JsonReader r(j, errors, std::string(prefix));
  c.given_names = r.text("given_names");
  c.family_names = r.text("family_names");
  c.names_original_script = r.text("names_original_script");
  c.other_names = r.strings("other_names");
  c.sex = r.code<domain::Sex>("sex", domain::parse_sex, domain::all_sexes(), domain::Sex::kUnknown)
              .value_or(domain::Sex::kUnknown);
  c.birth_date = r.date("birth_date");
  c.birth_date_estimated = r.flag("birth_date_estimated");
  c.birth_date_estimate_basis = r.code<domain::AgeEstimateBasis>("birth_date_estimate_basis",
                                                                 domain::parse_age_estimate_basis,
                                                                 domain::all_age_estimate_bases());
  c.nationalities = r.strings("nationalities");
  c.stateless = r.flag("stateless");
  c.languages = r.strings("languages");
  c.interpreter_needed = r.flag("interpreter_needed");
  const auto& dis = r.member("disabilities");
  if (!dis.is_null() && !dis.is_array()) errors.add(r.field("disabilities"), "Give a list.");
  if (dis.is_array()) {
    for (size_t i = 0; i < dis.size(); ++i) {
      const std::string at = domain::indexed_field(r.field("disabilities"), i);
      if (!expect_object(dis[i], errors, at)) continue;
      JsonReader d(dis[i], errors, at);
      domain::Disability x;
      x.type = d.code<domain::DisabilityType>("type", domain::parse_disability_type,
                                              domain::all_disability_types(),
                                              domain::DisabilityType::kOther)
                   .value_or(domain::DisabilityType::kOther);
      x.support_needed = d.text("support_needed");
      c.disabilities.push_back(std::move(x));
    }
  }
  c.migration_status = r.code<domain::MigrationStatus>(
                            "migration_status", domain::parse_migration_status,
                            domain::all_migration_statuses(), domain::MigrationStatus::kNone)
                           .value_or(domain::MigrationStatus::kNone);
  const auto& ids = r.member("identity_numbers");
  if (!ids.is_null() && !ids.is_array()) errors.add(r.field("identity_numbers"), "Give a list.");
  if (ids.is_array()) {
    for (size_t i = 0; i < ids.size(); ++i) {
      const std::string at = domain::indexed_field(r.field("identity_numbers"), i);
      if (!expect_object(ids[i], errors, at)) continue;
      JsonReader d(ids[i], errors, at);
      domain::IdentityNumber n;
      n.kind = d.code<domain::IdentityNumberKind>("kind", domain::parse_identity_number_kind,
                                                  domain::all_identity_number_kinds(),
                                                  domain::IdentityNumberKind::kOther)
                   .value_or(domain::IdentityNumberKind::kOther);
      n.country = d.text("country");
      n.value = d.text("value");
      c.identity_numbers.push_back(std::move(n));
    }
  }
  c.young_adult_in_aftercare = r.flag("young_adult_in_aftercare");
  return c;
}

domain::Report read_report(const nlohmann::json& j, domain::FieldErrors& errors,
                           std::string_view prefix, core::Timestamp now) {
  domain::Report rep;
  rep.received_at = now;
  if (!expect_object(j, errors, prefix)) return rep;
  JsonReader r(j, errors, std::string(prefix));
  if (auto at = r.integer("received_at")) rep.received_at = core::Timestamp{*at};
  rep.channel =
      r.code<domain::ReportChannel>("channel", domain::parse_report_channel,
                                    domain::all_report_channels(), domain::ReportChannel::kPhone)
          .value_or(domain::ReportChannel::kPhone);
  auto reporter = r.code<domain::ReporterType>("reporter_type", domain::parse_reporter_type,
                                               domain::all_reporter_types());
  if (!reporter && !r.has("reporter_type"))
    errors.add(r.field("reporter_type"), "Say who reported (school, police, anonymous, …).");
  rep.reporter_type = reporter.value_or(domain::ReporterType::kOther);
  rep.reporter_organisation = r.text("reporter_organisation");
  const auto& cats = r.member("concern_categories");
  if (!cats.is_null() && !cats.is_array())
    errors.add(r.field("concern_categories"), "Give a list.");
  if (cats.is_array()) {
    for (size_t i = 0; i < cats.size(); ++i) {
      const std::string at = domain::indexed_field(r.field("concern_categories"), i);
      if (!cats[i].is_string()) {
        errors.add(at, "Give a code as text.");
        continue;
      }
      if (auto c = errors.code<domain::ConcernCategory>(at, cats[i].get<std::string>(),
                                                        domain::parse_concern_category,
                                                        domain::all_concern_categories()))
        rep.concern_categories.push_back(*c);
    }
  }
  rep.narrative = r.text("narrative");
  rep.urgency = r.code<domain::Urgency>("urgency", domain::parse_urgency, domain::all_urgencies(),
                                        domain::Urgency::kMedium)
                    .value_or(domain::Urgency::kMedium);
  return rep;
}

domain::ScreeningDecision read_screening(const nlohmann::json& j, domain::FieldErrors& errors,
                                         core::Date today) {
  domain::ScreeningDecision s;
  s.decided_on = today;
  if (!expect_object(j, errors, "")) return s;
  JsonReader r(j, errors);
  if (auto d = r.date("decided_on")) s.decided_on = *d;
  if (!r.has("open_assessment"))
    errors.add("open_assessment", "Say whether an assessment is opened (true or false).");
  s.open_assessment = r.flag("open_assessment");
  s.reasons = r.text("reasons");
  return s;
}

domain::Assessment read_assessment(const nlohmann::json& j, domain::FieldErrors& errors,
                                   core::Date today) {
  domain::Assessment a;
  a.started_on = today;
  if (!expect_object(j, errors, "")) return a;
  JsonReader r(j, errors);
  if (auto d = r.date("started_on")) a.started_on = *d;
  a.completed_on = r.date("completed_on");
  a.safety = r.text("safety");
  a.health = r.text("health");
  a.development = r.text("development");
  a.education = r.text("education");
  a.family_environment = r.text("family_environment");
  a.child_views = r.text("child_views");
  a.risk_level =
      r.code<domain::RiskLevel>("risk_level", domain::parse_risk_level, domain::all_risk_levels());
  a.risk_rationale = r.text("risk_rationale");
  return a;
}

std::vector<domain::PlanGoal> plan_goals_from(const nlohmann::json& goals) {
  domain::FieldErrors ignored;
  std::vector<domain::PlanGoal> out;
  if (!goals.is_array()) return out;
  for (const auto& g : goals) {
    domain::PlanGoal goal;
    JsonReader gr(g, ignored);
    goal.description = gr.text("description");
    const auto& actions = gr.member("actions");
    if (actions.is_array())
      for (const auto& a : actions) {
        JsonReader ar(a, ignored);
        goal.actions.push_back(
            {ar.text("description"), ar.text("responsible"), ar.date("due_on"), ar.flag("done")});
      }
    out.push_back(std::move(goal));
  }
  return out;
}

domain::CasePlan read_plan(const nlohmann::json& j, domain::FieldErrors& errors) {
  domain::CasePlan p;
  if (!expect_object(j, errors, "")) return p;
  JsonReader r(j, errors);
  const auto& goals = r.member("goals");
  if (!goals.is_null() && !goals.is_array()) errors.add("goals", "Give a list of goals.");
  if (goals.is_array()) {
    for (size_t i = 0; i < goals.size(); ++i) {
      const std::string at = domain::indexed_field("goals", i);
      if (!expect_object(goals[i], errors, at)) continue;
      JsonReader gr(goals[i], errors, at);
      domain::PlanGoal goal;
      goal.description = gr.text("description");
      const auto& actions = gr.member("actions");
      if (!actions.is_null() && !actions.is_array())
        errors.add(gr.field("actions"), "Give a list.");
      if (actions.is_array()) {
        for (size_t k = 0; k < actions.size(); ++k) {
          const std::string aat = domain::indexed_field(gr.field("actions"), k);
          if (!expect_object(actions[k], errors, aat)) continue;
          JsonReader ar(actions[k], errors, aat);
          goal.actions.push_back(
              {ar.text("description"), ar.text("responsible"), ar.date("due_on"), ar.flag("done")});
        }
      }
      p.goals.push_back(std::move(goal));
    }
  }
  p.child_views = r.text("child_views");
  p.caregiver_views = r.text("caregiver_views");
  return p;
}

domain::Review read_review(const nlohmann::json& j, domain::FieldErrors& errors, core::Date today) {
  domain::Review v;
  v.held_on = today;
  if (!expect_object(j, errors, "")) return v;
  JsonReader r(j, errors);
  if (auto d = r.date("held_on")) v.held_on = *d;
  v.progress = r.text("progress");
  v.risk_level =
      r.code<domain::RiskLevel>("risk_level", domain::parse_risk_level, domain::all_risk_levels());
  v.risk_rationale = r.text("risk_rationale");
  v.decisions = r.text("decisions");
  v.placement_review = r.flag("placement_review");
  v.child_participated = r.flag("child_participated");
  v.next_review_on = r.date("next_review_on");
  return v;
}

domain::Closure read_closure(const nlohmann::json& j, domain::FieldErrors& errors,
                             core::Date today) {
  domain::Closure c;
  c.closing_on = today;
  if (!expect_object(j, errors, "")) return c;
  JsonReader r(j, errors);
  c.reason = r.code<domain::ClosureReason>("reason", domain::parse_closure_reason,
                                           domain::all_closure_reasons());
  c.reason_detail = r.text("reason_detail");
  if (auto d = r.date("closing_on")) c.closing_on = *d;
  c.summary = r.text("summary");
  c.leaving_care_plan = r.text("leaving_care_plan");
  return c;
}

std::vector<std::string> codes_from_json(const std::string& stored) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(stored, nullptr, false);
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

nlohmann::json child_json(const domain::Child& c) {
  nlohmann::json dis = nlohmann::json::array();
  for (const auto& d : c.disabilities)
    dis.push_back({{"type", domain::to_code(d.type)}, {"support_needed", d.support_needed}});
  nlohmann::json ids = nlohmann::json::array();
  for (const auto& n : c.identity_numbers)
    ids.push_back({{"kind", domain::to_code(n.kind)}, {"country", n.country}, {"value", n.value}});
  return {
      {"id", c.id},
      {"given_names", c.given_names},
      {"family_names", c.family_names},
      {"names_original_script", c.names_original_script},
      {"other_names", c.other_names},
      {"sex", domain::to_code(c.sex)},
      {"birth_date", date_or_null(c.birth_date)},
      {"birth_date_estimated", c.birth_date_estimated},
      {"birth_date_estimate_basis",
       c.birth_date_estimate_basis ? nlohmann::json(domain::to_code(*c.birth_date_estimate_basis))
                                   : nlohmann::json()},
      {"nationalities", c.nationalities},
      {"stateless", c.stateless},
      {"languages", c.languages},
      {"interpreter_needed", c.interpreter_needed},
      {"disabilities", dis},
      {"migration_status", domain::to_code(c.migration_status)},
      {"identity_numbers", ids},
      {"registered_on", date_or_null(c.registered_on)},
      {"young_adult_in_aftercare", c.young_adult_in_aftercare}};
}

nlohmann::json report_json(const domain::Report& r) {
  nlohmann::json cats = nlohmann::json::array();
  for (auto c : r.concern_categories) cats.push_back(domain::to_code(c));
  return {{"id", r.id},
          {"received_at", r.received_at.ms},
          {"channel", domain::to_code(r.channel)},
          {"reporter_type", domain::to_code(r.reporter_type)},
          {"reporter_organisation", r.reporter_organisation},
          {"concern_categories", cats},
          {"narrative", r.narrative},
          {"urgency", domain::to_code(r.urgency)}};
}

nlohmann::json assessment_json(const domain::Assessment& a) {
  return {{"safety", a.safety},
          {"health", a.health},
          {"development", a.development},
          {"education", a.education},
          {"family_environment", a.family_environment},
          {"child_views", a.child_views},
          {"risk_rationale", a.risk_rationale}};
}

nlohmann::json plan_goals_json(const std::vector<domain::PlanGoal>& goals) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& g : goals) {
    nlohmann::json actions = nlohmann::json::array();
    for (const auto& a : g.actions)
      actions.push_back({{"description", a.description},
                         {"responsible", a.responsible},
                         {"due_on", date_or_null(a.due_on)},
                         {"done", a.done}});
    out.push_back({{"description", g.description}, {"actions", actions}});
  }
  return out;
}

}  // namespace haven::service
