// The access policy as a table: every role × action × relation × sensitivity for case content,
// generated from a readable expectation matrix, plus hand-written rows for Barnahus,
// law-enforcement records, break-the-glass, cross-border referrals and the roles that never see
// case content.
#include "security/policy.h"

#include <gtest/gtest.h>

#include <sstream>

namespace haven::security {
namespace {

// How the principal stands to the record.
enum class Relation { kAssigned, kTeam, kAgency, kOtherAgency, kOtherCountry };
constexpr std::array kRelations = {Relation::kAssigned, Relation::kTeam, Relation::kAgency,
                                   Relation::kOtherAgency, Relation::kOtherCountry};
const char* relation_name(Relation r) {
  switch (r) {
    case Relation::kAssigned:
      return "assigned";
    case Relation::kTeam:
      return "team";
    case Relation::kAgency:
      return "agency";
    case Relation::kOtherAgency:
      return "other_agency";
    case Relation::kOtherCountry:
      return "other_country";
  }
  return "?";
}

Principal principal(Role role, AgencyKind kind = AgencyKind::kChildProtection,
                    std::string agency = "cps-riga", std::string country = "LV") {
  Principal p;
  p.user_id = "u-me";
  p.role = role;
  p.agency_id = std::move(agency);
  p.agency_kind = kind;
  p.country = std::move(country);
  p.team_ids = {"team-mine"};
  p.permissions = default_roles().permissions(role);
  return p;
}

Resource content(ResourceKind kind, Relation rel, Sensitivity s) {
  Resource r;
  r.kind = kind;
  r.id = "case-1";
  r.sensitivity = s;
  r.created_by = "u-author";
  r.owning_agency_id = "cps-riga";
  r.country = "LV";
  r.assigned_worker_id = "u-other";
  r.team_id = "team-other";
  switch (rel) {
    case Relation::kAssigned:
      r.assigned_worker_id = "u-me";
      break;
    case Relation::kTeam:
      r.team_id = "team-mine";
      break;
    case Relation::kAgency:
      break;
    case Relation::kOtherAgency:
      r.owning_agency_id = "cps-liepaja";
      break;
    case Relation::kOtherCountry:
      r.owning_agency_id = "cps-tallinn";
      r.country = "EE";
      break;
  }
  return r;
}

// Expectations for case content: one character per relation, in the order
// assigned, team, agency, other_agency, other_country. 'Y' allow, 'N' deny.
struct Expect {
  Role role;
  Action action;
  const char* normal;
  const char* restricted;
};

constexpr std::array kContentActions = {Action::kRead,       Action::kCreate,  Action::kUpdate,
                                        Action::kTransition, Action::kApprove, Action::kAssign,
                                        Action::kMerge,      Action::kExport,  Action::kDelete};

// Caseworkers read across their agency but change only what they are assigned or teamed to; they
// never approve, assign, merge, export or delete. Supervisors do all of that within their agency.
// Restricted cases: only assigned worker and team. Nothing crosses agency or country lines.
const Expect kCaseworkerAndSupervisor[] = {
    {Role::kCaseworker, Action::kRead, "YYYNN", "YYNNN"},
    {Role::kCaseworker, Action::kCreate, "YYYNN", "YYNNN"},
    {Role::kCaseworker, Action::kUpdate, "YYNNN", "YYNNN"},
    {Role::kCaseworker, Action::kTransition, "YYNNN", "YYNNN"},
    {Role::kCaseworker, Action::kApprove, "NNNNN", "NNNNN"},
    {Role::kCaseworker, Action::kAssign, "NNNNN", "NNNNN"},
    {Role::kCaseworker, Action::kMerge, "NNNNN", "NNNNN"},
    {Role::kCaseworker, Action::kExport, "NNNNN", "NNNNN"},
    {Role::kCaseworker, Action::kDelete, "NNNNN", "NNNNN"},
    {Role::kSupervisor, Action::kRead, "YYYNN", "YYNNN"},
    {Role::kSupervisor, Action::kCreate, "YYYNN", "YYNNN"},
    {Role::kSupervisor, Action::kUpdate, "YYYNN", "YYNNN"},
    {Role::kSupervisor, Action::kTransition, "YYYNN", "YYNNN"},
    {Role::kSupervisor, Action::kApprove, "YYYNN", "YYNNN"},
    {Role::kSupervisor, Action::kAssign, "YYYNN", "YYNNN"},
    {Role::kSupervisor, Action::kMerge, "YYYNN", "YYNNN"},
    {Role::kSupervisor, Action::kExport, "YYYNN", "YYNNN"},
    {Role::kSupervisor, Action::kDelete, "NNNNN", "NNNNN"},
};

const char* expected_for(Role role, Action action, Sensitivity s) {
  for (const Expect& e : kCaseworkerAndSupervisor) {
    if (e.role == role && e.action == action) {
      return s == Sensitivity::kNormal ? e.normal : e.restricted;
    }
  }
  return "NNNNN";  // every other role: no case content at all
}

TEST(PolicyTable, CaseContentForEveryRoleActionRelationAndSensitivity) {
  int rows = 0, allows = 0, denies = 0;
  for (Role role : kAllRoles) {
    for (Action action : kContentActions) {
      for (Sensitivity s : {Sensitivity::kNormal, Sensitivity::kRestricted}) {
        const char* expected = expected_for(role, action, s);
        for (size_t i = 0; i < kRelations.size(); ++i) {
          Relation rel = kRelations[i];
          Decision d = decide(principal(role), action, content(ResourceKind::kCase, rel, s));
          bool want = expected[i] == 'Y';
          EXPECT_EQ(d.allowed, want)
              << role_name(role) << " " << action_name(action) << " " << sensitivity_name(s) << " "
              << relation_name(rel) << ": " << d.reason;
          EXPECT_FALSE(d.reason.empty());
          EXPECT_FALSE(d.break_glass) << "ordinary actions never break the glass";
          ++rows;
          (want ? allows : denies) += 1;
        }
      }
    }
  }
  EXPECT_GE(rows, 200);
  EXPECT_GE(allows, 50);
  EXPECT_GE(denies, 50);
}

// The subject-access export (GDPR art. 15) is "export" on the child: child.export, which only
// supervisors hold, within their agency and, for a restricted child, only on the case's team.
TEST(PolicyTable, SubjectAccessExportIsForSupervisorsOfTheChildsAgency) {
  struct Row {
    Role role;
    const char* normal;
    const char* restricted;
  };
  const Row rows[] = {
      {Role::kSupervisor, "YYYNN", "YYNNN"},
      {Role::kCaseworker, "NNNNN", "NNNNN"},
      {Role::kBarnahusCoordinator, "NNNNN", "NNNNN"},
      {Role::kMdtMember, "NNNNN", "NNNNN"},
      {Role::kContactPoint, "NNNNN", "NNNNN"},
      {Role::kAnalyst, "NNNNN", "NNNNN"},
      {Role::kAdmin, "NNNNN", "NNNNN"},
      {Role::kAuditor, "NNNNN", "NNNNN"},
  };
  for (const Row& row : rows) {
    for (Sensitivity s : {Sensitivity::kNormal, Sensitivity::kRestricted}) {
      const char* expected = s == Sensitivity::kNormal ? row.normal : row.restricted;
      for (size_t i = 0; i < kRelations.size(); ++i) {
        Decision d = decide(principal(row.role), Action::kExport,
                            content(ResourceKind::kChild, kRelations[i], s));
        EXPECT_EQ(d.allowed, expected[i] == 'Y')
            << role_name(row.role) << " " << sensitivity_name(s) << " "
            << relation_name(kRelations[i]) << ": " << d.reason;
        if (!d.allowed && row.role == Role::kCaseworker && i < 3) {
          EXPECT_EQ(d.permission, "child.export");
        }
        EXPECT_FALSE(d.break_glass) << "an export never breaks the glass";
      }
    }
  }
}

TEST(PolicyTable, EveryContentKindFollowsTheSameRelationRules) {
  // Reads of every content kind by a caseworker; approvals by a supervisor where the role has it.
  int rows = 0;
  for (ResourceKind kind : kAllResourceKinds) {
    if (!is_case_content(kind)) continue;
    for (Sensitivity s : {Sensitivity::kNormal, Sensitivity::kRestricted}) {
      const char* read = s == Sensitivity::kNormal ? "YYYNN" : "YYNNN";
      for (size_t i = 0; i < kRelations.size(); ++i) {
        Decision d =
            decide(principal(Role::kCaseworker), Action::kRead, content(kind, kRelations[i], s));
        EXPECT_EQ(d.allowed, read[i] == 'Y')
            << resource_kind_name(kind) << " " << relation_name(kRelations[i]) << ": " << d.reason;
        ++rows;
      }
    }
  }
  EXPECT_GE(rows, 70);
  // Supervisors approve plans, assessments, placements, reports and cases, but not notes or
  // children.
  for (ResourceKind kind : {ResourceKind::kPlan, ResourceKind::kAssessment,
                            ResourceKind::kPlacement, ResourceKind::kReport, ResourceKind::kCase}) {
    EXPECT_TRUE(decide(principal(Role::kSupervisor), Action::kApprove,
                       content(kind, Relation::kAgency, Sensitivity::kNormal)))
        << resource_kind_name(kind);
  }
  for (ResourceKind kind : {ResourceKind::kNote, ResourceKind::kChild}) {
    EXPECT_FALSE(decide(principal(Role::kSupervisor), Action::kApprove,
                        content(kind, Relation::kAgency, Sensitivity::kNormal)))
        << resource_kind_name(kind);
  }
}

TEST(Policy, DenyReasonsSayWhichRuleRefused) {
  auto reason = [](Role role, Action a, Relation rel, Sensitivity s) {
    return decide(principal(role), a, content(ResourceKind::kCase, rel, s)).reason;
  };
  EXPECT_NE(reason(Role::kCaseworker, Action::kRead, Relation::kOtherAgency, Sensitivity::kNormal)
                .find("belongs to another agency"),
            std::string::npos);
  EXPECT_NE(reason(Role::kSupervisor, Action::kRead, Relation::kAgency, Sensitivity::kRestricted)
                .find("restricted to its team"),
            std::string::npos);
  EXPECT_NE(reason(Role::kCaseworker, Action::kRead, Relation::kOtherCountry, Sensitivity::kNormal)
                .find("another country"),
            std::string::npos);
  EXPECT_NE(reason(Role::kCaseworker, Action::kApprove, Relation::kAssigned, Sensitivity::kNormal)
                .find("does not include the permission case.approve"),
            std::string::npos);
  EXPECT_NE(reason(Role::kCaseworker, Action::kUpdate, Relation::kAgency, Sensitivity::kNormal)
                .find("Only the assigned worker, the case's team or a supervisor"),
            std::string::npos);
  EXPECT_NE(reason(Role::kAdmin, Action::kRead, Relation::kAgency, Sensitivity::kNormal)
                .find("never sees records about children"),
            std::string::npos);
}

TEST(Policy, RestrictedAndForeignRecordsAreConcealedNotJustForbidden) {
  Decision restricted =
      decide(principal(Role::kSupervisor), Action::kRead,
             content(ResourceKind::kCase, Relation::kAgency, Sensitivity::kRestricted));
  EXPECT_TRUE(restricted.conceal_existence);
  Decision foreign =
      decide(principal(Role::kCaseworker), Action::kRead,
             content(ResourceKind::kCase, Relation::kOtherCountry, Sensitivity::kNormal));
  EXPECT_TRUE(foreign.conceal_existence);
  Decision other_agency =
      decide(principal(Role::kCaseworker), Action::kRead,
             content(ResourceKind::kCase, Relation::kOtherAgency, Sensitivity::kNormal));
  EXPECT_FALSE(other_agency.conceal_existence)
      << "break-the-glass is offered, so existence is known";
  EXPECT_TRUE(other_agency.break_glass_possible);
}

TEST(Policy, SupervisorCannotApproveWhatTheyWrote) {
  Resource plan = content(ResourceKind::kPlan, Relation::kTeam, Sensitivity::kNormal);
  plan.created_by = "u-me";
  Decision d = decide(principal(Role::kSupervisor), Action::kApprove, plan);
  EXPECT_FALSE(d.allowed);
  EXPECT_NE(d.reason.find("wrote yourself"), std::string::npos);
  plan.created_by = "u-author";
  EXPECT_TRUE(decide(principal(Role::kSupervisor), Action::kApprove, plan).allowed);
}

TEST(Policy, AssignedWorkerKeepsAccessToACaseTransferredToAnotherAgency) {
  Resource r = content(ResourceKind::kCase, Relation::kOtherAgency, Sensitivity::kNormal);
  r.assigned_worker_id = "u-me";
  EXPECT_TRUE(decide(principal(Role::kCaseworker), Action::kRead, r));
  EXPECT_TRUE(decide(principal(Role::kCaseworker), Action::kUpdate, r));
}

TEST(Policy, RecordWithoutACountryIsRefused) {
  Resource r = content(ResourceKind::kCase, Relation::kAgency, Sensitivity::kNormal);
  r.country.clear();
  EXPECT_FALSE(decide(principal(Role::kCaseworker), Action::kRead, r)) << "fail closed";
}

TEST(Policy, DecisionNamesTheRequiredPermission) {
  Decision d = decide(principal(Role::kCaseworker), Action::kRead,
                      content(ResourceKind::kNote, Relation::kAgency, Sensitivity::kNormal));
  EXPECT_EQ(d.permission, "note.read");
}

// --- Roles that never see case content
// ------------------------------------------------------------

TEST(Policy, AdminAuditorAnalystNeverSeeCaseContentEvenIfMisconfigured) {
  for (Role role : {Role::kAdmin, Role::kAuditor, Role::kAnalyst}) {
    Principal p = principal(role);
    p.permissions.insert({"case.read", "child.read", "barnahus_case.read", "case.break_glass",
                          "barnahus_law_enforcement_record.read", "cross_border_referral.read"});
    p.break_glass_reason = "a long enough reason for an emergency";
    for (ResourceKind kind : kAllResourceKinds) {
      if (!is_personal_data(kind)) continue;
      for (Action a : {Action::kRead, Action::kBreakGlassRead}) {
        Resource r = content(kind, Relation::kAgency, Sensitivity::kNormal);
        r.barnahus_case_id = "bh-1";
        r.barnahus_agency_id = "cps-riga";
        p.barnahus_invitations["bh-1"] = {};
        EXPECT_FALSE(decide(p, a, r))
            << role_name(role) << " " << action_name(a) << " " << resource_kind_name(kind);
      }
    }
  }
}

Resource global(ResourceKind kind, std::string country = "LV") {
  Resource r;
  r.kind = kind;
  r.country = std::move(country);
  return r;
}

struct GlobalRow {  // NOLINT(clang-analyzer-optin.performance.Padding): readable rows
  Role role;
  Action action;
  ResourceKind kind;
  std::string country;
  bool allowed;
};

TEST(PolicyTable, AuditUsersSettingsAndAggregates) {
  const GlobalRow rows[] = {
      {Role::kAdmin, Action::kAdministerUsers, ResourceKind::kUserAdmin, "LV", true},
      {Role::kAdmin, Action::kAdministerUsers, ResourceKind::kUserAdmin, "EE", false},
      {Role::kAdmin, Action::kAdministerSettings, ResourceKind::kSettings, "LV", true},
      {Role::kAdmin, Action::kViewAudit, ResourceKind::kAuditLog, "LV", false},
      {Role::kAdmin, Action::kViewAggregates, ResourceKind::kStatisticsAggregate, "LV", false},
      {Role::kAuditor, Action::kViewAudit, ResourceKind::kAuditLog, "LV", true},
      {Role::kAuditor, Action::kRead, ResourceKind::kAuditLog, "LV", true},
      {Role::kAuditor, Action::kExport, ResourceKind::kAuditLog, "LV", true},
      {Role::kAuditor, Action::kViewAudit, ResourceKind::kAuditLog, "EE", false},
      {Role::kAuditor, Action::kAdministerUsers, ResourceKind::kUserAdmin, "LV", false},
      {Role::kAuditor, Action::kViewAggregates, ResourceKind::kStatisticsAggregate, "LV", false},
      {Role::kAnalyst, Action::kViewAggregates, ResourceKind::kStatisticsAggregate, "LV", true},
      {Role::kAnalyst, Action::kViewAggregates, ResourceKind::kStatisticsAggregate, "SE", true},
      {Role::kAnalyst, Action::kExport, ResourceKind::kStatisticsAggregate, "LV", true},
      {Role::kAnalyst, Action::kViewAudit, ResourceKind::kAuditLog, "LV", false},
      {Role::kAnalyst, Action::kAdministerSettings, ResourceKind::kSettings, "LV", false},
      {Role::kSupervisor, Action::kViewAggregates, ResourceKind::kStatisticsAggregate, "LV", true},
      {Role::kSupervisor, Action::kExport, ResourceKind::kStatisticsAggregate, "LV", false},
      {Role::kSupervisor, Action::kViewAudit, ResourceKind::kAuditLog, "LV", false},
      {Role::kCaseworker, Action::kViewAggregates, ResourceKind::kStatisticsAggregate, "LV", false},
      {Role::kCaseworker, Action::kAdministerUsers, ResourceKind::kUserAdmin, "LV", false},
      {Role::kBarnahusCoordinator, Action::kViewAggregates, ResourceKind::kStatisticsAggregate,
       "LV", true},
      {Role::kMdtMember, Action::kViewAggregates, ResourceKind::kStatisticsAggregate, "LV", false},
      {Role::kContactPoint, Action::kViewAggregates, ResourceKind::kStatisticsAggregate, "LV",
       true},
      // Actions that do not apply to a kind are refused for everyone.
      {Role::kAuditor, Action::kApprove, ResourceKind::kAuditLog, "LV", false},
      {Role::kAdmin, Action::kDelete, ResourceKind::kSettings, "LV", false},
      {Role::kAnalyst, Action::kUpdate, ResourceKind::kStatisticsAggregate, "LV", false},
  };
  for (const GlobalRow& row : rows) {
    Decision d = decide(principal(row.role), row.action, global(row.kind, row.country));
    EXPECT_EQ(d.allowed, row.allowed)
        << role_name(row.role) << " " << action_name(row.action) << " "
        << resource_kind_name(row.kind) << " " << row.country << ": " << d.reason;
  }
  Decision na =
      decide(principal(Role::kAuditor), Action::kApprove, global(ResourceKind::kAuditLog));
  EXPECT_NE(na.reason.find("cannot be done to a audit log"), std::string::npos) << na.reason;
}

// --- Break the glass
// ------------------------------------------------------------------------------

Principal breaker(Role role, std::optional<std::string> reason) {
  Principal p = principal(role);
  p.break_glass_reason = std::move(reason);
  return p;
}

const std::string kReason = "Child brought to our emergency shelter at night";

TEST(BreakGlass, CaseworkerWithReasonReadsAnotherAgencysCaseFlaggedForAudit) {
  Decision d = decide(breaker(Role::kCaseworker, kReason), Action::kBreakGlassRead,
                      content(ResourceKind::kCase, Relation::kOtherAgency, Sensitivity::kNormal));
  EXPECT_TRUE(d.allowed) << d.reason;
  EXPECT_TRUE(d.break_glass);
  EXPECT_NE(d.reason.find("shown to your supervisor"), std::string::npos);
  EXPECT_EQ(d.permission, "case.break_glass");
}

struct GlassRow {
  const char* name;
  Role role;
  std::optional<std::string> reason;
  ResourceKind kind;
  Relation relation;
  Sensitivity sensitivity;
  bool allowed;
  bool break_glass;
};

TEST(BreakGlass, Table) {
  const std::string short_reason = "urgent";
  const std::string padded = "   short but padded        ";  // trimmed to < 20 characters
  const GlassRow rows[] = {
      {"supervisor too", Role::kSupervisor, kReason, ResourceKind::kCase, Relation::kOtherAgency,
       Sensitivity::kNormal, true, true},
      {"any content kind", Role::kCaseworker, kReason, ResourceKind::kNote, Relation::kOtherAgency,
       Sensitivity::kNormal, true, true},
      {"child record", Role::kCaseworker, kReason, ResourceKind::kChild, Relation::kOtherAgency,
       Sensitivity::kNormal, true, true},
      {"no reason", Role::kCaseworker, std::nullopt, ResourceKind::kCase, Relation::kOtherAgency,
       Sensitivity::kNormal, false, false},
      {"reason too short", Role::kCaseworker, short_reason, ResourceKind::kCase,
       Relation::kOtherAgency, Sensitivity::kNormal, false, false},
      {"padding does not count", Role::kCaseworker, padded, ResourceKind::kCase,
       Relation::kOtherAgency, Sensitivity::kNormal, false, false},
      {"never for restricted", Role::kCaseworker, kReason, ResourceKind::kCase,
       Relation::kOtherAgency, Sensitivity::kRestricted, false, false},
      {"not even in own agency", Role::kSupervisor, kReason, ResourceKind::kCase, Relation::kAgency,
       Sensitivity::kRestricted, false, false},
      {"never across borders", Role::kCaseworker, kReason, ResourceKind::kCase,
       Relation::kOtherCountry, Sensitivity::kNormal, false, false},
      {"not needed in own agency", Role::kCaseworker, kReason, ResourceKind::kCase,
       Relation::kAgency, Sensitivity::kNormal, true, false},
      {"not needed when assigned", Role::kCaseworker, std::nullopt, ResourceKind::kCase,
       Relation::kAssigned, Sensitivity::kNormal, true, false},
      {"not for Barnahus", Role::kCaseworker, kReason, ResourceKind::kBarnahusCase,
       Relation::kOtherAgency, Sensitivity::kNormal, false, false},
      {"not for law enforcement", Role::kCaseworker, kReason,
       ResourceKind::kBarnahusLawEnforcementRecord, Relation::kOtherAgency, Sensitivity::kNormal,
       false, false},
      {"not for referrals", Role::kCaseworker, kReason, ResourceKind::kCrossBorderReferral,
       Relation::kOtherAgency, Sensitivity::kNormal, false, false},
      {"not for mdt members", Role::kMdtMember, kReason, ResourceKind::kCase,
       Relation::kOtherAgency, Sensitivity::kNormal, false, false},
      {"not for coordinators", Role::kBarnahusCoordinator, kReason, ResourceKind::kCase,
       Relation::kOtherAgency, Sensitivity::kNormal, false, false},
      {"not for contact points", Role::kContactPoint, kReason, ResourceKind::kCase,
       Relation::kOtherAgency, Sensitivity::kNormal, false, false},
      {"not for admins", Role::kAdmin, kReason, ResourceKind::kCase, Relation::kOtherAgency,
       Sensitivity::kNormal, false, false},
      {"not for auditors", Role::kAuditor, kReason, ResourceKind::kCase, Relation::kOtherAgency,
       Sensitivity::kNormal, false, false},
      {"not for analysts", Role::kAnalyst, kReason, ResourceKind::kCase, Relation::kOtherAgency,
       Sensitivity::kNormal, false, false},
  };
  for (const GlassRow& row : rows) {
    Resource r = content(row.kind, row.relation, row.sensitivity);
    Decision d = decide(breaker(row.role, row.reason), Action::kBreakGlassRead, r);
    EXPECT_EQ(d.allowed, row.allowed) << row.name << ": " << d.reason;
    EXPECT_EQ(d.break_glass, row.break_glass) << row.name;
  }
}

TEST(BreakGlass, OnlyReadsAndOnlyWhenAskedFor) {
  Principal p = breaker(Role::kCaseworker, kReason);
  Resource r = content(ResourceKind::kCase, Relation::kOtherAgency, Sensitivity::kNormal);
  EXPECT_FALSE(decide(p, Action::kRead, r))
      << "a plain read with a reason set does not break the glass";
  EXPECT_FALSE(decide(p, Action::kUpdate, r));
  EXPECT_FALSE(decide(p, Action::kExport, r));
  Decision missing = decide(breaker(Role::kCaseworker, std::nullopt), Action::kBreakGlassRead, r);
  EXPECT_TRUE(missing.break_glass_possible);
  EXPECT_NE(missing.reason.find("at least 20 characters"), std::string::npos);
}

TEST(BreakGlass, RoleWithoutThePermissionCannot) {
  Principal p = breaker(Role::kCaseworker, kReason);
  p.permissions.erase("case.break_glass");  // e.g. an API token not scoped for it
  EXPECT_FALSE(decide(p, Action::kBreakGlassRead,
                      content(ResourceKind::kCase, Relation::kOtherAgency, Sensitivity::kNormal)));
}

// --- Barnahus
// -------------------------------------------------------------------------------------

constexpr const char* kBarnahus = "barnahus-riga";

Resource barnahus_case(std::string part = "", std::string owner = kBarnahus) {
  Resource r;
  r.kind = ResourceKind::kBarnahusCase;
  r.id = "bh-rec";
  r.country = "LV";
  r.owning_agency_id = std::move(owner);
  r.barnahus_agency_id = kBarnahus;
  r.barnahus_case_id = "bh-1";
  r.barnahus_part = std::move(part);
  return r;
}

Resource le_record(std::string owner = "police-riga", std::vector<std::string> shared = {}) {
  Resource r;
  r.kind = ResourceKind::kBarnahusLawEnforcementRecord;
  r.id = "le-1";
  r.country = "LV";
  r.owning_agency_id = std::move(owner);
  r.barnahus_agency_id = kBarnahus;
  r.barnahus_case_id = "bh-1";
  r.shared_with = std::move(shared);
  return r;
}

// The Barnahus itself, with no case: what opening a case, the alerts and training records ask.
Resource whole_barnahus() {
  Resource r;
  r.kind = ResourceKind::kBarnahusCase;
  r.id = kBarnahus;
  r.country = "LV";
  r.owning_agency_id = kBarnahus;
  r.barnahus_agency_id = kBarnahus;
  return r;
}

Principal member(Role role, AgencyKind kind, std::string agency, bool invited,
                 std::set<std::string> parts = {}) {
  Principal p = principal(role, kind, std::move(agency));
  if (invited) p.barnahus_invitations["bh-1"] = BarnahusInvitation{std::move(parts)};
  return p;
}

struct BarnahusRow {  // NOLINT(clang-analyzer-optin.performance.Padding): readable rows
  const char* name;
  Principal who;
  Action action;
  Resource what;
  bool allowed;
};

TEST(PolicyTable, BarnahusInvitationsPartsAndLawEnforcementRecords) {
  const Principal coordinator =
      member(Role::kBarnahusCoordinator, AgencyKind::kBarnahus, kBarnahus, false);
  const Principal other_coordinator =
      member(Role::kBarnahusCoordinator, AgencyKind::kBarnahus, "barnahus-daugavpils", false);
  const Principal police = member(Role::kMdtMember, AgencyKind::kPolice, "police-riga", true);
  const Principal police_elsewhere =
      member(Role::kMdtMember, AgencyKind::kPolice, "police-cesis", false);
  const Principal prosecutor =
      member(Role::kMdtMember, AgencyKind::kProsecutor, "prosecutor-riga", true);
  const Principal paediatrician = member(Role::kMdtMember, AgencyKind::kHealth, "hospital-riga",
                                         true, {"medical", "interview"});
  const Principal uninvited_doctor =
      member(Role::kMdtMember, AgencyKind::kHealth, "hospital-riga", false);
  const Principal therapist =
      member(Role::kMdtMember, AgencyKind::kMentalHealth, "bkus-psych", true);
  const Principal social_worker =
      member(Role::kCaseworker, AgencyKind::kChildProtection, "cps-riga", true);
  const Principal uninvited_worker =
      member(Role::kCaseworker, AgencyKind::kChildProtection, "cps-riga", false);
  Principal estonian_police = member(Role::kMdtMember, AgencyKind::kPolice, "police-tallinn", true);
  estonian_police.country = "EE";
  const Principal admin = member(Role::kAdmin, AgencyKind::kBarnahus, kBarnahus, true);

  const BarnahusRow rows[] = {
      // The coordinators of the Barnahus running the case.
      {"coordinator reads", coordinator, Action::kRead, barnahus_case(), true},
      {"coordinator updates", coordinator, Action::kUpdate, barnahus_case(), true},
      {"coordinator invites", coordinator, Action::kInvite, barnahus_case(), true},
      {"coordinator moves timeline", coordinator, Action::kTransition, barnahus_case(), true},
      {"coordinator exports", coordinator, Action::kExport, barnahus_case(), true},
      {"coordinator reads medical part", coordinator, Action::kRead, barnahus_case("medical"),
       true},
      {"coordinator of another Barnahus", other_coordinator, Action::kRead, barnahus_case(), false},
      // Invited members.
      {"invited police reads core", police, Action::kRead, barnahus_case(), true},
      {"invited police adds a record", police, Action::kCreate, barnahus_case(), true},
      {"police cannot invite", police, Action::kInvite, barnahus_case(), false},
      {"police cannot export", police, Action::kExport, barnahus_case(), false},
      {"police cannot move the timeline", police, Action::kTransition, barnahus_case(), false},
      {"police cannot edit the coordinator's record", police, Action::kUpdate, barnahus_case(),
       false},
      {"police edits own agency's record", police, Action::kUpdate,
       barnahus_case("", "police-riga"), true},
      {"uninvited police", police_elsewhere, Action::kRead, barnahus_case(), false},
      {"uninvited doctor", uninvited_doctor, Action::kRead, barnahus_case(), false},
      {"uninvited social worker", uninvited_worker, Action::kRead, barnahus_case(), false},
      {"other country", estonian_police, Action::kRead, barnahus_case(), false},
      // Parts shared by the team.
      {"paediatrician sees shared medical part", paediatrician, Action::kRead,
       barnahus_case("medical"), true},
      {"paediatrician sees shared interview part", paediatrician, Action::kRead,
       barnahus_case("interview"), true},
      {"paediatrician does not see therapy", paediatrician, Action::kRead, barnahus_case("therapy"),
       false},
      {"therapist sees own agency's therapy record", therapist, Action::kRead,
       barnahus_case("therapy", "bkus-psych"), true},
      {"therapist does not see unshared medical", therapist, Action::kRead,
       barnahus_case("medical"), false},
      {"social worker sees core only", social_worker, Action::kRead, barnahus_case(), true},
      {"social worker cannot add to Barnahus case", social_worker, Action::kCreate, barnahus_case(),
       false},
      // Law-enforcement records.
      {"police reads police record", police, Action::kRead, le_record(), true},
      {"prosecutor reads police record", prosecutor, Action::kRead, le_record(), true},
      {"police reads prosecutor note", police, Action::kRead, le_record("prosecutor-riga"), true},
      {"social worker opens prosecutor note not given to them", social_worker, Action::kRead,
       le_record("prosecutor-riga"), false},
      {"social worker reads note shared with them", social_worker, Action::kRead,
       le_record("prosecutor-riga", {"u-me"}), true},
      {"social worker reads note shared with agency", social_worker, Action::kRead,
       le_record("prosecutor-riga", {"cps-riga"}), true},
      {"paediatrician not shared", paediatrician, Action::kRead, le_record(), false},
      {"paediatrician shared", paediatrician, Action::kRead,
       le_record("police-riga", {"hospital-riga"}), true},
      {"therapist not shared", therapist, Action::kRead, le_record(), false},
      {"coordinator not shared", coordinator, Action::kRead, le_record(), false},
      {"coordinator shared", coordinator, Action::kRead, le_record("police-riga", {kBarnahus}),
       true},
      {"uninvited police from elsewhere", police_elsewhere, Action::kRead, le_record(), false},
      {"uninvited but shared is still refused", uninvited_worker, Action::kRead,
       le_record("police-riga", {"u-me"}), false},
      {"police creates", police, Action::kCreate, le_record(), true},
      {"prosecutor creates", prosecutor, Action::kCreate, le_record("prosecutor-riga"), true},
      {"paediatrician cannot create", paediatrician, Action::kCreate, le_record("hospital-riga"),
       false},
      {"police updates own", police, Action::kUpdate, le_record(), true},
      {"prosecutor cannot update police record", prosecutor, Action::kUpdate, le_record(), false},
      {"police shares own", police, Action::kShare, le_record(), true},
      {"prosecutor cannot share police record", prosecutor, Action::kShare, le_record(), false},
      {"shared social worker cannot edit", social_worker, Action::kUpdate,
       le_record("police-riga", {"u-me"}), false},
      {"other country police", estonian_police, Action::kRead, le_record(), false},
      {"admin never", admin, Action::kRead, le_record("police-riga", {kBarnahus}), false},
      // [J1] as BarnahusService asks: opening a case and the Barnahus's own lists (alerts,
      // training) are described as the Barnahus itself, with no case.
      {"coordinator opens a case for their Barnahus", coordinator, Action::kCreate,
       whole_barnahus(), true},
      {"coordinator reads their Barnahus's alerts", coordinator, Action::kRead, whole_barnahus(),
       true},
      {"coordinator of another Barnahus cannot open one here", other_coordinator, Action::kCreate,
       whole_barnahus(), false},
      {"invited police cannot open a Barnahus case", police, Action::kCreate, whole_barnahus(),
       false},
      {"social worker does not see the Barnahus's alerts", social_worker, Action::kRead,
       whole_barnahus(), false},
      // Records a member's agency adds (the owner is the member's own agency).
      {"paediatrician records an examination", paediatrician, Action::kCreate,
       barnahus_case("medical", "hospital-riga"), true},
      {"therapist records therapy without the part shared", therapist, Action::kCreate,
       barnahus_case("therapy", "bkus-psych"), true},
      {"uninvited doctor cannot record an examination", uninvited_doctor, Action::kCreate,
       barnahus_case("medical", "hospital-riga"), false},
      {"police of an agency not invited cannot add a police record", police_elsewhere,
       Action::kCreate, le_record("police-cesis"), false},
      {"coordinator cannot write a police record", coordinator, Action::kCreate,
       le_record(kBarnahus), false},
      {"social worker cannot share a prosecutor's note", social_worker, Action::kShare,
       le_record("prosecutor-riga", {"u-me"}), false},
  };
  for (const BarnahusRow& row : rows) {
    Decision d = decide(row.who, row.action, row.what);
    EXPECT_EQ(d.allowed, row.allowed) << row.name << ": " << d.reason;
  }
}

TEST(Policy, BarnahusRefusalsAreSpecific) {
  Principal uninvited = member(Role::kMdtMember, AgencyKind::kHealth, "hospital-riga", false);
  Decision d = decide(uninvited, Action::kRead, barnahus_case());
  EXPECT_NE(d.reason.find("not invited"), std::string::npos);
  EXPECT_TRUE(d.conceal_existence);
  Principal worker = member(Role::kCaseworker, AgencyKind::kChildProtection, "cps-riga", true);
  Decision le = decide(worker, Action::kRead, le_record("prosecutor-riga"));
  EXPECT_NE(le.reason.find("visible only to police, prosecutors and those they were shared with"),
            std::string::npos);
  Principal doctor = member(Role::kMdtMember, AgencyKind::kHealth, "hospital-riga", true);
  Decision part = decide(doctor, Action::kRead, barnahus_case("therapy"));
  EXPECT_NE(part.reason.find("not shared the therapy part"), std::string::npos);
}

// --- Cross-border referrals
// -----------------------------------------------------------------------

Resource referral(std::string agency, std::string country = "LV", std::string author = "u-author") {
  Resource r;
  r.kind = ResourceKind::kCrossBorderReferral;
  r.id = "ref-1";
  r.owning_agency_id = std::move(agency);
  r.country = std::move(country);
  r.created_by = std::move(author);
  return r;
}

TEST(PolicyTable, CrossBorderReferrals) {
  const Principal cp = principal(Role::kContactPoint, AgencyKind::kNationalContactPoint, "ncp-lv");
  const Principal cw = principal(Role::kCaseworker);
  const Principal sup = principal(Role::kSupervisor);
  const BarnahusRow rows[] = {
      {"contact point reads any agency's referral", cp, Action::kRead, referral("cps-riga"), true},
      {"contact point sends (transition)", cp, Action::kTransition, referral("cps-riga"), true},
      {"contact point exports the package", cp, Action::kExport, referral("cps-riga"), true},
      {"contact point does not approve", cp, Action::kApprove, referral("cps-riga"), false},
      {"contact point of another country", cp, Action::kRead, referral("cps-tallinn", "EE"), false},
      {"contact point sees no case content", cp, Action::kRead,
       content(ResourceKind::kCase, Relation::kAgency, Sensitivity::kNormal), false},
      {"caseworker reads own agency's referral", cw, Action::kRead, referral("cps-riga"), true},
      {"caseworker creates one", cw, Action::kCreate, referral("cps-riga"), true},
      {"caseworker does not read another agency's", cw, Action::kRead, referral("cps-liepaja"),
       false},
      {"caseworker does not update", cw, Action::kUpdate, referral("cps-riga"), false},
      {"caseworker does not send", cw, Action::kTransition, referral("cps-riga"), false},
      {"supervisor approves", sup, Action::kApprove, referral("cps-riga"), true},
      {"supervisor not own", sup, Action::kApprove, referral("cps-riga", "LV", "u-me"), false},
      {"supervisor not other agency", sup, Action::kApprove, referral("cps-liepaja"), false},
      {"analyst never", principal(Role::kAnalyst), Action::kRead, referral("cps-riga"), false},
  };
  for (const BarnahusRow& row : rows) {
    Decision d = decide(row.who, row.action, row.what);
    EXPECT_EQ(d.allowed, row.allowed) << row.name << ": " << d.reason;
  }
}

// --- Break the glass, shown to the supervisor (rule 8)
// -----------------------------------------------

Resource break_glass_log(std::string agency, std::string reader = "u-reader") {
  Resource r;
  r.kind = ResourceKind::kBreakGlassLog;
  r.owning_agency_id = std::move(agency);
  r.country = "LV";
  r.created_by = std::move(reader);
  return r;
}

TEST(Policy, EmergencyReadsAreReviewedByTheSupervisorsOfTheReadersAgencyOnly) {
  const Principal supervisor = principal(Role::kSupervisor);
  EXPECT_TRUE(decide(supervisor, Action::kRead, break_glass_log("cps-riga")));
  EXPECT_TRUE(decide(supervisor, Action::kApprove, break_glass_log("cps-riga")));

  Decision other_agency = decide(supervisor, Action::kApprove, break_glass_log("cps-liepaja"));
  EXPECT_FALSE(other_agency);
  EXPECT_TRUE(other_agency.conceal_existence) << other_agency.reason;

  Decision own_read = decide(supervisor, Action::kApprove, break_glass_log("cps-riga", "u-me"));
  EXPECT_FALSE(own_read);
  EXPECT_FALSE(own_read.conceal_existence);
  EXPECT_NE(own_read.reason.find("your own emergency read"), std::string::npos);

  for (Role role : {Role::kCaseworker, Role::kAdmin, Role::kAnalyst, Role::kAuditor,
                    Role::kMdtMember, Role::kContactPoint, Role::kBarnahusCoordinator}) {
    EXPECT_FALSE(decide(principal(role), Action::kRead, break_glass_log("cps-riga")))
        << role_name(role);
    EXPECT_FALSE(decide(principal(role), Action::kApprove, break_glass_log("cps-riga")))
        << role_name(role);
  }
  // Nothing else can be done to the log.
  EXPECT_FALSE(decide(supervisor, Action::kUpdate, break_glass_log("cps-riga")));
  EXPECT_FALSE(decide(supervisor, Action::kBreakGlassRead, break_glass_log("cps-riga")));
}

}  // namespace
}  // namespace haven::security
