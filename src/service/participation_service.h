// How a child was heard and informed under a case: participation records (Lundy: space, voice,
// audience, influence) and the log of information given to the child, each listed, created and
// updated with version checks and field history. The child's views are stored only encrypted.
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/information_given.h"
#include "domain/participation_record.h"
#include "service/audit_service.h"
#include "service/case_access.h"
#include "service/identity.h"
#include "service/key_service.h"
#include "service/record_history.h"
#include "store/database.h"

namespace haven::service {

struct ParticipationEntry {
  domain::ParticipationRecord record;  // record.id is the row's id
  std::string case_id;
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct InformationEntry {
  domain::InformationGiven entry;  // entry.id is the row's id
  std::string case_id;
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

class ParticipationService {
 public:
  ParticipationService(store::Database& db, const core::Clock& clock, CaseAccess& case_access,
                       AuditService& audit, KeyService& keys, RecordHistory& history)
      : db_(db),
        clock_(clock),
        case_access_(case_access),
        audit_(audit),
        keys_(keys),
        history_(history) {}

  // Participation records, oldest first (views decrypted). The read is audited.
  core::Result<std::vector<ParticipationEntry>> list(const Actor& actor,
                                                     const std::string& case_id);
  core::Result<ParticipationEntry> create(const Actor& actor, const std::string& case_id,
                                          domain::ParticipationRecord record);
  core::Result<ParticipationEntry> update(const Actor& actor, const std::string& case_id,
                                          const std::string& record_id, int64_t version,
                                          domain::ParticipationRecord record);

  // The information log, by the day it was given. The read is audited.
  core::Result<std::vector<InformationEntry>> list_information(const Actor& actor,
                                                               const std::string& case_id);
  // given_by defaults to the actor when empty.
  core::Result<InformationEntry> create_information(const Actor& actor, const std::string& case_id,
                                                    domain::InformationGiven entry);
  core::Result<InformationEntry> update_information(const Actor& actor, const std::string& case_id,
                                                    const std::string& entry_id, int64_t version,
                                                    domain::InformationGiven entry);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  CaseAccess& case_access_;
  AuditService& audit_;
  KeyService& keys_;
  RecordHistory& history_;
};

}  // namespace haven::service
