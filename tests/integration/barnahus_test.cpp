// Barnahus ([J1]) through the HTTP API on both databases: a coordinator opens a case from a police
// referral, invites police, a prosecutor, a paediatrician and child protection, records a team
// meeting; police record an interview (none before the report, no second without a reason), the
// paediatrician an examination; the quality report counts it and the coordinator's alerts name the
// case left waiting. A prosecutor's note stays with law enforcement: the social worker who was not
// given it is refused and the refusal is in the audit log, until the prosecutor shares it. Every
// view of the case is audited; an agency that was not invited finds nothing.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.h"
#include "core/date.h"
#include "identity_fixture.h"
#include "service/app.h"
#include "support/test_databases.h"

namespace haven::testing {
namespace {

using nlohmann::json;

constexpr int64_t kDayMs = 86'400'000;

class BarnahusTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    clock_ = std::make_unique<core::ManualClock>(core::SystemClock::instance().now());
    service::AppOptions o;
    o.keys = service::KeyService::ephemeral();
    o.password_params = security::PasswordHashParams::minimum_for_tests();
    if (const char* src = std::getenv("HAVEN_SOURCE_DIR"))
      o.config_dir = std::string(src) + "/config";
    process_ = std::make_unique<Process>(db(), *clock_, std::move(o));
    barnahus_ = add_agency("Barnahus Stockholm", "barnahus");
    police_ = add_agency("Polisen Region Stockholm", "police");
    prosecution_ = add_agency("Åklagarkammaren Stockholm", "prosecutor");
    hospital_ = add_agency("Astrid Lindgrens barnsjukhus", "health");
    social_ = add_agency("Stockholms socialtjänst", "child_protection");
    other_police_ = add_agency("Polisen Region Syd", "police");
    coordinator_ = add_user("kim.coordinator", "barnahus_coordinator", barnahus_);
    officer_ = add_user("per.police", "mdt_member", police_);
    prosecutor_ = add_user("eva.prosecutor", "mdt_member", prosecution_);
    paediatrician_ = add_user("lars.paediatrician", "mdt_member", hospital_);
    social_worker_ = add_user("sofia.socialworker", "caseworker", social_);
    outsider_ = add_user("olle.police", "mdt_member", other_police_);
  }
  void TearDown() override {
    process_.reset();
    DatabaseTest::TearDown();
  }

  struct User {
    std::string id;
    std::string token;
  };
  struct Answer {
    int status = 0;
    json body;
  };

  service::App& app() { return *process_->app; }

