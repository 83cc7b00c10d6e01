// Backup and restore. SQLite: the online backup API, copying a consistent read snapshot in steps
// while writers go on (WAL), into a temporary file that is checked and then renamed into place.
// PostgreSQL: pg_dump / pg_restore as child processes (posix_spawn, no shell), the password passed
// in PGPASSWORD rather than on a command line that `ps` shows.
#include "store/backup.h"

#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "store/database.h"
#include "store/sqlite/sqlite_handle.h"

namespace haven::store {

namespace {

namespace fs = std::filesystem;

constexpr int kPagesPerStep = 256;
constexpr auto kPauseBetweenSteps = std::chrono::milliseconds(1);
constexpr int kBusyTimeoutMs = 10000;

int64_t file_size_or_zero(const std::string& path) {
  std::error_code ec;
  auto n = fs::file_size(path, ec);
  return ec ? 0 : static_cast<int64_t>(n);
}

// Deletes a temporary file unless released (the happy path renames it first).
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  ~TempFile() {
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove(path_, ec);
      fs::remove(path_ + "-journal", ec);
    }
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }
  void release() { path_.clear(); }

 private:
  std::string path_;
};

// Checks that `file` may be written: its folder exists, and it does not exist unless `force`.
std::optional<core::Error> check_output(const std::string& file, bool force) {
  std::error_code ec;
  if (fs::is_directory(file, ec)) {
    return core::Error::invalid("the backup file " + file + " is a folder; name a file");
  }
  if (fs::exists(file, ec) && !force) {
    return core::Error::conflict("the backup file " + file +
                                 " already exists; choose another name or use --force to "
                                 "overwrite it");
  }
  fs::path folder = fs::path(file).parent_path();
  if (!folder.empty() && !fs::is_directory(folder, ec)) {
    return core::Error::invalid("the folder " + folder.string() + " for the backup file " + file +
                                " does not exist");
  }
  return std::nullopt;
}

std::string partial_name(const std::string& file) {
  return file + ".partial-" + std::to_string(::getpid());
}

core::Error db_failure(const DbError& e) {
  core::Error out = to_error(e);
  out.message = e.what();
  return out;
}

// ---------------------------------------------------------------------------------------------
// SQLite

struct FinishBackup {
  void operator()(sqlite3_backup* b) const noexcept { sqlite3_backup_finish(b); }
};
using BackupHandle = std::unique_ptr<sqlite3_backup, FinishBackup>;

// Copies all of `from` into `to` in steps of kPagesPerStep pages. The caller holds a read
// transaction on `from`, so the copy is one consistent snapshot and is never restarted by writers.
void copy_pages(sqlite3* to, sqlite3* from, const std::string& what, bool pause) {
  BackupHandle backup(sqlite3_backup_init(to, "main", from, "main"));
  if (!backup) throw sqlite::error(to, sqlite3_errcode(to), what);
  const auto busy_deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  while (true) {
    int rc = sqlite3_backup_step(backup.get(), kPagesPerStep);
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_OK) {
      if (pause) std::this_thread::sleep_for(kPauseBetweenSteps);
      continue;
    }
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
        std::chrono::steady_clock::now() < busy_deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    throw DbError(sqlite::kind_of(rc), what + ": " + sqlite3_errstr(rc));
  }
  int rc = sqlite3_backup_finish(backup.release());
  if (rc != SQLITE_OK) throw sqlite::error(to, rc, what);
}

