// The records of a case's steps, written under the case: the screening decision, assessments
// (completing one sets the case's risk level and adds to its risk history), case plans (drafts
// edited until submitted; a supervisor returns one with a comment — approval itself is the
// lifecycle's approve_plan, in CaseService), reviews (re-rating the risk) and the closure record
// (requested and approved through the lifecycle). Each write authorizes through CaseAccess, checks
// the case is in the step the record belongs to, validates every field (country form fields
// included), and writes record, history and audit in one transaction. Updates name the version
// they read. Thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "service/audit_service.h"
#include "service/case_access.h"
#include "service/case_service.h"
#include "service/form_registry.h"
#include "service/identity.h"
#include "service/key_service.h"
#include "service/record_history.h"
#include "store/database.h"

namespace haven::service {

class CaseRecordService {
 public:
  CaseRecordService(store::Database& db, const core::Clock& clock, CaseAccess& access,
                    AuditService& audit, KeyService& keys, RecordHistory& history,
                    const FormRegistry& forms, CaseService& cases)
      : db_(db),
        clock_(clock),
        access_(access),
        audit_(audit),
        keys_(keys),
        history_(history),
        forms_(forms),
        cases_(cases) {}

  // Each returns the case as CaseService::get does.
  core::Result<nlohmann::json> record_screening(const std::string& case_id,
                                                const nlohmann::json& body, const Actor& actor);
  core::Result<nlohmann::json> create_assessment(const std::string& case_id,
                                                 const nlohmann::json& body, const Actor& actor);
  core::Result<nlohmann::json> update_assessment(const std::string& case_id,
                                                 const std::string& assessment_id,
                                                 const nlohmann::json& body, const Actor& actor);
  core::Result<nlohmann::json> create_plan(const std::string& case_id, const nlohmann::json& body,
                                           const Actor& actor);
  core::Result<nlohmann::json> update_plan(const std::string& case_id, const std::string& plan_id,
                                           const nlohmann::json& body, const Actor& actor);
  // Body {"version" (the plan's), "comment"}: a supervisor sends a submitted plan back.
  core::Result<nlohmann::json> return_plan(const std::string& case_id, const std::string& plan_id,
                                           const nlohmann::json& body, const Actor& actor);
  core::Result<nlohmann::json> create_review(const std::string& case_id, const nlohmann::json& body,
                                             const Actor& actor);
  // Creates the closure record, or updates it (body "version" = the closure's) until requested.
  core::Result<nlohmann::json> put_closure(const std::string& case_id, const nlohmann::json& body,
                                           const Actor& actor);

 private:
  // Runs `work` in a write transaction after checking the case still exists and is in one of
  // `statuses`, then answers with the case view.
  template <class F>
  core::Result<nlohmann::json> write_under_case(const std::string& case_id,
                                                std::initializer_list<const char*> statuses,
                                                const Actor& actor, F&& work);

  store::Database& db_;
  const core::Clock& clock_;
  CaseAccess& access_;
  AuditService& audit_;
  KeyService& keys_;
  RecordHistory& history_;
  const FormRegistry& forms_;
  CaseService& cases_;
};

}  // namespace haven::service
