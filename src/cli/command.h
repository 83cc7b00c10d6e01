// What every subcommand file shares: the exit codes of DESIGN.md, the --db/--config options, and
// the way a subcommand hands its work back to main (a function returning the exit code).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "cli/settings.h"
#include "core/result.h"
#include "service/app.h"

namespace CLI {
class App;
}

namespace haven::store {
class Database;
}

namespace haven::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Set by a subcommand's callback; main runs it after parsing.
using Action = std::function<int()>;

// Adds --db and --config to a subcommand.
void add_database_options(CLI::App& sub, CommonOptions& opts);

// Prints "haven: <message>" to stderr and returns the exit code that fits the error
// (kExitUsage for bad input, kExitFailure otherwise).
int report(const core::Error& e);

// Whether a command may create the SQLite database file it is pointed at when there is none. Only
// the commands that set a database up do (migrate, demo, generate, serve, restore, `agency add`,
// `keys init`); every other one reads or changes records that must already be there,
// and given a mistyped path it would answer from a new, empty database — a statistics release of
// zeros, an audit chain "intact" with no events. Those refuse with exit code 2 instead.
enum class MissingDatabase { kCreate, kRefuse };

// Opens the settings' database, printing the reason and returning nullptr on failure;
// `exit_code` then holds what main should return. `server`: the process stays up and reads the
// same pages again and again, so SQLite reads through memory mappings (OpenOptions::mapped_reads).
std::unique_ptr<store::Database> open_database(const Settings& s, int& exit_code,
                                               bool server = false,
                                               MissingDatabase missing = MissingDatabase::kCreate);

// Like report(), and lists the field errors an Error carries, one per line.
int report_fields(const core::Error& e);

// Applies pending migrations (identity commands need the schema); prints and returns the exit code
// on failure. Used as HAVEN_CLI_MIGRATED(db) at the top of an action.
int ensure_migrated(store::Database& db);
#define HAVEN_CLI_MIGRATED(db)                                                               \
  do {                                                                                       \
    if (int haven_rc_ = ::haven::cli::ensure_migrated(db); haven_rc_ != 0) return haven_rc_; \
  } while (0)

// What a command's App needs beyond the database and the shipped role and password files.
enum class AppKeys {
  kEphemeral,  // no encrypted field is read or written: a process-local key (see service/app.h)
  kRing,       // the real key ring from [security] master_key_file, checked against the database
};

// The start every database command shares: loads settings, opens the database and applies pending
// migrations, then runs `body`. Failures before `body` are printed and their exit code returned.
int with_database(const CommonOptions& opts,
                  const std::function<int(const Settings&, store::Database&)>& body,
                  MissingDatabase missing = MissingDatabase::kRefuse);
// As with_database(), and builds the App (role table, password list, keys as asked) for `body`.
int with_app(const CommonOptions& opts, const std::function<int(service::App&)>& body,
             AppKeys keys = AppKeys::kEphemeral,
             MissingDatabase missing = MissingDatabase::kRefuse);

// Reads a password: the first line of stdin when `from_stdin` (no echo concerns), otherwise twice
// from the terminal with echo off. Empty on failure (message printed).
std::string read_password(bool from_stdin, const char* prompt);

// The folder of shipped data (name lists, password list): --data, $HAVEN_DATA_DIR, ./data, then the
// source tree the binary was built in (build/<preset>/bin/haven → ../../../data).
std::string find_data_dir(const std::string& given = "");
// A shipped file such as "config/roles.toml": ./FILE, then beside the source tree of the binary.
std::string find_shipped_file(const std::string& relative);

// What every App a command builds shares: the role table from config/roles.toml (an error names the
// file and line) and the shipped common-password list.
core::Result<service::AppOptions> base_app_options();

// Each subcommand registers itself; defined in <name>_command.cpp.
void add_serve_command(CLI::App& app, Action& action);
void add_migrate_command(CLI::App& app, Action& action);
void add_backup_commands(CLI::App& app, Action& action);
void add_agency_command(CLI::App& app, Action& action);
void add_user_command(CLI::App& app, Action& action);
void add_keys_command(CLI::App& app, Action& action);
void add_audit_command(CLI::App& app, Action& action);
void add_token_command(CLI::App& app, Action& action);
void add_generate_command(CLI::App& app, Action& action);
void add_import_command(CLI::App& app, Action& action);
void add_demo_command(CLI::App& app, Action& action);
void add_dedupe_command(CLI::App& app, Action& action);
void add_stats_command(CLI::App& app, Action& action);
void add_link_command(CLI::App& app, Action& action);
// `haven link review-import`, added under `link` (link_review_command.cpp).
void add_link_review_command(CLI::App& link, Action& action);
void add_exchange_command(CLI::App& app, Action& action);

}  // namespace haven::cli
