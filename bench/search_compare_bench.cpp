// [S1] evaluation: haven's NameIndex against the alternatives a team would otherwise reach for —
// SQLite FTS5 with the trigram tokenizer and PostgreSQL pg_trgm — on one `haven generate`
// population with its duplicate ground truth, in one run: recall@10 for the damaged copies, latency
// per query, index build time, and haven's batch duplicate detection (precision, recall, F1).
//
//   bench_search_compare POPULATION_DIR     (or HAVEN_EVAL_POPULATION=DIR)
//
// POPULATION_DIR holds one folder per `haven generate --out` run (<part>/children.jsonl) and its
// truth file beside it (<part>.truth.csv); scripts/eval_search.sh makes it and runs this under
// scripts/with_postgres.sh. pg_trgm is measured when HAVEN_TEST_PG_URL names a server, else
// skipped. HAVEN_COMPARE_QUERIES caps the damaged copies searched (default 2000, the same ones for
// all three); HAVEN_PG_TRGM_THRESHOLD sets pg_trgm.similarity_threshold (default 0.3, its default);
// HAVEN_COMPARE_VERBOSE=1 prints haven's misses.
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "search/name_index.h"
#include "search/name_normalizer.h"

namespace {

namespace fs = std::filesystem;
using haven::search::ChildRecord;
using haven::search::ChildSex;
using haven::search::NameIndex;
using haven::search::NameNormalizer;
using haven::search::SearchQuery;
using Clock = std::chrono::steady_clock;

constexpr size_t kRecallAt = 10;
// How many text matches the FTS5 and pg_trgm queries fetch before re-ranking by birth date.
constexpr size_t kRerankDepth = 50;

size_t env_size(const char* name, size_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? static_cast<size_t>(std::strtoull(v, nullptr, 10)) : fallback;
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// CPU time of this thread: unlike wall time, not inflated when other work shares the cores (but
// blind to work in another process: the PostgreSQL server's).
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

// CPU time (user + system) another process on this machine has used so far, from /proc: the
// PostgreSQL backend serving our connection. Clock-tick resolution, so only useful summed over
// many queries. Negative when unreadable.
double process_cpu_ms(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return -1;
  const size_t close = stat.rfind(')');  // the command name may hold spaces
  if (close == std::string::npos) return -1;
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  double utime = 0, stime = 0;
  for (int i = 3; fields >> field; ++i) {  // field 3 is the state; utime is 14, stime 15
    if (i == 14) utime = std::stod(field);
    if (i == 15) {
      stime = std::stod(field);
      return (utime + stime) * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
    }
  }
  return -1;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  return v[i];
}

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "bench_search_compare: %s\n", message.c_str());
  std::exit(1);
}

// ---- The population, as `haven generate --out` wrote it ----

struct TruthPair {
  size_t original = 0, copy = 0;  // indexes into Population::children
  std::string damage;
};

struct Population {
  std::vector<ChildRecord> children;
  std::vector<TruthPair> truth;
  std::unordered_map<std::string, size_t> by_id;
  size_t parts = 0;
};

