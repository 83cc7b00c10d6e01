// The pages as a browser meets them, through a real server: strict CSP and no-store on every page,
// CSRF refused without its token, display names shown as text, sign-in returning only to local
// paths, an ended session sending the worker to sign-in and back, and the page helpers (forms,
// cookies, sealed form state) that those rest on.
#include <gtest/gtest.h>

#include "http/authentication.h"
#include "http/web/form.h"
#include "http/web/site.h"
#include "security/encoding.h"
#include "security/totp.h"
#include "server_fixture.h"

namespace haven::http::testing {
namespace {

constexpr const char* kPassword = "granite lantern 47 oyster";

std::string cookie_pair(const std::string& set_cookie) {
  return set_cookie.substr(0, set_cookie.find(';'));
}

// The value of <input name="NAME" ... value="..."> in a page, after `after` (e.g. a form's action).
std::string hidden_value(const std::string& html, const std::string& name,
                         const std::string& after = "") {
  const std::string key = "name=\"" + name + "\" value=\"";
  size_t start = after.empty() ? 0 : html.find(after);
  if (start == std::string::npos) return "";
  size_t at = html.find(key, start);
  if (at == std::string::npos) return "";
  at += key.size();
  return html.substr(at, html.find('"', at) - at);
}

class WebPagesTest : public ServerTest {
 protected:
  void SetUp() override { start(); }

  // Creates a user and returns the Cookie header of a full session (password + confirmed TOTP).
  std::string signed_in(const std::string& username, const std::string& role,
                        const std::string& display_name = "") {
    if (agency_id_.empty()) {
      auto a = app_->agencies.create({"Malmö barn och unga", "child_protection", "SE"},
                                     service::Actor::cli());
      EXPECT_TRUE(a.ok());
      agency_id_ = a->id;
    }
    auto u = app_->users.create({username, display_name, role, agency_id_, kPassword},
                                service::Actor::cli());
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().message);
    service::LoginRequest req;
    req.username = username;
    req.password = kPassword;
    auto login = app_->auth.login(req);
    EXPECT_TRUE(login.ok());
    auto who = app_->auth.authenticate_session(login->token.view());
    EXPECT_TRUE(who.ok());
    if (!login->second_factor) {
      auto enrolment = app_->users.begin_totp_enrollment(*who);
      EXPECT_TRUE(enrolment.ok());
      auto bytes = security::from_base32(enrolment->secret_base32.view());
      auto secret = security::Secret::copy_of(std::span<const uint8_t>(*bytes));
      auto code =
          security::totp_code(secret, security::totp_step(core::SystemClock::instance().now()));
      auto codes = app_->users.confirm_totp(*who, code.view());
      EXPECT_TRUE(codes.ok()) << (codes.ok() ? "" : codes.error().message);
    }
    return std::string(kSecureSessionCookie) + "=" + std::string(login->token.view());
  }

