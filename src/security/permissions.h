// The vocabulary of access control: roles, agency kinds, actions, resource kinds, and which
// permission string ("case.read", "plan.approve", …) each action on each kind requires. Roles are
// granted these strings in config/roles.toml; policy.h decides with them. Pure, thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace haven::security {

enum class Role {
  kCaseworker,  // child protection caseworker: works the cases of their agency
  kSupervisor,  // approves plans, assessments, closures; assigns; sees their agency's cases
  kBarnahusCoordinator,  // runs Barnahus cases of their Barnahus: invites the team, keeps the
                         // timeline
  kMdtMember,     // police, prosecutor, health, therapist in a Barnahus team: invited per case
  kContactPoint,  // national contact point for cross-border cases
  kAnalyst,       // statistics: aggregates only, never a record about a person
  kAdmin,         // users and settings; never case content
  kAuditor,       // the audit log only
};
inline constexpr std::array kAllRoles = {
    Role::kCaseworker, Role::kSupervisor,   Role::kBarnahusCoordinator,
    Role::kMdtMember,  Role::kContactPoint, Role::kAnalyst,
    Role::kAdmin,      Role::kAuditor};
std::string_view role_name(Role role);  // "barnahus_coordinator"
std::optional<Role> parse_role(std::string_view name);

enum class AgencyKind {
  kChildProtection,
  kPolice,
  kProsecutor,
  kHealth,
  kMentalHealth,
  kSchool,
  kNgo,
  kBarnahus,
  kNationalContactPoint,
  kRegionalHub,
};
inline constexpr std::array kAllAgencyKinds = {AgencyKind::kChildProtection,
                                               AgencyKind::kPolice,
                                               AgencyKind::kProsecutor,
                                               AgencyKind::kHealth,
                                               AgencyKind::kMentalHealth,
                                               AgencyKind::kSchool,
                                               AgencyKind::kNgo,
                                               AgencyKind::kBarnahus,
                                               AgencyKind::kNationalContactPoint,
                                               AgencyKind::kRegionalHub};
std::string_view agency_kind_name(AgencyKind kind);  // "child_protection", "national_contact_point"
std::optional<AgencyKind> parse_agency_kind(std::string_view name);

enum class Action {
  kRead,
  kCreate,
  kUpdate,
  kDelete,
  kApprove,
  kExport,
  kTransition,  // move through a state machine (open → assessment → …)
  kAssign,      // set the assigned worker or team
  kMerge,       // merge duplicate records
  kInvite,      // invite a member into a Barnahus case
  kShare,       // share a law-enforcement record with named members or agencies
  kAdministerUsers,
  kAdministerSettings,
  kViewAudit,
  kViewAggregates,
  kBreakGlassRead,  // emergency read of a case outside one's agency, with a written reason
};
inline constexpr std::array kAllActions = {Action::kRead,
                                           Action::kCreate,
                                           Action::kUpdate,
                                           Action::kDelete,
                                           Action::kApprove,
                                           Action::kExport,
                                           Action::kTransition,
                                           Action::kAssign,
                                           Action::kMerge,
                                           Action::kInvite,
                                           Action::kShare,
                                           Action::kAdministerUsers,
                                           Action::kAdministerSettings,
                                           Action::kViewAudit,
                                           Action::kViewAggregates,
                                           Action::kBreakGlassRead};
std::string_view action_name(Action action);  // "break_glass_read"

enum class ResourceKind {
  // Case content: personal data of a child protection case.
  kCase,
  kChild,
  kReport,
  kNote,
  kAssessment,
  kPlan,
  kPlacement,
  // Child-friendly justice.
  kBarnahusCase,  // the case and its non-law-enforcement parts (see Resource::barnahus_part)
  kBarnahusLawEnforcementRecord,  // police and prosecutor records: law-enforcement directive data
  // Cross-border.
  kCrossBorderReferral,
  // No case content.
  kAuditLog,
  kBreakGlassLog,  // the emergency reads of an agency's users, reviewed by its supervisors
  kUserAdmin,
  kSettings,
  kStatisticsAggregate,
};
inline constexpr std::array kAllResourceKinds = {ResourceKind::kCase,
                                                 ResourceKind::kChild,
                                                 ResourceKind::kReport,
                                                 ResourceKind::kNote,
                                                 ResourceKind::kAssessment,
                                                 ResourceKind::kPlan,
                                                 ResourceKind::kPlacement,
                                                 ResourceKind::kBarnahusCase,
                                                 ResourceKind::kBarnahusLawEnforcementRecord,
                                                 ResourceKind::kCrossBorderReferral,
                                                 ResourceKind::kAuditLog,
                                                 ResourceKind::kBreakGlassLog,
                                                 ResourceKind::kUserAdmin,
                                                 ResourceKind::kSettings,
                                                 ResourceKind::kStatisticsAggregate};
std::string_view resource_kind_name(ResourceKind kind);  // "barnahus_law_enforcement_record"

// Case content kinds (case … placement): what break-the-glass can open and admin/auditor/analyst
// never see.
bool is_case_content(ResourceKind kind);
// Every kind holding personal data about a child or family (case content, Barnahus, cross-border).
bool is_personal_data(ResourceKind kind);

// The permission an action on a kind requires, or nullopt if the action does not apply to the kind
// (e.g. approve on an audit log). Content kinds use "<kind>.<action>"; breaking the glass needs
// "case.break_glass" (plus "<kind>.read"); the others are "audit.view", "audit.export",
// "break_glass.review" (reading and acknowledging the break-the-glass log),
// "users.administer", "settings.administer", "aggregates.view", "aggregates.export". `read` on the
// audit log and on aggregates is the same as view_audit / view_aggregates.
std::optional<std::string> required_permission(ResourceKind kind, Action action);

// Every permission string that some (kind, action) requires, sorted: what roles.toml may grant.
const std::vector<std::string>& all_permissions();
bool is_known_permission(std::string_view permission);
// True if the permission opens records about children and families (anything on a personal-data
// kind, including "case.break_glass"); false for audit.*, users.*, settings.* and aggregates.*.
bool is_record_permission(std::string_view permission);

}  // namespace haven::security