std::string text_or_empty(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

ChildRecord parse_child(const nlohmann::json& j) {
  ChildRecord r;
  r.id = j.at("id").get<std::string>();
  r.given_names = text_or_empty(j, "given_names");
  r.family_names = text_or_empty(j, "family_names");
  // The service keeps the original-script name as one string: "other writings of the full name".
  if (auto original = text_or_empty(j, "names_original_script"); !original.empty())
    r.other_names.push_back(std::move(original));
  if (auto dob = text_or_empty(j, "birth_date"); !dob.empty())
    r.birth_date = haven::core::Date::parse(dob);
  const auto est = j.find("birth_date_estimated");
  r.birth_date_estimated = est != j.end() && ((est->is_number() && est->get<int64_t>() != 0) ||
                                              (est->is_boolean() && est->get<bool>()));
  const std::string sex = text_or_empty(j, "sex");
  if (sex == "female" || sex == "F" || sex == "f") r.sex = ChildSex::kFemale;
  if (sex == "male" || sex == "M" || sex == "m") r.sex = ChildSex::kMale;
  const auto langs = j.find("languages");
  if (langs != j.end() && langs->is_array() && !langs->empty() && langs->front().is_string())
    r.language = langs->front().get<std::string>();
  return r;
}

Population load_population(const fs::path& dir) {
  Population pop;
  std::vector<fs::path> parts;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_directory() && fs::exists(e.path() / "children.jsonl")) parts.push_back(e.path());
  std::sort(parts.begin(), parts.end());
  if (parts.empty()) die("no <part>/children.jsonl under " + dir.string());
  std::string line;
  for (const auto& part : parts) {
    std::ifstream in(part / "children.jsonl");
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      ChildRecord r = parse_child(nlohmann::json::parse(line));
      const auto [it, fresh] = pop.by_id.emplace(r.id, pop.children.size());
      if (!fresh) die("child id " + r.id + " appears twice");
      pop.children.push_back(std::move(r));
    }
    const fs::path truth_file = part.string() + ".truth.csv";
    std::ifstream truth(truth_file);
    if (!truth) die("no truth file " + truth_file.string());
    std::getline(truth, line);  // header: original_id,duplicate_id,damage
    while (std::getline(truth, line)) {
      const size_t a = line.find(',');
      const size_t b = line.find(',', a + 1);
      if (a == std::string::npos || b == std::string::npos) continue;
      const auto o = pop.by_id.find(line.substr(0, a));
      const auto c = pop.by_id.find(line.substr(a + 1, b - a - 1));
      if (o == pop.by_id.end() || c == pop.by_id.end())
        die("truth names an unknown child: " + line);
      pop.truth.push_back({o->second, c->second, line.substr(b + 1)});
    }
    ++pop.parts;
  }
  return pop;
}

std::string query_text(const ChildRecord& r) {
  std::string q = r.given_names;
  if (!q.empty() && !r.family_names.empty()) q += ' ';
  q += r.family_names;
  return q;
}

std::string dob_text(const ChildRecord& r) {
  return r.birth_date ? r.birth_date->to_string() : std::string();
}

// ---- What each system reports ----

struct SystemFigures {
  std::string name;
  bool measured = false;
  std::string skipped_because;
  double build_seconds = 0;
  std::string build_note;
  size_t queries = 0, hits_dob = 0, hits_names = 0, hits_tiebreak = 0, errors = 0;
  std::vector<double> latency_ms;  // every query issued, wall time
  std::vector<double> cpu_ms;      // the same, CPU time of this thread (in-process systems only)
  double cpu_total_ms = -1;        // CPU of every query, this thread and a database server
  double cpu_mean_ms() const {
    if (cpu_total_ms >= 0) return cpu_total_ms / double(std::max<size_t>(1, latency_ms.size()));
    double sum = 0;
    for (double c : cpu_ms) sum += c;
    return sum / double(std::max<size_t>(1, cpu_ms.size()));
  }
  double recall_dob() const { return queries ? double(hits_dob) / double(queries) : 0; }
  double recall_names() const { return queries ? double(hits_names) / double(queries) : 0; }
};

// Top-`depth` text matches (best first, index into children, and birth date) → the two rankings:
// by text alone, and the same candidates with those whose birth date agrees moved first.
struct Ranked {
  size_t child;
  std::string birth_date;
};

bool in_top(const std::vector<Ranked>& ranked, size_t wanted) {
  for (size_t i = 0; i < ranked.size() && i < kRecallAt; ++i)
    if (ranked[i].child == wanted) return true;
  return false;
}

void score_text_ranking(SystemFigures& f, std::vector<Ranked> ranked, const std::string& dob,
                        size_t wanted) {
  f.hits_names += in_top(ranked, wanted);
  if (!dob.empty())
    std::stable_partition(ranked.begin(), ranked.end(),
                          [&](const Ranked& r) { return r.birth_date == dob; });
  f.hits_dob += in_top(ranked, wanted);
}

