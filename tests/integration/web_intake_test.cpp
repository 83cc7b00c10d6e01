// The intake page, the supervisor view, "My plan" and forms kept across an expired session, on
// both databases, through the real server as a browser drives it: form posts with the session
// cookie and its CSRF token, redirects, error summaries, what was typed coming back.
#include <gtest/gtest.h>

#include "service/app.h"
#include "web_fixture.h"

namespace haven::testing {
namespace {

constexpr int64_t kMinuteMs = 60LL * 1000;

class WebIntakeTest : public WebPageTest {
 protected:
  // Like sign_in, keeping the TOTP secret so that the user can sign in again later.
  std::string sign_in_keeping(const std::string& username, const std::string& role) {
    auto u =
        app().users.create({username, "", role, agency_id_, kGoodPassword}, service::Actor::cli());
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().message);
    user_ids_[username] = u.ok() ? u->id : "";
    secrets_[username] = enrol(username);
    return sign_in_again(username);
  }
  std::string sign_in_again(const std::string& username) {
    auto r = login(username, kGoodPassword, code_for(secrets_[username]));
    EXPECT_EQ(r ? r->status : 0, 200) << (r ? r->body : "");
    return body_of(r)["token"].get<std::string>();
  }
  std::map<std::string, std::string> secrets_;

  std::vector<std::pair<std::string, std::string>> good_report() {
    return {{"received_at", an_hour_ago()},
            {"channel", "phone"},
            {"reporter_type", "school"},
            {"reporter_organisation", "Björkskolan"},
            {"concern_neglect", "1"},
            {"concern_poverty", "1"},
            {"narrative", "Elsa kommer hungrig till skolan och saknar vinterkläder."},
            {"urgency", "high"},
            {"report_cf_police_report", "no"},
            {"child_mode", "new"},
            {"given_names", "Elsa"},
            {"family_names", "Öberg"},
            {"sex", "female"},
            {"birth_date", "2015-03-02"},
            {"nationalities", "se"},
            {"languages", "sv, uk"},
            {"migration_status", "none"}};
  }

  static std::string case_id_of(const httplib::Result& r) {
    const std::string loc = r ? r->get_header_value("Location") : "";
    return loc.rfind("/cases/", 0) == 0 ? loc.substr(7) : "";
  }

  // good_report() about another child (the n-th), unlike Elsa and each other in names and birth
  // date, so that intake does not take them for the same child.
  std::vector<std::pair<std::string, std::string>> report_about_child(size_t n) {
    static constexpr const char* kChildren[][3] = {{"Maja", "Lindqvist", "2016-06-11"},
                                                   {"Noor", "Haddad", "2017-09-14"},
                                                   {"Ture", "Nyström", "2012-01-25"},
                                                   {"Liv", "Sandberg", "2018-04-30"}};
    auto fields = good_report();
    for (auto& [name, value] : fields) {
      if (name == "given_names") value = kChildren[n][0];
      if (name == "family_names") value = kChildren[n][1];
      if (name == "birth_date") value = kChildren[n][2];
    }
    return fields;
  }
  size_t plans_made_ = 0;

