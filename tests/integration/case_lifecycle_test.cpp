// A case from report to closure through the HTTP API on both databases — intake, screening,
// assessment, a plan a supervisor approves, a review, a closure a supervisor approves — and the
// history read back; a closure request a supervisor returns with a comment and the worker asks
// again; two clients with the same version (one wins, one gets 409); bad input that
// is rejected with every field named and nothing written; and a worker of another agency who
// cannot see the case.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "case_fixture.h"

namespace haven::testing {
namespace {

class CaseLifecycleTest : public CaseApiTest {
 protected:
  // Intake as `token`; the new case's id.
  std::string open_case(const std::string& token) {
    auto r = send("POST", token, "/api/v1/reports", intake_body());
    EXPECT_EQ(r ? r->status : 0, 201) << (r ? r->body : "");
    auto j = body_of(r);
    EXPECT_EQ(j["case_number"].get<std::string>().rfind("SE-", 0), 0u);
    return j["case_id"].get<std::string>();
  }

  // POSTs and expects `status`; the answer's JSON.
  nlohmann::json ok(const std::string& method, const std::string& token, const std::string& path,
                    const nlohmann::json& body, int status = 200) {
    auto r = send(method, token, path, body);
    EXPECT_TRUE(r);
    if (!r) return nullptr;
    EXPECT_EQ(r->status, status) << method << " " << path << ": " << r->body;
    return body_of(r);
  }

  nlohmann::json act(const std::string& token, const std::string& case_id,
                     const std::string& action, int64_t version, int status = 200) {
    return ok("POST", token, "/api/v1/cases/" + case_id + "/transitions",
              {{"action", action}, {"version", version}}, status);
  }

  std::string today() const { return core::Date::of(clock_->now()).to_string(); }
};

bool has_field(const nlohmann::json& problem, const std::string& field) {
  if (!problem.contains("errors")) return false;
  for (const auto& e : problem["errors"])
    if (e["field"] == field) return true;
  return false;
}

TEST_P(CaseLifecycleTest, ReportToClosureWithSupervisorApprovalsAndHistory) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string sven = sign_in("sven", "supervisor");
  const std::string id = open_case(anna);
  const std::string base = "/api/v1/cases/" + id;

  auto c = ok("GET", anna, base, nullptr);
  EXPECT_EQ(c["status"], "reported");
  EXPECT_EQ(c["reports"][0]["narrative"], "Elsa comes to school hungry and without warm clothes.");
  EXPECT_EQ(c["child"]["family_names"], "Öberg");

  c = act(anna, id, "start_screening", c["version"]);
  EXPECT_EQ(c["status"], "screening");
  // screen_in before a decision is recorded names the missing precondition.
  auto refused = act(anna, id, "screen_in", c["version"], 409);
  EXPECT_TRUE(has_field(refused, "screening_decision_recorded")) << refused.dump();

  c = ok("POST", anna, base + "/screening",
         {{"open_assessment", true}, {"reasons", "Repeated signs of neglect reported by school."}},
         201);
  c = act(anna, id, "screen_in", c["version"]);
  EXPECT_EQ(c["status"], "assessment");

  c = ok("POST", anna, base + "/assessments",
         {{"safety", "No immediate danger."},
          {"health", "Underweight for her age."},
          {"child_views", "Elsa says there is often no food at home."},
          {"completed_on", today()},
          {"risk_level", "medium"},
          {"risk_rationale", "Chronic neglect, no acute danger."}},
         201);
  EXPECT_EQ(c["risk_level"], "medium");
  ASSERT_EQ(c["risk_history"].size(), 1u);
  c = act(anna, id, "complete_assessment", c["version"]);
  EXPECT_EQ(c["status"], "planning");

  c = ok("POST", anna, base + "/plans",
         {{"goals",
           {{{"description", "Elsa has regular meals."},
             {"actions",
              {{{"description", "Parenting support twice a week"},
                {"responsible", "Family centre Malmö"},
                {"due_on", core::Date::of(clock_->now()).plus_days(60).to_string()}}}}}}},
          {"child_views", "Elsa wants breakfast at school."},
          {"caregiver_views", "Mother agrees to parenting support."}},
         201);
  const std::string plan_id = c["plans"][0]["id"];
  c = ok("POST", anna, base + "/plans/" + plan_id + "/submit", {{"version", c["version"]}});
  EXPECT_EQ(c["plans"][0]["approval"], "submitted");
  // The caseworker cannot approve; the supervisor can.
  auto denied =
      send("POST", anna, base + "/plans/" + plan_id + "/approve", {{"version", c["version"]}});
  EXPECT_EQ(denied->status, 403) << denied->body;
  c = ok("POST", sven, base + "/plans/" + plan_id + "/approve", {{"version", c["version"]}});
  EXPECT_EQ(c["status"], "implementation");
  EXPECT_EQ(c["plans"][0]["approved_by"], user_ids_["sven"]);

