// `haven keys init|rotate|status`: the master key file and the database's record of it, and
// data-key rotation over every registered encrypted column — in batches, with progress, stoppable
// with Ctrl-C and resumed by running it again.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <cstdio>

#include "cli/command.h"
#include "core/clock.h"
#include "service/app.h"
#include "store/database.h"

namespace haven::cli {

namespace {
std::atomic<bool> g_stop{false};
void keys_on_interrupt(int) {
  g_stop.store(true);
}
}  // namespace

void add_keys_command(CLI::App& app, Action& action) {
  auto* keys = app.add_subcommand("keys", "Create and rotate the encryption keys");
  keys->require_subcommand(1);

  auto* init =
      keys->add_subcommand("init", "Create the master key file and record its fingerprint");
  auto opts = std::make_shared<CommonOptions>();
  auto file = std::make_shared<std::string>();
  add_database_options(*init, *opts);
  init->add_option("--key-file", *file, "Where to create it (default: [security] master_key_file)");
  init->callback([&action, opts, file] {
    action = [opts, file]() -> int {
      return with_database(
          *opts,
          [&](const Settings& settings, store::Database& db) -> int {
            const std::string path = file->empty() ? settings.master_key_file : *file;
            auto fp = service::KeyService::init(db, core::SystemClock::instance(), path);
            if (!fp.ok()) return report(fp.error());
            std::printf("created master key %s (mode 0600), fingerprint %s\n", path.c_str(),
                        fp->c_str());
            std::printf("keep a copy offline: without it every encrypted field is lost\n");
            return kExitOk;
          },
          MissingDatabase::kCreate);  // a new installation's first step may be its key
    };
  });

  auto* rotate = keys->add_subcommand("rotate", "Move every encrypted field to a new data key");
  auto rotate_opts = std::make_shared<CommonOptions>();
  auto batch = std::make_shared<int>(500);
  add_database_options(*rotate, *rotate_opts);
  rotate->add_option("--batch-size", *batch, "Rows per transaction")->check(CLI::Range(1, 100000));
  rotate->callback([&action, rotate_opts, batch] {
    action = [rotate_opts, batch]() -> int {
      return with_app(
          *rotate_opts,
          [&](service::App& services) -> int {
            std::signal(SIGINT, keys_on_interrupt);
            std::signal(SIGTERM, keys_on_interrupt);
            const bool tty = ::isatty(STDOUT_FILENO);
            auto progress = [tty](const service::RotationProgress& p) {
              if (tty)
                std::printf("\r%s: %lld/%lld rows, %lld re-encrypted", p.column.c_str(),
                            static_cast<long long>(p.done), static_cast<long long>(p.total),
                            static_cast<long long>(p.reencrypted));
              else
                std::printf("%s: %lld/%lld rows, %lld re-encrypted\n", p.column.c_str(),
                            static_cast<long long>(p.done), static_cast<long long>(p.total),
                            static_cast<long long>(p.reencrypted));
              std::fflush(stdout);
            };
            auto audit = [&services](const std::string& what, const std::string& details) {
              (void)services.audit.append(
                  {"cli", "", "", what, "key_ring", "", "key rotation", "success", "", details});
            };
            auto result = services.keys.rotate(*batch, progress, &g_stop, audit);
            if (tty) std::printf("\n");
            if (!result.ok()) return report(result.error());
            if (!result->completed) {
              std::printf(
                  "interrupted: %lld field(s) re-encrypted under key %u so far; run `haven keys "
                  "rotate` again to finish (both keys stay usable meanwhile)\n",
                  static_cast<long long>(result->reencrypted), result->to_key_id);
              return kExitFailure;
            }
            std::printf("rotation complete: active key %u, %lld field(s) re-encrypted\n",
                        result->to_key_id, static_cast<long long>(result->reencrypted));
            return kExitOk;
          },
          AppKeys::kRing);
    };
  });

  auto* status = keys->add_subcommand("status", "Show the key fingerprint and the active key id");
  auto status_opts = std::make_shared<CommonOptions>();
  add_database_options(*status, *status_opts);
  status->callback([&action, status_opts] {
    action = [status_opts]() -> int {
      return with_database(
          *status_opts, [&](const Settings& /*settings*/, store::Database& db) -> int {
            auto keys_status = service::KeyService::status(db);
            if (!keys_status) return report(keys_status.error());
            std::printf("fingerprint   %s\n", keys_status->fingerprint.empty()
                                                  ? "(none: run `haven keys init`)"
                                                  : keys_status->fingerprint.c_str());
            std::printf("active key    %u\n", keys_status->active_key_id);
            std::printf("oldest key    %u\n", keys_status->oldest_key_id);
            std::printf("rotation      %s\n",
                        keys_status->rotation_in_progress ? "in progress" : "none");
            return kExitOk;
          });
    };
  });
}

}  // namespace haven::cli
