// Name search and duplicate detection ([S1]): first an evaluation on a generated population with
// duplicate ground truth (precision, recall and F1 of the batch scan, recall@10 of search for the
// damaged copies, search latency p50/p99, batch time), then Google Benchmark cases for search
// latency on the same index. HAVEN_BENCH_CHILDREN sets the population (default 100,000);
// HAVEN_BENCH_EVAL=0 skips the evaluation; HAVEN_BENCH_QUERIES caps the evaluation queries
// (default 10,000); HAVEN_DATA_DIR points at data/ (default ./data, run from the repository root).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "search/name_index.h"
#include "search/name_normalizer.h"
#include "search/string_similarity.h"
#include "synth/corruption.h"
#include "synth/identity_generator.h"
#include "synth/name_data.h"

namespace {

using haven::search::ChildRecord;
using haven::search::ChildSex;
using haven::search::NameIndex;
using haven::search::NameNormalizer;
using haven::search::SearchQuery;
using Clock = std::chrono::steady_clock;

constexpr std::array<std::string_view, 10> kCountries = {"DK", "EE", "FI", "DE", "IS",
                                                         "LV", "LT", "NO", "PL", "SE"};
constexpr uint64_t kSeed = 20260101;

size_t env_size(const char* name, size_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? static_cast<size_t>(std::strtoull(v, nullptr, 10)) : fallback;
}

// CPU time of this thread: unlike wall time, not inflated when other work shares the cores.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

ChildRecord to_record(const haven::synth::Identity& id, std::string record_id) {
  ChildRecord r;
  r.id = std::move(record_id);
  r.given_names = id.given_names;
  r.family_names = id.family_name;
  r.given_names_original = id.given_names_original;
  r.family_names_original = id.family_name_original;
  r.birth_date = id.birth_date;
  r.birth_date_estimated = id.birth_date_estimated;
  r.sex = id.sex == haven::synth::Sex::kMale ? ChildSex::kMale : ChildSex::kFemale;
  return r;
}

struct Duplicate {
  std::string original_id;
  std::string copy_id;
  haven::synth::DamageSet damage;
  ChildRecord copy;
};

// The population, its index and ground truth, built once per run.
struct World {
  std::unique_ptr<NameNormalizer> normalizer;
  std::unique_ptr<NameIndex> index;
  std::vector<ChildRecord> children;  // originals and copies
  std::vector<Duplicate> duplicates;
  size_t twins_dropped = 0;
};

World& world() {
  static std::unique_ptr<World> w = [] {
    auto out = std::make_unique<World>();
    const size_t n = env_size("HAVEN_BENCH_CHILDREN", 100000);
    const char* data_env = std::getenv("HAVEN_DATA_DIR");
    const std::filesystem::path data_dir = data_env ? data_env : "data";
    auto data = haven::synth::NameData::load(data_dir);
    if (!data.ok()) {
      std::fprintf(stderr, "cannot load names from %s: %s\n", data_dir.c_str(),
                   data.error().message.c_str());
      std::exit(1);
    }
    static haven::synth::NameData names = std::move(*data);
    auto normalizer = NameNormalizer::create();
    if (!normalizer.ok()) std::exit(1);
    out->normalizer = std::make_unique<NameNormalizer>(std::move(*normalizer));
    out->index = std::make_unique<NameIndex>(*out->normalizer);

    haven::synth::GeneratorOptions gen_options;
    gen_options.reference_date = *haven::core::Date::parse("2026-01-01");
    std::vector<haven::synth::IdentityGenerator> generators;
    for (auto cc : kCountries) {
      auto g = haven::synth::IdentityGenerator::create(names, cc, gen_options);
      if (!g.ok()) {
        std::fprintf(stderr, "%s\n", g.error().message.c_str());
        std::exit(1);
      }
      generators.push_back(std::move(*g));
    }
    const haven::synth::Corruptor corruptor(names);
    // Households (so siblings and twins are in the population), countries in turn; 5% of the
    // children get one damaged copy, registered as a second child.
    haven::synth::Rng pick(kSeed, 1);
    haven::synth::Household household;
    haven::synth::Identity copy;
    uint64_t h = 0;
    while (out->children.size() < n) {
      const auto& gen = generators[h % generators.size()];
      haven::synth::Rng rng(kSeed, h++);
      gen.generate_household_into(rng, household);
      for (size_t k = 0; k < household.children.size(); ++k) {
        const auto& child = household.children[k];
        if (out->children.size() >= n) break;
        // The generator names twins independently, so now and then both get the same first
        // name; parents do not do that, and no matcher could tell such twins apart: leave the
        // second one out (counted below).
        auto first_name = [](const std::string& g) { return g.substr(0, g.find(' ')); };
        bool same_named_twin = false;
        for (size_t j = 0; j < k; ++j) {
          const auto& sib = household.children[j];
          if (sib.birth_date == child.birth_date &&
              first_name(sib.given_names) == first_name(child.given_names)) {
            same_named_twin = true;
          }
        }
        if (same_named_twin) {
          ++out->twins_dropped;
          continue;
        }
        const std::string id = "c" + std::to_string(out->children.size());
        out->children.push_back(to_record(child, id));
        if (pick.chance(0.05)) {
          haven::synth::Rng crng(kSeed + 7, out->children.size());
          const auto damage = corruptor.corrupt(child, crng, copy);
          Duplicate d;
          d.original_id = id;
          d.copy_id = "d" + std::to_string(out->duplicates.size());
          d.damage = damage;
          d.copy = to_record(copy, d.copy_id);
          out->duplicates.push_back(std::move(d));
        }
      }
    }
    for (const auto& d : out->duplicates) out->children.push_back(d.copy);

    auto t = Clock::now();
    for (const auto& c : out->children) {
      if (auto s = out->index->upsert(c); !s.ok()) {
        std::fprintf(stderr, "upsert %s: %s\n", c.id.c_str(), s.error().message.c_str());
      }
    }
    const double build = seconds_since(t);
    const auto st = out->index->stats();
    std::printf("population: %zu children from %zu households in 10 countries (seed %" PRIu64
                "); %zu same-named twins left out\n",
                n, static_cast<size_t>(h), kSeed, out->twins_dropped);
    std::printf(
        "index: %zu children (%zu originals + %zu damaged copies) in %.1f s "
        "(%.0f children/s); %zu strings, %zu posting keys, ~%.0f MB\n",
        st.children, n, out->duplicates.size(), build, static_cast<double>(st.children) / build,
        st.strings, st.posting_keys, static_cast<double>(st.memory_bytes) / 1e6);
    t = Clock::now();
    haven::search::TrainingOptions train;
    const auto report = out->index->train(train);
    std::printf(
        "training: %zu random pairs for u, EM on %zu candidate pairs: %d iterations%s, "
        "match share %.4f, %.1f s\n",
        report.random_pairs, report.candidate_pairs, report.em.iterations,
        report.em.converged ? " (converged)" : " (not converged)", report.em.match_share,
        seconds_since(t));
    std::printf("%s", out->index->model().describe().c_str());
    std::fflush(stdout);
    return out;
  }();
  return *w;
}

std::string query_text(const ChildRecord& r) {
  std::string q = r.given_names;
  if (!q.empty() && !r.family_names.empty()) q += ' ';
  q += r.family_names;
  return q;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  return v[i];
}

void evaluate() {
  World& w = world();
  const auto model = w.index->model();

  // ---- Batch duplicate detection ----
  std::unordered_set<std::string> truth;
  for (const auto& d : w.duplicates) {
    const bool order = d.original_id < d.copy_id;
    truth.insert(order ? d.original_id + "|" + d.copy_id : d.copy_id + "|" + d.original_id);
  }
  // Timed run with the default options (P(match) >= 0.75), as `haven dedupe` would run it.
  const double prior_threshold = model.weight_for_probability(0.5);
  const double default_threshold =
      model.weight_for_probability(haven::search::DedupeOptions{}.min_probability);
  haven::search::DedupeOptions timed;
  auto t = Clock::now();
  const auto timed_report = w.index->dedupe(timed);
  std::printf(
      "\nbatch dedupe at the default threshold %+.2f: %zu pairs reported of %zu compared "
      "in %.2f s\n",
      default_threshold, timed_report.pairs.size(), timed_report.pairs_compared, seconds_since(t));
  haven::search::DedupeOptions options;
  options.min_weight = prior_threshold - 10;  // wide enough to sweep thresholds around the best
  options.explain = std::getenv("HAVEN_BENCH_VERBOSE") != nullptr;
  t = Clock::now();
  size_t last_report = 0;
  options.progress = [&](size_t done, size_t total) {
    if (done * 10 / std::max<size_t>(total, 1) != last_report) {
      last_report = done * 10 / std::max<size_t>(total, 1);
      std::fprintf(stderr, "  dedupe %zu%%\r", last_report * 10);
    }
    return true;
  };
  const auto report = w.index->dedupe(options);
  const double dedupe_time = seconds_since(t);
  std::vector<std::pair<double, bool>> scored;
  scored.reserve(report.pairs.size());
  size_t found = 0;
  for (const auto& p : report.pairs) {
    const bool is_true = truth.count(p.first + "|" + p.second) > 0;
    found += is_true;
    scored.emplace_back(p.weight, is_true);
  }
  std::printf(
      "sweep run (pairs down to 10 bits below the threshold kept): %zu pairs compared in %.2f s "
      "(%zu blocks, %zu oversized skipped); "
      "blocking found %zu of %zu true pairs (%.4f)\n",
      report.pairs_compared, dedupe_time, report.blocks, report.blocks_skipped, found, truth.size(),
      static_cast<double>(found) / static_cast<double>(truth.size()));
  std::sort(scored.begin(), scored.end(), [](auto& a, auto& b) { return a.first > b.first; });
  // Sweep: F1 at each threshold.
  double best_f1 = 0, best_threshold = 0, best_p = 0, best_r = 0;
  size_t tp = 0, fp = 0;
  for (size_t i = 0; i < scored.size(); ++i) {
    (scored[i].second ? tp : fp)++;
    if (i + 1 < scored.size() && scored[i + 1].first == scored[i].first) continue;
    const double p = static_cast<double>(tp) / static_cast<double>(tp + fp);
    const double r = static_cast<double>(tp) / static_cast<double>(truth.size());
    const double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    if (f1 > best_f1) {
      best_f1 = f1;
      best_threshold = scored[i].first;
      best_p = p;
      best_r = r;
    }
  }
  auto at_threshold = [&](double threshold) {
    size_t tpos = 0, fpos = 0;
    for (const auto& [wgt, ok] : scored) {
      if (wgt < threshold) break;
      (ok ? tpos : fpos)++;
    }
    const double p = tpos + fpos ? static_cast<double>(tpos) / static_cast<double>(tpos + fpos) : 0;
    const double r = static_cast<double>(tpos) / static_cast<double>(truth.size());
    std::printf("  threshold %+.2f: precision %.4f recall %.4f F1 %.4f (%zu reported)\n", threshold,
                p, r, p + r > 0 ? 2 * p * r / (p + r) : 0, tpos + fpos);
  };
  std::printf("  at the default threshold (DedupeOptions: P(match) >= 0.75):\n");
  at_threshold(default_threshold);
  std::printf("  at P(match) >= 0.5:\n");
  at_threshold(prior_threshold);
  std::printf(
      "  best over the sweep (optimistic, threshold chosen on the answers): threshold "
      "%+.2f precision %.4f recall %.4f F1 %.4f\n",
      best_threshold, best_p, best_r, best_f1);

  if (std::getenv("HAVEN_BENCH_VERBOSE")) {
    std::unordered_map<std::string, const ChildRecord*> by_id;
    for (const auto& c : w.children) by_id[c.id] = &c;
    auto show = [&](const haven::search::DuplicatePair& p) {
      const auto* a = by_id[p.first];
      const auto* b = by_id[p.second];
      std::printf("    %+.1f %s/%s \"%s\" %s | \"%s\" %s: %s\n", p.weight, p.first.c_str(),
                  p.second.c_str(), query_text(*a).c_str(),
                  a->birth_date ? a->birth_date->to_string().c_str() : "-", query_text(*b).c_str(),
                  b->birth_date ? b->birth_date->to_string().c_str() : "-",
                  p.explanation.text().c_str());
    };
    size_t fps = 0, fns = 0;
    std::printf("  false positives above the best threshold:\n");
    for (const auto& p : report.pairs) {
      if (p.weight < best_threshold || fps >= 40) break;
      if (!truth.count(p.first + "|" + p.second)) {
        show(p);
        ++fps;
      }
    }
    std::printf("  true pairs below the best threshold:\n");
    for (const auto& p : report.pairs) {
      if (p.weight >= best_threshold || fns >= 40) continue;
      if (truth.count(p.first + "|" + p.second)) {
        show(p);
        ++fns;
      }
    }
  }
  // Misses by damage kind at the default threshold.
  std::unordered_map<std::string, double> pair_weight;
  for (const auto& p : report.pairs) pair_weight[p.first + "|" + p.second] = p.weight;
  std::array<size_t, haven::synth::kDamageKindCount> kind_total{}, kind_missed{},
      kind_search_miss{};

  // ---- Search for the damaged copies ----
  const size_t max_queries = env_size("HAVEN_BENCH_QUERIES", 10000);
  const size_t step = std::max<size_t>(1, w.duplicates.size() / max_queries);
  size_t queries = 0, hits_dob = 0, hits_names = 0, errors = 0, capped = 0;
  std::vector<double> latency_dob, latency_names, cpu_dob, cpu_names;
  size_t candidates_total = 0;
  size_t shown = 0;
  for (size_t i = 0; i < w.duplicates.size(); i += step) {
    const auto& d = w.duplicates[i];
    const bool order = d.original_id < d.copy_id;
    const std::string key =
        order ? d.original_id + "|" + d.copy_id : d.copy_id + "|" + d.original_id;
    const auto it = pair_weight.find(key);
    const bool detected = it != pair_weight.end() && it->second >= default_threshold;
    for (size_t k = 0; k < haven::synth::kDamageKindCount; ++k) {
      if (!d.damage.has(static_cast<haven::synth::DamageKind>(k))) continue;
      ++kind_total[k];
      if (!detected) ++kind_missed[k];
    }
    ++queries;
    for (int with_dob = 1; with_dob >= 0; --with_dob) {
      SearchQuery q;
      q.text = query_text(d.copy);
      if (with_dob) {
        q.birth_date = d.copy.birth_date;
        q.birth_date_estimated = d.copy.birth_date_estimated;
      }
      q.limit = 10;
      const auto t0 = Clock::now();
      const double c0 = thread_cpu_seconds();
      auto r = w.index->search(q);
      const double cpu_ms = (thread_cpu_seconds() - c0) * 1000;
      const double ms = seconds_since(t0) * 1000;
      (with_dob ? latency_dob : latency_names).push_back(ms);
      (with_dob ? cpu_dob : cpu_names).push_back(cpu_ms);
      if (std::getenv("HAVEN_BENCH_VERBOSE") && ms > 5) {
        std::printf("  slow: %.1f ms \"%s\" %s, %zu candidates\n", ms, q.text.c_str(),
                    with_dob ? "with date" : "", r.ok() ? r->candidates : 0);
      }
      if (!r.ok()) {
        ++errors;
        continue;
      }
      candidates_total += r->candidates;
      capped += r->candidates_capped;
      const bool hit = std::any_of(r->hits.begin(), r->hits.end(),
                                   [&](const auto& h) { return h.id == d.original_id; });
      if (with_dob) {
        hits_dob += hit;
        if (!hit) {
          for (size_t k = 0; k < haven::synth::kDamageKindCount; ++k)
            if (d.damage.has(static_cast<haven::synth::DamageKind>(k))) ++kind_search_miss[k];
          if (shown < 12 && std::getenv("HAVEN_BENCH_VERBOSE")) {
            ++shown;
            const auto& orig = w.children[std::stoul(d.original_id.substr(1))];
            std::printf("  miss: \"%s\" %s  (original \"%s\" %s) [%s]\n", q.text.c_str(),
                        d.copy.birth_date ? d.copy.birth_date->to_string().c_str() : "-",
                        query_text(orig).c_str(),
                        orig.birth_date ? orig.birth_date->to_string().c_str() : "-",
                        d.damage.to_string().c_str());
          }
        }
      } else {
        hits_names += hit;
      }
    }
  }
  std::printf("\nsearch for %zu damaged copies (\"given family\" as registered on the copy):\n",
              queries);
  std::printf(
      "  with birth date: recall@10 %.4f; wall p50 %.3f ms p99 %.3f ms max %.3f ms; "
      "cpu p50 %.3f ms p99 %.3f ms\n",
      static_cast<double>(hits_dob) / static_cast<double>(queries), percentile(latency_dob, 0.5),
      percentile(latency_dob, 0.99), percentile(latency_dob, 1.0), percentile(cpu_dob, 0.5),
      percentile(cpu_dob, 0.99));
  std::printf(
      "  names only:      recall@10 %.4f; wall p50 %.3f ms p99 %.3f ms max %.3f ms; "
      "cpu p50 %.3f ms p99 %.3f ms\n",
      static_cast<double>(hits_names) / static_cast<double>(queries),
      percentile(latency_names, 0.5), percentile(latency_names, 0.99),
      percentile(latency_names, 1.0), percentile(cpu_names, 0.5), percentile(cpu_names, 0.99));
  std::printf("  mean candidates scored %.0f, capped queries %zu, errors %zu\n",
              static_cast<double>(candidates_total) / static_cast<double>(2 * queries), capped,
              errors);
  std::printf("\nby damage kind (copies carrying it; a copy has 1-3 kinds):\n");
  std::printf("  %-22s %7s %14s %16s\n", "kind", "copies", "dedupe missed", "search missed");
  for (size_t k = 0; k < haven::synth::kDamageKindCount; ++k) {
    std::printf(
        "  %-22s %7zu %14zu %16zu\n",
        std::string(haven::synth::damage_kind_name(static_cast<haven::synth::DamageKind>(k)))
            .c_str(),
        kind_total[k], kind_missed[k], kind_search_miss[k]);
  }
  std::fflush(stdout);
}

// ---- Google Benchmark cases on the same index ----

void BM_SearchFullNameAndDate(benchmark::State& state) {
  World& w = world();
  size_t i = 0;
  for (auto _ : state) {
    const auto& d = w.duplicates[i++ % w.duplicates.size()];
    SearchQuery q;
    q.text = query_text(d.copy);
    q.birth_date = d.copy.birth_date;
    auto r = w.index->search(q);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_SearchFullNameAndDate);

void BM_SearchFullName(benchmark::State& state) {
  World& w = world();
  size_t i = 0;
  for (auto _ : state) {
    const auto& d = w.duplicates[i++ % w.duplicates.size()];
    SearchQuery q;
    q.text = query_text(d.copy);
    auto r = w.index->search(q);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_SearchFullName);

void BM_SearchFamilyNameOnly(benchmark::State& state) {
  World& w = world();
  size_t i = 0;
  for (auto _ : state) {
    const auto& d = w.duplicates[i++ % w.duplicates.size()];
    SearchQuery q;
    q.text = d.copy.family_names.empty() ? d.copy.given_names : d.copy.family_names;
    auto r = w.index->search(q);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_SearchFamilyNameOnly);

void BM_FindDuplicatesAtIntake(benchmark::State& state) {
  World& w = world();
  size_t i = 0;
  for (auto _ : state) {
    const auto& d = w.duplicates[i++ % w.duplicates.size()];
    auto r = w.index->find_duplicates(d.copy, 10);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_FindDuplicatesAtIntake);

void BM_NormalizeLatinName(benchmark::State& state) {
  World& w = world();
  for (auto _ : state) {
    auto r = w.normalizer->normalize("Kazlauskaitė", haven::search::NamePart::kFamily);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_NormalizeLatinName);

void BM_NormalizeCyrillicName(benchmark::State& state) {
  World& w = world();
  for (auto _ : state) {
    auto r = w.normalizer->normalize("Щербаков", haven::search::NamePart::kFamily);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_NormalizeCyrillicName);

void BM_JaroWinkler(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(haven::search::jaro_winkler("kazlauskaite", "kazlauskiene"));
  }
}
BENCHMARK(BM_JaroWinkler);

}  // namespace

int main(int argc, char** argv) {
  const char* eval = std::getenv("HAVEN_BENCH_EVAL");
  if (!eval || std::string(eval) != "0") evaluate();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
