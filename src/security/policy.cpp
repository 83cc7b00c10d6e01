// decide(): the access rules of policy.h as code. Each deny names the rule that refused, in words
// the person refused can act on.
#include "security/policy.h"

#include <algorithm>

#include "core/utf8.h"

namespace haven::security {

std::string_view sensitivity_name(Sensitivity s) {
  return s == Sensitivity::kRestricted ? "restricted" : "normal";
}

namespace {

std::string label(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::kCase:
      return "case";
    case ResourceKind::kChild:
      return "child's record";
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
      return "Barnahus case";
    case ResourceKind::kBarnahusLawEnforcementRecord:
      return "law-enforcement record";
    case ResourceKind::kCrossBorderReferral:
      return "cross-border referral";
    case ResourceKind::kAuditLog:
      return "audit log";
    case ResourceKind::kBreakGlassLog:
      return "break-the-glass log";
    case ResourceKind::kUserAdmin:
      return "user administration";
    case ResourceKind::kSettings:
      return "settings";
    case ResourceKind::kStatisticsAggregate:
      return "statistics";
  }
  return "record";
}

Decision allow(std::string reason) {
  if (!reason.empty() && reason[0] >= 'a' && reason[0] <= 'z')
    reason[0] = static_cast<char>(reason[0] - 'a' + 'A');
  Decision d;
  d.allowed = true;
  d.reason = std::move(reason);
  return d;
}

Decision deny(std::string reason, bool conceal = false) {
  Decision d;
  d.reason = std::move(reason);
  d.conceal_existence = conceal;
  return d;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return !s.empty() && std::find(v.begin(), v.end(), s) != v.end();
}

bool is_law_enforcement_agency(AgencyKind k) {
  return k == AgencyKind::kPolice || k == AgencyKind::kProsecutor;
}

Decision decide_case_content(const Principal& p, Action action, const Resource& r) {
  const std::string what = label(r.kind);
  const bool assigned = !r.assigned_worker_id.empty() && r.assigned_worker_id == p.user_id;
  const bool on_team = !r.team_id.empty() && p.team_ids.count(r.team_id) > 0;
  const bool same_agency = !r.owning_agency_id.empty() && r.owning_agency_id == p.agency_id;
  const bool supervisor = p.role == Role::kSupervisor;

  std::string relation;
  if (r.sensitivity == Sensitivity::kRestricted) {
    if (!assigned && !on_team) {
      return deny(
          "This " + what +
              " is restricted to its team; only the team and its assigned worker may open it.",
          true);
    }
    relation = assigned ? "the assigned worker" : "a member of the restricted case's team";
  } else if (same_agency) {
    relation = assigned  ? "the assigned worker"
               : on_team ? "a member of the case's team"
                         : "in the owning agency";
  } else if (assigned) {
    relation = "the assigned worker";
  } else {
    Decision d = deny("This " + what + " belongs to another agency.");
    d.break_glass_possible = action == Action::kRead &&
                             p.permissions.count("case.break_glass") > 0 &&
                             (p.role == Role::kCaseworker || p.role == Role::kSupervisor);
    if (d.break_glass_possible) {
      d.reason +=
          " In an emergency you can break the glass with a written reason; it is audited "
          "and shown to your supervisor.";
    }
    return d;
  }

  switch (action) {
    case Action::kUpdate:
    case Action::kTransition:
      if (!assigned && !on_team && !supervisor) {
        return deny("Only the assigned worker, the case's team or a supervisor may change this " +
                    what + ".");
      }
      break;
    case Action::kApprove:
      if (!r.created_by.empty() && r.created_by == p.user_id) {
        return deny("You cannot approve a " + what +
                    " you wrote yourself; another supervisor must approve it.");
      }
      break;
    default:
      break;
  }
  return allow(std::string(action_name(action)) + " " + what + " as " + relation + ".");
}

Decision decide_barnahus(const Principal& p, Action action, const Resource& r) {
  const bool same_agency = !r.owning_agency_id.empty() && r.owning_agency_id == p.agency_id;
  const std::string& barnahus =
      r.kind == ResourceKind::kBarnahusCase && r.barnahus_agency_id.empty() ? r.owning_agency_id
                                                                            : r.barnahus_agency_id;
  const bool coordinator =
      p.role == Role::kBarnahusCoordinator && !barnahus.empty() && barnahus == p.agency_id;
  auto inv = p.barnahus_invitations.find(r.barnahus_case_id);
  const bool invited = !r.barnahus_case_id.empty() && inv != p.barnahus_invitations.end();

  if (r.kind == ResourceKind::kBarnahusCase) {
    if (coordinator) return allow(std::string(action_name(action)) + " as the case's coordinator.");
    if (!invited) return deny("You were not invited to this Barnahus case.", true);
    if (action == Action::kInvite || action == Action::kExport || action == Action::kTransition) {
      return deny("Only the coordinators of the Barnahus running the case may do that.");
    }
    if (!r.barnahus_part.empty() && !same_agency &&
        inv->second.shared_parts.count(r.barnahus_part) == 0) {
      return deny("The team has not shared the " + r.barnahus_part +
                  " part of this Barnahus case with you.");
    }
    if (action == Action::kUpdate && !same_agency) {
      return deny("Only the agency that recorded this part of the Barnahus case may change it.");
    }
    return allow(std::string(action_name(action)) + " as an invited member of the Barnahus case.");
  }

  // Law-enforcement record.
  const bool le_agency = is_law_enforcement_agency(p.agency_kind);
  const bool shared = contains(r.shared_with, p.user_id) || contains(r.shared_with, p.agency_id);
  if (!invited && !same_agency && !coordinator) {
    return deny("You were not invited to this Barnahus case.", true);
  }
  // The recording agency keeps reading its own records, but adds to a case only while invited.
  if (action == Action::kCreate && !invited) {
    return deny("You were not invited to this Barnahus case.", true);
  }
  switch (action) {
    case Action::kRead:
      if (same_agency) return allow("read as the agency that recorded it.");
      if (le_agency) return allow("read as police or prosecutor in the Barnahus case.");
      if (shared) return allow("read because it was shared with you.");
      return deny(
          "Law-enforcement records of a Barnahus case are visible only to police, prosecutors and "
          "those they were shared with.");
    case Action::kCreate:
      if (le_agency) return allow("create as police or prosecutor in the Barnahus case.");
      return deny("Only police and prosecutors record law-enforcement parts of a Barnahus case.");
    default:  // update, share
      if (le_agency && same_agency) {
        return allow(std::string(action_name(action)) + " as the agency that recorded it.");
      }
      return deny(
          "Only the police or prosecutor agency that recorded this law-enforcement record "
          "may change or share it.");
  }
}

Decision decide_referral(const Principal& p, Action action, const Resource& r) {
  const bool same_agency = !r.owning_agency_id.empty() && r.owning_agency_id == p.agency_id;
  if (p.role != Role::kContactPoint && !same_agency) {
    return deny("This cross-border referral belongs to another agency.");
  }
  if (action == Action::kApprove && !r.created_by.empty() && r.created_by == p.user_id) {
    return deny(
        "You cannot approve a referral you wrote yourself; another supervisor must approve it.");
  }
  return allow(std::string(action_name(action)) + " cross-border referral as " +
               (p.role == Role::kContactPoint ? "the national contact point." : "its agency."));
}

Decision decide_break_glass(const Principal& p, const Resource& r) {
  const std::string what = label(r.kind);
  if (!is_case_content(r.kind)) {
    return deny("Breaking the glass opens only child protection case records, not a " + what + ".");
  }
  if ((p.role != Role::kCaseworker && p.role != Role::kSupervisor) ||
      p.permissions.count("case.break_glass") == 0) {
    return deny("Your role (" + std::string(role_name(p.role)) + ") cannot break the glass.");
  }
  auto read_perm = required_permission(r.kind, Action::kRead);
  if (!read_perm || p.permissions.count(*read_perm) == 0) {
    return deny("Your role (" + std::string(role_name(p.role)) +
                ") does not include the permission " + read_perm.value_or("") + ".");
  }
  if (r.country != p.country) {
    return deny("Breaking the glass does not cross borders; ask through a cross-border referral.",
                true);
  }
  if (r.sensitivity == Sensitivity::kRestricted) {
    return deny(
        "Restricted cases cannot be opened by breaking the glass; ask the supervisor of the "
        "case's team.",
        true);
  }
  Decision normal = decide_case_content(p, Action::kRead, r);
  if (normal.allowed) return normal;  // no emergency access needed
  if (!p.break_glass_reason ||
      core::utf8_length(core::trim(*p.break_glass_reason)) < kBreakGlassMinReason) {
    Decision d = deny("Breaking the glass needs a written reason of at least " +
                      std::to_string(kBreakGlassMinReason) + " characters.");
    d.break_glass_possible = true;
    return d;
  }
  Decision d = allow("Emergency read of a " + what +
                     " of another agency by breaking the glass; audited with the reason given and "
                     "shown to your supervisor.");
  d.break_glass = true;
  return d;
}

// Rule 8's other half: the emergency reads of an agency's users are reviewed by that agency's
// supervisors (the permission), never by another agency's, and nobody acknowledges their own.
Decision decide_break_glass_review(const Principal& p, Action action, const Resource& r) {
  if (r.owning_agency_id.empty() || r.owning_agency_id != p.agency_id) {
    return deny("Emergency reads are reviewed by the supervisors of the reader's own agency.",
                true);
  }
  if (action == Action::kApprove && !r.created_by.empty() && r.created_by == p.user_id) {
    return deny(
        "You cannot acknowledge your own emergency read; another supervisor of your agency must.");
  }
  return allow(std::string(action == Action::kApprove ? "acknowledge" : "review") +
               " the emergency reads of your agency as its supervisor.");
}

}  // namespace

