// SQL for break-the-glass reads and their acknowledgements.
#include "store/repositories/break_glass_repository.h"

namespace haven::store {

namespace {

constexpr const char* kBreakGlassSelect =
    "SELECT e.seq, e.id, e.at, e.actor_id, r.username, r.display_name, e.role, e.agency_id, "
    "e.entity, e.entity_id, e.purpose, e.details, e.request_id, k.acknowledged_by, a.username, "
    "k.acknowledged_at "
    "FROM audit_events e "
    "LEFT JOIN users r ON r.id = e.actor_id "
    "LEFT JOIN break_glass_acknowledgements k ON k.event_id = e.id "
    "LEFT JOIN users a ON a.id = k.acknowledged_by "
    "WHERE e.action = $1 ";

BreakGlassRow break_glass_from_row(const Row& r) {
  BreakGlassRow b;
  b.seq = r.integer(0);
  b.event_id = r.text(1);
  b.at = r.integer(2);
  b.reader_id = r.opt_text(3).value_or("");
  b.reader_username = r.opt_text(4).value_or("");
  b.reader_display_name = r.opt_text(5).value_or("");
  b.reader_role = r.opt_text(6).value_or("");
  b.agency_id = r.opt_text(7).value_or("");
  b.entity = r.opt_text(8).value_or("");
  b.entity_id = r.opt_text(9).value_or("");
  b.reason = r.opt_text(10).value_or("");
  b.details = r.opt_text(11);
  b.request_id = r.opt_text(12).value_or("");
  b.acknowledged_by = r.opt_text(13);
  b.acknowledged_by_username = r.opt_text(14).value_or("");
  b.acknowledged_at = r.opt_integer(15);
  return b;
}

}  // namespace

std::vector<BreakGlassRow> BreakGlassRepository::list(Tx& tx, const BreakGlassQuery& q) {
  // The conditions are chosen from fixed text; every value is a parameter.
  std::string sql = kBreakGlassSelect;
  Params p = params(std::string(kBreakGlassAction));
  auto next = [&] { return "$" + std::to_string(p.size() + 1); };
  if (!q.agency_id.empty()) {
    sql += "AND e.agency_id = " + next() + " ";
    p.push_back(Value{q.agency_id});
  }
  if (q.before_seq) {
    sql += "AND e.seq < " + next() + " ";
    p.push_back(Value{*q.before_seq});
  }
  if (q.acknowledged)
    sql += *q.acknowledged ? "AND k.event_id IS NOT NULL " : "AND k.event_id IS NULL ";
  sql += "ORDER BY e.seq DESC LIMIT " + next();
  p.push_back(Value{int64_t{q.limit}});
  std::vector<BreakGlassRow> out;
  for (const Row& r : tx.query(sql, p)) out.push_back(break_glass_from_row(r));
  return out;
}

int64_t BreakGlassRepository::count_unacknowledged(Tx& tx, const std::string& agency_id) {
  constexpr const char* kCount =
      "SELECT COUNT(*) FROM audit_events e "
      "LEFT JOIN break_glass_acknowledgements k ON k.event_id = e.id "
      "WHERE e.action = $1 AND k.event_id IS NULL ";
  std::optional<Row> r = agency_id.empty()
                             ? tx.query_one(kCount, params(std::string(kBreakGlassAction)))
                             : tx.query_one(std::string(kCount) + "AND e.agency_id = $2",
                                            params(std::string(kBreakGlassAction), agency_id));
  return r ? r->integer(0) : 0;
}

std::optional<BreakGlassRow> BreakGlassRepository::find(Tx& tx, const std::string& event_id) {
  auto r = tx.query_one(std::string(kBreakGlassSelect) + "AND e.id = $2",
                        params(std::string(kBreakGlassAction), event_id));
  if (!r) return std::nullopt;
  return break_glass_from_row(*r);
}

bool BreakGlassRepository::acknowledge(Tx& tx, const std::string& event_id,
                                       const std::string& user_id, int64_t now) {
  return tx.execute(
             "INSERT INTO break_glass_acknowledgements (event_id, acknowledged_by, "
             "acknowledged_at, "
             "version, created_at, updated_at) VALUES ($1, $2, $3, 1, $3, $3) "
             "ON CONFLICT (event_id) DO NOTHING",
             params(event_id, user_id, now)) > 0;
}

}  // namespace haven::store
