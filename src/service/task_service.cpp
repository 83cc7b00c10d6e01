// Building a user's task list from their cases.
#include "service/task_service.h"

#include <map>
#include <nlohmann/json.hpp>

#include "service/case_service.h"
#include "store/repositories/case_record_repository.h"
#include "store/repositories/case_repository.h"

namespace haven::service {

core::Result<nlohmann::json> TaskService::for_actor(const Actor& actor) {
  if (!actor.principal) return core::Error::invalid("Task lists are for signed-in users.");
  const auto& p = *actor.principal;
  security::Resource r;
  r.kind = security::ResourceKind::kCase;
  r.owning_agency_id = p.agency_id;
  r.country = p.country;
  HAVEN_TRY(access_.authorize(p, security::Action::kRead, r, actor.request_id));
  const bool supervisor = p.role == security::Role::kSupervisor;
  const core::Timestamp now = clock_.now();
  try {
    return db_.write([&](store::Tx& tx) -> core::Result<nlohmann::json> {
      std::vector<domain::CaseSummary> summaries;
      std::map<std::string, std::string> numbers;
      for (const auto& c : store::CaseRepository::open_cases(tx, {p.agency_id})) {
        const bool mine = c.assigned_worker_id == p.user_id;
        if (!supervisor && !mine) continue;
        if (c.restricted && !mine && !(c.team_id && p.team_ids.count(*c.team_id))) continue;
        domain::CaseSummary s = case_summary(c);
        auto plans = store::CaseRecordRepository::plans(tx, c.id);
        s.plan_awaiting_approval = !plans.empty() && plans.back().approval == "submitted";
        auto closure = store::CaseRecordRepository::latest_closure(tx, c.id);
        s.closure_awaiting_approval = closure && closure->requested_by && !closure->approved_on;
        numbers[c.id] = c.case_number;
        summaries.push_back(std::move(s));
      }
      const auto& policy = policies_.for_country(p.country);
      nlohmann::json tasks = nlohmann::json::array();
      for (const auto& t : domain::build_task_list(summaries, policy, now)) {
        if (!supervisor && t.audience == domain::TaskAudience::kSupervisor) continue;
        tasks.push_back(
            {{"kind", domain::to_code(t.kind)},
             {"case_id", t.case_id},
             {"case_number", numbers[t.case_id]},
             {"audience", domain::to_code(t.audience)},
             {"state", domain::to_code(t.state)},
             {"due_date",
              t.deadline ? nlohmann::json(t.deadline->due_date().to_string()) : nlohmann::json()},
             {"risk", domain::to_code(t.risk)},
             {"label", t.label_code}});
      }
      audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "task.list", "case", "",
                         "case_management", "success", actor.request_id, std::nullopt});
      return nlohmann::json{{"audience", supervisor ? "supervisor" : "caseworker"},
                            {"tasks", tasks}};
    });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

}  // namespace haven::service