  std::string add_agency(const std::string& name, const std::string& kind) {
    auto a = app().agencies.create({name, kind, "SE"}, service::Actor::cli());
    EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().message);
    return a.ok() ? a->id : "";
  }

  // A user with an API token carrying every permission of the role.
  User add_user(const std::string& username, const std::string& role, const std::string& agency) {
    auto u = app().users.create({username, "", role, agency, kGoodPassword}, service::Actor::cli());
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().message);
    if (!u.ok()) return {};
    const auto& perms = app().roles.permissions(*security::parse_role(role));
    std::vector<std::string> scopes(perms.begin(), perms.end());
    auto t =
        app().auth.create_api_token(username, scopes, 86'400'000, "test", service::Actor::cli());
    EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
    return {u->id, t.ok() ? std::string(t->token.view()) : ""};
  }

  Answer call(const char* method, const User& u, const std::string& path, const json& body = {}) {
    auto c = process_->client();
    httplib::Headers h{{"Authorization", "Bearer " + u.token}};
    httplib::Result r = std::string(method) == "GET" ? c.Get(path.c_str(), h)
                        : std::string(method) == "PUT"
                            ? c.Put(path.c_str(), h, body.dump(), "application/json")
                            : c.Post(path.c_str(), h, body.dump(), "application/json");
    Answer a;
    if (!r) return a;
    a.status = r->status;
    a.body = json::parse(r->body, nullptr, false);
    return a;
  }

  std::string day(int days_ago) const {
    return core::Date::of(clock_->now()).plus_days(-days_ago).to_string();
  }

  static bool has_field(const json& problem, const std::string& field) {
    if (!problem.contains("errors")) return false;
    for (const auto& e : problem["errors"])
      if (e.value("field", "") == field) return true;
    return false;
  }

  int64_t audit_count(const std::string& action, const std::string& entity_id,
                      const std::string& actor = "") {
    return db().read([&](store::Tx& tx) {
      return tx
          .query_one(
              "SELECT COUNT(*) FROM audit_events WHERE action = $1 AND entity_id = $2 AND "
              "($3 = '' OR actor_id = $3)",
              store::params(action, entity_id, actor))
          ->integer(0);
    });
  }
  int64_t count(const std::string& table) {
    return db().read(
        [&](store::Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM " + table)->integer(0); });
  }

  // A case opened by the coordinator from a police referral received `days_ago` days ago.
  json open_case(int days_ago, const std::string& given_names = "Alva") {
    return call("POST", coordinator_, "/api/v1/barnahus/cases",
                {{"violence_types", {"sexual_abuse", "physical_abuse"}},
                 {"child_role", "victim"},
                 {"referred_by", "police"},
                 {"referred_by_agency_id", police_},
                 {"referred_at", clock_->now().ms - days_ago * kDayMs},
                 {"contact_person", "Kim Coordinator"},
                 {"contact_person_user_id", coordinator_.id},
                 {"child",
                  {{"given_names", given_names},
                   {"family_names", "Lindqvist"},
                   {"sex", "female"},
                   {"birth_date", day(9 * 365)}}}})
        .body;
  }

  json interview(int days_ago) {
    return {{"interviewed_on", day(days_ago)},
            {"interviewer", "Per Police"},
            {"interviewer_user_id", officer_.id},
            {"interviewer_trained", true},
            {"protocol", "NICHD"},
            {"recorded", true},
            {"place", "Barnahus Stockholm, interview room 2"}};
  }

  std::unique_ptr<core::ManualClock> clock_;
  std::unique_ptr<Process> process_;
  std::string barnahus_, police_, prosecution_, hospital_, social_, other_police_;
  User coordinator_, officer_, prosecutor_, paediatrician_, social_worker_, outsider_;
};

TEST_P(BarnahusTest, TeamWorksOneCaseAndTheQualityReportCountsIt) {
  json c = open_case(10);
  ASSERT_TRUE(c.contains("id")) << c.dump();
  const std::string id = c["id"];
  const std::string base = "/api/v1/barnahus/cases/" + id;
  EXPECT_EQ(c["status"], "open");
  EXPECT_EQ(c["violence_types"], json({"sexual_abuse", "physical_abuse"}));

  // Nobody outside the team knows of the case; the refusal is audited.
  EXPECT_EQ(call("GET", outsider_, base).status, 404);
  EXPECT_EQ(call("GET", officer_, base).status, 404);
  EXPECT_GE(audit_count("policy.deny", id, outsider_.id), 1);

  // The coordinator invites police (their interviews shared back to them anyway), the prosecutor,
  // the paediatrician in person with the interview shared, and child protection with nothing.
  EXPECT_EQ(call("POST", coordinator_, base + "/members", {{"agency_id", police_}}).status, 201);
  EXPECT_EQ(call("POST", coordinator_, base + "/members", {{"agency_id", prosecution_}}).status,
            201);
  auto doctor = call("POST", coordinator_, base + "/members",
                     {{"user_id", paediatrician_.id}, {"shared_parts", {"interview"}}});
  EXPECT_EQ(doctor.status, 201) << doctor.body.dump();
  EXPECT_EQ(call("POST", coordinator_, base + "/members", {{"agency_id", social_}}).status, 201);
  EXPECT_EQ(call("POST", coordinator_, base + "/members", {{"user_id", paediatrician_.id}}).status,
            409);
  // Members do not invite.
  EXPECT_EQ(call("POST", officer_, base + "/members", {{"agency_id", other_police_}}).status, 403);

  auto meeting = call("POST", coordinator_, base + "/meetings",
                      {{"kind", "planning"},
                       {"held_on", day(9)},
                       {"agencies_present", {barnahus_, police_, hospital_}},
                       {"decisions", "Interview at the Barnahus; paediatric examination first."},
                       {"tasks", {{{"agency_id", police_}, {"task", "Book the interview room"}}}}});
  EXPECT_EQ(meeting.status, 201) << meeting.body.dump();

  // An interview dated before the report is refused with the field; so is a second without a
  // reason, and neither is written.
  auto early = call("POST", officer_, base + "/interviews", interview(11));
  EXPECT_EQ(early.status, 422);
  EXPECT_TRUE(has_field(early.body, "interviewed_on")) << early.body.dump();
  auto first = call("POST", officer_, base + "/interviews", interview(7));
  ASSERT_EQ(first.status, 201) << first.body.dump();
  EXPECT_EQ(first.body["sequence"], 1);
  auto again = call("POST", officer_, base + "/interviews", interview(6));
  EXPECT_EQ(again.status, 422);
  EXPECT_TRUE(has_field(again.body, "repeat_reason")) << again.body.dump();
  EXPECT_EQ(count("barnahus_interviews"), 1);
  // Whether it was used in court is known later: the recording police say so; a stale version is
  // refused.
  const std::string interview_path = base + "/interviews/" + first.body["id"].get<std::string>();
  EXPECT_EQ(call("PUT", officer_, interview_path, {{"used_in_court", true}, {"version", 1}}).status,
            200);
  EXPECT_EQ(
      call("PUT", officer_, interview_path, {{"used_in_court", false}, {"version", 1}}).status,
      409);
  // Police of an agency not invited cannot add to the case.
  EXPECT_EQ(call("POST", outsider_, base + "/interviews", interview(7)).status, 404);

  auto exam = call("POST", paediatrician_, base + "/medical-exams",
                   {{"offered", true},
                    {"done", true},
                    {"examined_on", day(8)},
                    {"acute", false},
                    {"examined_by", "Lars Paediatrician"}});
  EXPECT_EQ(exam.status, 201) << exam.body.dump();
  auto parent = call("POST", coordinator_, base + "/parties",
                     {{"role", "non_offending_caregiver"}, {"name", "Maria Lindqvist"}});
  ASSERT_EQ(parent.status, 201);
  for (const std::string recipient : {"child", "caregiver"}) {
    auto info = call("POST", coordinator_, base + "/information-given",
                     {{"given_on", day(10)},
                      {"stage", "referral"},
                      {"what", "What happens at the Barnahus and who will be there."},
                      {"language", "sv"},
                      {"format", recipient == "child" ? "easy_read" : "verbal"},
                      {"recipient", recipient},
                      {"given_by", "Kim Coordinator"}});
    EXPECT_EQ(info.status, 201) << info.body.dump();
  }
  auto therapy = call("POST", coordinator_, base + "/therapy",
                      {{"service", "crisis_support"},
                       {"recipient", "family_member"},
                       {"party_id", parent.body["id"]},
                       {"offered_on", day(8)}});
  EXPECT_EQ(therapy.status, 201) << therapy.body.dump();

  // The coordinator sees the whole timeline; the interview deadline was met.
  auto timeline = call("GET", coordinator_, base);
  ASSERT_EQ(timeline.status, 200) << timeline.body.dump();
  EXPECT_EQ(timeline.body["members"].size(), 4u);
  EXPECT_EQ(timeline.body["meetings"].size(), 1u);
  EXPECT_EQ(timeline.body["interviews"].size(), 1u);
  EXPECT_EQ(timeline.body["interviews"][0]["used_in_court"], true);
  EXPECT_EQ(timeline.body["medical_exams"].size(), 1u);
  EXPECT_EQ(timeline.body["information_given"].size(), 2u);
  EXPECT_EQ(timeline.body["deadlines"][0]["step"], "interview");
  EXPECT_EQ(timeline.body["deadlines"][0]["state"], "met");
  EXPECT_EQ(timeline.body["deadlines"][1]["state"], "met");

  // The paediatrician sees the interview shared with them; child protection only the core.
  auto doctor_view = call("GET", paediatrician_, base);
  ASSERT_EQ(doctor_view.status, 200);
  EXPECT_EQ(doctor_view.body["interviews"].size(), 1u);
  EXPECT_EQ(doctor_view.body["medical_exams"].size(), 1u);  // their own agency's
  auto social_view = call("GET", social_worker_, base);
  ASSERT_EQ(social_view.status, 200);
  EXPECT_TRUE(social_view.body["interviews"].empty());
  // Child protection cannot change the police's interview record.
  EXPECT_EQ(call("PUT", social_worker_, interview_path, {{"used_in_court", false}, {"version", 2}})
                .status,
            403);
  EXPECT_TRUE(social_view.body["medical_exams"].empty());
  EXPECT_EQ(social_view.body["meetings"].size(), 1u);
  EXPECT_GE(social_view.body["withheld_records"].get<int>(), 2);
  // Each member lists the cases they work; someone not invited lists none.
  auto listed = call("GET", social_worker_, "/api/v1/barnahus/cases");
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.body["items"].size(), 1u);
  EXPECT_EQ(listed.body["items"][0]["id"], id);
  EXPECT_EQ(call("GET", coordinator_, "/api/v1/barnahus/cases").body["items"].size(), 1u);
  EXPECT_TRUE(call("GET", outsider_, "/api/v1/barnahus/cases").body["items"].empty());
  // Every view of the case is audited, one event per reader.
  EXPECT_EQ(audit_count("barnahus_case.read", id), 3);
  EXPECT_EQ(audit_count("barnahus_case.read", id, social_worker_.id), 1);

  // The quality report for the period counts the case.
  auto q = call("GET", coordinator_, "/api/v1/barnahus/quality?from=" + day(30) + "&to=" + day(0));
  ASSERT_EQ(q.status, 200) << q.body.dump();
  EXPECT_EQ(q.body["cases"], 1);
  EXPECT_EQ(q.body["interviewed_once"], 1);
  EXPECT_EQ(q.body["share_interviewed_once"], 1.0);
  EXPECT_EQ(q.body["median_days_to_interview"], 3.0);
  EXPECT_EQ(q.body["median_days_to_medical_exam"], 2.0);
  EXPECT_EQ(q.body["meeting_before_interview"], 1);
  EXPECT_EQ(q.body["informed_by_stage"][0]["stage"], "referral");
  EXPECT_EQ(q.body["informed_by_stage"][0]["informed"], 1);
  EXPECT_EQ(audit_count("barnahus.quality_report", barnahus_), 1);
  // A period before the case counts nothing; a police officer has no aggregates.
  EXPECT_EQ(call("GET", coordinator_, "/api/v1/barnahus/quality?from=" + day(60) + "&to=" + day(40))
                .body["cases"],
            0);
  EXPECT_EQ(call("GET", officer_,
                 "/api/v1/barnahus/quality?barnahus_agency_id=" + barnahus_ + "&from=" + day(30) +
                     "&to=" + day(0))
                .status,
            403);
}

