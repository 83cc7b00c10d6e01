// SQL for settings.
#include "store/repositories/settings_repository.h"

namespace haven::store {

std::optional<std::string> SettingsRepository::get(Tx& tx, const std::string& key) {
  auto r = tx.query_one("SELECT value FROM settings WHERE key = $1", params(key));
  if (!r) return std::nullopt;
  return r->text(0);
}

void SettingsRepository::put(Tx& tx, const std::string& key, const std::string& value, int64_t now) {
  tx.execute(
      "INSERT INTO settings (key, value, version, created_at, updated_at) VALUES ($1, $2, 1, $3, $3) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = settings.version + 1, "
      "updated_at = excluded.updated_at",
      params(key, value, now));
}

void SettingsRepository::remove(Tx& tx, const std::string& key) {
  tx.execute("DELETE FROM settings WHERE key = $1", params(key));
}

}  // namespace haven::store