  c = act(anna, id, "start_review", c["version"]);
  c = ok("POST", anna, base + "/reviews",
         {{"progress", "Elsa eats regularly; attendance is up."},
          {"risk_level", "low"},
          {"risk_rationale", "Support accepted and working."},
          {"decisions", "Prepare closure."}},
         201);
  EXPECT_EQ(c["risk_level"], "low");
  c = ok("PUT", anna, base + "/closure",
         {{"reason", "goals_met_child_safe"},
          {"summary", "Goals met; family continues voluntarily."}});
  // Approving closure before it is requested is refused with the reason.
  auto early = send("POST", sven, base + "/closure/approve", {{"version", c["version"]}});
  EXPECT_EQ(early->status, 409) << early->body;
  c = ok("POST", anna, base + "/closure/request", {{"version", c["version"]}});
  c = ok("POST", sven, base + "/closure/approve", {{"version", c["version"]}});
  EXPECT_EQ(c["status"], "closed");
  EXPECT_EQ(c["closure_reason"], "goals_met_child_safe");

  auto h = ok("GET", anna, base + "/history", nullptr);
  std::vector<std::string> statuses;
  bool narrative_seen = false, plan_approved = false;
  for (const auto& e : h["entries"]) {
    if (e["entity"] == "case" && e["field"] == "status") statuses.push_back(e["new_value"]);
    if (e["field"] == "narrative") {
      narrative_seen = true;
      EXPECT_TRUE(e["sensitive"].get<bool>());
      EXPECT_EQ(e["new_value"], "Elsa comes to school hungry and without warm clothes.");
    }
    if (e["entity"] == "case_plan" && e["field"] == "approval" && e["new_value"] == "approved")
      plan_approved = e["changed_by"] == user_ids_["sven"];
  }
  EXPECT_EQ(statuses, (std::vector<std::string>{"reported", "screening", "assessment", "planning",
                                                "implementation", "review", "closed"}));
  EXPECT_TRUE(narrative_seen);
  EXPECT_TRUE(plan_approved);
  // At rest, the sensitive history value and the narrative exist only as ciphertexts.
  db().read([&](store::Tx& tx) {
    auto row = tx.query_one(
        "SELECT new_value, new_value_ct FROM record_history WHERE field = 'narrative'");
    ASSERT_TRUE(row);
    EXPECT_TRUE(row->is_null(0));
    EXPECT_FALSE(row->is_null(1));
    auto rep = tx.query_one("SELECT narrative_ct FROM reports");
    const auto& bytes = rep->blob(0).bytes;
    EXPECT_EQ(std::string(bytes.begin(), bytes.end()).find("hungry"), std::string::npos);
  });
}

TEST_P(CaseLifecycleTest, ASupervisorReturnsAClosureRequestWithACommentAndItCanBeAskedAgain) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string sven = sign_in("sven", "supervisor");
  const std::string id = open_case(anna);
  const std::string base = "/api/v1/cases/" + id;
  auto c = act(anna, id, "start_screening", 1);
  c = ok("POST", anna, base + "/screening", {{"open_assessment", true}, {"reasons", "Neglect."}},
         201);
  c = act(anna, id, "screen_in", c["version"]);
  c = ok("PUT", anna, base + "/closure",
         {{"reason", "family_declines_child_safe"}, {"summary", "Family declines help."}});
  // Nothing to return before it is requested.
  auto early = send("POST", sven, base + "/closure/return",
                    {{"version", c["version"]}, {"comment", "Not yet."}});
  EXPECT_EQ(early->status, 409) << early->body;
  EXPECT_TRUE(has_field(nlohmann::json::parse(early->body), "closure_requested"));
  c = ok("POST", anna, base + "/closure/request", {{"version", c["version"]}});

  auto no_comment = send("POST", sven, base + "/closure/return", {{"version", c["version"]}});
  EXPECT_EQ(no_comment->status, 409) << no_comment->body;
  EXPECT_TRUE(has_field(nlohmann::json::parse(no_comment->body), "return_comment_recorded"));
  auto by_worker = send("POST", anna, base + "/closure/return",
                        {{"version", c["version"]}, {"comment", "Mine."}});
  EXPECT_EQ(by_worker->status, 403) << by_worker->body;
  auto stale = send("POST", sven, base + "/closure/return",
                    {{"version", c["version"].get<int64_t>() - 1}, {"comment", "Old."}});
  EXPECT_EQ(stale->status, 409) << stale->body;