Decision decide(const Principal& p, Action action, const Resource& r) {
  auto perm = required_permission(r.kind, action);
  if (!perm) {
    return deny("'" + std::string(action_name(action)) + "' cannot be done to a " + label(r.kind) +
                ".");
  }
  Decision d = [&]() -> Decision {
    if (is_personal_data(r.kind) &&
        (p.role == Role::kAdmin || p.role == Role::kAuditor || p.role == Role::kAnalyst)) {
      return deny("The " + std::string(role_name(p.role)) +
                  " role never sees records about children and families.");
    }
    if (action == Action::kBreakGlassRead) return decide_break_glass(p, r);
    if (p.permissions.count(*perm) == 0) {
      return deny("Your role (" + std::string(role_name(p.role)) +
                  ") does not include the permission " + *perm + ".");
    }
    // Records about people must name their country (fail closed); the others only when they have
    // one (statistics of other countries are published to everyone).
    const bool check_country = is_personal_data(r.kind) ||
                               (r.kind != ResourceKind::kStatisticsAggregate && !r.country.empty());
    if (check_country && r.country != p.country) {
      return deny("This " + label(r.kind) +
                      " belongs to another country; reach it through a cross-border referral.",
                  true);
    }
    if (is_case_content(r.kind)) return decide_case_content(p, action, r);
    if (r.kind == ResourceKind::kBarnahusCase ||
        r.kind == ResourceKind::kBarnahusLawEnforcementRecord) {
      return decide_barnahus(p, action, r);
    }
    if (r.kind == ResourceKind::kCrossBorderReferral) return decide_referral(p, action, r);
    if (r.kind == ResourceKind::kBreakGlassLog) return decide_break_glass_review(p, action, r);
    return allow(std::string(action_name(action)) + " " + label(r.kind) + " as " +
                 std::string(role_name(p.role)) + ".");
  }();
  d.permission = *perm;
  return d;
}

}  // namespace haven::security
