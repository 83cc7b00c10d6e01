// Referrals of a child or family to a service (parenting support, therapy, legal aid, …) under a
// case: list, create, update with version checks and field history. A referral past `proposed` has
// gone to the provider, so it needs recorded consent; only a supervisor (Action::kApprove on the
// case's plan) can override a missing consent, with a written reason. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/referral.h"
#include "service/audit_service.h"
#include "service/case_access.h"
#include "service/identity.h"
#include "service/record_history.h"
#include "store/database.h"

namespace haven::service {

struct ReferralRecord {
  domain::Referral referral;  // referral.id is the record's id
  std::string case_id;
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

class ReferralService {
 public:
  ReferralService(store::Database& db, const core::Clock& clock, CaseAccess& case_access,
                  AuditService& audit, RecordHistory& history)
      : db_(db), clock_(clock), case_access_(case_access), audit_(audit), history_(history) {}

  // Every referral of the case, oldest first. The read is audited.
  core::Result<std::vector<ReferralRecord>> list(const Actor& actor, const std::string& case_id);

  // Records a referral. The service fills consent.recorded_by (the actor) and, for an override,
  // consent_override.supervisor_id and .on (the actor, today) — whatever the input says there.
  // Errors: kNotFound (no such case, or another agency's), kForbidden (an override by someone who
  // may not approve), kInvalidInput with fields (including "consent" when a sent referral lacks
  // both consent and override), kConflict (the case is closed or changed hands).
  core::Result<ReferralRecord> create(const Actor& actor, const std::string& case_id,
                                      domain::Referral referral);

  // Replaces the referral's fields when it is still at `version` (else kConflict naming the
  // current version). Unchanged consent and override keep who recorded them; a new or changed
  // override needs a supervisor again.
  core::Result<ReferralRecord> update(const Actor& actor, const std::string& case_id,
                                      const std::string& referral_id, int64_t version,
                                      domain::Referral referral);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  CaseAccess& case_access_;
  AuditService& audit_;
  RecordHistory& history_;
};

}  // namespace haven::service
