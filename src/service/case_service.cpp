// Case reads, lists, lifecycle transitions with their side effects, assignment and history.
#include "service/case_service.h"

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "domain/case_plan.h"
#include "domain/closure.h"
#include "security/field_cipher.h"
#include "service/case_json.h"
#include "service/case_record_support.h"
#include "service/custom_fields.h"
#include "store/repositories/case_record_repository.h"
#include "store/repositories/child_repository.h"
#include "store/repositories/report_repository.h"
#include "store/repositories/sensitive_field_repository.h"

namespace haven::service {

namespace {
nlohmann::json opt(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}
nlohmann::json opt(const std::optional<int64_t>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}
std::optional<core::Date> opt_date(const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  return core::Date::parse(*v);
}
bool is_supervisor(const Actor& actor) {
  return !actor.principal || actor.principal->role == security::Role::kSupervisor;
}
int64_t int_of(const nlohmann::json& body, const char* key, domain::FieldErrors& errors,
               bool required) {
  if (!body.is_object() || !body.contains(key) || body[key].is_null()) {
    if (required) errors.add(key, "Give the version you read (an integer).");
    return 0;
  }
  if (!body[key].is_number_integer()) {
    errors.add(key, "Give the version you read (an integer).");
    return 0;
  }
  return body[key].get<int64_t>();
}
}  // namespace

int64_t current_version(store::Tx& tx, const std::string& case_id) {
  // A fresh statement: under READ COMMITTED it sees the concurrent update that won.
  auto c = store::CaseRepository::find(tx, case_id);
  return c ? c->version : 0;
}

core::Error stale_version(std::string_view what, int64_t now_at) {
  return core::Error{core::ErrorCode::kConflict,
                     "The " + std::string(what) +
                         " was changed by someone else since you read it (it is now version " +
                         std::to_string(now_at) + "); reload it and try again.",
                     {{"current_version", std::to_string(now_at)}}};
}

domain::CaseSummary case_summary(const store::CaseRow& c) {
  domain::CaseSummary s;
  s.case_id = c.id;
  s.status = domain::parse_case_status(c.status).value_or(domain::CaseStatus::kReported);
  if (c.risk_level) s.risk_level = domain::parse_risk_level(*c.risk_level);
  s.urgency = domain::parse_urgency(c.urgency).value_or(domain::Urgency::kMedium);
  s.reported_at = core::Timestamp{c.reported_at.value_or(c.opened_at)};
  s.assessment_opened_on = opt_date(c.assessment_opened_on);
  s.planning_started_on = opt_date(c.planning_started_on);
  s.implementation_started_on = opt_date(c.implementation_started_on);
  s.last_review_on = opt_date(c.last_review_on);
  s.next_review_on = opt_date(c.next_review_on);
  return s;
}

std::vector<FieldChange> case_changes(const store::CaseRow& a, const store::CaseRow& b) {
  std::vector<FieldChange> out;
  auto i2s = [](const std::optional<int64_t>& v) {
    return v ? std::optional(std::to_string(*v)) : std::nullopt;
  };
  RecordHistory::diff(out, "status", a.status, b.status);
  RecordHistory::diff(out, "risk_level", a.risk_level, b.risk_level);
  RecordHistory::diff(out, "assigned_worker_id", a.assigned_worker_id, b.assigned_worker_id);
  RecordHistory::diff(out, "team_id", a.team_id, b.team_id);
  RecordHistory::diff(out, "restricted", a.restricted ? "true" : "false",
                      b.restricted ? "true" : "false");
  RecordHistory::diff(out, "closed_at", i2s(a.closed_at), i2s(b.closed_at));
  RecordHistory::diff(out, "closure_reason", a.closure_reason, b.closure_reason);
  RecordHistory::diff(out, "custom_fields", a.custom_fields, b.custom_fields);
  RecordHistory::diff(out, "last_review_on", a.last_review_on, b.last_review_on);
  RecordHistory::diff(out, "next_review_on", a.next_review_on, b.next_review_on);
  RecordHistory::diff(out, "reopen_reason", a.reopen_reason, b.reopen_reason);
  return out;
}

domain::CaseFacts CaseService::facts(store::Tx& tx, const store::CaseRow& c,
                                     const Actor& actor) const {
  domain::CaseFacts f;
  const int64_t entered = c.status_changed_at.value_or(c.created_at);
  if (auto s = store::CaseRecordRepository::latest_screening(tx, c.id);
      s && s->created_at >= entered) {
    f.screening_decision_recorded = true;
    f.screening_opens_assessment = s->open_assessment;
  }
  auto assessments = store::CaseRecordRepository::assessments(tx, c.id);
  if (!assessments.empty()) {
    const auto& a = assessments.back();
    f.assessment_completed_with_risk_level = a.completed_on.has_value() && a.risk_level.has_value();
  }
  auto plans = store::CaseRecordRepository::plans(tx, c.id);
  if (!plans.empty()) {
    const auto& p = plans.back();
    domain::CasePlan plan;
    plan.goals = plan_goals_from(nlohmann::json::parse(p.goals, nullptr, false));
    f.plan_has_goals = domain::has_goals_with_actions(plan);
    f.plan_submitted = p.approval == "submitted";
    f.plan_approved = p.approval == "approved";
    f.actor_submitted_plan = actor.principal && p.submitted_by == actor.principal->user_id;
  }
  for (const auto& r : store::CaseRecordRepository::reviews(tx, c.id))
    if (r.created_at >= entered) f.review_recorded = true;
  if (auto cl = store::CaseRecordRepository::latest_closure(tx, c.id); cl && !cl->approved_on) {
    f.closure_reason = domain::parse_closure_reason(cl->reason);
    f.leaving_care_plan_recorded = cl->leaving_care_plan_ct.has_value();
    f.closure_requested = cl->requested_by.has_value();
    f.actor_requested_closure = actor.principal && cl->requested_by == actor.principal->user_id;
    if (auto child = store::ChildRepository::find(tx, c.child_id); child && child->birth_date) {
      auto born = core::Date::parse(*child->birth_date);
      auto closing = core::Date::parse(cl->closing_on);
      if (born && closing) f.child_age_at_closure = born->years_until(*closing);
    }
  }
  f.actor_is_supervisor = is_supervisor(actor);
  return f;
}

core::Result<nlohmann::json> CaseService::view(store::Tx& tx, const store::CaseRow& c,
                                               const Actor& actor) {
  const security::FieldCipher cipher = keys_.cipher();
  // The sealed country-form values of the case and its records, in one query.
  const auto sealed = store::SensitiveFieldRepository::for_case(tx, c.id);
  auto custom = [&](const std::string& id, const std::string& plain) {
    auto it = sealed.find(id);
    return open_custom_fields(cipher, id, plain, it == sealed.end() ? nullptr : &it->second);
  };
  auto case_custom = custom(c.id, c.custom_fields);
  if (!case_custom.ok()) return case_custom.take_error();
  nlohmann::json j{{"id", c.id},
                   {"case_number", c.case_number},
                   {"status", c.status},
                   {"risk_level", opt(c.risk_level)},
                   {"agency_id", c.agency_id},
                   {"country", c.country},
                   {"assigned_worker_id", opt(c.assigned_worker_id)},
                   {"team_id", opt(c.team_id)},
                   {"restricted", c.restricted},
                   {"urgency", c.urgency},
                   {"opened_at", c.opened_at},
                   {"closed_at", opt(c.closed_at)},
                   {"closure_reason", opt(c.closure_reason)},
                   {"custom_fields", std::move(*case_custom)},
                   {"version", c.version},
                   {"updated_at", c.updated_at}};
  if (auto child = store::ChildRepository::find(tx, c.child_id)) {
    j["child"] = {{"id", child->id},
                  {"given_names", child->given_names},
                  {"family_names", child->family_names},
                  {"sex", child->sex},
                  {"birth_date", opt(child->birth_date)},
                  {"birth_date_estimated", child->birth_date_estimated},
                  {"migration_status", child->migration_status},
                  {"interpreter_needed", child->interpreter_needed}};
  }
  nlohmann::json reports = nlohmann::json::array();
  for (const auto& r : store::ReportRepository::for_case(tx, c.id)) {
    auto narrative = decrypt_text(cipher, r.narrative_ct, "reports", "narrative_ct", r.id);
    if (!narrative.ok()) return narrative.take_error();
    auto report_custom = custom(r.id, r.custom_fields);
    if (!report_custom.ok()) return report_custom.take_error();
    reports.push_back({{"id", r.id},
                       {"received_at", r.received_at},
                       {"channel", r.channel},
                       {"reporter_type", r.reporter_type},
                       {"reporter_organisation", r.reporter_organisation},
                       {"concern_categories", nlohmann::json::parse(r.concern_categories)},
                       {"narrative", *narrative},
                       {"urgency", r.urgency},
                       {"custom_fields", std::move(*report_custom)}});
  }
  j["reports"] = reports;
  if (auto s = store::CaseRecordRepository::latest_screening(tx, c.id))
    j["screening"] = {{"id", s->id},
                      {"decided_on", s->decided_on},
                      {"decided_by", s->decided_by},
                      {"open_assessment", s->open_assessment},
                      {"reasons", s->reasons},
                      {"version", s->version}};
  else
    j["screening"] = nullptr;
  nlohmann::json assessments = nlohmann::json::array();
  for (const auto& a : store::CaseRecordRepository::assessments(tx, c.id)) {
    auto content = decrypt_text(cipher, a.content_ct, "assessments", "content_ct", a.id);
    if (!content.ok()) return content.take_error();
    nlohmann::json aj = nlohmann::json::parse(*content, nullptr, false);
    aj["id"] = a.id;
    aj["started_on"] = a.started_on;
    aj["completed_on"] = opt(a.completed_on);
    aj["risk_level"] = opt(a.risk_level);
    auto assessment_custom = custom(a.id, a.custom_fields);
    if (!assessment_custom.ok()) return assessment_custom.take_error();
    aj["custom_fields"] = std::move(*assessment_custom);
    aj["created_by"] = a.created_by;
    aj["version"] = a.version;
    assessments.push_back(std::move(aj));
  }
  j["assessments"] = assessments;
  nlohmann::json risks = nlohmann::json::array();
  for (const auto& r : store::CaseRecordRepository::risk_levels(tx, c.id))
    risks.push_back({{"risk_level", r.risk_level},
                     {"rationale", r.rationale},
                     {"source", r.source},
                     {"source_id", r.source_id},
                     {"set_by", r.set_by},
                     {"set_at", r.set_at}});
  j["risk_history"] = risks;
  nlohmann::json plans = nlohmann::json::array();
  for (const auto& p : store::CaseRecordRepository::plans(tx, c.id)) {
    auto plan_custom = custom(p.id, p.custom_fields);
    if (!plan_custom.ok()) return plan_custom.take_error();
    plans.push_back({{"id", p.id},
                     {"goals", nlohmann::json::parse(p.goals, nullptr, false)},
                     {"child_views", p.child_views},
                     {"caregiver_views", p.caregiver_views},
                     {"approval", p.approval},
                     {"submitted_by", opt(p.submitted_by)},
                     {"submitted_on", opt(p.submitted_on)},
                     {"approved_by", opt(p.approved_by)},
                     {"approved_on", opt(p.approved_on)},
                     {"approval_comment", opt(p.approval_comment)},
                     {"custom_fields", std::move(*plan_custom)},
                     {"created_by", p.created_by},
                     {"version", p.version}});
  }
  j["plans"] = plans;
  nlohmann::json reviews = nlohmann::json::array();
  for (const auto& r : store::CaseRecordRepository::reviews(tx, c.id))
    reviews.push_back({{"id", r.id},
                       {"held_on", r.held_on},
                       {"progress", r.progress},
                       {"risk_level", r.risk_level},
                       {"risk_rationale", r.risk_rationale},
                       {"decisions", r.decisions},
                       {"placement_review", r.placement_review},
                       {"child_participated", r.child_participated},
                       {"next_review_on", opt(r.next_review_on)},
                       {"created_by", r.created_by}});
  j["reviews"] = reviews;
  if (auto cl = store::CaseRecordRepository::latest_closure(tx, c.id)) {
    auto plan = decrypt_text(cipher, cl->leaving_care_plan_ct, "case_closures",
                             "leaving_care_plan_ct", cl->id);
    if (!plan.ok()) return plan.take_error();
    j["closure"] = {{"id", cl->id},
                    {"reason", cl->reason},
                    {"reason_detail", cl->reason_detail},
                    {"closing_on", cl->closing_on},
                    {"summary", cl->summary},
                    {"leaving_care_plan", *plan},
                    {"requested_by", opt(cl->requested_by)},
                    {"requested_on", opt(cl->requested_on)},
                    {"approved_by", opt(cl->approved_by)},
                    {"approved_on", opt(cl->approved_on)},
                    {"returned_by", opt(cl->returned_by)},
                    {"returned_on", opt(cl->returned_on)},
                    {"return_comment", opt(cl->return_comment)},
                    {"version", cl->version}};
  } else {
    j["closure"] = nullptr;
  }
  nlohmann::json actions = nlohmann::json::array();
  const auto status = domain::parse_case_status(c.status).value_or(domain::CaseStatus::kReported);
  for (const auto& check : domain::available_actions(status, facts(tx, c, actor))) {
    nlohmann::json unmet = nlohmann::json::array();
    for (auto g : check.unmet)
      unmet.push_back({{"guard", domain::to_code(g)}, {"message", domain::explain(g)}});
    actions.push_back(
        {{"action", domain::to_code(check.action)},
         {"allowed", check.allowed()},
         {"to", check.to ? nlohmann::json(domain::to_code(*check.to)) : nlohmann::json()},
         {"unmet", unmet},
         {"reason", check.reason}});
  }
  j["available_actions"] = actions;
  // Deadlines under the country's policy, as the task list computes them.
  nlohmann::json tasks = nlohmann::json::array();
  domain::CaseSummary summary = case_summary(c);
  for (const auto& t :
       domain::build_task_list({&summary, 1}, policies_.for_country(c.country), clock_.now()))
    tasks.push_back({{"kind", domain::to_code(t.kind)},
                     {"state", domain::to_code(t.state)},
                     {"due_date", t.deadline ? nlohmann::json(t.deadline->due_date().to_string())
                                             : nlohmann::json()}});
  j["tasks"] = tasks;
  return j;
}

core::Result<nlohmann::json> CaseService::get(const std::string& case_id, const Actor& actor) {
  auto c = access_.authorize(actor, security::Action::kRead, case_id);
  if (!c.ok()) return c.take_error();
  try {
    // A read transaction, then the audit event through the group commit (durable before the
    // answer is sent, but one sync for a burst of reads rather than one each).
    auto j = db_.read([&](store::Tx& tx) -> core::Result<nlohmann::json> {
      auto fresh = CaseAccess::load(tx, case_id);
      if (!fresh) return core::Error::not_found("No such case.");
      return view(tx, *fresh, actor);
    });
    if (!j.ok()) return j;
    HAVEN_TRY(
        audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "case.read", "case",
                       case_id, "case_management", "success", actor.request_id, std::nullopt}));
    return j;
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<nlohmann::json> CaseService::list(const CaseListRequest& in, const Actor& actor) {
  domain::FieldErrors errors;
  store::CaseListQuery q;
  if (in.status) {
    errors.code<domain::CaseStatus>("status", *in.status, domain::parse_case_status,
                                    domain::all_case_statuses());
    q.status = in.status;
  }
  if (in.risk) {
    errors.code<domain::RiskLevel>("risk", *in.risk, domain::parse_risk_level,
                                   domain::all_risk_levels());
    q.risk_level = in.risk;
  }
  if (in.worker) {
    if (*in.worker == "me")
      q.assigned_worker_id = actor.actor_id();
    else if (errors.id("worker", *in.worker, domain::Presence::kRequired))
      q.assigned_worker_id = in.worker;
  }
  if (in.sort == "opened_at")
    q.newest_first = false;
  else if (in.sort != "-opened_at")
    errors.add("sort", "Sort by opened_at or -opened_at (newest first).");
  if (in.limit < 1 || in.limit > 200) errors.add("limit", "Ask for 1 to 200 cases per page.");
  if (!in.cursor.empty()) {
    const auto dot = in.cursor.find('.');
    bool good = dot != std::string::npos && dot > 0;
    if (good) {
      try {
        size_t used = 0;
        q.after_opened_at = std::stoll(in.cursor.substr(0, dot), &used);
        good = used == dot && core::is_valid_id(in.cursor.substr(dot + 1));
        q.after_id = in.cursor.substr(dot + 1);
      } catch (const std::exception&) {
        good = false;
      }
    }
    if (!good) errors.add("cursor", "Use the next_cursor of the previous page as it was given.");
  }
  if (!errors.empty())
    return core::Error::invalid("The case list cannot be filtered that way.", errors.errors());

  // The agency's cases: authorize a read of case content held by the actor's own agency.
  if (actor.principal) {
    store::CaseRow scope;
    scope.agency_id = actor.principal->agency_id;
    scope.country = actor.principal->country;
    HAVEN_TRY(access_.authorize(actor, security::Action::kRead, scope));
    q.agency_ids = {actor.principal->agency_id};
  }
  const core::Timestamp now = clock_.now();
  try {
    auto page = db_.read([&](store::Tx& tx) -> core::Result<nlohmann::json> {
      nlohmann::json items = nlohmann::json::array();
      std::optional<std::string> next;
      const int want = in.limit;
      q.limit = want + 1;
      bool more = true;
      std::string last_cursor;
      while (more && static_cast<int>(items.size()) < want) {
        auto rows = store::CaseRepository::list(tx, q);
        more = static_cast<int>(rows.size()) == q.limit;
        for (const auto& c : rows) {
          q.after_opened_at = c.opened_at;
          q.after_id = c.id;
          const bool visible = !c.restricted || !actor.principal ||
                               c.assigned_worker_id == actor.principal->user_id ||
                               (c.team_id && actor.principal->team_ids.count(*c.team_id));
          if (!visible) continue;
          domain::CaseSummary summary = case_summary(c);
          auto tasks =
              domain::build_task_list({&summary, 1}, policies_.for_country(c.country), now);
          bool overdue = false;
          for (const auto& t : tasks) overdue = overdue || t.state == domain::TaskState::kOverdue;
          if (in.overdue_only && !overdue) continue;
          if (static_cast<int>(items.size()) == want) {
            next = last_cursor;
            more = false;
            break;
          }
          items.push_back({{"id", c.id},
                           {"case_number", c.case_number},
                           {"status", c.status},
                           {"risk_level", opt(c.risk_level)},
                           {"urgency", c.urgency},
                           {"assigned_worker_id", opt(c.assigned_worker_id)},
                           {"opened_at", c.opened_at},
                           {"overdue", overdue},
                           {"version", c.version}});
          last_cursor = std::to_string(c.opened_at) + "." + c.id;
        }
        // Rows the user may not see (restricted cases of other teams, or not overdue when asked
        // for overdue ones) were skipped: fetch on until the page is full or the rows run out.
      }
      if (!next && more && static_cast<int>(items.size()) == want) next = last_cursor;
      return nlohmann::json{{"items", items},
                            {"next_cursor", next ? nlohmann::json(*next) : nlohmann::json()}};
    });
    if (!page.ok()) return page;
    nlohmann::json details{{"count", (*page)["items"].size()}};
    HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "case.list", "case",
                             "", "case_management", "success", actor.request_id, details.dump()}));
    return page;
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<nlohmann::json> CaseService::transition(const std::string& case_id,
                                                     const nlohmann::json& body,
                                                     const Actor& actor) {
  domain::FieldErrors errors;
  if (!expect_object(body, errors, "body"))
    return core::Error::invalid("Send the transition as a JSON object.", errors.errors());
  JsonReader r(body, errors);
  auto action =
      r.code<domain::CaseAction>("action", domain::parse_case_action, domain::all_case_actions());
  if (!action && !r.has("action")) errors.add("action", "Name the action to take.");
  const int64_t version = int_of(body, "version", errors, true);
  const std::string reason = r.text("reason");
  errors.text("reason", reason, domain::kTextMaxChars, domain::Presence::kOptional);
  const std::string merge_into = r.text("merge_into");
  if (!merge_into.empty()) errors.id("merge_into", merge_into, domain::Presence::kOptional);
  const std::string plan_id = r.text("plan_id");  // plan endpoints: the plan the user looked at
  if (!errors.empty())
    return core::Error::invalid("The transition cannot be made as asked.", errors.errors());

  // Who may: approvals need approve rights on the record and a different author (four eyes).
  std::optional<store::CaseRow> pre;
  std::optional<store::PlanRow> plan;
  std::optional<store::ClosureRow> closure;
  try {
    db_.read([&](store::Tx& tx) {
      pre = CaseAccess::load(tx, case_id);
      if (!pre) return;
      auto plans = store::CaseRecordRepository::plans(tx, case_id);
      if (!plans.empty()) plan = plans.back();
      closure = store::CaseRecordRepository::latest_closure(tx, case_id);
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  if (!pre) return core::Error::not_found("No such case.");
  switch (*action) {
    case domain::CaseAction::kApprovePlan:
      HAVEN_TRY(access_.authorize(actor, security::Action::kApprove, *pre,
                                  security::ResourceKind::kPlan, plan ? plan->id : "",
                                  plan ? plan->submitted_by.value_or("") : ""));
      break;
    case domain::CaseAction::kApproveClosure:
    case domain::CaseAction::kReturnClosure:
      HAVEN_TRY(access_.authorize(actor, security::Action::kApprove, *pre,
                                  security::ResourceKind::kCase, "",
                                  closure ? closure->requested_by.value_or("") : ""));
      break;
    case domain::CaseAction::kMerge:
      HAVEN_TRY(access_.authorize(actor, security::Action::kMerge, *pre));
      break;
    default:
      HAVEN_TRY(access_.authorize(actor, security::Action::kTransition, *pre));
  }

  const core::Timestamp now = clock_.now();
  const std::string today = core::Date::of(now).to_string();
  try {
    return db_.write([&](store::Tx& tx) -> core::Result<nlohmann::json> {
      auto c = CaseAccess::load(tx, case_id);
      if (!c) return core::Error::not_found("No such case.");
      if (c->version != version) return stale_version("case", c->version);
      domain::CaseFacts f = facts(tx, *c, actor);
      if (*action == domain::CaseAction::kReopen) f.reopen_reason_recorded = !reason.empty();
      if (*action == domain::CaseAction::kReturnClosure)
        f.return_comment_recorded = !reason.empty();
      if (*action == domain::CaseAction::kMerge && !merge_into.empty() && merge_into != c->id) {
        auto target = store::CaseRepository::find(tx, merge_into);
        f.merge_target_open =
            target && target->agency_id == c->agency_id &&
            domain::is_open(
                domain::parse_case_status(target->status).value_or(domain::CaseStatus::kClosed));
      }
      const auto from =
          domain::parse_case_status(c->status).value_or(domain::CaseStatus::kReported);
      auto to = domain::check(from, *action, f);
      if (!to.ok()) return to.take_error();

      store::CaseRow next = *c;
      next.status = domain::to_code(*to);
      next.updated_at = now.ms;
      if (*to != from) next.status_changed_at = now.ms;
      auto plans = store::CaseRecordRepository::plans(tx, case_id);
      if (!plan_id.empty() && (plans.empty() || plans.back().id != plan_id))
        return core::Error::conflict("That plan is not the case's current plan; reload the case.");
      auto update_plan = [&](store::PlanRow p, std::vector<FieldChange> changes) -> core::Status {
        const int64_t v = p.version;
        p.updated_at = now.ms;
        if (!store::CaseRecordRepository::update_plan(tx, p, v)) return stale_version("plan", v);
        return history_.record(tx, actor, {"case_plan", p.id, v + 1, case_id}, changes);
      };
      switch (*action) {
        case domain::CaseAction::kScreenIn:
          next.assessment_opened_on = today;
          break;
        case domain::CaseAction::kScreenOut:
          next.closed_at = now.ms;
          next.closure_reason = "screened_out";
          break;
        case domain::CaseAction::kCompleteAssessment:
          next.planning_started_on = today;
          break;
        case domain::CaseAction::kSubmitPlan: {
          store::PlanRow p = plans.back();
          p.approval = "submitted";
          p.submitted_by = actor.actor_id();
          p.submitted_on = today;
          p.approval_comment.reset();
          HAVEN_TRY(update_plan(p, {{"approval", plans.back().approval, "submitted", false}}));
          break;
        }
        case domain::CaseAction::kApprovePlan: {
          store::PlanRow p = plans.back();
          p.approval = "approved";
          p.approved_by = actor.actor_id();
          p.approved_on = today;
          if (!reason.empty()) p.approval_comment = reason;
          HAVEN_TRY(update_plan(p, {{"approval", "submitted", "approved", false},
                                    {"approved_by", std::nullopt, actor.actor_id(), false}}));
          next.implementation_started_on = today;
          break;
        }
        case domain::CaseAction::kRevisePlan: {
          next.planning_started_on = today;
          if (!plans.empty()) {
            store::PlanRow p = plans.back();
            p.approval = "draft";
            HAVEN_TRY(update_plan(p, {{"approval", plans.back().approval, "draft", false}}));
          }
          break;
        }
        case domain::CaseAction::kContinueImplementation: {
          auto reviews = store::CaseRecordRepository::reviews(tx, case_id);
          if (!reviews.empty()) {
            next.last_review_on = reviews.back().held_on;
            next.next_review_on = reviews.back().next_review_on;
          }
          break;
        }
        case domain::CaseAction::kRequestClosure:
        case domain::CaseAction::kApproveClosure: {
          auto cl = store::CaseRecordRepository::latest_closure(tx, case_id);
          store::ClosureRow before = *cl;
          if (*action == domain::CaseAction::kRequestClosure) {
            cl->requested_by = actor.actor_id();
            cl->requested_on = today;
          } else {
            cl->approved_by = actor.actor_id();
            cl->approved_on = today;
            next.closed_at = now.ms;
            next.closure_reason = cl->reason;
          }
          cl->updated_at = now.ms;
          if (!store::CaseRecordRepository::update_closure(tx, *cl, before.version))
            return stale_version("closure", before.version);
          std::vector<FieldChange> changes;
          RecordHistory::diff(changes, "requested_by", before.requested_by, cl->requested_by);
          RecordHistory::diff(changes, "approved_by", before.approved_by, cl->approved_by);
          HAVEN_TRY(history_.record(tx, actor, {"closure", cl->id, before.version + 1, case_id},
                                    changes));
          break;
        }
        case domain::CaseAction::kReturnClosure: {
          // The request is withdrawn, the record stays for the worker to change and request again;
          // the row keeps the latest return, the history every one.
          auto cl = store::CaseRecordRepository::latest_closure(tx, case_id);
          store::ClosureRow before = *cl;
          cl->requested_by.reset();
          cl->requested_on.reset();
          cl->returned_by = actor.actor_id();
          cl->returned_on = today;
          cl->return_comment = reason;
          cl->updated_at = now.ms;
          if (!store::CaseRecordRepository::update_closure(tx, *cl, before.version))
            return stale_version("closure", before.version);
          std::vector<FieldChange> changes;
          RecordHistory::diff(changes, "requested_by", before.requested_by, cl->requested_by);
          RecordHistory::diff(changes, "returned_by", before.returned_by, cl->returned_by);
          changes.push_back({"return_comment", before.return_comment, reason, false});
          HAVEN_TRY(history_.record(tx, actor, {"closure", cl->id, before.version + 1, case_id},
                                    changes));
          break;
        }
        case domain::CaseAction::kReopen:
          next.closed_at.reset();
          next.closure_reason.reset();
          next.reopen_reason = reason;
          break;
        default:
          break;
      }
      if (!store::CaseRepository::update(tx, next, version))
        return stale_version("case", current_version(tx, case_id));
      auto changes = case_changes(*c, next);
      changes.push_back({"action", std::nullopt, std::string(domain::to_code(*action)), false});
      HAVEN_TRY(history_.record(tx, actor, {"case", case_id, version + 1, case_id}, changes));
      nlohmann::json details{{"action", domain::to_code(*action)},
                             {"from", domain::to_code(from)},
                             {"to", domain::to_code(*to)}};
      audit_.record(tx,
                    {actor.actor_id(), actor.role(), actor.agency_id(), "case.transition", "case",
                     case_id, "case_management", "success", actor.request_id, details.dump()});
      auto fresh = CaseAccess::load(tx, case_id);
      return view(tx, *fresh, actor);
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<nlohmann::json> CaseService::assign(const std::string& case_id,
                                                 const nlohmann::json& body, const Actor& actor) {
  domain::FieldErrors errors;
  if (!expect_object(body, errors, "body"))
    return core::Error::invalid("Send the assignment as a JSON object.", errors.errors());
  JsonReader r(body, errors);
  const int64_t version = int_of(body, "version", errors, true);
  const std::string worker = r.text("assigned_worker_id");
  const std::string team = r.text("team_id");
  if (!worker.empty()) errors.id("assigned_worker_id", worker, domain::Presence::kOptional);
  if (!team.empty()) errors.id("team_id", team, domain::Presence::kOptional);
  if (worker.empty() && team.empty())
    errors.add("assigned_worker_id", "Name the worker or the team to assign the case to.");
  auto pre = access_.authorize(actor, security::Action::kAssign, case_id);
  if (!pre.ok()) return pre.take_error();
  if (!errors.empty())
    return core::Error::invalid("The case cannot be assigned as asked.", errors.errors());
  const core::Timestamp now = clock_.now();
  try {
    return db_.write([&](store::Tx& tx) -> core::Result<nlohmann::json> {
      auto c = CaseAccess::load(tx, case_id);
      if (!c) return core::Error::not_found("No such case.");
      if (c->version != version) return stale_version("case", c->version);
      if (!worker.empty()) {
        auto u = tx.query_one("SELECT agency_id FROM users WHERE id = $1", store::params(worker));
        if (!u || u->text(0) != c->agency_id)
          return core::Error::invalid(
              "The case cannot be assigned as asked.",
              {{"assigned_worker_id", "No such user in the case's agency."}});
      }
      store::CaseRow next = *c;
      if (!worker.empty()) next.assigned_worker_id = worker;
      if (!team.empty()) next.team_id = team;
      next.updated_at = now.ms;
      if (!store::CaseRepository::update(tx, next, version))
        return stale_version("case", current_version(tx, case_id));
      HAVEN_TRY(history_.record(tx, actor, {"case", case_id, version + 1, case_id},
                                case_changes(*c, next)));
      audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "case.assign", "case",
                         case_id, "case_management", "success", actor.request_id, std::nullopt});
      return view(tx, *CaseAccess::load(tx, case_id), actor);
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<nlohmann::json> CaseService::history(const std::string& case_id, const Actor& actor) {
  auto c = access_.authorize(actor, security::Action::kRead, case_id);
  if (!c.ok()) return c.take_error();
  try {
    auto history = db_.read([&](store::Tx& tx) -> core::Result<nlohmann::json> {
      auto entries = history_.read_case(tx, case_id);
      if (!entries.ok()) return entries.take_error();
      nlohmann::json list = nlohmann::json::array();
      for (const auto& e : *entries) list.push_back(nlohmann::json::parse(history_entry_json(e)));
      return nlohmann::json{{"case_id", case_id}, {"entries", list}};
    });
    if (!history.ok()) return history;
    HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "case.history.read",
                             "case", case_id, "case_management", "success", actor.request_id,
                             std::nullopt}));
    return history;
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
