// The case page on both databases: the header a worker reads first (child, age, risk, status,
// worker, next deadline) with the case number — never the child's name — as the title, every
// section, a case taken from report to closure through the page's own forms with a supervisor
// approving on the page, a closure request a supervisor returns with a comment (on the page and
// on /team) that the worker reads and answers, a form error that keeps what was typed and names
// the field, a stale version shown beside what the worker typed, referrals, placements and
// participation changed through their own forms (a stale change shown as both versions), a
// form kept over a sign-in whose record changed meanwhile shown as a conflict, a document uploaded
// from the page (a missing, disguised or too large file refused beside the field), the history
// naming workers rather than their ids and every record's changes in the reader's language, its
// caption saying whether it shows every change, and a worker of another agency refused.
#include <gtest/gtest.h>

#include <map>

#include "case_fixture.h"
#include "core/date.h"
#include "core/id.h"
#include "http/web/catalog.h"
#include "http/web/form.h"
#include "service/app.h"

namespace haven::testing {
namespace {

class CasePageTest : public CaseApiTest {
 protected:
  // Intake through the JSON API; the case id.
  std::string report(const std::string& token) {
    auto r = send("POST", token, "/api/v1/reports", intake_body());
    EXPECT_EQ(r ? r->status : 0, 201) << (r ? r->body : "");
    return body_of(r)["case_id"].get<std::string>();
  }

  httplib::Result get(const std::string& token, const std::string& path) {
    clock_->advance_ms(1);
    return client().Get(path, httplib::Headers{{"Cookie", "haven_session=" + token}});
  }

  // The page's HTML, expecting 200.
  std::string page(const std::string& token, const std::string& case_id) {
    auto r = get(token, "/cases/" + case_id);
    EXPECT_TRUE(r);
    if (!r) return "";
    EXPECT_EQ(r->status, 200) << r->body;
    return r->body;
  }

  // The page at `path` in `lang` (the language cookie of a visitor who chose none), expecting 200.
  std::string page_in(const std::string& token, const std::string& lang, const std::string& path) {
    clock_->advance_ms(1);
    auto r = client().Get(path, httplib::Headers{{"Cookie", "haven_session=" + token +
                                                                "; __Host-haven_lang=" + lang}});
    EXPECT_TRUE(r);
    if (!r) return "";
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_NE(r->body.find("<html lang=\"" + lang + "\">"), std::string::npos);
    return r->body;
  }

  // The history table of a case page.
  static std::string history_of(const std::string& html) {
    const auto table = html.find("<table class=\"case-history\">");
    if (table == std::string::npos) return "";
    return html.substr(table, html.find("</table>", table) - table);
  }

  // Any signed-in page's HTML (for its CSRF token).
  std::string body_of_page(const std::string& token) {
    auto r = get(token, "/account");
    return r ? r->body : "";
  }

  static std::string csrf_of(const std::string& html) {
    const std::string marker = "name=\"_csrf\" value=\"";
    auto at = html.find(marker);
    if (at == std::string::npos) return "";
    at += marker.size();
    return html.substr(at, html.find('"', at) - at);
  }

  // Posts a form as the browser does, with the session's CSRF token read from the case page; with
  // `lang`, as a visitor who chose that language.
  httplib::Result post(const std::string& token, const std::string& case_id,
                       const std::string& form, std::map<std::string, std::string> fields,
                       const std::string& lang = "") {
    const std::string csrf = csrf_of(page(token, case_id));
    std::string body = "_csrf=" + http::web::url_encode(csrf);
    for (const auto& [k, v] : fields)
      body += "&" + http::web::url_encode(k) + "=" + http::web::url_encode(v);
    clock_->advance_ms(1);
    std::string cookie = "haven_session=" + token;
    if (!lang.empty()) cookie += "; __Host-haven_lang=" + lang;
    return client().Post("/cases/" + case_id + "/" + form, httplib::Headers{{"Cookie", cookie}},
                         body, "application/x-www-form-urlencoded");
  }

  // A post that must succeed: 303 back to the case page.
  void post_ok(const std::string& token, const std::string& case_id, const std::string& form,
               std::map<std::string, std::string> fields) {
    auto r = post(token, case_id, form, std::move(fields));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 303) << form << ": " << r->body.substr(0, 4000);
    EXPECT_EQ(r->get_header_value("Location").rfind("/cases/" + case_id + "?saved=1", 0), 0u);
  }

  nlohmann::json case_json(const std::string& token, const std::string& case_id) {
    return body_of(send("GET", token, "/api/v1/cases/" + case_id));
  }

  std::string version(const std::string& token, const std::string& case_id) {
    return std::to_string(case_json(token, case_id)["version"].get<int64_t>());
  }

  static std::string title_of(const std::string& html) {
    const auto b = html.find("<title>"), e = html.find("</title>");
    return b == std::string::npos || e == std::string::npos ? "" : html.substr(b, e - b);
  }

  std::string today() const { return core::Date::of(clock_->now()).to_string(); }

  // Takes a new case to assessment through the page.
  std::string to_assessment(const std::string& anna) {
    const std::string id = report(anna);
    post_ok(anna, id, "action", {{"action", "start_screening"}, {"version", version(anna, id)}});
    post_ok(anna, id, "screening",
            {{"open_assessment", "yes"}, {"reasons", "Repeated signs of neglect."}});
    post_ok(anna, id, "action", {{"action", "screen_in"}, {"version", version(anna, id)}});
    return id;
  }
};

TEST_P(CasePageTest, TheHeaderSaysWhoWhatAndWhenWithTheCaseNumberAsTitle) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string id = report(anna);
  const std::string number = case_json(anna, id)["case_number"];
  const std::string html = page(anna, id);

  EXPECT_NE(title_of(html).find(number), std::string::npos) << title_of(html);
  EXPECT_EQ(title_of(html).find("Elsa"), std::string::npos);
  const auto header = html.find("class=\"case-header\"");
  ASSERT_NE(header, std::string::npos);
  EXPECT_NE(html.find("Elsa Öberg", header), std::string::npos);
  const int age = core::Date::parse("2015-03-02")->years_until(core::Date::of(clock_->now()));
  EXPECT_NE(html.find(std::to_string(age) + " years", header), std::string::npos);
  EXPECT_NE(html.find("Not rated yet", header), std::string::npos);
  EXPECT_NE(html.find("Reported", header), std::string::npos);
  EXPECT_NE(html.find("<dd>anna</dd>", header), std::string::npos);  // the assigned worker
  EXPECT_NE(html.find("Respond to the report", header), std::string::npos)
      << html.substr(header, 2000);

  for (const char* section :
       {"case-actions", "section-timeline", "section-screening", "section-assessment",
        "section-plan", "section-reviews", "section-services", "section-placements",
        "section-participation", "section-notes", "section-documents", "section-closure"}) {
    EXPECT_NE(html.find(std::string("id=\"") + section + "\""), std::string::npos) << section;
    EXPECT_NE(html.find(std::string("href=\"#") + section + "\""), std::string::npos) << section;
  }
  // A transnational referral starts from the case, with the case filled in.
  EXPECT_NE(html.find("href=\"/cross-border?case_id=" + id + "#referrals-new\""),
            std::string::npos);
  // The first step is a button; the report is on the timeline.
  EXPECT_NE(html.find("value=\"start_screening\""), std::string::npos);
  EXPECT_NE(html.find("Elsa comes to school hungry"), std::string::npos);

  // Once screening has started, the next step waits for its decision and says why.
  post_ok(anna, id, "action", {{"action", "start_screening"}, {"version", version(anna, id)}});
  const std::string after = page(anna, id);
  const auto disabled = after.find("id=\"action-screen_in-why\"");
  ASSERT_NE(disabled, std::string::npos);
  EXPECT_NE(after.find("Not yet:", disabled), std::string::npos);
  EXPECT_NE(after.find("id=\"form-screening\""), std::string::npos);
}