  std::string agency_id_;
};

TEST_F(WebPagesTest, PagesCarryTheStrictContentSecurityPolicyAndNoStore) {
  auto c = client();
  auto r = c->Get("/signin");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Security-Policy"), web::kPageContentSecurityPolicy);
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  EXPECT_NE(r->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(r->body.find("<main id=\"main\""), std::string::npos);
  EXPECT_NE(r->body.find("href=\"#main\""), std::string::npos) << "a skip link";
  EXPECT_EQ(r->body.find("<script>"), std::string::npos) << "no inline script";
  EXPECT_EQ(r->body.find("style=\""), std::string::npos) << "no inline style";

  const std::string cookie = signed_in("ada", "admin");
  auto home = c->Get("/", httplib::Headers{{"Cookie", cookie}});
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 200);
  EXPECT_EQ(home->get_header_value("Content-Security-Policy"), web::kPageContentSecurityPolicy);
  EXPECT_EQ(home->get_header_value("Cache-Control"), "no-store");
}

TEST_F(WebPagesTest, StaticAssetsAreCachedForLong) {
  auto r = client()->Get("/static/haven.css");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Content-Type").find("text/css"), std::string::npos);
  EXPECT_NE(r->get_header_value("Cache-Control").find("max-age=31536000"), std::string::npos);
  EXPECT_EQ(client()->Get("/static/nothing.css")->status, 404);
}

TEST_F(WebPagesTest, PostWithoutTheCsrfTokenIsRefused) {
  auto c = client();
  // Before sign-in: the double-submit cookie without the matching field.
  auto page = c->Get("/signin");
  const std::string csrf_cookie = cookie_pair(page->get_header_value("Set-Cookie"));
  ASSERT_NE(csrf_cookie.find("haven_csrf="), std::string::npos);
  auto no_field = c->Post("/signin", httplib::Headers{{"Cookie", csrf_cookie}},
                          "username=ada&password=x", "application/x-www-form-urlencoded");
  ASSERT_TRUE(no_field);
  EXPECT_EQ(no_field->status, 403);
  EXPECT_EQ(no_field->body.find("name=\"pending\""), std::string::npos);
  auto with_field =
      c->Post("/signin", httplib::Headers{{"Cookie", csrf_cookie}},
              "_csrf=" + hidden_value(page->body, "_csrf") + "&username=ada&password=x",
              "application/x-www-form-urlencoded");
  EXPECT_EQ(with_field->status, 200);
  EXPECT_NE(with_field->body.find("name=\"pending\""), std::string::npos);

  // Signed in: the session's token is required, and without it nothing changes.
  const std::string cookie = signed_in("ada", "admin");
  auto refused = c->Post("/admin/agencies", httplib::Headers{{"Cookie", cookie}},
                         "name=Riga+children&kind=child_protection&country=LV",
                         "application/x-www-form-urlencoded");
  EXPECT_EQ(refused->status, 403);
  auto list = app_->agencies.list(service::Actor::cli());
  for (const auto& a : *list) EXPECT_NE(a.name, "Riga children");
  auto users = c->Get("/admin/agencies", httplib::Headers{{"Cookie", cookie}});
  auto created = c->Post("/admin/agencies", httplib::Headers{{"Cookie", cookie}},
                         "_csrf=" + hidden_value(users->body, "_csrf") +
                             "&name=Riga+children&kind=child_protection&country=LV",
                         "application/x-www-form-urlencoded");
  EXPECT_EQ(created->status, 303);
}

TEST_F(WebPagesTest, ADisplayNameIsShownAsTextNeverAsMarkup) {
  const std::string cookie = signed_in("mallory", "admin", "<script>alert(1)</script>");
  auto r = client()->Get("/", httplib::Headers{{"Cookie", cookie}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(r->body.find("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;"), std::string::npos);
  auto users = client()->Get("/admin/users", httplib::Headers{{"Cookie", cookie}});
  EXPECT_EQ(users->body.find("<script>alert(1)"), std::string::npos);
}

TEST_F(WebPagesTest, AnEndedSessionGoesToSignInAndRemembersThePage) {
  auto r = client()->Get(
      "/admin/users",
      httplib::Headers{{"Cookie", std::string(kSecureSessionCookie) + "=hvs_expired"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);
  // httplib's client hands out Location percent-decoded.
  EXPECT_EQ(r->get_header_value("Location"), "/signin?next=/admin/users&ended=1");
  auto none = client()->Get("/audit");
  EXPECT_EQ(none->get_header_value("Location"), "/signin?next=/audit");
  auto signin = client()->Get("/signin?next=%2Fadmin%2Fusers&ended=1");
  EXPECT_EQ(hidden_value(signin->body, "next", "action=\"/signin\""), "&#x2F;admin&#x2F;users");
}

TEST_F(WebPagesTest, SignInReturnsOnlyToLocalPaths) {
  for (const char* evil : {"//evil.example/x", "https://evil.example", "/\\evil.example", "http:/x",
                           "/\r\nSet-Cookie: x=1", "javascript:alert(1)"}) {
    auto r = client()->Get(std::string("/signin?next=") + web::url_encode(evil));
    ASSERT_TRUE(r);
    EXPECT_EQ(hidden_value(r->body, "next", "action=\"/signin\""), "") << evil;
  }
  EXPECT_TRUE(web::is_safe_next("/admin/users"));
  EXPECT_TRUE(web::is_safe_next("/audit?page=2"));
  EXPECT_FALSE(web::is_safe_next("//evil.example"));
  EXPECT_FALSE(web::is_safe_next("/\\evil.example"));
  EXPECT_FALSE(web::is_safe_next("https://evil.example/"));
  EXPECT_FALSE(web::is_safe_next("/x\r\nSet-Cookie: a=b"));
  EXPECT_FALSE(web::is_safe_next("/signin"));
  EXPECT_FALSE(web::is_safe_next(""));
}

TEST_F(WebPagesTest, TheAnonymousPageFollowsAcceptLanguageThenTheLanguageCookie) {
  auto da = client()->Get("/signin", httplib::Headers{{"Accept-Language", "da-DK,da;q=0.9"}});
  EXPECT_NE(da->body.find("<html lang=\"da\">"), std::string::npos);
  EXPECT_NE(da->body.find("Log ind"), std::string::npos);
  auto chosen = client()->Get(
      "/signin", {{"Accept-Language", "da-DK,da;q=0.9"}, {"Cookie", "__Host-haven_lang=lt"}});
  EXPECT_NE(chosen->body.find("<html lang=\"lt\">"), std::string::npos);
}

TEST_F(WebPagesTest, AWorkerWithoutTheRoleIsRefusedAdministration) {
  const std::string cookie = signed_in("carl", "caseworker");
  auto r = client()->Get("/admin/users", httplib::Headers{{"Cookie", cookie}});
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(client()->Get("/audit", httplib::Headers{{"Cookie", cookie}})->status, 403);
}

TEST(WebForm, DecodesFormBodiesAndCookies) {
  auto f = web::Form::parse("a=1&name=%C3%85sa+Lind&empty=&a=2&bad=%zz");
  EXPECT_EQ(f.get("a"), "1");
  EXPECT_EQ(f.get("name"), "Åsa Lind");
  EXPECT_EQ(f.get("empty"), "");
  EXPECT_EQ(f.get("bad"), "%zz");
  EXPECT_EQ(f.get("missing"), "");
  EXPECT_TRUE(f.valid());
  EXPECT_FALSE(web::Form::parse("x=%ff").valid());
  EXPECT_EQ(web::cookie_value("a=1; haven_lang=sv; b=2", "haven_lang"), "sv");
  EXPECT_EQ(web::cookie_value("a=1", "haven_lang"), std::nullopt);
}

TEST_F(WebPagesTest, SealedFormStateCannotBeReadAlteredOrReused) {
  web::Site site(*app_, {});
  const std::string sealed = site.seal("signin", "secret text", 60'000);
  EXPECT_EQ(sealed.find("secret"), std::string::npos);
  EXPECT_EQ(site.open("signin", sealed), "secret text");
  EXPECT_EQ(site.open("enrol", sealed), std::nullopt) << "bound to its purpose";
  std::string altered = sealed;
  altered[altered.size() / 2] = altered[altered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(site.open("signin", altered), std::nullopt);
  EXPECT_EQ(site.open("signin", site.seal("signin", "old", -1)), std::nullopt) << "expired";
}

}  // namespace
}  // namespace haven::http::testing
