// Field-by-field history of every change to a case and its records: who, when, which request, the
// old and the new value. Services call record() inside their write transaction with the changes
// they made; sensitive values (narratives, health, identity numbers) are stored only encrypted,
// each ciphertext bound to its history row. read_case() gives the history back, decrypted for a
// caller the service has already authorized. Thread-safe (holds only references).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/identity.h"
#include "service/key_service.h"
#include "store/database.h"

namespace haven::service {

// One changed field. nullopt is "no value" (a field set for the first time, or cleared).
struct FieldChange {
  std::string field;
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
  bool sensitive = false;  // store both values only encrypted
};

// The record that changed.
struct HistoryTarget {
  std::string entity;  // "case", "child", "report", "assessment", "case_plan", …
  std::string entity_id;
  int64_t version = 0;  // the record's version after this change
  std::string case_id;  // the case it belongs to ("" for none), so the case history finds it
};

// A history row as a reader sees it.
struct HistoryEntry {
  std::string id;
  std::string entity;
  std::string entity_id;
  int64_t version = 0;
  std::string field;
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
  bool sensitive = false;
  std::string changed_by;
  int64_t changed_at = 0;
  std::string request_id;
};

class RecordHistory {
 public:
  RecordHistory(KeyService& keys, const core::Clock& clock) : keys_(keys), clock_(clock) {}

  // Writes one row per change whose old and new values differ, inside the caller's transaction;
  // a change between "no value" and an empty text, list or object (`""`, `[]`, `{}`) is none.
  // Errors only if encryption fails (kInternal); the caller's transaction should then fail too.
  core::Status record(store::Tx& tx, const Actor& actor, const HistoryTarget& target,
                      const std::vector<FieldChange>& changes);

  // Every change filed under a case, oldest first (at most `limit`), sensitive values decrypted.
  // The caller authorizes the read first.
  core::Result<std::vector<HistoryEntry>> read_case(store::Tx& tx, const std::string& case_id,
                                                    int limit = 5000) const;
  // The changes to one record, oldest first, decrypted.
  core::Result<std::vector<HistoryEntry>> read_entity(store::Tx& tx, const std::string& entity,
                                                      const std::string& entity_id) const;

  // Helpers for building FieldChange lists.
  static void diff(std::vector<FieldChange>& out, std::string_view field,
                   const std::optional<std::string>& old_value,
                   const std::optional<std::string>& new_value, bool sensitive = false);

 private:
  KeyService& keys_;
  const core::Clock& clock_;
};

// The history as JSON text for the API: {"entries":[{…}]} is built by the handler from these.
std::string history_entry_json(const HistoryEntry& entry);

}  // namespace haven::service
