// Privacy-preserving linkage ([X1]): (a) the Dice kernel in Dice comparisons per second per core
// for every instruction set this CPU has, beside the machine's AND+popcount streaming limit and a
// plain scalar loop, measured in the same run and printed as ratios; (b) end to end on two
// synthetic countries (LV and SE) sharing a known subset of children with transliteration variants
// and registration errors: encoding, blocking, comparison and assignment times, precision, recall,
// F1 and pairs compared.
//
//   cmake --preset bench && cmake --build build/bench --target bench_linkage -j2
//   build/bench/bench/bench_linkage                                   # kernel + 100k × 100k
//   build/bench/bench/bench_linkage --benchmark_filter=EndToEnd/1000000
//
// Names are normalized here by a stand-in (diacritics folded, lower case); the real pipeline uses
// search::normalize, which also transliterates other scripts.
//
// Variants for docs/LINKAGE.md, by environment: LK_THRESHOLD (0.77), LK_SALT=sex|year|none,
// LK_XOR_FOLD=0, LK_BLIP=<flip × 65536>, LK_K_GIVEN / _FAMILY / _DATE / _YEAR / _DAY_MONTH / _SEX,
// LK_GREEDY=1, LK_DAMAGE (share of shared copies with registration errors, 0.5), LK_YEAR_SHIFT
// (share with a birth year off by one, 0). LK_SWEEP=1 prints F1 for thresholds from LK_THRESHOLD
// up, LK_DEBUG=1 samples false positives and negatives (synthetic names) to stderr.
#include <benchmark/benchmark.h>
#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "linkage/assignment.h"
#include "linkage/blocking.h"
#include "linkage/bloom_encoder.h"
#include "linkage/dice_kernel.h"
#include "linkage/encoding_set.h"
#include "linkage/evaluation.h"
#include "linkage/matcher.h"
#include "synth/corruption.h"
#include "synth/identity_generator.h"
#include "synth/name_data.h"
#include "synth/rng.h"

// GCC 12 false positive inside the AVX-512 intrinsics (bug 105593).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"

namespace {

namespace lk = haven::linkage;
namespace sy = haven::synth;
using Clock = std::chrono::steady_clock;

constexpr unsigned kThreads = 2;     // the machine this project is measured on has two cores
constexpr double kThreshold = 0.77;  // MatchOptions default

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds used by the whole process (all threads): on a machine shared with others, wall time
// depends on their load, CPU time much less.
double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

template <class F>
void parallel_for(size_t n, unsigned threads, F&& f) {
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (size_t i = n * t / threads; i < n * (t + 1) / threads; ++i) f(i);
    });
  }
  for (auto& th : pool) th.join();
}

// ---------------------------------------------------------------------------------------------
// (a) The kernel

// Random filters with a realistic fill (each bit set with probability ~0.35, like an encoded
// child), sorted by popcount as the matcher hands them to the kernel.
struct Filters {
  std::vector<lk::BloomFilter> f;
  std::vector<uint16_t> pop;
  lk::FilterBatch batch(size_t n) const {
    return {f.data(), pop.data(), static_cast<uint32_t>(std::min(n, f.size()))};
  }
};

Filters random_filters(size_t n, uint64_t seed) {
  std::vector<lk::BloomFilter> raw(n);
  sy::Rng rng(seed);
  for (auto& filter : raw)
    for (auto& w : filter.words) w = rng.next() & (rng.next() | rng.next());  // p ≈ 0.375
  // Sorted through an index: a 64-byte-aligned type is better not passed around by value.
  std::vector<uint32_t> order(n), pop(n);
  for (uint32_t i = 0; i < n; ++i) order[i] = i, pop[i] = raw[i].popcount();
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return pop[x] < pop[y]; });
  Filters out;
  out.f.resize(n);
  for (size_t i = 0; i < n; ++i) out.f[i] = raw[order[i]];
  for (const auto& filter : out.f) out.pop.push_back(static_cast<uint16_t>(filter.popcount()));
  return out;
}

// 1M candidates = 128 MiB: far beyond the caches, so any kernel that reads each candidate once per
// query is bound by memory bandwidth.
constexpr size_t kCandidates = 1 << 20;
constexpr size_t kQueries = 256;
const Filters& candidates() {
  static const Filters f = random_filters(kCandidates, 1);
  return f;
}
const Filters& queries() {
  static const Filters f = random_filters(kQueries, 2);
  return f;
}

