// A stored case note row turned into the record the services return: its text decrypted. Shared by
// CaseNoteService and the case page's window on the newest notes (case_page_reads.h), which read
// the rows themselves; kept apart from case_note_service.h so that app.h's dependants do not see
// it.
#pragma once

#include "core/result.h"
#include "security/field_cipher.h"
#include "service/case_note_service.h"
#include "store/repositories/case_note_repository.h"

namespace haven::service {

// Errors: the cipher's, if the text cannot be decrypted (a wrong key, a damaged row).
core::Result<CaseNoteRecord> open_case_note(const security::FieldCipher& cipher,
                                            const store::CaseNoteRow& row);

}  // namespace haven::service
