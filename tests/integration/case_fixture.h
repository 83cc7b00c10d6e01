// A real haven server (IdentityTest's) with the shipped country configuration (config/forms,
// config/policy) and helpers for the case-management tests: signing users in with their second
// factor, JSON requests with a bearer token, and row counts to prove a rejected request wrote
// nothing.
#pragma once

#include <cstdlib>
#include <string>

#include "identity_fixture.h"

namespace haven::testing {

class CaseApiTest : public IdentityTest {
 protected:
  void SetUp() override {
    IdentityTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // The same database and agency, but an App that reads the repository's config/ folder.
    process_.reset();
    service::AppOptions o = options();
    const char* root = std::getenv("HAVEN_SOURCE_DIR");
    o.config_dir = std::string(root ? root : ".") + "/config";
    process_ = std::make_unique<Process>(db(), *clock_, o);
  }

  // Creates a user with `role` in `agency` (default: the fixture's), enrols TOTP, signs in; the
  // bearer token.
  std::string sign_in(const std::string& username, const std::string& role,
                      const std::string& agency = "") {
    auto u = app().users.create(
        {username, "", role, agency.empty() ? agency_id_ : agency, kGoodPassword},
        service::Actor::cli());
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().message);
    user_ids_[username] = u.ok() ? u->id : "";
    const std::string secret = enrol(username);
    auto r = login(username, kGoodPassword, code_for(secret));
    EXPECT_EQ(r ? r->status : 0, 200) << (r ? r->body : "");
    return body_of(r)["token"].get<std::string>();
  }

  httplib::Result send(const std::string& method, const std::string& token, const std::string& path,
                       const nlohmann::json& body = nullptr) {
    clock_->advance_ms(1);  // history is ordered by time: one step per request, as in life
    auto c = client();
    httplib::Headers h{{"Authorization", "Bearer " + token}};
    const std::string text = body.is_null() ? "" : body.dump();
    if (method == "GET") return c.Get(path, h);
    if (method == "PUT") return c.Put(path, h, text, "application/json");
    return c.Post(path, h, text, "application/json");
  }

  int64_t count(const std::string& table) {
    return db().read(
        [&](store::Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM " + table)->integer(0); });
  }

  // A valid intake body for a Swedish agency: an eleven-year-old, a school's report.
  nlohmann::json intake_body() const {
    return {{"child",
             {{"given_names", "Elsa"},
              {"family_names", "Öberg"},
              {"sex", "female"},
              {"birth_date", "2015-03-02"},
              {"languages", {"sv"}},
              {"identity_numbers",
               {{{"kind", "national_id"}, {"country", "SE"}, {"value", "20150302-2384"}}}}}},
            {"report",
             {{"channel", "phone"},
              {"reporter_type", "school"},
              {"reporter_organisation", "Björkskolan"},
              {"concern_categories", {"neglect"}},
              {"narrative", "Elsa comes to school hungry and without warm clothes."},
              {"urgency", "medium"},
              {"custom_fields", {{"police_report", "no"}}}}}};
  }

  std::map<std::string, std::string> user_ids_;
};

}  // namespace haven::testing