// The trigrams of each word of the query, quoted as FTS5 strings and joined by OR: the usual way
// to get fuzzy matching out of the trigram tokenizer (a word as such must occur exactly).
std::string fts5_trigram_query(const std::string& text) {
  std::vector<std::string> grams;
  std::unordered_set<std::string> seen;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '-')) ++i;
    std::vector<size_t> starts;  // code point starts of this word
    size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '-') {
      starts.push_back(j);
      ++j;
      while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) ++j;
    }
    starts.push_back(j);
    for (size_t k = 0; k + 3 < starts.size(); ++k) {
      std::string g = text.substr(starts[k], starts[k + 3] - starts[k]);
      std::string lower;
      for (char ch : g) lower += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
      if (lower.find('"') != std::string::npos || !seen.insert(lower).second) continue;
      grams.push_back('"' + lower + '"');
    }
    i = j;
  }
  std::string q;
  for (const auto& g : grams) q += (q.empty() ? "" : " OR ") + g;
  return q;
}

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

void sqlite_exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "?";
    sqlite3_free(err);
    die(std::string("sqlite: ") + m + " in " + sql);
  }
}

SystemFigures run_fts5(const Population& pop, const std::vector<size_t>& sample) {
  SystemFigures f;
  f.name = "SQLite FTS5 trigram";
  const fs::path file =
      fs::temp_directory_path() / ("haven-fts5-eval-" + std::to_string(::getpid()) + ".db");
  fs::remove(file);
  sqlite3* raw = nullptr;
  if (sqlite3_open(file.c_str(), &raw) != SQLITE_OK) die("cannot open " + file.string());
  std::unique_ptr<sqlite3, SqliteCloser> db(raw);
  sqlite_exec(db.get(),
              "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144");
  sqlite_exec(db.get(),
              "CREATE VIRTUAL TABLE child_names USING fts5(name, birth_date UNINDEXED, "
              "tokenize='trigram')");
  auto t = Clock::now();
  sqlite_exec(db.get(), "BEGIN");
  {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db.get(), "INSERT INTO child_names(rowid, name, birth_date) VALUES(?,?,?)",
                       -1, &s, nullptr);
    std::unique_ptr<sqlite3_stmt, StmtFinalizer> insert(s);
    for (size_t i = 0; i < pop.children.size(); ++i) {
      const auto& c = pop.children[i];
      const std::string name = query_text(c), dob = dob_text(c);
      sqlite3_bind_int64(s, 1, static_cast<sqlite3_int64>(i));
      sqlite3_bind_text(s, 2, name.data(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 3, dob.data(), static_cast<int>(dob.size()), SQLITE_TRANSIENT);
      if (sqlite3_step(s) != SQLITE_DONE)
        die(std::string("fts5 insert: ") + sqlite3_errmsg(db.get()));
      sqlite3_reset(s);
    }
  }
  sqlite_exec(db.get(), "COMMIT");
  sqlite_exec(db.get(), "INSERT INTO child_names(child_names) VALUES('optimize')");
  f.build_seconds = seconds_since(t);
  f.build_note = "insert + optimize, on-disk file";

  sqlite3_stmt* s = nullptr;
  const std::string sql =
      "SELECT rowid, birth_date FROM child_names WHERE child_names MATCH ? "
      "ORDER BY bm25(child_names) LIMIT " +
      std::to_string(kRerankDepth);
  if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
    die(std::string("fts5 prepare: ") + sqlite3_errmsg(db.get()));
  std::unique_ptr<sqlite3_stmt, StmtFinalizer> query(s);
  std::vector<Ranked> ranked;
  for (size_t k : sample) {
    const auto& tp = pop.truth[k];
    const auto& copy = pop.children[tp.copy];
    const std::string match = fts5_trigram_query(query_text(copy));
    ++f.queries;
    const auto t0 = Clock::now();
    const double c0 = thread_cpu_ms();
    ranked.clear();
    if (!match.empty()) {
      sqlite3_bind_text(s, 1, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
      int rc;
      while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const auto* d = reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
        ranked.push_back({static_cast<size_t>(sqlite3_column_int64(s, 0)), d ? d : ""});
      }
      if (rc != SQLITE_DONE) ++f.errors;
      sqlite3_reset(s);
    }
    f.cpu_ms.push_back(thread_cpu_ms() - c0);
    f.latency_ms.push_back(seconds_since(t0) * 1000);
    score_text_ranking(f, ranked, dob_text(copy), tp.original);
  }
  query.reset();
  db.reset();
  fs::remove(file);
  f.measured = true;
  return f;
}

