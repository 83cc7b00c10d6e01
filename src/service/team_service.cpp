// The team overview and the dashboard: one read transaction each, one query per table, tasks
// computed in memory by domain::build_task_list under the agency country's policy.
#include "service/team_service.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "domain/task_list.h"
#include "service/case_service.h"
#include "service/my_work_reads.h"
#include "store/repositories/agency_repository.h"
#include "store/repositories/caseload_repository.h"
#include "store/repositories/user_repository.h"

namespace haven::service {

namespace {

int risk_rank(std::string_view risk) {
  if (risk == "high") return 0;
  if (risk == "medium") return 1;
  if (risk == "low") return 2;
  return 3;
}

int state_rank(std::string_view state) {
  if (state == "overdue") return 0;
  if (state == "due_soon") return 1;
  if (state == "awaiting_approval") return 2;
  if (state == "upcoming") return 3;
  return 4;
}

// Earliest first; no date last.
bool earlier_due(const std::string& a, const std::string& b) {
  if (a.empty() != b.empty()) return !a.empty();
  return a < b;
}

bool visible_to(const store::CaseRow& c, const security::Principal& p) {
  return !c.restricted || c.assigned_worker_id == p.user_id ||
         (c.team_id && p.team_ids.count(*c.team_id));
}

// The rows as lines, with each case's most urgent task for `audience` (both when a supervisor
// looks) and whether any of its tasks is overdue.
std::vector<CaseLine> lines_of(const std::vector<store::CaseloadRow>& rows,
                               const domain::CountryPolicy& policy, core::Timestamp now,
                               bool supervisor) {
  std::vector<domain::CaseSummary> summaries;
  summaries.reserve(rows.size());
  for (const auto& r : rows) {
    domain::CaseSummary s = case_summary(r.c);
    s.plan_awaiting_approval = r.plan_approval == "submitted";
    s.closure_awaiting_approval = r.closure_awaiting_approval;
    summaries.push_back(std::move(s));
  }
  std::map<std::string, size_t> at;
  std::vector<CaseLine> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    CaseLine l;
    l.case_id = r.c.id;
    l.case_number = r.c.case_number;
    l.child_name = r.child_given_names + " " + r.child_family_names;
    l.status = r.c.status;
    l.risk_level = r.c.risk_level.value_or("");
    l.urgency = r.c.urgency;
    l.assigned_worker_id = r.c.assigned_worker_id.value_or("");
    l.worker_name = r.worker_name;
    l.version = r.c.version;
    at[l.case_id] = out.size();
    out.push_back(std::move(l));
  }
  // The list is ordered most urgent first, so a case's first task is the one to show.
  for (const auto& t : domain::build_task_list(summaries, policy, now)) {
    if (!supervisor && t.audience == domain::TaskAudience::kSupervisor) continue;
    CaseLine& l = out[at[t.case_id]];
    if (t.state == domain::TaskState::kOverdue) l.overdue = true;
    if (!l.next_task.empty()) continue;
    l.next_task = std::string(domain::to_code(t.kind));
    l.next_state = std::string(domain::to_code(t.state));
    l.next_due = t.deadline ? t.deadline->due_date().to_string() : "";
  }
  return out;
}

int rows_seen(const TeamOverview& v) {
  int n = 0;
  for (const auto& w : v.caseload) n += w.total();
  return n;
}

void sort_by_urgency(std::vector<CaseLine>& cases) {
  std::stable_sort(cases.begin(), cases.end(), [](const CaseLine& a, const CaseLine& b) {
    if (int x = risk_rank(a.effective_risk()), y = risk_rank(b.effective_risk()); x != y)
      return x < y;
    if (int x = state_rank(a.next_state), y = state_rank(b.next_state); x != y) return x < y;
    if (a.next_due != b.next_due) return earlier_due(a.next_due, b.next_due);
    return a.case_number < b.case_number;
  });
}

}  // namespace

Dashboard dashboard_view(const std::vector<store::CaseloadRow>& own_cases,
                         const std::vector<store::RecentReportRow>& reports,
                         const security::Principal& p, const domain::CountryPolicy& policy,
                         core::Timestamp now) {
  Dashboard out;
  out.cases = lines_of(own_cases, policy, now, p.role == security::Role::kSupervisor);
  sort_by_urgency(out.cases);
  for (const auto& rep : reports) {
    const bool mine = rep.assigned_worker_id == p.user_id;
    if (rep.restricted && !mine && !(rep.team_id && p.team_ids.count(*rep.team_id))) continue;
    out.reports.push_back({rep.case_id, rep.case_number, rep.received_at, rep.urgency,
                           rep.reporter_type, rep.case_status, mine});
  }
  return out;
}

