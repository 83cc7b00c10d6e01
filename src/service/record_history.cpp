// Writing and reading record_history, with encryption of sensitive values bound to each row.
#include "service/record_history.h"

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "store/repositories/record_history_repository.h"

namespace haven::service {

namespace {
constexpr const char* kRecordHistoryTable = "record_history";

core::Result<std::optional<std::string>> open(const security::FieldCipher& cipher,
                                              const std::optional<store::Blob>& ct,
                                              const char* column, const std::string& row_id) {
  if (!ct) return std::optional<std::string>{};
  auto plain = cipher.decrypt(ct->bytes, {kRecordHistoryTable, column, row_id});
  if (!plain.ok()) return plain.take_error();
  return std::optional<std::string>(std::string(plain->view()));
}

// No value, or one that holds nothing: an empty text, list or object.
bool holds_nothing(const std::optional<std::string>& value) {
  return !value || value->empty() || *value == "[]" || *value == "{}";
}

core::Result<std::vector<HistoryEntry>> to_entries(
    const security::FieldCipher& cipher, const std::vector<store::RecordHistoryRow>& rows) {
  std::vector<HistoryEntry> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    HistoryEntry e{r.id,        r.entity, r.entity_id,  r.entity_version, r.field,     r.old_value,
                   r.new_value, false,    r.changed_by, r.changed_at,     r.request_id};
    if (r.old_value_ct || r.new_value_ct) {
      e.sensitive = true;
      auto o = open(cipher, r.old_value_ct, "old_value_ct", r.id);
      if (!o.ok()) return o.take_error();
      auto n = open(cipher, r.new_value_ct, "new_value_ct", r.id);
      if (!n.ok()) return n.take_error();
      e.old_value = std::move(*o);
      e.new_value = std::move(*n);
    }
    out.push_back(std::move(e));
  }
  return out;
}
}  // namespace

void RecordHistory::diff(std::vector<FieldChange>& out, std::string_view field,
                         const std::optional<std::string>& old_value,
                         const std::optional<std::string>& new_value, bool sensitive) {
  if (old_value == new_value) return;
  out.push_back({std::string(field), old_value, new_value, sensitive});
}

core::Status RecordHistory::record(store::Tx& tx, const Actor& actor, const HistoryTarget& target,
                                   const std::vector<FieldChange>& changes) {
  const auto now = clock_.now();
  const security::FieldCipher cipher = keys_.cipher();
  for (const FieldChange& c : changes) {
    // A field given nothing when its record is made (services file "" or [] for it), or one
    // cleared that held nothing: no reader would see a change. A sensitive one would otherwise
    // read "changed" for ever, since its values are never shown.
    if (c.old_value == c.new_value || (holds_nothing(c.old_value) && holds_nothing(c.new_value)))
      continue;
    store::RecordHistoryRow row;
    row.id = core::new_id(now);
    row.entity = target.entity;
    row.entity_id = target.entity_id;
    row.entity_version = target.version;
    row.field = c.field;
    row.changed_by = actor.actor_id();
    row.changed_at = now.ms;
    row.request_id = actor.request_id;
    row.case_id = target.case_id;
    if (c.sensitive) {
      if (c.old_value) {
        auto ct = cipher.encrypt(*c.old_value, {kRecordHistoryTable, "old_value_ct", row.id});
        if (!ct.ok()) return ct.take_error();
        row.old_value_ct = store::Blob{std::move(*ct)};
      }
      if (c.new_value) {
        auto ct = cipher.encrypt(*c.new_value, {kRecordHistoryTable, "new_value_ct", row.id});
        if (!ct.ok()) return ct.take_error();
        row.new_value_ct = store::Blob{std::move(*ct)};
      }
    } else {
      row.old_value = c.old_value;
      row.new_value = c.new_value;
    }
    store::RecordHistoryRepository::insert(tx, row);
  }
  return core::ok_status();
}

core::Result<std::vector<HistoryEntry>> RecordHistory::read_case(store::Tx& tx,
                                                                 const std::string& case_id,
                                                                 int limit) const {
  return to_entries(keys_.cipher(), store::RecordHistoryRepository::for_case(tx, case_id, limit));
}

core::Result<std::vector<HistoryEntry>> RecordHistory::read_entity(
    store::Tx& tx, const std::string& entity, const std::string& entity_id) const {
  return to_entries(keys_.cipher(),
                    store::RecordHistoryRepository::for_entity(tx, entity, entity_id));
}

std::string history_entry_json(const HistoryEntry& e) {
  nlohmann::json j{{"id", e.id},
                   {"entity", e.entity},
                   {"entity_id", e.entity_id},
                   {"version", e.version},
                   {"field", e.field},
                   {"old_value", e.old_value ? nlohmann::json(*e.old_value) : nlohmann::json()},
                   {"new_value", e.new_value ? nlohmann::json(*e.new_value) : nlohmann::json()},
                   {"sensitive", e.sensitive},
                   {"changed_by", e.changed_by},
                   {"changed_at", e.changed_at},
                   {"request_id", e.request_id}};
  return j.dump();
}

}  // namespace haven::service
