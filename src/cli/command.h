// What every subcommand file shares: the exit codes of DESIGN.md, the --db/--config options, and
// the way a subcommand hands its work back to main (a function returning the exit code).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "cli/settings.h"
#include "core/result.h"

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

// Resolves settings and opens the database, printing the reason and returning nullptr on failure;
// `exit_code` then holds what main should return.
std::unique_ptr<store::Database> open_database(const Settings& s, int& exit_code);

// Each subcommand registers itself; defined in <name>_command.cpp.
void add_serve_command(CLI::App& app, Action& action);
void add_migrate_command(CLI::App& app, Action& action);
void add_backup_commands(CLI::App& app, Action& action);

}  // namespace haven::cli
