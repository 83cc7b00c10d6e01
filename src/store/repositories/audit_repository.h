// The audit log as rows: appending sealed events at the chain head, streaming them in sequence
// order for verification and export, and the auditor's look-up by record. Hashing is
// security/audit_chain's work and serialising appends is AuditService's; this file only moves rows.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

// The auditor's filters; an empty field (or nullopt) does not filter.
struct AuditFilter {
  std::string actor_id;
  std::string entity;
  std::string entity_id;
  std::string action;
  std::optional<int64_t> from_ms;  // at >= from_ms
  std::optional<int64_t> to_ms;    // at < to_ms
};

struct AuditRow {
  int64_t seq = 0;
  std::string id;
  int64_t at = 0;
  std::string actor_id, role, agency_id, action, entity, entity_id, purpose, outcome, request_id;
  std::optional<std::string> details;
  Blob prev_hash;
  Blob hash;
};

class AuditRepository {
 public:
  // Serialises appenders across processes for the rest of the transaction: PostgreSQL takes a
  // transaction-scoped advisory lock; SQLite needs nothing (a write transaction is BEGIN IMMEDIATE,
  // so only one writer runs at a time, in any process).
  static void lock_chain(Tx& tx);
  // The newest event's seq and hash, or nullopt for an empty log.
  static std::optional<std::pair<int64_t, Blob>> head(Tx& tx);
  static void insert(Tx& tx, const AuditRow& row);
  // Calls `fn` for every event with from_seq <= seq, in ascending seq, `batch` rows per query, so
  // memory stays constant. Stops early when fn returns false.
  static void scan(Database& db, int64_t from_seq, int batch,
                   const std::function<bool(const AuditRow&)>& fn);
  // Events with at in [from_ms, to_ms), ascending seq.
  static void scan_time(Database& db, int64_t from_ms, int64_t to_ms, int batch,
                        const std::function<bool(const AuditRow&)>& fn);
  // Every event about one record, newest first (uses audit_events_by_entity).
  static std::vector<AuditRow> by_entity(Tx& tx, const std::string& entity,
                                         const std::string& entity_id, int limit);
  // Events matching every given filter, newest first (descending seq), skipping `offset` and
  // returning at most `limit`. Only the filters given appear in the SQL, so each combination uses
  // the index that fits it (by_actor, by_entity, by_time).
  static std::vector<AuditRow> search(Tx& tx, const AuditFilter& filter, int limit, int64_t offset);
  static int64_t count(Tx& tx);
};

}  // namespace haven::store
