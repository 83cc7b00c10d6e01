// `haven backup FILE` and `haven restore FILE`: consistent snapshots while the server runs, and
// restore into an empty database only (never over data someone may still need).
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/command.h"
#include "store/backup.h"

namespace haven::cli {

void add_backup_commands(CLI::App& app, Action& action) {
  {
    auto* sub = app.add_subcommand(
        "backup",
        "Write a consistent snapshot of the database to FILE while it is in use "
        "(SQLite online backup; on PostgreSQL this runs pg_dump --format=custom)");
    auto opts = std::make_shared<CommonOptions>();
    auto file = std::make_shared<std::string>();
    auto force = std::make_shared<bool>(false);
    add_database_options(*sub, *opts);
    sub->add_option("FILE", *file, "Where to write the snapshot")->required();
    sub->add_flag("--force", *force, "Overwrite FILE if it exists");
    sub->callback([&action, opts, file, force] {
      action = [opts, file, force]() -> int {
        auto settings = load_settings(*opts);
        if (!settings.ok()) return report(settings.error());
        auto done = store::backup_database(settings->database, *file, *force);
        if (!done.ok()) return report(done.error());
        std::printf("backup of %s written to %s (%lld bytes) by %s; %s\n",
                    settings->database.masked().c_str(), file->c_str(),
                    static_cast<long long>(done->bytes), done->method.c_str(),
                    done->integrity.c_str());
        return kExitOk;
      };
    });
  }
  {
    auto* sub =
        app.add_subcommand("restore",
                           "Restore a snapshot made by `haven backup` into an EMPTY database "
                           "(on PostgreSQL this runs pg_restore)");
    auto opts = std::make_shared<CommonOptions>();
    auto file = std::make_shared<std::string>();
    add_database_options(*sub, *opts);
    sub->add_option("FILE", *file, "The snapshot to restore")->required()->check(CLI::ExistingFile);
    sub->callback([&action, opts, file] {
      action = [opts, file]() -> int {
        auto settings = load_settings(*opts);
        if (!settings.ok()) return report(settings.error());
        auto done = store::restore_database(*file, settings->database);
        if (!done.ok()) return report(done.error());
        std::printf("restored %s into %s by %s; %s\n", file->c_str(),
                    settings->database.masked().c_str(), done->method.c_str(),
                    done->integrity.c_str());
        return kExitOk;
      };
    });
  }
}

}  // namespace haven::cli
