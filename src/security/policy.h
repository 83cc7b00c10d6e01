// The one access decision point. Every service method asks decide(principal, action, resource)
// before it touches a record; nothing else in haven decides who may see or change what. Pure and
// thread-safe.
//
// The rules, in the order they are applied (the first that denies gives the reason):
//  1. The action must apply to the kind (no "approve" on an audit log).
//  2. admin, auditor and analyst never see records about children and families, whatever their
//     permissions say.
//  3. The role must hold the permission required_permission(kind, action) gives.
//  4. Records about people stay in their country: another country's record is reached only through
//  a
//     cross-border referral.
//  5. Case content (case, child, report, note, assessment, plan, placement):
//     - restricted: only the assigned worker and members of the case's team (including the team's
//       supervisors); nobody else in the agency, and never by breaking the glass;
//     - otherwise readable across the owning agency, and by the assigned worker wherever they are;
//     - changing it (update, transition) needs the assigned worker, a team member or a supervisor;
//     - approving needs someone other than the record's author (four eyes).
//  6. Barnahus: the coordinators of the Barnahus that runs the case see all of it; anyone else only
//  if
//     invited, and only the parts the team shared with them; invited members change only records of
//     their own agency. Law-enforcement records: police and prosecutors of the case, and whoever
//     the record was explicitly shared with (user or agency); only invited police and
//     prosecutors write them (their agency keeps reading what it wrote).
//  7. Cross-border referrals: contact points see all referrals of their country; others those of
//     their own agency.
//  8. Break the glass: a caseworker or supervisor may read case content of another agency in the
//  same
//     country with a written reason (≥ 20 characters). The decision is flagged so the caller audits
//     it with the reason and notifies the reader's supervisor. Never for restricted cases, Barnahus
//     or law-enforcement records, or across borders: those protections exist exactly against a
//     well-meant look from outside, and each has its own route (the team supervisor, an invitation,
//     a referral).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "security/permissions.h"
#include "security/role_table.h"

namespace haven::security {

enum class Sensitivity {
  kNormal,
  kRestricted,  // visible only to its named team (and assigned worker)
};
std::string_view sensitivity_name(Sensitivity s);

// A member's invitation into one Barnahus case, with the parts of the case the team agreed to share
// ("interview", "medical", "therapy", …). The case's core (timeline, meetings) needs no part.
struct BarnahusInvitation {
  std::set<std::string> shared_parts;
};

// A principal's Barnahus invitations, by Barnahus case id: an immutable map that the principals of
// one user share (an agency invited to every Barnahus case of its children has tens of thousands,
// and a principal is built for every request). operator[] copies the map before changing it, for
// building a few by hand (tests); service::AccessService builds the real ones once and shares them.
class BarnahusInvitations {
 public:
  using Map = std::map<std::string, BarnahusInvitation>;
  BarnahusInvitations() = default;
  explicit BarnahusInvitations(std::shared_ptr<const Map> shared) : map_(std::move(shared)) {}

  bool empty() const { return !map_ || map_->empty(); }
  size_t size() const { return map_ ? map_->size() : 0; }
  Map::const_iterator begin() const { return map().begin(); }
  Map::const_iterator end() const { return map().end(); }
  Map::const_iterator find(const std::string& barnahus_case_id) const {
    return map().find(barnahus_case_id);
  }
  BarnahusInvitation& operator[](const std::string& barnahus_case_id) {
    auto copy = map_ ? std::make_shared<Map>(*map_) : std::make_shared<Map>();
    BarnahusInvitation& out = (*copy)[barnahus_case_id];
    map_ = std::move(copy);
    return out;
  }

 private:
  const Map& map() const {
    static const Map kNone;
    return map_ ? *map_ : kNone;
  }
  std::shared_ptr<const Map> map_;
};

// Who is asking. Built by the service from the session (user, role, agency, teams) and RoleTable.
struct Principal {
  std::string user_id;
  Role role = Role::kCaseworker;
  std::string agency_id;
  AgencyKind agency_kind = AgencyKind::kChildProtection;
  std::string country;  // ISO 3166-1 alpha-2 of the user's agency
  std::set<std::string> team_ids;
  std::set<std::string> permissions;              // effective_permissions(role table, token scopes)
  BarnahusInvitations barnahus_invitations;       // by Barnahus case id
  std::optional<std::string> break_glass_reason;  // typed by the user for this request
};

// What is being accessed. For a record that does not exist yet (create), describe where it will
// live.
struct Resource {
  ResourceKind kind = ResourceKind::kCase;
  std::string id;
  std::string owning_agency_id;
  std::string country;
  std::string assigned_worker_id;  // content: the case's assigned worker
  std::string team_id;             // content: the case's team
  Sensitivity sensitivity = Sensitivity::kNormal;
  std::string created_by;  // author, for four-eyes approval
  // Barnahus records.
  std::string barnahus_case_id;
  std::string barnahus_agency_id;  // the Barnahus running the case (for a barnahus_case: its owner)
  std::string barnahus_part;       // "" = the case's core; else the part this record belongs to
  std::vector<std::string>
      shared_with;  // law-enforcement records: user or agency ids it was shared with
};

struct Decision {
  bool allowed = false;
  std::string reason;  // one sentence for the person (deny) or the audit event (allow)
  // Allowed only by breaking the glass: audit with principal.break_glass_reason and notify the
  // reader's supervisor.
  bool break_glass = false;
  // Denied, but a break_glass_read with a written reason would be allowed: the page may offer it.
  bool break_glass_possible = false;
  // Denied in a way that should not confirm the record exists (other country, restricted, not
  // invited): answer 404 rather than 403. The denial is audited either way.
  bool conceal_existence = false;
  std::string permission;  // the permission that was required ("" if the action does not apply)
  explicit operator bool() const { return allowed; }
};

Decision decide(const Principal& principal, Action action, const Resource& resource);

// The minimum length (in characters) of a break-the-glass reason.
inline constexpr size_t kBreakGlassMinReason = 20;

}  // namespace haven::security
