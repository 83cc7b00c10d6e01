// SQL for screening decisions, assessments, risk levels, plans, reviews and closures.
#include "store/repositories/case_record_repository.h"

namespace haven::store {

namespace {

Params cat(Params a, const Params& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

constexpr const char* kScreening =
    "SELECT id, case_id, decided_on, decided_by, open_assessment, reasons, version, created_at "
    "FROM screening_decisions ";
ScreeningRow screening_from(const Row& r) {
  return {r.text(0),    r.text(1), r.text(2),    r.text(3),
          r.boolean(4), r.text(5), r.integer(6), r.integer(7)};
}

constexpr const char* kAssessment =
    "SELECT id, case_id, started_on, completed_on, risk_level, content_ct, custom_fields, "
    "created_by, version, created_at, updated_at FROM assessments ";
AssessmentRow assessment_from(const Row& r) {
  return {r.text(0), r.text(1), r.text(2),    r.opt_text(3), r.opt_text(4), r.blob(5),
          r.text(6), r.text(7), r.integer(8), r.integer(9),  r.integer(10)};
}

constexpr const char* kPlan =
    "SELECT id, case_id, goals, child_views, caregiver_views, approval, submitted_by, "
    "submitted_on, approved_by, approved_on, approval_comment, custom_fields, created_by, "
    "version, created_at, updated_at FROM case_plans ";
PlanRow plan_from(const Row& r) {
  return {r.text(0),     r.text(1),     r.text(2),     r.text(3),     r.text(4),      r.text(5),
          r.opt_text(6), r.opt_text(7), r.opt_text(8), r.opt_text(9), r.opt_text(10), r.text(11),
          r.text(12),    r.integer(13), r.integer(14), r.integer(15)};
}

constexpr const char* kReview =
    "SELECT id, case_id, held_on, progress, risk_level, risk_rationale, decisions, "
    "placement_review, child_participated, next_review_on, created_by, version, created_at "
    "FROM case_reviews ";
ReviewRow review_from(const Row& r) {
  return {r.text(0),  r.text(1),     r.text(2),    r.text(3),    r.text(4),
          r.text(5),  r.text(6),     r.boolean(7), r.boolean(8), r.opt_text(9),
          r.text(10), r.integer(11), r.integer(12)};
}

constexpr const char* kClosure =
    "SELECT id, case_id, reason, reason_detail, closing_on, summary, leaving_care_plan_ct, "
    "requested_by, requested_on, approved_by, approved_on, created_by, version, created_at, "
    "updated_at, returned_by, returned_on, return_comment FROM case_closures ";
ClosureRow closure_from(const Row& r) {
  ClosureRow c;
  c.id = r.text(0);
  c.case_id = r.text(1);
  c.reason = r.text(2);
  c.reason_detail = r.text(3);
  c.closing_on = r.text(4);
  c.summary = r.text(5);
  if (!r.is_null(6)) c.leaving_care_plan_ct = r.blob(6);
  c.requested_by = r.opt_text(7);
  c.requested_on = r.opt_text(8);
  c.approved_by = r.opt_text(9);
  c.approved_on = r.opt_text(10);
  c.created_by = r.text(11);
  c.version = r.integer(12);
  c.created_at = r.integer(13);
  c.updated_at = r.integer(14);
  c.returned_by = r.opt_text(15);
  c.returned_on = r.opt_text(16);
  c.return_comment = r.opt_text(17);
  return c;
}
}  // namespace

void CaseRecordRepository::insert_screening(Tx& tx, const ScreeningRow& s) {
  tx.execute(
      "INSERT INTO screening_decisions (id, case_id, decided_on, decided_by, open_assessment, "
      "reasons, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)",
      params(s.id, s.case_id, s.decided_on, s.decided_by, s.open_assessment, s.reasons,
             s.created_at));
}

std::optional<ScreeningRow> CaseRecordRepository::latest_screening(Tx& tx,
                                                                   const std::string& case_id) {
  auto r = tx.query_one(
      std::string(kScreening) + "WHERE case_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
      params(case_id));
  if (!r) return std::nullopt;
  return screening_from(*r);
}

void CaseRecordRepository::insert_assessment(Tx& tx, const AssessmentRow& a) {
  Params p = params(a.id, a.case_id, a.started_on, a.completed_on, a.risk_level);
  p.push_back(a.content_ct);
  tx.execute(
      "INSERT INTO assessments (id, case_id, started_on, completed_on, risk_level, content_ct, "
      "custom_fields, created_by, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
      "$6, $7, $8, 1, $9, $9)",
      cat(p, params(a.custom_fields, a.created_by, a.created_at)));
}

bool CaseRecordRepository::update_assessment(Tx& tx, const AssessmentRow& a, int64_t expected) {
  Params p = params(a.started_on, a.completed_on, a.risk_level);
  p.push_back(a.content_ct);
  return tx.execute(
             "UPDATE assessments SET started_on = $1, completed_on = $2, risk_level = $3, "
             "content_ct = $4, custom_fields = $5, updated_at = $6, version = version + 1 "
             "WHERE id = $7 AND version = $8",
             cat(p, params(a.custom_fields, a.updated_at, a.id, expected))) == 1;
}

std::optional<AssessmentRow> CaseRecordRepository::find_assessment(Tx& tx, const std::string& id) {
  auto r = tx.query_one(std::string(kAssessment) + "WHERE id = $1", params(id));
  if (!r) return std::nullopt;
  return assessment_from(*r);
}

std::vector<AssessmentRow> CaseRecordRepository::assessments(Tx& tx, const std::string& case_id) {
  std::vector<AssessmentRow> out;
  for (const Row& r :
       tx.query(std::string(kAssessment) + "WHERE case_id = $1 ORDER BY created_at, id",
                params(case_id)))
    out.push_back(assessment_from(r));
  return out;
}

void CaseRecordRepository::insert_risk_level(Tx& tx, const RiskLevelRow& r) {
  tx.execute(
      "INSERT INTO risk_levels (id, case_id, risk_level, rationale, source, source_id, set_by, "
      "set_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      params(r.id, r.case_id, r.risk_level, r.rationale, r.source, r.source_id, r.set_by,
             r.set_at));
}

std::vector<RiskLevelRow> CaseRecordRepository::risk_levels(Tx& tx, const std::string& case_id) {
  std::vector<RiskLevelRow> out;
  for (const Row& r :
       tx.query("SELECT id, case_id, risk_level, rationale, source, source_id, set_by, set_at FROM "
                "risk_levels WHERE case_id = $1 ORDER BY set_at, id",
                params(case_id)))
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                   r.integer(7)});
  return out;
}