TEST_P(BarnahusTest, ProsecutorsNoteStaysWithLawEnforcementUntilShared) {
  const std::string id = open_case(5)["id"];
  const std::string base = "/api/v1/barnahus/cases/" + id;
  for (const auto& agency : {police_, prosecution_, social_})
    ASSERT_EQ(call("POST", coordinator_, base + "/members", {{"agency_id", agency}}).status, 201);

  const std::string secret = "Suspect questioned on 3 March; charging decision pending.";
  auto note = call("POST", prosecutor_, base + "/law-enforcement",
                   {{"kind", "prosecutor_note"},
                    {"recorded_on", day(1)},
                    {"title", "Charging considerations"},
                    {"body", secret}});
  ASSERT_EQ(note.status, 201) << note.body.dump();
  const std::string note_id = note.body["id"];
  const std::string path = base + "/law-enforcement/" + note_id;
  // Only police and prosecutors write such records.
  EXPECT_EQ(
      call("POST", social_worker_, base + "/law-enforcement",
           {{"kind", "investigation_note"}, {"recorded_on", day(1)}, {"title", "x"}, {"body", "y"}})
          .status,
      403);

  // The social worker, invited but not given the note, is refused — and the refusal is audited.
  auto refused = call("GET", social_worker_, path);
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.value("detail", "").find("visible only to police"), std::string::npos)
      << refused.body.dump();
  EXPECT_EQ(audit_count("policy.deny", note_id, social_worker_.id), 1);
  auto view = call("GET", social_worker_, base);
  EXPECT_TRUE(view.body["law_enforcement_records"].empty());
  EXPECT_GE(view.body["withheld_records"].get<int>(), 1);
  // The coordinator is not law enforcement either.
  EXPECT_EQ(call("GET", coordinator_, path).status, 403);

  // Police read it, and the read is audited.
  auto police_read = call("GET", officer_, path);
  ASSERT_EQ(police_read.status, 200);
  EXPECT_EQ(police_read.body["body"], secret);
  EXPECT_EQ(audit_count("barnahus_law_enforcement_record.read", note_id, officer_.id), 1);
  // Stored only encrypted.
  auto stored = db().read([&](store::Tx& tx) {
    return tx.query_one("SELECT body_ct FROM barnahus_law_enforcement_records")->blob(0);
  });
  EXPECT_EQ(std::string(stored.bytes.begin(), stored.bytes.end()).find("charging"),
            std::string::npos);

  // Police cannot share the prosecutor's note; the prosecutor shares it with child protection.
  EXPECT_EQ(
      call("PUT", officer_, path + "/shared-with", {{"shared_with", {social_}}, {"version", 1}})
          .status,
      403);
  auto shared =
      call("PUT", prosecutor_, path + "/shared-with", {{"shared_with", {social_}}, {"version", 1}});
  ASSERT_EQ(shared.status, 200) << shared.body.dump();
  EXPECT_EQ(shared.body["version"], 2);
  EXPECT_EQ(call("PUT", prosecutor_, path + "/shared-with",
                 {{"shared_with", json::array()}, {"version", 1}})
                .status,
            409);
  auto now_given = call("GET", social_worker_, path);
  EXPECT_EQ(now_given.status, 200);
  EXPECT_EQ(now_given.body["body"], secret);
}

