// Case management: reading one case (GET /api/v1/cases/{id} minus HTTP: the case with its child,
// reports, step records, available actions and the audited read) and listing a page of 50 cases
// (newest first, and filtered by status), with 100,000 generated children and their cases in the
// database (service/generate, seed 1), as a caseworker of the agency that holds the most cases —
// the policy check, the agency scope and the case.read/case.list audit event as in production.
// SQLite always; PostgreSQL when HAVEN_BENCH_PG_URL is set. The first run generates the population
// (seconds to minutes); later runs of the SQLite file reuse it.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/id.h"
#include "service/app.h"
#include "service/generate/population_writers.h"
#include "store/database.h"
#include "store/migrator.h"
#include "synth/name_data.h"

namespace {

namespace fs = std::filesystem;
using haven::service::Actor;

constexpr int64_t kChildren = 100'000;

struct Fixture {
  std::unique_ptr<haven::store::Database> db;
  std::unique_ptr<haven::service::App> app;
  Actor caseworker;                   // of the agency holding the most cases
  std::vector<std::string> case_ids;  // that agency's unrestricted cases, spread over the table
  int64_t cases = 0;                  // in the whole database
  int64_t agency_cases = 0;           // held by the caseworker's agency
};

fs::path data_dir() {
  for (fs::path p = fs::current_path();; p = p.parent_path()) {
    if (fs::exists(p / "data" / "names")) return p / "data";
    if (p == p.root_path()) return "data";
  }
}

int64_t audit_events(haven::store::Database& db) {
  return db.read([](haven::store::Tx& tx) {
    return tx.query_one("SELECT COUNT(*) FROM audit_events")->integer(0);
  });
}

Fixture& fixture(bool postgres) {
  static std::mutex mu;  // benchmark threads all ask for the fixture at once
  static std::unique_ptr<Fixture> f[2];
  std::lock_guard lock(mu);
  auto& slot = f[postgres ? 1 : 0];
  if (slot) return *slot;
  slot = std::make_unique<Fixture>();
  std::string url;
  if (postgres) {
    const char* env = std::getenv("HAVEN_BENCH_PG_URL");
    if (!env) return *slot;
    url = env;
  } else {
    fs::create_directories("var/bench");
    url = "sqlite:var/bench/cases.db";
  }
  slot->db = haven::store::Database::open(*haven::store::DatabaseUrl::parse(url));
  if (auto r = haven::store::Migrator(*slot->db).apply_pending(); !r.ok()) std::abort();
  auto count = [&] {
    return slot->db->read([](haven::store::Tx& tx) {
      return tx.query_one("SELECT COUNT(*) FROM cases")->integer(0);
    });
  };
  if (count() == 0) {
    auto names = haven::synth::NameData::load(data_dir());
    if (!names.ok()) std::abort();
    haven::service::generate::GenerateOptions o;
    o.country = "SE";
    o.children = kChildren;
    o.seed = 1;
    if (!haven::service::generate::generate_into_database(*slot->db, *names, o).ok()) std::abort();
  }
  slot->cases = count();
  slot->app =
      std::make_unique<haven::service::App>(*slot->db, haven::core::SystemClock::instance());

  // A caseworker of the busiest agency, built as AccessService::principal_for builds one.
  haven::security::Principal p;
  p.role = haven::security::Role::kCaseworker;
  p.permissions = haven::security::effective_permissions(
      slot->app->roles.permissions(haven::security::Role::kCaseworker), nullptr);
  p.user_id = haven::core::new_id(haven::core::SystemClock::instance().now());
  slot->db->read([&](haven::store::Tx& tx) {
    auto top = tx.query_one(
        "SELECT c.agency_id, a.country, COUNT(*) FROM cases c "
        "JOIN agencies a ON a.id = c.agency_id "
        "GROUP BY c.agency_id, a.country ORDER BY COUNT(*) DESC LIMIT 1");
    if (!top) std::abort();
    p.agency_id = top->text(0);
    p.country = top->text(1);
    slot->agency_cases = top->integer(2);
    for (const auto& r : tx.query("SELECT id FROM cases WHERE agency_id = $1 AND restricted = 0 "
                                  "ORDER BY id LIMIT 1000 OFFSET 500",
                                  haven::store::params(p.agency_id)))
      slot->case_ids.push_back(r.text(0));
  });
  if (slot->case_ids.empty()) std::abort();
  slot->caseworker = Actor{p, p.user_id, "bench"};
  return *slot;
}

void counters(benchmark::State& state, const Fixture& f) {
  state.counters["cases_in_db"] = static_cast<double>(f.cases);
  state.counters["agency_cases"] = static_cast<double>(f.agency_cases);
}

// range(0): 0 = SQLite, 1 = PostgreSQL. Threads: concurrent readers of different cases.
void BM_CaseRead(benchmark::State& state) {
  Fixture& f = fixture(state.range(0) == 1);
  if (!f.db) return state.SkipWithError("HAVEN_BENCH_PG_URL not set");
  const int64_t audit_before = state.threads() == 1 ? audit_events(*f.db) : 0;
  size_t i = static_cast<size_t>(state.thread_index()) * 97;
  for (auto _ : state) {
    auto r = f.app->cases.get(f.case_ids[i++ % f.case_ids.size()], f.caseworker);
    if (!r.ok()) return state.SkipWithError(r.error().message.c_str());
    benchmark::DoNotOptimize(r);
  }
  if (state.thread_index() != 0) return;
  counters(state, f);
  // All threads' reads per second of wall time (each thread runs as many iterations as thread 0).
  state.counters["reads/s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * state.threads(), benchmark::Counter::kIsRate);
  // Proof that each read was audited as in production: one case.read event per read.
  if (state.threads() == 1)
    state.counters["audit/read"] = static_cast<double>(audit_events(*f.db) - audit_before) /
                                   static_cast<double>(state.iterations());
}

// range(1): 0 = newest first, 1 = filtered by a common status ("closed", 83 % of generated cases),
// 2 = by a rare one ("reported", 0.1 %).
void BM_CaseList(benchmark::State& state) {
  Fixture& f = fixture(state.range(0) == 1);
  if (!f.db) return state.SkipWithError("HAVEN_BENCH_PG_URL not set");
  haven::service::CaseListRequest q;
  q.limit = 50;
  if (state.range(1) == 1) q.status = "closed";
  if (state.range(1) == 2) q.status = "reported";
  size_t items = 0;
  bool has_next = false;
  for (auto _ : state) {
    auto r = f.app->cases.list(q, f.caseworker);
    if (!r.ok()) return state.SkipWithError(r.error().message.c_str());
    items = (*r)["items"].size();
    has_next = !(*r)["next_cursor"].is_null();
    benchmark::DoNotOptimize(r);
  }
  counters(state, f);
  state.counters["items"] = static_cast<double>(items);
  state.counters["has_next"] = has_next ? 1 : 0;
}

}  // namespace

BENCHMARK(BM_CaseRead)
    ->ArgName("postgres")
    ->Arg(0)
    ->Arg(1)
    ->Threads(1)
    ->Threads(8)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CaseList)
    ->ArgNames({"postgres", "by_status"})
    ->Args({0, 0})
    ->Args({0, 1})
    ->Args({0, 2})
    ->Args({1, 0})
    ->Args({1, 1})
    ->Args({1, 2})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
