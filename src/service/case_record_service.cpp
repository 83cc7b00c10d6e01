// Screening decisions, assessments, plans, reviews and closure records under a case.
#include "service/case_record_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/id.h"
#include "domain/transnational_referral.h"
#include "security/field_cipher.h"
#include "service/case_json.h"
#include "service/case_record_support.h"
#include "service/custom_fields.h"
#include "service/exchange/referral_service.h"
#include "store/repositories/case_record_repository.h"
#include "store/repositories/case_repository.h"
#include "store/repositories/child_repository.h"

namespace haven::service {

namespace {
std::optional<int64_t> version_of(const nlohmann::json& body, domain::FieldErrors& errors) {
  if (!body.is_object() || !body.contains("version") || !body["version"].is_number_integer()) {
    errors.add("version", "Give the version you read (an integer).");
    return std::nullopt;
  }
  return body["version"].get<int64_t>();
}
const nlohmann::json& custom_of(const nlohmann::json& body) {
  static const nlohmann::json kNull;
  return body.is_object() && body.contains("custom_fields") ? body["custom_fields"] : kNull;
}
core::Error invalid(const char* what, const domain::FieldErrors& errors) {
  return core::Error::invalid(
      std::string("The ") + what + " cannot be saved as given; see the marked fields.",
      errors.errors());
}
}  // namespace

template <class F>
core::Result<nlohmann::json> CaseRecordService::write_under_case(
    const std::string& case_id, std::initializer_list<const char*> statuses, const Actor& actor,
    F&& work) {
  try {
    return db_.write([&](store::Tx& tx) -> core::Result<nlohmann::json> {
      auto c = CaseAccess::load(tx, case_id);
      if (!c) return core::Error::not_found("No such case.");
      if (std::none_of(statuses.begin(), statuses.end(),
                       [&](const char* s) { return c->status == s; }))
        return core::Error::conflict("This cannot be recorded while the case is " + c->status +
                                     ".");
      HAVEN_TRY(work(tx, *c));
      auto fresh = CaseAccess::load(tx, case_id);
      return cases_.view(tx, *fresh, actor);
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<nlohmann::json> CaseRecordService::record_screening(const std::string& case_id,
                                                                 const nlohmann::json& body,
                                                                 const Actor& actor) {
  auto c = access_.authorize(actor, security::Action::kUpdate, case_id);
  if (!c.ok()) return c.take_error();
  const core::Timestamp now = clock_.now();
  domain::FieldErrors errors;
  auto s = read_screening(body, errors, core::Date::of(now));
  s.decided_by = actor.principal ? actor.principal->user_id : core::new_id(now);
  merge(errors, domain::validate_screening_decision(s, core::Date::of(now)));
  if (!errors.empty()) return invalid("screening decision", errors);
  return write_under_case(
      case_id, {"screening"}, actor, [&](store::Tx& tx, const store::CaseRow& cr) -> core::Status {
        store::ScreeningRow row{core::new_id(now),
                                cr.id,
                                s.decided_on.to_string(),
                                actor.actor_id(),
                                s.open_assessment,
                                s.reasons,
                                1,
                                now.ms};
        store::CaseRecordRepository::insert_screening(tx, row);
        HAVEN_TRY(history_.record(
            tx, actor, {"screening_decision", row.id, 1, cr.id},
            {{"open_assessment", std::nullopt, s.open_assessment ? "true" : "false", false},
             {"reasons", std::nullopt, s.reasons, false}}));
        audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "screening.create",
                           "screening_decision", row.id, "case_management", "success",
                           actor.request_id, std::nullopt});
        return core::ok_status();
      });
}

namespace {
// Sets the case's risk level from a completed assessment or a review, with its history row.
core::Status set_risk(store::Tx& tx, RecordHistory& history, const Actor& actor,
                      const store::CaseRow& c, const std::string& level,
                      const std::string& rationale, const char* source,
                      const std::string& source_id, core::Timestamp now) {
  store::CaseRecordRepository::insert_risk_level(
      tx, {core::new_id(now), c.id, level, rationale, source, source_id, actor.actor_id(), now.ms});
  if (c.risk_level == level) return core::ok_status();
  store::CaseRow next = c;
  next.risk_level = level;
  next.updated_at = now.ms;
  if (!store::CaseRepository::update(tx, next, c.version))
    return stale_version("case", current_version(tx, c.id));
  return history.record(tx, actor, {"case", c.id, c.version + 1, c.id},
                        {{"risk_level", c.risk_level, level, false}});
}
}  // namespace

core::Result<nlohmann::json> CaseRecordService::create_assessment(const std::string& case_id,
                                                                  const nlohmann::json& body,
                                                                  const Actor& actor) {
  auto c = access_.authorize(actor, security::Action::kCreate, case_id,
                             security::ResourceKind::kAssessment);
  if (!c.ok()) return c.take_error();
  const core::Timestamp now = clock_.now();
  domain::FieldErrors errors;
  auto a = read_assessment(body, errors, core::Date::of(now));
  merge(errors, domain::validate_assessment(a, core::Date::of(now)));
  auto custom = forms_.check(c->country, "assessment", custom_of(body));
  for (const auto& f : custom.errors) errors.add(f);
  if (!errors.empty()) return invalid("assessment", errors);
  return write_under_case(
      case_id, {"assessment"}, actor, [&](store::Tx& tx, const store::CaseRow& cr) -> core::Status {
        store::AssessmentRow row;
        row.id = core::new_id(now);
        row.case_id = cr.id;
        row.started_on = a.started_on.to_string();
        row.completed_on = date_text(a.completed_on);
        if (a.risk_level) row.risk_level = std::string(domain::to_code(*a.risk_level));
        const std::string content = assessment_json(a).dump();
        auto ct = keys_.cipher().encrypt(content, {"assessments", "content_ct", row.id});
        if (!ct.ok()) return ct.take_error();
        row.content_ct = store::Blob{std::move(*ct)};
        row.custom_fields = custom.json;
        row.created_by = actor.actor_id();
        row.created_at = now.ms;
        row.updated_at = now.ms;
        store::CaseRecordRepository::insert_assessment(tx, row);
        std::vector<FieldChange> changes{{"content", std::nullopt, content, true},
                                         {"completed_on", std::nullopt, row.completed_on, false},
                                         {"risk_level", std::nullopt, row.risk_level, false}};
        HAVEN_TRY(store_custom_fields(tx, keys_.cipher(), {"assessment", row.id, cr.id}, custom,
                                      std::nullopt, now.ms, changes));
        HAVEN_TRY(history_.record(tx, actor, {"assessment", row.id, 1, cr.id}, changes));
        if (a.completed_on && a.risk_level)
          HAVEN_TRY(set_risk(tx, history_, actor, cr, *row.risk_level, a.risk_rationale,
                             "assessment", row.id, now));
        audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "assessment.create",
                           "assessment", row.id, "case_management", "success", actor.request_id,
                           std::nullopt});
        return core::ok_status();
      });
}

core::Result<nlohmann::json> CaseRecordService::update_assessment(const std::string& case_id,
                                                                  const std::string& assessment_id,
                                                                  const nlohmann::json& body,
                                                                  const Actor& actor) {
  auto c = access_.authorize(actor, security::Action::kUpdate, case_id,
                             security::ResourceKind::kAssessment, assessment_id);
  if (!c.ok()) return c.take_error();
  const core::Timestamp now = clock_.now();
  domain::FieldErrors errors;
  auto version = version_of(body, errors);
  auto a = read_assessment(body, errors, core::Date::of(now));
  merge(errors, domain::validate_assessment(a, core::Date::of(now)));
  auto custom = forms_.check(c->country, "assessment", custom_of(body));
  for (const auto& f : custom.errors) errors.add(f);
  if (!errors.empty()) return invalid("assessment", errors);
  return write_under_case(
      case_id, {"assessment"}, actor, [&](store::Tx& tx, const store::CaseRow& cr) -> core::Status {
        auto row = store::CaseRecordRepository::find_assessment(tx, assessment_id);
        if (!row || row->case_id != cr.id) return core::Error::not_found("No such assessment.");
        if (row->version != *version) return stale_version("assessment", row->version);
        if (row->completed_on)
          return core::Error::conflict("A completed assessment cannot be changed.");
        auto old_content =
            keys_.cipher().decrypt(row->content_ct.bytes, {"assessments", "content_ct", row->id});
        if (!old_content.ok()) return old_content.take_error();
        store::AssessmentRow next = *row;
        next.started_on = a.started_on.to_string();
        next.completed_on = date_text(a.completed_on);
        next.risk_level.reset();
        if (a.risk_level) next.risk_level = std::string(domain::to_code(*a.risk_level));
        const std::string content = assessment_json(a).dump();
        auto ct = keys_.cipher().encrypt(content, {"assessments", "content_ct", row->id});
        if (!ct.ok()) return ct.take_error();
        next.content_ct = store::Blob{std::move(*ct)};
        next.custom_fields = custom.json;
        next.updated_at = now.ms;
        if (!store::CaseRecordRepository::update_assessment(tx, next, row->version))
          return stale_version("assessment", row->version);
        std::vector<FieldChange> changes;
        RecordHistory::diff(changes, "content", std::string(old_content->view()), content, true);
        RecordHistory::diff(changes, "completed_on", row->completed_on, next.completed_on);
        RecordHistory::diff(changes, "risk_level", row->risk_level, next.risk_level);
        HAVEN_TRY(store_custom_fields(tx, keys_.cipher(), {"assessment", row->id, cr.id}, custom,
                                      row->custom_fields, now.ms, changes));
        HAVEN_TRY(
            history_.record(tx, actor, {"assessment", row->id, row->version + 1, cr.id}, changes));
        if (a.completed_on && a.risk_level)
          HAVEN_TRY(set_risk(tx, history_, actor, cr, *next.risk_level, a.risk_rationale,
                             "assessment", row->id, now));
        audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "assessment.update",
                           "assessment", row->id, "case_management", "success", actor.request_id,
                           std::nullopt});
        return core::ok_status();
      });
}

