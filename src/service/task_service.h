// Task lists: for a caseworker, the next thing due on each open case assigned to them; for a
// supervisor, every open case of their agency including the plans and closures waiting for their
// approval — domain::build_task_list under the agency country's policy (config/policy).
// Thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/clock.h"
#include "core/result.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "service/policy_registry.h"
#include "store/database.h"

namespace haven::service {

class TaskService {
 public:
  TaskService(store::Database& db, const core::Clock& clock, AccessService& access,
              AuditService& audit, const PolicyRegistry& policies)
      : db_(db), clock_(clock), access_(access), audit_(audit), policies_(policies) {}

  // {"audience": "caseworker"|"supervisor", "tasks": [{kind, case_id, case_number, state,
  // due_date, risk, label}]}, most urgent first.
  core::Result<nlohmann::json> for_actor(const Actor& actor);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  AccessService& access_;
  AuditService& audit_;
  const PolicyRegistry& policies_;
};

}  // namespace haven::service
