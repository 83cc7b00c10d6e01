// The pages' views over many cases at once, each read in one transaction with one query per table
// (no read per case): a supervisor's team overview (caseload per worker by risk, overdue counts,
// plans and closures waiting for approval, the overdue list) and a worker's dashboard (their open
// cases with the child's name and the next deadline, and the agency's reports of recent days).
// Authorize → one read transaction → audit, scoped to the actor's agency; restricted cases only
// for their worker and team. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "service/policy_registry.h"
#include "store/database.h"

namespace haven::service {

// An open case as the lists show it.
struct CaseLine {
  std::string case_id;
  std::string case_number;
  std::string child_name;  // page body only: never in a title or URL
  std::string status;      // code
  std::string risk_level;  // code, "" before a rating
  std::string urgency;     // of the opening report (stands in before a rating)
  std::string assigned_worker_id;
  std::string worker_name;  // display name, "" when unassigned
  std::string next_task;    // task kind code of the most urgent task, "" when nothing is due
  std::string next_state;   // task state code
  std::string next_due;     // YYYY-MM-DD or ""
  bool overdue = false;     // some task of the case is overdue
  int64_t version = 0;      // the case's
  // The rating, or before there is one the urgency of the report that opened the case.
  const std::string& effective_risk() const { return risk_level.empty() ? urgency : risk_level; }
};

struct WorkerCaseload {
  std::string worker_id;  // "" for cases assigned to no one
  std::string worker_name;
  int high = 0;
  int medium = 0;
  int low = 0;
  int overdue = 0;
  int total() const { return high + medium + low; }
};

// A plan or closure waiting for a supervisor.
struct Approval {
  std::string kind;  // "plan" or "closure"
  std::string case_id;
  std::string case_number;
  std::string child_name;
  std::string worker_name;
  std::string requested_on;  // YYYY-MM-DD
  std::string plan_id;       // plans
  int64_t plan_version = 0;  // plans: the version a return names
  int64_t case_version = 0;  // approvals name the case's version
};

struct TeamOverview {
  std::vector<WorkerCaseload> caseload;  // most open cases first
  std::vector<Approval> approvals;       // oldest request first
  std::vector<CaseLine> overdue;         // earliest due first
};

struct RecentReport {
  std::string case_id;
  std::string case_number;
  int64_t received_at = 0;  // ms UTC
  std::string urgency;
  std::string reporter_type;
  std::string status;  // of the case it opened
  bool mine = false;   // that case is assigned to the viewer
};

struct Dashboard {
  std::vector<CaseLine> cases;        // the viewer's open cases, most urgent first
  std::vector<RecentReport> reports;  // the agency's, newest first
};

// Who a child's contact person is, as the child's own summary names them.
struct ContactPerson {
  std::string name;    // display name; "" when the case has no worker in the actor's agency
  std::string agency;  // the agency's name
};

class TeamService {
 public:
  TeamService(store::Database& db, const core::Clock& clock, AccessService& access,
              AuditService& audit, const PolicyRegistry& policies)
      : db_(db), clock_(clock), access_(access), audit_(audit), policies_(policies) {}

  // Supervisors: the open cases of their agency per worker. Audited as team.read.
  core::Result<TeamOverview> overview(const Actor& actor);
  // Caseworkers and supervisors: their own open cases and the agency's reports received in the
  // last `report_days` days. Audited as case.list.
  core::Result<Dashboard> dashboard(const Actor& actor, int report_days);
  // The id of the case numbered `case_number` in the actor's agency (kNotFound otherwise, also for
  // a restricted case of another team), so a page can then read it through CaseService.
  core::Result<std::string> case_id_by_number(const std::string& case_number, const Actor& actor);
  // The contact person for the child's summary of case `case_id` ("My plan"): `worker_id`, the
  // case's worker as the caller read it through CaseService, if they work in the actor's agency.
  // Audited as case.my_plan (the summary was produced for printing).
  core::Result<ContactPerson> my_plan_contact(const std::string& case_id,
                                              const std::string& worker_id, const Actor& actor);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  AccessService& access_;
  AuditService& audit_;
  const PolicyRegistry& policies_;
};

}  // namespace haven::service
