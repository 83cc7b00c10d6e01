// SQL for the demo caseload; the author columns touched are a compiled-in list, never input.
#include "store/repositories/demo_caseload_repository.h"

namespace haven::store {

namespace {
// (table, author column) pairs of the records a generated case holds.
constexpr std::pair<const char*, const char*> kAuthorColumns[] = {
    {"screening_decisions", "decided_by"},
    {"assessments", "created_by"},
    {"risk_levels", "set_by"},
    {"case_plans", "created_by"},
    {"case_plans", "submitted_by"},
    {"case_plans", "approved_by"},
    {"case_reviews", "created_by"},
    {"case_closures", "created_by"},
    {"case_closures", "requested_by"},
    {"case_closures", "approved_by"},
    {"referrals", "created_by"},
    {"referrals", "consent_recorded_by"},
    {"placements", "created_by"},
    {"participation_records", "created_by"},
    {"information_given", "created_by"},
    {"information_given", "given_by"},
    {"case_notes", "created_by"},
};
}  // namespace

std::vector<std::string> DemoCaseloadRepository::pick_unassigned(Tx& tx,
                                                                 const std::string& agency_id,
                                                                 const std::string& status,
                                                                 int oldest, int newest) {
  std::vector<std::string> out;
  const std::string base =
      "SELECT id FROM cases WHERE agency_id = $1 AND status = $2 AND restricted = 0 AND "
      "assigned_worker_id IS NULL ORDER BY opened_at ";
  for (const Row& r :
       tx.query(base + "ASC, id LIMIT $3", params(agency_id, status, int64_t{oldest})))
    out.push_back(r.text(0));
  std::vector<std::string> recent;
  for (const Row& r :
       tx.query(base + "DESC, id LIMIT $3", params(agency_id, status, int64_t{newest}))) {
    bool seen = false;
    for (const auto& id : out) seen |= id == r.text(0);
    if (!seen) recent.push_back(r.text(0));
  }
  out.insert(out.end(), recent.rbegin(), recent.rend());
  return out;
}

int64_t DemoCaseloadRepository::count_assigned(Tx& tx, const std::string& worker_id) {
  auto row =
      tx.query_one("SELECT COUNT(*) FROM cases WHERE assigned_worker_id = $1", params(worker_id));
  return row ? row->integer(0) : 0;
}

void DemoCaseloadRepository::assign(Tx& tx, const std::string& case_id,
                                    const std::string& worker_id, const std::string& team_id,
                                    int64_t now) {
  tx.execute(
      "UPDATE cases SET assigned_worker_id = $2, team_id = $3, version = version + 1, "
      "updated_at = $4 WHERE id = $1",
      params(case_id, worker_id, team_id, now));
}

void DemoCaseloadRepository::replace_author(Tx& tx, const std::string& case_id,
                                            const std::string& placeholder,
                                            const std::string& user_id) {
  for (const auto& [table, column] : kAuthorColumns) {
    tx.execute(std::string("UPDATE ") + table + " SET " + column + " = $3 WHERE case_id = $1 AND " +
                   column + " = $2",
               params(case_id, placeholder, user_id));
  }
}

bool DemoCaseloadRepository::submit_latest_plan(Tx& tx, const std::string& case_id,
                                                const std::string& worker_id,
                                                const std::string& day, int64_t now) {
  auto latest = tx.query_one(
      "SELECT id, approval FROM case_plans WHERE case_id = $1 ORDER BY created_at DESC, id DESC "
      "LIMIT 1",
      params(case_id));
  if (!latest || (latest->text(1) != "draft" && latest->text(1) != "submitted")) return false;
  tx.execute(
      "UPDATE case_plans SET approval = 'submitted', submitted_by = $2, "
      "submitted_on = COALESCE(submitted_on, $3), version = version + 1, updated_at = $4 "
      "WHERE id = $1",
      params(latest->text(0), worker_id, day, now));
  return true;
}

}  // namespace haven::store