TEST_P(BarnahusTest, CoordinatorsAlertsNameTheCaseLeftWaiting) {
  const std::string waiting = open_case(20, "Nils")["id"];
  const std::string fresh = open_case(1, "Ebba")["id"];
  auto alerts = call("GET", coordinator_, "/api/v1/barnahus/alerts");
  ASSERT_EQ(alerts.status, 200) << alerts.body.dump();
  bool interview_overdue = false;
  for (const auto& a : alerts.body["items"]) {
    EXPECT_NE(a["barnahus_case_id"], fresh) << a.dump();
    if (a["barnahus_case_id"] == waiting && a["deadline"]["step"] == "interview")
      interview_overdue = a["deadline"]["state"] == "overdue";
  }
  EXPECT_TRUE(interview_overdue) << alerts.body.dump();
  EXPECT_EQ(alerts.body["items"][0]["deadline"]["state"], "overdue");
  EXPECT_EQ(call("GET", social_worker_, "/api/v1/barnahus/alerts").status, 403);

  // Closing the case ends its alerts; nothing more is recorded on it.
  auto closed =
      call("POST", coordinator_, "/api/v1/barnahus/cases/" + waiting + "/close", {{"version", 1}});
  ASSERT_EQ(closed.status, 200) << closed.body.dump();
  EXPECT_EQ(closed.body["status"], "closed");
  const auto after = call("GET", coordinator_, "/api/v1/barnahus/alerts");
  ASSERT_EQ(after.status, 200);
  for (const auto& a : after.body["items"]) EXPECT_NE(a["barnahus_case_id"], waiting);
  EXPECT_EQ(call("POST", coordinator_, "/api/v1/barnahus/cases/" + waiting + "/parties",
                 {{"role", "support_person"}, {"name", "Ulla"}})
                .status,
            409);
}

