// The case page's windows on the two lists of a case that grow without bound, its history and its
// notes: only the newest entries are read, not every row the case ever had (a busy case gains a
// note and its history rows many times a day). Authorized and audited exactly as
// CaseService::history ("case.history.read") and CaseNoteService::list ("case_note.list") are.
// Kept out of those services' headers so that app.h and its ~100 dependants stay as they are.
// Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "service/case_note_service.h"
#include "service/identity.h"
#include "service/record_history.h"

namespace haven::service {

struct App;

struct RecentHistory {
  // Newest first. Sensitive entries carry neither value (the page shows only that it changed), so
  // nothing is decrypted.
  std::vector<HistoryEntry> entries;
  bool truncated = false;  // the case has more than were read
};

struct RecentNotes {
  std::vector<CaseNoteRecord> notes;  // newest first, decrypted
  int64_t total = 0;                  // the case's notes in all
};

// At most `limit` of the newest changes filed under the case.
core::Result<RecentHistory> recent_case_history(App& app, const std::string& case_id,
                                                const Actor& actor, size_t limit);
// At most `limit` of the newest notes of the case.
core::Result<RecentNotes> recent_case_notes(App& app, const std::string& case_id,
                                            const Actor& actor, size_t limit);

}  // namespace haven::service
