// The cross-border draft form and action forms through a real server ([X1]): the partner authority
// is picked from the trust list, the request type chooses the fields the form shows (re-rendered
// on the server, no script), a field the type does not carry is refused beside itself with what
// was typed kept, and an approval without a legal basis comes back beside that field.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "exchange/instance_keys.h"
#include "exchange/trust_list.h"
#include "http/authentication.h"
#include "http/web/form.h"
#include "security/encoding.h"
#include "security/totp.h"
#include "server_fixture.h"

namespace haven::http::testing {
namespace {

constexpr const char* kReferralPassword = "granite lantern 47 oyster";
constexpr const char* kPartner = "Valsts bērnu tiesību aizsardzības inspekcija";

// The value of <input name="NAME" ... value="..."> in a page.
std::string input_value(const std::string& html, const std::string& name) {
  const std::string key = "name=\"" + name + "\"";
  size_t at = html.find(key);
  if (at == std::string::npos) return "";
  at = html.find("value=\"", at);
  if (at == std::string::npos) return "";
  at += 7;
  return html.substr(at, html.find('"', at) - at);
}

bool has(const std::string& html, const std::string& text) {
  return html.find(text) != std::string::npos;
}

class WebReferralPagesTest : public ServerTest {
 protected:
  void SetUp() override {
    // The instance's keys and a trust list naming one partner, where the App looks for them.
    dir_ = std::filesystem::temp_directory_path() /
           ("haven-referral-pages-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto own = exchange::InstanceKeys::generate("SE", "Socialstyrelsen", "");
    ASSERT_TRUE(own.save(dir_.string()).ok());
    exchange::TrustList trust;
    auto partner = exchange::InstanceKeys::generate("LV", kPartner,
                                                    "https://lv.example/api/v1/exchange/inbox");
    ASSERT_TRUE(trust.add(partner.identity()).ok());
    ASSERT_TRUE(trust.save((dir_ / "trust.toml").string()).ok());
    ::setenv("HAVEN_EXCHANGE_DIR", dir_.c_str(), 1);  // NOLINT(concurrency-mt-unsafe)
    start();
  }
  void TearDown() override {
    ServerTest::TearDown();
    ::unsetenv("HAVEN_EXCHANGE_DIR");  // NOLINT(concurrency-mt-unsafe)
    std::filesystem::remove_all(dir_);
  }

  // Creates a user and returns the Cookie header of a full session (password + confirmed TOTP).
  std::string signed_in(const std::string& username, const std::string& role) {
    if (agency_id_.empty()) {
      auto a = app_->agencies.create({"Malmö barn och unga", "child_protection", "SE"},
                                     service::Actor::cli());
      EXPECT_TRUE(a.ok());
      agency_id_ = a->id;
    }
    auto u = app_->users.create({username, "", role, agency_id_, kReferralPassword},
                                service::Actor::cli());
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().message);
    service::LoginRequest req;
    req.username = username;
    req.password = kReferralPassword;
    auto login = app_->auth.login(req);
    EXPECT_TRUE(login.ok());
    auto who = app_->auth.authenticate_session(login->token.view());
    EXPECT_TRUE(who.ok());
    auto enrolment = app_->users.begin_totp_enrollment(*who);
    EXPECT_TRUE(enrolment.ok());
    auto bytes = security::from_base32(enrolment->secret_base32.view());
    auto secret = security::Secret::copy_of(std::span<const uint8_t>(*bytes));
    auto code =
        security::totp_code(secret, security::totp_step(core::SystemClock::instance().now()));
    EXPECT_TRUE(app_->users.confirm_totp(*who, code.view()).ok());
    return std::string(kSecureSessionCookie) + "=" + std::string(login->token.view());
  }

  httplib::Result get(const std::string& cookie, const std::string& path) {
    return client()->Get(path, httplib::Headers{{"Cookie", cookie}});
  }

  // POSTs a form with the session's CSRF token (read from `page`).
  httplib::Result post(const std::string& cookie, const std::string& path, const std::string& page,
                       const std::string& body) {
    return client()->Post(path, httplib::Headers{{"Cookie", cookie}},
                          "_csrf=" + input_value(page, "_csrf") + "&" + body,
                          "application/x-www-form-urlencoded");
  }

  // A report and its case, through the JSON API with the worker's session.
  std::string open_case(const std::string& cookie) {
    auto me = get(cookie, "/api/v1/me");
    const auto csrf = nlohmann::json::parse(me->body)["csrf_token"].get<std::string>();
    const nlohmann::json intake = {{"child",
                                    {{"given_names", "Jevgēnija"},
                                     {"family_names", "Ščerbakova"},
                                     {"sex", "female"},
                                     {"birth_date", "2012-06-14"},
                                     {"nationalities", {"LV"}},
                                     {"migration_status", "unaccompanied"}}},
                                   {"report",
                                    {{"channel", "phone"},
                                     {"reporter_type", "police"},
                                     {"concern_categories", {"neglect"}},
                                     {"narrative", "Found alone at the station."},
                                     {"urgency", "high"}}}};
    auto r = client()->Post("/api/v1/reports",
                            httplib::Headers{{"Cookie", cookie}, {"X-CSRF-Token", csrf}},
                            intake.dump(), "application/json");
    EXPECT_EQ(r->status, 201) << r->body;
    return nlohmann::json::parse(r->body)["case_id"].get<std::string>();
  }