core::Result<nlohmann::json> CaseRecordService::create_plan(const std::string& case_id,
                                                            const nlohmann::json& body,
                                                            const Actor& actor) {
  auto c =
      access_.authorize(actor, security::Action::kCreate, case_id, security::ResourceKind::kPlan);
  if (!c.ok()) return c.take_error();
  const core::Timestamp now = clock_.now();
  domain::FieldErrors errors;
  auto p = read_plan(body, errors);
  merge(errors, domain::validate_case_plan(p, core::Date::of(now)));
  auto custom = forms_.check(c->country, "plan", custom_of(body));
  for (const auto& f : custom.errors) errors.add(f);
  if (!errors.empty()) return invalid("plan", errors);
  return write_under_case(
      case_id, {"planning"}, actor, [&](store::Tx& tx, const store::CaseRow& cr) -> core::Status {
        auto plans = store::CaseRecordRepository::plans(tx, cr.id);
        if (!plans.empty() && plans.back().approval == "submitted")
          return core::Error::conflict(
              "A plan is waiting for approval; it must be approved or returned first.");
        store::PlanRow row;
        row.id = core::new_id(now);
        row.case_id = cr.id;
        row.goals = plan_goals_json(p.goals).dump();
        row.child_views = p.child_views;
        row.caregiver_views = p.caregiver_views;
        row.custom_fields = custom.json;
        row.created_by = actor.actor_id();
        row.created_at = now.ms;
        store::CaseRecordRepository::insert_plan(tx, row);
        std::vector<FieldChange> changes{
            {"goals", std::nullopt, row.goals, false},
            {"child_views", std::nullopt, row.child_views, false},
            {"caregiver_views", std::nullopt, row.caregiver_views, false}};
        HAVEN_TRY(store_custom_fields(tx, keys_.cipher(), {"plan", row.id, cr.id}, custom,
                                      std::nullopt, now.ms, changes));
        HAVEN_TRY(history_.record(tx, actor, {"case_plan", row.id, 1, cr.id}, changes));
        audit_.record(
            tx, {actor.actor_id(), actor.role(), actor.agency_id(), "plan.create", "case_plan",
                 row.id, "case_management", "success", actor.request_id, std::nullopt});
        return core::ok_status();
      });
}

