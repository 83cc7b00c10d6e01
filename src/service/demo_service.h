// Demo mode: a database created by `haven demo` is marked as a demo database (settings row
// instance.demo), and only such a database gets the demo users — one per role, with a known
// password and a pre-enrolled TOTP secret — so that trying haven needs no set-up, and a real
// installation can never acquire accounts whose passwords are printed in the README. The server
// asks is_demo() to show the "demo data" banner and to print the demo logins at start. Thread-safe.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "security/secret.h"
#include "service/agency_service.h"
#include "service/audit_service.h"
#include "service/key_service.h"
#include "service/user_service.h"
#include "store/database.h"

namespace haven::service {

inline constexpr const char* kDemoSetting = "instance.demo";
// The password of every demo user (README, "Demo logins"). Never used outside a demo database.
inline constexpr const char* kDemoPassword = "harbour lantern demo 2026";

struct DemoUser {
  const char* username;
  const char* role;
  const char* agency_kind;  // where the user works (security::agency_kind_name)
  const char* display_name;
  bool on_team;  // member of the demo team of the child protection agency
};
// demo-caseworker, demo-caseworker2, demo-supervisor, demo-coordinator (Barnahus),
// demo-police and demo-paediatrician (mdt_member), demo-contact-point, demo-analyst, demo-admin,
// demo-auditor.
const std::vector<DemoUser>& demo_users();

struct DemoLogin {
  std::string username;
  std::string role;
  std::string display_name;
  std::string agency;
  std::string password;
  security::Secret totp_secret_base32;  // empty if the user's second factor was reset since
  security::Secret otpauth_uri;
};

class DemoService {
 public:
  DemoService(store::Database& db, const core::Clock& clock, AuditService& audit, KeyService& keys,
              AgencyService& agencies, UserService& users)
      : db_(db), clock_(clock), audit_(audit), keys_(keys), agencies_(agencies), users_(users) {}

  // True once the database is marked as a demo database (never unmarked, so a true is cached).
  bool is_demo() const;

  // OK if the database is a demo database already or holds nothing yet (no users, agencies or
  // children): what `haven demo` checks before generating. kConflict otherwise, saying why.
  core::Status check_can_become_demo() const;
  // Marks the database as a demo database (audited). kConflict if it has users and is not one.
  core::Status mark_demo(const std::string& country);

  // Creates the demo users that do not exist yet, in the agencies of `country` the generator made
  // (child protection, police, Barnahus; a national contact point agency is added; a missing one
  // is created), with kDemoPassword and a confirmed TOTP secret, and the caseworkers and the
  // supervisor in one team. kConflict in a database that is not a demo database.
  core::Result<std::vector<DemoLogin>> create_users(const std::string& country);

  // Gives the demo caseworkers a caseload in the generated child protection agency of `country`:
  // open cases across the lifecycle's states (the longest open ones, often overdue, and the most
  // recent), assigned to them and the demo team, their plans in planning submitted and waiting for
  // the demo supervisor, and the generated records' placeholder authors replaced by the demo
  // users. Does nothing when the demo caseworker already has cases. Returns the cases assigned.
  // kConflict in a database that is not a demo database; kNotFound without the demo users.
  core::Result<int64_t> assign_caseload(const std::string& country);

  // Every demo user that exists, with the TOTP secret decrypted; empty if not a demo database.
  core::Result<std::vector<DemoLogin>> logins() const;

 private:
  store::Database& db_;
  const core::Clock& clock_;
  AuditService& audit_;
  KeyService& keys_;
  AgencyService& agencies_;
  UserService& users_;
  mutable std::atomic<bool> known_demo_{false};
};

// The demo logins as the console shows them (haven demo, haven serve).
std::string format_demo_logins(const std::vector<DemoLogin>& logins);

}  // namespace haven::service
