// `haven generate`: a synthetic population for demos, tests and benchmarks, into a database (one
// transaction: Ctrl-C leaves it as it was) or into JSON-lines files; every input is checked before
// any work starts.
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
};

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
  int64_t records = 0;  // screening decisions … case notes
  for (size_t t = static_cast<size_t>(gen::Table::kScreeningDecisions);
       t < static_cast<size_t>(gen::Table::kCaseNumberCounters); ++t)
    records += s.rows[t];
  auto n = [&](gen::Table t) {
    return group_digits(static_cast<uint64_t>(s.rows[static_cast<size_t>(t)]));
  };
  std::printf(
      "generated %s children (+%s duplicate records), %s persons, %s relationships, %s reports, "
      "%s cases, %s agencies and %s case records into %s in %.1f s\n",
      group_digits(static_cast<uint64_t>(s.children)).c_str(),
      group_digits(static_cast<uint64_t>(s.duplicate_records)).c_str(),
      n(gen::Table::kPersons).c_str(), n(gen::Table::kRelationships).c_str(),
      n(gen::Table::kReports).c_str(), n(gen::Table::kCases).c_str(),
      n(gen::Table::kAgencies).c_str(), group_digits(static_cast<uint64_t>(records)).c_str(),
      where.c_str(), seconds);
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
  if (auto valid = gen::validate_options(options); !valid.ok()) return report(valid.error());
  if (!a.truth.empty() && a.duplicates <= 0) {
    return report(
        core::Error::invalid("--truth names duplicate pairs: give --duplicates too (e.g. 0.05)"));
  }
  if (!a.out.empty() && (!a.common.db.empty() || a.append)) {
    return report(
        core::Error::invalid("--out writes files: it cannot be combined with --db or --append"));
  }
  if (!a.truth.empty()) {
    if (auto ok = check_truth_path(a.truth); !ok.ok()) return report(ok.error());
  }
  if (!a.out.empty()) {
    if (auto ok = gen::prepare_output_directory(a.out); !ok.ok()) return report(ok.error());
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

  // 2. The target: a database must be migrated and empty (unless appending).
  std::unique_ptr<store::Database> db;
  std::optional<security::FieldCipher> cipher;
  std::string where;
  if (a.out.empty()) {
    auto settings = load_settings(a.common);
    if (!settings.ok()) return report(settings.error());
    int code = kExitOk;
    db = open_database(*settings, code);
    if (!db) return code;
    where = db->url().masked();
    auto migrated = store::Migrator(*db).apply_pending();
    if (!migrated.ok()) return report(migrated.error());
    auto existing = gen::count_existing_records(*db);
    if (!existing.ok()) return report(existing.error());
    if (*existing > 0 && !a.append) {
      std::cerr << "haven: " << where << " already holds "
                << group_digits(static_cast<uint64_t>(*existing))
                << " records; generate into a new database, or pass --append to add a population "
                   "(with a seed not used there before)\n";
      return kExitUsage;
    }
    // Sensitive fields are encrypted under the database's key ring, as `haven serve` will read
    // them; a new database gets a new key file, as `haven serve` would make.
    auto keys = service::KeyService::open_ring(*db, core::SystemClock::instance(),
                                               settings->master_key_file, true);
    if (!keys.ok()) return report(keys.error());
    if (keys->created)
      std::fprintf(stderr, "created a new master key at %s — back it up\n", keys->source.c_str());
    cipher.emplace(keys->ring);
  } else {
    where = a.out;
  }

  // 3. The work, interruptible.
  InterruptGuard guard;
  ProgressOptions popts;
  popts.what = "children";
  Progress progress("generate", static_cast<uint64_t>(options.children), stderr, popts);
  gen::RunControl control;
  control.cancel = &g_interrupted;
  control.progress = [&](int64_t done) { progress.update(static_cast<uint64_t>(done)); };
  control.step = [&](std::string_view step) { progress.note(std::string(step) + "…"); };
  const auto started = Clock::now();
  core::Result<gen::GenerateStats> stats = core::Error::internal("not run");
  try {
    stats = db ? gen::generate_into_database(*db, *names, options, control, &*cipher)
               : gen::generate_into_directory(a.out, *names, options, control);
  } catch (const store::DbError& e) {
    progress.abandon();
    std::cerr << "haven: generating into " << where << " failed, nothing was written: " << e.what()
              << "\n";
    return kExitFailure;
  }
  if (!stats.ok()) {
    progress.abandon();
    if (g_interrupted.load()) {
      std::cerr << "haven: interrupted; " << where
                << (db ? " is as it was (the run was one transaction, rolled back)\n"
                       : ": no files were written\n");
      return kExitFailure;
    }
    return report(stats.error());
  }
  progress.finish(static_cast<uint64_t>(stats->children));
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (!a.truth.empty()) {
    if (auto ok = gen::write_truth_csv(a.truth, stats->truth); !ok.ok()) return report(ok.error());
  }
  print_summary(*stats, where, seconds);
  if (!a.truth.empty()) {
    std::printf("wrote %s duplicate pairs to %s\n", group_digits(stats->truth.size()).c_str(),
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
                  "CSV file naming each duplicate pair and its damage (with --duplicates)");
  sub->add_option("--out", args->out,
                  "Write JSON-lines files into this folder instead of a database");
  sub->add_option(
      "--reference-date", args->reference_date,
      "The data's 'today' (YYYY-MM-DD, default 2026-11-27); reports span the five years up to it");
  sub->add_option("--data", args->data_dir,
                  "Folder holding names/ (default: ./data, or the source tree's)");
  sub->add_flag("--append", args->append, "Add to a database that already holds records");
  sub->callback([&action, args] { action = [args]() -> int { return run(*args); }; });
}

}  // namespace haven::cli
