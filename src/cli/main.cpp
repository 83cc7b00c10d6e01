// The `haven` command: parses the command line with CLI11 and runs one subcommand.
// Exit codes: 0 success, 2 bad usage or input, 1 failure.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/command.h"
#include "cli/huge_page_heap.h"
#include "core/version.h"

int main(int argc, char** argv) {
  using namespace haven::cli;
  use_huge_page_heap(argv);  // may execute haven once more, with the same arguments
  CLI::App app{"haven — child protection information system for the Baltic Sea region"};
  app.set_version_flag("--version", std::string("haven ") + haven::core::kVersion);
  app.require_subcommand(1);
  app.fallthrough(false);

  Action action;
  add_serve_command(app, action);
  add_migrate_command(app, action);
  add_backup_commands(app, action);
  add_agency_command(app, action);
  add_user_command(app, action);
  add_keys_command(app, action);
  add_audit_command(app, action);
  add_token_command(app, action);
  add_generate_command(app, action);
  add_import_command(app, action);
  add_demo_command(app, action);
  add_dedupe_command(app, action);
  add_stats_command(app, action);
  add_link_command(app, action);
  add_exchange_command(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "haven: " << e.what() << "\n";
    const CLI::App* failed = &app;
    for (const CLI::App* sub : app.get_subcommands()) failed = sub;
    std::cerr << failed->help();
    return kExitUsage;
  }
  if (!action) return kExitUsage;
  try {
    return action();
  } catch (const std::exception& e) {
    std::cerr << "haven: unexpected failure: " << e.what() << "\n";
    return kExitFailure;
  }
}
