// `haven demo`: makes a demo database from an empty one — a synthetic municipality (the same as
// `haven generate`, dated up to today), the database marked as a demo database, demo users for
// every role with a known password and a pre-enrolled TOTP secret, and a caseload for the demo
// caseworkers — and prints their logins. Run again on a demo database it only adds what is missing
// and prints the logins; on any other database that holds data it refuses (exit 2), so a real
// installation never gets accounts with published passwords.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/progress.h"
#include "core/clock.h"
#include "core/country.h"
#include "service/app.h"
#include "service/generate/population.h"
#include "service/generate/population_writers.h"
#include "store/database.h"
#include "store/migrator.h"
#include "synth/name_data.h"

namespace haven::cli {

namespace {

namespace gen = service::generate;

struct DemoArgs {
  CommonOptions common;
  std::string country;
  int64_t children = 5000;
  uint64_t seed = 7;
  std::string data_dir;
};

// Generates the municipality into `db` (one transaction), with a progress bar. `options` carry the
// country, size, seed, "today" and policy; `cipher` is the database's (sensitive fields encrypted).
int generate_population(store::Database& db, const DemoArgs& a, gen::GenerateOptions options,
                        const security::FieldCipher& cipher) {
  if (auto valid = gen::validate_options(options); !valid.ok()) return report(valid.error());
  auto names = synth::NameData::load(find_data_dir(a.data_dir));
  if (!names.ok()) {
    std::cerr << "haven: cannot load the name tables (use --data DIR): " << names.error().message
              << "\n";
    return kExitFailure;
  }
  ProgressOptions popts;
  popts.what = "children";
  Progress progress("demo", static_cast<uint64_t>(options.children), stderr, popts);
  gen::RunControl control;
  control.progress = [&](int64_t done) { progress.update(static_cast<uint64_t>(done)); };
  control.step = [&](std::string_view step) { progress.note(std::string(step) + "…"); };
  try {
    auto stats = gen::generate_into_database(db, *names, options, control, &cipher);
    if (!stats.ok()) {
      progress.abandon();
      return report(stats.error());
    }
    progress.finish(static_cast<uint64_t>(stats->children));
  } catch (const store::DbError& e) {
    progress.abandon();
    std::cerr << "haven: generating the demo population failed, nothing was written: " << e.what()
              << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

// The real key ring (the TOTP secrets are encrypted); an empty database gets a new key file, as
// `haven serve` would make. Null after printing why (`code` set).
std::unique_ptr<service::App> open_app(store::Database& db, const Settings& settings,
                                       const core::Clock& clock, int& code) {
  auto keys = service::KeyService::open_ring(db, clock, settings.master_key_file, true);
  if (!keys.ok()) {
    code = report(keys.error());
    return nullptr;
  }
  if (keys->created)
    std::printf("created a new master key at %s — back it up\n", keys->source.c_str());
  auto options = base_app_options();
  if (!options.ok()) {
    code = report(options.error());
    return nullptr;
  }
  options->keys = std::move(keys).value();
  return std::make_unique<service::App>(db, clock, std::move(options).value());
}

int run(const DemoArgs& a) {
  auto settings = load_settings(a.common);
  if (!settings.ok()) return report(settings.error());
  const std::string typed = a.country.empty() ? settings->country : a.country;
  auto country = core::normalize_country_code(typed);
  if (!country)
    return report(core::Error::invalid("--country: \"" + typed + "\" is not a country code"));
  int code = kExitOk;
  auto db = open_database(*settings, code);
  if (!db) return code;
  HAVEN_CLI_MIGRATED(*db);

  const core::Clock& clock = core::SystemClock::instance();
  auto app = open_app(*db, *settings, clock, code);
  if (!app) return code;
  if (auto can = app->demo.check_can_become_demo(); !can.ok()) {
    std::cerr << "haven: " << can.error().message << "\n";
    return kExitUsage;
  }
  // Marked before the population is generated: the generated agencies' staff are users, and a
  // database with users no longer becomes a demo database. A demo database still empty (an
  // interrupted run) is generated into on the next run.
  if (!app->demo.is_demo()) {
    if (auto marked = app->demo.mark_demo(*country); !marked.ok()) return report(marked.error());
  }
  auto existing = gen::count_existing_records(*db);
  if (!existing.ok()) return report(existing.error());
  if (*existing == 0) {
    std::printf(
        "creating a demo database in %s: a synthetic municipality of %lld children "
        "(seed %llu, no real person's data)\n",
        db->url().masked().c_str(), static_cast<long long>(a.children),
        static_cast<unsigned long long>(a.seed));
    std::fflush(stdout);
    gen::GenerateOptions options;
    options.country = *country;
    options.children = a.children;
    options.seed = a.seed;
    // The demo's "today" is today, so deadlines fall due around the people trying it out; the
    // country's policy is the one the server will apply.
    options.reference_date = core::Date::of(app->clock.now());
    options.end_ms = app->clock.now().ms;  // nothing later today than now
    options.policy = app->policies.for_country(*country);
    const security::FieldCipher cipher = app->keys.cipher();
    // A new SQLite database is loaded in bulk-load mode (population_writers.h), which SQLite allows
    // only when no other connection has the file open: the app's reader connections are closed
    // and the database opened again for the load (without this the 1,000,000-child demo wrote
    // every page twice, through the WAL and its checkpoint).
    if (db->backend() == store::Backend::kSqlite) {
      app.reset();
      db.reset();
      db = open_database(*settings, code);
      if (!db) return code;
    }
    if (int rc = generate_population(*db, a, std::move(options), cipher); rc != kExitOk) return rc;
    if (!app) {
      app = open_app(*db, *settings, clock, code);
      if (!app) return code;
    }
  }
  auto logins = app->demo.create_users(*country);
  if (!logins.ok()) return report_fields(logins.error());
  auto caseload = app->demo.assign_caseload(*country);
  if (!caseload.ok()) return report(caseload.error());
  if (*caseload > 0)
    std::printf("assigned %lld open cases to demo-caseworker and demo-caseworker2\n",
                static_cast<long long>(*caseload));
  std::printf("%s", service::format_demo_logins(*logins).c_str());
  return kExitOk;
}

}  // namespace

void add_demo_command(CLI::App& app, Action& action) {
  auto* sub = app.add_subcommand(
      "demo",
      "Make a demo database from an empty one: a synthetic municipality and demo users for every "
      "role (known password, pre-enrolled TOTP); on a demo database, print the demo logins");
  auto args = std::make_shared<DemoArgs>();
  add_database_options(*sub, args->common);
  sub->add_option("--country", args->country,
                  "Country of the municipality (default: [instance] country, SE)");
  sub->add_option("--children", args->children, "Children to generate (default 5000)");
  sub->add_option("--seed", args->seed, "Random seed of the population (default 7)");
  sub->add_option("--data", args->data_dir,
                  "Folder holding names/ (default: ./data, or the source tree's)");
  sub->callback([&action, args] { action = [args]() -> int { return run(*args); }; });
}

}  // namespace haven::cli
