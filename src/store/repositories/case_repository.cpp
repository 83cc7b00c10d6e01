// SQL for cases and case-number counters.
#include "store/repositories/case_repository.h"

namespace haven::store {

namespace {
constexpr const char* kCaseSelect =
    "SELECT c.id, c.case_number, c.child_id, c.agency_id, a.country, c.status, c.risk_level, "
    "c.assigned_worker_id, c.team_id, c.restricted, c.opened_at, c.closed_at, c.closure_reason, "
    "c.created_by, c.custom_fields, c.urgency, c.reported_at, c.status_changed_at, "
    "c.assessment_opened_on, c.planning_started_on, c.implementation_started_on, "
    "c.last_review_on, c.next_review_on, c.reopen_reason, c.version, c.created_at, c.updated_at "
    "FROM cases c JOIN agencies a ON a.id = c.agency_id ";

CaseRow case_from_row(const Row& r) {
  CaseRow c;
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
  c.closed_at = r.opt_integer(11);
  c.closure_reason = r.opt_text(12);
  c.created_by = r.opt_text(13).value_or("");
  c.custom_fields = r.text(14);
  c.urgency = r.text(15);
  c.reported_at = r.opt_integer(16);
  c.status_changed_at = r.opt_integer(17);
  c.assessment_opened_on = r.opt_text(18);
  c.planning_started_on = r.opt_text(19);
  c.implementation_started_on = r.opt_text(20);
  c.last_review_on = r.opt_text(21);
  c.next_review_on = r.opt_text(22);
  c.reopen_reason = r.opt_text(23);
  c.version = r.integer(24);
  c.created_at = r.integer(25);
  c.updated_at = r.integer(26);
  return c;
}

// "$k, $k+1, …" for an IN list starting at placeholder k.
std::string placeholders(size_t first, size_t count) {
  std::string s;
  for (size_t i = 0; i < count; ++i) s += (i ? ", $" : "$") + std::to_string(first + i);
  return s;
}
}  // namespace

void CaseRepository::insert(Tx& tx, const CaseRow& c) {
  tx.execute(
      "INSERT INTO cases (id, case_number, child_id, agency_id, status, risk_level, "
      "assigned_worker_id, team_id, restricted, opened_at, created_by, custom_fields, urgency, "
      "reported_at, status_changed_at, version, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $16)",
      params(c.id, c.case_number, c.child_id, c.agency_id, c.status, c.risk_level,
             c.assigned_worker_id, c.team_id, c.restricted, c.opened_at, c.created_by,
             c.custom_fields, c.urgency, c.reported_at, c.status_changed_at, c.created_at));
}

std::optional<CaseRow> CaseRepository::find(Tx& tx, const std::string& id) {
  auto row = tx.query_one(std::string(kCaseSelect) + "WHERE c.id = $1", params(id));
  if (!row) return std::nullopt;
  return case_from_row(*row);
}

bool CaseRepository::update(Tx& tx, const CaseRow& c, int64_t expected_version) {
  return tx.execute(
             "UPDATE cases SET status = $1, risk_level = $2, assigned_worker_id = $3, "
             "team_id = $4, restricted = $5, closed_at = $6, closure_reason = $7, "
             "custom_fields = $8, status_changed_at = $9, assessment_opened_on = $10, "
             "planning_started_on = $11, implementation_started_on = $12, last_review_on = $13, "
             "next_review_on = $14, reopen_reason = $15, updated_at = $16, "
             "version = version + 1 WHERE id = $17 AND version = $18",
             params(c.status, c.risk_level, c.assigned_worker_id, c.team_id, c.restricted,
                    c.closed_at, c.closure_reason, c.custom_fields, c.status_changed_at,
                    c.assessment_opened_on, c.planning_started_on, c.implementation_started_on,
                    c.last_review_on, c.next_review_on, c.reopen_reason, c.updated_at, c.id,
                    expected_version)) == 1;
}

std::vector<CaseRow> CaseRepository::list(Tx& tx, const CaseListQuery& q) {
  std::string sql = kCaseSelect;
  Params p;
  std::vector<std::string> where;
  if (!q.agency_ids.empty()) {
    where.push_back("c.agency_id IN (" + placeholders(p.size() + 1, q.agency_ids.size()) + ")");
    for (const auto& a : q.agency_ids) p.push_back(a);
  }
  auto eq = [&](const char* column, const std::optional<std::string>& v) {
    if (!v) return;
    p.push_back(*v);
    where.push_back(std::string(column) + " = $" + std::to_string(p.size()));
  };
  eq("c.status", q.status);
  eq("c.risk_level", q.risk_level);
  eq("c.assigned_worker_id", q.assigned_worker_id);
  if (q.after_opened_at && q.after_id) {
    p.push_back(*q.after_opened_at);
    const std::string at = "$" + std::to_string(p.size());
    p.push_back(*q.after_id);
    const std::string id = "$" + std::to_string(p.size());
    const char* cmp = q.newest_first ? "<" : ">";
    where.push_back("(c.opened_at " + std::string(cmp) + " " + at + " OR (c.opened_at = " + at +
                    " AND c.id " + cmp + " " + id + "))");
  }
  for (size_t i = 0; i < where.size(); ++i) sql += (i ? " AND " : "WHERE ") + where[i];
  sql += q.newest_first ? " ORDER BY c.opened_at DESC, c.id DESC" : " ORDER BY c.opened_at, c.id";
  p.push_back(int64_t{q.limit});
  sql += " LIMIT $" + std::to_string(p.size());
  std::vector<CaseRow> out;
  for (const Row& r : tx.query(sql, p)) out.push_back(case_from_row(r));
  return out;
}

std::vector<CaseRow> CaseRepository::open_cases(Tx& tx,
                                                const std::vector<std::string>& agency_ids) {
  std::vector<CaseRow> out;
  if (agency_ids.empty()) return out;
  Params p;
  for (const auto& a : agency_ids) p.push_back(a);
  const std::string sql = std::string(kCaseSelect) + "WHERE c.agency_id IN (" +
                          placeholders(1, agency_ids.size()) +
                          ") AND c.status IN ('reported', 'screening', 'assessment', 'planning', "
                          "'implementation', 'review') ORDER BY c.opened_at, c.id";
  for (const Row& r : tx.query(sql, p)) out.push_back(case_from_row(r));
  return out;
}

int64_t CaseRepository::next_case_counter(Tx& tx, const std::string& country, int year) {
  // The UPDATE takes the row lock (PostgreSQL) / runs under the one writer (SQLite), so two
  // intakes never get the same number.
  if (tx.execute("UPDATE case_number_counters SET next = next + 1 WHERE country = $1 AND year = $2",
                 params(country, year)) == 0) {
    tx.execute("INSERT INTO case_number_counters (country, year, next) VALUES ($1, $2, 2)",
               params(country, year));
    return 1;
  }
  return tx.query_one("SELECT next FROM case_number_counters WHERE country = $1 AND year = $2",
                      params(country, year))
             ->integer(0) -
         1;
}

}  // namespace haven::store