// A Swedish caseworker reads the report and the reasons a step must wait in Swedish: the reporter
// and the concerns in words, not the codes the service stores, and the guard's sentence in her
// language both beside a disabled button and when a step is refused.
TEST_P(CasePageTest, TheReportAndWhyAStepMustWaitReadInTheReadersLanguage) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string id = report(anna);
  post_ok(anna, id, "action", {{"action", "start_screening"}, {"version", version(anna, id)}});
  const std::string html = page_in(anna, "sv", "/cases/" + id);
  EXPECT_NE(html.find("Skola"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"tag\">Försummelse</span>"), std::string::npos);
  EXPECT_EQ(html.find(">neglect<"), std::string::npos);
  EXPECT_EQ(html.find("school ·"), std::string::npos);
  const std::string swedish = "Registrera beslutet i förhandsbedömningen och skälen för det först.";
  const auto why = html.find("id=\"action-screen_in-why\"");
  ASSERT_NE(why, std::string::npos);
  EXPECT_NE(html.find(swedish, why), std::string::npos) << html.substr(why, 400);
  EXPECT_EQ(html.find("Record the screening decision"), std::string::npos);

  // Screening in without a decision is refused, and the page says why in Swedish.
  auto refused =
      post(anna, id, "action", {{"action", "screen_in"}, {"version", version(anna, id)}}, "sv");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422) << refused->body.substr(0, 2000);
  const auto messages = refused->body.find("id=\"field-action\"");
  ASSERT_NE(messages, std::string::npos) << refused->body.substr(0, 2000);
  EXPECT_NE(refused->body.find("<li>" + swedish + "</li>", messages), std::string::npos)
      << refused->body.substr(messages, 600);
}

// A form the service refuses comes back with each field's reason in the reader's language: the
// checks every record shares (a required field, a text too long, with its numbers) and a record's
// own rule alike.
TEST_P(CasePageTest, AFormRefusedSaysWhyBesideEachFieldInTheReadersLanguage) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string id = to_assessment(anna);
  auto refused = post(anna, id, "assessment",
                      {{"safety", "No immediate danger."},
                       {"risk_level", ""},
                       {"risk_rationale", std::string(5001, 'a')},
                       {"completed_on", today()}},
                      "pl");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  const std::string& html = refused->body;
  for (const std::string polish :
       {"Zakończona ocena wymaga poziomu ryzyka.", "Użyj najwyżej 5000 znaków (teraz jest 5001).",
        "Zapisz zdanie dziecka albo dlaczego nie udało się go poznać (na przykład dziecko jest za "
        "małe, by je wyrazić)."})
    EXPECT_NE(html.find(polish), std::string::npos) << polish << "\n" << html.substr(0, 6000);
  for (const std::string english :
       {"A completed assessment needs a risk level.", "Use at most", "Record the child's views"})
    EXPECT_EQ(html.find(english), std::string::npos) << english;
  // What was typed is kept.
  EXPECT_NE(html.find("No immediate danger."), std::string::npos);
}

TEST_P(CasePageTest, ACaseGoesFromReportToClosureThroughThePage) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string sven = sign_in("sven", "supervisor");
  const std::string id = to_assessment(anna);
  post_ok(anna, id, "assessment",
          {{"safety", "No immediate danger."},
           {"child_views", "Elsa says there is often no food at home."},
           {"risk_level", "medium"},
           {"risk_rationale", "Chronic neglect, no acute danger."},
           {"completed_on", today()}});
  post_ok(anna, id, "action", {{"action", "complete_assessment"}, {"version", version(anna, id)}});
  const std::string due = core::Date::of(clock_->now()).plus_days(60).to_string();
  post_ok(anna, id, "plan",
          {{"g0_description", "Elsa has regular meals."},
           {"g0_a0_description", "Parenting support"},
           {"g0_a0_responsible", "Family centre"},
           {"g0_a0_due_on", due},
           {"child_views", "Elsa wants breakfast at school."},
           {"caregiver_views", "Mother agrees."}});
  post_ok(anna, id, "action", {{"action", "submit_plan"}, {"version", version(anna, id)}});

  // The supervisor approves on the case page; the caseworker cannot.
  const std::string anna_sees = page(anna, id);
  EXPECT_NE(anna_sees.find("id=\"action-approve_plan-why\""), std::string::npos);
  const std::string sven_sees = page(sven, id);
  EXPECT_NE(sven_sees.find("value=\"approve_plan\""), std::string::npos);
  EXPECT_NE(sven_sees.find("id=\"form-plan_return\""), std::string::npos);
  const std::string plan_id = case_json(anna, id)["plans"][0]["id"];
  post_ok(sven, id, "action",
          {{"action", "approve_plan"},
           {"version", version(anna, id)},
           {"plan_id", plan_id},
           {"reason", "Good plan."}});
  EXPECT_EQ(case_json(anna, id)["status"], "implementation");

  post_ok(anna, id, "note", {{"text", "Home visit: the fridge was full."}});
  post_ok(anna, id, "referral",
          {{"service_type", "parenting_support"},
           {"provider", "Family centre"},
           {"status", "referred"},
           {"referred_on", today()},
           {"consent_given_by", "the mother"},
           {"consent_given_on", today()}});
  post_ok(anna, id, "information",
          {{"given_on", today()},
           {"stage", "planning"},
           {"what", "What the plan means for her."},
           {"language", "sv"},
           {"format", "verbal"}});
  post_ok(anna, id, "action", {{"action", "start_review"}, {"version", version(anna, id)}});
  post_ok(anna, id, "review",
          {{"progress", "Meals are regular."},
           {"risk_level", "low"},
           {"risk_rationale", "Needs met."},
           {"child_participated", "1"}});
  post_ok(anna, id, "closure",
          {{"reason", "goals_met_child_safe"}, {"summary", "Goals met; Elsa is safe."}});
  post_ok(anna, id, "action", {{"action", "request_closure"}, {"version", version(anna, id)}});
  post_ok(sven, id, "action", {{"action", "approve_closure"}, {"version", version(anna, id)}});

  const auto c = case_json(anna, id);
  EXPECT_EQ(c["status"], "closed");
  const std::string html = page(anna, id);
  EXPECT_NE(html.find("Home visit: the fridge was full."), std::string::npos);
  EXPECT_NE(html.find("Family centre"), std::string::npos);
  EXPECT_NE(html.find("the mother"), std::string::npos);
  EXPECT_NE(html.find("What the plan means for her."), std::string::npos);
  EXPECT_NE(html.find("Meals are regular."), std::string::npos);
  EXPECT_NE(html.find("Approved: the case is closed"), std::string::npos);
  // History: field by field, the note's text only as "changed"; the case's own fields and codes
  // in words, its closing time as a time.
  const auto history = html.find("id=\"section-timeline\"");
  const std::string closed_on =
      "<td>Closed on</td><td>" + http::web::format_date_time(clock_->now().ms, "en") + "</td>";
  for (const std::string row : {
           "<td>Note</td><td><em>changed</em></td>",
           "<td>The child&#39;s situation</td><td><em>changed</em></td>",
           "<td>Summary</td><td>Goals met; Elsa is safe.</td>",
           "<td>Service</td><td>Parenting support</td>",
           // The plan's goals as their texts, its approval in words, by the supervisor's name.
           "<td>Goals and actions</td><td>Elsa has regular meals. (Parenting support)</td>",
           "<td>Plan</td><td><del>Waiting for approval</del> → Approved</td>",
           "<td>Approved by</td><td>sven</td>",
           "<td>Provider</td><td>Family centre</td>",
           "<td>Status</td><td><del>Review</del> → Closed</td>",
           "<td>Step</td><td>Approve closing the case</td>",
           "<td>Reason for closing</td><td>Goals met and the child is safe</td>",
           closed_on.c_str(),
       })
    EXPECT_NE(html.find(row, history), std::string::npos) << row << "\n"
                                                          << html.substr(history, 4000);
  EXPECT_EQ(html.find("case · status", history), std::string::npos);
  EXPECT_EQ(html.find("approve_closure</td>", history), std::string::npos);
  EXPECT_EQ(html.find("id=\"form-note\""), std::string::npos);  // a closed case takes no notes
  EXPECT_NE(html.find("value=\"reopen\""), std::string::npos);
}

