// Storing and reading a record's country form values when some of them are sensitive: the readable
// values stay in the record's `custom_fields` column, the sensitive and special-category ones are
// sealed into one ciphertext per record (store::SensitiveFieldRepository, migration 0008) and
// merged back on read for whoever may read the record. Every service that writes or reads custom
// fields calls these inside its own transaction, so the two parts never disagree.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "security/field_cipher.h"
#include "service/form_registry.h"
#include "service/record_history.h"
#include "store/database.h"

namespace haven::service {

// Where a record's sealed values belong.
struct CustomFieldsOwner {
  std::string_view record_type;  // "child", "report", "case", "assessment", "plan"
  std::string_view record_id;
  std::string_view case_id;  // "" for a child
};

// Seals the sensitive values of a new record (none: nothing is written).
core::Status seal_custom_fields(store::Tx& tx, const security::FieldCipher& cipher,
                                const CustomFieldsOwner& owner, const CustomFieldsCheck& check,
                                int64_t now);

// Stores `check` for a record whose readable part the caller writes to its custom_fields column:
// seals the sensitive values and adds the changes to `changes` for RecordHistory — the readable
// values as "custom_fields", the sensitive ones as "custom_fields_sensitive" (kept only
// encrypted). `old_plain` is the column's previous value, nullopt for a new record.
core::Status store_custom_fields(store::Tx& tx, const security::FieldCipher& cipher,
                                 const CustomFieldsOwner& owner, const CustomFieldsCheck& check,
                                 const std::optional<std::string>& old_plain, int64_t now,
                                 std::vector<FieldChange>& changes);

// The record's custom fields as one object: `plain_json` (the column) with the sealed values of
// `sealed` (nullptr: none) merged in. A ciphertext that does not decrypt is an error, never
// silently dropped.
core::Result<nlohmann::json> open_custom_fields(const security::FieldCipher& cipher,
                                                std::string_view record_id,
                                                std::string_view plain_json,
                                                const store::Blob* sealed);

// Reads one record's sealed values and merges them (one query).
core::Result<nlohmann::json> read_custom_fields(store::Tx& tx, const security::FieldCipher& cipher,
                                                std::string_view record_id,
                                                std::string_view plain_json);

}  // namespace haven::service
