// SQL for record_history.
#include "store/repositories/record_history_repository.h"

namespace haven::store {

namespace {
constexpr const char* kRecordHistorySelect =
    "SELECT id, entity, entity_id, entity_version, field, old_value, new_value, old_value_ct, "
    "new_value_ct, changed_by, changed_at, request_id, case_id FROM record_history ";

RecordHistoryRow record_history_from_row(const Row& r) {
  RecordHistoryRow h;
  h.id = r.text(0);
  h.entity = r.text(1);
  h.entity_id = r.text(2);
  h.entity_version = r.integer(3);
  h.field = r.text(4);
  h.old_value = r.opt_text(5);
  h.new_value = r.opt_text(6);
  if (!r.is_null(7)) h.old_value_ct = r.blob(7);
  if (!r.is_null(8)) h.new_value_ct = r.blob(8);
  h.changed_by = r.opt_text(9).value_or("");
  h.changed_at = r.integer(10);
  h.request_id = r.opt_text(11).value_or("");
  h.case_id = r.opt_text(12).value_or("");
  return h;
}

}  // namespace

void RecordHistoryRepository::insert(Tx& tx, const RecordHistoryRow& h) {
  Params p =
      params(h.id, h.entity, h.entity_id, h.entity_version, h.field, h.old_value, h.new_value);
  p.push_back(h.old_value_ct ? Value(*h.old_value_ct) : Value(std::monostate{}));
  p.push_back(h.new_value_ct ? Value(*h.new_value_ct) : Value(std::monostate{}));
  p.push_back(h.changed_by);
  p.push_back(h.changed_at);
  p.push_back(h.request_id.empty() ? Value(std::monostate{}) : Value(h.request_id));
  p.push_back(h.case_id.empty() ? Value(std::monostate{}) : Value(h.case_id));
  tx.execute(
      "INSERT INTO record_history (id, entity, entity_id, entity_version, field, old_value, "
      "new_value, old_value_ct, new_value_ct, changed_by, changed_at, request_id, case_id) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
      p);
}

std::vector<RecordHistoryRow> RecordHistoryRepository::for_entity(Tx& tx, const std::string& entity,
                                                                  const std::string& entity_id) {
  std::vector<RecordHistoryRow> out;
  for (const Row& r : tx.query(std::string(kRecordHistorySelect) +
                                   "WHERE entity = $1 AND entity_id = $2 ORDER BY changed_at, id",
                               params(entity, entity_id)))
    out.push_back(record_history_from_row(r));
  return out;
}

std::vector<RecordHistoryRow> RecordHistoryRepository::for_case(Tx& tx, const std::string& case_id,
                                                                int limit) {
  std::vector<RecordHistoryRow> out;
  for (const Row& r : tx.query(std::string(kRecordHistorySelect) +
                                   "WHERE case_id = $1 ORDER BY changed_at, id LIMIT $2",
                               params(case_id, limit)))
    out.push_back(record_history_from_row(r));
  return out;
}

std::vector<RecordHistoryRow> RecordHistoryRepository::newest_for_case(Tx& tx,
                                                                       const std::string& case_id,
                                                                       int limit) {
  std::vector<RecordHistoryRow> out;
  for (const Row& r : tx.query(std::string(kRecordHistorySelect) +
                                   "WHERE case_id = $1 ORDER BY changed_at DESC, id DESC LIMIT $2",
                               params(case_id, limit)))
    out.push_back(record_history_from_row(r));
  return out;
}

}  // namespace haven::store
