// SQL for case notes.
#include "store/repositories/case_note_repository.h"

namespace haven::store {

namespace {
constexpr const char* kCaseNoteSelect =
    "SELECT id, case_id, written_at, occurred_on, body_ct, created_by, version, created_at, "
    "updated_at FROM case_notes ";

CaseNoteRow case_note_from_row(const Row& r) {
  CaseNoteRow x;
  x.id = r.text(0);
  x.case_id = r.text(1);
  x.written_at = r.integer(2);
  x.occurred_on = r.opt_text(3);
  x.body_ct = r.blob(4);
  x.created_by = r.text(5);
  x.version = r.integer(6);
  x.created_at = r.integer(7);
  x.updated_at = r.integer(8);
  return x;
}
}  // namespace

void CaseNoteRepository::insert(Tx& tx, const CaseNoteRow& x) {
  tx.execute(
      "INSERT INTO case_notes (id, case_id, written_at, occurred_on, body_ct, created_by, "
      "version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)",
      params(x.id, x.case_id, x.written_at, x.occurred_on, x.body_ct, x.created_by, x.created_at));
}

std::optional<CaseNoteRow> CaseNoteRepository::find(Tx& tx, const std::string& case_id,
                                                    const std::string& id) {
  auto row = tx.query_one(std::string(kCaseNoteSelect) + "WHERE id = $1 AND case_id = $2",
                          params(id, case_id));
  if (!row) return std::nullopt;
  return case_note_from_row(*row);
}

std::vector<CaseNoteRow> CaseNoteRepository::for_case(Tx& tx, const std::string& case_id) {
  std::vector<CaseNoteRow> out;
  for (const Row& r :
       tx.query(std::string(kCaseNoteSelect) + "WHERE case_id = $1 ORDER BY written_at, id",
                params(case_id)))
    out.push_back(case_note_from_row(r));
  return out;
}

std::vector<CaseNoteRow> CaseNoteRepository::newest_for_case(Tx& tx, const std::string& case_id,
                                                             int limit) {
  std::vector<CaseNoteRow> out;
  for (const Row& r : tx.query(std::string(kCaseNoteSelect) +
                                   "WHERE case_id = $1 ORDER BY written_at DESC, id DESC LIMIT $2",
                               params(case_id, limit)))
    out.push_back(case_note_from_row(r));
  return out;
}

int64_t CaseNoteRepository::count_for_case(Tx& tx, const std::string& case_id) {
  auto row = tx.query_one("SELECT count(*) FROM case_notes WHERE case_id = $1", params(case_id));
  return row ? row->integer(0) : 0;
}

bool CaseNoteRepository::update(Tx& tx, const CaseNoteRow& x, int64_t expected_version) {
  return tx.execute(
             "UPDATE case_notes SET occurred_on = $1, body_ct = $2, updated_at = $3, "
             "version = version + 1 WHERE id = $4 AND version = $5",
             params(x.occurred_on, x.body_ct, x.updated_at, x.id, expected_version)) == 1;
}

}  // namespace haven::store
