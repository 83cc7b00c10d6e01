// Helpers shared by the subcommands.
#include "cli/command.h"

#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "core/clock.h"
#include "security/role_table.h"
#include "store/database.h"
#include "store/migrator.h"

namespace haven::cli {

void add_database_options(CLI::App& sub, CommonOptions& opts) {
  sub.add_option("--db", opts.db,
                 "Database URL: sqlite:PATH or postgresql://user@host:port/db "
                 "(default: $HAVEN_DB, then haven.toml, then sqlite:var/haven.db)");
  sub.add_option("--config", opts.config,
                 "Configuration file (default: $HAVEN_CONFIG, then ./haven.toml)");
}

int report(const core::Error& e) {
  std::cerr << "haven: " << e.message << "\n";
  return e.code == core::ErrorCode::kInvalidInput ? kExitUsage : kExitFailure;
}

int report_fields(const core::Error& e) {
  std::cerr << "haven: " << e.message << "\n";
  for (const auto& f : e.fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return e.code == core::ErrorCode::kInvalidInput ? kExitUsage : kExitFailure;
}

int ensure_migrated(store::Database& db) {
  auto applied = store::Migrator(db).apply_pending();
  if (!applied.ok()) return report(applied.error());
  return kExitOk;
}

namespace {
std::string read_line_no_echo(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  const bool tty = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  return line;
}
}  // namespace

std::string read_password(bool from_stdin, const char* prompt) {
  if (from_stdin) {
    std::string line;
    if (!std::getline(std::cin, line) || line.empty()) {
      std::cerr << "haven: --password-stdin: no password on standard input\n";
      return "";
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  if (!::isatty(STDIN_FILENO)) {
    std::cerr << "haven: no terminal to ask for the password; use --password-stdin\n";
    return "";
  }
  std::string first = read_line_no_echo(prompt);
  std::string second = read_line_no_echo("Repeat it: ");
  if (first != second) {
    std::cerr << "haven: the two passwords differ\n";
    std::fill(first.begin(), first.end(), '\0');
    std::fill(second.begin(), second.end(), '\0');
    return "";
  }
  std::fill(second.begin(), second.end(), '\0');
  return first;
}

std::unique_ptr<store::Database> open_database(const Settings& s, int& exit_code, bool server,
                                               MissingDatabase missing) {
  if (missing == MissingDatabase::kRefuse && s.database.backend == store::Backend::kSqlite &&
      s.database.sqlite_path != ":memory:") {
    std::error_code ec;
    if (!std::filesystem::exists(s.database.sqlite_path, ec)) {
      std::cerr << "haven: there is no database at " << s.database.sqlite_path << " (from "
                << s.database_from << "); `haven migrate --db " << s.database.masked()
                << "` creates an empty one, `haven demo` a demo one\n";
      exit_code = kExitUsage;
      return nullptr;
    }
  }
  store::OpenOptions options;
  options.pool_size = s.pool_size;
  options.mapped_reads = server;
  options.create = missing == MissingDatabase::kCreate;
  try {
    return store::Database::open(s.database, options);
  } catch (const store::DbError& e) {
    std::cerr << "haven: " << e.what() << "\n";
    exit_code = kExitFailure;
    return nullptr;
  }
}

int with_database(const CommonOptions& opts,
                  const std::function<int(const Settings&, store::Database&)>& body,
                  MissingDatabase missing) {
  auto settings = load_settings(opts);
  if (!settings.ok()) return report(settings.error());
  int code = kExitOk;
  auto db = open_database(*settings, code, /*server=*/false, missing);
  if (!db) return code;
  HAVEN_CLI_MIGRATED(*db);
  return body(*settings, *db);
}

int with_app(const CommonOptions& opts, const std::function<int(service::App&)>& body, AppKeys keys,
             MissingDatabase missing) {
  return with_database(
      opts,
      [&](const Settings& settings, store::Database& db) -> int {
        const core::Clock& clock = core::SystemClock::instance();
        auto app_options = base_app_options();
        if (!app_options.ok()) return report(app_options.error());
        if (keys == AppKeys::kRing) {
          auto opened = service::KeyService::open_ring(db, clock, settings.master_key_file, false);
          if (!opened.ok()) return report(opened.error());
          app_options->keys = std::move(opened).value();
        }
        service::App services(db, clock, std::move(app_options).value());
        return body(services);
      },
      missing);
}

namespace {
namespace fs = std::filesystem;
// The repository root the running binary was built in, if it is one (build/<preset>/bin/haven).
fs::path source_root() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path root = (exe.parent_path() / "../../..").lexically_normal();
    if (fs::exists(root / "config" / "haven.toml", ec)) return root;
  }
  if (const char* src = std::getenv("HAVEN_SOURCE_DIR"); src && *src) return src;
  return {};
}
}  // namespace

std::string find_data_dir(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("HAVEN_DATA_DIR"); env && *env) return env;
  std::error_code ec;
  if (fs::exists("data/names/se.tsv", ec)) return "data";
  if (fs::path root = source_root(); !root.empty() && fs::exists(root / "data", ec))
    return (root / "data").string();
  return "data";
}

core::Result<service::AppOptions> base_app_options() {
  service::AppOptions options;
  const std::string roles_file = find_shipped_file("config/roles.toml");
  std::error_code ec;
  if (fs::exists(roles_file, ec)) {
    auto roles = security::load_roles(roles_file);
    if (!roles.ok()) return roles.take_error();
    options.roles = std::move(roles).value();
  }
  options.common_passwords_file = find_data_dir() + "/security/common-passwords.txt";
  options.stats_config_dir = find_shipped_file("config");
  return options;
}

std::string find_shipped_file(const std::string& relative) {
  std::error_code ec;
  if (fs::exists(relative, ec)) return relative;
  if (fs::path root = source_root(); !root.empty() && fs::exists(root / relative, ec))
    return (root / relative).string();
  return relative;
}

}  // namespace haven::cli
