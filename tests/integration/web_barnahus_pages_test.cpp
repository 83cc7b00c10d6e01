// The Barnahus pages on both databases, through their own forms as a browser posts them: a
// coordinator opens a case from a police referral, invites police and child protection, records a
// team meeting; police record an interview, and a second without a reason comes back with the
// message beside the field; a police report stays closed to the social worker (403 on its page,
// only counted on the case page); the quality report shows the figures and its charts; training is
// recorded; a revoked invitation closes the case to the agency; a stranger finds nothing.
#include <gtest/gtest.h>

#include <map>

#include "case_fixture.h"
#include "core/date.h"
#include "http/web/form.h"
#include "service/app.h"

namespace haven::testing {
namespace {

class BarnahusPagesTest : public CaseApiTest {
 protected:
  httplib::Result get(const std::string& token, const std::string& path) {
    clock_->advance_ms(1);
    return client().Get(path, httplib::Headers{{"Cookie", "haven_session=" + token}});
  }

  std::string html(const std::string& token, const std::string& path, int status = 200) {
    auto r = get(token, path);
    EXPECT_TRUE(r);
    if (!r) return "";
    EXPECT_EQ(r->status, status) << path << ": " << r->body.substr(0, 3000);
    return r->body;
  }

  static std::string csrf_of(const std::string& page) {
    const std::string marker = "name=\"_csrf\" value=\"";
    auto at = page.find(marker);
    if (at == std::string::npos) return "";
    at += marker.size();
    return page.substr(at, page.find('"', at) - at);
  }

  httplib::Result post(const std::string& token, const std::string& path,
                       const std::vector<std::pair<std::string, std::string>>& fields) {
    const std::string csrf = csrf_of(html(token, "/account"));
    std::string body = "_csrf=" + http::web::url_encode(csrf);
    for (const auto& [k, v] : fields)
      body += "&" + http::web::url_encode(k) + "=" + http::web::url_encode(v);
    clock_->advance_ms(1);
    return client().Post(path, httplib::Headers{{"Cookie", "haven_session=" + token}}, body,
                         "application/x-www-form-urlencoded");
  }

  // A form that must be saved: 303 to `to`.
  void post_ok(const std::string& token, const std::string& path,
               const std::vector<std::pair<std::string, std::string>>& fields,
               const std::string& to) {
    auto r = post(token, path, fields);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 303) << path << ": " << r->body.substr(0, 4000);
    EXPECT_EQ(r->get_header_value("Location").rfind(to, 0), 0u) << r->get_header_value("Location");
  }

  std::string agency(const std::string& name, const std::string& kind) {
    auto a = app().agencies.create({name, kind, "SE"}, service::Actor::cli());
    EXPECT_TRUE(a.ok());
    return a.ok() ? a->id : "";
  }

