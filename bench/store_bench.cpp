// Storage: the cost of a one-row write transaction, a point read by id, and a 50-row page read, on
// SQLite and on PostgreSQL side by side in one run. PostgreSQL runs only when HAVEN_BENCH_PG_URL is
// set (scripts/run_benchmarks.sh sets it to a throwaway local server).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/id.h"
#include "store/database.h"
#include "store/migrator.h"

namespace {

using haven::store::Database;
using haven::store::params;
using haven::store::Tx;

struct Fixture {
  std::unique_ptr<Database> db;
  std::vector<std::string> ids;
};

// One database per backend for the whole run, filled with 100,000 agencies rows to read back.
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
    std::filesystem::remove_all("var/bench");
    url = "sqlite:var/bench/store.db";
  }
  slot->db = Database::open(*haven::store::DatabaseUrl::parse(url));
  if (auto r = haven::store::Migrator(*slot->db).apply_pending(); !r.ok()) std::abort();
  slot->db->write([&](Tx& tx) {
    tx.execute("DELETE FROM settings WHERE key LIKE 'bench-%'");
    for (int i = 0; i < 100000; ++i) {
      std::string key = "bench-" + haven::core::new_id();
      tx.execute(
          "INSERT INTO settings (key, value, created_at, updated_at) VALUES ($1, $2, $3, $3)",
          params(key, "value " + std::to_string(i), int64_t{i}));
      if (i % 100 == 0) slot->ids.push_back(key);
    }
  });
  return *slot;
}

void BM_WriteTransaction(benchmark::State& state) {
  Fixture& f = fixture(state.range(0) == 1);
  if (!f.db) return state.SkipWithError("HAVEN_BENCH_PG_URL not set");
  int64_t i = 0;
  for (auto _ : state) {
    f.db->write([&](Tx& tx) {
      tx.execute("UPDATE settings SET value = $2, updated_at = $3 WHERE key = $1",
                 params(f.ids[static_cast<size_t>(i) % f.ids.size()], "updated", i));
    });
    ++i;
  }
  state.SetLabel(state.range(0) ? "postgresql" : "sqlite");
}

void BM_PointRead(benchmark::State& state) {
  Fixture& f = fixture(state.range(0) == 1);
  if (!f.db) return state.SkipWithError("HAVEN_BENCH_PG_URL not set");
  size_t i = 0;
  for (auto _ : state) {
    auto row = f.db->read([&](Tx& tx) {
      return tx.query_one("SELECT value FROM settings WHERE key = $1",
                          params(f.ids[i++ % f.ids.size()]));
    });
    benchmark::DoNotOptimize(row);
  }
  state.SetLabel(state.range(0) ? "postgresql" : "sqlite");
}

void BM_PageRead(benchmark::State& state) {
  Fixture& f = fixture(state.range(0) == 1);
  if (!f.db) return state.SkipWithError("HAVEN_BENCH_PG_URL not set");
  for (auto _ : state) {
    auto rows = f.db->read([&](Tx& tx) {
      return tx.query(
          "SELECT key, value, updated_at FROM settings WHERE key > $1 ORDER BY key LIMIT 50",
          params("bench-"));
    });
    benchmark::DoNotOptimize(rows);
  }
  state.SetLabel(state.range(0) ? "postgresql" : "sqlite");
}

BENCHMARK(BM_WriteTransaction)->Arg(0)->Arg(1)->UseRealTime();
BENCHMARK(BM_PointRead)->Arg(0)->Arg(1)->UseRealTime();
BENCHMARK(BM_PageRead)->Arg(0)->Arg(1)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