TEST_P(CasePageTest, ASupervisorReturnsAClosureRequestWithACommentTheWorkerReads) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string sven = sign_in("sven", "supervisor");
  const std::string id = to_assessment(anna);
  post_ok(anna, id, "closure",
          {{"reason", "family_declines_child_safe"}, {"summary", "The family declines help."}});
  post_ok(anna, id, "action", {{"action", "request_closure"}, {"version", version(anna, id)}});

  // Only the supervisor has the button; the caseworker sees why not.
  EXPECT_NE(page(anna, id).find("id=\"action-return_closure-why\""), std::string::npos);
  const std::string sven_sees = page(sven, id);
  EXPECT_NE(sven_sees.find("value=\"return_closure\""), std::string::npos);
  EXPECT_NE(sven_sees.find("for=\"action-return_closure-reason\">What should the worker change?<"),
            std::string::npos);

  // Without a comment nothing changes and the page says what is missing.
  auto bare =
      post(sven, id, "action", {{"action", "return_closure"}, {"version", version(sven, id)}});
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->status, 422);
  EXPECT_NE(bare->body.find("Write what the worker should change"), std::string::npos);
  EXPECT_FALSE(case_json(anna, id)["closure"]["requested_by"].is_null());
  // The caseworker may not return it.
  auto own = post(anna, id, "action",
                  {{"action", "return_closure"}, {"version", version(anna, id)}, {"reason", "x"}});
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 403);

  const std::string comment = "Add what the school nurse said to the summary.";
  post_ok(sven, id, "action",
          {{"action", "return_closure"}, {"version", version(sven, id)}, {"reason", comment}});
  auto c = case_json(anna, id);
  EXPECT_EQ(c["status"], "assessment");
  EXPECT_TRUE(c["closure"]["requested_by"].is_null());
  EXPECT_EQ(c["closure"]["return_comment"], comment);
  EXPECT_EQ(c["closure"]["returned_by"], user_ids_["sven"]);
  bool in_history = false;
  const auto history = body_of(send("GET", anna, "/api/v1/cases/" + id + "/history"));
  for (const auto& e : history["entries"])
    in_history = in_history || (e["entity"] == "closure" && e["field"] == "return_comment" &&
                                e["new_value"] == comment && e["changed_by"] == user_ids_["sven"]);
  EXPECT_TRUE(in_history);

  // The worker reads the comment beside the closure record, whose form is open again.
  const std::string html = page(anna, id);
  EXPECT_NE(history_of(html).find("<td>Returned by</td><td>sven</td>"), std::string::npos);
  const auto closure_at = html.find("id=\"section-closure\"");
  ASSERT_NE(closure_at, std::string::npos);
  EXPECT_NE(html.find("Returned for changes", closure_at), std::string::npos);
  EXPECT_NE(html.find(comment, closure_at), std::string::npos);
  EXPECT_NE(html.find("sven", html.find(comment, closure_at)), std::string::npos);
  EXPECT_NE(html.find("id=\"form-closure\"", closure_at), std::string::npos);

  // She changes it and asks again; the supervisor sees it on /team and approves it there.
  post_ok(anna, id, "closure",
          {{"reason", "family_declines_child_safe"},
           {"summary", "The family declines help. The school nurse sees Elsa weekly."},
           {"version", std::to_string(c["closure"]["version"].get<int64_t>())}});
  post_ok(anna, id, "action", {{"action", "request_closure"}, {"version", version(anna, id)}});
  auto team = get(sven, "/team");
  ASSERT_TRUE(team);
  ASSERT_EQ(team->status, 200) << team->body;
  EXPECT_NE(team->body.find("value=\"return_closure\""), std::string::npos);
  auto post_team = [&](std::map<std::string, std::string> fields) {
    std::string body = "_csrf=" + http::web::url_encode(csrf_of(get(sven, "/team")->body));
    for (const auto& [k, v] : fields)
      body += "&" + http::web::url_encode(k) + "=" + http::web::url_encode(v);
    return client().Post("/team", httplib::Headers{{"Cookie", "haven_session=" + sven}}, body,
                         "application/x-www-form-urlencoded");
  };
  auto no_comment = post_team(
      {{"case_id", id}, {"case_version", version(sven, id)}, {"action", "return_closure"}});
  ASSERT_TRUE(no_comment);
  EXPECT_EQ(no_comment->status, 422);
  EXPECT_NE(no_comment->body.find("href=\"#field-comment-" + id + "\""), std::string::npos);
  auto approved = post_team(
      {{"case_id", id}, {"case_version", version(sven, id)}, {"action", "approve_closure"}});
  ASSERT_TRUE(approved);
  EXPECT_EQ(approved->status, 303) << approved->body;
  EXPECT_EQ(case_json(anna, id)["status"], "closed");
}

TEST_P(CasePageTest, TheTeamPageReturnsAClosureRequestWithItsComment) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string sven = sign_in("sven", "supervisor");
  const std::string id = to_assessment(anna);
  post_ok(anna, id, "closure",
          {{"reason", "family_declines_child_safe"}, {"summary", "The family declines help."}});
  post_ok(anna, id, "action", {{"action", "request_closure"}, {"version", version(anna, id)}});
  std::string body = "_csrf=" + http::web::url_encode(csrf_of(get(sven, "/team")->body));
  for (const auto& [k, v] :
       std::map<std::string, std::string>{{"case_id", id},
                                          {"case_version", version(sven, id)},
                                          {"action", "return_closure"},
                                          {"comment", "Talk to the school first."}})
    body += "&" + http::web::url_encode(k) + "=" + http::web::url_encode(v);
  auto r = client().Post("/team", httplib::Headers{{"Cookie", "haven_session=" + sven}}, body,
                         "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303) << r->body;
  EXPECT_EQ(r->get_header_value("Location"), "/team");
  const auto c = case_json(anna, id);
  EXPECT_TRUE(c["closure"]["requested_by"].is_null());
  EXPECT_EQ(c["closure"]["return_comment"], "Talk to the school first.");
  EXPECT_EQ(get(sven, "/team")->body.find("value=\"return_closure\""), std::string::npos);
}