SystemFigures run_pg_trgm(const Population& pop, const std::vector<size_t>& sample) {
  SystemFigures f;
  f.name = "PostgreSQL pg_trgm";
  const char* url = std::getenv("HAVEN_TEST_PG_URL");
  if (!url || !*url) {
    f.skipped_because = "no PostgreSQL server (run under scripts/with_postgres.sh)";
    return f;
  }
  const char* thr = std::getenv("HAVEN_PG_TRGM_THRESHOLD");
  const std::string threshold = thr && *thr ? thr : "0.3";
  try {
    pqxx::connection conn(url);
    {
      pqxx::nontransaction tx(conn);
      tx.exec0("CREATE EXTENSION IF NOT EXISTS pg_trgm");
      tx.exec0("DROP TABLE IF EXISTS eval_children");
      tx.exec0(
          "CREATE TABLE eval_children (idx integer PRIMARY KEY, name text NOT NULL, birth_date "
          "date)");
    }
    auto t = Clock::now();
    {
      pqxx::work tx(conn);
      std::string sql;
      for (size_t i = 0; i < pop.children.size(); ++i) {
        const auto& c = pop.children[i];
        sql += sql.empty() ? "INSERT INTO eval_children VALUES " : ",";
        sql += "(" + std::to_string(i) + "," + tx.quote(query_text(c)) + "," +
               (c.birth_date ? tx.quote(dob_text(c)) : std::string("NULL")) + ")";
        if (sql.size() > (1 << 20) || i + 1 == pop.children.size()) {
          tx.exec0(sql);
          sql.clear();
        }
      }
      tx.commit();
    }
    const double load = seconds_since(t);
    t = Clock::now();
    {
      pqxx::nontransaction tx(conn);
      tx.exec0("SET maintenance_work_mem = '512MB'");
      tx.exec0(
          "CREATE INDEX eval_children_name_trgm ON eval_children USING gin (name gin_trgm_ops)");
      tx.exec0("ANALYZE eval_children");
      tx.exec0("SET pg_trgm.similarity_threshold = " + tx.quote(threshold));
    }
    f.build_seconds = seconds_since(t);
    char note[160];
    std::snprintf(note, sizeof note,
                  "GIN index + ANALYZE (rows loaded before, in %.1f s); threshold %s", load,
                  threshold.c_str());
    f.build_note = note;
    conn.prepare("find",
                 "SELECT idx, COALESCE(birth_date::text, ''), similarity(name, $1) AS s "
                 "FROM eval_children WHERE name % $1 ORDER BY s DESC LIMIT " +
                     std::to_string(kRerankDepth));
    std::vector<Ranked> ranked;
    std::vector<double> sims;
    long backend = 0;
    {
      pqxx::nontransaction tx(conn);
      backend = tx.exec1("SELECT pg_backend_pid()")[0].as<long>();
    }
    const double server0 = process_cpu_ms(backend), client0 = thread_cpu_ms();
    for (size_t k : sample) {
      const auto& tp = pop.truth[k];
      const auto& copy = pop.children[tp.copy];
      const std::string text = query_text(copy), dob = dob_text(copy);
      ++f.queries;
      const auto t0 = Clock::now();
      pqxx::nontransaction tx(conn);
      const pqxx::result r = tx.exec_prepared("find", text);
      ranked.clear();
      sims.clear();
      for (const auto& row : r) {
        ranked.push_back({row[0].as<size_t>(), row[1].as<std::string>()});
        sims.push_back(row[2].as<double>());
      }
      f.latency_ms.push_back(seconds_since(t0) * 1000);
      // Birth date only as a tie-break between equally similar names…
      std::vector<Ranked> tie = ranked;
      for (size_t a = 0; a < tie.size();) {
        size_t b = a;
        while (b < tie.size() && sims[b] == sims[a]) ++b;
        std::stable_partition(tie.begin() + static_cast<std::ptrdiff_t>(a),
                              tie.begin() + static_cast<std::ptrdiff_t>(b),
                              [&](const Ranked& x) { return !dob.empty() && x.birth_date == dob; });
        a = b;
      }
      f.hits_tiebreak += in_top(tie, tp.original);
      // …and the top 50 re-ranked by it, as for FTS5.
      score_text_ranking(f, ranked, dob, tp.original);
    }
    const double server1 = process_cpu_ms(backend);
    if (server0 >= 0 && server1 >= 0)
      f.cpu_total_ms = server1 - server0 + thread_cpu_ms() - client0;
    pqxx::nontransaction tx(conn);
    tx.exec0("DROP TABLE eval_children");
  } catch (const std::exception& e) {
    f.skipped_because = std::string("PostgreSQL error: ") + e.what();
    return f;
  }
  f.measured = true;
  return f;
}

