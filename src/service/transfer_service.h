// Transfers of a case to another child protection agency of the same country. The sending agency
// asks (a reason, the receiving agency); the receiving agency's caseworkers or supervisors accept
// or reject with a comment. The case changes hands only on acceptance, in one transaction: the
// lifecycle's `transfer` action is checked with transfer_accepted, the case row moves to the
// receiving agency with no assigned worker or team (it keeps its number, status, records and
// history), the child's record follows unless the child has another open case at the sender,
// and history and audit are written (docs/CASES.md, "Transfers"). Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/audit_service.h"
#include "service/case_access.h"
#include "service/identity.h"
#include "service/record_history.h"
#include "store/database.h"

namespace haven::service {

struct TransferInfo {
  std::string id;
  std::string case_id;
  std::string case_number;
  std::string from_agency_id;
  std::string from_agency_name;
  std::string to_agency_id;
  std::string to_agency_name;
  std::string requested_by;
  int64_t requested_at = 0;
  std::string reason;
  std::string state;  // requested | accepted | rejected
  std::optional<std::string> decided_by;
  std::optional<int64_t> decided_at;
  std::string comment;
  int64_t version = 1;
};

class TransferService {
 public:
  TransferService(store::Database& db, const core::Clock& clock, CaseAccess& case_access,
                  AuditService& audit, RecordHistory& history)
      : db_(db), clock_(clock), case_access_(case_access), audit_(audit), history_(history) {}

  // Asks `to_agency_id` to take the case over. Needs the right to move the case through its
  // lifecycle (Action::kTransition). Errors: kNotFound, kForbidden, kInvalidInput with fields
  // (to_agency_id: unknown, the same agency, another country, not a child protection agency;
  // reason: missing or too long), kConflict (the case is not open, or a transfer is already
  // waiting for an answer).
  core::Result<TransferInfo> request(const Actor& actor, const std::string& case_id,
                                     const std::string& to_agency_id, const std::string& reason);

  // The transfers of one case, oldest first (whoever may read the case).
  core::Result<std::vector<TransferInfo>> for_case(const Actor& actor, const std::string& case_id);

  // Transfers to (incoming) or from (outgoing) the actor's agency, newest first; `state` filters
  // ("" for any). For caseworkers and supervisors; the look-up is audited.
  core::Result<std::vector<TransferInfo>> list(const Actor& actor, bool incoming,
                                               const std::string& state, int limit = 100);

  // The receiving agency's answer. Only its caseworkers and supervisors may give it (kForbidden
  // for the sending agency, kNotFound for anyone else); a transfer already answered is kConflict.
  // Rejecting needs a comment.
  core::Result<TransferInfo> accept(const Actor& actor, const std::string& transfer_id,
                                    const std::string& comment);
  core::Result<TransferInfo> reject(const Actor& actor, const std::string& transfer_id,
                                    const std::string& comment);

 private:
  core::Result<TransferInfo> decide(const Actor& actor, const std::string& transfer_id, bool accept,
                                    const std::string& comment);
  store::Database& db_;
  const core::Clock& clock_;
  CaseAccess& case_access_;
  AuditService& audit_;
  RecordHistory& history_;
};

}  // namespace haven::service
