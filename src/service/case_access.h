// The one door to a case for every case-scoped service: loads the case row, describes it to the
// access policy as a security::Resource (agency, country, assigned worker, team, restriction,
// author for four eyes), and authorizes an Actor for an action on the case itself or on a record of
// another kind under it (note, assessment, plan, placement, …). Thread-safe.
//
// Use: `auto c = case_access_.authorize(actor, Action::kUpdate, case_id, ResourceKind::kPlan);`
// before the write transaction (authorize appends to the audit log, so never inside one), then
// re-read the row inside the transaction and compare versions.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "security/policy.h"
#include "service/access_service.h"
#include "service/identity.h"
#include "store/database.h"
#include "store/repositories/case_repository.h"

namespace haven::service {

class CaseAccess {
 public:
  CaseAccess(store::Database& db, AccessService& access) : db_(db), access_(access) {}

  // The case row inside the caller's transaction; nullopt if there is none.
  static std::optional<store::CaseRow> load(store::Tx& tx, const std::string& case_id);

  // The policy's view of the case, or of a record of `kind` under it (`record_id` names the
  // record, `record_created_by` its author for four-eyes approval; both may be empty).
  static security::Resource resource_of(const store::CaseRow& c,
                                        security::ResourceKind kind = security::ResourceKind::kCase,
                                        const std::string& record_id = {},
                                        const std::string& record_created_by = {});

  // Loads the case (in its own read transaction) and asks the policy. Errors: kNotFound for a
  // malformed id, a missing case, or one whose existence the policy conceals; kForbidden with the
  // policy's reason. The operator at the command line (Actor::cli()) is allowed.
  core::Result<store::CaseRow> authorize(
      const Actor& actor, security::Action action, const std::string& case_id,
      security::ResourceKind kind = security::ResourceKind::kCase,
      const std::string& record_id = {}, const std::string& record_created_by = {});

  // The same check for a case already loaded.
  core::Status authorize(const Actor& actor, security::Action action, const store::CaseRow& c,
                         security::ResourceKind kind = security::ResourceKind::kCase,
                         const std::string& record_id = {},
                         const std::string& record_created_by = {});

 private:
  store::Database& db_;
  AccessService& access_;
};

}  // namespace haven::service