// ---- haven: the index, search and the batch duplicate scan ----

struct DedupeFigures {
  double threshold = 0, precision = 0, recall = 0, f1 = 0, seconds = 0;
  double best_threshold = 0, best_f1 = 0;
  double f1_without_lookalikes = 0;
  size_t reported = 0, pairs_compared = 0, lookalike_pairs = 0, reachable = 0;
};

SystemFigures run_haven(const Population& pop, const std::vector<size_t>& sample, DedupeFigures& dd,
                        double& train_seconds, size_t& memory_bytes) {
  SystemFigures f;
  f.name = "haven NameIndex";
  auto normalizer = NameNormalizer::create();
  if (!normalizer.ok()) die("normalizer: " + normalizer.error().message);
  NameIndex index(*normalizer);
  auto t = Clock::now();
  for (const auto& c : pop.children)
    if (auto s = index.upsert(c); !s.ok())
      std::fprintf(stderr, "upsert %s: %s\n", c.id.c_str(), s.error().message.c_str());
  f.build_seconds = seconds_since(t);
  memory_bytes = index.stats().memory_bytes;
  t = Clock::now();
  index.train({});
  train_seconds = seconds_since(t);
  f.build_note = "upsert every child (EM training not included)";

  for (size_t k : sample) {
    const auto& tp = pop.truth[k];
    const auto& copy = pop.children[tp.copy];
    ++f.queries;
    for (int with_dob = 1; with_dob >= 0; --with_dob) {
      SearchQuery q;
      q.text = query_text(copy);
      if (with_dob) {
        q.birth_date = copy.birth_date;
        q.birth_date_estimated = copy.birth_date_estimated;
      }
      q.limit = kRecallAt;
      const auto t0 = Clock::now();
      const double c0 = thread_cpu_ms();
      auto r = index.search(q);
      f.cpu_ms.push_back(thread_cpu_ms() - c0);
      f.latency_ms.push_back(seconds_since(t0) * 1000);
      if (!r.ok()) {
        ++f.errors;
        continue;
      }
      const std::string& want = pop.children[tp.original].id;
      const bool hit =
          std::any_of(r->hits.begin(), r->hits.end(), [&](const auto& h) { return h.id == want; });
      (with_dob ? f.hits_dob : f.hits_names) += hit;
      if (!hit && std::getenv("HAVEN_COMPARE_VERBOSE")) {
        const auto& orig = pop.children[tp.original];
        std::printf("  haven miss%s: \"%s\" %s (original \"%s\" %s) [%s] %zu candidates; top:",
                    with_dob ? " with date" : "", q.text.c_str(), dob_text(copy).c_str(),
                    query_text(orig).c_str(), dob_text(orig).c_str(), tp.damage.c_str(),
                    r->candidates);
        for (size_t h = 0; h < r->hits.size() && h < 3; ++h) {
          const auto& c = pop.children[pop.by_id.at(r->hits[h].id)];
          std::printf(" \"%s\" %s %+.1f;", query_text(c).c_str(), dob_text(c).c_str(),
                      r->hits[h].weight);
        }
        std::printf("\n");
      }
    }
  }

  // Batch duplicate detection, as `haven dedupe` runs it, then a sweep for the best threshold.
  std::unordered_set<std::string> truth;
  for (const auto& tp : pop.truth) {
    const auto& a = pop.children[tp.original].id;
    const auto& b = pop.children[tp.copy].id;
    truth.insert(a < b ? a + "|" + b : b + "|" + a);
  }
  const auto model = index.model();
  haven::search::DedupeOptions options;
  options.explain = false;
  dd.threshold = model.weight_for_probability(options.min_probability);
  options.min_weight = model.weight_for_probability(0.5) - 10;
  t = Clock::now();
  const auto report = index.dedupe(options);
  dd.seconds = seconds_since(t);
  dd.pairs_compared = report.pairs_compared;
  // Look-alikes: two children with the same names and birth date that the truth does not pair
  // (mostly twins the generator named alike); no matcher on these fields can tell them apart.
  std::vector<std::tuple<double, bool, bool>> scored;  // weight, true pair, look-alike
  size_t shown_false = 0;
  for (const auto& p : report.pairs) {
    const bool is_true = truth.count(p.first + "|" + p.second) > 0;
    const auto& a = pop.children[pop.by_id.at(p.first)];
    const auto& b = pop.children[pop.by_id.at(p.second)];
    const bool lookalike = !is_true && a.given_names == b.given_names &&
                           a.family_names == b.family_names && a.birth_date == b.birth_date;
    dd.reachable += is_true;
    scored.emplace_back(p.weight, is_true, lookalike);
    if (!is_true && p.weight >= dd.threshold && std::getenv("HAVEN_COMPARE_VERBOSE") &&
        ++shown_false <= 40) {
      std::printf("  dedupe false positive %+.1f: \"%s\" %s %s | \"%s\" %s %s\n", p.weight,
                  query_text(a).c_str(), dob_text(a).c_str(), a.language.c_str(),
                  query_text(b).c_str(), dob_text(b).c_str(), b.language.c_str());
    }
  }
  std::sort(scored.begin(), scored.end(),
            [](auto& a, auto& b) { return std::get<0>(a) > std::get<0>(b); });
  size_t tp = 0, fp = 0, fp_real = 0;
  auto f1_of = [&](size_t tpos, size_t fpos) {
    const double p = tpos + fpos ? double(tpos) / double(tpos + fpos) : 0;
    const double r = double(tpos) / double(truth.size());
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  };
  for (size_t i = 0; i < scored.size(); ++i) {
    const auto& [w, ok, lookalike] = scored[i];
    if (w >= dd.threshold) {
      (ok ? tp : fp)++;
      fp_real += !ok && !lookalike;
      dd.lookalike_pairs += lookalike;
    }
  }
  dd.reported = tp + fp;
  dd.precision = tp + fp ? double(tp) / double(tp + fp) : 0;
  dd.recall = double(tp) / double(truth.size());
  dd.f1 = f1_of(tp, fp);
  dd.f1_without_lookalikes = f1_of(tp, fp_real);
  size_t stp = 0, sfp = 0;
  for (size_t i = 0; i < scored.size(); ++i) {
    (std::get<1>(scored[i]) ? stp : sfp)++;
    if (i + 1 < scored.size() && std::get<0>(scored[i + 1]) == std::get<0>(scored[i])) continue;
    if (const double v = f1_of(stp, sfp); v > dd.best_f1) {
      dd.best_f1 = v;
      dd.best_threshold = std::get<0>(scored[i]);
    }
  }
  f.measured = true;
  return f;
}