const lk::DiceThreshold& threshold() {
  static const lk::DiceThreshold t = *lk::DiceThreshold::create(kThreshold);
  return t;
}

// Every query against every candidate with one instruction set (no count bound: random filters
// would let it skip little anyway, and this measures the kernel itself).
void BM_Kernel(benchmark::State& state) {
  const auto isa = static_cast<lk::Isa>(state.range(0));
  if (!lk::isa_supported(isa)) return state.SkipWithError("not supported by this CPU");
  // The portable loop is slow: give it fewer queries so the run stays short.
  const size_t nq = isa == lk::Isa::kPortable ? 16 : kQueries;
  candidates(), queries();  // built before timing starts
  std::vector<lk::DiceHit> hits;
  for (auto _ : state) {
    hits.clear();
    auto counts = lk::dice_join_unbounded(queries().batch(nq), candidates().batch(kCandidates),
                                          threshold(), hits, isa);
    benchmark::DoNotOptimize(counts);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * nq * kCandidates));
  state.SetLabel(std::string(lk::isa_name(isa)));
}

// The streaming limit: one query ANDed with each candidate and popcounted with the best
// instructions, the counts summed with no per-pair reduction, threshold or output. Over the
// 128 MiB candidate array it is the memory-bandwidth limit, over 2048 candidates (256 KiB) the L2
// limit, and over 256 candidates (32 KiB, in L1) the arithmetic limit of AND+popcount itself.
__attribute__((target("avx512f,avx512vpopcntdq"))) uint64_t stream_avx512(const lk::BloomFilter& q,
                                                                          const lk::BloomFilter* c,
                                                                          size_t n) {
  const __m512i qlo = _mm512_load_si512(q.words.data());
  const __m512i qhi = _mm512_load_si512(q.words.data() + 8);
  __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0;
  size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    a0 = _mm512_add_epi64(
        a0, _mm512_popcnt_epi64(_mm512_and_si512(qlo, _mm512_load_si512(c[i].words.data()))));
    a1 = _mm512_add_epi64(
        a1, _mm512_popcnt_epi64(_mm512_and_si512(qhi, _mm512_load_si512(c[i].words.data() + 8))));
    a2 = _mm512_add_epi64(
        a2, _mm512_popcnt_epi64(_mm512_and_si512(qlo, _mm512_load_si512(c[i + 1].words.data()))));
    a3 = _mm512_add_epi64(a3, _mm512_popcnt_epi64(_mm512_and_si512(
                                  qhi, _mm512_load_si512(c[i + 1].words.data() + 8))));
  }
  uint64_t total = static_cast<uint64_t>(_mm512_reduce_add_epi64(
      _mm512_add_epi64(_mm512_add_epi64(a0, a1), _mm512_add_epi64(a2, a3))));
  for (; i < n; ++i) total += lk::common_bits(q, c[i]);
  return total;
}

__attribute__((target("popcnt"))) uint64_t stream_popcnt(const lk::BloomFilter& q,
                                                         const lk::BloomFilter* c, size_t n) {
  uint64_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  for (size_t i = 0; i < n; ++i) {
    for (size_t w = 0; w < lk::kFilterWords; w += 4) {
      a0 += static_cast<uint64_t>(__builtin_popcountll(q.words[w] & c[i].words[w]));
      a1 += static_cast<uint64_t>(__builtin_popcountll(q.words[w + 1] & c[i].words[w + 1]));
      a2 += static_cast<uint64_t>(__builtin_popcountll(q.words[w + 2] & c[i].words[w + 2]));
      a3 += static_cast<uint64_t>(__builtin_popcountll(q.words[w + 3] & c[i].words[w + 3]));
    }
  }
  return a0 + a1 + a2 + a3;
}

uint64_t stream(const lk::BloomFilter& q, const lk::BloomFilter* c, size_t n) {
  if (lk::isa_supported(lk::Isa::kAvx512)) return stream_avx512(q, c, n);
  return stream_popcnt(q, c, n);
}

