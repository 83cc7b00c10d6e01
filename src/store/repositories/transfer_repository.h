// Transfers of a case between agencies as rows (table case_transfers), and the one statement that
// hands a case to another agency: the SQL behind TransferService. No rules here; every function
// runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct TransferRow {
  std::string id;
  std::string case_id;
  std::string from_agency_id;
  std::string to_agency_id;
  std::string requested_by;
  int64_t requested_at = 0;
  std::string reason;
  std::string state = "requested";  // requested | accepted | rejected
  std::optional<std::string> decided_by;
  std::optional<int64_t> decided_at;
  std::string comment;
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  // Joined for lists, not stored here.
  std::string case_number;
  std::string from_agency_name;
  std::string to_agency_name;
};

class TransferRepository {
 public:
  static void insert(Tx& tx, const TransferRow& row);
  static std::optional<TransferRow> find(Tx& tx, const std::string& id);
  // The transfers of a case, oldest first.
  static std::vector<TransferRow> for_case(Tx& tx, const std::string& case_id);
  // Transfers to (incoming) or from (outgoing) an agency, newest first; `state` "" for any.
  static std::vector<TransferRow> for_agency(Tx& tx, const std::string& agency_id, bool incoming,
                                             const std::string& state, int limit);
  // The open (requested) transfer of a case, if any.
  static std::optional<TransferRow> pending_for_case(Tx& tx, const std::string& case_id);
  // Records the decision when the transfer is still `requested` at `expected_version`; false
  // otherwise (someone decided first).
  static bool decide(Tx& tx, const TransferRow& row, int64_t expected_version);
  // Hands the case to `to_agency_id` with no assigned worker or team, if it is still at
  // `expected_version`; false otherwise. Bumps the case's version.
  static bool move_case(Tx& tx, const std::string& case_id, const std::string& to_agency_id,
                        int64_t now_ms, int64_t expected_version);
  // Moves the child's record from `from_agency_id` to `to_agency_id` unless the child has another
  // open case at `from_agency_id` (which keeps it there); returns whether it moved.
  static bool move_child(Tx& tx, const std::string& child_id, const std::string& case_id,
                         const std::string& from_agency_id, const std::string& to_agency_id,
                         int64_t now_ms);
};

}  // namespace haven::store
