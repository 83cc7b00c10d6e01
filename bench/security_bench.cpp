// What security costs on the hot paths, side by side: an Argon2id verify at the production
// parameters (login cost), an audit append committed alone vs group-committed under N threads, and
// a record read plain vs with decrypt + audit event (the overhead ratio). SQLite in a temporary
// folder; set HAVEN_BENCH_PG_URL to a PostgreSQL database to measure the audit append there too.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>

#include "core/clock.h"
#include "core/id.h"
#include "security/password.h"
#include "service/app.h"
#include "store/database.h"
#include "store/migrator.h"

namespace {

using namespace haven;

// One migrated database per process, with one user whose TOTP secret is encrypted.
struct World {
  std::string dir;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<service::App> app;
  std::string user_id;
  World() {
    dir = (std::filesystem::temp_directory_path() / ("haven-bench-" + core::new_id())).string();
    std::filesystem::create_directories(dir);
    std::string url = "sqlite:" + dir + "/bench.db";
    if (const char* pg = std::getenv("HAVEN_BENCH_PG_URL"); pg && *pg) url = pg;
    db = store::Database::open(store::DatabaseUrl::parse(url).value());
    (void)store::Migrator(*db).apply_pending();
    service::AppOptions o;
    o.password_params = security::PasswordHashParams::minimum_for_tests();
    app = std::make_unique<service::App>(*db, core::SystemClock::instance(), std::move(o));
    auto agency = app->agencies.create({"Bench " + core::new_id(), "child_protection", "SE"},
                                       service::Actor::cli());
    auto user = app->users.create({"bench" + core::new_id().substr(30), "", "caseworker",
                                   agency->id, "granite lantern 47 oyster"},
                                  service::Actor::cli());
    user_id = user->id;
    service::Authenticated who;
    who.user = *user;
    (void)app->users.begin_totp_enrollment(who);
  }
  ~World() {
    app.reset();
    db->close();
    std::filesystem::remove_all(dir);
  }
};

World& world() {
  static World w;
  return w;
}

void BM_LoginPasswordVerify(benchmark::State& state) {
  static security::PasswordHasher hasher(security::PasswordHashParams::standard());
  static const std::string stored = hasher.hash("granite lantern 47 oyster").value();
  for (auto _ : state) benchmark::DoNotOptimize(hasher.verify("granite lantern 47 oyster", stored));
}
BENCHMARK(BM_LoginPasswordVerify)->Unit(benchmark::kMillisecond)->UseRealTime();

// Each thread appends; with 1 thread every append is its own commit, with N they share commits.
void BM_AuditAppend(benchmark::State& state) {
  auto& audit = world().app->audit;
  const auto before = audit.stats();
  for (auto _ : state) {
    auto s = audit.append({"u", "caseworker", "a", "case.read", "case", "c", "casework", "success",
                           "r", std::nullopt});
    if (!s.ok()) state.SkipWithError("append failed");
  }
  if (state.thread_index() == 0) {
    const auto after = audit.stats();
    const double commits = static_cast<double>(after.commits - before.commits);
    state.counters["events_per_commit"] =
        commits > 0 ? static_cast<double>(after.appended - before.appended) / commits : 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AuditAppend)->Threads(1)->Threads(8)->Threads(32)->UseRealTime();

void BM_RecordReadPlain(benchmark::State& state) {
  auto& w = world();
  for (auto _ : state) {
    auto row = w.db->read([&](store::Tx& tx) {
      return tx.query_one("SELECT id, username, totp_secret FROM users WHERE id = $1",
                          store::params(w.user_id));
    });
    benchmark::DoNotOptimize(row);
  }
}
BENCHMARK(BM_RecordReadPlain)->UseRealTime();

void BM_RecordReadDecrypt(benchmark::State& state) {
  auto& w = world();
  for (auto _ : state) {
    auto row = w.db->read([&](store::Tx& tx) {
      return tx.query_one("SELECT id, username, totp_secret FROM users WHERE id = $1",
                          store::params(w.user_id));
    });
    auto secret = w.app->users.totp_secret(w.user_id, row->blob(2));
    benchmark::DoNotOptimize(secret);
  }
}
BENCHMARK(BM_RecordReadDecrypt)->UseRealTime();

void BM_RecordReadDecryptAudit(benchmark::State& state) {
  auto& w = world();
  for (auto _ : state) {
    auto row = w.db->read([&](store::Tx& tx) {
      return tx.query_one("SELECT id, username, totp_secret FROM users WHERE id = $1",
                          store::params(w.user_id));
    });
    auto secret = w.app->users.totp_secret(w.user_id, row->blob(2));
    benchmark::DoNotOptimize(secret);
    (void)w.app->audit.append({"u", "caseworker", "a", "user.read", "user", w.user_id, "casework",
                               "success", "r", std::nullopt});
  }
}
BENCHMARK(BM_RecordReadDecryptAudit)->Threads(1)->Threads(8)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
