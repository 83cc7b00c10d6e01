// "My plan" (GET /cases/{case_id}/my-plan): a printable one-page summary for the child, in plain
// words and in the child's language when haven speaks it (else the worker's; `?lang=` switches):
// who their contact person is, what happens next (the plan's goals and actions, the next review),
// and what they said and how it was used (participation records: voice and influence). Read
// through CaseService, ChildService and ParticipationService (each audited) and audited as
// case.my_plan.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/id.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/web/mywork.h"
#include "http/web/pages.h"
#include "http/web/site.h"
#include "service/app.h"

namespace haven::http::web {

namespace {

std::string text_of(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A child's language code as a page language: "nb" and "nn" read Norwegian ("no").
std::string page_language_of(std::string code) {
  if (code == "nb" || code == "nn") code = "no";
  return is_page_language(code) ? code : std::string();
}

// The plan the child is told about: the newest approved one, else the newest of any state.
const nlohmann::json* plan_to_show(const nlohmann::json& c) {
  const nlohmann::json* chosen = nullptr;
  if (!c.contains("plans") || !c["plans"].is_array()) return nullptr;
  for (const auto& p : c["plans"])
    if (text_of(p, "approval") == "approved") chosen = &p;
  if (!chosen && !c["plans"].empty()) chosen = &c["plans"].back();
  return chosen;
}

// The next time the plan is looked at together: the newest review's next date, else the review
// task's due date.
std::string next_review(const nlohmann::json& c) {
  std::string next;
  if (c.contains("reviews") && c["reviews"].is_array())
    for (const auto& r : c["reviews"])
      if (auto d = text_of(r, "next_review_on"); !d.empty()) next = d;
  if (next.empty() && c.contains("tasks") && c["tasks"].is_array())
    for (const auto& t : c["tasks"])
      if (text_of(t, "kind") == "hold_review") next = text_of(t, "due_date");
  return next;
}

}  // namespace

void register_my_plan_page(Router& router, std::shared_ptr<Site> site) {
  router.get("/cases/{case_id}/my-plan", "myPlanPage", [site](RequestContext& ctx) {
    auto v = site->require_signed_in(ctx);
    if (!v) return;
    const std::string case_id(ctx.param("case_id"));
    if (!core::is_valid_id(case_id))
      return site->send_message(ctx, *v, 404, "myplan.not_found.title", "myplan.not_found.message");
    auto& app = site->app();
    const auto actor = service::Actor::of(*v->who, ctx.request_id());
    auto c = app.cases.get(case_id, actor);
    if (!c.ok()) {
      if (c.error().code == core::ErrorCode::kUnavailable ||
          c.error().code == core::ErrorCode::kInternal)
        return site->send_message(ctx, *v, 503, "error.unavailable.title",
                                  "error.unavailable.message");
      return site->send_message(ctx, *v, 404, "myplan.not_found.title", "myplan.not_found.message");
    }
    const nlohmann::json child_in_case = c->contains("child") && (*c)["child"].is_object()
                                             ? (*c)["child"]
                                             : nlohmann::json::object();
    std::vector<std::string> child_langs;
    if (auto child = app.children.get(text_of(child_in_case, "id"), actor); child.ok())
      if (auto langs = child->find("languages"); langs != child->end() && langs->is_array())
        for (const auto& l : *langs)
          if (l.is_string()) child_langs.push_back(l.get<std::string>());
    auto records = app.participation.list(actor, case_id);
    if (!records.ok())
      return site->send_message(ctx, *v, 503, "error.unavailable.title",
                                "error.unavailable.message");
    auto contact = app.team.my_plan_contact(case_id, text_of(*c, "assigned_worker_id"), actor);
    if (!contact.ok())
      return site->send_message(ctx, *v, 503, "error.unavailable.title",
                                "error.unavailable.message");

    // The page's language: asked for, else the child's first that haven speaks, else the worker's.
    std::vector<std::string> offered;
    auto offer = [&](const std::string& code) {
      if (!code.empty() && std::find(offered.begin(), offered.end(), code) == offered.end())
        offered.push_back(code);
    };
    for (const auto& l : child_langs) offer(page_language_of(l));
    const bool child_language_known = !offered.empty();
    offer(v->lang);
    offer("en");
    std::string lang = page_language_of(ctx.query("lang"));
    if (lang.empty()) lang = offered.front();
    offer(lang);
    Visitor shown = *v;
    shown.lang = lang;

    Page page;
    page.template_name = "my_plan";
    page.title_key = "myplan.title";
    auto& m = page.model;
    m["case_id"] = case_id;
    m["given_name"] = text_of(child_in_case, "given_names");
    m["contact_name"] = contact->name;
    m["contact_agency"] = contact->agency;
    m["has_contact"] = !contact->name.empty();
    m["today"] = format_day(core::Date::of(app.clock.now()).to_string(), lang);
    m["no_child_language"] = !child_language_known;
    mstch::array switches;
    for (const auto& code : offered)
      switches.push_back(mstch::map{{"code", code},
                                    {"name", site->catalogs().text(code, "language.name")},
                                    {"current", code == lang}});
    m["switches"] = switches;

    if (const nlohmann::json* plan = plan_to_show(*c)) {
      m["has_plan"] = true;
      m["plan_draft"] = text_of(*plan, "approval") != "approved";
      mstch::array goals;
      if (plan->contains("goals") && (*plan)["goals"].is_array())
        for (const auto& g : (*plan)["goals"]) {
          mstch::array actions;
          if (g.contains("actions") && g["actions"].is_array())
            for (const auto& a : g["actions"]) {
              const std::string due = text_of(a, "due_on");
              actions.push_back(mstch::map{{"what", text_of(a, "description")},
                                           {"who", text_of(a, "responsible")},
                                           {"when", due.empty() ? due : format_day(due, lang)},
                                           {"has_when", !due.empty()},
                                           {"done", a.value("done", false)}});
            }
          goals.push_back(mstch::map{{"goal", text_of(g, "description")}, {"actions", actions}});
        }
      m["goals"] = goals;
    }
    const std::string next = next_review(*c);
    m["next_review"] = next.empty() ? next : format_day(next, lang);
    m["has_next_review"] = !next.empty();

    mstch::array heard;
    for (const auto& e : *records) {
      const auto& r = e.record;
      heard.push_back(
          mstch::map{{"decision", r.decision},
                     {"declined", r.voice.declined},
                     {"views", r.voice.views},
                     {"weight", r.influence.weight_given},
                     {"has_weight", !r.influence.weight_given.empty()},
                     {"told_on", r.influence.feedback_given_on
                                     ? format_day(r.influence.feedback_given_on->to_string(), lang)
                                     : std::string()}});
    }
    m["heard"] = heard;
    m["has_heard"] = !records->empty();
    site->send(ctx, shown, std::move(page));
  });
}

}  // namespace haven::http::web
