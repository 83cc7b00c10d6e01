// Loading a case and asking the policy about it.
#include "service/case_access.h"

#include "core/id.h"

namespace haven::service {

std::optional<store::CaseRow> CaseAccess::load(store::Tx& tx, const std::string& case_id) {
  if (!core::is_valid_id(case_id)) return std::nullopt;
  return store::CaseRepository::find(tx, case_id);
}

security::Resource CaseAccess::resource_of(const store::CaseRow& c, security::ResourceKind kind,
                                           const std::string& record_id,
                                           const std::string& record_created_by) {
  security::Resource r;
  r.kind = kind;
  r.id = record_id.empty() ? c.id : record_id;
  r.owning_agency_id = c.agency_id;
  r.country = c.country;
  r.assigned_worker_id = c.assigned_worker_id.value_or("");
  r.team_id = c.team_id.value_or("");
  r.sensitivity =
      c.restricted ? security::Sensitivity::kRestricted : security::Sensitivity::kNormal;
  r.created_by = record_created_by.empty() && kind == security::ResourceKind::kCase
                     ? c.created_by
                     : record_created_by;
  return r;
}

core::Result<store::CaseRow> CaseAccess::authorize(const Actor& actor, security::Action action,
                                                   const std::string& case_id,
                                                   security::ResourceKind kind,
                                                   const std::string& record_id,
                                                   const std::string& record_created_by) {
  std::optional<store::CaseRow> c;
  try {
    c = db_.read([&](store::Tx& tx) { return load(tx, case_id); });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  if (!c) return core::Error::not_found("No such case.");
  HAVEN_TRY(authorize(actor, action, *c, kind, record_id, record_created_by));
  return std::move(*c);
}

core::Status CaseAccess::authorize(const Actor& actor, security::Action action,
                                   const store::CaseRow& c, security::ResourceKind kind,
                                   const std::string& record_id,
                                   const std::string& record_created_by) {
  if (!actor.principal) return core::ok_status();
  return access_.authorize(*actor.principal, action,
                           resource_of(c, kind, record_id, record_created_by), actor.request_id);
}

}  // namespace haven::service
