// Building a user's task list from their cases.
#include "service/task_service.h"

#include <map>
#include <nlohmann/json.hpp>

#include "service/case_service.h"
#include "service/my_work_reads.h"
#include "store/repositories/case_repository.h"
#include "store/repositories/caseload_repository.h"

namespace haven::service {

core::Result<nlohmann::json> TaskService::for_actor(const Actor& actor) {
  if (!actor.principal) return core::Error::invalid("Task lists are for signed-in users.");
  const auto& p = *actor.principal;
  HAVEN_TRY(authorize_case_lists(access_, p, actor.request_id));
  const bool supervisor = p.role == security::Role::kSupervisor;
  const core::Timestamp now = clock_.now();
  // One query: a caseworker's own open cases (a supervisor's: the agency's), each with its latest
  // plan's and closure's approval state. The read is audited through the group commit.
  std::vector<store::CaseloadRow> rows;
  try {
    rows = db_.read([&](store::Tx& tx) {
      return store::CaseloadRepository::open_cases(
          tx, p.agency_id, supervisor ? std::nullopt : std::optional(p.user_id));
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  nlohmann::json answer = task_list_view(rows, p, policies_.for_country(p.country), now);
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "task.list", "case",
                           "", "case_management", "success", actor.request_id, std::nullopt}));
  return answer;
}

nlohmann::json task_list_view(const std::vector<store::CaseloadRow>& rows,
                              const security::Principal& p, const domain::CountryPolicy& policy,
                              core::Timestamp now) {
  const bool supervisor = p.role == security::Role::kSupervisor;
  std::vector<domain::CaseSummary> summaries;
  std::map<std::string, std::string> numbers;
  for (const auto& row : rows) {
    const auto& c = row.c;
    const bool mine = c.assigned_worker_id == p.user_id;
    if (c.restricted && !mine && !(c.team_id && p.team_ids.count(*c.team_id))) continue;
    domain::CaseSummary s = case_summary(c);
    s.plan_awaiting_approval = row.plan_approval == "submitted";
    s.closure_awaiting_approval = row.closure_awaiting_approval;
    numbers[c.id] = c.case_number;
    summaries.push_back(std::move(s));
  }
  nlohmann::json tasks = nlohmann::json::array();
  for (const auto& t : domain::build_task_list(summaries, policy, now)) {
    if (!supervisor && t.audience == domain::TaskAudience::kSupervisor) continue;
    tasks.push_back({{"kind", domain::to_code(t.kind)},
                     {"case_id", t.case_id},
                     {"case_number", numbers[t.case_id]},
                     {"audience", domain::to_code(t.audience)},
                     {"state", domain::to_code(t.state)},
                     {"due_date", t.deadline ? nlohmann::json(t.deadline->due_date().to_string())
                                             : nlohmann::json()},
                     {"risk", domain::to_code(t.risk)},
                     {"label", t.label_code}});
  }
  return nlohmann::json{{"audience", supervisor ? "supervisor" : "caseworker"}, {"tasks", tasks}};
}

}  // namespace haven::service
