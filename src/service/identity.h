// The identity types services share: who is acting (Actor), what a signed-in request carries
// (Authenticated), and the user as callers see it (UserView, never a hash or secret).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "security/policy.h"

namespace haven::service {

struct UserView {
  std::string id;
  std::string username;
  std::string display_name;
  std::string role;
  std::string agency_id;
  std::string agency_name;
  std::string country;
  std::string status;
  bool totp_enrolled = false;
  bool requires_second_factor = true;
  std::optional<int64_t> last_login_at;
};

// A request that passed authentication.
struct Authenticated {
  enum class Kind { kSession, kApiToken };
  Kind kind = Kind::kSession;
  security::Principal principal;
  UserView user;
  // Sessions: false while the user must still enrol a second factor; such a session may only read
  // /me, enrol TOTP and sign out.
  bool second_factor = true;
  std::string session_hash_hex;  // sessions: for CSRF and logout
  int64_t expires_at = 0;
  std::string token_id;             // API tokens
  std::vector<std::string> scopes;  // API tokens
};

// Who is calling a service method: a signed-in principal (HTTP) or the operator at the command
// line, who already holds the database and so acts as "cli" with no policy check beyond that.
struct Actor {
  std::optional<security::Principal> principal;
  std::string name = "cli";  // audit actor_id when there is no principal
  std::string request_id;
  static Actor cli() { return {}; }
  static Actor of(const Authenticated& a, std::string request_id) {
    return Actor{a.principal, a.principal.user_id, std::move(request_id)};
  }
  std::string actor_id() const { return principal ? principal->user_id : name; }
  std::string role() const {
    return principal ? std::string(security::role_name(principal->role)) : "";
  }
  std::string agency_id() const { return principal ? principal->agency_id : ""; }
};

}  // namespace haven::service
