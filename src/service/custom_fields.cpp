// Sealing and opening the sensitive part of a record's country form values.
#include "service/custom_fields.h"

#include "store/repositories/sensitive_field_repository.h"

namespace haven::service {

namespace {
constexpr std::string_view kCustomFieldsTable = "sensitive_custom_fields";
constexpr std::string_view kCustomFieldsColumn = "values_ct";
}  // namespace

core::Status seal_custom_fields(store::Tx& tx, const security::FieldCipher& cipher,
                                const CustomFieldsOwner& owner, const CustomFieldsCheck& check,
                                int64_t now) {
  const std::string id(owner.record_id);
  if (check.sensitive_json.empty()) return core::ok_status();  // a new record: nothing to clear
  auto ct = cipher.encrypt(check.sensitive_json,
                           {kCustomFieldsTable, kCustomFieldsColumn, owner.record_id});
  if (!ct.ok()) return ct.take_error();
  store::SensitiveFieldRepository::put(tx, id, std::string(owner.record_type),
                                       std::string(owner.case_id), store::Blob{std::move(*ct)},
                                       now);
  return core::ok_status();
}

core::Status store_custom_fields(store::Tx& tx, const security::FieldCipher& cipher,
                                 const CustomFieldsOwner& owner, const CustomFieldsCheck& check,
                                 const std::optional<std::string>& old_plain, int64_t now,
                                 std::vector<FieldChange>& changes) {
  const std::string id(owner.record_id);
  std::optional<std::string> old_sealed;
  if (old_plain) {  // an update: what was sealed before, for the history
    if (auto sealed = store::SensitiveFieldRepository::find(tx, id)) {
      auto plain =
          cipher.decrypt(sealed->bytes, {kCustomFieldsTable, kCustomFieldsColumn, owner.record_id});
      if (!plain.ok()) return plain.take_error();
      old_sealed = std::string(plain->view());
    }
  }
  auto none_if_empty = [](const std::optional<std::string>& json) -> std::optional<std::string> {
    if (!json || json->empty() || *json == "{}") return std::nullopt;
    return json;
  };
  RecordHistory::diff(changes, "custom_fields", none_if_empty(old_plain),
                      none_if_empty(check.json));
  RecordHistory::diff(changes, "custom_fields_sensitive", old_sealed,
                      none_if_empty(check.sensitive_json), true);
  if (old_sealed && check.sensitive_json.empty()) {  // every sensitive value was cleared
    store::SensitiveFieldRepository::remove(tx, std::string(owner.record_id));
    return core::ok_status();
  }
  return seal_custom_fields(tx, cipher, owner, check, now);
}

core::Result<nlohmann::json> open_custom_fields(const security::FieldCipher& cipher,
                                                std::string_view record_id,
                                                std::string_view plain_json,
                                                const store::Blob* sealed) {
  nlohmann::json out = nlohmann::json::parse(plain_json, nullptr, false);
  if (!out.is_object()) out = nlohmann::json::object();
  if (!sealed) return out;
  auto plain = cipher.decrypt(sealed->bytes, {kCustomFieldsTable, kCustomFieldsColumn, record_id});
  if (!plain.ok()) return plain.take_error();
  nlohmann::json values = nlohmann::json::parse(plain->view(), nullptr, false);
  if (values.is_object())
    for (auto& [key, value] : values.items()) out[key] = std::move(value);
  return out;
}

core::Result<nlohmann::json> read_custom_fields(store::Tx& tx, const security::FieldCipher& cipher,
                                                std::string_view record_id,
                                                std::string_view plain_json) {
  auto sealed = store::SensitiveFieldRepository::find(tx, std::string(record_id));
  return open_custom_fields(cipher, record_id, plain_json, sealed ? &*sealed : nullptr);
}

}  // namespace haven::service
