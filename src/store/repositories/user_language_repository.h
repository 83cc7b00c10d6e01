// The page language a user chose (users.language, counted as a choice once
// users.language_chosen_at is set, migration 0005): the SQL behind
// service::LanguageService. Kept apart from UserRepository because only the pages use it.
#pragma once

#include <optional>
#include <string>

#include "store/database.h"

namespace haven::store {

class UserLanguageRepository {
 public:
  // The chosen language code, or nullopt if the user has not chosen one (or does not exist).
  static std::optional<std::string> get(Tx& tx, const std::string& user_id);
  // Stores `language`; false if the user does not exist.
  static bool set(Tx& tx, const std::string& user_id, const std::string& language, int64_t now);
};

}  // namespace haven::store
