// Users: creation with the password policy, listing, password reset (which signs the user out
// everywhere), and TOTP enrolment (a new secret, encrypted at rest, confirmed by a first code,
// which yields ten recovery codes shown once). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "security/password.h"
#include "security/recovery_codes.h"
#include "security/totp.h"
#include "service/access_service.h"
#include "service/agency_service.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "service/key_service.h"
#include "store/database.h"

namespace haven::service {

struct NewUser {
  std::string username;
  std::string display_name;  // defaults to the username
  std::string role;          // security::role_name
  std::string agency;        // id or unique name
  std::string password;      // checked against the password policy; wiped by the caller
};

// Normalised form of a typed username: surrounding spaces removed, ASCII lower-cased.
std::string normalize_username(std::string_view typed);

class UserService {
 public:
  UserService(store::Database& db, const core::Clock& clock, AccessService& access,
              AuditService& audit, AgencyService& agencies, KeyService& keys,
              const security::PasswordHasher& hasher, const security::CommonPasswordList& common)
      : db_(db),
        clock_(clock),
        access_(access),
        audit_(audit),
        agencies_(agencies),
        keys_(keys),
        hasher_(hasher),
        common_(common) {}

  core::Result<UserView> create(const NewUser& user, const Actor& actor);
  core::Result<std::vector<UserView>> list(const Actor& actor);
  // Sets a new password (policy checked) and ends every session of the user.
  core::Status reset_password(const std::string& username, const std::string& new_password,
                              const Actor& actor);
  core::Result<UserView> view(const std::string& user_id);
  core::Result<int64_t> count();

  // Enrolment, by the signed-in user themself: a new secret (replacing an unconfirmed one).
  // Refused (kConflict) once a second factor is confirmed: resetting it is an administrator's job.
  core::Result<security::TotpEnrollment> begin_totp_enrollment(const Authenticated& who);
  // Confirms with a first code; returns the ten recovery codes to show once.
  core::Result<std::vector<security::Secret>> confirm_totp(const Authenticated& who,
                                                           std::string_view code);

  // The TOTP secret of a user, decrypted (for sign-in). kNotFound if none.
  core::Result<security::Secret> totp_secret(const std::string& user_id,
                                             const store::Blob& ciphertext) const;
  security::RecoveryCodes recovery_codes() const {
    return security::RecoveryCodes(keys_.purpose_key("havenrcv"));
  }

 private:
  core::Status authorize(const Actor& actor);
  store::Database& db_;
  const core::Clock& clock_;
  AccessService& access_;
  AuditService& audit_;
  AgencyService& agencies_;
  KeyService& keys_;
  const security::PasswordHasher& hasher_;
  const security::CommonPasswordList& common_;
};

UserView to_view(const store::UserRow& user, const store::AgencyRow* agency,
                 const security::RoleTable& roles);

}  // namespace haven::service
