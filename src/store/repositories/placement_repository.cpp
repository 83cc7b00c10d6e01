// SQL for placements.
#include "store/repositories/placement_repository.h"

namespace haven::store {

namespace {
constexpr const char* kSelect =
    "SELECT id, case_id, type, provider, start_on, end_on, reason, end_reason, review_dates, "
    "created_by, version, created_at, updated_at FROM placements ";

PlacementRow from_row(const Row& r) {
  PlacementRow x;
  x.id = r.text(0);
  x.case_id = r.text(1);
  x.type = r.text(2);
  x.provider = r.text(3);
  x.start_on = r.text(4);
  x.end_on = r.opt_text(5);
  x.reason = r.text(6);
  x.end_reason = r.text(7);
  x.review_dates = r.text(8);
  x.created_by = r.text(9);
  x.version = r.integer(10);
  x.created_at = r.integer(11);
  x.updated_at = r.integer(12);
  return x;
}
}  // namespace

void PlacementRepository::insert(Tx& tx, const PlacementRow& x) {
  tx.execute(
      "INSERT INTO placements (id, case_id, type, provider, start_on, end_on, reason, "
      "end_reason, review_dates, created_by, version, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $11)",
      params(x.id, x.case_id, x.type, x.provider, x.start_on, x.end_on, x.reason, x.end_reason,
             x.review_dates, x.created_by, x.created_at));
}

std::optional<PlacementRow> PlacementRepository::find(Tx& tx, const std::string& case_id,
                                                      const std::string& id) {
  auto row =
      tx.query_one(std::string(kSelect) + "WHERE id = $1 AND case_id = $2", params(id, case_id));
  if (!row) return std::nullopt;
  return from_row(*row);
}

std::vector<PlacementRow> PlacementRepository::for_case(Tx& tx, const std::string& case_id) {
  std::vector<PlacementRow> out;
  for (const Row& r :
       tx.query(std::string(kSelect) + "WHERE case_id = $1 ORDER BY start_on, id", params(case_id)))
    out.push_back(from_row(r));
  return out;
}

bool PlacementRepository::update(Tx& tx, const PlacementRow& x, int64_t expected_version) {
  return tx.execute(
             "UPDATE placements SET type = $1, provider = $2, start_on = $3, end_on = $4, "
             "reason = $5, end_reason = $6, review_dates = $7, updated_at = $8, "
             "version = version + 1 WHERE id = $9 AND version = $10",
             params(x.type, x.provider, x.start_on, x.end_on, x.reason, x.end_reason,
                    x.review_dates, x.updated_at, x.id, expected_version)) == 1;
}

}  // namespace haven::store
