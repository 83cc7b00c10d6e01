// SQL for case transfers.
#include "store/repositories/transfer_repository.h"

namespace haven::store {

namespace {
constexpr const char* kTransferSelect =
    "SELECT t.id, t.case_id, t.from_agency_id, t.to_agency_id, t.requested_by, t.requested_at, "
    "t.reason, t.state, t.decided_by, t.decided_at, t.comment, t.created_by, t.version, "
    "t.created_at, t.updated_at, c.case_number, fa.name, ta.name FROM case_transfers t "
    "JOIN cases c ON c.id = t.case_id JOIN agencies fa ON fa.id = t.from_agency_id "
    "JOIN agencies ta ON ta.id = t.to_agency_id ";

TransferRow transfer_from_row(const Row& r) {
  TransferRow x;
  x.id = r.text(0);
  x.case_id = r.text(1);
  x.from_agency_id = r.text(2);
  x.to_agency_id = r.text(3);
  x.requested_by = r.text(4);
  x.requested_at = r.integer(5);
  x.reason = r.text(6);
  x.state = r.text(7);
  x.decided_by = r.opt_text(8);
  x.decided_at = r.opt_integer(9);
  x.comment = r.text(10);
  x.created_by = r.text(11);
  x.version = r.integer(12);
  x.created_at = r.integer(13);
  x.updated_at = r.integer(14);
  x.case_number = r.text(15);
  x.from_agency_name = r.text(16);
  x.to_agency_name = r.text(17);
  return x;
}
}  // namespace

void TransferRepository::insert(Tx& tx, const TransferRow& x) {
  tx.execute(
      "INSERT INTO case_transfers (id, case_id, from_agency_id, to_agency_id, requested_by, "
      "requested_at, reason, state, comment, created_by, version, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, 'requested', '', $8, 1, $9, $9)",
      params(x.id, x.case_id, x.from_agency_id, x.to_agency_id, x.requested_by, x.requested_at,
             x.reason, x.created_by, x.created_at));
}

std::optional<TransferRow> TransferRepository::find(Tx& tx, const std::string& id) {
  auto row = tx.query_one(std::string(kTransferSelect) + "WHERE t.id = $1", params(id));
  if (!row) return std::nullopt;
  return transfer_from_row(*row);
}

std::vector<TransferRow> TransferRepository::for_case(Tx& tx, const std::string& case_id) {
  std::vector<TransferRow> out;
  for (const Row& r :
       tx.query(std::string(kTransferSelect) + "WHERE t.case_id = $1 ORDER BY t.requested_at, t.id",
                params(case_id)))
    out.push_back(transfer_from_row(r));
  return out;
}

std::vector<TransferRow> TransferRepository::for_agency(Tx& tx, const std::string& agency_id,
                                                        bool incoming, const std::string& state,
                                                        int limit) {
  const std::string where =
      incoming ? "WHERE t.to_agency_id = $1 " : "WHERE t.from_agency_id = $1 ";
  std::vector<TransferRow> out;
  for (const Row& r : tx.query(std::string(kTransferSelect) + where +
                                   "AND (CAST($2 AS TEXT) = '' OR t.state = $2) ORDER BY "
                                   "t.requested_at DESC, t.id DESC LIMIT $3",
                               params(agency_id, state, limit)))
    out.push_back(transfer_from_row(r));
  return out;
}

std::optional<TransferRow> TransferRepository::pending_for_case(Tx& tx,
                                                                const std::string& case_id) {
  auto row =
      tx.query_one(std::string(kTransferSelect) + "WHERE t.case_id = $1 AND t.state = 'requested'",
                   params(case_id));
  if (!row) return std::nullopt;
  return transfer_from_row(*row);
}

bool TransferRepository::decide(Tx& tx, const TransferRow& x, int64_t expected_version) {
  return tx.execute(
             "UPDATE case_transfers SET state = $1, decided_by = $2, decided_at = $3, "
             "comment = $4, updated_at = $5, version = version + 1 "
             "WHERE id = $6 AND version = $7 AND state = 'requested'",
             params(x.state, x.decided_by, x.decided_at, x.comment, x.updated_at, x.id,
                    expected_version)) == 1;
}

bool TransferRepository::move_case(Tx& tx, const std::string& case_id,
                                   const std::string& to_agency_id, int64_t now_ms,
                                   int64_t expected_version) {
  return tx.execute(
             "UPDATE cases SET agency_id = $1, assigned_worker_id = NULL, team_id = NULL, "
             "updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4",
             params(to_agency_id, now_ms, case_id, expected_version)) == 1;
}

bool TransferRepository::move_child(Tx& tx, const std::string& child_id, const std::string& case_id,
                                    const std::string& from_agency_id,
                                    const std::string& to_agency_id, int64_t now_ms) {
  return tx.execute(
             "UPDATE children SET agency_id = $1, updated_at = $2, version = version + 1 "
             "WHERE id = $3 AND agency_id = $4 AND NOT EXISTS (SELECT 1 FROM cases o "
             "WHERE o.child_id = $3 AND o.id <> $5 AND o.agency_id = $4 AND o.status IN "
             "('reported', 'screening', 'assessment', 'planning', 'implementation', 'review'))",
             params(to_agency_id, now_ms, child_id, from_agency_id, case_id)) == 1;
}

}  // namespace haven::store