TEST_P(CasePageTest, AFormWithErrorsKeepsWhatWasTypedAndNamesTheField) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string id = to_assessment(anna);
  auto r = post(anna, id, "assessment",
                {{"safety", "Ate nothing since Friday <b>really</b>."},
                 {"risk_level", "medium"},
                 {"risk_rationale", "Unclear."},
                 {"completed_on", "2026-02-30"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("class=\"error-summary\""), std::string::npos);
  EXPECT_NE(r->body.find("href=\"#field-assessment-completed_on\""), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("id=\"field-assessment-completed_on\" name=\"completed_on\" type=\"date\" "
                         "value=\"2026-02-30\""),
            std::string::npos);
  EXPECT_NE(r->body.find("aria-describedby=\"field-assessment-completed_on-error\""),
            std::string::npos);
  // The typed text comes back, escaped.
  EXPECT_NE(r->body.find("Ate nothing since Friday &lt;b&gt;really&lt;&#x2F;b&gt;."),
            std::string::npos)
      << r->body.substr(r->body.find("field-assessment-safety"), 400);
  EXPECT_EQ(case_json(anna, id)["assessments"].size(), 0u);  // nothing written

  // A form of the page's own checks (a placement without a start) says so in the worker's
  // language.
  auto sv = post(anna, id, "placement", {{"type", "foster_care"}, {"provider", "Familjen Ek"}});
  ASSERT_TRUE(sv);
  EXPECT_EQ(sv->status, 422);
  EXPECT_NE(sv->body.find("href=\"#field-placement-start_on\""), std::string::npos);
  EXPECT_NE(sv->body.find("value=\"Familjen Ek\""), std::string::npos);
}

TEST_P(CasePageTest, AStaleVersionShowsWhatIsSavedBesideWhatWasTyped) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string bo = sign_in("bo", "supervisor");
  const std::string id = to_assessment(anna);
  post_ok(anna, id, "assessment", {{"safety", "First look."}});
  const auto a = case_json(anna, id)["assessments"][0];
  const std::string assessment_id = a["id"];
  const std::string read_version = std::to_string(a["version"].get<int64_t>());
  // Someone else saves first.
  auto r = send("PUT", bo, "/api/v1/cases/" + id + "/assessments/" + assessment_id,
                {{"safety", "Bo's version of events."}, {"version", a["version"]}});
  ASSERT_EQ(r ? r->status : 0, 200) << (r ? r->body : "");

  auto stale = post(anna, id, "assessment",
                    {{"assessment_id", assessment_id},
                     {"version", read_version},
                     {"safety", "Anna's careful notes."}});
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  const std::string& html = stale->body;
  const auto table = html.find("class=\"conflict-table\"");
  ASSERT_NE(table, std::string::npos) << html;
  EXPECT_NE(html.find("Bo&#39;s version of events.", table), std::string::npos);
  EXPECT_NE(html.find("Anna&#39;s careful notes.", table), std::string::npos);
  // The form keeps Anna's text and now names the version saved, so saving again is deliberate.
  const auto form = html.find("id=\"form-assessment\"");
  EXPECT_NE(html.find(">Anna&#39;s careful notes.</textarea>", form), std::string::npos);
  const std::string now =
      std::to_string(case_json(anna, id)["assessments"][0]["version"].get<int64_t>());
  EXPECT_NE(html.find("name=\"version\" value=\"" + now + "\"", form), std::string::npos);
  EXPECT_EQ(case_json(anna, id)["assessments"][0]["safety"], "Bo's version of events.");
}

TEST_P(CasePageTest, APlacementSaysWhyTheChildEnteredCareAndWhereTheChildWent) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string id = to_assessment(anna);
  // The reasons are a labelled group of boxes; the destination a list.
  const std::string blank = page(anna, id);
  const auto form = blank.find("id=\"form-placement\"");
  ASSERT_NE(form, std::string::npos);
  EXPECT_NE(blank.find("<fieldset class=\"checkbox-group\"><legend>Why the child entered care"
                       "</legend>",
                       form),
            std::string::npos);
  EXPECT_NE(blank.find("name=\"entry_reasons_unaccompanied\" type=\"checkbox\"", form),
            std::string::npos);
  EXPECT_NE(
      blank.find("<option value=\"returned_to_family\">Returned to the family</option>", form),
      std::string::npos);

  // Ended without a destination: said beside the list; the ticked boxes and the text stay.
  auto r = post(anna, id, "placement",
                {{"type", "foster_care"},
                 {"provider", "Familjen Ek"},
                 {"start_on", today()},
                 {"end_on", today()},
                 {"entry_reasons_neglect", "1"},
                 {"entry_reasons_abuse", "1"},
                 {"reason", "No one at home to care for him."}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  const std::string& html = r->body;
  EXPECT_NE(html.find("href=\"#field-placement-exit_destination\""), std::string::npos);
  EXPECT_NE(html.find("id=\"field-placement-exit_destination-error\""), std::string::npos);
  EXPECT_NE(html.find("Choose where the child went when the placement ended."), std::string::npos);
  EXPECT_NE(html.find("name=\"entry_reasons_neglect\" type=\"checkbox\" value=\"1\" checked"),
            std::string::npos);
  EXPECT_NE(html.find("name=\"entry_reasons_abuse\" type=\"checkbox\" value=\"1\" checked"),
            std::string::npos);
  EXPECT_EQ(html.find("name=\"entry_reasons_other\" type=\"checkbox\" value=\"1\" checked"),
            std::string::npos);
  EXPECT_NE(html.find(">No one at home to care for him.</textarea>"), std::string::npos);

  // No reason ticked: the summary links to the first box, the message sits in the group.
  auto n = post(anna, id, "placement",
                {{"type", "foster_care"},
                 {"provider", "Familjen Ek"},
                 {"start_on", today()},
                 {"reason", "No one at home to care for him."}});
  ASSERT_TRUE(n);
  EXPECT_EQ(n->status, 422);
  EXPECT_NE(n->body.find("href=\"#field-placement-entry_reasons\""), std::string::npos);
  EXPECT_NE(n->body.find("id=\"field-placement-entry_reasons\" name=\"entry_reasons_abuse\""),
            std::string::npos);
  EXPECT_NE(n->body.find("Tick at least one reason the child entered care."), std::string::npos);
  EXPECT_EQ(body_of(send("GET", anna, "/api/v1/cases/" + id + "/placements"))["items"].size(), 0u);

  post_ok(anna, id, "placement",
          {{"type", "foster_care"},
           {"provider", "Familjen Ek"},
           {"start_on", today()},
           {"end_on", today()},
           {"entry_reasons_neglect", "1"},
           {"entry_reasons_abuse", "1"},
           {"exit_destination", "returned_to_family"},
           {"reason", "No one at home to care for him."}});
  const auto saved = body_of(send("GET", anna, "/api/v1/cases/" + id + "/placements"))["items"][0];
  EXPECT_EQ(saved["entry_reasons"], nlohmann::json({"abuse", "neglect"}));
  EXPECT_EQ(saved["exit_destination"], "returned_to_family");
  // The case page shows them in words.
  const std::string shown = page(anna, id);
  EXPECT_NE(shown.find("<td>Abuse, Neglect</td>"), std::string::npos);
  EXPECT_NE(shown.find("<td>Returned to the family</td>"), std::string::npos);
}

TEST_P(CasePageTest, ReferralsPlacementsAndParticipationAreChangedOnThePage) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string id = to_assessment(anna);
  post_ok(anna, id, "placement",
          {{"type", "kinship_care"},
           {"provider", "Mormor Britt"},
           {"start_on", today()},
           {"entry_reasons_parental_capacity", "1"},
           {"reason", "A safe home while the family gets help."}});
  post_ok(anna, id, "referral",
          {{"service_type", "parenting_support"},
           {"provider", "Familjecentralen"},
           {"status", "proposed"}});
  post_ok(anna, id, "participation",
          {{"stage", "assessment"},
           {"decision", "Where Elsa lives for now"},
           {"space_offered_on", today()},
           {"voice_views", "I want to stay with grandma."},
           {"audience_decision_maker", "The social welfare board"}});
  auto items = [&](const std::string& what) {
    return body_of(send("GET", anna, "/api/v1/cases/" + id + "/" + what))["items"];
  };
  const auto placement = items("placements")[0];
  const auto referral = items("referrals")[0];
  const auto heard = items("participation")[0];
  const std::string pid = placement["id"], rid = referral["id"], hid = heard["id"];

  // Each saved record has its own form, filled with what is saved and carrying its version.
  const std::string html = page(anna, id);
  const auto placement_form = html.find("id=\"form-placement-" + pid + "\"");
  ASSERT_NE(placement_form, std::string::npos);
  EXPECT_NE(html.find("value=\"Mormor Britt\"", placement_form), std::string::npos);
  EXPECT_NE(html.find("name=\"placement_id\" value=\"" + pid + "\"", placement_form),
            std::string::npos);
  EXPECT_NE(html.find("<summary>Change: Kinship care — Mormor Britt</summary>"), std::string::npos)
      << html.substr(placement_form > 600 ? placement_form - 600 : 0, 700);
  EXPECT_NE(html.find("id=\"form-referral-" + rid + "\""), std::string::npos);
  const auto heard_form = html.find("id=\"form-participation-" + hid + "\"");
  ASSERT_NE(heard_form, std::string::npos);
  EXPECT_NE(html.find(">I want to stay with grandma.</textarea>", heard_form), std::string::npos);

  post_ok(anna, id, "placement",
          {{"placement_id", pid},
           {"version", std::to_string(placement["version"].get<int64_t>())},
           {"type", "kinship_care"},
           {"provider", "Mormor Britt Öberg"},
           {"start_on", today()},
           {"entry_reasons_parental_capacity", "1"},
           {"reason", "A safe home while the family gets help."}});
  EXPECT_EQ(items("placements")[0]["provider"], "Mormor Britt Öberg");
  EXPECT_EQ(items("placements").size(), 1u);
  post_ok(anna, id, "referral",
          {{"referral_id", rid},
           {"version", std::to_string(referral["version"].get<int64_t>())},
           {"service_type", "parenting_support"},
           {"provider", "Familjecentralen"},
           {"status", "referred"},
           {"referred_on", today()},
           {"consent_given_by", "the mother"},
           {"consent_given_on", today()}});
  EXPECT_EQ(items("referrals")[0]["status"], "referred");

  // Two changes from the same version: the second shows both texts and keeps the worker's.
  const std::string read = std::to_string(heard["version"].get<int64_t>());
  std::map<std::string, std::string> change{
      {"record_id", hid},
      {"version", read},
      {"stage", "assessment"},
      {"decision", "Where Elsa lives for now"},
      {"space_offered_on", today()},
      {"voice_views", "Grandma makes breakfast."},
      {"audience_decision_maker", "The social welfare board"}};
  post_ok(anna, id, "participation", change);
  change["voice_views"] = "I want to stay with grandma until summer.";
  auto stale = post(anna, id, "participation", change);
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  const std::string& body = stale->body;
  const auto form = body.find("id=\"form-participation-" + hid + "\"");
  ASSERT_NE(form, std::string::npos);
  EXPECT_NE(body.rfind("<details class=\"record-edit\" open>", form), std::string::npos);
  const auto table = body.find("class=\"conflict-table\"", form);
  ASSERT_NE(table, std::string::npos);
  EXPECT_NE(body.find("Grandma makes breakfast.", table), std::string::npos);
  EXPECT_NE(body.find("I want to stay with grandma until summer.", table), std::string::npos);
  EXPECT_NE(body.find(">I want to stay with grandma until summer.</textarea>", table),
            std::string::npos);
  const std::string now = std::to_string(items("participation")[0]["version"].get<int64_t>());
  EXPECT_NE(body.find("name=\"version\" value=\"" + now + "\"", form), std::string::npos);
  EXPECT_EQ(items("participation")[0]["voice"]["views"], "Grandma makes breakfast.");
  EXPECT_EQ(items("participation").size(), 1u);
}

