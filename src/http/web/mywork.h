// "My work", the home page of caseworkers and supervisors: the worker's open cases ordered by
// urgency, their tasks, for supervisors the approvals waiting and the team's overdue tasks, and
// the agency's reports of the last 14 days. load_my_work gathers it with service::read_my_work
// (TeamService::dashboard's cases and reports and TaskService's tasks from one read, authorized
// and audited as those services do); send_my_work renders it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "service/identity.h"

namespace haven::service {
struct App;
}

namespace haven::http {
class RequestContext;
}

namespace haven::http::web {

class Site;
struct Visitor;

struct MyWorkCase {
  std::string case_id;
  std::string case_number;
  std::string child_name;  // page body only: never in a title or URL
  std::string status;      // code, e.g. "screening"
  std::string risk_level;  // code, "" before a rating
  std::string urgency;     // of the report that opened the case (stands in before a rating)
  std::string next_task;   // task kind code, "" when nothing is due
  std::string next_state;  // task state code
  std::string next_due;    // YYYY-MM-DD or ""
};

struct MyWorkTask {
  std::string kind;  // task kind code
  std::string case_number;
  std::string state;  // overdue, due_soon, awaiting_approval, upcoming
  std::string due_date;
  std::string risk;
};

struct MyWorkReport {
  std::string case_id;
  std::string case_number;
  int64_t received_at = 0;  // ms UTC
  std::string urgency;
  std::string reporter_type;  // code
  std::string status;         // of the case the report opened
  bool mine = false;          // that case is assigned to the viewer
};

struct MyWork {
  bool supervisor = false;
  std::vector<MyWorkCase> cases;         // most urgent first: risk, overdue, due soon, due date
  std::vector<MyWorkTask> tasks;         // the viewer's own: overdue first, then due soon
  std::vector<MyWorkTask> approvals;     // supervisors: plans and closures waiting
  std::vector<MyWorkTask> team_overdue;  // supervisors: the agency's overdue tasks
  std::vector<MyWorkReport> reports;     // newest first, last 14 days
};

inline constexpr int kRecentReportDays = 14;

core::Result<MyWork> load_my_work(service::App& app, const service::Actor& actor);

// Answers GET / for a caseworker or supervisor.
void send_my_work(Site& site, RequestContext& ctx, const Visitor& v);

// "27 Nov 2026" (en), "27.11.2026" (fi) … for a YYYY-MM-DD date; the text itself if it is not one.
// Shared by the pages that list cases (My work, the team view, My plan).
std::string format_day(const std::string& ymd, std::string_view lang);

}  // namespace haven::http::web
