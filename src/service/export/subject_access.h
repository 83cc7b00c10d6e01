// The subject-access export (GDPR art. 15, [F5] item 4): everything haven holds about one child —
// the child record, the people around them and their relationships, reports, cases with every
// record under them, the change history, and the audit events about the child — as one JSON
// bundle, with third parties redacted (docs/EXPORT.md says exactly what), and a print-friendly HTML
// summary of the same bundle. Only a role holding "child.export" for the child's agency may run it
// (security::decide on the child); it is audited as a disclosure. Thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/case_access.h"
#include "service/case_service.h"
#include "service/identity.h"
#include "service/key_service.h"
#include "store/database.h"

namespace haven::service {

// The parts a supervisor may withhold under a legal restriction of the right of access (GDPR art.
// 23 as national law applies it: an ongoing investigation, the child's own protection). Each
// withheld part is named, with its legal basis, in the bundle and in the audit event.
inline constexpr const char* kWithholdableParts[] = {
    "reports", "assessments", "notes", "participation", "documents", "history", "access_log"};

struct SubjectAccessRequest {
  std::vector<std::string> withhold;  // parts from kWithholdableParts
  std::string legal_basis;            // required (≥ 10 characters) when anything is withheld
  std::string format = "json";        // "json" or "html": recorded in the audit event
};

class SubjectAccessService {
 public:
  SubjectAccessService(store::Database& db, const core::Clock& clock, AccessService& access,
                       CaseAccess& case_access, AuditService& audit, KeyService& keys,
                       CaseService& cases)
      : db_(db),
        clock_(clock),
        access_(access),
        case_access_(case_access),
        audit_(audit),
        keys_(keys),
        cases_(cases) {}

  // The bundle (see docs/EXPORT.md). Errors: kNotFound (no such child, or one whose existence the
  // policy conceals), kForbidden (a role or agency that may not export it).
  // kInvalidInput for an unknown part or a missing legal basis.
  core::Result<nlohmann::json> bundle(const std::string& child_id,
                                      const SubjectAccessRequest& request, const Actor& actor);

  // The bundle as a self-contained, print-friendly HTML page (no scripts, inline CSS).
  static std::string render_html(const nlohmann::json& bundle);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  AccessService& access_;
  CaseAccess& case_access_;
  AuditService& audit_;
  KeyService& keys_;
  CaseService& cases_;
};

}  // namespace haven::service