void print_row(const char* label, const std::vector<std::string>& cells) {
  std::printf("  %-34s", label);
  for (const auto& c : cells) std::printf(" %22s", c.c_str());
  std::printf("\n");
}

std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  // `make bench` runs every bench program with Google Benchmark flags and no population: say so.
  const char* env_dir = std::getenv("HAVEN_EVAL_POPULATION");
  std::string dir = argc >= 2 && std::string_view(argv[1]).substr(0, 2) != "--" ? argv[1]
                    : env_dir                                                   ? env_dir
                                                                                : "";
  if (dir.empty()) {
    std::printf(
        "bench_search_compare: no population given, nothing measured; run "
        "scripts/eval_search.sh [CHILDREN] (or pass POPULATION_DIR)\n");
    return 0;
  }
  auto t = Clock::now();
  const Population pop = load_population(dir);
  std::printf(
      "population: %zu child records (%zu damaged second registrations) from %zu `haven "
      "generate` runs, read in %.1f s\n",
      pop.children.size(), pop.truth.size(), pop.parts, seconds_since(t));
  const size_t max_queries = env_size("HAVEN_COMPARE_QUERIES", 2000);
  std::vector<size_t> sample;
  const size_t step = std::max<size_t>(1, pop.truth.size() / std::max<size_t>(1, max_queries));
  for (size_t i = 0; i < pop.truth.size() && sample.size() < max_queries; i += step)
    sample.push_back(i);
  std::printf(
      "queries: %zu damaged copies (\"given family\" as registered on the copy), the same for "
      "every system; hit = the original in the top %zu\n",
      sample.size(), kRecallAt);
  std::fflush(stdout);

  DedupeFigures dd;
  double train_seconds = 0;
  size_t memory = 0;
  std::vector<SystemFigures> systems;
  // HAVEN_COMPARE_ONLY=haven|fts5|pg_trgm measures one system (a re-run of one column).
  const char* only_env = std::getenv("HAVEN_COMPARE_ONLY");
  const std::string only = only_env ? only_env : "";
  auto not_selected = [](const char* name) {
    SystemFigures f;
    f.name = name;
    f.skipped_because = "not selected (HAVEN_COMPARE_ONLY)";
    return f;
  };
  std::fprintf(stderr, "haven: indexing, training, searching, batch scan…\n");
  systems.push_back(only.empty() || only == "haven"
                        ? run_haven(pop, sample, dd, train_seconds, memory)
                        : not_selected("haven NameIndex"));
  std::fprintf(stderr, "SQLite FTS5: indexing and searching…\n");
  systems.push_back(only.empty() || only == "fts5" ? run_fts5(pop, sample)
                                                   : not_selected("SQLite FTS5 trigram"));
  std::fprintf(stderr, "PostgreSQL pg_trgm: loading, indexing and searching…\n");
  systems.push_back(only.empty() || only == "pg_trgm" ? run_pg_trgm(pop, sample)
                                                      : not_selected("PostgreSQL pg_trgm"));

  std::printf("\n");
  std::vector<std::string> names;
  for (const auto& s : systems) names.push_back(s.name);
  print_row("", names);
  auto cells = [&](auto fn) {
    std::vector<std::string> out;
    for (const auto& s : systems) out.push_back(s.measured ? fn(s) : std::string("skipped"));
    return out;
  };
  print_row("recall@10, name + birth date",
            cells([](const SystemFigures& s) { return fmt("%.4f", s.recall_dob()); }));
  print_row("recall@10, name only",
            cells([](const SystemFigures& s) { return fmt("%.4f", s.recall_names()); }));
  print_row("latency p50 (ms)", cells([](const SystemFigures& s) {
              return fmt("%.3f", percentile(s.latency_ms, 0.5));
            }));
  print_row("latency p99 (ms)", cells([](const SystemFigures& s) {
              return fmt("%.3f", percentile(s.latency_ms, 0.99));
            }));
  print_row("latency max (ms)", cells([](const SystemFigures& s) {
              return fmt("%.3f", percentile(s.latency_ms, 1.0));
            }));
  print_row("cpu p50 / p99 (ms, in-process)", cells([](const SystemFigures& s) {
              return s.cpu_ms.empty() ? std::string("see mean")
                                      : fmt("%.3f", percentile(s.cpu_ms, 0.5)) + " / " +
                                            fmt("%.3f", percentile(s.cpu_ms, 0.99));
            }));
  print_row("cpu mean per query (ms)", cells([](const SystemFigures& s) {
              return s.cpu_total_ms < 0 && s.cpu_ms.empty() ? std::string("n/a")
                                                            : fmt("%.3f", s.cpu_mean_ms());
            }));
  print_row("index build (s)",
            cells([](const SystemFigures& s) { return fmt("%.1f", s.build_seconds); }));
  print_row("queries issued / errors", cells([](const SystemFigures& s) {
              return std::to_string(s.latency_ms.size()) + " / " + std::to_string(s.errors);
            }));
  std::printf("\n");
  for (const auto& s : systems) {
    if (s.measured)
      std::printf("  %s build: %s\n", s.name.c_str(), s.build_note.c_str());
    else
      std::printf("  %s: skipped — %s\n", s.name.c_str(), s.skipped_because.c_str());
  }
  const auto& hv = systems[0];
  if (hv.measured)
    std::printf(
        "  haven: EM training %.1f s; index ~%.0f MB; two searches per copy (with and without "
        "the date)\n",
        train_seconds, double(memory) / 1e6);
  std::printf(
      "  FTS5 and pg_trgm: one query per copy (the top %zu by bm25 / similarity); \"name + birth "
      "date\" moves those whose birth date agrees to the front\n",
      kRerankDepth);
  const auto& pg = systems[2];
  if (pg.measured) {
    std::printf(
        "  pg_trgm with the birth date only as a tie-break between equal similarities: "
        "recall@10 %.4f\n",
        pg.queries ? double(pg.hits_tiebreak) / double(pg.queries) : 0);
    if (hv.measured)
      std::printf(
          "  haven vs pg_trgm: %.1fx faster at p50, %.1fx at p99 (wall), %.1fx less CPU per query; "
          "recall@10 with date %+.4f, name only %+.4f\n",
          percentile(pg.latency_ms, 0.5) / std::max(1e-9, percentile(hv.latency_ms, 0.5)),
          percentile(pg.latency_ms, 0.99) / std::max(1e-9, percentile(hv.latency_ms, 0.99)),
          pg.cpu_mean_ms() / std::max(1e-9, hv.cpu_mean_ms()), hv.recall_dob() - pg.recall_dob(),
          hv.recall_names() - pg.recall_names());
  }
  if (!hv.measured) return 0;
  std::printf("\nhaven batch duplicate detection (haven dedupe, one thread), %zu true pairs:\n",
              pop.truth.size());
  std::printf(
      "  default threshold %+.2f (P(match) >= 0.75): precision %.4f recall %.4f F1 %.4f "
      "(%zu pairs reported)\n",
      dd.threshold, dd.precision, dd.recall, dd.f1, dd.reported);
  std::printf(
      "  of the false positives, %zu are look-alikes (same names and birth date, not in the "
      "truth); F1 without them %.4f\n",
      dd.lookalike_pairs, dd.f1_without_lookalikes);
  std::printf("  best threshold over the sweep (chosen on the answers): %+.2f, F1 %.4f\n",
              dd.best_threshold, dd.best_f1);
  std::printf("  true pairs reachable through blocking %.4f; %zu pairs compared in %.1f s\n",
              pop.truth.empty() ? 0 : double(dd.reachable) / double(pop.truth.size()),
              dd.pairs_compared, dd.seconds);
  return 0;
}
