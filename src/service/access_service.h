// The bridge from users to the one decision point: builds a security::Principal from a user row
// (role permissions narrowed by token scopes, agency kind and country, teams, Barnahus
// invitations) and asks security::decide(). A denial becomes kForbidden (or kNotFound where
// existence must stay hidden) and an audit event; a break-the-glass allow is audited with its
// reason. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
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
  // A user's Barnahus invitations (in person and through their agency), read and parsed once per
  // generation of barnahus_members (a counter its triggers raise on every write, migration 0019),
  // then shared by every principal of that user until the next change, in any process.
  std::shared_ptr<const security::BarnahusInvitations::Map> invitations_of(
      store::Tx& tx, const std::string& user_id, const std::string& agency_id);

  struct CachedInvitations {
    int64_t generation = -1;
    std::shared_ptr<const security::BarnahusInvitations::Map> map;
  };

  const security::RoleTable& roles_;
  AuditService& audit_;
  std::mutex invitations_mutex_;
  std::map<std::string, CachedInvitations> invitations_;  // by user id and agency id
};

}  // namespace haven::service
