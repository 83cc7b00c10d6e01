// SQL for the duplicate review queue.
#include "store/repositories/duplicate_candidate_repository.h"

namespace haven::store {

namespace {

constexpr const char* kDuplicateCandidateColumns =
    "d.id, d.child_a_id, d.child_b_id, d.weight, d.probability, d.explanation, d.status, "
    "d.found_at, d.decided_by, d.decided_at, d.version ";

// The queue of one agency: both children belong to it; the open queue hides pairs with a child
// merged since the pair was found.
constexpr const char* kQueue =
    "FROM duplicate_candidates d JOIN children a ON a.id = d.child_a_id "
    "JOIN children b ON b.id = d.child_b_id "
    "WHERE a.agency_id = $1 AND b.agency_id = $1 AND d.status = $2 "
    "AND ($2 <> 'open' OR (a.merged_into IS NULL AND b.merged_into IS NULL)) ";

DuplicateCandidateRow duplicate_candidate_from_row(const Row& r) {
  DuplicateCandidateRow d;
  d.id = r.text(0);
  d.child_a_id = r.text(1);
  d.child_b_id = r.text(2);
  d.weight = r.real(3);
  d.probability = r.real(4);
  d.explanation = r.text(5);
  d.status = r.text(6);
  d.found_at = r.integer(7);
  d.decided_by = r.opt_text(8);
  d.decided_at = r.opt_integer(9);
  d.version = r.integer(10);
  return d;
}

}  // namespace

std::optional<DuplicateCandidateRow> DuplicateCandidateRepository::find(Tx& tx,
                                                                        const std::string& id) {
  auto r = tx.query_one(std::string("SELECT ") + kDuplicateCandidateColumns +
                            "FROM duplicate_candidates d WHERE d.id = $1",
                        params(id));
  if (!r) return std::nullopt;
  return duplicate_candidate_from_row(*r);
}

std::optional<DuplicateCandidateRow> DuplicateCandidateRepository::find_pair(
    Tx& tx, const std::string& child_a_id, const std::string& child_b_id) {
  auto r = tx.query_one(std::string("SELECT ") + kDuplicateCandidateColumns +
                            "FROM duplicate_candidates d WHERE d.child_a_id = $1 AND "
                            "d.child_b_id = $2",
                        params(child_a_id, child_b_id));
  if (!r) return std::nullopt;
  return duplicate_candidate_from_row(*r);
}

void DuplicateCandidateRepository::insert(Tx& tx, const DuplicateCandidateRow& d) {
  tx.execute(
      "INSERT INTO duplicate_candidates (id, child_a_id, child_b_id, weight, probability, "
      "explanation, status, found_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)",
      params(d.id, d.child_a_id, d.child_b_id, d.weight, d.probability, d.explanation, d.status,
             d.found_at));
}

bool DuplicateCandidateRepository::refresh(Tx& tx, const DuplicateCandidateRow& d) {
  return tx.execute(
             "UPDATE duplicate_candidates SET weight = $2, probability = $3, explanation = $4, "
             "found_at = $5, version = version + 1 WHERE id = $1 AND status = 'open'",
             params(d.id, d.weight, d.probability, d.explanation, d.found_at)) > 0;
}

bool DuplicateCandidateRepository::decide(Tx& tx, const std::string& id, const std::string& status,
                                          const std::string& by, int64_t at,
                                          int64_t expected_version) {
  return tx.execute(
             "UPDATE duplicate_candidates SET status = $2, decided_by = $3, decided_at = $4, "
             "version = version + 1 WHERE id = $1 AND version = $5",
             params(id, status, by, at, expected_version)) > 0;
}

std::vector<DuplicateCandidateRow> DuplicateCandidateRepository::list(
    Tx& tx, const DuplicateCandidateQuery& q) {
  std::vector<DuplicateCandidateRow> out;
  for (const Row& r :
       tx.query(std::string("SELECT ") + kDuplicateCandidateColumns + kQueue +
                    "ORDER BY d.probability DESC, d.weight DESC, d.id LIMIT $3 OFFSET $4",
                params(q.agency_id, q.status, int64_t{q.limit}, int64_t{q.offset})))
    out.push_back(duplicate_candidate_from_row(r));
  return out;
}

int64_t DuplicateCandidateRepository::count(Tx& tx, const DuplicateCandidateQuery& q) {
  auto r = tx.query_one(std::string("SELECT COUNT(*) ") + kQueue, params(q.agency_id, q.status));
  return r ? r->integer(0) : 0;
}

std::vector<DuplicateChildRow> DuplicateCandidateRepository::children(
    Tx& tx, const std::vector<std::string>& ids) {
  std::vector<DuplicateChildRow> out;
  if (ids.empty()) return out;
  // The placeholders are generated; the ids are parameters.
  std::string sql =
      "SELECT ch.id, ch.given_names, ch.family_names, ch.sex, ch.birth_date, "
      "ch.birth_date_estimated, ch.merged_into, ch.version, ch.created_at, "
      "(SELECT COUNT(*) FROM cases c WHERE c.child_id = ch.id) FROM children ch WHERE ch.id IN (";
  Params p;
  for (const std::string& id : ids) {
    if (!p.empty()) sql += ", ";
    p.push_back(Value{id});
    sql += "$" + std::to_string(p.size());
  }
  sql += ")";
  for (const Row& r : tx.query(sql, p)) {
    DuplicateChildRow c;
    c.id = r.text(0);
    c.given_names = r.text(1);
    c.family_names = r.text(2);
    c.sex = r.text(3);
    c.birth_date = r.opt_text(4);
    c.birth_date_estimated = r.boolean(5);
    c.merged_into = r.opt_text(6);
    c.version = r.integer(7);
    c.created_at = r.integer(8);
    c.cases = r.integer(9);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::string> DuplicateCandidateRepository::merged_children(Tx& tx) {
  std::vector<std::string> out;
  for (const Row& r : tx.query("SELECT id FROM children WHERE merged_into IS NOT NULL", {}))
    out.push_back(r.text(0));
  return out;
}

}  // namespace haven::store
