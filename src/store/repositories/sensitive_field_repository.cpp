// SQL for the sealed values of sensitive country form fields.
#include "store/repositories/sensitive_field_repository.h"

namespace haven::store {

void SensitiveFieldRepository::put(Tx& tx, const std::string& record_id,
                                   const std::string& record_type, const std::string& case_id,
                                   const Blob& values_ct, int64_t now) {
  tx.execute(
      "INSERT INTO sensitive_custom_fields (record_id, record_type, case_id, values_ct, version, "
      "created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $5) "
      "ON CONFLICT (record_id) DO UPDATE SET values_ct = excluded.values_ct, "
      "updated_at = excluded.updated_at, version = sensitive_custom_fields.version + 1",
      params(record_id, record_type,
             case_id.empty() ? std::optional<std::string>() : std::optional(case_id), values_ct,
             now));
}

void SensitiveFieldRepository::remove(Tx& tx, const std::string& record_id) {
  tx.execute("DELETE FROM sensitive_custom_fields WHERE record_id = $1", params(record_id));
}

std::optional<Blob> SensitiveFieldRepository::find(Tx& tx, const std::string& record_id) {
  auto row = tx.query_one("SELECT values_ct FROM sensitive_custom_fields WHERE record_id = $1",
                          params(record_id));
  if (!row) return std::nullopt;
  return row->blob(0);
}

std::map<std::string, Blob> SensitiveFieldRepository::for_case(Tx& tx, const std::string& case_id) {
  std::map<std::string, Blob> out;
  for (const auto& r :
       tx.query("SELECT record_id, values_ct FROM sensitive_custom_fields WHERE case_id = $1",
                params(case_id)))
    out.emplace(r.text(0), r.blob(1));
  return out;
}

}  // namespace haven::store
