// `haven generate`: a synthetic population for demos, tests and benchmarks, into a database (one
// transaction: Ctrl-C leaves it as it was) or into JSON-lines files, or two countries' extracts
// sharing known children (--shared-with); every input is checked before any work starts.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/command.h"
#include "cli/progress.h"
#include "core/clock.h"
#include "core/country.h"
#include "core/date.h"
#include "service/generate/population.h"
#include "service/generate/population_writers.h"
#include "service/key_service.h"
#include "service/policy_registry.h"
#include "store/database.h"
#include "store/migrator.h"
#include "synth/name_data.h"

namespace haven::cli {

namespace {

namespace fs = std::filesystem;
namespace gen = service::generate;

std::atomic<bool> g_interrupted{false};
extern "C" void on_interrupt(int) {
  g_interrupted.store(true);
}

// Catches SIGINT and SIGTERM for the life of the run, then puts the previous handlers back.
class InterruptGuard {
 public:
  InterruptGuard() {
    g_interrupted = false;
    old_int_ = std::signal(SIGINT, on_interrupt);
    old_term_ = std::signal(SIGTERM, on_interrupt);
  }
  ~InterruptGuard() {
    std::signal(SIGINT, old_int_);
    std::signal(SIGTERM, old_term_);
  }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  void (*old_int_)(int) = SIG_DFL;
  void (*old_term_)(int) = SIG_DFL;
};

struct GenerateArgs {
  CommonOptions common;
  std::string country;
  int64_t children = 5000;
  uint64_t seed = 1;
  double duplicates = 0;
  std::string truth;
  std::string out;
  std::string reference_date = "2026-11-27";
  std::string data_dir;
  bool append = false;
  // Two countries' extracts sharing children ([X1]).
  std::string shared_with;
  double shared = 0;
  std::string shared_db;
  std::string shared_out;
};

// Where one extract goes: a migrated, empty database with its key ring, or a folder.
struct Target {
  std::unique_ptr<store::Database> db;
  std::optional<security::FieldCipher> cipher;
  std::string where;
  std::string out;
};

// Opens the database named by `common` (migrated, empty unless appending, its key ring opened or
// made) or prepares `out`. Returns kExitOk, or the exit code after printing why.
int open_target(const CommonOptions& common, const std::string& out, bool append, Target& t) {
  if (!out.empty()) {
    if (auto ok = gen::prepare_output_directory(out); !ok.ok()) return report(ok.error());
    t.where = t.out = out;
    return kExitOk;
  }
  auto settings = load_settings(common);
  if (!settings.ok()) return report(settings.error());
  int code = kExitOk;
  t.db = open_database(*settings, code);
  if (!t.db) return code;
  t.where = t.db->url().masked();
  auto migrated = store::Migrator(*t.db).apply_pending();
  if (!migrated.ok()) return report(migrated.error());
  auto existing = gen::count_existing_records(*t.db);
  if (!existing.ok()) return report(existing.error());
  if (*existing > 0 && !append) {
    std::cerr << "haven: " << t.where << " already holds "
              << group_digits(static_cast<uint64_t>(*existing))
              << " records; generate into a new database, or pass --append to add a population "
                 "(with a seed not used there before)\n";
    return kExitUsage;
  }
  // Sensitive fields are encrypted under the database's key ring, as `haven serve` will read
  // them; a new database gets a new key file, as `haven serve` would make.
  auto keys = service::KeyService::open_ring(*t.db, core::SystemClock::instance(),
                                             settings->master_key_file, true);
  if (!keys.ok()) return report(keys.error());
  if (keys->created)
    std::fprintf(stderr, "created a new master key at %s — back it up\n", keys->source.c_str());
  t.cipher.emplace(keys->ring);
  // A new SQLite database is loaded in bulk-load mode (population_writers.h), which SQLite allows
  // only when no other connection has the file open: start again with no reader connections.
  if (t.db->backend() == store::Backend::kSqlite && *existing == 0) {
    t.db.reset();
    t.db = open_database(*settings, code);
    if (!t.db) return code;
  }
  return kExitOk;
}

// One extract, interruptible, with a progress bar of `total` children.
core::Result<gen::GenerateStats> run_one(Target& t, const synth::NameData& names,
                                         const gen::GenerateOptions& options, uint64_t total,
                                         const char* label) {
  ProgressOptions popts;
  popts.what = "children";
  Progress progress(label, total, stderr, popts);
  gen::RunControl control;
  control.cancel = &g_interrupted;
  control.progress = [&](int64_t done) { progress.update(static_cast<uint64_t>(done)); };
  control.step = [&](std::string_view step) { progress.note(std::string(step) + "…"); };
  core::Result<gen::GenerateStats> stats = core::Error::internal("not run");
  try {
    stats = t.db ? gen::generate_into_database(*t.db, names, options, control, &*t.cipher)
                 : gen::generate_into_directory(t.out, names, options, control);
  } catch (const store::DbError& e) {
    progress.abandon();
    return core::Error::internal("generating into " + t.where +
                                 " failed, nothing was written there: " + e.what());
  }
  if (!stats.ok()) {
    progress.abandon();
    return stats;
  }
  progress.finish(static_cast<uint64_t>(stats->children));
  return stats;
}

// A file can be written where the truth file goes (without leaving anything behind).
core::Status check_truth_path(const std::string& path) {
  const fs::path p(path);
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return core::Error::invalid("the folder of --truth " + path + " does not exist");
  if (fs::is_directory(p, ec))
    return core::Error::invalid("--truth " + path + " is a folder, not a file");
  const std::string probe = path + ".tmp";
  std::FILE* f = std::fopen(probe.c_str(), "wb");
  if (!f) return core::Error::invalid("cannot write the truth file " + path);
  std::fclose(f);
  fs::remove(probe, ec);
  return core::ok_status();
}

void print_summary(const gen::GenerateStats& s, const std::string& where, double seconds) {
  int64_t records = 0;  // screening decisions … history
  for (size_t t = static_cast<size_t>(gen::Table::kScreeningDecisions);
       t < static_cast<size_t>(gen::Table::kBarnahusCases); ++t)
    records += s.rows[t];
  int64_t barnahus_records = 0;  // the records on the Barnahus cases' timelines
  for (size_t t = static_cast<size_t>(gen::Table::kBarnahusMembers);
       t < static_cast<size_t>(gen::Table::kCaseNumberCounters); ++t)
    barnahus_records += s.rows[t];
  auto n = [&](gen::Table t) {
    return group_digits(static_cast<uint64_t>(s.rows[static_cast<size_t>(t)]));
  };
  std::printf(
      "generated %s children (+%s duplicate records), %s persons, %s relationships, %s identity "
      "numbers, %s reports, "
      "%s cases, %s agencies, %s case records and %s Barnahus cases (%s records) into %s in "
      "%.1f s\n",
      group_digits(static_cast<uint64_t>(s.children)).c_str(),
      group_digits(static_cast<uint64_t>(s.duplicate_records)).c_str(),
      n(gen::Table::kPersons).c_str(), n(gen::Table::kRelationships).c_str(),
      n(gen::Table::kIdentityNumbers).c_str(), n(gen::Table::kReports).c_str(),
      n(gen::Table::kCases).c_str(), n(gen::Table::kAgencies).c_str(),
      group_digits(static_cast<uint64_t>(records)).c_str(), n(gen::Table::kBarnahusCases).c_str(),
      group_digits(static_cast<uint64_t>(barnahus_records)).c_str(), where.c_str(), seconds);
}

int run(const GenerateArgs& a) {
  using Clock = std::chrono::steady_clock;
  // 1. Everything the user typed, before any work.
  gen::GenerateOptions options;
  auto country = core::normalize_country_code(a.country);
  options.country = country ? *country : a.country;
  options.children = a.children;
  options.seed = a.seed;
  options.duplicates = a.duplicates;
  auto reference = core::Date::parse(a.reference_date);
  if (!reference)
    return report(core::Error::invalid("--reference-date must be YYYY-MM-DD, not '" +
                                       a.reference_date + "'"));
  options.reference_date = *reference;
  options.shared_with = a.shared_with;
  if (auto cc = core::normalize_country_code(a.shared_with); cc) options.shared_with = *cc;
  options.shared = a.shared;
  if (auto valid = gen::validate_options(options); !valid.ok()) return report(valid.error());
  const bool pair = !options.shared_with.empty();
  if (!a.truth.empty() && a.duplicates <= 0 && !pair) {
    return report(core::Error::invalid(
        "--truth names duplicate pairs: give --duplicates (e.g. 0.05) or --shared-with too"));
  }
  if (!a.out.empty() && (!a.common.db.empty() || a.append)) {
    return report(
        core::Error::invalid("--out writes files: it cannot be combined with --db or --append"));
  }
  if (pair) {
    if (a.duplicates > 0 || a.append) {
      return report(core::Error::invalid(
          "--shared-with writes two new extracts and one truth file of shared children: it cannot "
          "be combined with --duplicates or --append"));
    }
    if (!a.out.empty() && (a.shared_out.empty() || !a.shared_db.empty())) {
      return report(core::Error::invalid(
          "with --out, give the other country's folder as --shared-out (not --shared-db)"));
    }
    if (a.out.empty() && (a.shared_db.empty() || !a.shared_out.empty())) {
      return report(core::Error::invalid(
          "with a database, give the other country's database as --shared-db (not --shared-out)"));
    }
    if ((!a.out.empty() && fs::weakly_canonical(a.out) == fs::weakly_canonical(a.shared_out)) ||
        (!a.shared_db.empty() && a.shared_db == a.common.db)) {
      return report(core::Error::invalid(
          "the two extracts need two targets: --shared-db/--shared-out must differ from "
          "--db/--out"));
    }
  } else if (!a.shared_db.empty() || !a.shared_out.empty()) {
    return report(core::Error::invalid("--shared-db and --shared-out need --shared-with"));
  }
  if (!a.truth.empty()) {
    if (auto ok = check_truth_path(a.truth); !ok.ok()) return report(ok.error());
  }
  // Durations follow the country's deadlines (config/policy/<cc>.toml).
  auto policies = service::PolicyRegistry::load(find_shipped_file("config/policy"));
  if (!policies.ok()) return report(policies.error());
  options.policy = policies->for_country(options.country);
  const fs::path data_dir = find_data_dir(a.data_dir);  // cli/command.h
  auto names = synth::NameData::load(data_dir);
  if (!names.ok()) {
    std::cerr << "haven: cannot load the name tables from " << data_dir.string()
              << " (use --data DIR): " << names.error().message << "\n";
    return kExitFailure;
  }

  // 2. The targets: a database must be migrated and empty (unless appending).
  Target first, second;
  if (int rc = open_target(a.common, a.out, a.append, first); rc != kExitOk) return rc;
  if (pair) {
    CommonOptions other = a.common;
    other.db = a.shared_db;
    if (int rc = open_target(other, a.shared_out, false, second); rc != kExitOk) return rc;
  }

  // 3. The work, interruptible.
  InterruptGuard guard;
  const auto started = Clock::now();
  auto stats = run_one(first, *names, options, static_cast<uint64_t>(options.children), "generate");
  gen::GenerateOptions second_options;
  core::Result<gen::GenerateStats> second_stats = core::Error::internal("not run");
  if (stats.ok() && pair) {
    second_options = gen::second_extract_options(options, *stats);
    second_options.policy = policies->for_country(second_options.country);
    const uint64_t total =
        static_cast<uint64_t>(second_options.children) + second_options.arrivals->size();
    second_stats = run_one(second, *names, second_options, total, "generate");
    if (!second_stats.ok() && g_interrupted.load()) {
      std::cerr << "haven: interrupted; " << first.where << " is complete, " << second.where
                << (second.db ? " is as it was\n" : " has no files\n");
      return kExitFailure;
    }
    if (!second_stats.ok()) return report(second_stats.error());
  }
  if (!stats.ok()) {
    if (g_interrupted.load()) {
      std::cerr << "haven: interrupted; " << first.where
                << (first.db ? " is as it was (the run was one transaction, rolled back)\n"
                             : ": no files were written\n");
      return kExitFailure;
    }
    return report(stats.error());
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (!a.truth.empty() && !pair) {
    if (auto ok = gen::write_truth_csv(a.truth, stats->truth); !ok.ok()) return report(ok.error());
  }
  std::vector<gen::SharedPair> pairs;
  if (pair) {
    pairs = gen::shared_pairs(second_options, *second_stats);
    if (!a.truth.empty()) {
      if (auto ok =
              gen::write_shared_truth_csv(a.truth, options.country, second_options.country, pairs);
          !ok.ok())
        return report(ok.error());
    }
  }
  print_summary(*stats, first.where, seconds);
  if (pair) print_summary(*second_stats, second.where, seconds);
  if (!a.truth.empty() && !pair) {
    std::printf("wrote %s duplicate pairs to %s\n", group_digits(stats->truth.size()).c_str(),
                a.truth.c_str());
  }
  if (pair) {
    std::printf("%s children of %s are also in %s's extract%s%s\n",
                group_digits(pairs.size()).c_str(), options.country.c_str(),
                second_options.country.c_str(), a.truth.empty() ? "" : "; pairs in ",
                a.truth.c_str());
  }
  return kExitOk;
}

}  // namespace

void add_generate_command(CLI::App& app, Action& action) {
  auto* sub = app.add_subcommand(
      "generate",
      "Generate a synthetic population (agencies, children, families, reports, cases and every "
      "record of each case) for one country, the same for the same seed, into an empty database or "
      "JSON-lines files");
  auto args = std::make_shared<GenerateArgs>();
  add_database_options(*sub, args->common);
  sub->add_option("--country", args->country,
                  "Country of the region: DK EE FI DE IS LV LT NO PL SE")
      ->required();
  sub->add_option("--children", args->children,
                  "Distinct children to generate, 1 to 10,000,000 (default 5000)");
  sub->add_option("--seed", args->seed,
                  "Random seed; the same seed and options give identical output (default 1)");
  sub->add_option(
      "--duplicates", args->duplicates,
      "Share of children registered a second time with damaged names or dates, 0 to 0.5");
  sub->add_option("--truth", args->truth,
                  "CSV file naming each duplicate pair and its damage (with --duplicates), or each "
                  "shared child's two record ids (with --shared-with)");
  sub->add_option("--out", args->out,
                  "Write JSON-lines files into this folder instead of a database");
  sub->add_option(
      "--reference-date", args->reference_date,
      "The data's 'today' (YYYY-MM-DD, default 2026-11-27); reports span the five years up to it");
  sub->add_option("--data", args->data_dir,
                  "Folder holding names/ (default: ./data, or the source tree's)");
  sub->add_flag("--append", args->append, "Add to a database that already holds records");
  sub->add_option("--shared-with", args->shared_with,
                  "Also write a second country's extract that shares children with this one "
                  "(for cross-border linkage), e.g. LV");
  sub->add_option("--shared", args->shared,
                  "Share of this country's children who also appear in the --shared-with "
                  "country's extract, written as that country writes names, 0 to 0.5");
  sub->add_option("--shared-db", args->shared_db,
                  "Database for the --shared-with country's extract (with --db)");
  sub->add_option("--shared-out", args->shared_out,
                  "Folder for the --shared-with country's JSON-lines extract (with --out)");
  sub->callback([&action, args] { action = [args]() -> int { return run(*args); }; });
}

}  // namespace haven::cli
