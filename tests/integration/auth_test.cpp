// Signing in through the real HTTP server on both databases: password + TOTP → /me, the generic
// failure, lockout, sessions across processes, expiry, sign-out, CSRF, API tokens, recovery codes
// and audited denials — what a user or an attacker would notice.
#include <gtest/gtest.h>

#include "identity_fixture.h"
#include "store/repositories/audit_repository.h"

namespace haven::testing {
namespace {

class AuthTest : public IdentityTest {};

std::string session_cookie(const httplib::Result& r) {
  std::string set = r->get_header_value("Set-Cookie");
  return set.substr(0, set.find(';'));
}

TEST_P(AuthTest, PasswordAndTotpSignInReachesMe) {
  add_user("anna", "caseworker");
  // First sign-in with the password alone gives an enrolment-only session.
  auto first = login("anna", kGoodPassword);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_FALSE(body_of(first)["second_factor"].get<bool>());
  const std::string secret = enrol("anna");
  ASSERT_EQ(recovery_codes_.size(), 10u);

  auto r = login("anna", kGoodPassword, code_for(secret));
  ASSERT_EQ(r->status, 200) << r->body;
  auto j = body_of(r);
  EXPECT_TRUE(j["second_factor"].get<bool>());
  EXPECT_EQ(j["token"].get<std::string>().rfind("hvs_", 0), 0u);
  const std::string set_cookie = r->get_header_value("Set-Cookie");
  EXPECT_NE(set_cookie.find("__Host-haven_session=hvs_"), std::string::npos) << set_cookie;
  for (const char* attr : {"HttpOnly", "SameSite=Strict", "Secure", "Path=/"})
    EXPECT_NE(set_cookie.find(attr), std::string::npos) << attr;

  auto c = client();
  auto me = c.Get("/api/v1/me", httplib::Headers{{"Cookie", session_cookie(r)}});
  ASSERT_EQ(me->status, 200) << me->body;
  auto mej = body_of(me);
  EXPECT_EQ(mej["username"], "anna");
  EXPECT_EQ(mej["role"], "caseworker");
  EXPECT_EQ(mej["agency"]["country"], "SE");
  EXPECT_TRUE(mej["second_factor"].get<bool>());
  EXPECT_FALSE(mej["csrf_token"].get<std::string>().empty());
}

TEST_P(AuthTest, EnrolmentSessionCannotReachProtectedEndpoints) {
  add_user("anna", "caseworker");
  auto r = login("anna", kGoodPassword);
  auto c = client();
  auto audit = c.Get("/api/v1/audit?entity=child&entity_id=x",
                     httplib::Headers{{"Authorization", "Bearer " + body_of(r)["token"].get<std::string>()}});
  EXPECT_EQ(audit->status, 403);
  EXPECT_NE(audit->body.find("second factor"), std::string::npos);
}

TEST_P(AuthTest, WrongPasswordWrongCodeAndUnknownUserLookTheSame) {
  add_user("anna", "caseworker");
  const std::string secret = enrol("anna");
  auto wrong_password = login("anna", "not the password at all", code_for(secret));
  clock_->advance_ms(31'000);
  auto wrong_code = login("anna", kGoodPassword, "000000");
  clock_->advance_ms(31'000);
  auto unknown = login("nobody", kGoodPassword, code_for(secret));
  auto replay_base = code_for(secret);
  for (const auto* r : {&wrong_password, &wrong_code, &unknown}) {
    ASSERT_TRUE(*r);
    EXPECT_EQ((*r)->status, 401);
    EXPECT_EQ((*r)->get_header_value("Content-Type"), "application/problem+json");
    EXPECT_EQ(body_of(*r)["detail"], security::kGenericSignInFailure);
    EXPECT_EQ((*r)->get_header_value("Set-Cookie"), "");
  }
  // A code seen once (replay) is refused the same way.
  auto ok = login("anna", kGoodPassword, replay_base);
  ASSERT_EQ(ok->status, 200) << ok->body;
  auto replay = login("anna", kGoodPassword, replay_base);
  EXPECT_EQ(replay->status, 401);
  EXPECT_EQ(body_of(replay)["detail"], security::kGenericSignInFailure);
}

TEST_P(AuthTest, FiveFailuresLockTheNameWithAClearMessageForRealAndUnknownNames) {
  add_user("anna", "analyst");  // no second factor needed: the password alone would sign in
  for (const std::string name : {"anna", "ghost"}) {
    for (int i = 0; i < 5; ++i) {
      auto r = login(name, "wrong wrong wrong");
      EXPECT_EQ(r->status, 401) << name << " attempt " << i << ": " << r->body;
      clock_->advance_ms(20'000);  // past the growing delay
    }
    auto locked = login(name, name == "anna" ? kGoodPassword : "anything at all");
    ASSERT_EQ(locked->status, 429) << locked->body;
    EXPECT_NE(body_of(locked)["detail"].get<std::string>().find("locked"), std::string::npos);
    EXPECT_FALSE(locked->get_header_value("Retry-After").empty());
  }
  clock_->advance_ms(16 * 60'000);  // the lock runs out by itself
  EXPECT_EQ(login("anna", kGoodPassword)->status, 200);
}

TEST_P(AuthTest, SessionIsValidOnASecondProcessSharingTheDatabase) {
  add_user("anna", "analyst");
  auto r = login("anna", kGoodPassword);
  ASSERT_EQ(r->status, 200);
  const std::string token = body_of(r)["token"];
  // A second Database (PostgreSQL: another pool; SQLite: another open of the file) and server, with
  // the same master key as a second process would load.
  auto second_db = store::Database::open(test_db().url());
  Process second(*second_db, *clock_, options());
  auto c = second.client();
  auto me = c.Get("/api/v1/me", httplib::Headers{{"Authorization", "Bearer " + token}});
  ASSERT_EQ(me->status, 200) << me->body;
  EXPECT_EQ(body_of(me)["username"], "anna");
  second_db->close();
}

TEST_P(AuthTest, IdleOrForgedSessionsGet401ProblemJson) {
  add_user("anna", "analyst");
  auto r = login("anna", kGoodPassword);
  httplib::Headers h{{"Cookie", session_cookie(r)}};
  auto c = client();
  EXPECT_EQ(c.Get("/api/v1/me", h)->status, 200);
  clock_->advance_ms(31 * 60'000);  // idle for longer than 30 minutes
  auto expired = c.Get("/api/v1/me", h);
  EXPECT_EQ(expired->status, 401);
  EXPECT_EQ(expired->get_header_value("Content-Type"), "application/problem+json");
  auto forged = c.Get("/api/v1/me", httplib::Headers{{"Cookie", "__Host-haven_session=hvs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}});
  EXPECT_EQ(forged->status, 401);
  EXPECT_EQ(c.Get("/api/v1/me")->status, 401);
}

TEST_P(AuthTest, AbsoluteExpiryEndsEvenAnActiveSession) {
  add_user("anna", "analyst");
  auto r = login("anna", kGoodPassword);
  httplib::Headers h{{"Cookie", session_cookie(r)}};
  auto c = client();
  for (int i = 0; i < 12 * 3; ++i) {  // a request every 20 minutes for 12 hours
    clock_->advance_ms(20 * 60'000);
    if (c.Get("/api/v1/me", h)->status != 200) {
      EXPECT_GE(i, 12 * 3 - 2) << "ended early, after " << (i + 1) * 20 << " minutes";
      return;
    }
  }
  FAIL() << "the session outlived its 12-hour limit";
}

TEST_P(AuthTest, LogoutNeedsCsrfByCookieAndEndsTheSession) {
  add_user("anna", "analyst");
  auto r = login("anna", kGoodPassword);
  const std::string csrf = body_of(r)["csrf_token"];
  auto c = client();
  auto no_csrf = c.Post("/api/v1/auth/logout", httplib::Headers{{"Cookie", session_cookie(r)}}, "",
                        "application/json");
  EXPECT_EQ(no_csrf->status, 403);
  auto wrong_csrf = c.Post("/api/v1/auth/logout",
                           httplib::Headers{{"Cookie", session_cookie(r)}, {"X-CSRF-Token", csrf + "x"}},
                           "", "application/json");
  EXPECT_EQ(wrong_csrf->status, 403);
  EXPECT_EQ(c.Get("/api/v1/me", httplib::Headers{{"Cookie", session_cookie(r)}})->status, 200);
  auto out = c.Post("/api/v1/auth/logout",
                    httplib::Headers{{"Cookie", session_cookie(r)}, {"X-CSRF-Token", csrf}}, "",
                    "application/json");
  EXPECT_EQ(out->status, 204);
  EXPECT_EQ(c.Get("/api/v1/me", httplib::Headers{{"Cookie", session_cookie(r)}})->status, 401);
}

TEST_P(AuthTest, ApiTokensAreScopedExpireAndCanBeRevoked) {
  add_user("anna", "caseworker");
  auto created = app().auth.create_api_token("anna", {"case.read"}, 60'000, "sync",
                                             service::Actor::cli());
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto c = client();
  httplib::Headers h{{"Authorization", "Bearer " + std::string(created->token.view())}};
  auto me = c.Get("/api/v1/me", h);
  ASSERT_EQ(me->status, 200) << me->body;
  EXPECT_EQ(body_of(me)["permissions"], nlohmann::json::array({"case.read"}));
  EXPECT_EQ(body_of(me)["authenticated_by"], "api_token");
  // Bearer requests need no CSRF token; a token cannot sign out.
  EXPECT_EQ(c.Post("/api/v1/auth/logout", h, "", "application/json")->status, 400);
  // Scopes cannot widen the role.
  auto widened = app().auth.create_api_token("anna", {"audit.view"}, 60'000, "", service::Actor::cli());
  EXPECT_FALSE(widened.ok());
  // Revoked: refused at once.
  auto other = app().auth.create_api_token("anna", {"case.read"}, 60'000, "", service::Actor::cli());
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(app().auth.revoke_api_token(other->id, service::Actor::cli()).ok());
  EXPECT_EQ(c.Get("/api/v1/me", httplib::Headers{{"Authorization", "Bearer " + std::string(other->token.view())}})->status, 401);
  // Expired after its minute.
  clock_->advance_ms(61'000);
  EXPECT_EQ(c.Get("/api/v1/me", h)->status, 401);
}

TEST_P(AuthTest, RecoveryCodeReplacesTheCodeOnce) {
  add_user("anna", "caseworker");
  enrol("anna");
  const std::string code = recovery_codes_[3];
  EXPECT_EQ(login("anna", kGoodPassword, "", code)->status, 200);
  clock_->advance_ms(20'000);
  auto again = login("anna", kGoodPassword, "", code);
  EXPECT_EQ(again->status, 401);
  EXPECT_EQ(body_of(again)["detail"], security::kGenericSignInFailure);
}

TEST_P(AuthTest, DeniedActionIs403AndAudited) {
  const std::string id = add_user("anna", "analyst");
  auto r = login("anna", kGoodPassword);
  auto c = client();
  auto denied = c.Get("/api/v1/audit?entity=child&entity_id=c1",
                      httplib::Headers{{"Authorization", "Bearer " + body_of(r)["token"].get<std::string>()}});
  EXPECT_EQ(denied->status, 403);
  EXPECT_EQ(denied->get_header_value("Content-Type"), "application/problem+json");
  auto events = app().audit.about("audit_log", "");
  bool found = false;
  db().read([&](store::Tx& tx) {
    for (const auto& row : tx.query("SELECT actor_id, outcome FROM audit_events WHERE action = 'policy.deny'"))
      found = found || (row.text(0) == id && row.text(1) == "denied");
  });
  EXPECT_TRUE(found) << "no policy.deny event for the analyst";
  EXPECT_TRUE(app().audit.verify().intact());
}

TEST_P(AuthTest, EverySignInOutcomeIsAudited) {
  add_user("anna", "analyst");
  login("anna", "wrong wrong wrong");
  clock_->advance_ms(5'000);
  login("anna", kGoodPassword);
  int failures = 0, successes = 0;
  db().read([&](store::Tx& tx) {
    for (const auto& row : tx.query("SELECT outcome FROM audit_events WHERE action = 'auth.login'")) {
      failures += row.text(0) == "failure";
      successes += row.text(0) == "success";
    }
  });
  EXPECT_EQ(failures, 1);
  EXPECT_EQ(successes, 1);
}

HAVEN_INSTANTIATE_BACKENDS(AuthTest);

}  // namespace
}  // namespace haven::testing
