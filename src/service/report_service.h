// Intake of a report of concern: one request brings the report and either a new child or an
// existing one, and one transaction stores the child, the report and a new case in `reported`
// with the next case number of the agency's country. Authorize → validate (every field error at
// once, country form fields included) → one transaction → audit. Thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/form_registry.h"
#include "service/identity.h"
#include "service/key_service.h"
#include "service/record_history.h"
#include "store/database.h"

namespace haven::service {

struct IntakeResult {
  std::string report_id;
  std::string child_id;
  std::string case_id;
  std::string case_number;
  bool new_child = false;
};

class ReportService {
 public:
  ReportService(store::Database& db, const core::Clock& clock, AccessService& access,
                AuditService& audit, KeyService& keys, RecordHistory& history,
                const FormRegistry& forms)
      : db_(db),
        clock_(clock),
        access_(access),
        audit_(audit),
        keys_(keys),
        history_(history),
        forms_(forms) {}

  // Body: {"report": {…}, "child": {…} | "child_id": "…", "custom_fields": {…} (the case's),
  // "agency_id": "…" (command line only; a signed-in user's agency is their own)}.
  core::Result<IntakeResult> intake(const nlohmann::json& body, const Actor& actor);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  AccessService& access_;
  AuditService& audit_;
  KeyService& keys_;
  RecordHistory& history_;
  const FormRegistry& forms_;
};

}  // namespace haven::service