  std::string day(int days_ago) const {
    return core::Date::of(clock_->now()).plus_days(-days_ago).to_string();
  }
};

TEST_P(BarnahusPagesTest, ACaseFromPoliceReferralToTheQualityReport) {
  const std::string barnahus = agency("Barnahus Malmö", "barnahus");
  const std::string police = agency("Polisen Region Syd", "police");
  const std::string other_police = agency("Polisen Region Nord", "police");
  const std::string kim = sign_in("kim", "barnahus_coordinator", barnahus);
  const std::string per = sign_in("per", "mdt_member", police);
  const std::string sofia = sign_in("sofia", "caseworker");  // the fixture's child protection
  const std::string olle = sign_in("olle", "mdt_member", other_police);

  // The home page and the form to open a case; the menu names Barnahus.
  const std::string home = html(kim, "/barnahus");
  EXPECT_NE(home.find("href=\"/barnahus/cases/new\""), std::string::npos);
  EXPECT_NE(home.find("&#x2F;barnahus\" aria-current=\"page\">Barnahus</a>"), std::string::npos)
      << home.substr(0, 3000);
  EXPECT_NE(html(kim, "/barnahus/cases/new").find("name=\"violence_types-sexual_abuse\""),
            std::string::npos);
  EXPECT_EQ(html(per, "/barnahus/cases/new", 403).find("name=\"violence_types"), std::string::npos);

  // A form with problems names them beside the fields and keeps what was typed.
  auto bad = post(kim, "/barnahus/cases/new",
                  {{"referred_by", "police"},
                   {"referred_at", day(3) + "T09:30"},
                   {"child_role", "victim"},
                   {"contact_person", "Kim Coordinator"},
                   {"child_mode", "new"},
                   {"given_names", "Alva"},
                   {"birth_date", day(9 * 365)}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_NE(bad->body.find("id=\"field-new-violence_types-error\""), std::string::npos);
  EXPECT_NE(bad->body.find("value=\"Kim Coordinator\""), std::string::npos);
  EXPECT_EQ(count("barnahus_cases"), 0);

  auto opened = post(kim, "/barnahus/cases/new",
                     {{"referred_by", "police"},
                      {"referred_by_agency_id", police},
                      {"referred_at", day(3) + "T09:30"},
                      {"violence_types-sexual_abuse", "1"},
                      {"violence_types-physical_abuse", "1"},
                      {"child_role", "victim"},
                      {"contact_person", "Kim Coordinator"},
                      {"child_mode", "new"},
                      {"given_names", "Alva"},
                      {"family_names", "Lindqvist"},
                      {"sex", "female"},
                      {"birth_date", day(9 * 365)}});
  ASSERT_TRUE(opened);
  ASSERT_EQ(opened->status, 303) << opened->body.substr(0, 4000);
  const std::string base = opened->get_header_value("Location");
  ASSERT_EQ(base.rfind("/barnahus/cases/", 0), 0u);
  std::string page = html(kim, base);
  EXPECT_NE(page.find("Alva Lindqvist"), std::string::npos);
  EXPECT_NE(page.find("Sexual abuse, Physical abuse"), std::string::npos);
  EXPECT_NE(page.find("Polisen Region Syd"), std::string::npos);

  // The team: police and child protection; then a planning meeting with a task for the police.
  post_ok(kim, base + "/invite", {{"agency_id", police}, {"shared_parts-interview", "1"}}, base);
  post_ok(kim, base + "/invite", {{"agency_id", agency_id_}}, base);
  post_ok(kim, base + "/meeting",
          {{"kind", "planning"},
           {"held_on", day(2)},
           {"agencies_present-" + barnahus, "1"},
           {"agencies_present-" + police, "1"},
           {"decisions", "Interview at the Barnahus on Thursday."},
           {"task_agency_1", police},
           {"task_1", "Book the interview room"}},
          base);
  EXPECT_EQ(count("barnahus_meetings"), 1);
  // Members do not invite.
  auto member_invites = post(per, base + "/invite", {{"agency_id", other_police}});
  ASSERT_TRUE(member_invites);
  EXPECT_EQ(member_invites->status, 403);

  // Police record the interview; a second without a reason is refused beside the field.
  const std::vector<std::pair<std::string, std::string>> interview = {
      {"interviewed_on", day(1)},
      {"interviewer", "Per Police"},
      {"interviewer_trained", "1"},
      {"protocol", "NICHD"},
      {"recorded", "1"},
      {"place", "Barnahus Malmö, room 2"}};
  post_ok(per, base + "/interview", interview, base);
  auto again = post(per, base + "/interview", interview);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 422);
  const auto reason_error = again->body.find("id=\"field-interview-repeat_reason-error\"");
  ASSERT_NE(reason_error, std::string::npos) << again->body.substr(0, 3000);
  EXPECT_NE(again->body.find("give the reason for another interview", reason_error),
            std::string::npos);
  EXPECT_NE(again->body.find("href=\"#field-interview-repeat_reason\""), std::string::npos);
  EXPECT_EQ(count("barnahus_interviews"), 1);

  // The coordinator records the examination, the information given and a caregiver.
  post_ok(kim, base + "/medical",
          {{"offered", "1"}, {"done", "1"}, {"examined_on", day(1)}, {"examined_by", "Dr Berg"}},
          base);
  post_ok(kim, base + "/party", {{"role", "non_offending_caregiver"}, {"name", "Maria"}}, base);
  for (const char* recipient : {"child", "caregiver"})
    post_ok(kim, base + "/information",
            {{"given_on", day(3)},
             {"stage", "referral"},
             {"what", "What happens at the Barnahus."},
             {"recipient", recipient},
             {"language", "sv"},
             {"format", "verbal"},
             {"given_by", "Kim Coordinator"}},
            base);

  // A police report: police open it; the social worker sees it only counted, and is refused.
  post_ok(per, base + "/record",
          {{"kind", "police_report"},
           {"recorded_on", day(1)},
           {"title", "Report 2026/123"},
           {"body", "The suspect is the neighbour."}},
          base);
  page = html(per, base);
  const auto link = page.find(base + "/records/");
  ASSERT_NE(link, std::string::npos);
  const std::string record_path = page.substr(link, page.find('"', link) - link);
  EXPECT_NE(html(per, record_path).find("The suspect is the neighbour."), std::string::npos);
  const std::string social = html(sofia, base);
  EXPECT_EQ(social.find("Report 2026/123"), std::string::npos);
  EXPECT_EQ(social.find("/records/"), std::string::npos);
  EXPECT_EQ(social.find("Per Police"), std::string::npos);  // the interview was not shared
  const std::string refused = html(sofia, record_path, 403);
  EXPECT_EQ(refused.find("The suspect"), std::string::npos);
  EXPECT_NE(refused.find("not shared with you"), std::string::npos);

  // The quality report counts the case: interviewed once, a meeting before the interview.
  const std::string quality = html(kim, "/barnahus/quality?from=" + day(30) + "&to=" + day(0));
  EXPECT_NE(quality.find("<svg"), std::string::npos);
  EXPECT_NE(quality.find("role=\"img\""), std::string::npos);
  const auto once = quality.find("<th scope=\"row\">Children interviewed once</th>");
  ASSERT_NE(once, std::string::npos);
  EXPECT_NE(quality.find("100%", once), std::string::npos);
  EXPECT_NE(quality.find("2 days", once), std::string::npos);
  EXPECT_EQ(html(per, "/barnahus/quality", 403).find("<svg"), std::string::npos);

  // Training records.
  post_ok(
      kim, "/barnahus/training",
      {{"user_id", user_ids_["per"]}, {"training", "NICHD protocol"}, {"completed_on", day(40)}},
      "/barnahus/training");
  EXPECT_NE(html(kim, "/barnahus/training").find("NICHD protocol"), std::string::npos);

  // A stranger finds nothing; revoking child protection's invitation closes the case to them.
  html(olle, base, 404);
  EXPECT_EQ(html(olle, "/barnahus").find(base), std::string::npos);
  page = html(kim, base);
  const std::string revoke_marker = "name=\"member_id\" value=\"";
  std::string child_protection_member;
  for (auto at = page.find(revoke_marker); at != std::string::npos;
       at = page.find(revoke_marker, at + 1)) {
    const std::string id = page.substr(at + revoke_marker.size(), 36);
    auto members = app().barnahus.timeline(service::Actor::cli(), base.substr(16));
    ASSERT_TRUE(members.ok());
    for (const auto& m : members->members)
      if (m.id == id && m.agency_id == agency_id_) child_protection_member = id;
  }
  ASSERT_FALSE(child_protection_member.empty());
  post_ok(kim, base + "/revoke", {{"member_id", child_protection_member}, {"version", "1"}}, base);
  html(sofia, base, 404);
  EXPECT_NE(html(kim, base).find("Revoked"), std::string::npos);
  auto twice =
      post(kim, base + "/revoke", {{"member_id", child_protection_member}, {"version", "1"}});
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->status, 409);
}

HAVEN_INSTANTIATE_BACKENDS(BarnahusPagesTest);

}  // namespace
}  // namespace haven::testing
