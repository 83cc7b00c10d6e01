// A real haven HTTP server over a test database (SQLite or PostgreSQL), with a manual clock, fast
// Argon2id parameters and helpers to create agencies and users and to sign in — shared by the
// identity integration tests (auth, audit, keys).
#pragma once

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "core/clock.h"
#include "http/server.h"
#include "security/encoding.h"
#include "security/totp.h"
#include "service/app.h"
#include "support/test_databases.h"

namespace haven::testing {

inline constexpr const char* kGoodPassword = "granite lantern 47 oyster";

// One haven process: an App and a Server over a Database.
struct Process {
  std::unique_ptr<service::App> app;
  std::unique_ptr<http::Server> server;
  std::thread thread;
  Process(store::Database& db, const core::Clock& clock, service::AppOptions options) {
    app = std::make_unique<service::App>(db, clock, std::move(options));
    app->keys.set_rotation_grace_ms(0);  // no other server needs time to load a rotated key
    http::ServerOptions so;
    so.host = "127.0.0.1";
    so.port = 0;
    so.threads = 4;
    so.log = std::make_shared<spdlog::logger>("haven.http.identity_test");  // no sinks: quiet
    server = std::make_unique<http::Server>(so, *app);
    auto listening = server->listen();
    if (!listening.ok()) throw std::runtime_error(listening.error().message);
    thread = std::thread([this] { server->serve(); });
  }
  ~Process() {
    server->stop();
    if (thread.joinable()) thread.join();
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", server->port());
    c.set_connection_timeout(5);
    c.set_read_timeout(30);
    return c;
  }
};

class IdentityTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    clock_ = std::make_unique<core::ManualClock>(core::SystemClock::instance().now());
    keys_ = service::KeyService::ephemeral();
    process_ = std::make_unique<Process>(db(), *clock_, options());
    auto agency = app().agencies.create({"Malmö barn och unga", "child_protection", "SE"},
                                        service::Actor::cli());
    ASSERT_TRUE(agency.ok()) << agency.error().message;
    agency_id_ = agency->id;
  }
  void TearDown() override {
    process_.reset();
    DatabaseTest::TearDown();
  }

  service::AppOptions options() const {
    service::AppOptions o;
    o.keys = keys_;
    o.password_params = security::PasswordHashParams::minimum_for_tests();
    o.secure_cookies = true;
    return o;
  }
  service::App& app() { return *process_->app; }
  httplib::Client client() { return process_->client(); }

  std::string add_user(const std::string& username, const std::string& role) {
    auto u =
        app().users.create({username, "", role, agency_id_, kGoodPassword}, service::Actor::cli());
    EXPECT_TRUE(u.ok()) << (u.ok() ? ""
                                   : u.error().message + " " +
                                         (u.error().fields.empty() ? ""
                                                                   : u.error().fields[0].message));
    return u.ok() ? u->id : "";
  }

  static nlohmann::json body_of(const httplib::Result& r) {
    if (!r) return nullptr;
    return nlohmann::json::parse(r->body, nullptr, false);
  }

  httplib::Result login(const std::string& username, const std::string& password,
                        const std::string& totp = "", const std::string& recovery = "") {
    nlohmann::json b{{"username", username}, {"password", password}};
    if (!totp.empty()) b["totp"] = totp;
    if (!recovery.empty()) b["recovery_code"] = recovery;
    auto c = client();
    return c.Post("/api/v1/auth/login", b.dump(), "application/json");
  }

  // The current TOTP code for a base32 secret at the test clock.
  std::string code_for(const std::string& base32, int64_t step_offset = 0) {
    auto bytes = security::from_base32(base32);
    auto secret = security::Secret::copy_of(std::span<const uint8_t>(*bytes));
    auto code = security::totp_code(secret, security::totp_step(clock_->now()) + step_offset);
    return std::string(code.view());
  }

  // Signs a caseworker-like user in with the password, enrols TOTP and returns the base32 secret.
  std::string enrol(const std::string& username) {
    auto r = login(username, kGoodPassword);
    EXPECT_EQ(r ? r->status : 0, 200);
    auto j = body_of(r);
    const std::string token = j["token"];
    auto c = client();
    httplib::Headers h{{"Authorization", "Bearer " + token}};
    auto e = c.Post("/api/v1/auth/totp/enroll", h, "", "application/json");
    EXPECT_EQ(e ? e->status : 0, 200);
    const std::string secret = body_of(e)["secret_base32"];
    auto conf = c.Post("/api/v1/auth/totp/confirm", h,
                       nlohmann::json{{"code", code_for(secret)}}.dump(), "application/json");
    EXPECT_EQ(conf ? conf->status : 0, 200);
    recovery_codes_ = body_of(conf)["recovery_codes"];
    c.Post("/api/v1/auth/logout", h, "", "application/json");
    clock_->advance_ms(31'000);  // the next code is a new step
    return secret;
  }

  std::unique_ptr<core::ManualClock> clock_;
  service::KeyRingOpened keys_;
  std::unique_ptr<Process> process_;
  std::string agency_id_;
  nlohmann::json recovery_codes_;
};

}  // namespace haven::testing