  // Drives a new case to a submitted plan as `worker`, the first for Elsa, the next for other
  // children; the case id.
  std::string case_with_submitted_plan(const std::string& worker) {
    const size_t n = plans_made_++;
    auto r = post_form(worker, "/reports/new", n == 0 ? good_report() : report_about_child(n - 1));
    const std::string id = case_id_of(r);
    EXPECT_FALSE(id.empty());
    const std::string base = "/api/v1/cases/" + id;
    auto step = [&](const std::string& path, const nlohmann::json& b, int status) {
      auto s = send(path == base ? "GET" : "POST", worker, path, b);
      EXPECT_EQ(s ? s->status : 0, status) << path << ": " << (s ? s->body : "");
      return body_of(s);
    };
    auto c = step(base, nullptr, 200);
    c = step(base + "/transitions", {{"action", "start_screening"}, {"version", c["version"]}},
             200);
    c = step(base + "/screening", {{"open_assessment", true}, {"reasons", "Hunger at school."}},
             201);
    c = step(base + "/transitions", {{"action", "screen_in"}, {"version", c["version"]}}, 200);
    const std::string today = core::Date::of(clock_->now()).to_string();
    c = step(base + "/assessments",
             {{"child_views", "Elsa vill äta frukost i skolan."},
              {"completed_on", today},
              {"risk_level", "medium"},
              {"risk_rationale", "Chronic neglect, no acute danger."}},
             201);
    c = step(base + "/transitions", {{"action", "complete_assessment"}, {"version", c["version"]}},
             200);
    c = step(base + "/plans",
             {{"goals",
               {{{"description", "Elsa äter frukost varje dag."},
                 {"actions",
                  {{{"description", "Frukost i skolan"},
                    {"responsible", "Björkskolan"},
                    {"due_on", core::Date::of(clock_->now()).plus_days(30).to_string()}}}}}}},
              {"child_views", "Elsa vill äta med sina vänner."},
              {"caregiver_views", "Mamma håller med."}},
             201);
    const std::string plan_id = c["plans"][0]["id"];
    step(base + "/plans/" + plan_id + "/submit", {{"version", c["version"]}}, 200);
    return id;
  }

  std::string status_of(const std::string& token, const std::string& case_id) {
    return body_of(send("GET", token, "/api/v1/cases/" + case_id))["status"];
  }
};

TEST_P(WebIntakeTest, AReportWithErrorsKeepsEverythingTypedThenOpensTheNewCase) {
  const std::string anna = sign_in("anna", "caseworker");
  auto page = get(anna, "/reports/new");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<title>Register a report of concern"), std::string::npos);
  EXPECT_NE(page->body.find("aria-current=\"page\">New report</a>"), std::string::npos);
  EXPECT_NE(page->body.find("Reported to the police"), std::string::npos);  // se.toml's field

  // No concern ticked, no narrative, a date of birth in the future: nothing is saved.
  auto fields = good_report();
  std::erase_if(fields, [](const auto& f) {
    return f.first == "concern_neglect" || f.first == "concern_poverty" || f.first == "narrative";
  });
  for (auto& f : fields)
    if (f.first == "birth_date") f.second = "2031-01-01";
  fields.push_back({"names_original_script", "Эльза"});
  auto bad = post_form(anna, "/reports/new", fields);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422) << bad->body;
  EXPECT_EQ(count("cases"), 0);
  const std::string& html = bad->body;
  EXPECT_NE(html.find("<title>Error: Register a report of concern"), std::string::npos);
  EXPECT_NE(html.find("class=\"error-summary\""), std::string::npos);
  EXPECT_NE(html.find("href=\"#field-concerns\">Choose at least one concern."), std::string::npos);
  EXPECT_NE(html.find("href=\"#field-narrative\""), std::string::npos);
  EXPECT_NE(html.find("href=\"#field-birth_date\""), std::string::npos);
  EXPECT_NE(html.find("id=\"field-birth_date-error\""), std::string::npos);  // beside the field
  EXPECT_NE(html.find("value=\"Öberg\""), std::string::npos);
  EXPECT_NE(html.find("value=\"Эльза\""), std::string::npos);
  EXPECT_NE(html.find("value=\"Björkskolan\""), std::string::npos);
  EXPECT_NE(html.find("value=\"2031-01-01\""), std::string::npos);
  EXPECT_NE(html.find("value=\"sv, uk\""), std::string::npos);
  EXPECT_NE(html.find("value=\"high\" checked"), std::string::npos);
  EXPECT_NE(html.find("<option value=\"school\" selected>"), std::string::npos);