  c = ok("POST", sven, base + "/closure/return",
         {{"version", c["version"]}, {"comment", "Ask the school how Elsa is doing first."}});
  EXPECT_EQ(c["status"], "assessment");
  EXPECT_TRUE(c["closure"]["requested_by"].is_null());
  EXPECT_EQ(c["closure"]["return_comment"], "Ask the school how Elsa is doing first.");
  EXPECT_EQ(c["closure"]["returned_by"], user_ids_["sven"]);
  EXPECT_EQ(c["closure"]["returned_on"], today());
  // Approval now waits for a new request.
  auto approve = send("POST", sven, base + "/closure/approve", {{"version", c["version"]}});
  EXPECT_EQ(approve->status, 409) << approve->body;

  // The worker changes the record and asks again; the supervisor approves.
  c = ok("PUT", anna, base + "/closure",
         {{"reason", "family_declines_child_safe"},
          {"summary", "Family declines help; the school sees Elsa daily."},
          {"version", c["closure"]["version"]}});
  c = ok("POST", anna, base + "/closure/request", {{"version", c["version"]}});
  c = ok("POST", sven, base + "/closure/approve", {{"version", c["version"]}});
  EXPECT_EQ(c["status"], "closed");

  int64_t returns = 0;
  db().read([&](store::Tx& tx) {
    returns = tx.query_one(
                    "SELECT COUNT(*) FROM audit_events WHERE action = 'case.transition' "
                    "AND outcome = 'success' AND details LIKE '%return_closure%'")
                  ->integer(0);
  });
  EXPECT_EQ(returns, 1);
}

TEST_P(CaseLifecycleTest, SameVersionTwiceOneSucceedsTheOtherGets409) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string id = open_case(anna);
  std::atomic<int> ok200{0}, conflict{0};
  std::atomic<int64_t> current{0};
  auto attempt = [&] {
    auto r = send("POST", anna, "/api/v1/cases/" + id + "/transitions",
                  {{"action", "start_screening"}, {"version", 1}});
    if (r && r->status == 200) ++ok200;
    if (r && r->status == 409) {
      ++conflict;
      current = body_of(r)["current_version"].get<int64_t>();
    }
  };
  std::thread a(attempt), b(attempt);
  a.join();
  b.join();
  EXPECT_EQ(ok200.load(), 1);
  EXPECT_EQ(conflict.load(), 1);
  EXPECT_EQ(current.load(), 2);
  // If-Match carries the version as well.
  auto c = client();
  auto r = c.Post("/api/v1/cases/" + id + "/transitions",
                  httplib::Headers{{"Authorization", "Bearer " + anna}, {"If-Match", "\"1\""}},
                  nlohmann::json{{"action", "screen_out"}}.dump(), "application/json");
  EXPECT_EQ(r->status, 409) << r->body;
  EXPECT_EQ(body_of(r)["current_version"], 2);
}

