// "My work" on both databases: a caseworker's open cases ordered by urgency (risk, then overdue,
// then due soon) with the child's name in the page body but never in its title, tasks overdue
// first, the agency's reports of the last 14 days; a supervisor's approvals waiting and the team's
// overdue tasks; a worker of another agency who sees none of it.
#include <gtest/gtest.h>

#include "case_fixture.h"
#include "http/web/mywork.h"
#include "service/app.h"
#include "store/repositories/user_repository.h"

namespace haven::testing {
namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

class MyWorkTest : public CaseApiTest {
 protected:
  // Intake of a report about a new child as `token`; the answer (case_id, case_number).
  // Received `days_ago` days ago, so its deadlines have run that long without the sessions
  // expiring.
  nlohmann::json report(const std::string& token, const std::string& given,
                        const std::string& family, const std::string& urgency, int days_ago = 0) {
    nlohmann::json body = intake_body();
    body["child"]["given_names"] = given;
    body["child"]["family_names"] = family;
    body["child"].erase("identity_numbers");
    body["report"]["urgency"] = urgency;
    body["report"]["received_at"] = clock_->now().ms - days_ago * kDayMs;
    auto r = send("POST", token, "/api/v1/reports", body);
    EXPECT_EQ(r ? r->status : 0, 201) << (r ? r->body : "");
    return body_of(r);
  }

  // GET / with the session as the browser sends it; the HTML.
  std::string page(const std::string& token) {
    auto r = client().Get("/", httplib::Headers{{"Cookie", "haven_session=" + token}});
    EXPECT_TRUE(r);
    if (!r) return "";
    EXPECT_EQ(r->status, 200) << r->body;
    return r->body;
  }

  // The user as the services see them (no session needed, so the clock may run past its expiry).
  service::Actor actor(const std::string& username) {
    service::Actor a;
    a.request_id = "test";
    a.principal = db().read([&](store::Tx& tx) {
      auto row = store::UserRepository::find(tx, user_ids_[username]);
      return *app().access.principal_for(tx, *row, nullptr);
    });
    return a;
  }

  http::web::MyWork load(const std::string& username) {
    auto w = http::web::load_my_work(app(), actor(username));
    EXPECT_TRUE(w.ok()) << (w.ok() ? "" : w.error().message);
    return w.ok() ? *w : http::web::MyWork{};
  }

  static std::string title_of(const std::string& html) {
    const auto b = html.find("<title>"), e = html.find("</title>");
    return b == std::string::npos || e == std::string::npos ? "" : html.substr(b, e - b);
  }
};

TEST_P(MyWorkTest, ACaseworkerSeesOpenCasesByUrgencyTasksOverdueFirstAndRecentReports) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string bo = sign_in("bo", "caseworker");
  // Received two days ago: the high-urgency response (24 h) is overdue, the medium one (72 h) due
  // soon.
  const std::string low = report(anna, "Liam", "Andersson", "low", 2)["case_number"];
  const std::string high = report(anna, "Maja", "Berg", "high", 2)["case_number"];
  const std::string medium = report(anna, "Noah", "Carlsson", "medium", 2)["case_number"];
  const std::string others = report(bo, "Olle", "Dahl", "high", 2)["case_number"];

  auto work = load("anna");
  EXPECT_FALSE(work.supervisor);
  ASSERT_EQ(work.cases.size(), 3u);  // Bo's case is not Anna's
  EXPECT_EQ(work.cases[0].case_number, high);
  EXPECT_EQ(work.cases[0].child_name, "Maja Berg");
  EXPECT_EQ(work.cases[0].next_state, "overdue");
  EXPECT_EQ(work.cases[1].case_number, medium);
  EXPECT_EQ(work.cases[1].next_state, "due_soon");
  EXPECT_EQ(work.cases[2].case_number, low);
  ASSERT_FALSE(work.tasks.empty());
  EXPECT_EQ(work.tasks.front().state, "overdue");
  EXPECT_EQ(work.tasks.front().case_number, high);
  auto rank = [](const std::string& s) {
    return s == "overdue" ? 0 : s == "due_soon" ? 1 : s == "awaiting_approval" ? 2 : 3;
  };
  for (size_t i = 1; i < work.tasks.size(); ++i)
    EXPECT_LE(rank(work.tasks[i - 1].state), rank(work.tasks[i].state)) << i;
  for (const auto& t : work.tasks) EXPECT_NE(t.case_number, others);
  // The agency's reports, newest first, Bo's included and not marked as Anna's.
  ASSERT_EQ(work.reports.size(), 4u);
  EXPECT_EQ(work.reports[0].case_number, others);
  EXPECT_FALSE(work.reports[0].mine);
  EXPECT_EQ(work.reports[3].case_number, low);
  EXPECT_TRUE(work.reports[3].mine);
  EXPECT_TRUE(work.approvals.empty());

  const std::string html = page(anna);
  EXPECT_NE(html.find("<h1"), std::string::npos);
  EXPECT_NE(title_of(html).find("My work"), std::string::npos) << title_of(html);
  EXPECT_EQ(title_of(html).find("Maja"), std::string::npos);
  const auto cases_at = html.find("My open cases, most urgent first");
  const auto tasks_at = html.find("id=\"mywork-tasks\"");
  ASSERT_NE(cases_at, std::string::npos);
  ASSERT_NE(tasks_at, std::string::npos);
  const auto h = html.find(high, cases_at), m = html.find(medium, cases_at),
             l = html.find(low, cases_at);
  EXPECT_LT(h, m);
  EXPECT_LT(m, l);
  EXPECT_LT(l, tasks_at);
  EXPECT_NE(html.find("Maja Berg"), std::string::npos);
  EXPECT_NE(html.find("Overdue"), std::string::npos);
  EXPECT_NE(html.find("Due soon"), std::string::npos);
  EXPECT_EQ(html.find("Waiting for your approval"), std::string::npos);  // not a supervisor
  // Each case number links to its case page.
  EXPECT_NE(html.find("href=\"/cases/" + work.cases[0].case_id + "\""), std::string::npos)
      << html.substr(cases_at, 1200);

