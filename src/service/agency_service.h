// Agencies (the organisations users belong to): create and list, with validation of kind and
// country and an audit event per change. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "store/database.h"
#include "store/repositories/agency_repository.h"

namespace haven::service {

struct NewAgency {
  std::string name;
  std::string kind;     // security::agency_kind_name: "child_protection", "police", …
  std::string country;  // "SE"
};

class AgencyService {
 public:
  AgencyService(store::Database& db, const core::Clock& clock, AccessService& access,
                AuditService& audit)
      : db_(db), clock_(clock), access_(access), audit_(audit) {}

  core::Result<store::AgencyRow> create(const NewAgency& agency, const Actor& actor);
  core::Result<std::vector<store::AgencyRow>> list(const Actor& actor);
  // By id, or by exact name (must be unique); kNotFound / kInvalidInput (ambiguous) otherwise.
  core::Result<store::AgencyRow> resolve(const std::string& id_or_name);

 private:
  core::Status authorize(const Actor& actor);
  store::Database& db_;
  const core::Clock& clock_;
  AccessService& access_;
  AuditService& audit_;
};

}  // namespace haven::service
