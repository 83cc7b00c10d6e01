// Demo mode on both databases: only a database marked as a demo database gets the demo users; they
// cover every role, in the right kinds of agency, with a pre-enrolled TOTP secret that signs the
// demo caseworker in through the API, and /me says the data is demo data.
#include <gtest/gtest.h>

#include <set>

#include "identity_fixture.h"
#include "service/demo_service.h"

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
    if (l.role == "mdt_member") {
      EXPECT_NE(l.agency.find("police"), std::string::npos) << l.agency;
    }
    if (l.role == "contact_point") {
      EXPECT_NE(l.agency.find("contact point"), std::string::npos) << l.agency;
    }
  }
  EXPECT_EQ(logins->size(), 9u);
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
  EXPECT_EQ(*app().users.count(), 9);
}

HAVEN_INSTANTIATE_BACKENDS(DemoTest);

}  // namespace
}  // namespace haven::testing
