// Finding a child in the pages, on both databases: the find-a-child page (a name in another
// spelling or script, a case number, a date of birth; why each result matched; another agency's
// children never shown; bad input named beside its field) and the duplicate warning at intake
// (a child who may already be known is shown before a new one is created, and the worker either
// registers the report for that child or confirms the child is new).
#include <gtest/gtest.h>

#include <regex>

#include "web_fixture.h"

namespace haven::testing {
namespace {

class WebFindChildTest : public WebPageTest {
 protected:
  // Registers a report for a new child through the API; the case (id and number).
  std::pair<std::string, std::string> register_child(const std::string& token,
                                                     const std::string& given,
                                                     const std::string& family,
                                                     const std::string& original,
                                                     const std::string& born) {
    nlohmann::json body = intake_body();
    body["child"]["given_names"] = given;
    body["child"]["family_names"] = family;
    body["child"]["names_original_script"] = original;
    body["child"]["birth_date"] = born;
    body["child"].erase("identity_numbers");
    auto r = send("POST", token, "/api/v1/reports", body);
    EXPECT_EQ(r ? r->status : 0, 201) << (r ? r->body : "");
    auto j = body_of(r);
    const std::string case_id = j.value("case_id", "");
    auto c = body_of(send("GET", token, "/api/v1/cases/" + case_id));
    return {case_id, c.value("case_number", "")};
  }

  httplib::Result find(const std::string& token, const std::string& q, const std::string& dob = "",
                       httplib::Headers headers = {}) {
    return post_form(token, "/find", {{"q", q}, {"dob", dob}}, "/find", "", std::move(headers));
  }

  static size_t matches_in(const std::string& html) {
    size_t n = 0;
    for (size_t at = html.find("class=\"child-match\""); at != std::string::npos;
         at = html.find("class=\"child-match\"", at + 1))
      ++n;
    return n;
  }