TEST_P(CasePageTest, ABusyCaseShowsItsNewestNotesAndEveryNoteOnRequest) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string id = report(anna);
  for (int n = 1; n <= 103; ++n) {
    clock_->advance_ms(1000);
    auto r = send("POST", anna, "/api/v1/cases/" + id + "/notes",
                  {{"text", "Visit note number " + std::to_string(n) + "."}});
    ASSERT_EQ(r ? r->status : 0, 201) << (r ? r->body : "");
  }
  const auto reads_before = [&](const std::string& action) {
    return db().read([&](store::Tx& tx) {
      return tx
          .query_one("SELECT COUNT(*) FROM audit_events WHERE action = $1 AND entity_id = $2",
                     store::params(action, id))
          ->integer(0);
    });
  };
  const int64_t note_reads = reads_before("case_note.list");
  const int64_t history_reads = reads_before("case.history.read");
  const std::string html = page(anna, id);

  // The newest hundred, newest first; the three oldest behind the "show all" link.
  const auto notes = html.find("id=\"section-notes\"");
  ASSERT_NE(notes, std::string::npos);
  const auto newest = html.find("Visit note number 103.", notes);
  const auto oldest_shown = html.find("Visit note number 4.", notes);
  ASSERT_NE(newest, std::string::npos);
  ASSERT_NE(oldest_shown, std::string::npos);
  EXPECT_LT(newest, oldest_shown);
  EXPECT_EQ(html.find("Visit note number 3.", notes), std::string::npos);
  EXPECT_NE(html.find("Only the latest 100 notes are shown.", notes), std::string::npos);
  const std::string all_href = "/cases/" + id + "?notes=all#section-notes-title";
  EXPECT_NE(html.find("href=\"" + all_href + "\">Show all notes</a>", notes), std::string::npos);

  // The page's reads of the notes and the history are audited, one event each.
  EXPECT_EQ(reads_before("case_note.list"), note_reads + 1);
  EXPECT_EQ(reads_before("case.history.read"), history_reads + 1);
  auto all = body_of(send("GET", anna, "/api/v1/cases/" + id + "/notes"));
  EXPECT_EQ(all["items"].size(), 103u) << all.dump().substr(0, 300);

  // The link shows every note, the oldest last, and says nothing is left out.
  auto every = get(anna, "/cases/" + id + "?notes=all");
  ASSERT_TRUE(every);
  ASSERT_EQ(every->status, 200);
  const auto every_notes = every->body.find("id=\"section-notes\"");
  ASSERT_NE(every_notes, std::string::npos);
  const auto first = every->body.find("Visit note number 1.", every_notes);
  ASSERT_NE(first, std::string::npos);
  EXPECT_LT(every->body.find("Visit note number 2.", every_notes), first);
  EXPECT_EQ(every->body.find("Only the latest 100 notes", every_notes), std::string::npos);
}

TEST_P(CasePageTest, AWorkerOfAnotherAgencyIsRefusedWithoutData) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string id = report(anna);
  auto other =
      app().agencies.create({"Rīgas bāriņtiesa", "child_protection", "LV"}, service::Actor::cli());
  ASSERT_TRUE(other.ok());
  const std::string ilze = sign_in("ilze", "caseworker", other->id);
  auto r = get(ilze, "/cases/" + id);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_NE(r->body.find("Case not found"), std::string::npos);
  EXPECT_EQ(r->body.find("Elsa"), std::string::npos);
  EXPECT_EQ(r->body.find("Öberg"), std::string::npos);

  // A form posted to the case is refused the same way and writes nothing.
  const std::string csrf = csrf_of(body_of_page(ilze));
  auto p = client().Post(
      "/cases/" + id + "/note", httplib::Headers{{"Cookie", "haven_session=" + ilze}},
      "_csrf=" + http::web::url_encode(csrf) + "&text=Hello", "application/x-www-form-urlencoded");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status, 404);
  EXPECT_EQ(p->body.find("Elsa"), std::string::npos);
  EXPECT_EQ(count("case_notes"), 0);

  // Not signed in: to sign-in, then back to the case.
  auto anon = client().Get("/cases/" + id);
  ASSERT_TRUE(anon);
  EXPECT_EQ(anon->status, 303);
  EXPECT_EQ(anon->get_header_value("Location").rfind("/signin?next=", 0), 0u);
  EXPECT_NE(anon->get_header_value("Location").find(id), std::string::npos);
}

