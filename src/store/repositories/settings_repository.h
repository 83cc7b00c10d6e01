// Instance-wide settings (key → text value) as rows: the key fingerprint, the active data-key id and
// the state of a key rotation live here, so every process sharing the database sees the same.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/database.h"

namespace haven::store {

class SettingsRepository {
 public:
  static std::optional<std::string> get(Tx& tx, const std::string& key);
  static void put(Tx& tx, const std::string& key, const std::string& value, int64_t now);
  static void remove(Tx& tx, const std::string& key);
};

}  // namespace haven::store
