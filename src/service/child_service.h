// Children: read one child with everything registered about them (identity numbers and
// disabilities decrypted for an authorized reader). Registration happens at intake
// (ReportService); reads are audited. Thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/result.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "service/key_service.h"
#include "store/database.h"

namespace haven::service {

class ChildService {
 public:
  ChildService(store::Database& db, AccessService& access, AuditService& audit, KeyService& keys)
      : db_(db), access_(access), audit_(audit), keys_(keys) {}

  // The child as JSON (see docs/openapi.yaml, Child), with the ids of their cases.
  core::Result<nlohmann::json> get(const std::string& child_id, const Actor& actor);

 private:
  store::Database& db_;
  AccessService& access_;
  AuditService& audit_;
  KeyService& keys_;
};

}  // namespace haven::service
