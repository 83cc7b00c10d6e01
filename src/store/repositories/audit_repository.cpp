// SQL for the audit log.
#include "store/repositories/audit_repository.h"

namespace haven::store {

namespace {
constexpr const char* kAuditSelect =
    "SELECT seq, id, at, actor_id, role, agency_id, action, entity, entity_id, purpose, outcome, "
    "request_id, details, prev_hash, hash FROM audit_events ";

AuditRow audit_from_row(const Row& r) {
  AuditRow a;
  a.seq = r.integer(0);
  a.id = r.text(1);
  a.at = r.integer(2);
  a.actor_id = r.opt_text(3).value_or("");
  a.role = r.opt_text(4).value_or("");
  a.agency_id = r.opt_text(5).value_or("");
  a.action = r.text(6);
  a.entity = r.opt_text(7).value_or("");
  a.entity_id = r.opt_text(8).value_or("");
  a.purpose = r.opt_text(9).value_or("");
  a.outcome = r.text(10);
  a.request_id = r.opt_text(11).value_or("");
  a.details = r.opt_text(12);
  a.prev_hash = r.blob(13);
  a.hash = r.blob(14);
  return a;
}
}  // namespace

void AuditRepository::lock_chain(Tx& tx) {
  // 0x68617665 = "have": one application-wide key for the audit chain head.
  if (tx.backend() == Backend::kPostgres) tx.query("SELECT pg_advisory_xact_lock(1751217765)");
}

std::optional<std::pair<int64_t, Blob>> AuditRepository::head(Tx& tx) {
  auto r = tx.query_one("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1");
  if (!r) return std::nullopt;
  return std::make_pair(r->integer(0), r->blob(1));
}

void AuditRepository::insert(Tx& tx, const AuditRow& a) {
  // Empty strings are stored as they are (not NULL): the hash covers them as empty strings, and
  // verify reads NULL back as empty too, so either way round-trips.
  tx.execute(
      "INSERT INTO audit_events (seq, id, at, actor_id, role, agency_id, action, entity, "
      "entity_id, purpose, outcome, request_id, details, prev_hash, hash) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
      params(a.seq, a.id, a.at, a.actor_id, a.role, a.agency_id, a.action, a.entity, a.entity_id,
             a.purpose, a.outcome, a.request_id, a.details, a.prev_hash, a.hash));
}

void AuditRepository::scan(Database& db, int64_t from_seq, int batch,
                           const std::function<bool(const AuditRow&)>& fn) {
  int64_t next = from_seq;
  while (true) {
    Rows rows = db.read([&](Tx& tx) {
      return tx.query(std::string(kAuditSelect) + "WHERE seq >= $1 ORDER BY seq LIMIT $2",
                      params(next, batch));
    });
    for (const Row& r : rows) {
      AuditRow a = audit_from_row(r);
      next = a.seq + 1;
      if (!fn(a)) return;
    }
    if (static_cast<int>(rows.size()) < batch) return;
  }
}

void AuditRepository::scan_time(Database& db, int64_t from_ms, int64_t to_ms, int batch,
                                const std::function<bool(const AuditRow&)>& fn) {
  int64_t next = 0;
  while (true) {
    Rows rows = db.read([&](Tx& tx) {
      return tx.query(std::string(kAuditSelect) +
                          "WHERE seq >= $1 AND at >= $2 AND at < $3 ORDER BY seq LIMIT $4",
                      params(next, from_ms, to_ms, batch));
    });
    for (const Row& r : rows) {
      AuditRow a = audit_from_row(r);
      next = a.seq + 1;
      if (!fn(a)) return;
    }
    if (static_cast<int>(rows.size()) < batch) return;
  }
}

std::vector<AuditRow> AuditRepository::by_entity(Tx& tx, const std::string& entity,
                                                 const std::string& entity_id, int limit) {
  std::vector<AuditRow> out;
  for (const Row& r :
       tx.query(std::string(kAuditSelect) +
                    "WHERE entity = $1 AND entity_id = $2 ORDER BY seq DESC LIMIT $3",
                params(entity, entity_id, limit)))
    out.push_back(audit_from_row(r));
  return out;
}

std::vector<AuditRow> AuditRepository::search(Tx& tx, const AuditFilter& f, int limit,
                                              int64_t offset) {
  std::string where;
  Params p;
  auto add = [&](const char* condition, Value value) {
    p.push_back(std::move(value));
    where += (where.empty() ? "WHERE " : " AND ") + std::string(condition) + " $" +
             std::to_string(p.size());
  };
  if (!f.actor_id.empty()) add("actor_id =", f.actor_id);
  if (!f.entity.empty()) add("entity =", f.entity);
  if (!f.entity_id.empty()) add("entity_id =", f.entity_id);
  if (!f.action.empty()) add("action =", f.action);
  if (f.from_ms) add("at >=", *f.from_ms);
  if (f.to_ms) add("at <", *f.to_ms);
  p.push_back(int64_t{limit});
  p.push_back(offset);
  const std::string sql = std::string(kAuditSelect) + where + " ORDER BY seq DESC LIMIT $" +
                          std::to_string(p.size() - 1) + " OFFSET $" + std::to_string(p.size());
  std::vector<AuditRow> out;
  for (const Row& r : tx.query(sql, p)) out.push_back(audit_from_row(r));
  return out;
}

int64_t AuditRepository::count(Tx& tx) {
  return tx.query_one("SELECT COUNT(*) FROM audit_events")->integer(0);
}

}  // namespace haven::store
