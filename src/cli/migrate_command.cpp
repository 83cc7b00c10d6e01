// `haven migrate [--status]`: apply pending schema migrations, or list them with their state.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "store/database.h"
#include "store/migrator.h"

namespace haven::cli {

void add_migrate_command(CLI::App& app, Action& action) {
  auto* sub = app.add_subcommand("migrate",
                                 "Apply pending database migrations (or list them with --status)");
  auto opts = std::make_shared<CommonOptions>();
  auto status_only = std::make_shared<bool>(false);
  add_database_options(*sub, *opts);
  sub->add_flag("--status", *status_only,
                "List every migration and whether it is applied; change nothing");
  sub->callback([&action, opts, status_only] {
    action = [opts, status_only]() -> int {
      auto settings = load_settings(*opts);
      if (!settings.ok()) return report(settings.error());
      int code = kExitOk;
      auto db = open_database(*settings, code);
      if (!db) return code;
      store::Migrator migrator(*db);
      if (*status_only) {
        auto status = migrator.status();
        if (!status.ok()) return report(status.error());
        int pending = 0;
        std::printf("%-6s %-40s %s\n", "number", "file", "state");
        for (const auto& m : *status) {
          std::string state = m.applied ? "applied " + core::to_rfc3339(*m.applied_at) : "pending";
          if (m.changed) state += "  CHANGED since applied";
          if (m.unknown) state += "  UNKNOWN to this haven (made by a newer version?)";
          if (!m.applied) ++pending;
          std::printf("%-6d %-40s %s\n", m.number, m.name.c_str(), state.c_str());
        }
        std::printf("%d pending on %s\n", pending, db->url().masked().c_str());
        return kExitOk;
      }
      auto applied = migrator.apply_pending();
      if (!applied.ok()) return report(applied.error());
      std::printf("applied %d migration%s on %s\n", *applied, *applied == 1 ? "" : "s",
                  db->url().masked().c_str());
      return kExitOk;
    };
  });
}

}  // namespace haven::cli