  // The intake form of web_intake_test.cpp, for a new child.
  std::vector<std::pair<std::string, std::string>> report_for(const std::string& given,
                                                              const std::string& family,
                                                              const std::string& born) {
    return {{"received_at", an_hour_ago()},
            {"channel", "phone"},
            {"reporter_type", "school"},
            {"concern_neglect", "1"},
            {"narrative", "Comes to school hungry."},
            {"urgency", "medium"},
            {"report_cf_police_report", "no"},
            {"child_mode", "new"},
            {"given_names", given},
            {"family_names", family},
            {"sex", "female"},
            {"birth_date", born},
            {"migration_status", "none"}};
  }
};

TEST_P(WebFindChildTest, FindsAChildWrittenAnotherWayAndSaysWhy) {
  const std::string anna = sign_in("anna", "caseworker");
  const auto [case_id, case_number] =
      register_child(anna, "Ivan", "Shcherbakov", "Иван Щербаков", "2014-05-09");
  register_child(anna, "Maja", "Lindqvist", "", "2016-01-20");

  auto page = get(anna, "/find");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<title>Find a child – haven"), std::string::npos);
  EXPECT_NE(page->body.find("aria-current=\"page\">Find a child</a>"), std::string::npos);

  // Polish officials' spelling, given name first, and the date of birth.
  auto r = find(anna, "Iwan Szczerbakow", "2014-05-09");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(matches_in(r->body), 1u) << r->body;
  EXPECT_NE(r->body.find("Ivan Shcherbakov"), std::string::npos);
  EXPECT_NE(r->body.find("href=\"/cases/" + case_id + "\">" + case_number + "</a>"),
            std::string::npos);
  EXPECT_NE(r->body.find("Why this child matched"), std::string::npos);
  EXPECT_NE(r->body.find("<strong>Date of birth:</strong> agrees"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("1 child found"), std::string::npos);
  EXPECT_EQ(r->body.find("Maja"), std::string::npos);
  // The name is never in the title (nor in a URL: the search is a POST).
  EXPECT_NE(r->body.find("<title>Find a child – haven"), std::string::npos);

  // The original script finds the same child.
  auto cyr = find(anna, "Щербаков");
  ASSERT_TRUE(cyr);
  EXPECT_EQ(cyr->status, 200);
  EXPECT_NE(cyr->body.find("Ivan Shcherbakov"), std::string::npos) << cyr->body;

  // The case number is an exact look-up.
  auto by_number = find(anna, case_number);
  ASSERT_TRUE(by_number);
  EXPECT_EQ(by_number->status, 200);
  EXPECT_EQ(matches_in(by_number->body), 1u);
  EXPECT_NE(by_number->body.find("the case number is exact"), std::string::npos);

  // A date of birth alone lists the children born that day.
  auto by_dob = find(anna, "", "2016-01-20");
  ASSERT_TRUE(by_dob);
  EXPECT_EQ(by_dob->status, 200);
  EXPECT_NE(by_dob->body.find("Maja Lindqvist"), std::string::npos) << by_dob->body;
  EXPECT_EQ(by_dob->body.find("Shcherbakov"), std::string::npos);

  // In German, the reasons are German.
  ASSERT_TRUE(get(anna, "/account"));
  auto de = post_form(anna, "/language", {{"lang", "de"}, {"next", "/find"}}, "/account");
  ASSERT_TRUE(de);
  auto r_de = find(anna, "Iwan Szczerbakow", "2014-05-09");
  ASSERT_TRUE(r_de);
  EXPECT_NE(r_de->body.find("Warum dieses Kind gefunden wurde"), std::string::npos);
  EXPECT_NE(r_de->body.find("<strong>Geburtsdatum:</strong> stimmt überein"), std::string::npos);
}

TEST_P(WebFindChildTest, AnotherAgencysChildrenAreNeverShown) {
  auto other = app().agencies.create({"Lunds kommun, socialtjänst", "child_protection", "SE"},
                                     service::Actor::cli());
  ASSERT_TRUE(other.ok()) << other.error().message;
  const std::string anna = sign_in("anna", "caseworker");
  const std::string lars = sign_in("lars", "caseworker", other->id);
  register_child(lars, "Ivan", "Shcherbakov", "", "2014-05-09");

  auto r = find(anna, "Ivan Shcherbakov", "2014-05-09");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(matches_in(r->body), 0u);
  EXPECT_NE(r->body.find("No child you may see matches this search."), std::string::npos);
  auto mine = find(lars, "Ivan Shcherbakov", "2014-05-09");
  ASSERT_TRUE(mine);
  EXPECT_EQ(matches_in(mine->body), 1u);
}

TEST_P(WebFindChildTest, BadInputIsNamedBesideItsFieldAndKept) {
  const std::string anna = sign_in("anna", "caseworker");
  auto empty = find(anna, "  ");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 422);
  EXPECT_NE(empty->body.find("href=\"#field-q\">Type a name or a case number"), std::string::npos);

  auto short_q = find(anna, "a");
  ASSERT_TRUE(short_q);
  EXPECT_EQ(short_q->status, 422);
  EXPECT_NE(short_q->body.find("id=\"field-q-error\""), std::string::npos);
  EXPECT_NE(short_q->body.find("Type at least two letters"), std::string::npos);

  auto long_q = find(anna, std::string(10'000, 'x'));
  ASSERT_TRUE(long_q);
  EXPECT_EQ(long_q->status, 422);

  auto emoji = find(anna, "😀😀😀");
  ASSERT_TRUE(emoji);
  EXPECT_EQ(emoji->status, 422);

  auto bad_dob = find(anna, "Elsa", "2015-13-45");
  ASSERT_TRUE(bad_dob);
  EXPECT_EQ(bad_dob->status, 422);
  EXPECT_NE(bad_dob->body.find("href=\"#field-dob\""), std::string::npos);
  EXPECT_NE(bad_dob->body.find("value=\"Elsa\""), std::string::npos);  // kept
  EXPECT_NE(bad_dob->body.find("value=\"2015-13-45\""), std::string::npos);

  // Only roles that work with children's records may search.
  const std::string ada = sign_in("ada", "analyst");
  auto refused = get(ada, "/find");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
}

TEST_P(WebFindChildTest, ResultsAsYouTypeComeAsAFragment) {
  const std::string anna = sign_in("anna", "caseworker");
  register_child(anna, "Þórunn", "Jónsdóttir", "", "2013-07-01");
  auto r = find(anna, "Thorunn Jonsdottir", "", {{"X-Haven-Fragment", "results"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body.find("<html"), std::string::npos);
  EXPECT_NE(r->body.find("Þórunn Jónsdóttir"), std::string::npos) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Security-Policy").find("connect-src 'self'") ==
                std::string::npos,
            false);
}

TEST_P(WebFindChildTest, IntakeShowsAChildWhoMayAlreadyBeKnownBeforeCreatingANewOne) {
  const std::string anna = sign_in("anna", "caseworker");
  auto first = post_form(anna, "/reports/new", report_for("Elsa", "Öberg", "2015-03-02"));
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 303) << first->body;
  const std::string first_case = first->get_header_value("Location").substr(7);
  const std::string number =
      body_of(send("GET", anna, "/api/v1/cases/" + first_case))["case_number"];
  ASSERT_EQ(count("children"), 1);

  // The same girl, typed without the diacritic and with day and month swapped.
  auto again = report_for("Elsa", "Oberg", "2015-02-03");
  auto warned = post_form(anna, "/reports/new", again);
  ASSERT_TRUE(warned);
  EXPECT_EQ(warned->status, 200) << warned->body;
  EXPECT_NE(warned->body.find("Is this child already known?"), std::string::npos) << warned->body;
  EXPECT_NE(warned->body.find(">" + number + "</a>"), std::string::npos);
  EXPECT_NE(warned->body.find("day and month swapped"), std::string::npos);
  EXPECT_NE(warned->body.find("value=\"Oberg\""), std::string::npos);  // everything typed kept
  EXPECT_NE(warned->body.find("Comes to school hungry."), std::string::npos);
  EXPECT_EQ(count("children"), 1);
  EXPECT_EQ(count("cases"), 1);

  // "Register the report for this child": a second case for the same child.
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(warned->body, m, std::regex("name=\"use_child\" value=\"([0-9a-f-]+)\"")));
  auto use = again;
  use.push_back({"use_child", m[1]});
  auto used = post_form(anna, "/reports/new", use);
  ASSERT_TRUE(used);
  EXPECT_EQ(used->status, 303) << used->body;
  EXPECT_EQ(count("children"), 1);
  EXPECT_EQ(count("cases"), 2);

  // "None of these": a new child, and the warning is not shown twice for the same names.
  auto warned_again = post_form(anna, "/reports/new", again);
  ASSERT_TRUE(warned_again);
  ASSERT_EQ(warned_again->status, 200);
  ASSERT_TRUE(std::regex_search(warned_again->body, m,
                                std::regex("name=\"duplicates_reviewed\" value=\"([^\"]+)\"")));
  auto confirmed = again;
  confirmed.push_back({"duplicates_reviewed", m[1]});
  auto created = post_form(anna, "/reports/new", confirmed);
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 303) << created->body;
  EXPECT_EQ(count("children"), 2);

  // A child nobody knows goes straight through.
  auto fresh = post_form(anna, "/reports/new", report_for("Noor", "Haddad", "2017-09-14"));
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->status, 303) << fresh->body;
  EXPECT_EQ(count("children"), 3);
}

HAVEN_INSTANTIATE_BACKENDS(WebFindChildTest);

}  // namespace
}  // namespace haven::testing