core::Result<BackupReport> sqlite_backup(const DatabaseUrl& source, const std::string& file,
                                         bool force) {
  const std::string& path = source.sqlite_path;
  if (path == ":memory:") {
    return core::Error::invalid("an in-memory database cannot be backed up");
  }
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return core::Error::invalid("the SQLite database " + path + " does not exist");
  }
  if (fs::exists(file, ec) && fs::equivalent(path, file, ec)) {
    return core::Error::invalid("the backup file " + file + " is the database itself");
  }
  if (auto problem = check_output(file, force)) return *problem;

  TempFile temp(partial_name(file));
  const std::string what = "backup of " + path + " to " + file;
  try {
    sqlite::DbHandle from =
        sqlite::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, kBusyTimeoutMs);
    sqlite::exec(from.get(), "PRAGMA query_only=ON", what);
    sqlite::DbHandle to =
        sqlite::open(temp.path(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                     kBusyTimeoutMs);
    // Start the read transaction (snapshot) that the whole copy is taken from.
    sqlite::exec(from.get(), "BEGIN", what);
    sqlite::query_text(from.get(), "SELECT count(*) FROM sqlite_schema", what);
    copy_pages(to.get(), from.get(), what, /*pause=*/true);
    sqlite::exec(from.get(), "COMMIT", what);
    from.reset();

    // A backup is one self-contained file: no -wal beside it.
    sqlite::query_text(to.get(), "PRAGMA journal_mode=DELETE", what);
    std::string integrity = sqlite::integrity_check(to.get(), what);
    if (integrity != "ok") {
      return core::Error::internal("the copy of " + path + " failed its integrity check (" +
                                   integrity + "); " + file + " was not written");
    }
    to.reset();
    fs::rename(temp.path(), file, ec);
    if (ec) {
      return core::Error::internal("cannot move the finished backup to " + file + ": " +
                                   ec.message());
    }
    temp.release();
  } catch (const DbError& e) {
    return db_failure(e);
  }
  return BackupReport{"sqlite online backup", file_size_or_zero(file), "integrity_check ok"};
}

core::Result<BackupReport> sqlite_restore(const std::string& file, const DatabaseUrl& target) {
  const std::string& path = target.sqlite_path;
  if (path == ":memory:") return core::Error::invalid("cannot restore into an in-memory database");
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    return core::Error::invalid("the backup file " + file + " does not exist");
  }
  const std::string what = "restore of " + file + " into " + path;
  try {
    sqlite::DbHandle from;
    try {
      from = sqlite::open(file, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, kBusyTimeoutMs);
      std::string check = sqlite::integrity_check(from.get(), "reading " + file);
      if (check != "ok") {
        return core::Error::invalid("the backup file " + file + " is damaged (" + check + ")");
      }
    } catch (const DbError& e) {
      return core::Error::invalid("the backup file " + file +
                                  " is not a readable SQLite backup: " + e.what());
    }
    if (fs::exists(path, ec)) {
      sqlite::DbHandle existing =
          sqlite::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, kBusyTimeoutMs);
      int64_t tables = sqlite::user_table_count(existing.get(), what);
      if (tables > 0) {
        return core::Error::conflict("the database " + target.masked() + " is not empty (" +
                                     std::to_string(tables) +
                                     " tables); restore only into a new or empty database");
      }
      // SQLite copies into a WAL database only between files of the same page size; out of WAL
      // mode the copy takes the backup's (4 KiB for one made before haven moved to 16 KiB).
      sqlite::query_text(existing.get(), "PRAGMA journal_mode=DELETE", what);
    } else {
      fs::path folder = fs::path(path).parent_path();
      if (!folder.empty()) fs::create_directories(folder, ec);
    }
    sqlite::DbHandle to = sqlite::open(
        path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, kBusyTimeoutMs);
    copy_pages(to.get(), from.get(), what, /*pause=*/false);
    std::string integrity = sqlite::integrity_check(to.get(), what);
    if (integrity != "ok") {
      return core::Error::internal("the restored database " + path +
                                   " failed its integrity check: " + integrity);
    }
  } catch (const DbError& e) {
    return db_failure(e);
  }
  return BackupReport{"sqlite online backup", file_size_or_zero(file), "integrity_check ok"};
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

struct ProcessResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together, the last kKeep bytes
};