TEST_P(CasePageTest, ANoteSentAfterTheSessionEndedComesBackToTheCasePage) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string id = report(anna);
  const std::string csrf = csrf_of(page(anna, id));
  // The session the browser still holds is no longer valid when the worker presses save.
  const std::string body = "_csrf=" + http::web::url_encode(csrf) +
                           "&_page=" + http::web::url_encode("/cases/" + id) +
                           "&_form=note&text=" + http::web::url_encode("Called the school nurse.");
  auto r =
      client().Post("/cases/" + id + "/note", httplib::Headers{{"Cookie", "haven_session=gone"}},
                    body, "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location").rfind("/signin?next=", 0), 0u);
  EXPECT_NE(r->get_header_value("Location").find(id), std::string::npos);
  std::string kept;
  for (size_t i = 0; i < r->get_header_value_count("Set-Cookie"); ++i) {
    const std::string c = r->get_header_value("Set-Cookie", i);
    if (c.find("haven_resume") != std::string::npos && c.find("Max-Age=0") == std::string::npos)
      kept += (kept.empty() ? "" : "; ") + c.substr(0, c.find(';'));
  }
  ASSERT_FALSE(kept.empty());
  EXPECT_EQ(count("case_notes"), 0);

  // Back on the case page after signing in: the note's text is in its form, not yet saved.
  auto back = client().Get("/cases/" + id,
                           httplib::Headers{{"Cookie", "haven_session=" + anna + "; " + kept}});
  ASSERT_TRUE(back);
  ASSERT_EQ(back->status, 200) << back->body;
  EXPECT_NE(back->body.find(">Called the school nurse.</textarea>"), std::string::npos);
  EXPECT_NE(back->body.find("Your session ended before this was saved."), std::string::npos);
  EXPECT_EQ(count("case_notes"), 0);
}

TEST_P(CasePageTest, AFormKeptOverASignInWhoseRecordChangedComesBackAsAConflict) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string bo = sign_in("bo", "supervisor");
  const std::string id = to_assessment(anna);
  post_ok(anna, id, "assessment", {{"safety", "First look."}});
  const auto a = case_json(anna, id)["assessments"][0];
  const std::string assessment_id = a["id"];
  const std::string read_version = std::to_string(a["version"].get<int64_t>());
  const std::string csrf = csrf_of(page(anna, id));

  // Anna's session ends while she writes; her save is kept over the sign-in.
  const std::string body =
      "_csrf=" + http::web::url_encode(csrf) + "&_page=" + http::web::url_encode("/cases/" + id) +
      "&_form=assessment&assessment_id=" + assessment_id + "&version=" + read_version +
      "&safety=" + http::web::url_encode("Anna saw bruises on Monday.");
  auto r = client().Post("/cases/" + id + "/assessment",
                         httplib::Headers{{"Cookie", "haven_session=gone"}}, body,
                         "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303);
  std::string kept;
  for (size_t i = 0; i < r->get_header_value_count("Set-Cookie"); ++i) {
    const std::string c = r->get_header_value("Set-Cookie", i);
    if (c.find("haven_resume") != std::string::npos && c.find("Max-Age=0") == std::string::npos)
      kept += (kept.empty() ? "" : "; ") + c.substr(0, c.find(';'));
  }
  ASSERT_FALSE(kept.empty());

  // Meanwhile Bo changes the same assessment.
  auto put = send("PUT", bo, "/api/v1/cases/" + id + "/assessments/" + assessment_id,
                  {{"safety", "School reports no new concerns."}, {"version", a["version"]}});
  ASSERT_EQ(put ? put->status : 0, 200) << (put ? put->body : "");

  // Back after signing in: both versions side by side, Anna's text in the form, nothing saved
  // over Bo's.
  auto back = client().Get("/cases/" + id,
                           httplib::Headers{{"Cookie", "haven_session=" + anna + "; " + kept}});
  ASSERT_TRUE(back);
  ASSERT_EQ(back->status, 200) << back->body;
  const std::string& html = back->body;
  EXPECT_NE(html.find("someone else has changed the record since"), std::string::npos);
  const auto form = html.find("id=\"form-assessment\"");
  ASSERT_NE(form, std::string::npos);
  const auto table = html.find("class=\"conflict-table\"", form);
  ASSERT_NE(table, std::string::npos) << html.substr(form, 3000);
  EXPECT_NE(html.find("School reports no new concerns.", table), std::string::npos);
  EXPECT_NE(html.find("Anna saw bruises on Monday.", table), std::string::npos);
  EXPECT_NE(html.find(">Anna saw bruises on Monday.</textarea>", table), std::string::npos);
  EXPECT_EQ(case_json(anna, id)["assessments"][0]["safety"], "School reports no new concerns.");

  // A kept form whose record did not change comes back without a conflict.
  const auto now = case_json(anna, id)["assessments"][0]["version"].get<int64_t>();
  const std::string again = "_csrf=" + http::web::url_encode(csrf_of(page(anna, id))) +
                            "&_page=" + http::web::url_encode("/cases/" + id) +
                            "&_form=assessment&assessment_id=" + assessment_id +
                            "&version=" + std::to_string(now) +
                            "&safety=" + http::web::url_encode("Anna saw bruises on Monday.");
  auto r2 = client().Post("/cases/" + id + "/assessment",
                          httplib::Headers{{"Cookie", "haven_session=gone"}}, again,
                          "application/x-www-form-urlencoded");
  ASSERT_TRUE(r2);
  std::string kept2;
  for (size_t i = 0; i < r2->get_header_value_count("Set-Cookie"); ++i) {
    const std::string c = r2->get_header_value("Set-Cookie", i);
    if (c.find("haven_resume") != std::string::npos && c.find("Max-Age=0") == std::string::npos)
      kept2 += (kept2.empty() ? "" : "; ") + c.substr(0, c.find(';'));
  }
  auto calm = client().Get("/cases/" + id,
                           httplib::Headers{{"Cookie", "haven_session=" + anna + "; " + kept2}});
  ASSERT_TRUE(calm);
  EXPECT_NE(calm->body.find(">Anna saw bruises on Monday.</textarea>"), std::string::npos);
  EXPECT_EQ(calm->body.find("class=\"conflict-table\""), std::string::npos);
  EXPECT_NE(calm->body.find("Your session ended before this was saved."), std::string::npos);
}

