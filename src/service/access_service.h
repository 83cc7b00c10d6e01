// The bridge from users to the one decision point: builds a security::Principal from a user row
// (role permissions narrowed by token scopes, agency kind and country, teams, Barnahus
// invitations) and asks security::decide(). A denial becomes kForbidden (or kNotFound where
// existence must stay hidden) and an audit event; a break-the-glass allow is audited with its
// reason. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "security/policy.h"
#include "security/role_table.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "store/database.h"
#include "store/repositories/user_repository.h"

namespace haven::service {

class AccessService {
 public:
  AccessService(const security::RoleTable& roles, AuditService& audit)
      : roles_(roles), audit_(audit) {}

  // The principal for `user`, inside the caller's transaction (reads agency and teams). Errors
  // (kInternal) if the stored role or agency kind is unknown: a broken row, not a user mistake.
  core::Result<security::Principal> principal_for(store::Tx& tx, const store::UserRow& user,
                                                  const std::vector<std::string>* token_scopes);

  // Asks decide(). Allowed: ok (break-the-glass allows are audited here). Denied: audited
  // ("policy.deny") and returned as kForbidden with the policy's reason, or kNotFound when the
  // decision conceals existence. Never call inside a transaction (it appends to the audit log).
  core::Status authorize(const security::Principal& principal, security::Action action,
                         const security::Resource& resource, const std::string& request_id);

  // The decision alone, neither audited nor turned into an error: for leaving out of a view the
  // records the caller may not see (the view itself is authorized and audited by its service).
  security::Decision check(const security::Principal& principal, security::Action action,
                           const security::Resource& resource) const;

  const security::RoleTable& roles() const { return roles_; }

 private:
  const security::RoleTable& roles_;
  AuditService& audit_;
};

}  // namespace haven::service