core::Result<nlohmann::json> CaseRecordService::update_plan(const std::string& case_id,
                                                            const std::string& plan_id,
                                                            const nlohmann::json& body,
                                                            const Actor& actor) {
  auto c = access_.authorize(actor, security::Action::kUpdate, case_id,
                             security::ResourceKind::kPlan, plan_id);
  if (!c.ok()) return c.take_error();
  const core::Timestamp now = clock_.now();
  domain::FieldErrors errors;
  auto version = version_of(body, errors);
  auto p = read_plan(body, errors);
  merge(errors, domain::validate_case_plan(p, core::Date::of(now)));
  auto custom = forms_.check(c->country, "plan", custom_of(body));
  for (const auto& f : custom.errors) errors.add(f);
  if (!errors.empty()) return invalid("plan", errors);
  return write_under_case(
      case_id, {"planning"}, actor, [&](store::Tx& tx, const store::CaseRow& cr) -> core::Status {
        auto row = store::CaseRecordRepository::find_plan(tx, plan_id);
        if (!row || row->case_id != cr.id) return core::Error::not_found("No such plan.");
        if (row->version != *version) return stale_version("plan", row->version);
        if (row->approval != "draft" && row->approval != "returned")
          return core::Error::conflict(
              "Only a draft or returned plan can be changed; this one is " + row->approval + ".");
        store::PlanRow next = *row;
        next.goals = plan_goals_json(p.goals).dump();
        next.child_views = p.child_views;
        next.caregiver_views = p.caregiver_views;
        next.custom_fields = custom.json;
        next.approval = "draft";
        next.updated_at = now.ms;
        if (!store::CaseRecordRepository::update_plan(tx, next, row->version))
          return stale_version("plan", row->version);
        std::vector<FieldChange> changes;
        RecordHistory::diff(changes, "goals", row->goals, next.goals);
        RecordHistory::diff(changes, "child_views", row->child_views, next.child_views);
        RecordHistory::diff(changes, "caregiver_views", row->caregiver_views, next.caregiver_views);
        RecordHistory::diff(changes, "approval", row->approval, next.approval);
        HAVEN_TRY(store_custom_fields(tx, keys_.cipher(), {"plan", row->id, cr.id}, custom,
                                      row->custom_fields, now.ms, changes));
        HAVEN_TRY(
            history_.record(tx, actor, {"case_plan", row->id, row->version + 1, cr.id}, changes));
        audit_.record(
            tx, {actor.actor_id(), actor.role(), actor.agency_id(), "plan.update", "case_plan",
                 row->id, "case_management", "success", actor.request_id, std::nullopt});
        return core::ok_status();
      });
}

