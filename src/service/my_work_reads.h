// My work's two reads in one: the dashboard of TeamService::dashboard and the task list of
// TaskService::for_actor, built from ONE read of the worker's open cases (the two services each
// ran the same query) in one read transaction, authorized once (both asked the same question),
// and audited as each of them is ("case.list", "task.list"), the two events committed together
// in one wait. The builders below are what the two services use for their own answers, so the
// page and the API cannot drift apart. Kept out of the services' headers so that app.h and its
// ~100 dependants stay as they are. Thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/task_list.h"
#include "security/policy.h"
#include "service/identity.h"
#include "service/team_service.h"
#include "store/repositories/caseload_repository.h"

namespace haven::service {

struct App;
class AccessService;

// The newest recent reports a dashboard shows.
inline constexpr int kDashboardReports = 100;

struct MyWorkReads {
  Dashboard dashboard;   // as TeamService::dashboard returns it
  nlohmann::json tasks;  // as TaskService::for_actor returns it
};

// The one question the dashboard, the task list and My work ask before reading a worker's or
// an agency's open cases: may `p` read cases of their own agency? Audited by AccessService.
core::Status authorize_case_lists(AccessService& access, const security::Principal& p,
                                  const std::string& request_id);

// Both, for a signed-in caseworker or supervisor; `report_days` as TeamService::dashboard.
core::Result<MyWorkReads> read_my_work(App& app, const Actor& actor, int report_days);

// The dashboard from the viewer's own open cases (CaseloadRepository::open_cases with their id)
// and the agency's recent reports (defined in team_service.cpp).
Dashboard dashboard_view(const std::vector<store::CaseloadRow>& own_cases,
                         const std::vector<store::RecentReportRow>& reports,
                         const security::Principal& p, const domain::CountryPolicy& policy,
                         core::Timestamp now);

// TaskService::for_actor's answer from the open cases it reads: a caseworker's own, a
// supervisor's whole agency (defined in task_service.cpp).
nlohmann::json task_list_view(const std::vector<store::CaseloadRow>& rows,
                              const security::Principal& p, const domain::CountryPolicy& policy,
                              core::Timestamp now);

}  // namespace haven::service