  auto good = post_form(anna, "/reports/new", good_report());
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 303) << good->body;
  const std::string id = case_id_of(good);
  ASSERT_FALSE(id.empty()) << good->get_header_value("Location");
  auto c = body_of(send("GET", anna, "/api/v1/cases/" + id));
  EXPECT_EQ(c["status"], "reported");
  EXPECT_EQ(c["urgency"], "high");
  EXPECT_EQ(c["assigned_worker_id"], user_ids_["anna"]);
  EXPECT_EQ(c["child"]["family_names"], "Öberg");
  EXPECT_EQ(c["reports"][0]["concern_categories"], nlohmann::json({"neglect", "poverty"}));
  EXPECT_EQ(c["reports"][0]["narrative"],
            "Elsa kommer hungrig till skolan och saknar vinterkläder.");
  EXPECT_EQ(c["reports"][0]["custom_fields"]["police_report"], "no");
  auto child =
      body_of(send("GET", anna, "/api/v1/children/" + c["child"]["id"].get<std::string>()));
  EXPECT_EQ(child["languages"], nlohmann::json({"sv", "uk"}));
  EXPECT_EQ(child["nationalities"], nlohmann::json({"SE"}));

  // The next report about Elsa names her case number: same child, a second case.
  std::vector<std::pair<std::string, std::string>> again{
      {"received_at", an_hour_ago()},
      {"channel", "email"},
      {"reporter_type", "health"},
      {"concern_neglect", "1"},
      {"narrative", "Skolsköterskan oroar sig."},
      {"urgency", "medium"},
      {"report_cf_police_report", "unknown"},
      {"child_mode", "existing"},
      {"child_ref", c["case_number"].get<std::string>()}};
  auto second = post_form(anna, "/reports/new", again);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 303) << second->body;
  auto c2 = body_of(send("GET", anna, "/api/v1/cases/" + case_id_of(second)));
  EXPECT_EQ(c2["child"]["id"], c["child"]["id"]);
  EXPECT_EQ(count("children"), 1);

  // A case number nobody here has is refused beside its field, in the worker's language.
  again.back().second = "SE-2026-999999";
  auto unknown = client().Post(
      "/reports/new", httplib::Headers{{"Cookie", cookie(anna)}},
      [&] {
        std::string b = "_csrf=" + http::web::url_encode(csrf_of(get(anna, "/reports/new")->body));
        for (const auto& [k, v] : again)
          b += "&" + http::web::url_encode(k) + "=" + http::web::url_encode(v);
        return b;
      }(),
      "application/x-www-form-urlencoded");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 422);
  EXPECT_NE(unknown->body.find("href=\"#field-child_ref\">No child you can see"),
            std::string::npos);
  EXPECT_EQ(count("cases"), 2);
}

TEST_P(WebIntakeTest, ErrorsSpeakTheWorkersLanguageAndOtherRolesAreRefused) {
  const std::string anna = sign_in("anna", "caseworker");
  auto sv = post_form(anna, "/reports/new", {{"child_mode", "new"}}, "", "__Host-haven_lang=sv");
  ASSERT_TRUE(sv);
  EXPECT_EQ(sv->status, 422);
  EXPECT_NE(sv->body.find("<html lang=\"sv\">"), std::string::npos);
  EXPECT_NE(sv->body.find("Välj minst en oro."), std::string::npos);
  EXPECT_NE(sv->body.find("Välj vem som anmälde."), std::string::npos);
  EXPECT_EQ(sv->body.find("Choose at least one concern"), std::string::npos);

  const std::string aud = sign_in("aud", "auditor");
  auto refused = get(aud, "/reports/new");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(get(aud, "/")->body.find(">New report</a>"), std::string::npos);
}