TEST_P(BarnahusTest, BadInputNamesEveryFieldAndTrainingIsKept) {
  auto bad = call("POST", coordinator_, "/api/v1/barnahus/cases",
                  {{"violence_types", json::array()},
                   {"child_role", "bystander"},
                   {"referred_by", "police"},
                   {"contact_person", "Kim"},
                   {"child_id", "not-an-id"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(has_field(bad.body, "violence_types")) << bad.body.dump();
  EXPECT_TRUE(has_field(bad.body, "child_role"));
  EXPECT_TRUE(has_field(bad.body, "child_id"));
  EXPECT_EQ(count("barnahus_cases"), 0);
  // Only coordinators open cases.
  EXPECT_EQ(call("POST", officer_, "/api/v1/barnahus/cases", {{"child_role", "victim"}}).status,
            403);

  auto t = call("POST", coordinator_, "/api/v1/barnahus/training",
                {{"user_id", officer_.id},
                 {"training", "NICHD protocol, advanced"},
                 {"completed_on", day(100)}});
  ASSERT_EQ(t.status, 201) << t.body.dump();
  auto list = call("GET", coordinator_, "/api/v1/barnahus/training");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.body["items"].size(), 1u);
  EXPECT_EQ(list.body["items"][0]["training"], "NICHD protocol, advanced");
  EXPECT_EQ(call("GET", officer_, "/api/v1/barnahus/training").status, 403);
}

TEST_P(BarnahusTest, ARevokedInvitationClosesTheCaseToTheMember) {
  const std::string id = open_case(4)["id"];
  const std::string base = "/api/v1/barnahus/cases/" + id;
  auto member = call("POST", coordinator_, base + "/members", {{"agency_id", social_}});
  ASSERT_EQ(member.status, 201) << member.body.dump();
  const std::string revoke = base + "/members/" + member.body["id"].get<std::string>() + "/revoke";
  EXPECT_EQ(call("GET", social_worker_, base).status, 200);

  // Only the coordinators revoke; a stale version is refused.
  EXPECT_EQ(call("POST", social_worker_, revoke, {{"version", 1}}).status, 403);
  EXPECT_EQ(call("POST", coordinator_, revoke, {{"version", 7}}).status, 409);
  auto revoked = call("POST", coordinator_, revoke, {{"version", 1}});
  ASSERT_EQ(revoked.status, 200) << revoked.body.dump();
  EXPECT_FALSE(revoked.body["revoked_at"].is_null());
  EXPECT_EQ(revoked.body["version"], 2);
  EXPECT_EQ(audit_count("barnahus_member.revoke", id, coordinator_.id), 1);

  // The member no longer knows of the case; revoking again is a conflict; they can be invited
  // anew.
  EXPECT_EQ(call("GET", social_worker_, base).status, 404);
  EXPECT_TRUE(call("GET", social_worker_, "/api/v1/barnahus/cases").body["items"].empty());
  EXPECT_EQ(call("POST", coordinator_, revoke, {{"version", 2}}).status, 409);
  EXPECT_EQ(
      call("POST", coordinator_, base + "/members/" + id + "/revoke", {{"version", 1}}).status,
      404);
  EXPECT_EQ(call("POST", coordinator_, base + "/members", {{"agency_id", social_}}).status, 201);
  EXPECT_EQ(call("GET", social_worker_, base).status, 200);
}

HAVEN_INSTANTIATE_BACKENDS(BarnahusTest);

}  // namespace
}  // namespace haven::testing
