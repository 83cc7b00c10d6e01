// `haven serve`: open the database, bring its schema up to date, and serve the web app and API
// until SIGTERM or SIGINT, then finish in-flight requests and close the database.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "cli/heap_arenas.h"
#include "core/clock.h"
#include "http/server.h"
#include "service/app.h"
#include "service/maintenance.h"
#include "store/database.h"
#include "store/migrator.h"

namespace haven::cli {

void add_serve_command(CLI::App& app, Action& action) {
  auto* sub = app.add_subcommand("serve", "Serve the web app and the JSON API");
  auto opts = std::make_shared<CommonOptions>();
  auto mode = std::make_shared<std::string>();
  auto exchange_dir = std::make_shared<std::string>();
  add_database_options(*sub, *opts);
  sub->add_option("--listen", opts->listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  sub->add_option("--mode", *mode, "national (default) or regional")
      ->check(CLI::IsMember({"national", "regional"}));
  sub->add_option("--exchange-dir", *exchange_dir,
                  "Regional mode: the folder whose trust.toml lists the authorities the hub "
                  "accepts releases and encodings from (default $HAVEN_EXCHANGE_DIR, then "
                  "var/exchange)");
  sub->callback([&action, opts, mode, exchange_dir] {
    action = [opts, mode, exchange_dir]() -> int {
      auto settings = load_settings(*opts);
      if (!settings.ok()) return report(settings.error());
      if (!mode->empty()) settings->mode = *mode;
      // A regional hub holds no personal data: its own small route table (http/hub/), no sign-in,
      // no case work, no search index.
      const bool regional = settings->mode == "regional";
      // Before any thread exists (database pool, logger), so SIGTERM reaches the drain logic and
      // glibc has not yet fixed how many malloc arenas the threads share.
      http::block_shutdown_signals();
      give_each_thread_an_arena(http::worker_threads(settings->threads));
      int code = kExitOk;
      auto db = open_database(*settings, code, /*server=*/true);
      if (!db) return code;

      store::Migrator migrator(*db);
      auto applied = migrator.apply_pending();
      if (!applied.ok()) return report(applied.error());
      if (*applied > 0) std::printf("applied %d migration(s)\n", *applied);

      // The master key: a wrong or missing key stops the start (exit 1) when the database has a
      // fingerprint; a brand-new database without any key gets one (so `make run` just works).
      const core::Clock& clock = core::SystemClock::instance();
      auto keys = service::KeyService::open_ring(*db, clock, settings->master_key_file, true);
      if (!keys.ok()) {
        std::cerr << "haven: cannot start: " << keys.error().message << "\n";
        return kExitFailure;
      }
      if (keys->created)
        std::printf("created a new master key at %s (no key and no fingerprint yet) — back it up\n",
                    keys->source.c_str());
      if (keys->recorded_fingerprint)
        std::printf("recorded master key fingerprint %s\n", keys->ring->fingerprint().c_str());
      auto base_options = base_app_options();
      if (!base_options.ok()) return report(base_options.error());
      service::AppOptions app_options = std::move(base_options).value();
      app_options.keys = std::move(keys).value();
      const std::string& host = settings->listen_host;
      app_options.secure_cookies =
          !(host.rfind("127.", 0) == 0 || host == "::1" || host == "localhost");
      app_options.trusted_proxies = settings->trusted_proxies;
      if (regional) {
        std::string dir = *exchange_dir;
        if (const char* env = std::getenv("HAVEN_EXCHANGE_DIR"); dir.empty() && env && *env)
          dir = env;  // NOLINT(concurrency-mt-unsafe): read before any thread starts
        if (dir.empty()) dir = "var/exchange";
        app_options.hub.trust_file = (std::filesystem::path(dir) / "trust.toml").string();
        app_options.hub.indicators_dir = find_shipped_file("config/indicators");
        app_options.hub.disclosure_dir = find_shipped_file("config/policy/disclosure");
      }
      service::App services(*db, clock, std::move(app_options));
      services.hasher.prepare();  // Argon2id's memory now, not at the first sign-in
      if (!regional && services.demo.is_demo()) {
        auto logins = services.demo.logins();
        if (logins.ok())
          std::printf("%s", service::format_demo_logins(*logins).c_str());
        else
          std::fprintf(stderr, "haven: cannot show the demo logins: %s\n",
                       logins.error().message.c_str());
      }
      if (regional) {
        std::printf(
            "regional hub: accepting signed releases and linkage encodings from the "
            "authorities in %s\n",
            services.options.hub.trust_file.c_str());
      } else if (auto users = services.users.count(); users.ok() && *users == 0) {
        std::printf(
            "no users yet. Create the first administrator:\n"
            "  haven agency add --name \"Central administration\" --kind child_protection "
            "--country %s\n"
            "  haven user add --username admin --role admin --agency \"Central administration\"\n"
            "then sign in (POST /api/v1/auth/login) and enrol the second factor.\n",
            settings->country.c_str());
      }
      auto log = [](const std::string& line) { std::fprintf(stderr, "haven: %s\n", line.c_str()); };
      // The name index is built on a thread of its own while the server already answers (20 s
      // for a million children: a restart must not take the case pages down that long); name
      // searches are asked to retry meanwhile, duplicate checks wait for it, and /readyz says not
      // ready until it is built. Then children written by other processes sharing the database
      // become findable within ~2 s. Its log lines carry counts only, no names.
      if (!regional) services.search.start_background_refresh(std::chrono::seconds(2), log);
      http::ServerOptions server_options;
      server_options.host = settings->listen_host;
      server_options.port = settings->listen_port;
      server_options.max_body_bytes = static_cast<size_t>(settings->max_body_mib) * 1024 * 1024;
      server_options.threads = settings->threads;
      server_options.demo = !regional && services.demo.is_demo();  // the start-up log says so
      server_options.regional = regional;
      http::Server server(server_options, services);
      auto listening = server.listen();
      if (!listening.ok()) {
        std::cerr << "haven: " << listening.error().message << "\n";
        return kExitFailure;
      }
      std::printf("haven %s mode, %s database %s\n", settings->mode.c_str(),
                  store::backend_name(db->backend()), db->url().masked().c_str());
      std::printf("serving on http://%s:%d  (Ctrl-C to stop)\n", settings->listen_host.c_str(),
                  server.port());
      std::fflush(stdout);
      // Keys rotated by another process are picked up, expired sessions and old login attempts
      // swept, until shutdown (stopped before the database closes).
      service::MaintenanceOptions maintenance_options;
      maintenance_options.log = log;
      service::Maintenance maintenance(services, maintenance_options);
      maintenance.start();
      http::serve_until_signal(server);
      if (!regional) services.search.stop_background_refresh();
      maintenance.stop();
      db->close();
      std::printf("stopped cleanly\n");
      return kExitOk;
    };
  });
}

}  // namespace haven::cli