TEST_P(WebIntakeTest, AFormPostedAfterTheSessionEndedComesBackAfterSignIn) {
  const std::string anna = sign_in_keeping("anna", "caseworker");
  auto page = get(anna, "/reports/new");
  ASSERT_TRUE(page);
  const std::string csrf = csrf_of(page->body);
  // The worker types for 31 minutes; the session has ended when they press save.
  clock_->advance_ms(31 * kMinuteMs);
  std::string body = "_csrf=" + csrf;
  for (const auto& [k, v] : good_report())
    body += "&" + http::web::url_encode(k) + "=" + http::web::url_encode(v);
  auto r = client().Post("/reports/new", httplib::Headers{{"Cookie", cookie(anna)}}, body,
                         "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location"), "/signin?next=/reports/new&ended=1");
  EXPECT_EQ(count("cases"), 0);
  std::string kept;
  for (size_t i = 0; i < r->get_header_value_count("Set-Cookie"); ++i) {
    const std::string c = r->get_header_value("Set-Cookie", i);
    if (c.rfind("__Secure-haven_resume", 0) != 0) continue;
    EXPECT_NE(c.find("Path=/reports/new;"), std::string::npos) << c;
    EXPECT_NE(c.find("HttpOnly"), std::string::npos) << c;
    EXPECT_EQ(c.find("Elsa"), std::string::npos) << "the typed text is sealed, not readable";
    if (c.find("Max-Age=0") == std::string::npos)
      kept += (kept.empty() ? "" : "; ") + c.substr(0, c.find(';'));
  }
  ASSERT_FALSE(kept.empty());

  // Signing in again and returning to the page shows what was typed, not yet saved. Altered
  // sealed state shows nothing.
  const std::string again = sign_in_again("anna");
  std::string altered = kept;
  altered[altered.find('=') + 5] = altered[altered.find('=') + 5] == 'A' ? 'B' : 'A';
  auto tampered = get(again, "/reports/new", altered);
  ASSERT_TRUE(tampered);
  EXPECT_EQ(tampered->body.find("Elsa kommer hungrig"), std::string::npos);
  auto back = get(again, "/reports/new", kept);
  ASSERT_TRUE(back);
  ASSERT_EQ(back->status, 200);
  EXPECT_NE(back->body.find("Elsa kommer hungrig till skolan och saknar vinterkläder."),
            std::string::npos);
  EXPECT_NE(back->body.find("value=\"Öberg\""), std::string::npos);
  EXPECT_NE(back->body.find("<option value=\"school\" selected>"), std::string::npos);
  EXPECT_NE(back->body.find("You were signed out before the report was saved."), std::string::npos);
  EXPECT_EQ(count("cases"), 0);
  bool cleared = false;
  for (size_t i = 0; i < back->get_header_value_count("Set-Cookie"); ++i)
    cleared =
        cleared || back->get_header_value("Set-Cookie", i).find("__Secure-haven_resume0=; ") == 0;
  EXPECT_TRUE(cleared);

  // The worker presses save: now it is recorded.
  auto saved = post_form(again, "/reports/new", good_report());
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->status, 303);
  EXPECT_EQ(count("cases"), 1);
}

