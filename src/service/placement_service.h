// Alternative-care placements under a case (kinship, foster, residential, supervised independent
// living): list, create, update with version checks and field history. The dates feed the
// formal-care indicators, so domain/placement.h checks them on every write. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/placement.h"
#include "service/audit_service.h"
#include "service/case_access.h"
#include "service/identity.h"
#include "service/record_history.h"
#include "store/database.h"

namespace haven::service {

struct PlacementRecord {
  domain::Placement placement;  // placement.id is the record's id
  std::string case_id;
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

class PlacementService {
 public:
  PlacementService(store::Database& db, const core::Clock& clock, CaseAccess& case_access,
                   AuditService& audit, RecordHistory& history)
      : db_(db), clock_(clock), case_access_(case_access), audit_(audit), history_(history) {}

  // Every placement of the case by start date. The read is audited.
  core::Result<std::vector<PlacementRecord>> list(const Actor& actor, const std::string& case_id);
  // Errors: kNotFound (no such case, or another agency's), kForbidden, kInvalidInput with fields
  // (no entry reason, an end without an exit destination, an end before the start, text beyond
  // limits, …), kConflict (the case is closed or changed hands).
  core::Result<PlacementRecord> create(const Actor& actor, const std::string& case_id,
                                       domain::Placement placement);
  // As create, when the placement is still at `version` (else kConflict with the current one). A
  // placement stored without entry reasons (recorded before they were coded) may stay without;
  // one that has them keeps at least one.
  core::Result<PlacementRecord> update(const Actor& actor, const std::string& case_id,
                                       const std::string& placement_id, int64_t version,
                                       domain::Placement placement);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  CaseAccess& case_access_;
  AuditService& audit_;
  RecordHistory& history_;
};

}  // namespace haven::service
