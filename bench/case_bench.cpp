// Case management: reading one case (GET /api/v1/cases/{id} minus HTTP: the case with its child,
// reports, step records, available actions and the audited read) and listing a page of 50 cases
// (newest first, and filtered by status), with 100,000 generated children and their cases in the
// database (service/generate, seed 1). SQLite always; PostgreSQL when HAVEN_BENCH_PG_URL is set.
// The first run generates the population (minutes); later runs of the SQLite file reuse it.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
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
  std::vector<std::string> case_ids;
  int64_t cases = 0;
};

fs::path data_dir() {
  for (fs::path p = fs::current_path();; p = p.parent_path()) {
    if (fs::exists(p / "data" / "names")) return p / "data";
    if (p == p.root_path()) return "data";
  }
}

Fixture& fixture(bool postgres) {
  static std::unique_ptr<Fixture> f[2];
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
  slot->db->read([&](haven::store::Tx& tx) {
    for (const auto& r : tx.query("SELECT id FROM cases ORDER BY id LIMIT 1000 OFFSET 500"))
      slot->case_ids.push_back(r.text(0));
  });
  return *slot;
}

void BM_CaseRead(benchmark::State& state) {
  Fixture& f = fixture(state.range(0) == 1);
  if (!f.db) return state.SkipWithError("HAVEN_BENCH_PG_URL not set");
  size_t i = 0;
  for (auto _ : state) {
    auto r = f.app->cases.get(f.case_ids[i++ % f.case_ids.size()], Actor::cli());
    if (!r.ok()) return state.SkipWithError(r.error().message.c_str());
    benchmark::DoNotOptimize(r);
  }
  state.counters["cases_in_db"] = static_cast<double>(f.cases);
}

void BM_CaseList(benchmark::State& state) {
  Fixture& f = fixture(state.range(0) == 1);
  if (!f.db) return state.SkipWithError("HAVEN_BENCH_PG_URL not set");
  haven::service::CaseListRequest q;
  q.limit = 50;
  if (state.range(1) == 1) q.status = "closed";
  for (auto _ : state) {
    auto r = f.app->cases.list(q, Actor::cli());
    if (!r.ok()) return state.SkipWithError(r.error().message.c_str());
    benchmark::DoNotOptimize(r);
  }
  state.counters["cases_in_db"] = static_cast<double>(f.cases);
}

}  // namespace

// range(0): 0 = SQLite, 1 = PostgreSQL.
BENCHMARK(BM_CaseRead)->ArgName("postgres")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
// range(1): 0 = newest first, 1 = filtered by status.
BENCHMARK(BM_CaseList)
    ->ArgNames({"postgres", "by_status"})
    ->Args({0, 0})
    ->Args({0, 1})
    ->Args({1, 0})
    ->Args({1, 1})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