TEST_P(CasePageTest, ADocumentIsUploadedFromThePageAndABadOneIsRefusedBesideTheField) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string id = report(anna);
  const std::string html = page(anna, id);
  const auto form_at = html.find("id=\"form-document\"");
  ASSERT_NE(form_at, std::string::npos);
  EXPECT_NE(html.find("enctype=\"multipart/form-data\"", form_at - 200), std::string::npos);
  EXPECT_NE(html.find("PDF, PNG, JPEG, TIFF or plain text, at most 10 MB.", form_at),
            std::string::npos);
  auto upload = [&](const std::string& type, const std::string& name, const std::string& content,
                    const std::string& media_type, bool with_csrf = true) {
    httplib::MultipartFormDataItems items{{"_page", "/cases/" + id, "", ""},
                                          {"_form", "document", "", ""},
                                          {"document_type", type, "", ""},
                                          {"file", content, name, media_type}};
    if (with_csrf) items.push_back({"_csrf", csrf_of(page(anna, id)), "", ""});
    clock_->advance_ms(1);
    return client().Post("/cases/" + id + "/document",
                         httplib::Headers{{"Cookie", "haven_session=" + anna}}, items);
  };
  auto documents = [&] {
    return body_of(send("GET", anna, "/api/v1/cases/" + id + "/documents"))["items"];
  };

  auto ok = upload("court_decision", "Beslut.txt", "Beslut: Elsa bor hos mormor.\n", "text/plain");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 303) << ok->body.substr(0, 3000);
  ASSERT_EQ(documents().size(), 1u);
  EXPECT_EQ(documents()[0]["file_name"], "Beslut.txt");
  const std::string listed = page(anna, id);
  EXPECT_NE(listed.find(">Beslut.txt</a>"), std::string::npos);
  // Its history: the kind in words, the size as the list shows it.
  const std::string history = history_of(listed);
  EXPECT_NE(history.find("<td>Kind of document</td><td>Court decision</td>"), std::string::npos)
      << history;
  EXPECT_NE(history.find("<td>File</td><td>Beslut.txt</td>"), std::string::npos);
  EXPECT_NE(history.find("<td>Size</td><td>1 KB</td>"), std::string::npos);
  EXPECT_EQ(history.find("case_document"), std::string::npos);

  // No file chosen: said beside the file input, the chosen type kept.
  auto none = upload("medical_letter", "", "", "application/octet-stream");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 422);
  EXPECT_NE(none->body.find("href=\"#field-document-file\""), std::string::npos);
  EXPECT_NE(none->body.find("id=\"field-document-file-error\""), std::string::npos);
  EXPECT_NE(none->body.find("value=\"medical_letter\" selected"), std::string::npos);

  // Content that is not a kept kind of file (an executable sent as a PDF) is refused.
  auto exe = upload("other", "scan.pdf",
                    std::string("\x7f"
                                "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                                16),
                    "application/pdf");
  ASSERT_TRUE(exe);
  EXPECT_EQ(exe->status, 422);
  EXPECT_NE(exe->body.find("id=\"field-document-file-error\""), std::string::npos);
  EXPECT_NE(exe->body.find("aria-invalid=\"true\""), std::string::npos);

  // Just over the limit: a message beside the field, not a bare 413.
  auto big = upload("other", "big.txt", std::string(10 * 1024 * 1024 + 1, 'a'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 422);
  EXPECT_NE(big->body.find("The file is larger than 10 MB."), std::string::npos);

  auto forged = upload("other", "x.txt", "hello\n", "text/plain", false);
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_EQ(documents().size(), 1u);
}

TEST_P(CasePageTest, TheHistoryNamesTheAssignedWorkerInsteadOfTheirId) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string bo = sign_in("bo", "caseworker");
  const std::string sven = sign_in("sven", "supervisor");
  const std::string id = report(anna);
  const std::string team_id = core::new_id(clock_->now());
  db().write([&](store::Tx& tx) {
    tx.execute(
        "INSERT INTO teams (id, agency_id, name, created_at, updated_at) VALUES ($1, $2, $3, $4, "
        "$4)",
        store::params(team_id, agency_id_, std::string("Team Norr"), clock_->now().ms));
  });
  auto moved = send("POST", sven, "/api/v1/cases/" + id + "/assignment",
                    {{"assigned_worker_id", user_ids_["bo"]},
                     {"team_id", team_id},
                     {"version", case_json(anna, id)["version"]}});
  ASSERT_EQ(moved ? moved->status : 0, 200) << (moved ? moved->body : "");
  const std::string html = page(sven, id);
  const auto history = html.find("class=\"case-history\"");
  ASSERT_NE(history, std::string::npos);
  EXPECT_NE(html.find("<td>Worker</td><td><del>anna</del> → bo</td>", history), std::string::npos)
      << html.substr(history, 3000);
  EXPECT_NE(html.find("<td>Team</td><td>Team Norr</td>", history), std::string::npos);
  EXPECT_EQ(html.find(user_ids_["bo"], history), std::string::npos);
  EXPECT_EQ(html.find(user_ids_["anna"], history), std::string::npos);
  EXPECT_EQ(html.find(team_id, history), std::string::npos);
}

// Every record a case holds names its changes in the reader's language: how the child was heard
// and what she was told, a person around her and their tie to her, a placement changed, a transfer
// asked for, a cross-border referral drafted — codes, flags and lists in words, ids as names,
// sensitive values only as changed — and none as the record and field the history stores.
TEST_P(CasePageTest, TheHistoryNamesEveryRecordsChangesInTheReadersLanguage) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string id = to_assessment(anna);
  const std::string child_id = case_json(anna, id)["child"]["id"];
  post_ok(anna, id, "participation",
          {{"stage", "assessment"},
           {"decision", "Where Elsa lives for now"},
           {"space_offered_on", today()},
           {"space_setting", "At school, with her teacher"},
           {"voice_views", "I want to stay with grandma."},
           {"audience_decision_maker", "The social welfare board"}});
  post_ok(anna, id, "information",
          {{"given_on", today()},
           {"stage", "planning"},
           {"what", "Who decides where she lives."},
           {"language", "sv"},
           {"format", "easy_read"}});
  auto mother =
      send("POST", anna, "/api/v1/children/" + child_id + "/persons",
           {{"given_names", "Maria"},
            {"family_names", "Öberg"},
            {"sex", "female"},
            {"roles", {"caregiver"}},
            {"languages", {"sv", "fi"}},
            {"phone", "+46 70 123 45 67"},
            {"relationship",
             {{"type", "mother"}, {"lives_with", true}, {"parental_responsibility", true}}}});
  ASSERT_EQ(mother ? mother->status : 0, 201) << (mother ? mother->body : "");
  auto suspect = send("POST", anna, "/api/v1/children/" + child_id + "/persons",
                      {{"given_names", "Rolf"},
                       {"family_names", "Halvarsson"},
                       {"sex", "male"},
                       {"roles", {"alleged_perpetrator"}},
                       {"relationship", {{"type", "step_parent"}, {"lives_with", true}}}});
  ASSERT_EQ(suspect ? suspect->status : 0, 201) << (suspect ? suspect->body : "");
  post_ok(anna, id, "placement",
          {{"type", "kinship_care"},
           {"provider", "Mormor Britt"},
           {"start_on", today()},
           {"entry_reasons_parental_capacity", "1"},
           {"reason", "A safe home while the family gets help."}});
  const auto placement =
      body_of(send("GET", anna, "/api/v1/cases/" + id + "/placements"))["items"][0];
  post_ok(anna, id, "placement",
          {{"placement_id", placement["id"].get<std::string>()},
           {"version", std::to_string(placement["version"].get<int64_t>())},
           {"type", "kinship_care"},
           {"provider", "Mormor Britt Öberg"},
           {"start_on", today()},
           {"entry_reasons_parental_capacity", "1"},
           {"reason", "A safe home while the family gets help."}});
  auto lund =
      app().agencies.create({"Lunds kommun", "child_protection", "SE"}, service::Actor::cli());
  ASSERT_TRUE(lund.ok()) << lund.error().message;
  auto transfer = send("POST", anna, "/api/v1/cases/" + id + "/transfers",
                       {{"to_agency_id", lund->id}, {"reason", "The family moved to Lund."}});
  ASSERT_EQ(transfer ? transfer->status : 0, 201) << (transfer ? transfer->body : "");
  // A cross-border referral's draft as CrossBorderReferralService files it (drafting one needs a
  // partner on the trust list, which this fixture has not).
  clock_->advance_ms(1);
  ASSERT_TRUE(db().write([&](store::Tx& tx) {
                    return app().history.record(
                        tx, service::Actor::cli(),
                        {"transnational_referral", core::new_id(clock_->now()), 1, id},
                        {{"request_type", std::nullopt, "information_request", false},
                         {"status", std::nullopt, "draft", false},
                         {"fields", std::nullopt, R"({"given_names":"Elsa"})", true}});
                  })
                  .ok());
  const size_t every =
      body_of(send("GET", anna, "/api/v1/cases/" + id + "/history"))["entries"].size();
  ASSERT_GT(every, 50u);

  // In German, every change, each named in German.
  const std::string all = history_of(page_in(anna, "de", "/cases/" + id + "?history=all"));
  ASSERT_FALSE(all.empty());
  EXPECT_NE(all.find("<caption>Alle Änderungen, neueste zuerst</caption>"), std::string::npos);
  EXPECT_EQ(all.find(" · "), std::string::npos) << all;  // no row names a stored field
  // Each row names its part of the case, then the field and the change: the participation
  // record's step and the information log's step read apart.
  const std::pair<std::string, std::string> rows[] = {
      // The report and the screening.
      {"Meldung", "<td>Wie dringend</td><td>Mittel</td>"},
      {"Meldung", "<td>Länderspezifische Felder</td><td>Reported to the police: No</td>"},
      {"Ersteinschätzung", "<td>Entscheidung</td><td>Prüfung eröffnen</td>"},
      // How the child was heard: her views only as changed.
      {"Beteiligung", "<td>Schritt</td><td>Prüfung</td>"},
      {"Beteiligung", "<td>Wo und wie</td><td>At school, with her teacher</td>"},
      {"Beteiligung", "<td>Sicht des Kindes</td><td><em>geändert</em></td>"},
      {"Beteiligung", "<td>Das Kind wollte nicht teilnehmen</td><td>Nein</td>"},
      // What she was told, by whom.
      {"Information", "<td>Schritt</td><td>Planung</td>"},
      {"Information", "<td>Form</td><td>Leichte Sprache</td>"},
      {"Information", "<td>Sprache</td><td>sv</td>"},
      {"Information", "<td>Gegeben von</td><td>anna</td>"},
      // Her mother and their tie: the mother's phone only as changed.
      {"Person", "<td>Vornamen</td><td>Maria</td>"},
      {"Person", "<td>Geschlecht</td><td>Weiblich</td>"},
      {"Person", "<td>Rollen im Fall</td><td>Bezugsperson</td>"},
      {"Person", "<td>Sprachen</td><td>sv, fi</td>"},
      {"Person", "<td>Telefon</td><td><em>geändert</em></td>"},
      {"Beziehung", "<td>Person</td><td>Maria Öberg</td>"},
      {"Beziehung", "<td>Beziehung</td><td>Mutter</td>"},
      {"Beziehung", "<td>Beziehung zu</td><td>Elsa Öberg</td>"},
      {"Beziehung", "<td>Sorgerecht</td><td>Ja</td>"},
      {"Beziehung", "<td>Leben zusammen</td><td>Ja</td>"},
      // The placement and its change.
      {"Unterbringung",
       "<td>Gründe für die Unterbringung</td><td>Eltern können nicht sorgen (Krankheit, "
       "Sucht, Behinderung)</td>"},
      {"Unterbringung",
       "<td>Wo das Kind lebt</td><td><del>Mormor Britt</del> → Mormor Britt Öberg</td>"},
      // The transfer asked for, and the cross-border referral.
      {"Übergabe", "<td>Übergabe an</td><td>Lunds kommun</td>"},
      {"Übergabe", "<td>Übergabe</td><td>Angefragt</td>"},
      {"Übergabe", "<td>Grund für die Übergabe</td><td>The family moved to Lund.</td>"},
      {"Grenzüberschreitendes Ersuchen", "<td>Art des Ersuchens</td><td>Auskunftsersuchen</td>"},
      {"Grenzüberschreitendes Ersuchen", "<td>Grenzüberschreitendes Ersuchen</td><td>Entwurf</td>"},
      {"Grenzüberschreitendes Ersuchen",
       "<td>Die Felder des Ersuchens</td><td><em>geändert</em></td>"},
      // The case's own changes.
      {"Fall", "<td>Status</td>"},
  };
  EXPECT_NE(all.find("<th scope=\"col\">Teil des Falls</th>"), std::string::npos);
  for (const auto& [record, row] : rows) {
    const std::string cells = "<td>" + record + "</td>" + row;
    EXPECT_NE(all.find(cells), std::string::npos) << cells << "\n" << all;
  }
  for (const std::string stored :
       {"participation_record", "information_given", "relationship", "case_transfer",
        "transnational_referral", "easy_read", "caregiver", "requested", "Mother", "Caregiver"})
    EXPECT_EQ(all.find(stored), std::string::npos) << stored;
  EXPECT_EQ(all.find(mother ? body_of(mother)["id"].get<std::string>() : "?"), std::string::npos);
  EXPECT_EQ(all.find(child_id), std::string::npos);
  // Everything about an alleged perpetrator is kept sensitive, his name in his tie too.
  EXPECT_NE(all.find("<td>Beziehung</td><td>Stiefelternteil</td>"), std::string::npos);
  EXPECT_NE(all.find("<td>Person</td><td>geändert</td>"), std::string::npos);
  EXPECT_EQ(all.find("Rolf"), std::string::npos);
  EXPECT_EQ(all.find("Halvarsson"), std::string::npos);
  EXPECT_EQ(all.find(lund->id), std::string::npos);
  // A field filed empty with its record (Maria's other names, she has none) makes no row of
  // nothing.
  EXPECT_EQ(all.find("</td><td></td></tr>"), std::string::npos) << all;

  // The page's newest 50 say they are the latest, not every change.
  const std::string latest = history_of(page_in(anna, "de", "/cases/" + id));
  EXPECT_NE(latest.find("<caption>Die letzten Änderungen, neueste zuerst</caption>"),
            std::string::npos)
      << latest.substr(0, 300);
  EXPECT_EQ(latest.find("Alle Änderungen"), std::string::npos);
}