TEST_P(WebIntakeTest, TheSupervisorSeesTheCaseloadChartAndApprovesOrReturnsPlans) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string bo = sign_in("bo", "caseworker");
  const std::string sven = sign_in_keeping("sven", "supervisor");
  const std::string planned = case_with_submitted_plan(anna);
  const std::string second = case_with_submitted_plan(anna);
  const std::string bos = case_id_of(post_form(bo, "/reports/new", report_about_child(3)));
  ASSERT_FALSE(bos.empty());

  auto page = get(sven, "/team");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  const std::string& html = page->body;
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("style="), std::string::npos);  // the CSP allows no inline style
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("class=\"bar bar-medium\""), std::string::npos);  // Anna's rated cases
  EXPECT_NE(html.find("class=\"bar bar-high\""), std::string::npos);    // Bo's report
  // The table behind the chart: Anna 2 open (medium), Bo 1 (high, from the report).
  const auto anna_row = html.find("<tr><th scope=\"row\">anna</th>");
  ASSERT_NE(anna_row, std::string::npos) << html;
  EXPECT_NE(html.find("<td class=\"num\">0</td><td class=\"num\">2</td><td class=\"num\">0</td>"
                      "<td class=\"num\">2</td>",
                      anna_row),
            std::string::npos);
  EXPECT_NE(html.find("<tr><th scope=\"row\">bo</th><td class=\"num\">1</td>"), std::string::npos);
  EXPECT_NE(html.find("href=\"/cases/" + planned + "\""), std::string::npos);
  EXPECT_NE(html.find("value=\"approve_plan\""), std::string::npos);

  auto find_plan = [&](const std::string& id) {
    return body_of(send("GET", sven, "/api/v1/cases/" + id))["plans"][0];
  };
  auto c = body_of(send("GET", sven, "/api/v1/cases/" + planned));
  // Returning without a comment is refused beside the comment box.
  auto no_comment =
      post_form(sven, "/team",
                {{"case_id", second},
                 {"case_version", "0"},
                 {"plan_id", find_plan(second)["id"]},
                 {"plan_version", std::to_string(find_plan(second)["version"].get<int>())},
                 {"action", "return_plan"}});
  ASSERT_TRUE(no_comment);
  EXPECT_EQ(no_comment->status, 422);
  EXPECT_NE(no_comment->body.find("href=\"#field-comment-" + second + "\""), std::string::npos);

  auto returned =
      post_form(sven, "/team",
                {{"case_id", second},
                 {"plan_id", find_plan(second)["id"]},
                 {"plan_version", std::to_string(find_plan(second)["version"].get<int>())},
                 {"comment", "Lägg till vem som följer upp frukosten."},
                 {"action", "return_plan"}});
  ASSERT_TRUE(returned);
  EXPECT_EQ(returned->status, 303) << returned->body;
  EXPECT_EQ(find_plan(second)["approval"], "returned");
  EXPECT_EQ(find_plan(second)["approval_comment"], "Lägg till vem som följer upp frukosten.");

  auto approved = post_form(sven, "/team",
                            {{"case_id", planned},
                             {"case_version", std::to_string(c["version"].get<int>())},
                             {"plan_id", c["plans"][0]["id"]},
                             {"action", "approve_plan"},
                             {"comment", "Bra plan."}});
  ASSERT_TRUE(approved);
  EXPECT_EQ(approved->status, 303) << approved->body;
  EXPECT_EQ(approved->get_header_value("Location"), "/team");
  EXPECT_EQ(status_of(sven, planned), "implementation");
  auto after = get(sven, "/team", "__Host-haven_flash=team.flash.approved");
  EXPECT_NE(after->body.find("Approved. The case moves on."), std::string::npos);
  EXPECT_EQ(after->body.find("href=\"/cases/" + planned + "\""), std::string::npos);

  // A stale version (approving what someone else already decided) says so and changes nothing.
  auto stale = post_form(sven, "/team",
                         {{"case_id", planned},
                          {"case_version", std::to_string(c["version"].get<int>())},
                          {"plan_id", c["plans"][0]["id"]},
                          {"action", "approve_plan"}});
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  EXPECT_NE(stale->body.find("class=\"notice\""), std::string::npos);

  EXPECT_EQ(get(anna, "/team")->status, 403);

  // Two days on, Bo's high-urgency report (24 hours) is overdue and listed for the supervisor.
  clock_->advance_ms(2 * 24 * 60 * kMinuteMs);
  auto later = get(sign_in_again("sven"), "/team");
  ASSERT_TRUE(later);
  const auto overdue_at = later->body.find("id=\"team-overdue\"");
  ASSERT_NE(overdue_at, std::string::npos);
  EXPECT_NE(later->body.find("href=\"/cases/" + bos + "\"", overdue_at), std::string::npos);
  EXPECT_NE(later->body.find("Respond to the report", overdue_at), std::string::npos);
}