void BM_StreamLimit(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  queries();  // built before timing starts
  const lk::BloomFilter* c = candidates().f.data();
  size_t qi = 0;
  for (auto _ : state) {
    // Over the big array one pass per query; over the small one, the same 256 KiB again and again.
    benchmark::DoNotOptimize(stream(queries().f[qi++ % kQueries], c, n));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
  state.SetLabel(lk::isa_supported(lk::Isa::kAvx512) ? "avx512" : "popcnt");
}

BENCHMARK(BM_Kernel)
    ->ArgName("isa")
    ->Arg(static_cast<int>(lk::Isa::kPortable))
    ->Arg(static_cast<int>(lk::Isa::kPopcnt))
    ->Arg(static_cast<int>(lk::Isa::kAvx2))
    ->Arg(static_cast<int>(lk::Isa::kAvx512))
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StreamLimit)
    ->ArgName("filters")
    ->Arg(256)
    ->Arg(2048)
    ->Arg(kCandidates)
    ->Unit(benchmark::kMicrosecond);

// ---------------------------------------------------------------------------------------------
// (b) End to end on synthetic populations

std::filesystem::path data_dir() {
  if (const char* root = std::getenv("HAVEN_SOURCE_DIR"))
    return std::filesystem::path(root) / "data";
  return std::filesystem::path(__FILE__).parent_path() / ".." / "data";
}

const sy::NameData& names() {
  static const sy::NameData data = [] {
    auto loaded = sy::NameData::load(data_dir());
    if (!loaded.ok()) {
      std::fprintf(stderr, "cannot load name data: %s\n", loaded.error().message.c_str());
      std::abort();
    }
    return std::move(*loaded);
  }();
  return data;
}

