// Names of the access-control vocabulary and the (kind, action) → permission table.
#include "security/permissions.h"

#include <algorithm>
#include <set>

namespace haven::security {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kCaseworker:
      return "caseworker";
    case Role::kSupervisor:
      return "supervisor";
    case Role::kBarnahusCoordinator:
      return "barnahus_coordinator";
    case Role::kMdtMember:
      return "mdt_member";
    case Role::kContactPoint:
      return "contact_point";
    case Role::kAnalyst:
      return "analyst";
    case Role::kAdmin:
      return "admin";
    case Role::kAuditor:
      return "auditor";
  }
  return "unknown";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : kAllRoles) {
    if (role_name(r) == name) return r;
  }
  return std::nullopt;
}

std::string_view agency_kind_name(AgencyKind kind) {
  switch (kind) {
    case AgencyKind::kChildProtection:
      return "child_protection";
    case AgencyKind::kPolice:
      return "police";
    case AgencyKind::kProsecutor:
      return "prosecutor";
    case AgencyKind::kHealth:
      return "health";
    case AgencyKind::kMentalHealth:
      return "mental_health";
    case AgencyKind::kSchool:
      return "school";
    case AgencyKind::kNgo:
      return "ngo";
    case AgencyKind::kBarnahus:
      return "barnahus";
    case AgencyKind::kNationalContactPoint:
      return "national_contact_point";
    case AgencyKind::kRegionalHub:
      return "regional_hub";
  }
  return "unknown";
}

std::optional<AgencyKind> parse_agency_kind(std::string_view name) {
  for (AgencyKind k : kAllAgencyKinds) {
    if (agency_kind_name(k) == name) return k;
  }
  return std::nullopt;
}

std::string_view action_name(Action action) {
  switch (action) {
    case Action::kRead:
      return "read";
    case Action::kCreate:
      return "create";
    case Action::kUpdate:
      return "update";
    case Action::kDelete:
      return "delete";
    case Action::kApprove:
      return "approve";
    case Action::kExport:
      return "export";
    case Action::kTransition:
      return "transition";
    case Action::kAssign:
      return "assign";
    case Action::kMerge:
      return "merge";
    case Action::kInvite:
      return "invite";
    case Action::kShare:
      return "share";
    case Action::kAdministerUsers:
      return "administer_users";
    case Action::kAdministerSettings:
      return "administer_settings";
    case Action::kViewAudit:
      return "view_audit";
    case Action::kViewAggregates:
      return "view_aggregates";
    case Action::kBreakGlassRead:
      return "break_glass_read";
  }
  return "unknown";
}

std::string_view resource_kind_name(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::kCase:
      return "case";
    case ResourceKind::kChild:
      return "child";
    case ResourceKind::kReport:
      return "report";
    case ResourceKind::kNote:
      return "note";
    case ResourceKind::kAssessment:
      return "assessment";
    case ResourceKind::kPlan:
      return "plan";
    case ResourceKind::kPlacement:
      return "placement";
    case ResourceKind::kBarnahusCase:
      return "barnahus_case";
    case ResourceKind::kBarnahusLawEnforcementRecord:
      return "barnahus_law_enforcement_record";
    case ResourceKind::kCrossBorderReferral:
      return "cross_border_referral";
    case ResourceKind::kAuditLog:
      return "audit_log";
    case ResourceKind::kBreakGlassLog:
      return "break_glass_log";
    case ResourceKind::kUserAdmin:
      return "user_admin";
    case ResourceKind::kSettings:
      return "settings";
    case ResourceKind::kStatisticsAggregate:
      return "statistics_aggregate";
  }
  return "unknown";
}

bool is_case_content(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::kCase:
    case ResourceKind::kChild:
    case ResourceKind::kReport:
    case ResourceKind::kNote:
    case ResourceKind::kAssessment:
    case ResourceKind::kPlan:
    case ResourceKind::kPlacement:
      return true;
    default:
      return false;
  }
}

bool is_personal_data(ResourceKind kind) {
  return is_case_content(kind) || kind == ResourceKind::kBarnahusCase ||
         kind == ResourceKind::kBarnahusLawEnforcementRecord ||
         kind == ResourceKind::kCrossBorderReferral;
}

std::optional<std::string> required_permission(ResourceKind kind, Action action) {
  auto of = [&](std::string_view verb) {
    return std::string(resource_kind_name(kind)) + "." + std::string(verb);
  };
  if (is_case_content(kind)) {
    switch (action) {
      case Action::kRead:
      case Action::kCreate:
      case Action::kUpdate:
      case Action::kDelete:
      case Action::kApprove:
      case Action::kExport:
      case Action::kTransition:
      case Action::kAssign:
      case Action::kMerge:
        return of(action_name(action));
      case Action::kBreakGlassRead:
        return std::string("case.break_glass");
      default:
        return std::nullopt;
    }
  }
  switch (kind) {
    case ResourceKind::kBarnahusCase:
      switch (action) {
        case Action::kRead:
        case Action::kCreate:
        case Action::kUpdate:
        case Action::kTransition:
        case Action::kInvite:
        case Action::kExport:
          return of(action_name(action));
        default:
          return std::nullopt;
      }
    case ResourceKind::kBarnahusLawEnforcementRecord:
      switch (action) {
        case Action::kRead:
        case Action::kCreate:
        case Action::kUpdate:
        case Action::kShare:
          return of(action_name(action));
        default:
          return std::nullopt;
      }
    case ResourceKind::kCrossBorderReferral:
      switch (action) {
        case Action::kRead:
        case Action::kCreate:
        case Action::kUpdate:
        case Action::kApprove:
        case Action::kTransition:
        case Action::kExport:
          return of(action_name(action));
        default:
          return std::nullopt;
      }
    case ResourceKind::kAuditLog:
      if (action == Action::kViewAudit || action == Action::kRead) return std::string("audit.view");
      if (action == Action::kExport) return std::string("audit.export");
      return std::nullopt;
    case ResourceKind::kBreakGlassLog:
      if (action == Action::kRead || action == Action::kApprove)
        return std::string("break_glass.review");
      return std::nullopt;
    case ResourceKind::kUserAdmin:
      switch (action) {
        case Action::kAdministerUsers:
        case Action::kRead:
        case Action::kCreate:
        case Action::kUpdate:
        case Action::kDelete:
          return std::string("users.administer");
        default:
          return std::nullopt;
      }
    case ResourceKind::kSettings:
      if (action == Action::kAdministerSettings || action == Action::kRead ||
          action == Action::kUpdate) {
        return std::string("settings.administer");
      }
      return std::nullopt;
    case ResourceKind::kStatisticsAggregate:
      if (action == Action::kViewAggregates || action == Action::kRead) {
        return std::string("aggregates.view");
      }
      if (action == Action::kExport) return std::string("aggregates.export");
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

const std::vector<std::string>& all_permissions() {
  static const std::vector<std::string> all = [] {
    std::set<std::string> s;
    for (ResourceKind k : kAllResourceKinds) {
      for (Action a : kAllActions) {
        if (auto p = required_permission(k, a)) s.insert(*p);
      }
    }
    return std::vector<std::string>(s.begin(), s.end());
  }();
  return all;
}

bool is_known_permission(std::string_view permission) {
  const auto& all = all_permissions();
  return std::binary_search(all.begin(), all.end(), permission);
}

bool is_record_permission(std::string_view permission) {
  for (std::string_view prefix : {"audit.", "users.", "settings.", "aggregates."}) {
    if (permission.substr(0, prefix.size()) == prefix) return false;
  }
  return is_known_permission(permission);
}

}  // namespace haven::security
