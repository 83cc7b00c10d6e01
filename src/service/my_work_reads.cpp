// My work's dashboard and task list from one read of the open cases (service/my_work_reads.h).
#include "service/my_work_reads.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "service/app.h"

namespace haven::service {

core::Status authorize_case_lists(AccessService& access, const security::Principal& p,
                                  const std::string& request_id) {
  security::Resource r;
  r.kind = security::ResourceKind::kCase;
  r.owning_agency_id = p.agency_id;
  r.country = p.country;
  return access.authorize(p, security::Action::kRead, r, request_id);
}

core::Result<MyWorkReads> read_my_work(App& app, const Actor& actor, int report_days) {
  if (!actor.principal) return core::Error::invalid("My work is for signed-in users.");
  const auto& p = *actor.principal;
  HAVEN_TRY(authorize_case_lists(app.access, p, actor.request_id));
  const bool supervisor = p.role == security::Role::kSupervisor;
  const core::Timestamp now = app.clock.now();
  const int64_t since = now.ms - static_cast<int64_t>(report_days) * 24 * 3600 * 1000;
  const domain::CountryPolicy& policy = app.policies.for_country(p.country);
  MyWorkReads out;
  try {
    app.db.read([&](store::Tx& tx) {
      // A caseworker's task list is read from their own open cases, as the dashboard is; a
      // supervisor's from the whole agency's, of which the dashboard shows their own (the same
      // rows, in the same order, as the query with their id).
      auto rows = store::CaseloadRepository::open_cases(
          tx, p.agency_id, supervisor ? std::nullopt : std::optional(p.user_id));
      auto reports =
          store::CaseloadRepository::recent_reports(tx, p.agency_id, since, kDashboardReports);
      out.tasks = task_list_view(rows, p, policy, now);
      if (supervisor)
        std::erase_if(rows, [&](const store::CaseloadRow& row) {
          return row.c.assigned_worker_id != p.user_id;
        });
      out.dashboard = dashboard_view(rows, reports, p, policy, now);
      return 0;
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  // Both events, as the two services write them, committed in one wait before anything is shown.
  AuditService::Deferral audit_reads(app.audit);
  nlohmann::json details{{"count", out.dashboard.cases.size()},
                         {"reports", out.dashboard.reports.size()}};
  HAVEN_TRY(app.audit.append({actor.actor_id(), actor.role(), p.agency_id, "case.list", "case", "",
                              "case_management", "success", actor.request_id, details.dump()}));
  HAVEN_TRY(
      app.audit.append({actor.actor_id(), actor.role(), actor.agency_id(), "task.list", "case", "",
                        "case_management", "success", actor.request_id, std::nullopt}));
  HAVEN_TRY(audit_reads.wait());
  return out;
}

}  // namespace haven::service
