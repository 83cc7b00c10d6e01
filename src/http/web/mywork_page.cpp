// "My work" (GET / for caseworkers and supervisors): gathers the worker's open cases, tasks,
// approvals and the agency's recent reports through the services, orders the cases by urgency and
// renders the `mywork` template. Case numbers are text: there is no case page to link to yet.
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "core/date.h"
#include "domain/case_types.h"
#include "http/request_context.h"
#include "http/web/mywork.h"
#include "http/web/site.h"
#include "service/app.h"

namespace haven::http::web {

namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int kCaseLimit = 200;  // the list's page size; a worker's open caseload is far smaller

std::string text_or_empty(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

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

// The rating, or before there is one the urgency of the report that opened the case.
const std::string& effective_risk(const MyWorkCase& c) {
  return c.risk_level.empty() ? c.urgency : c.risk_level;
}

// Earliest first; no date last.
bool earlier_due(const std::string& a, const std::string& b) {
  if (a.empty() != b.empty()) return !a.empty();
  return a < b;
}

MyWorkTask task_of(const nlohmann::json& t) {
  return {text_or_empty(t, "kind"), text_or_empty(t, "case_number"), text_or_empty(t, "state"),
          text_or_empty(t, "due_date"), text_or_empty(t, "risk")};
}

bool is_approval(const MyWorkTask& t) {
  return t.kind == "approve_plan" || t.kind == "approve_closure";
}

// "27 Nov 2026" (en), "27.11.2026" (fi) … for a YYYY-MM-DD date.
std::string format_date(const std::string& ymd, std::string_view lang) {
  auto d = core::Date::parse(ymd);
  if (!d) return ymd;
  const icu::Locale locale =
      lang == "no" ? icu::Locale("nb", "NO") : icu::Locale(std::string(lang).c_str());
  std::unique_ptr<icu::DateFormat> fmt(
      icu::DateFormat::createDateInstance(icu::DateFormat::kMedium, locale));
  if (!fmt) return ymd;
  fmt->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
  icu::UnicodeString text;
  fmt->format(static_cast<UDate>(d->days_since_epoch() * kDayMs), text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

// The catalog keys of the codes the services answer with, spelled out so the catalog test sees
// every key used; an unknown code shows as itself.
const std::map<std::string, std::string, std::less<>> kLabelKeys = {
    {"status.reported", "status.reported"},
    {"status.screening", "status.screening"},
    {"status.assessment", "status.assessment"},
    {"status.planning", "status.planning"},
    {"status.implementation", "status.implementation"},
    {"status.review", "status.review"},
    {"status.closed", "status.closed"},
    {"status.transferred", "status.transferred"},
    {"status.merged", "status.merged"},
    {"risk.high", "risk.high"},
    {"risk.medium", "risk.medium"},
    {"risk.low", "risk.low"},
    {"task.respond_to_report", "task.respond_to_report"},
    {"task.screening_decision", "task.screening_decision"},
    {"task.complete_assessment", "task.complete_assessment"},
    {"task.write_plan", "task.write_plan"},
    {"task.approve_plan", "task.approve_plan"},
    {"task.hold_review", "task.hold_review"},
    {"task.approve_closure", "task.approve_closure"},
    {"task_state.overdue", "task_state.overdue"},
    {"task_state.due_soon", "task_state.due_soon"},
    {"task_state.awaiting_approval", "task_state.awaiting_approval"},
    {"task_state.upcoming", "task_state.upcoming"},
};

std::string label(const Site& site, const Visitor& v, std::string_view prefix,
                  const std::string& code) {
  auto it = kLabelKeys.find(std::string(prefix) + code);
  return it == kLabelKeys.end() ? code : site.t(v, it->second);
}

mstch::array task_rows(const Site& site, const Visitor& v, const std::vector<MyWorkTask>& tasks) {
  mstch::array rows;
  for (const auto& t : tasks)
    rows.push_back(mstch::map{
        {"task", label(site, v, "task.", t.kind)},
        {"case_number", t.case_number},
        {"due", t.due_date.empty() ? site.t(v, "mywork.no_date") : format_date(t.due_date, v.lang)},
        {"state", label(site, v, "task_state.", t.state)},
        {"state_class", "state-" + t.state},
        {"risk", label(site, v, "risk.", t.risk)}});
  return rows;
}

}  // namespace

core::Result<MyWork> load_my_work(service::App& app, const service::Actor& actor) {
  if (!actor.principal) return core::Error::invalid("My work is for signed-in users.");
  MyWork out;
  out.supervisor = actor.principal->role == security::Role::kSupervisor;

  service::CaseListRequest mine;
  mine.worker = "me";
  mine.limit = kCaseLimit;
  auto listed_r = app.cases.list(mine, actor);
  if (!listed_r.ok()) return listed_r.take_error();
  const nlohmann::json& listed = *listed_r;
  std::set<std::string> my_case_ids;
  for (const auto& item : listed["items"]) {
    auto status = domain::parse_case_status(text_or_empty(item, "status"));
    if (!status || !domain::is_open(*status)) continue;
    // The child's name and the next deadline come with the case itself (read and audited).
    auto c = app.cases.get(item["id"].get<std::string>(), actor);
    if (!c.ok()) continue;
    MyWorkCase line;
    line.case_id = (*c)["id"].get<std::string>();
    line.case_number = text_or_empty(*c, "case_number");
    line.status = text_or_empty(*c, "status");
    line.risk_level = text_or_empty(*c, "risk_level");
    line.urgency = text_or_empty(*c, "urgency");
    if (auto child = c->find("child"); child != c->end() && child->is_object())
      line.child_name =
          text_or_empty(*child, "given_names") + " " + text_or_empty(*child, "family_names");
    if (auto tasks = c->find("tasks"); tasks != c->end() && tasks->is_array()) {
      // Of the case's tasks, the one read first in a list (same order as the task list).
      const nlohmann::json* best = nullptr;
      for (const auto& t : *tasks) {
        if (!best ||
            state_rank(text_or_empty(t, "state")) < state_rank(text_or_empty(*best, "state")) ||
            (state_rank(text_or_empty(t, "state")) == state_rank(text_or_empty(*best, "state")) &&
             earlier_due(text_or_empty(t, "due_date"), text_or_empty(*best, "due_date"))))
          best = &t;
      }
      if (best) {
        line.next_task = text_or_empty(*best, "kind");
        line.next_state = text_or_empty(*best, "state");
        line.next_due = text_or_empty(*best, "due_date");
      }
    }
    my_case_ids.insert(line.case_id);
    out.cases.push_back(std::move(line));
  }
  std::stable_sort(out.cases.begin(), out.cases.end(), [](const auto& a, const auto& b) {
    if (int x = risk_rank(effective_risk(a)), y = risk_rank(effective_risk(b)); x != y)
      return x < y;
    if (int x = state_rank(a.next_state), y = state_rank(b.next_state); x != y) return x < y;
    if (a.next_due != b.next_due) return earlier_due(a.next_due, b.next_due);
    return a.case_number < b.case_number;
  });

  // Tasks come most urgent first: overdue, due soon, approvals waiting, the rest.
  auto tasks_r = app.tasks.for_actor(actor);
  if (!tasks_r.ok()) return tasks_r.take_error();
  const nlohmann::json& tasks = *tasks_r;
  for (const auto& t : tasks["tasks"]) {
    MyWorkTask task = task_of(t);
    const bool own = my_case_ids.count(text_or_empty(t, "case_id")) > 0;
    if (out.supervisor && is_approval(task))
      out.approvals.push_back(std::move(task));
    else if (!out.supervisor || own)
      out.tasks.push_back(std::move(task));
    else if (task.state == "overdue")
      out.team_overdue.push_back(std::move(task));
  }

  // The agency's newest cases, each opened by a report: those of the last 14 days.
  service::CaseListRequest recent;
  recent.limit = 50;
  auto latest_r = app.cases.list(recent, actor);
  if (!latest_r.ok()) return latest_r.take_error();
  const nlohmann::json& latest = *latest_r;
  const int64_t since = app.clock.now().ms - kRecentReportDays * kDayMs;
  for (const auto& item : latest["items"]) {
    const int64_t opened = item["opened_at"].get<int64_t>();
    if (opened < since) break;
    out.reports.push_back({text_or_empty(item, "case_number"), opened,
                           text_or_empty(item, "urgency"), text_or_empty(item, "status"),
                           text_or_empty(item, "assigned_worker_id") == actor.principal->user_id});
  }
  return out;
}

void send_my_work(Site& site, RequestContext& ctx, const Visitor& v) {
  auto work = load_my_work(site.app(), service::Actor::of(*v.who, ctx.request_id()));
  if (!work.ok())
    return site.send_message(ctx, v, 503, "error.unavailable.title", "error.unavailable.message");
  Page page;
  page.template_name = "mywork";
  page.title_key = "mywork.title";

  mstch::array cases;
  for (const auto& c : work->cases) {
    std::string risk = c.risk_level.empty() ? label(site, v, "risk.", c.urgency) + " (" +
                                                  site.t(v, "mywork.risk_from_report") + ")"
                                            : label(site, v, "risk.", c.risk_level);
    mstch::map row{{"case_number", c.case_number},
                   {"child_name", c.child_name},
                   {"status", label(site, v, "status.", c.status)},
                   {"risk", risk},
                   {"risk_class", "risk-" + effective_risk(c)}};
    if (!c.next_task.empty()) {
      row["next_task"] = label(site, v, "task.", c.next_task);
      row["next_due"] =
          c.next_due.empty() ? site.t(v, "mywork.no_date") : format_date(c.next_due, v.lang);
      row["next_state"] = label(site, v, "task_state.", c.next_state);
      row["state_class"] = "state-" + c.next_state;
    }
    cases.push_back(std::move(row));
  }
  page.model["cases"] = cases;
  page.model["has_cases"] = !work->cases.empty();
  page.model["tasks"] = task_rows(site, v, work->tasks);
  page.model["has_tasks"] = !work->tasks.empty();
  page.model["supervisor"] = work->supervisor;
  page.model["approvals"] = task_rows(site, v, work->approvals);
  page.model["has_approvals"] = !work->approvals.empty();
  page.model["team_overdue"] = task_rows(site, v, work->team_overdue);
  page.model["has_team_overdue"] = !work->team_overdue.empty();

  mstch::array reports;
  for (const auto& r : work->reports)
    reports.push_back(mstch::map{{"received", format_date_time(r.opened_at, v.lang)},
                                 {"case_number", r.case_number},
                                 {"urgency", label(site, v, "risk.", r.urgency)},
                                 {"status", label(site, v, "status.", r.status)},
                                 {"mine", r.mine}});
  page.model["reports"] = reports;
  page.model["has_reports"] = !work->reports.empty();
  site.send(ctx, v, std::move(page));
}

}  // namespace haven::http::web
