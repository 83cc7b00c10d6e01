// Helpers shared by the subcommands.
#include "cli/command.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "store/database.h"

namespace haven::cli {

void add_database_options(CLI::App& sub, CommonOptions& opts) {
  sub.add_option("--db", opts.db,
                 "Database URL: sqlite:PATH or postgresql://user@host:port/db "
                 "(default: $HAVEN_DB, then haven.toml, then sqlite:var/haven.db)");
  sub.add_option("--config", opts.config, "Configuration file (default: $HAVEN_CONFIG, then ./haven.toml)");
}

int report(const core::Error& e) {
  std::cerr << "haven: " << e.message << "\n";
  return e.code == core::ErrorCode::kInvalidInput ? kExitUsage : kExitFailure;
}

std::unique_ptr<store::Database> open_database(const Settings& s, int& exit_code) {
  store::OpenOptions options;
  options.pool_size = s.pool_size;
  try {
    return store::Database::open(s.database, options);
  } catch (const store::DbError& e) {
    std::cerr << "haven: " << e.what() << "\n";
    exit_code = kExitFailure;
    return nullptr;
  }
}

}  // namespace haven::cli