TEST_P(CasePageTest, ALongHistoryShowsItsNewestChangesAndEveryChangeOnRequest) {
  const std::string anna = sign_in("anna", "caseworker");
  sign_in("bo", "caseworker");
  const std::string sven = sign_in("sven", "supervisor");
  const std::string id = report(anna);
  // 55 reassignments, each a change in the history: anna → bo, bo → anna, …, the last to bo.
  for (int n = 1; n <= 55; ++n) {
    clock_->advance_ms(1000);
    auto moved = send("POST", sven, "/api/v1/cases/" + id + "/assignment",
                      {{"assigned_worker_id", user_ids_[n % 2 == 1 ? "bo" : "anna"]},
                       {"version", case_json(sven, id)["version"]}});
    ASSERT_EQ(moved ? moved->status : 0, 200) << (moved ? moved->body : "");
  }
  const size_t every =
      body_of(send("GET", sven, "/api/v1/cases/" + id + "/history"))["entries"].size();
  ASSERT_GT(every, 55u);
  // The rows of the page's history table, and whether it says some are left out.
  auto rows = [](const std::string& html) {
    const auto table = html.find("class=\"case-history\"");
    const auto end = html.find("</table>", table);
    size_t n = 0;
    for (auto at = html.find("<tr><td>", table); at < end; at = html.find("<tr><td>", at + 1)) ++n;
    return n;
  };
  const std::string html = page(sven, id);
  EXPECT_EQ(rows(html), 50u);
  const auto history = html.find("class=\"case-history\"");
  // The caption says these are the latest, not every change.
  EXPECT_NE(html.find("<caption>The latest changes, newest first</caption>", history),
            std::string::npos);
  EXPECT_EQ(html.find("Every change, newest first"), std::string::npos);
  EXPECT_NE(html.find("<del>anna</del> → bo", history), std::string::npos);  // the newest first
  const std::string all_href = "/cases/" + id + "?history=all#section-timeline-title";
  EXPECT_NE(html.find("Only the latest 50 changes are shown here. <a href=\"" + all_href +
                      "\">Show all changes</a>"),
            std::string::npos);

  // The link shows every change and says nothing is left out.
  auto all = get(sven, all_href.substr(0, all_href.find('#')));
  ASSERT_TRUE(all);
  ASSERT_EQ(all->status, 200);
  EXPECT_EQ(rows(all->body), every);
  EXPECT_EQ(all->body.find("Only the latest 50 changes"), std::string::npos);
  EXPECT_NE(all->body.find("<caption>Every change, newest first</caption>"), std::string::npos);
  EXPECT_EQ(all->body.find("The latest changes"), std::string::npos);
  // From the page with every note, the link keeps every note shown.
  auto notes = get(sven, "/cases/" + id + "?notes=all");
  ASSERT_TRUE(notes);
  EXPECT_EQ(rows(notes->body), 50u);
  EXPECT_NE(notes->body.find("href=\"/cases/" + id +
                             "?history=all&amp;notes=all#section-timeline-title\""),
            std::string::npos);
}

HAVEN_INSTANTIATE_BACKENDS(CasePageTest);

}  // namespace
}  // namespace haven::testing