// Stand-in for search::normalize: diacritics folded, ASCII lower case, letters and separators
// kept, everything else dropped, runs of spaces collapsed.
std::string normalize(std::string_view text) {
  const std::string folded = sy::fold_diacritics(text, false);
  std::string out;
  out.reserve(folded.size());
  for (char ch : folded) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || c >= 0x80) {
      out.push_back(ch);
    } else if ((c == ' ' || c == '-') && !out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// What a national instance hands the encoder for one child.
struct Fields {
  std::string given, family;
  std::optional<haven::core::Date> birth;
  lk::Sex sex = lk::Sex::kUnknown;
  uint64_t ref = 0;
};

Fields fields_of(const sy::Identity& id, uint64_t ref) {
  return {normalize(id.given_names), normalize(id.family_name), id.birth_date,
          id.sex == sy::Sex::kFemale ? lk::Sex::kFemale : lk::Sex::kMale, ref};
}

struct Population {
  std::vector<Fields> a, b;        // SE, LV
  std::vector<lk::RefPair> truth;  // (ref in SE, ref in LV)
  std::vector<uint16_t> damage;    // DamageSet bits per shared pair (0 = only respelt or exact)
  std::vector<bool> migrant;       // per shared pair
};

// n children per country; the first `shared` of LV's moved to SE and were registered again there:
// half of them of migrant origin (the children cross-border work is mostly about), respelt by SE
// officials (another transliteration) when the name has other spellings, and with probability
// `damage_rate` one to three further registration errors (typos, swapped names, dropped second
// name, day/month swapped, estimated year off by one, date missing …); with probability
// `year_shift` the birth year differs by one (another age assessment; 0 by default).
Population make_population(size_t n, size_t shared, double damage_rate, double year_shift,
                           uint64_t seed) {
  const auto options = sy::GeneratorOptions{*haven::core::Date::parse("2026-01-01"), std::nullopt};
  const auto lv = sy::IdentityGenerator::create(names(), "LV", options);
  const auto se = sy::IdentityGenerator::create(names(), "SE", options);
  if (!lv.ok() || !se.ok()) std::abort();
  const sy::Corruptor corruptor(names());
  auto is_migrant = [](const sy::Identity& id) {
    const sy::NameSet* set = names().find(id.origin);
    return set && !set->is_country;
  };

  Population p;
  p.a.resize(n);
  p.b.resize(n);
  p.damage.resize(shared);
  std::vector<char> migrant(shared);
  parallel_for(n, kThreads, [&](size_t i) {
    sy::Rng refs(seed ^ 0x5EED, i);
    const uint64_t ref_a = refs.next(), ref_b = refs.next();
    sy::Identity id;
    if (i < shared) {
      // A shared child: every other one drawn until a migrant-origin child comes up.
      sy::Rng rng(seed, i);
      lv->generate_child_into(rng, id);
      for (int tries = 0; i % 2 == 0 && !is_migrant(id) && tries < 50; ++tries)
        lv->generate_child_into(rng, id);
      p.b[i] = fields_of(id, ref_b);
      migrant[i] = is_migrant(id);
      sy::Identity copy = id;
      sy::DamageSet damage;
      if (migrant[i] && corruptor.apply(sy::DamageKind::kTransliteration, copy, rng))
        damage.add(sy::DamageKind::kTransliteration);
      if (rng.chance(damage_rate)) {
        sy::Identity worse;
        const sy::DamageSet more = corruptor.corrupt(copy, rng, worse);
        for (size_t k = 0; k < sy::kDamageKindCount; ++k)
          if (more.has(static_cast<sy::DamageKind>(k))) damage.add(static_cast<sy::DamageKind>(k));
        copy = std::move(worse);
      }
      if (copy.birth_date && rng.chance(year_shift)) {
        // Another age assessment: the year differs by one (day and month kept when they exist).
        const haven::core::Date d = *copy.birth_date;
        const int y = d.year() + (rng.chance(0.5) ? 1 : -1);
        copy.birth_date = haven::core::Date::from_ymd(y, d.month(), std::min(d.day(), 28));
        damage.add(sy::DamageKind::kBirthYearShifted);
      }
      p.damage[i] = damage.bits();
      p.a[i] = fields_of(copy, ref_a);
    } else {
      sy::Rng rng_b(seed, i);
      lv->generate_child_into(rng_b, id);
      p.b[i] = fields_of(id, ref_b);
      sy::Rng rng_a(seed + 1, i);
      se->generate_child_into(rng_a, id);
      p.a[i] = fields_of(id, ref_a);
    }
  });
  p.migrant.assign(migrant.begin(), migrant.end());
  for (size_t i = 0; i < shared; ++i) p.truth.push_back({p.a[i].ref, p.b[i].ref});
  return p;
}

// A fixed secret, so every run encodes identically (a real secret comes from `haven link keys`).
const lk::LinkageSecret& secret() {
  static const lk::LinkageSecret s = [] {
    std::array<uint8_t, lk::LinkageSecret::kBytes> bytes;
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(sy::mix64(i));
    return lk::LinkageSecret::from_bytes(bytes).value();
  }();
  return s;
}

// The salt: by default the sex (see docs/LINKAGE.md: a birth-year salt loses every child whose
// year is missing or estimated differently); LK_SALT=year or none to compare.
std::string salt_of(const Fields& f) {
  static const std::string mode = std::getenv("LK_SALT") ? std::getenv("LK_SALT") : "sex";
  if (mode == "year") return lk::salt_from_birth_year(f.birth);
  if (mode == "none") return {};
  return std::string(lk::salt_from_sex(f.sex));
}

lk::EncodingSet encode_all(const lk::BloomEncoder& encoder, const std::vector<Fields>& records) {
  lk::EncodingSet set({encoder.params(), encoder.key_fingerprint()});
  set.resize(records.size());
  // Each thread encodes its share in batches of 50,000 (one digest cache per batch).
  constexpr size_t kBatch = 50000;
  const size_t batches = (records.size() + kBatch - 1) / kBatch;
  parallel_for(batches, kThreads, [&](size_t batch) {
    const size_t begin = batch * kBatch, end = std::min(records.size(), begin + kBatch);
    std::vector<std::string> salts(end - begin);
    std::vector<lk::LinkageFields> fields(end - begin);
    for (size_t i = begin; i < end; ++i) {
      const Fields& f = records[i];
      salts[i - begin] = salt_of(f);
      fields[i - begin] = {f.given, f.family, f.birth, f.sex, salts[i - begin]};
    }
    std::vector<lk::EncodedRecord> out(end - begin);
    // A record with no name at all keeps an empty filter and no keys: it can never match.
    encoder.encode_batch(fields, out);
    for (size_t i = begin; i < end; ++i) set.set(i, records[i].ref, out[i - begin]);
  });
  return set;
}

lk::EncoderParams params_from_env() {
  lk::EncoderParams p;
  auto get = [](const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v ? std::atoi(v) : fallback;
  };
  p.k_given = static_cast<uint8_t>(get("LK_K_GIVEN", p.k_given));
  p.k_family = static_cast<uint8_t>(get("LK_K_FAMILY", p.k_family));
  p.k_date = static_cast<uint8_t>(get("LK_K_DATE", p.k_date));
  p.k_year = static_cast<uint8_t>(get("LK_K_YEAR", p.k_year));
  p.k_day_month = static_cast<uint8_t>(get("LK_K_DAY_MONTH", p.k_day_month));
  p.k_sex = static_cast<uint8_t>(get("LK_K_SEX", p.k_sex));
  p.xor_fold = get("LK_XOR_FOLD", p.xor_fold) != 0;
  p.blip_flip = static_cast<uint16_t>(get("LK_BLIP", p.blip_flip));
  return p;
}

double env_double(const char* name, double fallback) {
  const char* v = std::getenv(name);
  return v ? std::atof(v) : fallback;
}

void BM_EndToEnd(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  const size_t shared = n / 10;
  const double damage_rate = env_double("LK_DAMAGE", 0.5);
  const double t = env_double("LK_THRESHOLD", kThreshold);
  const auto method =
      std::getenv("LK_GREEDY") ? lk::AssignmentMethod::kGreedy : lk::AssignmentMethod::kOptimal;
  const auto start_gen = Clock::now();
  const double year_shift = env_double("LK_YEAR_SHIFT", 0.0);
  const Population pop = make_population(n, shared, damage_rate, year_shift, 2026);
  const double t_generate = seconds_since(start_gen);
  auto encoder = lk::BloomEncoder::create(secret(), params_from_env());
  if (!encoder.ok()) return state.SkipWithError(encoder.error().message.c_str());
  const lk::DiceThreshold threshold = *lk::DiceThreshold::create(t);

  double t_encode = 0, t_block = 0, t_compare = 0, t_assign = 0;
  double c_encode = 0, c_block = 0, c_compare = 0, c_assign = 0;
  lk::CompareCounts cc;
  lk::AssignmentCounts ac;
  uint64_t largest_block = 0;
  lk::LinkageQuality q;
  std::vector<lk::ScoredPair> scored, assigned;
  for (auto _ : state) {
    auto t0 = Clock::now();
    double c0 = process_cpu_seconds();
    auto lap = [&](double& wall, double& cpu) {
      wall = seconds_since(t0);
      cpu = process_cpu_seconds() - c0;
      t0 = Clock::now();
      c0 = process_cpu_seconds();
    };
    const lk::EncodingSet a = encode_all(*encoder, pop.a);
    const lk::EncodingSet b = encode_all(*encoder, pop.b);
    lap(t_encode, c_encode);
    const lk::CandidateBlocks blocks = lk::CandidateBlocks::build(a, b, kThreads);
    lap(t_block, c_block);
    scored = lk::compare_candidates(a, b, blocks, threshold, kThreads, lk::best_isa(), &cc);
    lap(t_compare, c_compare);
    assigned = lk::assign_one_to_one(scored, {method, threshold.value(), 200}, &ac);
    lap(t_assign, c_assign);
    largest_block = blocks.largest_block_pairs();

    std::vector<lk::RefPair> predicted;
    for (const auto& pr : assigned) predicted.push_back({a.ref(pr.a), b.ref(pr.b)});
    q = lk::evaluate(predicted, pop.truth);

    // Recall by damage kind, for tuning (stderr, once).
    std::vector<lk::RefPair> sorted_pred = predicted;
    std::sort(sorted_pred.begin(), sorted_pred.end());
    std::map<std::string, std::pair<int, int>> by_kind;  // found, total
    for (size_t i = 0; i < pop.truth.size(); ++i) {
      const bool found = std::binary_search(sorted_pred.begin(), sorted_pred.end(), pop.truth[i]);
      std::vector<std::string> kinds;
      for (size_t k = 0; k < sy::kDamageKindCount; ++k)
        if ((pop.damage[i] >> k) & 1u)
          kinds.emplace_back(sy::damage_kind_name(static_cast<sy::DamageKind>(k)));
      if (kinds.empty()) kinds.emplace_back(pop.migrant[i] ? "none (migrant)" : "none");
      if (!pop.a[i].birth || !pop.b[i].birth) kinds.emplace_back("(birth date missing)");
      if (pop.a[i].birth && pop.b[i].birth && pop.a[i].birth->year() != pop.b[i].birth->year())
        kinds.emplace_back("(birth year differs)");
      for (const auto& kind : kinds) {
        by_kind[kind].first += found;
        by_kind[kind].second += 1;
      }
    }
    if (std::getenv("LK_SWEEP")) {
      // Quality at higher thresholds, from the pairs scored at this one (tuning aid).
      for (double t2 = t; t2 < 0.951; t2 += 0.01) {
        std::vector<lk::ScoredPair> kept;
        for (const auto& sp : scored)
          if (sp.dice >= t2) kept.push_back(sp);
        std::vector<lk::RefPair> pred2;
        for (const auto& pr : lk::assign_one_to_one(kept, {method, t2, 200}))
          pred2.push_back({a.ref(pr.a), b.ref(pr.b)});
        const lk::LinkageQuality q2 = lk::evaluate(pred2, pop.truth);
        std::fprintf(stderr, "sweep t=%.2f F1=%.4f P=%.4f R=%.4f\n", t2, q2.f1, q2.precision,
                     q2.recall);
      }
    }
    if (std::getenv("LK_DEBUG")) {
      // Sample false positives and false negatives with their fields (synthetic data only).
      std::map<uint64_t, size_t> a_at, b_at;
      for (size_t i = 0; i < pop.a.size(); ++i) a_at[pop.a[i].ref] = i;
      for (size_t i = 0; i < pop.b.size(); ++i) b_at[pop.b[i].ref] = i;
      auto show = [&](const char* what, const lk::RefPair& rp) {
        const size_t ia = a_at[rp.first], ib = b_at[rp.second];
        const Fields& fa = pop.a[ia];
        const Fields& fb = pop.b[ib];
        int shared_keys = 0;
        for (size_t k = 0; k < lk::kBlockingPasses; ++k)
          shared_keys += a.keys(ia)[k] != 0 && a.keys(ia)[k] == b.keys(ib)[k] ? (1 << k) : 0;
        std::fprintf(stderr, "%s dice=%.3f keys=%x pop=%d/%d | %s / %s / %s | %s / %s / %s\n", what,
                     lk::dice(a.filter(ia), b.filter(ib)), shared_keys, a.popcount(ia),
                     b.popcount(ib), fa.given.c_str(), fa.family.c_str(),
                     fa.birth ? fa.birth->to_string().c_str() : "-", fb.given.c_str(),
                     fb.family.c_str(), fb.birth ? fb.birth->to_string().c_str() : "-");
      };
      std::vector<lk::RefPair> truth_sorted = pop.truth;
      std::sort(truth_sorted.begin(), truth_sorted.end());
      int shown = 0;
      for (const auto& rp : sorted_pred)
        if (!std::binary_search(truth_sorted.begin(), truth_sorted.end(), rp) && shown++ < 25)
          show("FP", rp);
      shown = 0;
      for (const auto& rp : pop.truth)
        if (!std::binary_search(sorted_pred.begin(), sorted_pred.end(), rp) && shown++ < 40)
          show("FN", rp);
      // Dice histogram of the true pairs.
      std::vector<int> hist(11);
      int no_key = 0;
      for (const auto& rp : pop.truth) {
        const size_t ia = a_at[rp.first], ib = b_at[rp.second];
        hist[static_cast<size_t>(lk::dice(a.filter(ia), b.filter(ib)) * 10)]++;
        bool any = false;
        for (size_t k = 0; k < lk::kBlockingPasses; ++k)
          any |= a.keys(ia)[k] != 0 && a.keys(ia)[k] == b.keys(ib)[k];
        no_key += !any;
      }
      std::fprintf(stderr, "true pairs sharing no blocking key: %d\ntrue-pair dice:", no_key);
      for (int h = 0; h <= 10; ++h)
        std::fprintf(stderr, " %.1f:%d", h / 10.0, hist[static_cast<size_t>(h)]);
      std::fprintf(stderr, "\n");
    }
    std::fprintf(stderr, "recall by damage kind (n=%zu, shared=%zu):\n", n, shared);
    for (const auto& [kind, c] : by_kind)
      std::fprintf(stderr, "  %-22s %6d / %6d  %.3f\n", kind.c_str(), c.first, c.second,
                   static_cast<double>(c.first) / c.second);
  }
  state.counters["shared"] = static_cast<double>(shared);
  state.counters["precision"] = q.precision;
  state.counters["recall"] = q.recall;
  state.counters["F1"] = q.f1;
  state.counters["cand_pairs"] = static_cast<double>(cc.candidate_pairs);
  state.counters["compared"] = static_cast<double>(cc.compared);
  state.counters["bounded"] = static_cast<double>(cc.bounded);
  state.counters["above_t"] = static_cast<double>(cc.above_threshold);
  state.counters["largest_block"] = static_cast<double>(largest_block);
  state.counters["components"] = static_cast<double>(ac.components);
  state.counters["t_generate_s"] = t_generate;
  state.counters["t_encode_s"] = t_encode;
  state.counters["t_block_s"] = t_block;
  state.counters["t_compare_s"] = t_compare;
  state.counters["t_assign_s"] = t_assign;
  state.counters["t_link_s"] = t_encode + t_block + t_compare + t_assign;
  state.counters["cpu_encode_s"] = c_encode;
  state.counters["cpu_block_s"] = c_block;
  state.counters["cpu_compare_s"] = c_compare;
  state.counters["cpu_assign_s"] = c_assign;
  state.counters["cpu_link_s"] = c_encode + c_block + c_compare + c_assign;
  state.SetLabel(std::string(lk::isa_name(lk::best_isa())) +
                 ", 2 threads, t=" + std::to_string(t).substr(0, 4));
}

BENCHMARK(BM_EndToEnd)
    ->ArgName("n")
    ->Arg(100000)
    ->Arg(1000000)
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

// ---------------------------------------------------------------------------------------------
// Ratios of the kernel results, printed after the table so they come from this very run.

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      const auto it = run.counters.find("items_per_second");
      if (it != run.counters.end() && !run.error_occurred)
        rates_[run.benchmark_name()] = it->second.value;
    }
    ConsoleReporter::ReportRuns(runs);
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    const double dram = rate("BM_StreamLimit/filters:1048576");
    const double l2 = rate("BM_StreamLimit/filters:2048");
    const double l1 = rate("BM_StreamLimit/filters:256");
    const double scalar = rate("BM_Kernel/isa:0");
    if (dram == 0 && l2 == 0) return;
    std::printf("\nDice comparisons per second per core (best ISA detected: %s)\n",
                std::string(lk::isa_name(lk::best_isa())).c_str());
    std::printf("  streaming limit, 128 MiB (memory):  %8.1f M/s\n", dram / 1e6);
    std::printf("  streaming limit, 256 KiB (L2):      %8.1f M/s\n", l2 / 1e6);
    std::printf("  streaming limit, 32 KiB (L1):       %8.1f M/s\n", l1 / 1e6);
    for (int isa = 0; isa < 4; ++isa) {
      const double r = rate("BM_Kernel/isa:" + std::to_string(isa));
      if (r == 0) continue;
      std::printf(
          "  kernel %-8s %8.1f M/s   ×%.2f memory limit  ×%.2f L2 limit  ×%.2f L1 limit  "
          "×%.1f scalar loop\n",
          std::string(lk::isa_name(static_cast<lk::Isa>(isa))).c_str(), r / 1e6,
          dram ? r / dram : 0.0, l2 ? r / l2 : 0.0, l1 ? r / l1 : 0.0, scalar ? r / scalar : 0.0);
    }
  }

 private:
  double rate(const std::string& name) const {
    const auto it = rates_.find(name);
    return it == rates_.end() ? 0.0 : it->second;
  }
  std::map<std::string, double> rates_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  std::string isas;
  for (int i = 0; i < 4; ++i) {
    const auto isa = static_cast<lk::Isa>(i);
    if (lk::isa_supported(isa)) isas += (isas.empty() ? "" : ",") + std::string(lk::isa_name(isa));
  }
  benchmark::AddCustomContext("linkage_isas_supported", isas);
  benchmark::AddCustomContext("linkage_isa_best", std::string(lk::isa_name(lk::best_isa())));
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
