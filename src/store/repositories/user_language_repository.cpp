// SQL for users.language.
#include "store/repositories/user_language_repository.h"

namespace haven::store {

std::optional<std::string> UserLanguageRepository::get(Tx& tx, const std::string& user_id) {
  auto row =
      tx.query_one("SELECT language FROM users WHERE id = $1 AND language_chosen_at IS NOT NULL",
                   params(user_id));
  if (!row || row->is_null(0)) return std::nullopt;
  return row->text(0);
}

bool UserLanguageRepository::set(Tx& tx, const std::string& user_id, const std::string& language,
                                 int64_t now) {
  return tx.execute(
             "UPDATE users SET language = $2, language_chosen_at = $3, updated_at = $3 "
             "WHERE id = $1",
             params(user_id, language, now)) == 1;
}

}  // namespace haven::store