TEST_P(CaseLifecycleTest, BadInputIsRejectedWithEveryFieldAndWritesNothing) {
  const std::string anna = sign_in("anna", "caseworker");
  const int64_t children = count("children"), reports = count("reports"), cases = count("cases");

  struct Bad {
    const char* what;
    std::function<void(nlohmann::json&)> edit;
    const char* field;
  };
  const std::vector<Bad> bad = {
      {"future birth date",
       [&](nlohmann::json& b) {
         b["child"]["birth_date"] = core::Date::of(clock_->now()).plus_days(3).to_string();
       },
       "child.birth_date"},
      {"estimated age of an adult",
       [](nlohmann::json& b) {
         b["child"]["birth_date"] = "1985-01-01";
         b["child"]["birth_date_estimated"] = true;
         b["child"]["birth_date_estimate_basis"] = "caseworker_estimate";
       },
       "child.birth_date"},
      {"unknown enum", [](nlohmann::json& b) { b["child"]["sex"] = "robot"; }, "child.sex"},
      {"unknown concern", [](nlohmann::json& b) { b["report"]["concern_categories"] = {"gossip"}; },
       "report.concern_categories[0]"},
      {"over-long name",
       [](nlohmann::json& b) { b["child"]["given_names"] = std::string(201, 'a'); },
       "child.given_names"},
      {"missing required country field",
       [](nlohmann::json& b) { b["report"].erase("custom_fields"); },
       "report.custom_fields.police_report"},
  };
  for (const auto& x : bad) {
    nlohmann::json body = intake_body();
    x.edit(body);
    auto r = send("POST", anna, "/api/v1/reports", body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 422) << x.what << ": " << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
    EXPECT_TRUE(has_field(body_of(r), x.field)) << x.what << ": " << r->body;
  }
  // Several problems at once are all named.
  nlohmann::json many = intake_body();
  many["child"]["sex"] = "robot";
  many["report"]["urgency"] = "whenever";
  auto r = send("POST", anna, "/api/v1/reports", many);
  EXPECT_TRUE(has_field(body_of(r), "child.sex") && has_field(body_of(r), "report.urgency"))
      << r->body;
  // Invalid UTF-8 is refused at the edge, naming the field it sits in so a form can mark it.
  auto c = client();
  std::string raw = intake_body().dump();
  raw.replace(raw.find("Elsa"), 4, "El\xC3\x28");
  auto utf = c.Post("/api/v1/reports", httplib::Headers{{"Authorization", "Bearer " + anna}}, raw,
                    "application/json");
  EXPECT_EQ(utf->status, 422) << utf->body;
  EXPECT_EQ(utf->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_TRUE(has_field(body_of(utf), "child.given_names")) << utf->body;

  EXPECT_EQ(count("children"), children);
  EXPECT_EQ(count("reports"), reports);
  EXPECT_EQ(count("cases"), cases);
  EXPECT_EQ(count("identity_numbers"), 0);
}

TEST_P(CaseLifecycleTest, WorkerOfAnotherAgencyCannotSeeOrChangeTheCase) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string id = open_case(anna);
  auto other = app().agencies.create({"Lunds socialtjänst", "child_protection", "SE"},
                                     service::Actor::cli());
  ASSERT_TRUE(other.ok());
  const std::string olof = sign_in("olof", "caseworker", other->id);
  auto get = send("GET", olof, "/api/v1/cases/" + id);
  EXPECT_TRUE(get->status == 403 || get->status == 404) << get->body;
  EXPECT_EQ(body_of(get).value("case_number", ""), "");
  auto change = send("POST", olof, "/api/v1/cases/" + id + "/transitions",
                     {{"action", "start_screening"}, {"version", 1}});
  EXPECT_TRUE(change->status == 403 || change->status == 404) << change->body;
  auto list = send("GET", olof, "/api/v1/cases");
  ASSERT_EQ(list->status, 200) << list->body;
  EXPECT_TRUE(body_of(list)["items"].empty());
  // The case is unchanged for its own worker.
  EXPECT_EQ(body_of(send("GET", anna, "/api/v1/cases/" + id))["status"], "reported");
}

TEST_P(CaseLifecycleTest, ListFiltersAndPagesWithACursor) {
  const std::string anna = sign_in("anna", "caseworker");
  for (int i = 0; i < 5; ++i) {
    open_case(anna);
    clock_->advance_ms(1000);
  }
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto r = send("GET", anna,
                  "/api/v1/cases?limit=2&worker=me" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(r->status, 200) << r->body;
    auto j = body_of(r);
    for (const auto& item : j["items"]) seen.insert(item["id"]);
    cursor = j["next_cursor"].is_null() ? "" : j["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(pages, 3);
  auto bad = send("GET", anna, "/api/v1/cases?status=lost");
  EXPECT_EQ(bad->status, 422);
  auto tasks = send("GET", anna, "/api/v1/tasks");
  ASSERT_EQ(tasks->status, 200) << tasks->body;
  EXPECT_GE(body_of(tasks)["tasks"].size(), 5u);
}

TEST_P(CaseLifecycleTest, RestrictedCasesHiddenFromAColleagueDoNotEndTheirPagingEarly) {
  const std::string anna = sign_in("anna", "caseworker");
  std::vector<std::string> ids;
  for (int i = 0; i < 6; ++i) {
    ids.push_back(open_case(anna));
    clock_->advance_ms(1000);
  }
  // The two newest cases become restricted to Anna alone: her colleague may not see them.
  db().write([&](store::Tx& tx) {
    for (int i : {4, 5})
      tx.execute("UPDATE cases SET restricted = 1 WHERE id = $1", store::params(ids[i]));
  });
  const std::string bo = sign_in("bo", "caseworker");
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto r = send("GET", bo, "/api/v1/cases?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(r->status, 200) << r->body;
    auto j = body_of(r);
    for (const auto& item : j["items"]) seen.insert(item["id"]);
    cursor = j["next_cursor"].is_null() ? "" : j["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(seen, (std::set<std::string>{ids[0], ids[1], ids[2], ids[3]}));
}

HAVEN_INSTANTIATE_BACKENDS(CaseLifecycleTest);

}  // namespace
}  // namespace haven::testing
