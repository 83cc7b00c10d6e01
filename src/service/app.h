// The services one haven process offers, wired once at start and shared by http/ and cli/.
// Later issues add their services here (cases, reports, …); the transport layers only see this.
//
// Construction order matters (members are built top to bottom): audit and keys first, because every
// other service reports to the audit log and some encrypt. An App built without a key ring (tests,
// tools that touch no encrypted field) gets a process-local random master key that is never stored;
// `haven serve` always passes the ring KeyService::open_ring() checked against the database.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "security/login_throttle.h"
#include "security/password.h"
#include "security/role_table.h"
#include "security/tokens.h"
#include "service/access_service.h"
#include "service/agency_service.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/health_service.h"
#include "service/key_service.h"
#include "service/user_service.h"
#include "store/database.h"

namespace haven::service {

struct AppOptions {
  KeyRingOpened keys;  // empty: KeyService::ephemeral()
  security::PasswordHashParams password_params = security::PasswordHashParams::standard();
  security::SessionPolicy session_policy;
  security::ThrottlePolicy throttle;
  // Session cookies carry `Secure` (and the __Host- prefix) unless the server listens only on
  // loopback (a laptop demo over plain http://127.0.0.1).
  bool secure_cookies = true;
  // The shipped common-password list; the built-in subset is used if it cannot be read.
  std::string common_passwords_file = "data/security/common-passwords.txt";
  // Role permissions as read from config/roles.toml at start; the shipped defaults when empty.
  std::optional<security::RoleTable> roles;
};

struct App {
  App(store::Database& database, const core::Clock& clk, AppOptions opts = {});
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  store::Database& db;
  const core::Clock& clock;
  AppOptions options;
  HealthService health;
  security::PasswordHasher hasher;
  security::CommonPasswordList common_passwords;
  security::RoleTable roles;
  AuditService audit;
  KeyService keys;
  AccessService access;
  AgencyService agencies;
  UserService users;
  AuthService auth;
};

}  // namespace haven::service
