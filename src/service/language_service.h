// The page language each user chose, remembered across sessions and devices (users.language).
// Only the signed-in user themself reads or changes theirs, so there is no policy question beyond
// being signed in; the change is audited like any other change to a user. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "store/database.h"

namespace haven::service {

class LanguageService {
 public:
  // `supported`: the language codes the pages have catalogs for.
  LanguageService(store::Database& db, const core::Clock& clock, AuditService& audit,
                  std::vector<std::string> supported)
      : db_(db), clock_(clock), audit_(audit), supported_(std::move(supported)) {}

  // The user's chosen language, or nullopt if they have not chosen (or it is no longer supported).
  std::optional<std::string> preferred(const std::string& user_id);
  // Errors: kInvalidInput (field "language") for an unsupported code.
  core::Status set_preferred(const Authenticated& who, const std::string& language,
                             const std::string& request_id);

 private:
  bool supported(const std::string& code) const;
  store::Database& db_;
  const core::Clock& clock_;
  AuditService& audit_;
  std::vector<std::string> supported_;
};

}  // namespace haven::service
