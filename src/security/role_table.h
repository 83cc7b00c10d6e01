// Which permissions each role holds: loaded from config/roles.toml, with default_roles() as the
// same table compiled in (a test keeps the two equal). Loading validates hard: an unknown role or
// permission, a missing role, or a content permission given to admin, auditor or analyst is refused
// with the file and line, since a typo here silently changes who sees children's records.
#pragma once

#include <array>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "security/permissions.h"

namespace haven::security {

// Immutable after loading; safe to share between threads.
class RoleTable {
 public:
  RoleTable() = default;

  const std::set<std::string>& permissions(Role role) const {
    return entries_[index(role)].permissions;
  }
  const std::string& description(Role role) const { return entries_[index(role)].description; }
  bool has(Role role, std::string_view permission) const;

  // True unless every permission of the role is aggregates.*: every role that can see anything
  // about a person (records, the audit log, user accounts) must sign in with a second factor
  // (TOTP).
  bool requires_second_factor(Role role) const;

  // Same roles with the same permissions (descriptions are not compared).
  bool same_permissions(const RoleTable& other) const;

  // Used by the loader and default_roles().
  void set(Role role, std::string description, std::set<std::string> permissions);

 private:
  struct Entry {
    std::string description;
    std::set<std::string> permissions;
  };
  static size_t index(Role role) { return static_cast<size_t>(role); }
  std::array<Entry, kAllRoles.size()> entries_;
};

// Parses roles.toml:
//   [roles.caseworker]
//   description = "…"
//   permissions = ["case.read", …]
// Every role of kAllRoles must appear exactly once. Errors (kInvalidInput) read "<path>:<line>: …".
core::Result<RoleTable> load_roles(const std::string& path);

// The shipped config/roles.toml, compiled in.
const RoleTable& default_roles();

// The permissions a request actually has: the role's, narrowed to an API token's scopes when the
// request carries a token (scopes that the role does not hold grant nothing).
std::set<std::string> effective_permissions(const std::set<std::string>& role_permissions,
                                            const std::vector<std::string>* token_scopes);

}  // namespace haven::security
