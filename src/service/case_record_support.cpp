// Shared checks of the services for records under a case.
#include "service/case_record_support.h"

#include "domain/case_types.h"

namespace haven::service {

core::Result<std::string> decrypt_text(const security::FieldCipher& cipher,
                                       const std::optional<store::Blob>& ct, const char* table,
                                       const char* column, const std::string& id) {
  if (!ct) return std::string();
  auto plain = cipher.decrypt(ct->bytes, {table, column, id});
  if (!plain.ok()) return plain.take_error();
  return std::string(plain->view());
}

namespace {
bool related(const security::Principal& p, const store::CaseRow& c) {
  return c.agency_id == p.agency_id || c.assigned_worker_id.value_or("") == p.user_id;
}
}  // namespace

core::Result<store::CaseRow> authorize_case_record(store::Database& db, CaseAccess& access,
                                                   const Actor& actor, security::Action action,
                                                   const std::string& case_id,
                                                   security::ResourceKind kind,
                                                   const std::string& record_id) {
  auto loaded = read_tx(db, [&](store::Tx& tx) -> core::Result<std::optional<store::CaseRow>> {
    return CaseAccess::load(tx, case_id);
  });
  if (!loaded.ok()) return loaded.take_error();
  if (!*loaded) return core::Error::not_found("No such case.");
  const store::CaseRow& c = **loaded;
  core::Status allowed = access.authorize(actor, action, c, kind, record_id);
  if (allowed.ok()) return c;
  if (allowed.error().code != core::ErrorCode::kForbidden || !actor.principal)
    return allowed.take_error();
  const security::Principal& p = *actor.principal;
  if (related(p, c)) return allowed.take_error();
  if (action == security::Action::kRead && p.break_glass_reason) {
    HAVEN_TRY(access.authorize(actor, security::Action::kBreakGlassRead, c, kind, record_id));
    return c;
  }
  return core::Error::not_found("No such case.");
}

core::Result<store::CaseRow> recheck_case(store::Tx& tx, const store::CaseRow& authorized) {
  auto now = CaseAccess::load(tx, authorized.id);
  if (!now) return core::Error::not_found("No such case.");
  if (now->version != authorized.version &&
      (now->agency_id != authorized.agency_id ||
       now->assigned_worker_id != authorized.assigned_worker_id ||
       now->team_id != authorized.team_id || now->restricted != authorized.restricted))
    return core::Error::conflict(
        "The case changed hands while you were working on it; reload it and try again.");
  auto status = domain::parse_case_status(now->status);
  if (!status || !domain::is_open(*status))
    return core::Error::conflict("The case is " + now->status +
                                 "; its records can no longer be added or changed.");
  return std::move(*now);
}

core::Error record_conflict(const std::string& what, int64_t current_version) {
  const std::string v = std::to_string(current_version);
  return core::Error{core::ErrorCode::kConflict,
                     what + " was changed by someone else since you read it (it is now version " +
                         v + "); reload it and apply your change again.",
                     {{"current_version", v}}};
}

std::vector<FieldChange> field_changes(const FieldMap& before, const FieldMap& after,
                                       const std::set<std::string>& sensitive) {
  std::vector<FieldChange> out;
  std::set<std::string> names;
  for (const auto& [k, v] : before) names.insert(k);
  for (const auto& [k, v] : after) names.insert(k);
  for (const std::string& name : names) {
    auto b = before.find(name);
    auto a = after.find(name);
    std::optional<std::string> old_value = b == before.end() ? std::nullopt : b->second;
    std::optional<std::string> new_value = a == after.end() ? std::nullopt : a->second;
    RecordHistory::diff(out, name, old_value, new_value, sensitive.count(name) > 0);
  }
  return out;
}

std::optional<core::Date> parse_stored_date(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return core::Date::parse(*text);
}

bool works_cases(const Actor& actor, const std::string& permission) {
  if (!actor.principal) return true;
  const security::Principal& p = *actor.principal;
  return (p.role == security::Role::kCaseworker || p.role == security::Role::kSupervisor) &&
         p.permissions.count(permission) > 0;
}

}  // namespace haven::service
