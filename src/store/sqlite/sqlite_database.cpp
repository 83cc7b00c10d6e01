// SQLite connections with per-connection statement caches, `$n` binding by name, and the
// writer/reader split.
#include "store/sqlite/sqlite_database.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/text_hash.h"
#include "store/connection_pool.h"
#include "store/sqlite/sqlite_handle.h"

namespace haven::store {

namespace {

// Beyond this many distinct statements on one connection the cache is emptied: a guard against
// callers that build SQL text with values inlined, which would otherwise grow it without bound.
constexpr size_t kMaxCachedStatements = 512;

// Resets a cached statement and clears its bindings when a call is done with it, even on error, so
// no parameter memory is referenced afterwards and the statement holds no read lock.
class StatementUse {
 public:
  explicit StatementUse(sqlite3_stmt* s) : s_(s) {}
  ~StatementUse() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;

 private:
  sqlite3_stmt* s_;
};

// The row a statement is on, read in place (Connection::scan).
class SqliteRowView final : public RowView {
 public:
  explicit SqliteRowView(sqlite3_stmt* s)
      : s_(s), columns_(static_cast<size_t>(sqlite3_column_count(s))) {}
  size_t size() const override { return columns_; }
  Kind kind(size_t i) const override {
    switch (type(i)) {
      case SQLITE_INTEGER:
        return Kind::kInteger;
      case SQLITE_FLOAT:
        return Kind::kReal;
      case SQLITE_TEXT:
        return Kind::kText;
      case SQLITE_BLOB:
        return Kind::kBlob;
      default:
        return Kind::kNull;
    }
  }
  bool is_null(size_t i) const override { return type(i) == SQLITE_NULL; }
  int64_t integer(size_t i) const override {
    if (type(i) != SQLITE_INTEGER)
      throw ColumnError("column " + std::to_string(i) + " is not an integer");
    return sqlite3_column_int64(s_, static_cast<int>(i));
  }
  std::string_view text(size_t i) const override {
    if (type(i) != SQLITE_TEXT) throw ColumnError("column " + std::to_string(i) + " is not text");
    const int c = static_cast<int>(i);
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, c));
    return {p, static_cast<size_t>(sqlite3_column_bytes(s_, c))};
  }

