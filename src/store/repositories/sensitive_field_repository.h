// The sealed values of country form fields marked sensitive (table sensitive_custom_fields,
// migration 0008): one ciphertext per record, written and read by the services that own the record
// through service/custom_fields.h. Storage only; the ciphertext is opaque here.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "store/database.h"

namespace haven::store {

class SensitiveFieldRepository {
 public:
  // Stores (or replaces) the ciphertext of `record_id`; `case_id` may be "" (a child's values).
  static void put(Tx& tx, const std::string& record_id, const std::string& record_type,
                  const std::string& case_id, const Blob& values_ct, int64_t now);
  // Removes the record's sealed values (its sensitive fields were all cleared).
  static void remove(Tx& tx, const std::string& record_id);
  static std::optional<Blob> find(Tx& tx, const std::string& record_id);
  // Every sealed value of the records under one case, by record id: one query for a case view.
  static std::map<std::string, Blob> for_case(Tx& tx, const std::string& case_id);
};

}  // namespace haven::store
