// Reading and storing users.language.
#include "service/language_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "store/repositories/user_language_repository.h"

namespace haven::service {

bool LanguageService::supported(const std::string& code) const {
  return std::find(supported_.begin(), supported_.end(), code) != supported_.end();
}

std::optional<std::string> LanguageService::preferred(const std::string& user_id) {
  auto lang =
      db_.read([&](store::Tx& tx) { return store::UserLanguageRepository::get(tx, user_id); });
  if (lang && !supported(*lang)) return std::nullopt;
  return lang;
}

core::Status LanguageService::set_preferred(const Authenticated& who, const std::string& language,
                                            const std::string& request_id) {
  if (!supported(language))
    return core::Error::invalid("Choose one of the languages offered.",
                                {{"language", "Choose one of the languages offered."}});
  try {
    return db_.write([&](store::Tx& tx) -> core::Status {
      if (!store::UserLanguageRepository::set(tx, who.user.id, language, clock_.now().ms))
        return core::Error::not_found("The user no longer exists.");
      audit_.record(
          tx, {who.user.id, who.user.role, who.user.agency_id, "user.language", "user", who.user.id,
               "preference", "success", request_id, nlohmann::json{{"language", language}}.dump()});
      return core::ok_status();
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