  std::filesystem::path dir_;
  std::string agency_id_;
};

TEST_F(WebReferralPagesTest, ThePartnerAuthorityIsPickedFromTheTrustList) {
  const std::string cookie = signed_in("anna", "caseworker");
  auto page = get(cookie, "/cross-border/new?request_type=family_home_assessment");
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(has(page->body, "<select id=\"field-partner_authority\" name=\"partner_authority\""));
  EXPECT_TRUE(has(page->body, std::string("<option value=\"") + kPartner + "\">LV — " + kPartner));
  EXPECT_FALSE(has(page->body, "<input id=\"field-partner_authority\""));
  auto list = get(cookie, "/cross-border?case_id=0190");
  EXPECT_TRUE(has(list->body, std::string("LV — ") + kPartner));
  EXPECT_EQ(input_value(list->body, "case_id"), "0190");
}

TEST_F(WebReferralPagesTest, TheRequestTypeChoosesTheFieldsTheFormShows) {
  const std::string cookie = signed_in("anna", "caseworker");
  auto blank = get(cookie, "/cross-border/new");
  ASSERT_EQ(blank->status, 200);
  EXPECT_FALSE(has(blank->body, "id=\"field-question\"")) << "no type chosen, no fields";

  auto missing = post(cookie, "/cross-border/new", blank->body,
                      "action=type&case_id=c1&request_type=missing_child_notification");
  ASSERT_EQ(missing->status, 200);
  EXPECT_TRUE(
      has(missing->body, "id=\"field-missing_since\" name=\"missing_since\" type=\"date\""));
  EXPECT_TRUE(has(missing->body, "<textarea id=\"field-description\""));
  EXPECT_TRUE(has(missing->body, "id=\"field-last_seen_place\""));
  EXPECT_FALSE(has(missing->body, "id=\"field-family_members\""));
  EXPECT_FALSE(has(missing->body, "id=\"field-given_names\"")) << "identity comes from the case";
  EXPECT_TRUE(has(missing->body, "<option value=\"missing_child_notification\" selected>"));
  EXPECT_EQ(input_value(missing->body, "case_id"), "c1");

  auto family = post(cookie, "/cross-border/new", blank->body,
                     "action=type&case_id=c1&request_type=family_home_assessment");
  EXPECT_TRUE(has(family->body, "id=\"field-family_members\""));
  EXPECT_TRUE(has(family->body, "id=\"field-languages-hint\"")) << "lists say how to separate";
  EXPECT_FALSE(has(family->body, "id=\"field-missing_since\""));
}

TEST_F(WebReferralPagesTest, AFieldTheTypeDoesNotCarryIsRefusedBesideItAndKept) {
  const std::string cookie = signed_in("anna", "caseworker");
  const std::string case_id = open_case(cookie);
  auto blank = get(cookie, "/cross-border/new");
  auto refused =
      post(cookie, "/cross-border/new", blank->body,
           "action=save&case_id=" + case_id +
               "&request_type=information_request&partner_authority=" + web::url_encode(kPartner) +
               "&question=Is+she+known%3F&family_members=Marija+(mother)");
  ASSERT_EQ(refused->status, 422);
  EXPECT_TRUE(has(refused->body, "id=\"field-family_members-error\""));
  EXPECT_TRUE(has(refused->body, "This request type does not carry this field"));
  EXPECT_TRUE(has(refused->body, "href=\"#field-family_members\"")) << "in the error summary";
  EXPECT_EQ(input_value(refused->body, "family_members"), "Marija (mother)");
  EXPECT_TRUE(has(refused->body, "Is she known?"));
  auto none = app_->cross_border.list(service::Actor::cli(), "");
  EXPECT_TRUE(!none.ok() || none->empty()) << "nothing was drafted";

  // Without a partner: refused beside the select, the question kept.
  auto no_partner = post(cookie, "/cross-border/new", blank->body,
                         "action=save&case_id=" + case_id +
                             "&request_type=information_request&question=Is+she+known%3F");
  EXPECT_EQ(no_partner->status, 422);
  EXPECT_TRUE(has(no_partner->body, "id=\"field-partner_authority-error\""));
  EXPECT_TRUE(has(no_partner->body, "Is she known?"));
}

TEST_F(WebReferralPagesTest, AnApprovalWithoutALegalBasisComesBackBesideTheField) {
  const std::string worker = signed_in("anna", "caseworker");
  const std::string supervisor = signed_in("bo", "supervisor");
  const std::string case_id = open_case(worker);
  auto blank = get(worker, "/cross-border/new");
  auto made =
      post(worker, "/cross-border/new", blank->body,
           "action=save&case_id=" + case_id +
               "&request_type=information_request&partner_authority=" + web::url_encode(kPartner) +
               "&question=Is+she+known%3F");
  ASSERT_EQ(made->status, 303) << made->body;
  const std::string path = made->get_header_value("Location");
  ASSERT_EQ(path.rfind("/cross-border/", 0), 0u) << path;

  auto draft = get(supervisor, path);
  ASSERT_EQ(draft->status, 200);
  EXPECT_TRUE(has(draft->body, "Is she known?")) << "the preview shows the question";
  auto refused = post(supervisor, path, draft->body,
                      "action=approve&version=" + input_value(draft->body, "version") +
                          "&approve-legal_basis=&approve-purpose=Find+the+family");
  ASSERT_EQ(refused->status, 422);
  EXPECT_TRUE(has(refused->body, "id=\"field-approve-legal_basis-error\""));
  EXPECT_TRUE(has(refused->body, "aria-describedby=\"field-approve-legal_basis-error"));
  EXPECT_EQ(input_value(refused->body, "approve-purpose"), "Find the family");
  EXPECT_TRUE(has(refused->body, "class=\"error-summary\""));

  auto approved = post(supervisor, path, draft->body,
                       "action=approve&version=" + input_value(draft->body, "version") +
                           "&approve-legal_basis=Art.+80&approve-purpose=Find+the+family");
  EXPECT_EQ(approved->status, 303) << approved->body;
}

}  // namespace
}  // namespace haven::http::testing
