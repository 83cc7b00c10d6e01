// The newest history entries and notes of a case, for the case page.
#include "service/case_page_reads.h"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "service/app.h"
#include "service/case_note_rows.h"
#include "service/case_record_support.h"
#include "store/repositories/case_note_repository.h"
#include "store/repositories/record_history_repository.h"

namespace haven::service {

core::Result<RecentHistory> recent_case_history(App& app, const std::string& case_id,
                                                const Actor& actor, size_t limit) {
  auto c = app.case_access.authorize(actor, security::Action::kRead, case_id);
  if (!c.ok()) return c.take_error();
  try {
    RecentHistory out;
    const auto rows = app.db.read([&](store::Tx& tx) {
      // One more than asked for, to know whether there are more.
      const size_t fetch = std::min<size_t>(limit, std::numeric_limits<int>::max() - 1) + 1;
      return store::RecordHistoryRepository::newest_for_case(tx, case_id, static_cast<int>(fetch));
    });
    out.truncated = rows.size() > limit;
    for (size_t n = 0; n < rows.size() && n < limit; ++n) {
      const auto& r = rows[n];
      const bool sensitive = r.old_value_ct || r.new_value_ct;
      out.entries.push_back({r.id, r.entity, r.entity_id, r.entity_version, r.field,
                             sensitive ? std::nullopt : r.old_value,
                             sensitive ? std::nullopt : r.new_value, sensitive, r.changed_by,
                             r.changed_at, r.request_id});
    }
    HAVEN_TRY(app.audit.append({actor.actor_id(), actor.role(), actor.agency_id(),
                                "case.history.read", "case", case_id, "case_management", "success",
                                actor.request_id, std::nullopt}));
    return out;
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<RecentNotes> recent_case_notes(App& app, const std::string& case_id,
                                            const Actor& actor, size_t limit) {
  auto c = authorize_case_record(app.db, app.case_access, actor, security::Action::kRead, case_id,
                                 security::ResourceKind::kNote);
  if (!c.ok()) return c.take_error();
  try {
    RecentNotes out;
    std::vector<store::CaseNoteRow> rows;
    app.db.read([&](store::Tx& tx) {
      rows = store::CaseNoteRepository::newest_for_case(tx, case_id, static_cast<int>(limit));
      out.total = store::CaseNoteRepository::count_for_case(tx, case_id);
    });
    const security::FieldCipher cipher = app.keys.cipher();
    for (const auto& x : rows) {
      auto r = open_case_note(cipher, x);
      if (!r.ok()) return r.take_error();
      out.notes.push_back(std::move(r).value());
    }
    HAVEN_TRY(app.audit.append({actor.actor_id(), actor.role(), actor.agency_id(), "case_note.list",
                                "case", case_id, "case_work", "success", actor.request_id,
                                nlohmann::json{{"count", out.notes.size()}}.dump()}));
    return out;
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
