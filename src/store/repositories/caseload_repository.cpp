// SQL for the lists of many cases: one statement each, the latest plan and closure of every case
// picked by correlated sub-selects that use the (case_id, created_at) indexes.
#include "store/repositories/caseload_repository.h"

namespace haven::store {

namespace {
constexpr const char* kOpenCases =
    "SELECT c.id, c.case_number, c.child_id, c.agency_id, a.country, c.status, c.risk_level, "
    "c.assigned_worker_id, c.team_id, c.restricted, c.opened_at, c.urgency, c.reported_at, "
    "c.assessment_opened_on, c.planning_started_on, c.implementation_started_on, "
    "c.last_review_on, c.next_review_on, c.version, "
    "ch.given_names, ch.family_names, u.display_name, "
    "p.id, p.approval, p.submitted_on, p.version, "
    "cl.requested_on, cl.approved_on "
    "FROM cases c JOIN agencies a ON a.id = c.agency_id "
    "JOIN children ch ON ch.id = c.child_id "
    "LEFT JOIN users u ON u.id = c.assigned_worker_id "
    "LEFT JOIN case_plans p ON p.id = (SELECT p2.id FROM case_plans p2 WHERE p2.case_id = c.id "
    "ORDER BY p2.created_at DESC, p2.id DESC LIMIT 1) "
    "LEFT JOIN case_closures cl ON cl.id = (SELECT c2.id FROM case_closures c2 "
    "WHERE c2.case_id = c.id ORDER BY c2.created_at DESC, c2.id DESC LIMIT 1) "
    "WHERE c.agency_id = $1 AND c.status IN ('reported', 'screening', 'assessment', 'planning', "
    "'implementation', 'review') ";
}  // namespace

std::vector<CaseloadRow> CaseloadRepository::open_cases(
    Tx& tx, const std::string& agency_id, const std::optional<std::string>& worker_id) {
  Params p = params(agency_id);
  std::string sql = kOpenCases;
  if (worker_id) {
    sql += "AND c.assigned_worker_id = $2 ";
    p.push_back(to_value(*worker_id));
  }
  sql += "ORDER BY c.opened_at, c.id";
  std::vector<CaseloadRow> out;
  for (const Row& r : tx.query(sql, p)) {
    CaseloadRow row;
    CaseRow& c = row.c;
    c.id = r.text(0);
    c.case_number = r.text(1);
    c.child_id = r.text(2);
    c.agency_id = r.text(3);
    c.country = r.text(4);
    c.status = r.text(5);
    c.risk_level = r.opt_text(6);
    c.assigned_worker_id = r.opt_text(7);
    c.team_id = r.opt_text(8);
    c.restricted = r.boolean(9);
    c.opened_at = r.integer(10);
    c.urgency = r.text(11);
    c.reported_at = r.opt_integer(12);
    c.assessment_opened_on = r.opt_text(13);
    c.planning_started_on = r.opt_text(14);
    c.implementation_started_on = r.opt_text(15);
    c.last_review_on = r.opt_text(16);
    c.next_review_on = r.opt_text(17);
    c.version = r.integer(18);
    row.child_given_names = r.text(19);
    row.child_family_names = r.text(20);
    row.worker_name = r.opt_text(21).value_or("");
    row.plan_id = r.opt_text(22);
    row.plan_approval = r.opt_text(23).value_or("");
    row.plan_submitted_on = r.opt_text(24);
    row.plan_version = r.opt_integer(25).value_or(0);
    row.closure_requested_on = r.opt_text(26);
    row.closure_awaiting_approval = row.closure_requested_on && r.is_null(27);
    out.push_back(std::move(row));
  }
  return out;
}

std::optional<CaseRow> CaseloadRepository::find_by_number(Tx& tx, const std::string& agency_id,
                                                          const std::string& case_number) {
  auto r = tx.query_one(
      "SELECT id, assigned_worker_id, team_id, restricted FROM cases "
      "WHERE agency_id = $1 AND case_number = $2",
      params(agency_id, case_number));
  if (!r) return std::nullopt;
  CaseRow c;
  c.id = r->text(0);
  c.case_number = case_number;
  c.agency_id = agency_id;
  c.assigned_worker_id = r->opt_text(1);
  c.team_id = r->opt_text(2);
  c.restricted = r->boolean(3);
  return c;
}

std::vector<RecentReportRow> CaseloadRepository::recent_reports(Tx& tx,
                                                                const std::string& agency_id,
                                                                int64_t since_ms, int limit) {
  std::vector<RecentReportRow> out;
  for (const Row& r :
       tx.query("SELECT c.id, c.case_number, r.received_at, r.urgency, r.reporter_type, c.status, "
                "c.assigned_worker_id, c.team_id, c.restricted "
                "FROM reports r JOIN cases c ON c.id = r.case_id "
                "WHERE r.agency_id = $1 AND r.received_at >= $2 "
                "ORDER BY r.received_at DESC, r.id DESC LIMIT $3",
                params(agency_id, since_ms, limit))) {
    RecentReportRow row;
    row.case_id = r.text(0);
    row.case_number = r.text(1);
    row.received_at = r.integer(2);
    row.urgency = r.text(3);
    row.reporter_type = r.text(4);
    row.case_status = r.text(5);
    row.assigned_worker_id = r.opt_text(6);
    row.team_id = r.opt_text(7);
    row.restricted = r.boolean(8);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace haven::store
