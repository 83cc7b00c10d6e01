// What every service of a record under a case (referral, placement, participation, note, document,
// transfer) does the same way: authorize on the case (hiding another agency's cases as 404, and
// letting a written break-the-glass reason open a read), check inside the write transaction that
// the case is still the one authorized and still open, answer a stale version with 409 naming the
// current one, and turn two field maps into history changes. Stateless helpers; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/result.h"
#include "security/field_cipher.h"
#include "security/permissions.h"
#include "service/case_access.h"
#include "service/identity.h"
#include "service/record_history.h"
#include "store/database.h"

namespace haven::service {

// The plaintext of an optional encrypted column ("" when the column is NULL); `table`, `column` and
// `id` name where the ciphertext lives (security::AssociatedData).
core::Result<std::string> decrypt_text(const security::FieldCipher& cipher,
                                       const std::optional<store::Blob>& ct, const char* table,
                                       const char* column, const std::string& id);

// A record's fields as text for history: name → value (nullopt: no value).
using FieldMap = std::map<std::string, std::optional<std::string>>;

// Loads the case and asks the policy for `action` on a record of `kind` under it. A case of
// another agency the actor has no relation to is kNotFound (its existence is not confirmed, even
// though the policy's denial is audited); a read denied only because the case is another agency's
// is retried as a break-the-glass read when the actor gave a reason (audited by AccessService).
core::Result<store::CaseRow> authorize_case_record(store::Database& db, CaseAccess& access,
                                                   const Actor& actor, security::Action action,
                                                   const std::string& case_id,
                                                   security::ResourceKind kind,
                                                   const std::string& record_id = {});

// Inside the write transaction: the case as it is now, if it still belongs where it did when it
// was authorized (same agency, worker, team and restriction) and is open. kNotFound, or kConflict
// saying what changed or that the case is closed.
core::Result<store::CaseRow> recheck_case(store::Tx& tx, const store::CaseRow& authorized);

// 409 for a stale version: the message says what to do, the field `current_version` carries the
// number (as CaseService answers for the case itself).
core::Error record_conflict(const std::string& what, int64_t current_version);

// The history changes from `before` to `after` (fields missing on one side count as no value).
std::vector<FieldChange> field_changes(const FieldMap& before, const FieldMap& after,
                                       const std::set<std::string>& sensitive = {});

// Today's date at the clock (UTC).
inline core::Date today(const core::Clock& clock) {
  return core::Date::of(clock.now());
}

// An optional date as text for storage and history.
inline std::optional<std::string> date_text(const std::optional<core::Date>& d) {
  return d ? std::optional<std::string>(d->to_string()) : std::nullopt;
}
// A stored 'YYYY-MM-DD' back to a date (nullopt for none or a malformed value).
std::optional<core::Date> parse_stored_date(const std::optional<std::string>& text);

// True when the actor's role is one of those that work cases (caseworker, supervisor) and holds
// `permission`; the command-line operator always is.
bool works_cases(const Actor& actor, const std::string& permission);

// Runs `work` (returning core::Result<T>) in a write transaction, turning a DbError into an Error.
template <class F>
auto write_tx(store::Database& db, F&& work) -> std::invoke_result_t<F, store::Tx&> {
  try {
    return db.write(std::forward<F>(work));
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}
template <class F>
auto read_tx(store::Database& db, F&& work) -> std::invoke_result_t<F, store::Tx&> {
  try {
    return db.read(std::forward<F>(work));
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