core::Result<TeamOverview> TeamService::overview(const Actor& actor) {
  if (!actor.principal) return core::Error::invalid("The team view is for signed-in users.");
  const auto& p = *actor.principal;
  if (p.role != security::Role::kSupervisor)
    return core::Error::forbidden("Only supervisors see their team's caseload.");
  HAVEN_TRY(authorize_case_lists(access_, p, actor.request_id));
  const core::Timestamp now = clock_.now();
  try {
    auto view = db_.read([&](store::Tx& tx) -> core::Result<TeamOverview> {
      auto rows = store::CaseloadRepository::open_cases(tx, p.agency_id, std::nullopt);
      std::erase_if(rows, [&](const auto& row) { return !visible_to(row.c, p); });
      auto lines = lines_of(rows, policies_.for_country(p.country), now, true);

      TeamOverview out;
      std::map<std::string, size_t> by_worker;
      for (size_t i = 0; i < lines.size(); ++i) {
        const CaseLine& l = lines[i];
        auto [it, added] = by_worker.try_emplace(l.assigned_worker_id, out.caseload.size());
        if (added) {
          WorkerCaseload w;
          w.worker_id = l.assigned_worker_id;
          w.worker_name = l.worker_name;
          out.caseload.push_back(std::move(w));
        }
        WorkerCaseload& w = out.caseload[it->second];
        const std::string& risk = l.effective_risk();
        if (risk == "high")
          ++w.high;
        else if (risk == "low")
          ++w.low;
        else
          ++w.medium;
        if (l.overdue) {
          ++w.overdue;
          out.overdue.push_back(l);
        }
        const store::CaseloadRow& row = rows[i];
        if (row.plan_approval == "submitted" && row.plan_id)
          out.approvals.push_back({"plan", l.case_id, l.case_number, l.child_name, l.worker_name,
                                   row.plan_submitted_on.value_or(""), *row.plan_id,
                                   row.plan_version, l.version});
        if (row.closure_awaiting_approval)
          out.approvals.push_back({"closure", l.case_id, l.case_number, l.child_name, l.worker_name,
                                   row.closure_requested_on.value_or(""), "", 0, l.version});
      }
      std::stable_sort(out.caseload.begin(), out.caseload.end(), [](const auto& a, const auto& b) {
        if (a.worker_id.empty() != b.worker_id.empty()) return b.worker_id.empty();
        if (a.total() != b.total()) return a.total() > b.total();
        return a.worker_name < b.worker_name;
      });
      std::stable_sort(out.approvals.begin(), out.approvals.end(),
                       [](const auto& a, const auto& b) {
                         if (a.requested_on != b.requested_on)
                           return a.requested_on < b.requested_on;
                         return a.case_number < b.case_number;
                       });
      std::stable_sort(out.overdue.begin(), out.overdue.end(), [](const auto& a, const auto& b) {
        if (a.next_due != b.next_due) return earlier_due(a.next_due, b.next_due);
        return risk_rank(a.effective_risk()) < risk_rank(b.effective_risk());
      });
      return out;
    });
    if (!view.ok()) return view;
    nlohmann::json details{{"cases", rows_seen(*view)}};
    HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), p.agency_id, "team.read", "case", "",
                             "case_management", "success", actor.request_id, details.dump()}));
    return view;
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<Dashboard> TeamService::dashboard(const Actor& actor, int report_days) {
  if (!actor.principal) return core::Error::invalid("My work is for signed-in users.");
  const auto& p = *actor.principal;
  HAVEN_TRY(authorize_case_lists(access_, p, actor.request_id));
  const core::Timestamp now = clock_.now();
  const int64_t since = now.ms - static_cast<int64_t>(report_days) * 24 * 3600 * 1000;
  try {
    auto view = db_.read([&](store::Tx& tx) -> core::Result<Dashboard> {
      auto rows = store::CaseloadRepository::open_cases(tx, p.agency_id, p.user_id);
      auto reports =
          store::CaseloadRepository::recent_reports(tx, p.agency_id, since, kDashboardReports);
      return dashboard_view(rows, reports, p, policies_.for_country(p.country), now);
    });
    if (!view.ok()) return view;
    nlohmann::json details{{"count", view->cases.size()}, {"reports", view->reports.size()}};
    HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), p.agency_id, "case.list", "case", "",
                             "case_management", "success", actor.request_id, details.dump()}));
    return view;
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<std::string> TeamService::case_id_by_number(const std::string& case_number,
                                                         const Actor& actor) {
  if (!actor.principal) return core::Error::invalid("Case look-ups are for signed-in users.");
  const auto& p = *actor.principal;
  if (case_number.empty() || case_number.size() > 64)
    return core::Error::not_found("No such case.");
  try {
    auto c = db_.read([&](store::Tx& tx) {
      return store::CaseloadRepository::find_by_number(tx, p.agency_id, case_number);
    });
    if (!c || !visible_to(*c, p)) return core::Error::not_found("No such case.");
    return c->id;
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<ContactPerson> TeamService::my_plan_contact(const std::string& case_id,
                                                         const std::string& worker_id,
                                                         const Actor& actor) {
  if (!actor.principal) return core::Error::invalid("My plan is for signed-in users.");
  const auto& p = *actor.principal;
  security::Resource r;
  r.kind = security::ResourceKind::kCase;
  r.id = case_id;
  r.owning_agency_id = p.agency_id;
  r.country = p.country;
  HAVEN_TRY(access_.authorize(p, security::Action::kRead, r, actor.request_id));
  ContactPerson out;
  try {
    db_.read([&](store::Tx& tx) {
      auto agency = store::AgencyRepository::find(tx, p.agency_id);
      if (agency) out.agency = agency->name;
      if (worker_id.empty()) return 0;
      auto user = store::UserRepository::find(tx, worker_id);
      if (user && user->agency_id == p.agency_id) out.name = user->display_name;
      return 0;
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), p.agency_id, "case.my_plan", "case",
                           case_id, "case_management", "success", actor.request_id, std::nullopt}));
  return out;
}

}  // namespace haven::service
