// "My work" (GET / for caseworkers and supervisors): the worker's open cases and the agency's
// recent reports as TeamService::dashboard gives them (one query each, no read per case) and their
// tasks as TaskService gives them, read together (service/my_work_reads.h), ordered by urgency and
// rendered by the `mywork` template.
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
#include "http/web/code_labels.h"
#include "http/web/mywork.h"
#include "http/web/site.h"
#include "service/app.h"
#include "service/my_work_reads.h"

namespace haven::http::web {

namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;
std::string text_or_empty(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The rating, or before there is one the urgency of the report that opened the case.
const std::string& effective_risk(const MyWorkCase& c) {
  return c.risk_level.empty() ? c.urgency : c.risk_level;
}

MyWorkTask task_of(const nlohmann::json& t) {
  return {text_or_empty(t, "kind"), text_or_empty(t, "case_number"), text_or_empty(t, "state"),
          text_or_empty(t, "due_date"), text_or_empty(t, "risk")};
}

bool is_approval(const MyWorkTask& t) {
  return t.kind == "approve_plan" || t.kind == "approve_closure";
}

mstch::array task_rows(const Site& site, const Visitor& v, const std::vector<MyWorkTask>& tasks) {
  mstch::array rows;
  for (const auto& t : tasks)
    rows.push_back(mstch::map{
        {"task", code_label(site, v, "task.", t.kind)},
        {"case_number", t.case_number},
        {"due", t.due_date.empty() ? site.t(v, "mywork.no_date") : format_day(t.due_date, v.lang)},
        {"state", code_label(site, v, "task_state.", t.state)},
        {"state_class", "state-" + t.state},
        {"risk", code_label(site, v, "risk.", t.risk)}});
  return rows;
}

}  // namespace

std::string format_day(const std::string& ymd, std::string_view lang) {
  auto d = core::Date::parse(ymd);
  if (!d) return ymd;
  // Made once per thread and language (see format_date_time in catalog.cpp).
  thread_local std::map<std::string, std::unique_ptr<icu::DateFormat>, std::less<>> made;
  auto it = made.find(lang);
  if (it == made.end()) {
    const icu::Locale locale =
        lang == "no" ? icu::Locale("nb", "NO") : icu::Locale(std::string(lang).c_str());
    std::unique_ptr<icu::DateFormat> fmt(
        icu::DateFormat::createDateInstance(icu::DateFormat::kMedium, locale));
    if (fmt) fmt->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
    it = made.emplace(std::string(lang), std::move(fmt)).first;
  }
  if (!it->second) return ymd;
  icu::UnicodeString text;
  it->second->format(static_cast<UDate>(d->days_since_epoch() * kDayMs), text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

core::Result<MyWork> load_my_work(service::App& app, const service::Actor& actor) {
  if (!actor.principal) return core::Error::invalid("My work is for signed-in users.");
  MyWork out;
  out.supervisor = actor.principal->role == security::Role::kSupervisor;

  // The dashboard and the task list from one read of the open cases, audited as the two
  // services audit them.
  auto both = service::read_my_work(app, actor, kRecentReportDays);
  if (!both.ok()) return both.take_error();
  const service::Dashboard* dashboard = &both->dashboard;
  std::set<std::string> my_case_ids;
  for (const auto& c : dashboard->cases) {
    my_case_ids.insert(c.case_id);
    out.cases.push_back({c.case_id, c.case_number, c.child_name, c.status, c.risk_level, c.urgency,
                         c.next_task, c.next_state, c.next_due});
  }
  for (const auto& r : dashboard->reports)
    out.reports.push_back(
        {r.case_id, r.case_number, r.received_at, r.urgency, r.reporter_type, r.status, r.mine});

  // Tasks come most urgent first: overdue, due soon, approvals waiting, the rest.
  const nlohmann::json& tasks = both->tasks;
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
    std::string risk = c.risk_level.empty() ? code_label(site, v, "risk.", c.urgency) + " (" +
                                                  site.t(v, "mywork.risk_from_report") + ")"
                                            : code_label(site, v, "risk.", c.risk_level);
    mstch::map row{{"case_number", c.case_number},
                   {"case_id", c.case_id},
                   {"child_name", c.child_name},
                   {"status", code_label(site, v, "status.", c.status)},
                   {"risk", risk},
                   {"risk_class", "risk-" + effective_risk(c)}};
    if (!c.next_task.empty()) {
      row["next_task"] = code_label(site, v, "task.", c.next_task);
      row["next_due"] =
          c.next_due.empty() ? site.t(v, "mywork.no_date") : format_day(c.next_due, v.lang);
      row["next_state"] = code_label(site, v, "task_state.", c.next_state);
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
    reports.push_back(mstch::map{{"received", format_date_time(r.received_at, v.lang)},
                                 {"reporter", code_label(site, v, "reporter.", r.reporter_type)},
                                 {"case_number", r.case_number},
                                 {"urgency", code_label(site, v, "risk.", r.urgency)},
                                 {"status", code_label(site, v, "status.", r.status)},
                                 {"mine", r.mine}});
  page.model["reports"] = reports;
  page.model["has_reports"] = !work->reports.empty();
  site.send(ctx, v, std::move(page));
}

}  // namespace haven::http::web
