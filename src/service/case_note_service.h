// Case notes (a home visit, a phone call): list, create, update with version checks. The text is
// sensitive: stored only encrypted, bound to its row, and kept in history only encrypted. Thread-
// safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/case_note.h"
#include "service/audit_service.h"
#include "service/case_access.h"
#include "service/identity.h"
#include "service/key_service.h"
#include "service/record_history.h"
#include "store/database.h"

namespace haven::service {

struct CaseNoteRecord {
  domain::CaseNote note;  // note.id is the record's id; note.author_id who wrote it
  std::string case_id;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

class CaseNoteService {
 public:
  CaseNoteService(store::Database& db, const core::Clock& clock, CaseAccess& case_access,
                  AuditService& audit, KeyService& keys, RecordHistory& history)
      : db_(db),
        clock_(clock),
        case_access_(case_access),
        audit_(audit),
        keys_(keys),
        history_(history) {}

  // Every note of the case, oldest first, decrypted. The read is audited.
  core::Result<std::vector<CaseNoteRecord>> list(const Actor& actor, const std::string& case_id);
  // A new note by the actor (author and time are the actor's and now, whatever the input says).
  core::Result<CaseNoteRecord> create(const Actor& actor, const std::string& case_id,
                                      domain::CaseNote note);
  // New text and occurred_on for a note still at `version` (else kConflict with the current one).
  core::Result<CaseNoteRecord> update(const Actor& actor, const std::string& case_id,
                                      const std::string& note_id, int64_t version,
                                      domain::CaseNote note);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  CaseAccess& case_access_;
  AuditService& audit_;
  KeyService& keys_;
  RecordHistory& history_;
};

}  // namespace haven::service