  // Fifteen days on, the reports are no longer recent; the cases are still open and overdue.
  clock_->advance_ms(15 * kDayMs);
  work = load("anna");
  EXPECT_TRUE(work.reports.empty());
  EXPECT_EQ(work.cases.size(), 3u);
}

TEST_P(MyWorkTest, ASupervisorSeesPlansWaitingAndTheTeamsOverdueTasks) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string sven = sign_in("sven", "supervisor");
  const auto overdue = report(anna, "Maja", "Berg", "high", 2);
  const auto planned = report(anna, "Noah", "Carlsson", "medium");
  const std::string base = "/api/v1/cases/" + planned["case_id"].get<std::string>();
  auto step = [&](const std::string& method, const std::string& path, const nlohmann::json& b,
                  int status) {
    auto r = send(method, anna, path, b);
    EXPECT_EQ(r ? r->status : 0, status) << path << ": " << (r ? r->body : "");
    return body_of(r);
  };
  auto c = step("GET", base, nullptr, 200);
  c = step("POST", base + "/transitions",
           {{"action", "start_screening"}, {"version", c["version"]}}, 200);
  c = step("POST", base + "/screening",
           {{"open_assessment", true}, {"reasons", "Repeated signs of neglect."}}, 201);
  c = step("POST", base + "/transitions", {{"action", "screen_in"}, {"version", c["version"]}},
           200);
  const std::string today = core::Date::of(clock_->now()).to_string();
  c = step("POST", base + "/assessments",
           {{"safety", "No immediate danger."},
            {"child_views", "Noah says there is often no food at home."},
            {"completed_on", today},
            {"risk_level", "medium"},
            {"risk_rationale", "Chronic neglect, no acute danger."}},
           201);
  c = step("POST", base + "/transitions",
           {{"action", "complete_assessment"}, {"version", c["version"]}}, 200);
  c = step("POST", base + "/plans",
           {{"goals",
             {{{"description", "Noah has regular meals."},
               {"actions",
                {{{"description", "Parenting support"},
                  {"responsible", "Family centre"},
                  {"due_on", core::Date::of(clock_->now()).plus_days(60).to_string()}}}}}}},
            {"child_views", "Noah wants breakfast at school."},
            {"caregiver_views", "Father agrees."}},
           201);
  const std::string plan_id = c["plans"][0]["id"];
  c = step("POST", base + "/plans/" + plan_id + "/submit", {{"version", c["version"]}}, 200);

  auto work = load("sven");
  EXPECT_TRUE(work.supervisor);
  EXPECT_TRUE(work.cases.empty());  // no case is assigned to Sven himself
  ASSERT_EQ(work.approvals.size(), 1u);
  EXPECT_EQ(work.approvals[0].kind, "approve_plan");
  EXPECT_EQ(work.approvals[0].case_number, planned["case_number"]);
  ASSERT_FALSE(work.team_overdue.empty());
  EXPECT_EQ(work.team_overdue[0].case_number, overdue["case_number"]);
  for (const auto& t : work.team_overdue) EXPECT_EQ(t.state, "overdue");
  EXPECT_EQ(work.reports.size(), 2u);

  const std::string html = page(sven);
  const auto approvals_at = html.find("Waiting for your approval");
  ASSERT_NE(approvals_at, std::string::npos);
  EXPECT_NE(html.find("Approve the plan", approvals_at), std::string::npos);
  EXPECT_NE(html.find(planned["case_number"].get<std::string>(), approvals_at), std::string::npos);
  const auto team_at = html.find("Overdue in your team");
  ASSERT_NE(team_at, std::string::npos);
  EXPECT_NE(html.find(overdue["case_number"].get<std::string>(), team_at), std::string::npos);
  EXPECT_NE(html.find("You have no open cases."), std::string::npos);

  // Anna's page shows her plan's case waiting, not an approval for her to give.
  EXPECT_EQ(page(anna).find("Waiting for your approval"), std::string::npos);
}

TEST_P(MyWorkTest, AWorkerOfAnotherAgencySeesNoneOfIt) {
  const std::string anna = sign_in("anna", "caseworker");
  report(anna, "Maja", "Berg", "high");
  auto other =
      app().agencies.create({"Rīgas bāriņtiesa", "child_protection", "LV"}, service::Actor::cli());
  ASSERT_TRUE(other.ok());
  const std::string ilze = sign_in("ilze", "caseworker", other->id);
  auto work = load("ilze");
  EXPECT_TRUE(work.cases.empty());
  EXPECT_TRUE(work.tasks.empty());
  EXPECT_TRUE(work.reports.empty());
  const std::string html = page(ilze);
  EXPECT_EQ(html.find("Maja"), std::string::npos);
  EXPECT_NE(html.find("You have no open cases."), std::string::npos);
}

TEST_P(MyWorkTest, OtherRolesKeepTheHomePage) {
  const std::string auditor = sign_in("aud", "auditor");
  const std::string html = page(auditor);
  EXPECT_EQ(html.find("id=\"mywork-cases\""), std::string::npos);
  EXPECT_NE(html.find("<title>Home"), std::string::npos);
  EXPECT_NE(html.find("class=\"cards\""), std::string::npos);  // the home page's links
}

HAVEN_INSTANTIATE_BACKENDS(MyWorkTest);

}  // namespace
}  // namespace haven::testing