// Runs argv[0] (an absolute path) with the current environment plus `extra_env` ("NAME=value",
// replacing a variable of the same name), stdin from /dev/null, and waits for it.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& extra_env) {
  constexpr size_t kKeep = 64 * 1024;
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  std::vector<std::string> env_storage;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry(*e);
    bool replaced = std::any_of(extra_env.begin(), extra_env.end(), [&](const std::string& x) {
      size_t eq = x.find('=');
      return entry.substr(0, eq + 1) == std::string_view(x).substr(0, eq + 1);
    });
    if (!replaced) env_storage.emplace_back(entry);
  }
  env_storage.insert(env_storage.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> env;
  for (auto& e : env_storage) env.push_back(e.data());
  env.push_back(nullptr);

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return {-1, std::string("cannot create a pipe: ") + std::strerror(errno)};
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  // Wipe the copy of the password from our own memory as soon as it is handed over.
  for (auto& e : env_storage) std::fill(e.begin(), e.end(), '\0');
  if (rc != 0) {
    ::close(fds[0]);
    return {-1, "cannot run " + argv[0] + ": " + std::strerror(rc)};
  }
  ProcessResult result;
  char buf[4096];
  while (true) {
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.output.append(buf, static_cast<size_t>(n));
    if (result.output.size() > 2 * kKeep) result.output.erase(0, result.output.size() - kKeep);
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::string last_lines(const std::string& output, size_t max_lines = 5) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < output.size()) {
    size_t nl = output.find('\n', start);
    std::string line = output.substr(start, nl == std::string::npos ? nl : nl - start);
    if (!line.empty()) lines.push_back(line);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  std::string out;
  size_t from = lines.size() > max_lines ? lines.size() - max_lines : 0;
  for (size_t i = from; i < lines.size(); ++i) {
    if (!out.empty()) out += "; ";
    out += lines[i];
  }
  return out.empty() ? "no output" : out;
}

bool executable(const std::string& path) {
  return ::access(path.c_str(), X_OK) == 0;
}

// Finds a PostgreSQL client tool: $HAVEN_PG_BIN, then the version matching the server's major
// version, then PATH, then the newest /usr/lib/postgresql/<N>/bin.
std::optional<std::string> find_pg_tool(const std::string& name, int server_major) {
  if (const char* dir = std::getenv("HAVEN_PG_BIN"); dir != nullptr && *dir != '\0') {
    std::string p = std::string(dir) + "/" + name;
    if (executable(p)) return p;
  }
  const fs::path root = "/usr/lib/postgresql";
  if (server_major > 0) {
    std::string p = (root / std::to_string(server_major) / "bin" / name).string();
    if (executable(p)) return p;
  }
  if (const char* path = std::getenv("PATH")) {
    std::string_view rest(path);
    while (!rest.empty()) {
      size_t colon = rest.find(':');
      std::string dir(rest.substr(0, colon));
      if (!dir.empty() && executable(dir + "/" + name)) return dir + "/" + name;
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  std::error_code ec;
  int best = -1;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    int version = std::atoi(entry.path().filename().c_str());
    if (version > best && executable((entry.path() / "bin" / name).string())) best = version;
  }
  if (best > 0) return (root / std::to_string(best) / "bin" / name).string();
  return std::nullopt;
}

std::vector<std::string> password_env(const DatabaseUrl& url) {
  std::string password = url.password();
  if (password.empty()) return {};
  return {"PGPASSWORD=" + password};
}

// Server major version (15 for 15.4) and number of user tables, through a short-lived connection.
struct ServerFacts {
  int major = 0;
  int64_t user_tables = 0;
};

ServerFacts server_facts(const DatabaseUrl& url) {
  OpenOptions options;
  options.pool_size = 1;
  auto db = Database::open(url, options);
  return db->read([](Tx& tx) {
    ServerFacts f;
    f.major = static_cast<int>(
        std::stoll(tx.query_one("SELECT current_setting('server_version_num')")->text(0)) / 10000);
    f.user_tables = tx.query_one(
                          "SELECT count(*) FROM information_schema.tables "
                          "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")
                        ->integer(0);
    return f;
  });
}

core::Error tool_missing(const std::string& name) {
  return core::Error::unavailable(name +
                                  " was not found (looked in $HAVEN_PG_BIN, /usr/lib/postgresql/*/"
                                  "bin and PATH); install postgresql-client");
}

// Number of entries in a custom-format archive, or an error if pg_restore cannot read it.
core::Result<int> archive_entries(const std::string& pg_restore, const std::string& file) {
  ProcessResult listed = run_process({pg_restore, "--list", file}, {});
  if (listed.exit_code != 0) {
    return core::Error::invalid("the file " + file +
                                " is not a readable pg_dump archive: " + last_lines(listed.output));
  }
  int entries = 0;
  size_t start = 0;
  while (start < listed.output.size()) {
    size_t nl = listed.output.find('\n', start);
    if (nl == std::string::npos) nl = listed.output.size();
    if (nl > start && listed.output[start] != ';') ++entries;
    start = nl + 1;
  }
  return entries;
}

core::Result<BackupReport> postgres_backup(const DatabaseUrl& source, const std::string& file,
                                           bool force) {
  if (auto problem = check_output(file, force)) return *problem;
  ServerFacts facts;
  try {
    facts = server_facts(source);
  } catch (const DbError& e) {
    return db_failure(e);
  }
  auto pg_dump = find_pg_tool("pg_dump", facts.major);
  auto pg_restore = find_pg_tool("pg_restore", facts.major);
  if (!pg_dump) return tool_missing("pg_dump");
  if (!pg_restore) return tool_missing("pg_restore");

  TempFile temp(partial_name(file));
  ProcessResult dumped =
      run_process({*pg_dump, "--format=custom", "--no-password", "--file=" + temp.path(),
                   "--dbname=" + source.without_password()},
                  password_env(source));
  if (dumped.exit_code != 0) {
    return core::Error::unavailable("pg_dump of " + source.masked() + " failed (exit " +
                                    std::to_string(dumped.exit_code) +
                                    "): " + last_lines(dumped.output));
  }
  auto entries = archive_entries(*pg_restore, temp.path());
  if (!entries.ok()) {
    return core::Error::internal("pg_dump wrote an archive that pg_restore cannot read: " +
                                 entries.error().message);
  }
  std::error_code ec;
  fs::rename(temp.path(), file, ec);
  if (ec) {
    return core::Error::internal("cannot move the finished backup to " + file + ": " +
                                 ec.message());
  }
  temp.release();
  return BackupReport{"pg_dump (custom format)", file_size_or_zero(file),
                      "pg_restore --list read " + std::to_string(*entries) + " entries"};
}

core::Result<BackupReport> postgres_restore(const std::string& file, const DatabaseUrl& target) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    return core::Error::invalid("the backup file " + file + " does not exist");
  }
  ServerFacts facts;
  try {
    facts = server_facts(target);
  } catch (const DbError& e) {
    return db_failure(e);
  }
  if (facts.user_tables > 0) {
    return core::Error::conflict("the database " + target.masked() + " is not empty (" +
                                 std::to_string(facts.user_tables) +
                                 " tables); restore only into a new or empty database");
  }
  auto pg_restore = find_pg_tool("pg_restore", facts.major);
  if (!pg_restore) return tool_missing("pg_restore");
  auto entries = archive_entries(*pg_restore, file);
  if (!entries.ok()) return entries.take_error();

  ProcessResult restored = run_process(
      {*pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
       "--no-password", "--dbname=" + target.without_password(), file},
      password_env(target));
  if (restored.exit_code != 0) {
    return core::Error::internal("pg_restore of " + file + " into " + target.masked() +
                                 " failed (exit " + std::to_string(restored.exit_code) +
                                 "); nothing was restored: " + last_lines(restored.output));
  }
  int64_t tables = 0;
  try {
    tables = server_facts(target).user_tables;
  } catch (const DbError& e) {
    return db_failure(e);
  }
  return BackupReport{"pg_restore (custom format)", file_size_or_zero(file),
                      std::to_string(*entries) + " archive entries restored, " +
                          std::to_string(tables) + " tables"};
}

}  // namespace

core::Result<BackupReport> backup_database(const DatabaseUrl& source, const std::string& file,
                                           bool force) {
  if (file.empty()) return core::Error::invalid("name the file to write the backup to");
  return source.backend == Backend::kSqlite ? sqlite_backup(source, file, force)
                                            : postgres_backup(source, file, force);
}

core::Result<BackupReport> restore_database(const std::string& file, const DatabaseUrl& target) {
  if (file.empty()) return core::Error::invalid("name the backup file to restore");
  return target.backend == Backend::kSqlite ? sqlite_restore(file, target)
                                            : postgres_restore(file, target);
}

}  // namespace haven::store