 private:
  int type(size_t i) const {
    if (i >= columns_) throw ColumnError("column " + std::to_string(i) + " out of range");
    return sqlite3_column_type(s_, static_cast<int>(i));
  }
  sqlite3_stmt* s_;
  size_t columns_;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite::DbHandle db, std::string label)
      : db_(std::move(db)), label_(std::move(label)) {}

  Backend backend() const override { return Backend::kSqlite; }

  Rows query(std::string_view sql, const Params& params) override {
    Cached& cached = prepare(sql);
    sqlite3_stmt* s = cached.stmt.get();
    StatementUse use(s);
    bind(cached, params, sql);
    Rows rows;
    const int columns = sqlite3_column_count(s);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      std::vector<Value> values;
      values.reserve(static_cast<size_t>(columns));
      for (int i = 0; i < columns; ++i) values.push_back(column(s, i));
      rows.emplace_back(std::move(values));
    }
    if (rc != SQLITE_DONE) throw sqlite::error(db_.get(), rc, label_, sql);
    return rows;
  }

  void scan(std::string_view sql, const Params& params, const RowVisitor& visit) override {
    Cached& cached = prepare(sql);
    sqlite3_stmt* s = cached.stmt.get();
    StatementUse use(s);
    bind(cached, params, sql);
    const SqliteRowView row(s);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) visit(row);
    if (rc != SQLITE_DONE) throw sqlite::error(db_.get(), rc, label_, sql);
  }

  void scan_text(std::string_view sql, const Params& params, const TextRowVisitor& visit) override {
    Cached& cached = prepare(sql);
    sqlite3_stmt* s = cached.stmt.get();
    StatementUse use(s);
    bind(cached, params, sql);
    std::vector<std::optional<std::string_view>> fields(
        static_cast<size_t>(sqlite3_column_count(s)));
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      for (size_t i = 0; i < fields.size(); ++i) {
        const int c = static_cast<int>(i);
        if (sqlite3_column_type(s, c) == SQLITE_NULL) {
          fields[i].reset();
          continue;
        }
        // column_text first: it converts numbers (and blobs) that column_bytes then measures.
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
        fields[i] = std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(s, c)));
      }
      visit(fields);
    }
    if (rc != SQLITE_DONE) throw sqlite::error(db_.get(), rc, label_, sql);
  }

  int64_t execute(std::string_view sql, const Params& params) override {
    Cached& cached = prepare(sql);
    sqlite3_stmt* s = cached.stmt.get();
    StatementUse use(s);
    bind(cached, params, sql);
    const sqlite3_int64 before = sqlite3_total_changes64(db_.get());
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) throw sqlite::error(db_.get(), rc, label_, sql);
    // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE, even after DDL; only
    // trust it when this statement changed something. Like PostgreSQL, rows changed by triggers
    // or foreign key actions are not counted.
    if (sqlite3_total_changes64(db_.get()) == before) return 0;
    return sqlite3_changes64(db_.get());
  }

  void execute_script(std::string_view sql) override { sqlite::exec(db_.get(), sql, label_); }

  void begin(bool write) override { execute(write ? "BEGIN IMMEDIATE" : "BEGIN", {}); }

  void commit() override { execute("COMMIT", {}); }

  void rollback() noexcept override {
    // After some errors (disk full, I/O) SQLite has already rolled back on its own.
    if (sqlite3_get_autocommit(db_.get()) != 0) return;
    int rc = sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
      spdlog::warn("{}: rollback failed: {}", label_, sqlite3_errmsg(db_.get()));
    }
  }

  bool healthy() const override { return true; }

 private:
  // A cached statement, and whether its placeholders are exactly `$1 … $n`, each once and in
  // order (then `$i` is parameter number i and binding needs no name look-up).
  struct Cached {
    sqlite::StmtHandle stmt;
    bool positional = false;
  };

  Cached& prepare(std::string_view sql) {
    if (auto it = cache_.find(sql); it != cache_.end()) return it->second;
    if (cache_.size() >= kMaxCachedStatements) {
      spdlog::warn("{}: more than {} distinct statements; emptying the statement cache", label_,
                   kMaxCachedStatements);
      cache_.clear();
    }
    std::string key(sql);
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_.get(), key.data(), static_cast<int>(key.size()),
                                SQLITE_PREPARE_PERSISTENT, &raw, &tail);
    sqlite::StmtHandle stmt(raw);
    if (rc != SQLITE_OK) throw sqlite::error(db_.get(), rc, label_, sql);
    if (!stmt) throw DbError(DbError::Kind::kOther, label_ + ": empty SQL statement");
    if (tail != nullptr && *tail != '\0') {
      // Only whitespace, comments and semicolons may follow the one statement.
      sqlite3_stmt* extra_raw = nullptr;
      sqlite3_prepare_v2(db_.get(), tail, -1, &extra_raw, nullptr);
      sqlite::StmtHandle extra(extra_raw);
      if (extra) {
        throw DbError(DbError::Kind::kOther,
                      label_ + ": one statement per call (use execute_script for several): " +
                          std::string(sql.substr(0, 200)));
      }
    }
    Cached cached{std::move(stmt), true};
    const int count = sqlite3_bind_parameter_count(cached.stmt.get());
    for (int i = 1; i <= count && cached.positional; ++i) {
      const char* name = sqlite3_bind_parameter_name(cached.stmt.get(), i);
      cached.positional = name != nullptr && name[0] == '$' && std::to_string(i) == name + 1;
    }
    return cache_.emplace(std::move(key), std::move(cached)).first->second;
  }

  // Binds params[i] to `$<i+1>`: by position when the statement's placeholders are `$1 … $n` in
  // order, otherwise by name, wherever and however often it appears in the SQL.
  void bind(const Cached& cached, const Params& params, std::string_view sql) {
    sqlite3_stmt* s = cached.stmt.get();
    const int expected = sqlite3_bind_parameter_count(s);
    if (expected != static_cast<int>(params.size())) {
      throw DbError(DbError::Kind::kOther, label_ + ": the statement has " +
                                               std::to_string(expected) + " parameter(s) but " +
                                               std::to_string(params.size()) +
                                               " were given: " + std::string(sql.substr(0, 200)));
    }
    char name[24];
    for (size_t i = 0; i < params.size(); ++i) {
      int index = static_cast<int>(i) + 1;
      if (!cached.positional) {
        std::snprintf(name, sizeof name, "$%zu", i + 1);
        index = sqlite3_bind_parameter_index(s, name);
      }
      if (index == 0) {
        throw DbError(DbError::Kind::kOther, label_ + ": the statement does not use " +
                                                 std::string(name) +
                                                 " (placeholders are $1, $2, "
                                                 "…): " +
                                                 std::string(sql.substr(0, 200)));
      }
      int rc = std::visit(
          [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
              return sqlite3_bind_null(s, index);
            } else if constexpr (std::is_same_v<T, int64_t>) {
              return sqlite3_bind_int64(s, index, v);
            } else if constexpr (std::is_same_v<T, double>) {
              return sqlite3_bind_double(s, index, v);
            } else if constexpr (std::is_same_v<T, std::string>) {
              // SQLITE_STATIC: `params` outlives the statement's use (StatementUse clears it).
              return sqlite3_bind_text64(s, index, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
            } else {
              // A null pointer would bind NULL; an empty blob must stay an empty blob.
              if (v.bytes.empty()) return sqlite3_bind_zeroblob(s, index, 0);
              return sqlite3_bind_blob64(s, index, v.bytes.data(), v.bytes.size(), SQLITE_STATIC);
            }
          },
          params[i]);
      if (rc != SQLITE_OK) throw sqlite::error(db_.get(), rc, label_, sql);
    }
  }

  static Value column(sqlite3_stmt* s, int i) {
    switch (sqlite3_column_type(s, i)) {
      case SQLITE_INTEGER:
        return int64_t{sqlite3_column_int64(s, i)};
      case SQLITE_FLOAT:
        return sqlite3_column_double(s, i);
      case SQLITE_TEXT: {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
        return std::string(p, static_cast<size_t>(sqlite3_column_bytes(s, i)));
      }
      case SQLITE_BLOB: {
        const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(s, i));
        const auto n = static_cast<size_t>(sqlite3_column_bytes(s, i));
        Blob b;
        if (n > 0) b.bytes.assign(p, p + n);
        return b;
      }
      default:
        return std::monostate{};
    }
  }

  sqlite::DbHandle db_;  // declared first: destroyed after the statements below
  // Found without copying the SQL text.
  std::unordered_map<std::string, Cached, core::TextHash, std::equal_to<>> cache_;
  std::string label_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(DatabaseUrl url, const OpenOptions& options) : url_(std::move(url)) {
    const std::string& path = url_.sqlite_path;
    const bool memory = path == ":memory:";
    if (!memory) prepare_file(path, options.create);

    // Every connection of the database uses the same VFS (the mapped one's rule, mapped_vfs.h).
    const bool mapped = options.mapped_reads && !memory;
    auto open_writer = [path, memory, mapped, create = options.create,
                        busy = options.busy_timeout_ms,
                        label = url_.text]() -> std::unique_ptr<Connection> {
      int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
      if (create) flags |= SQLITE_OPEN_CREATE;
      sqlite::DbHandle db = sqlite::open(path, flags, busy, mapped);
      const std::string where = "cannot open SQLite database " + path;
      if (!memory) {
        // Takes effect only in a file without pages yet, so before WAL mode writes the header.
        sqlite::exec(db.get(), "PRAGMA page_size=" + std::to_string(kSqlitePageSize), where);
        std::string mode = sqlite::query_text(db.get(), "PRAGMA journal_mode=WAL", where);
        if (mode != "wal") {
          spdlog::warn(
              "{}: journal_mode is '{}', not 'wal' (the file system may not support "
              "it); readers will wait for writers",
              label, mode);
        }
      }
      sqlite::exec(db.get(), "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON", where);
      // Reading the schema turns "file is not a database" into an error at open, not later.
      sqlite::query_text(db.get(), "SELECT count(*) FROM sqlite_schema", where);
      return std::make_unique<SqliteConnection>(std::move(db), label);
    };
    std::unique_ptr<Connection> writer = open_writer();

    const auto timeout = std::chrono::milliseconds(options.acquire_timeout_ms);
    ConnectionPool::Factory reopen = open_writer;
    if (memory) {
      // A new connection to ":memory:" would be a new, empty database.
      reopen = [label = url_.text]() -> std::unique_ptr<Connection> {
        throw DbError(DbError::Kind::kUnavailable, label + ": the in-memory database is gone");
      };
    }
    writer_ =
        std::make_unique<ConnectionPool>(url_.text + " (writer)", 1, timeout, std::move(reopen));
    writer_->adopt(std::move(writer));
    if (!memory) {
      // Readers: opened on demand; query_only turns an accidental write in read() into an error.
      readers_ = std::make_unique<ConnectionPool>(
          url_.text + " (readers)", options.pool_size, timeout,
          [path, mapped, label = url_.text,
           busy = options.busy_timeout_ms]() -> std::unique_ptr<Connection> {
            sqlite::DbHandle db =
                sqlite::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, busy, mapped);
            sqlite::exec(db.get(), "PRAGMA foreign_keys=ON; PRAGMA query_only=ON", label);
            return std::make_unique<SqliteConnection>(std::move(db), label);
          });
    }
  }

  ~SqliteDatabase() override { close(); }

  Backend backend() const override { return Backend::kSqlite; }
  const DatabaseUrl& url() const override { return url_; }

  PoolStats pool_stats() const override {
    PoolStats s = writer_->stats();
    if (readers_) {
      PoolStats r = readers_->stats();
      s.size += r.size;
      s.in_use += r.in_use;
      s.waiting += r.waiting;
    }
    return s;
  }

  void close() override {
    writer_->close();
    if (readers_) readers_->close();
  }

  bool ping() noexcept override {
    try {
      read([](Tx& tx) { tx.query("SELECT 1"); });
      return true;
    } catch (...) {
      return false;
    }
  }

 protected:
  Lease acquire(bool write) override {
    ConnectionPool* pool = (write || !readers_) ? writer_.get() : readers_.get();
    Connection* c = pool->acquire();
    return Lease(c, [pool](Connection* back) { pool->release(back); });
  }

 private:
  void prepare_file(const std::string& path, bool create) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path file(path);
    if (fs::exists(file, ec)) return;
    if (!create) {
      throw DbError(DbError::Kind::kUnavailable,
                    "the SQLite database file " + path + " does not exist");
    }
    const fs::path folder = file.parent_path();
    if (!folder.empty() && !fs::exists(folder, ec)) {
      fs::create_directories(folder, ec);
      if (ec) {
        throw DbError(DbError::Kind::kUnavailable, "cannot create the folder " + folder.string() +
                                                       " for the SQLite database: " + ec.message());
      }
    }
  }

  DatabaseUrl url_;
  std::unique_ptr<ConnectionPool> writer_;
  std::unique_ptr<ConnectionPool> readers_;  // null for ":memory:" (everything uses the writer)
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const DatabaseUrl& url, const OpenOptions& options) {
  return std::make_unique<SqliteDatabase>(url, options);
}

}  // namespace haven::store