TEST_P(WebIntakeTest, MyPlanSpeaksToTheChildInTheirLanguage) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string sven = sign_in("sven", "supervisor");
  const std::string id = case_with_submitted_plan(anna);
  auto c = body_of(send("GET", anna, "/api/v1/cases/" + id));
  ASSERT_EQ(
      send("POST", sven,
           "/api/v1/cases/" + id + "/plans/" + c["plans"][0]["id"].get<std::string>() + "/approve",
           {{"version", c["version"]}})
          ->status,
      200);
  auto par =
      send("POST", anna, "/api/v1/cases/" + id + "/participation",
           {{"stage", "planning"},
            {"decision", "Frukost i skolan"},
            {"space",
             {{"offered_on", core::Date::of(clock_->now()).to_string()}, {"setting", "i skolan"}}},
            {"voice", {{"views", "Jag vill äta med mina kompisar."}}},
            {"audience", {{"decision_maker", "Anna"}}},
            {"influence", {{"weight_given", "Frukosten serveras i matsalen med klassen."}}}});
  ASSERT_EQ(par ? par->status : 0, 201) << (par ? par->body : "");

  // Elsa speaks Swedish (and Ukrainian): the page is in Swedish, the worker reads English.
  auto page = get(anna, "/cases/" + id + "/my-plan");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  const std::string& html = page->body;
  EXPECT_NE(html.find("<html lang=\"sv\">"), std::string::npos);
  EXPECT_NE(html.find("<title>Min plan"), std::string::npos);
  EXPECT_EQ(html.find("Elsa</title>"), std::string::npos);
  EXPECT_NE(html.find("Hej Elsa!"), std::string::npos);
  EXPECT_NE(html.find("anna från Malmö barn och unga är din kontaktperson"), std::string::npos);
  EXPECT_NE(html.find("Elsa äter frukost varje dag."), std::string::npos);
  EXPECT_NE(html.find("Björkskolan"), std::string::npos);
  EXPECT_NE(html.find("Jag vill äta med mina kompisar."), std::string::npos);
  EXPECT_NE(html.find("Frukosten serveras i matsalen med klassen."), std::string::npos);
  EXPECT_EQ(html.find("Den här planen är inte klar"), std::string::npos);  // approved
  EXPECT_NE(html.find("href=\"/cases/" + id + "/my-plan?lang=en\""), std::string::npos);

  auto en = get(anna, "/cases/" + id + "/my-plan?lang=en");
  ASSERT_TRUE(en);
  EXPECT_NE(en->body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(en->body.find("anna from Malmö barn och unga is your contact person"),
            std::string::npos);
  EXPECT_NE(en->body.find("What we did with it:"), std::string::npos);

  const int64_t audited = db().read([&](store::Tx& tx) {
    return tx
        .query_one(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'case.my_plan' AND "
            "entity_id = $1",
            store::params(id))
        ->integer(0);
  });
  EXPECT_EQ(audited, 2);

  // A worker of another agency sees nothing of it.
  auto other =
      app().agencies.create({"Rīgas bāriņtiesa", "child_protection", "LV"}, service::Actor::cli());
  ASSERT_TRUE(other.ok());
  const std::string ilze = sign_in("ilze", "caseworker", other->id);
  auto refused = get(ilze, "/cases/" + id + "/my-plan");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 404);
  EXPECT_EQ(refused->body.find("Elsa"), std::string::npos);
}

TEST_P(WebIntakeTest, MyWorkListsOnlyOpenCasesAndTheAgencysRecentReports) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string sven = sign_in("sven", "supervisor");
  const std::string open_id = case_id_of(post_form(anna, "/reports/new", good_report()));
  auto closing = report_about_child(2);  // Ture Nyström
  const std::string closed_id = case_id_of(post_form(anna, "/reports/new", closing));
  ASSERT_FALSE(closed_id.empty());
  const std::string base = "/api/v1/cases/" + closed_id;
  auto c = body_of(send("GET", anna, base));
  c = body_of(send("POST", anna, base + "/transitions",
                   {{"action", "start_screening"}, {"version", c["version"]}}));
  c = body_of(send("POST", anna, base + "/screening",
                   {{"open_assessment", false}, {"reasons", "Already helped by the school."}}));
  auto out = send("POST", sven, base + "/transitions",
                  {{"action", "screen_out"}, {"version", c["version"]}});
  ASSERT_EQ(out ? out->status : 0, 200) << (out ? out->body : "");

  auto html = get(anna, "/")->body;
  const auto cases_at = html.find("id=\"mywork-cases\"");
  const auto tasks_at = html.find("id=\"mywork-tasks\"");
  ASSERT_NE(cases_at, std::string::npos);
  EXPECT_NE(html.substr(cases_at, tasks_at - cases_at).find("Elsa Öberg"), std::string::npos);
  EXPECT_EQ(html.substr(cases_at, tasks_at - cases_at).find("Ture Nyström"), std::string::npos);
  // Both reports are the agency's of the last 14 days, the closed case's included, with who
  // reported.
  const auto reports_at = html.find("id=\"mywork-reports\"");
  ASSERT_NE(reports_at, std::string::npos);
  EXPECT_NE(
      html.find(body_of(send("GET", anna, base))["case_number"].get<std::string>(), reports_at),
      std::string::npos);
  EXPECT_NE(html.find("<td>School</td>", reports_at), std::string::npos) << html.substr(reports_at);
  EXPECT_NE(html.find("href=\"/reports/new\""), std::string::npos);
  (void)open_id;
}

HAVEN_INSTANTIATE_BACKENDS(WebIntakeTest);

}  // namespace
}  // namespace haven::testing