void CaseRecordRepository::insert_plan(Tx& tx, const PlanRow& p) {
  tx.execute(
      "INSERT INTO case_plans (id, case_id, goals, child_views, caregiver_views, approval, "
      "custom_fields, created_by, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
      "$6, $7, $8, 1, $9, $9)",
      params(p.id, p.case_id, p.goals, p.child_views, p.caregiver_views, p.approval,
             p.custom_fields, p.created_by, p.created_at));
}

bool CaseRecordRepository::update_plan(Tx& tx, const PlanRow& p, int64_t expected) {
  return tx.execute(
             "UPDATE case_plans SET goals = $1, child_views = $2, caregiver_views = $3, "
             "approval = $4, submitted_by = $5, submitted_on = $6, approved_by = $7, "
             "approved_on = $8, approval_comment = $9, custom_fields = $10, updated_at = $11, "
             "version = version + 1 WHERE id = $12 AND version = $13",
             params(p.goals, p.child_views, p.caregiver_views, p.approval, p.submitted_by,
                    p.submitted_on, p.approved_by, p.approved_on, p.approval_comment,
                    p.custom_fields, p.updated_at, p.id, expected)) == 1;
}

std::optional<PlanRow> CaseRecordRepository::find_plan(Tx& tx, const std::string& id) {
  auto r = tx.query_one(std::string(kPlan) + "WHERE id = $1", params(id));
  if (!r) return std::nullopt;
  return plan_from(*r);
}

std::vector<PlanRow> CaseRecordRepository::plans(Tx& tx, const std::string& case_id) {
  std::vector<PlanRow> out;
  for (const Row& r :
       tx.query(std::string(kPlan) + "WHERE case_id = $1 ORDER BY created_at, id", params(case_id)))
    out.push_back(plan_from(r));
  return out;
}

void CaseRecordRepository::insert_review(Tx& tx, const ReviewRow& v) {
  tx.execute(
      "INSERT INTO case_reviews (id, case_id, held_on, progress, risk_level, risk_rationale, "
      "decisions, placement_review, child_participated, next_review_on, created_by, version, "
      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12)",
      params(v.id, v.case_id, v.held_on, v.progress, v.risk_level, v.risk_rationale, v.decisions,
             v.placement_review, v.child_participated, v.next_review_on, v.created_by,
             v.created_at));
}

std::vector<ReviewRow> CaseRecordRepository::reviews(Tx& tx, const std::string& case_id) {
  std::vector<ReviewRow> out;
  for (const Row& r : tx.query(std::string(kReview) + "WHERE case_id = $1 ORDER BY created_at, id",
                               params(case_id)))
    out.push_back(review_from(r));
  return out;
}

void CaseRecordRepository::insert_closure(Tx& tx, const ClosureRow& c) {
  Params p = params(c.id, c.case_id, c.reason, c.reason_detail, c.closing_on, c.summary);
  p.push_back(to_value(c.leaving_care_plan_ct));
  tx.execute(
      "INSERT INTO case_closures (id, case_id, reason, reason_detail, closing_on, summary, "
      "leaving_care_plan_ct, created_by, version, created_at, updated_at) VALUES ($1, $2, $3, "
      "$4, $5, $6, $7, $8, 1, $9, $9)",
      cat(p, params(c.created_by, c.created_at)));
}

bool CaseRecordRepository::update_closure(Tx& tx, const ClosureRow& c, int64_t expected) {
  Params p = params(c.reason, c.reason_detail, c.closing_on, c.summary);
  p.push_back(to_value(c.leaving_care_plan_ct));
  return tx.execute(
             "UPDATE case_closures SET reason = $1, reason_detail = $2, closing_on = $3, "
             "summary = $4, leaving_care_plan_ct = $5, requested_by = $6, requested_on = $7, "
             "approved_by = $8, approved_on = $9, updated_at = $10, returned_by = $11, "
             "returned_on = $12, return_comment = $13, version = version + 1 "
             "WHERE id = $14 AND version = $15",
             cat(p,
                 params(c.requested_by, c.requested_on, c.approved_by, c.approved_on, c.updated_at,
                        c.returned_by, c.returned_on, c.return_comment, c.id, expected))) == 1;
}

std::optional<ClosureRow> CaseRecordRepository::latest_closure(Tx& tx, const std::string& case_id) {
  auto r = tx.query_one(
      std::string(kClosure) + "WHERE case_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
      params(case_id));
  if (!r) return std::nullopt;
  return closure_from(*r);
}

}  // namespace haven::store
