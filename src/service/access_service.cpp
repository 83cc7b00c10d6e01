// Principal building and the audited call to security::decide().
#include "service/access_service.h"

#include <nlohmann/json.hpp>

#include "store/repositories/agency_repository.h"
#include "store/repositories/barnahus_repository.h"

namespace haven::service {

namespace {
// Users whose invitations are kept (a few hundred sign in to one instance on a busy day).
constexpr size_t kMaxCachedUsers = 4096;
}  // namespace

core::Result<security::Principal> AccessService::principal_for(
    store::Tx& tx, const store::UserRow& user, const std::vector<std::string>* token_scopes) {
  auto role = security::parse_role(user.role);
  if (!role) return core::Error::internal("user " + user.id + " has an unknown role");
  auto agency = store::AgencyRepository::find(tx, user.agency_id);
  if (!agency) return core::Error::internal("user " + user.id + " has no agency");
  auto kind = security::parse_agency_kind(agency->kind);
  if (!kind) return core::Error::internal("agency " + agency->id + " has an unknown kind");
  security::Principal p;
  p.user_id = user.id;
  p.role = *role;
  p.agency_id = agency->id;
  p.agency_kind = *kind;
  p.country = agency->country;
  for (auto& t : store::AgencyRepository::team_ids_of(tx, user.id)) p.team_ids.insert(std::move(t));
  p.permissions = security::effective_permissions(roles_.permissions(*role), token_scopes);
  // The Barnahus cases the user was invited to, in person or through their agency ([J1]).
  p.barnahus_invitations = security::BarnahusInvitations(invitations_of(tx, user.id, agency->id));
  return p;
}

std::shared_ptr<const security::BarnahusInvitations::Map> AccessService::invitations_of(
    store::Tx& tx, const std::string& user_id, const std::string& agency_id) {
  // Read in the caller's transaction, so the generation and the rows agree.
  const auto row = tx.query_one("SELECT n FROM barnahus_member_generation WHERE id = 1");
  const int64_t generation = row ? row->integer(0) : -1;
  const std::string key = user_id + "\n" + agency_id;
  if (generation >= 0) {
    std::lock_guard lock(invitations_mutex_);
    auto it = invitations_.find(key);
    if (it != invitations_.end() && it->second.generation == generation) return it->second.map;
  }
  auto map = std::make_shared<security::BarnahusInvitations::Map>();
  std::map<std::string, std::set<std::string>> parsed;  // shared_parts text → parts (few distinct)
  for (const auto& m : store::BarnahusRepository::invitations_of(tx, user_id, agency_id)) {
    auto found = parsed.find(m.shared_parts);
    if (found == parsed.end()) {
      std::set<std::string> parts;
      auto json = nlohmann::json::parse(m.shared_parts, nullptr, false);
      if (json.is_array())
        for (const auto& part : json)
          if (part.is_string()) parts.insert(part.get<std::string>());
      found = parsed.emplace(m.shared_parts, std::move(parts)).first;
    }
    auto& invitation = (*map)[m.barnahus_case_id];
    invitation.shared_parts.insert(found->second.begin(), found->second.end());
  }
  if (generation >= 0) {
    std::lock_guard lock(invitations_mutex_);
    if (invitations_.size() >= kMaxCachedUsers) invitations_.clear();
    invitations_[key] = CachedInvitations{generation, map};
  }
  return map;
}

security::Decision AccessService::check(const security::Principal& principal,
                                        security::Action action,
                                        const security::Resource& resource) const {
  return security::decide(principal, action, resource);
}

core::Status AccessService::authorize(const security::Principal& principal, security::Action action,
                                      const security::Resource& resource,
                                      const std::string& request_id) {
  security::Decision d = security::decide(principal, action, resource);
  const std::string kind(security::resource_kind_name(resource.kind));
  const std::string act(security::action_name(action));
  if (d.allowed) {
    if (d.break_glass) {
      nlohmann::json details{{"reason", principal.break_glass_reason.value_or("")},
                             {"action", act}};
      HAVEN_TRY(audit_.append({principal.user_id, std::string(security::role_name(principal.role)),
                               principal.agency_id, "policy.break_glass", kind, resource.id,
                               principal.break_glass_reason.value_or(""), "success", request_id,
                               details.dump()}));
    }
    return core::ok_status();
  }
  nlohmann::json details{{"action", act}, {"reason", d.reason}, {"permission", d.permission}};
  HAVEN_TRY(audit_.append({principal.user_id, std::string(security::role_name(principal.role)),
                           principal.agency_id, "policy.deny", kind, resource.id, "", "denied",
                           request_id, details.dump()}));
  if (d.conceal_existence) return core::Error::not_found("No such record.");
  return core::Error::forbidden(d.reason);
}

}  // namespace haven::service
