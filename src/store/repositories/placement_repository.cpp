// SQL for placements and their entry reasons.
#include "store/repositories/placement_repository.h"

namespace haven::store {

namespace {
constexpr const char* kPlacementSelect =
    "SELECT id, case_id, type, provider, start_on, end_on, reason, end_reason, review_dates, "
    "created_by, version, created_at, updated_at, exit_destination FROM placements ";

PlacementRow placement_from_row(const Row& r) {
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
  x.exit_destination = r.opt_text(13);
  return x;
}

void insert_entry_reasons(Tx& tx, const PlacementRow& x) {
  for (const auto& reason : x.entry_reasons)
    tx.execute("INSERT INTO placement_entry_reasons (placement_id, reason) VALUES ($1, $2)",
               params(x.id, reason));
}

std::vector<std::string> entry_reasons_of(Tx& tx, const std::string& id) {
  std::vector<std::string> out;
  for (const Row& r : tx.query(
           "SELECT reason FROM placement_entry_reasons WHERE placement_id = $1 ORDER BY reason",
           params(id)))
    out.push_back(r.text(0));
  return out;
}
}  // namespace

void PlacementRepository::insert(Tx& tx, const PlacementRow& x) {
  tx.execute(
      "INSERT INTO placements (id, case_id, type, provider, start_on, end_on, reason, "
      "end_reason, review_dates, created_by, version, created_at, updated_at, exit_destination) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $11, $12)",
      params(x.id, x.case_id, x.type, x.provider, x.start_on, x.end_on, x.reason, x.end_reason,
             x.review_dates, x.created_by, x.created_at, x.exit_destination));
  insert_entry_reasons(tx, x);
}

std::optional<PlacementRow> PlacementRepository::find(Tx& tx, const std::string& case_id,
                                                      const std::string& id) {
  auto row = tx.query_one(std::string(kPlacementSelect) + "WHERE id = $1 AND case_id = $2",
                          params(id, case_id));
  if (!row) return std::nullopt;
  PlacementRow x = placement_from_row(*row);
  x.entry_reasons = entry_reasons_of(tx, x.id);
  return x;
}

std::vector<PlacementRow> PlacementRepository::for_case(Tx& tx, const std::string& case_id) {
  std::vector<PlacementRow> out;
  for (const Row& r :
       tx.query(std::string(kPlacementSelect) + "WHERE case_id = $1 ORDER BY start_on, id",
                params(case_id)))
    out.push_back(placement_from_row(r));
  if (out.empty()) return out;
  // One query for the reasons of all the case's placements, matched up by id.
  for (const Row& r : tx.query("SELECT e.placement_id, e.reason FROM placement_entry_reasons e "
                               "JOIN placements p ON p.id = e.placement_id "
                               "WHERE p.case_id = $1 ORDER BY e.placement_id, e.reason",
                               params(case_id))) {
    const std::string id = r.text(0);
    for (auto& x : out)
      if (x.id == id) x.entry_reasons.push_back(r.text(1));
  }
  return out;
}

bool PlacementRepository::update(Tx& tx, const PlacementRow& x, int64_t expected_version) {
  if (tx.execute(
          "UPDATE placements SET type = $1, provider = $2, start_on = $3, end_on = $4, "
          "reason = $5, end_reason = $6, review_dates = $7, updated_at = $8, "
          "exit_destination = $9, version = version + 1 WHERE id = $10 AND version = $11",
          params(x.type, x.provider, x.start_on, x.end_on, x.reason, x.end_reason, x.review_dates,
                 x.updated_at, x.exit_destination, x.id, expected_version)) != 1)
    return false;
  tx.execute("DELETE FROM placement_entry_reasons WHERE placement_id = $1", params(x.id));
  insert_entry_reasons(tx, x);
  return true;
}

}  // namespace haven::store
