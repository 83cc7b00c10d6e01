// The supervisor view (GET/POST /team): the team's open caseload per worker as a bar chart in
// inline SVG (attributes and haven.css classes only: the CSP allows no inline style) with the
// table behind it, the plans and closures waiting for approval — each approved or returned here
// with a comment through the same service calls as the JSON API — and the overdue list. Data comes
// from TeamService::overview (one query per table).
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/id.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/web/code_labels.h"
#include "http/web/mywork.h"
#include "http/web/pages.h"
#include "http/web/site.h"
#include "service/app.h"

namespace haven::http::web {

namespace {

// The chart's geometry in SVG user units; the viewBox scales it to the page's width.
constexpr int kTeamLabelWidth = 200;
constexpr int kTeamBarWidth = 480;
constexpr int kTeamRowHeight = 34;
constexpr int kTeamBarHeight = 22;
constexpr int kTeamTop = 8;

std::string worker_label(const Site& site, const Visitor& v, const std::string& name) {
  return name.empty() ? site.t(v, "team.unassigned") : name;
}

mstch::array chart_rows(const Site& site, const Visitor& v,
                        const std::vector<service::WorkerCaseload>& load) {
  int most = 1;
  for (const auto& w : load) most = std::max(most, w.total());
  mstch::array rows;
  int y = kTeamTop;
  for (const auto& w : load) {
    mstch::array segments;
    int x = kTeamLabelWidth;
    for (const auto& [count, risk] :
         {std::pair{w.high, "high"}, std::pair{w.medium, "medium"}, std::pair{w.low, "low"}}) {
      if (count == 0) continue;
      const int width = std::max(2, count * kTeamBarWidth / most);
      segments.push_back(mstch::map{{"x", std::to_string(x)},
                                    {"width", std::to_string(width)},
                                    {"class", std::string("bar bar-") + risk}});
      x += width;
    }
    rows.push_back(mstch::map{{"y", std::to_string(y)},
                              {"bar_y", std::to_string(y + (kTeamRowHeight - kTeamBarHeight) / 2)},
                              {"bar_height", std::to_string(kTeamBarHeight)},
                              {"text_y", std::to_string(y + kTeamRowHeight / 2 + 5)},
                              {"label_x", std::to_string(kTeamLabelWidth - 8)},
                              {"count_x", std::to_string(x + 6)},
                              {"name", worker_label(site, v, w.worker_name)},
                              {"total", format_number(w.total(), v.lang)},
                              {"segments", segments}});
    y += kTeamRowHeight;
  }
  return rows;
}

struct TeamOutcome {
  std::vector<FieldMessage> errors;
  std::string notice;
  int status = 200;
};

void send_team(Site& site, RequestContext& ctx, const Visitor& v, const Form& typed,
               TeamOutcome outcome) {
  auto team = site.app().team.overview(service::Actor::of(*v.who, ctx.request_id()));
  if (!team.ok()) {
    if (team.error().code == core::ErrorCode::kForbidden)
      return site.send_message(ctx, v, 403, "error.forbidden.title", "error.forbidden.message");
    return site.send_message(ctx, v, 503, "error.unavailable.title", "error.unavailable.message");
  }
  Page page;
  page.template_name = "team";
  page.title_key = "team.title";
  page.status = outcome.errors.empty() ? outcome.status : 422;
  page.notice = outcome.notice;
  auto& m = page.model;

  m["chart_rows"] = chart_rows(site, v, team->caseload);
  const int height = kTeamTop * 2 + kTeamRowHeight * static_cast<int>(team->caseload.size());
  m["chart_height"] = std::to_string(height);
  m["chart_width"] = std::to_string(kTeamLabelWidth + kTeamBarWidth + 60);
  m["has_caseload"] = !team->caseload.empty();
  mstch::array table;
  for (const auto& w : team->caseload)
    table.push_back(mstch::map{{"name", worker_label(site, v, w.worker_name)},
                               {"high", format_number(w.high, v.lang)},
                               {"medium", format_number(w.medium, v.lang)},
                               {"low", format_number(w.low, v.lang)},
                               {"total", format_number(w.total(), v.lang)},
                               {"overdue", format_number(w.overdue, v.lang)},
                               {"has_overdue", w.overdue > 0}});
  m["caseload"] = table;

  const std::string typed_case = typed.get("case_id");
  mstch::array approvals;
  for (const auto& a : team->approvals) {
    const std::string field = "comment-" + a.case_id;
    std::string error;
    for (const auto& e : outcome.errors)
      if (e.field == field) error = e.message;
    approvals.push_back(
        mstch::map{{"kind", site.t(v, a.kind == "plan" ? "team.kind.plan" : "team.kind.closure")},
                   {"is_plan", a.kind == "plan"},
                   {"case_id", a.case_id},
                   {"case_number", a.case_number},
                   {"child_name", a.child_name},
                   {"worker", worker_label(site, v, a.worker_name)},
                   {"requested",
                    a.requested_on.empty() ? std::string("—") : format_day(a.requested_on, v.lang)},
                   {"plan_id", a.plan_id},
                   {"plan_version", std::to_string(a.plan_version)},
                   {"case_version", std::to_string(a.case_version)},
                   {"field", field},
                   {"comment", typed_case == a.case_id ? typed.get("comment") : std::string()},
                   {"error", error}});
  }
  m["approvals"] = approvals;
  m["has_approvals"] = !team->approvals.empty();

  mstch::array overdue;
  for (const auto& c : team->overdue)
    overdue.push_back(
        mstch::map{{"case_id", c.case_id},
                   {"case_number", c.case_number},
                   {"child_name", c.child_name},
                   {"worker", worker_label(site, v, c.worker_name)},
                   {"task", code_label(site, v, "task.", c.next_task)},
                   {"due", c.next_due.empty() ? std::string("—") : format_day(c.next_due, v.lang)},
                   {"risk", code_label(site, v, "risk.", c.effective_risk())},
                   {"risk_class", "risk-" + c.effective_risk()}});
  m["overdue"] = overdue;
  m["has_overdue"] = !team->overdue.empty();
  page.errors = std::move(outcome.errors);
  site.send(ctx, v, std::move(page));
}

// Approve or return one plan or closure; the redirect's flash says which, or the outcome names
// what went wrong.
void decide(Site& site, RequestContext& ctx, const Visitor& v, const Form& form) {
  const std::string& case_id = form.get("case_id");
  const std::string& action = form.get("action");
  const std::string& comment = form.get("comment");
  const auto actor = service::Actor::of(*v.who, ctx.request_id());
  auto number = [&](const std::string& name) -> int64_t {
    try {
      return std::stoll(form.get(name));
    } catch (const std::exception&) {
      return 0;
    }
  };
  TeamOutcome outcome;
  outcome.status = 409;
  if (!core::is_valid_id(case_id)) {
    outcome.notice = site.t(v, "team.error.not_allowed");
    return send_team(site, ctx, v, form, std::move(outcome));
  }
  core::Result<nlohmann::json> done = core::Error::invalid("Unknown action.");
  const char* flash = "team.flash.approved";
  if (action == "approve_plan" || action == "approve_closure") {
    nlohmann::json body{{"action", action}, {"version", number("case_version")}};
    if (!comment.empty()) body["reason"] = comment;
    if (action == "approve_plan") body["plan_id"] = form.get("plan_id");
    done = site.app().cases.transition(case_id, body, actor);
  } else if (action == "return_plan") {
    flash = "team.flash.returned";
    if (comment.empty()) {
      outcome.errors.push_back({"comment-" + case_id, site.t(v, "team.error.comment")});
      return send_team(site, ctx, v, form, std::move(outcome));
    }
    done = site.app().case_records.return_plan(
        case_id, form.get("plan_id"), {{"version", number("plan_version")}, {"comment", comment}},
        actor);
  } else if (action == "return_closure") {
    flash = "team.flash.closure_returned";
    if (comment.empty()) {
      outcome.errors.push_back({"comment-" + case_id, site.t(v, "team.error.comment")});
      return send_team(site, ctx, v, form, std::move(outcome));
    }
    done = site.app().cases.transition(
        case_id, {{"action", action}, {"version", number("case_version")}, {"reason", comment}},
        actor);
  }
  if (done.ok()) return site.redirect(ctx, "/team", flash);
  switch (done.error().code) {
    case core::ErrorCode::kConflict:
      outcome.notice = site.t(
          v, !done.error().fields.empty() && done.error().fields.front().field == "current_version"
                 ? "team.error.changed"
                 : "team.error.not_allowed");
      break;
    case core::ErrorCode::kForbidden:
      outcome.status = 403;
      outcome.notice = site.t(v, "team.error.own");
      break;
    case core::ErrorCode::kInvalidInput:
      outcome.errors.push_back({"comment-" + case_id, site.t(v, "team.error.comment")});
      break;
    default:
      outcome.notice = site.t(v, "team.error.not_allowed");
  }
  send_team(site, ctx, v, form, std::move(outcome));
}

}  // namespace

void register_team_page(Router& router, std::shared_ptr<Site> site) {
  router.get("/team", "teamPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v || !site->require_role(ctx, *v, security::Role::kSupervisor)) return;
    if (auto resumed = site->resumed_form(ctx)) {
      TeamOutcome kept;
      kept.notice = site->t(*v, "team.resumed");
      return send_team(*site, ctx, *v, *resumed, std::move(kept));
    }
    send_team(*site, ctx, *v, Form(), {});
  });

  router.post("/team", "teamDecide", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v || !site->require_role(ctx, *v, security::Role::kSupervisor)) return;
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, *v, form)) return;
    decide(*site, ctx, *v, form);
  });
}

}  // namespace haven::http::web