core::Result<nlohmann::json> CaseRecordService::return_plan(const std::string& case_id,
                                                            const std::string& plan_id,
                                                            const nlohmann::json& body,
                                                            const Actor& actor) {
  domain::FieldErrors errors;
  auto version = version_of(body, errors);
  JsonReader r(body, errors);
  const std::string comment = r.text("comment");
  errors.text("comment", comment, domain::kTextMaxChars, domain::Presence::kRequired);
  std::optional<store::PlanRow> plan;
  try {
    plan = db_.read(
        [&](store::Tx& tx) { return store::CaseRecordRepository::find_plan(tx, plan_id); });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  if (!plan || plan->case_id != case_id) return core::Error::not_found("No such plan.");
  auto c =
      access_.authorize(actor, security::Action::kApprove, case_id, security::ResourceKind::kPlan,
                        plan_id, plan->submitted_by.value_or(""));
  if (!c.ok()) return c.take_error();
  if (!errors.empty()) return invalid("plan", errors);
  const core::Timestamp now = clock_.now();
  return write_under_case(
      case_id, {"planning"}, actor, [&](store::Tx& tx, const store::CaseRow& cr) -> core::Status {
        auto row = store::CaseRecordRepository::find_plan(tx, plan_id);
        if (!row) return core::Error::not_found("No such plan.");
        if (row->version != *version) return stale_version("plan", row->version);
        if (row->approval != "submitted")
          return core::Error::conflict("Only a submitted plan can be returned; this one is " +
                                       row->approval + ".");
        store::PlanRow next = *row;
        next.approval = "returned";
        next.approval_comment = comment;
        next.updated_at = now.ms;
        if (!store::CaseRecordRepository::update_plan(tx, next, row->version))
          return stale_version("plan", row->version);
        HAVEN_TRY(history_.record(tx, actor, {"case_plan", row->id, row->version + 1, cr.id},
                                  {{"approval", row->approval, next.approval, false},
                                   {"approval_comment", row->approval_comment, comment, false}}));
        audit_.record(
            tx, {actor.actor_id(), actor.role(), actor.agency_id(), "plan.return", "case_plan",
                 row->id, "case_management", "success", actor.request_id, std::nullopt});
        return core::ok_status();
      });
}

core::Result<nlohmann::json> CaseRecordService::create_review(const std::string& case_id,
                                                              const nlohmann::json& body,
                                                              const Actor& actor) {
  auto c = access_.authorize(actor, security::Action::kUpdate, case_id);
  if (!c.ok()) return c.take_error();
  const core::Timestamp now = clock_.now();
  domain::FieldErrors errors;
  auto v = read_review(body, errors, core::Date::of(now));
  merge(errors, domain::validate_review(v, core::Date::of(now)));
  if (!errors.empty()) return invalid("review", errors);
  return write_under_case(
      case_id, {"review"}, actor, [&](store::Tx& tx, const store::CaseRow& cr) -> core::Status {
        store::ReviewRow row;
        row.id = core::new_id(now);
        row.case_id = cr.id;
        row.held_on = v.held_on.to_string();
        row.progress = v.progress;
        row.risk_level = std::string(domain::to_code(*v.risk_level));
        row.risk_rationale = v.risk_rationale;
        row.decisions = v.decisions;
        row.placement_review = v.placement_review;
        row.child_participated = v.child_participated;
        row.next_review_on = date_text(v.next_review_on);
        row.created_by = actor.actor_id();
        row.created_at = now.ms;
        store::CaseRecordRepository::insert_review(tx, row);
        HAVEN_TRY(history_.record(tx, actor, {"review", row.id, 1, cr.id},
                                  {{"progress", std::nullopt, row.progress, false},
                                   {"risk_level", std::nullopt, row.risk_level, false},
                                   {"decisions", std::nullopt, row.decisions, false}}));
        HAVEN_TRY(set_risk(tx, history_, actor, cr, row.risk_level, row.risk_rationale, "review",
                           row.id, now));
        audit_.record(tx,
                      {actor.actor_id(), actor.role(), actor.agency_id(), "review.create", "review",
                       row.id, "case_management", "success", actor.request_id, std::nullopt});
        return core::ok_status();
      });
}

core::Result<nlohmann::json> CaseRecordService::put_closure(const std::string& case_id,
                                                            const nlohmann::json& body,
                                                            const Actor& actor) {
  auto c = access_.authorize(actor, security::Action::kUpdate, case_id);
  if (!c.ok()) return c.take_error();
  const core::Timestamp now = clock_.now();
  const core::Date today = core::Date::of(now);
  domain::FieldErrors errors;
  auto cl = read_closure(body, errors, today);
  std::optional<core::Date> born;
  bool child_on_the_move = false;  // a migration status: arrived from, or may go to, abroad
  try {
    born = db_.read([&](store::Tx& tx) -> std::optional<core::Date> {
      auto child = store::ChildRepository::find(tx, c->child_id);
      if (child) child_on_the_move = child->migration_status != "none";
      if (!child || !child->birth_date) return std::nullopt;
      return core::Date::parse(*child->birth_date);
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  merge(errors, domain::validate_closure(cl, born, today));
  const bool has_version = body.is_object() && body.contains("version");
  std::optional<int64_t> version;
  if (has_version) version = version_of(body, errors);
  if (!errors.empty()) return invalid("closure", errors);
  return write_under_case(
      case_id, {"assessment", "planning", "implementation", "review"}, actor,
      [&](store::Tx& tx, const store::CaseRow& cr) -> core::Status {
        auto existing = store::CaseRecordRepository::latest_closure(tx, cr.id);
        if (existing && existing->approved_on) existing.reset();  // closed before, then reopened
        store::ClosureRow row = existing.value_or(store::ClosureRow{});
        if (existing) {
          if (!version) return stale_version("closure", existing->version);
          if (existing->version != *version) return stale_version("closure", existing->version);
          if (existing->requested_by)
            return core::Error::conflict(
                "Closure has been requested; it can no longer be changed.");
        } else {
          row.id = core::new_id(now);
          row.case_id = cr.id;
          row.created_by = actor.actor_id();
          row.created_at = now.ms;
        }
        // A transfer or return abroad is decided only on a completed risk and security
        // assessment ([X1], DOMAIN.md "Cross-border cases"): for a child on the move, or a case
        // with cross-border work. A hand-over to a domestic authority outside haven needs none.
        if (*cl.reason == domain::ClosureReason::kTransferred &&
            (child_on_the_move || CrossBorderReferralService::has_referrals(tx, cr.id)))
          HAVEN_TRY(domain::check_return_decision(
              CrossBorderReferralService::risk_security_assessment_completed(tx, cr.id)));
        const store::ClosureRow before = row;
        row.reason = domain::to_code(*cl.reason);
        row.reason_detail = cl.reason_detail;
        row.closing_on = cl.closing_on.to_string();
        row.summary = cl.summary;
        row.leaving_care_plan_ct.reset();
        if (!cl.leaving_care_plan.empty()) {
          auto ct = keys_.cipher().encrypt(cl.leaving_care_plan,
                                           {"case_closures", "leaving_care_plan_ct", row.id});
          if (!ct.ok()) return ct.take_error();
          row.leaving_care_plan_ct = store::Blob{std::move(*ct)};
        }
        row.updated_at = now.ms;
        std::vector<FieldChange> changes;
        RecordHistory::diff(changes, "reason",
                            existing ? std::optional(before.reason) : std::nullopt, row.reason);
        RecordHistory::diff(changes, "reason_detail", before.reason_detail, row.reason_detail);
        RecordHistory::diff(changes, "closing_on",
                            existing ? std::optional(before.closing_on) : std::nullopt,
                            row.closing_on);
        RecordHistory::diff(changes, "summary", before.summary, row.summary);
        changes.push_back(
            {"leaving_care_plan", std::nullopt,
             cl.leaving_care_plan.empty() ? std::nullopt : std::optional(cl.leaving_care_plan),
             true});
        if (existing) {
          if (!store::CaseRecordRepository::update_closure(tx, row, existing->version))
            return stale_version("closure", existing->version);
        } else {
          store::CaseRecordRepository::insert_closure(tx, row);
        }
        HAVEN_TRY(history_.record(
            tx, actor, {"closure", row.id, existing ? existing->version + 1 : 1, cr.id}, changes));
        audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(),
                           existing ? "closure.update" : "closure.create", "closure", row.id,
                           "case_management", "success", actor.request_id, std::nullopt});
        return core::ok_status();
      });
}

}  // namespace haven::service
