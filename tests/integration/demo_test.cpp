// Demo mode on both databases: only a database marked as a demo database gets the demo users; they
// cover every role, in the right kinds of agency, with a pre-enrolled TOTP secret that signs the
// demo caseworker in through the API, and /me says the data is demo data. The demo caseworkers get
// a caseload of generated cases whose deadlines and approvals show in their task lists.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "identity_fixture.h"
#include "service/demo_service.h"
#include "service/generate/population_writers.h"
#include "synth/name_data.h"

namespace haven::testing {
namespace {

class DemoTest : public IdentityTest {};

TEST_P(DemoTest, ANormalDatabaseGetsNoDemoUsers) {
  EXPECT_FALSE(app().demo.is_demo());
  // The fixture's agency makes the database one that holds data.
  auto can = app().demo.check_can_become_demo();
  ASSERT_FALSE(can.ok());
  EXPECT_EQ(can.error().code, core::ErrorCode::kConflict);
  auto users = app().demo.create_users("SE");
  ASSERT_FALSE(users.ok());
  EXPECT_EQ(users.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(*app().users.count(), 0);
  auto logins = app().demo.logins();
  ASSERT_TRUE(logins.ok());
  EXPECT_TRUE(logins->empty());
}

TEST_P(DemoTest, ADatabaseWithUsersCannotBecomeADemo) {
  add_user("anna", "caseworker");
  auto marked = app().demo.mark_demo("SE");
  ASSERT_FALSE(marked.ok());
  EXPECT_EQ(marked.error().code, core::ErrorCode::kConflict);
  EXPECT_FALSE(app().demo.is_demo());
}

TEST_P(DemoTest, DemoUsersForEveryRoleSignInWithTheirTotpSecret) {
  ASSERT_TRUE(app().demo.mark_demo("SE").ok());
  EXPECT_TRUE(app().demo.is_demo());
  auto logins = app().demo.create_users("SE");
  ASSERT_TRUE(logins.ok()) << logins.error().message;
  std::set<std::string> roles;
  std::string caseworker_secret;
  for (const auto& l : *logins) {
    roles.insert(l.role);
    EXPECT_EQ(l.password, service::kDemoPassword);
    ASSERT_FALSE(l.totp_secret_base32.empty()) << l.username;
    EXPECT_EQ(std::string(l.otpauth_uri.view()).rfind("otpauth://totp/haven:" + l.username, 0), 0u);
    if (l.username == "demo-caseworker")
      caseworker_secret = std::string(l.totp_secret_base32.view());
    if (l.username == "demo-police") {
      EXPECT_NE(l.agency.find("police"), std::string::npos) << l.agency;
    }
    if (l.username == "demo-paediatrician") {
      EXPECT_NE(l.agency.find("health"), std::string::npos) << l.agency;
    }
    if (l.role == "contact_point") {
      EXPECT_NE(l.agency.find("contact point"), std::string::npos) << l.agency;
    }
  }
  EXPECT_EQ(logins->size(), 10u);
  EXPECT_EQ(roles,
            (std::set<std::string>{"caseworker", "supervisor", "barnahus_coordinator", "mdt_member",
                                   "contact_point", "analyst", "admin", "auditor"}));

  auto r = login("demo-caseworker", service::kDemoPassword, code_for(caseworker_secret));
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_TRUE(body_of(r)["second_factor"].get<bool>());
  auto c = client();
  auto me = c.Get(
      "/api/v1/me",
      httplib::Headers{{"Authorization", "Bearer " + body_of(r)["token"].get<std::string>()}});
  ASSERT_EQ(me->status, 200);
  auto j = body_of(me);
  EXPECT_EQ(j["demo"], true);
  ASSERT_EQ(j["teams"].size(), 1u);

  // The supervisor is on the same team; running again re-creates nothing.
  auto again = app().demo.create_users("SE");
  ASSERT_TRUE(again.ok());
  for (const auto& l : *again)
    if (l.username == "demo-caseworker") {
      EXPECT_EQ(std::string(l.totp_secret_base32.view()), caseworker_secret);
    }
  EXPECT_EQ(*app().users.count(), 10);
}

TEST_P(DemoTest, TheDemoCaseworkerGetsACaseloadWithDeadlinesAndApprovalsWaiting) {
  // Outside a demo database there is no caseload to give.
  EXPECT_EQ(app().demo.assign_caseload("SE").error().code, core::ErrorCode::kConflict);

  // What `haven demo` does: the mark, a municipality dated up to now (with its agencies' staff),
  // the demo users, the caseload.
  const char* root = std::getenv("HAVEN_SOURCE_DIR");
  auto names = synth::NameData::load(std::filesystem::path(root ? root : ".") / "data");
  ASSERT_TRUE(names.ok()) << names.error().message;
  service::generate::GenerateOptions o;
  o.country = "SE";
  o.children = 1500;
  o.seed = 7;
  o.reference_date = core::Date::of(clock_->now());
  o.end_ms = clock_->now().ms;
  const security::FieldCipher cipher = app().keys.cipher();
  ASSERT_TRUE(app().demo.mark_demo("SE").ok());
  ASSERT_TRUE(service::generate::generate_into_database(db(), *names, o, {}, &cipher).ok());
  auto logins = app().demo.create_users("SE");
  ASSERT_TRUE(logins.ok()) << logins.error().message;
  auto assigned = app().demo.assign_caseload("SE");
  ASSERT_TRUE(assigned.ok()) << assigned.error().message;
  EXPECT_GT(*assigned, 30);

  std::string worker, secret;
  for (const auto& l : *logins)
    if (l.username == "demo-caseworker") secret = std::string(l.totp_secret_base32.view());
  auto count = [&](const std::string& sql) {
    return db().read(
        [&](store::Tx& tx) { return tx.query_one(sql, store::params(worker))->integer(0); });
  };
  db().read([&](store::Tx& tx) {
    worker = tx.query_one("SELECT id FROM users WHERE username = 'demo-caseworker'")->text(0);
  });
  const int64_t open = count(
      "SELECT COUNT(*) FROM cases WHERE assigned_worker_id = $1 AND status IN ('reported', "
      "'screening', 'assessment', 'planning', 'implementation', 'review')");
  EXPECT_GE(open, 20);
  EXPECT_LE(open, 40);
  EXPECT_GE(count("SELECT COUNT(DISTINCT status) FROM cases WHERE assigned_worker_id = $1"), 5);
  EXPECT_GT(count("SELECT COUNT(*) FROM case_plans p JOIN cases c ON c.id = p.case_id WHERE "
                  "c.assigned_worker_id = $1 AND c.status = 'planning' AND p.approval = "
                  "'submitted' AND p.submitted_by = $1"),
            0);
  // The records of the caseload name the demo caseworker, not the generator's placeholder.
  EXPECT_GT(count("SELECT COUNT(*) FROM screening_decisions s JOIN cases c ON c.id = s.case_id "
                  "WHERE c.assigned_worker_id = $1 AND s.decided_by = $1"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM case_notes n JOIN cases c ON c.id = n.case_id WHERE "
                  "c.assigned_worker_id = $1 AND n.created_by = 'generated-caseworker'"),
            0);

  // The caseworker's task list has something overdue; the supervisor's has approvals waiting.
  auto r = login("demo-caseworker", service::kDemoPassword, code_for(secret));
  ASSERT_EQ(r->status, 200) << r->body;
  auto c = client();
  auto tasks = c.Get(
      "/api/v1/tasks",
      httplib::Headers{{"Authorization", "Bearer " + body_of(r)["token"].get<std::string>()}});
  ASSERT_EQ(tasks->status, 200) << tasks->body;
  EXPECT_NE(tasks->body.find("\"overdue\""), std::string::npos) << tasks->body;

  // Once given, never again.
  auto again = app().demo.assign_caseload("SE");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
}

HAVEN_INSTANTIATE_BACKENDS(DemoTest);

}  // namespace
}  // namespace haven::testing
