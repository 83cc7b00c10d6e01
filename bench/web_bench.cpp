// Server-side rendering of the two pages a caseworker lives in — My work (`GET /`) and the case
// page
// (`GET /cases/{id}`) — with 100,000 generated children and their cases and records in SQLite
// (service/generate, seed 1, every record encrypted as the services encrypt it), and beside them,
// in the same run, the JSON read of the same case (`GET /api/v1/cases/{id}`), so the cost of the
// page over the data it shows is a ratio. Requests go through the real HTTP server on loopback
// with a signed-in session (password, then TOTP), as a browser's would; the caseworker has 40
// open cases of the busiest agency, and every page and read is audited as in production.
// The first run generates the population into var/bench/web.db (about a minute with a release
// build) and keeps its master key beside it; later runs reuse both.
#include <benchmark/benchmark.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "http/server.h"
#include "security/encoding.h"
#include "security/totp.h"
#include "service/app.h"
#include "service/generate/population_writers.h"
#include "store/database.h"
#include "store/migrator.h"
#include "synth/name_data.h"

namespace {

namespace fs = std::filesystem;
using haven::core::SystemClock;

constexpr int64_t kChildren = 100'000;
constexpr int kCaseload = 40;
constexpr const char* kPassword = "granite lantern 47 oyster";

struct Fixture {
  std::unique_ptr<haven::store::Database> db;
  std::unique_ptr<haven::service::App> app;
  std::unique_ptr<haven::http::Server> server;
  std::thread thread;
  std::string cookie;                 // "haven_session=…"
  std::vector<std::string> case_ids;  // the caseworker's open cases
  int64_t cases = 0;
  std::string error;
  ~Fixture() {
    if (server) server->stop();
    if (thread.joinable()) thread.join();
  }
};

fs::path data_dir() {
  for (fs::path p = fs::current_path();; p = p.parent_path()) {
    if (fs::exists(p / "data" / "names")) return p / "data";
    if (p == p.root_path()) return "data";
  }
}

std::string totp_now(const std::string& base32) {
  auto bytes = haven::security::from_base32(base32);
  auto secret = haven::security::Secret::copy_of(std::span<const uint8_t>(*bytes));
  auto code =
      haven::security::totp_code(secret, haven::security::totp_step(SystemClock::instance().now()));
  return std::string(code.view());
}

nlohmann::json post(httplib::Client& c, const std::string& path, const std::string& token,
                    const nlohmann::json& body) {
  httplib::Headers h;
  if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
  auto r = c.Post(path, h, body.is_null() ? "" : body.dump(), "application/json");
  if (!r || r->status >= 300) return nullptr;
  return nlohmann::json::parse(r->body, nullptr, false);
}

// Builds the population (first run), a caseworker with 40 open cases, the server, and a session.
std::string set_up(Fixture& f) {
  fs::create_directories("var/bench");
  f.db = haven::store::Database::open(*haven::store::DatabaseUrl::parse("sqlite:var/bench/web.db"));
  if (auto r = haven::store::Migrator(*f.db).apply_pending(); !r.ok()) return r.error().message;
  auto keys = haven::service::KeyService::open_ring(*f.db, SystemClock::instance(),
                                                    "var/bench/web.key", true);
  if (!keys.ok()) return keys.error().message;
  auto count = [&] {
    return f.db->read([](haven::store::Tx& tx) {
      return tx.query_one("SELECT COUNT(*) FROM cases")->integer(0);
    });
  };
  if (count() == 0) {
    auto names = haven::synth::NameData::load(data_dir());
    if (!names.ok()) return names.error().message;
    haven::service::generate::GenerateOptions o;
    o.country = "SE";
    o.children = kChildren;
    o.seed = 1;
    const haven::security::FieldCipher cipher(keys->ring);
    auto g = haven::service::generate::generate_into_database(*f.db, *names, o, {}, &cipher);
    if (!g.ok()) return g.error().message;
  }
  f.cases = count();

  haven::service::AppOptions options;
  options.keys = *keys;
  options.secure_cookies = false;
  f.app = std::make_unique<haven::service::App>(*f.db, SystemClock::instance(), options);

  // A caseworker of the busiest agency, with 40 of its open unrestricted cases.
  std::string agency;
  f.db->read([&](haven::store::Tx& tx) {
    agency = tx.query_one(
                   "SELECT agency_id FROM cases GROUP BY agency_id ORDER BY COUNT(*) DESC LIMIT 1")
                 ->text(0);
  });
  const std::string username = "bench-" + std::to_string(SystemClock::instance().now().ms);
  auto user = f.app->users.create({username, "Bench Worker", "caseworker", agency, kPassword},
                                  haven::service::Actor::cli());
  if (!user.ok()) return user.error().message;
  f.db->write([&](haven::store::Tx& tx) {
    for (const auto& r : tx.query("SELECT id FROM cases WHERE agency_id = $1 AND restricted = 0 "
                                  "AND status NOT IN ('closed', 'merged', 'transferred') "
                                  "ORDER BY id LIMIT " +
                                      std::to_string(kCaseload),
                                  haven::store::params(agency)))
      f.case_ids.push_back(r.text(0));
    for (const auto& id : f.case_ids)
      tx.execute("UPDATE cases SET assigned_worker_id = $1 WHERE id = $2",
                 haven::store::params(user->id, id));
  });
  if (f.case_ids.empty()) return "no open cases in the generated agency";

  haven::http::ServerOptions so;
  so.host = "127.0.0.1";
  so.port = 0;
  so.threads = 4;
  so.log = std::make_shared<spdlog::logger>("haven.bench.web");  // no sinks: quiet
  f.server = std::make_unique<haven::http::Server>(so, *f.app);
  if (auto l = f.server->listen(); !l.ok()) return l.error().message;
  f.thread = std::thread([&f] { f.server->serve(); });

  // Sign in as a browser would: password, TOTP enrolment, then password and code.
  httplib::Client c("127.0.0.1", f.server->port());
  auto first = post(c, "/api/v1/auth/login", "", {{"username", username}, {"password", kPassword}});
  if (first.is_null()) return "the first sign-in failed";
  const std::string enrol_token = first["token"];
  auto enrol = post(c, "/api/v1/auth/totp/enroll", enrol_token, nullptr);
  if (enrol.is_null()) return "TOTP enrolment failed";
  const std::string secret = enrol["secret_base32"];
  if (post(c, "/api/v1/auth/totp/confirm", enrol_token, {{"code", totp_now(secret)}}).is_null())
    return "TOTP confirmation failed";
  post(c, "/api/v1/auth/logout", enrol_token, nullptr);
  std::this_thread::sleep_for(std::chrono::seconds(31));  // a code is good once: wait for the next
  auto session =
      post(c, "/api/v1/auth/login", "",
           {{"username", username}, {"password", kPassword}, {"totp", totp_now(secret)}});
  if (session.is_null()) return "the sign-in with the code failed";
  f.cookie = "haven_session=" + session["token"].get<std::string>();
  return "";
}

Fixture& fixture() {
  static std::mutex mu;
  static std::unique_ptr<Fixture> f;
  std::lock_guard lock(mu);
  if (!f) {
    f = std::make_unique<Fixture>();
    f->error = set_up(*f);
  }
  return *f;
}

// range(0): 0 = My work (`/`), 1 = the case page, 2 = the case as JSON (the API's read).
void BM_Get(benchmark::State& state) {
  Fixture& f = fixture();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  httplib::Client c("127.0.0.1", f.server->port());
  c.set_keep_alive(true);
  const httplib::Headers headers{{"Cookie", f.cookie}};
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& id = f.case_ids[i++ % f.case_ids.size()];
    const std::string path = state.range(0) == 0   ? "/"
                             : state.range(0) == 1 ? "/cases/" + id
                                                   : "/api/v1/cases/" + id;
    auto r = c.Get(path, headers);
    if (!r || r->status != 200)
      return state.SkipWithError(("GET " + path + " failed: " +
                                  (r ? std::to_string(r->status) + " " + r->body.substr(0, 200)
                                     : std::string("no answer")))
                                     .c_str());
    bytes = r->body.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["cases_in_db"] = static_cast<double>(f.cases);
  state.counters["bytes"] = static_cast<double>(bytes);
  state.counters["req/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_Get)
    ->ArgName("page")  // 0 = My work, 1 = case page, 2 = case JSON
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
