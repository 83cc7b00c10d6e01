// The storage interface every repository and service uses, whatever the backend.
//
// A Database owns a pool of connections. Work runs inside one transaction through `write(fn)` or
// `read(fn)`: the function receives a Tx, and the transaction commits when it returns normally —
// and, if it returns a core::Result, only when that Result is ok — and rolls back otherwise (error
// value or exception). SQL uses `$1, $2, …` placeholders on both backends. Prepared statements are
// cached per connection, keyed by the SQL text, so callers just pass the same string again (never
// build SQL with values in it). PostgreSQL infers each parameter's type from where it is used;
// where it cannot (`SELECT $1`, `$1 IS NULL`), write `CAST($1 AS TEXT)`, which both dialects
// accept.
//
// Thread-safety: a Database is shared by all request threads; a Tx belongs to the thread that got
// it. SQLite has one writer connection (writes serialise in-process) and a pool of readers (WAL
// lets them run beside the writer). PostgreSQL has one pool; READ COMMITTED plus row versions for
// conflicts.
//
// Failures of the database itself (unreachable, disk full, constraint violated) throw DbError;
// the service layer turns them into core::Error with `to_error`.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/result.h"
#include "store/database_url.h"
#include "store/value.h"

namespace haven::store {

class DbError : public std::runtime_error {
 public:
  enum class Kind {
    kUnavailable,  // cannot connect, connection lost, server shutting down
    kConstraint,   // unique / foreign key / check violated
    kBusy,         // lock timeout, serialization failure: safe to retry the whole transaction
    kOther,        // SQL error, I/O error, corruption
  };
  DbError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// Maps a DbError to what a caller should see (unavailable → 503, constraint → 409, …). The message
// is generic; details belong in the log, not in an answer to a user.
core::Error to_error(const DbError& e);

// One row of a scan: each column as text (nullopt for NULL). The views are valid only during the
// call that receives them.
using TextRow = std::span<const std::optional<std::string_view>>;
using TextRowVisitor = std::function<void(TextRow)>;

// One row of Connection::scan, read where it lies (in the statement or the backend's result):
// typed like Row — integer() of a non-integer or text() of a non-text column throws ColumnError —
// but nothing is copied, and the views are valid only during the call that receives the row.
class RowView {
 public:
  enum class Kind { kNull, kInteger, kReal, kText, kBlob };  // what Row would hold
  virtual size_t size() const = 0;
  virtual Kind kind(size_t i) const = 0;
  virtual bool is_null(size_t i) const = 0;
  virtual int64_t integer(size_t i) const = 0;
  virtual std::string_view text(size_t i) const = 0;

 protected:
  ~RowView() = default;
};
using RowVisitor = std::function<void(const RowView&)>;

// One backend session. Not thread-safe; reached through Tx.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const = 0;
  // Runs one statement and returns all rows.
  virtual Rows query(std::string_view sql, const Params& params) = 0;
  // Runs one statement and hands each row to `visit` as it arrives, keeping none: for reads of a
  // whole table or index (a million rows) or of a few hundred thousand rows a caller only counts,
  // where building Rows — or, on PostgreSQL, receiving the whole result into fresh memory — would
  // cost more than the query. Columns come as text (numbers in their decimal form; not for
  // BLOB/BYTEA columns, whose text differs by backend). PostgreSQL sends the rows with `COPY (…)
  // TO STDOUT`, which takes no parameters: there each $n is written into the statement as a
  // literal that libpq quotes (texts, numbers; NULL as NULL; blobs are refused), which the
  // server types from its context as it types a parameter.
  virtual void scan_text(std::string_view sql, const Params& params,
                         const TextRowVisitor& visit) = 0;
  // Runs one statement and hands each row to `visit` in place, building no Rows: for a query of
  // many rows that the caller only counts or groups (a year's screening decisions, 250,000 rows at
  // a million children, were 250,000 heap-allocated rows and ids before). SQLite steps the
  // statement; PostgreSQL's result still arrives whole (libpq) but is read where it lies.
  virtual void scan(std::string_view sql, const Params& params, const RowVisitor& visit) = 0;
  // Runs one statement; returns the number of rows it changed.
  virtual int64_t execute(std::string_view sql, const Params& params) = 0;
  // Runs several `;`-separated statements without parameters (migrations, set-up).
  virtual void execute_script(std::string_view sql) = 0;

  // Transaction control, used by Database::run.
  virtual void begin(bool write) = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  // False once the connection is known to be broken; the pool then replaces it.
  virtual bool healthy() const = 0;
};

// The handle a unit of work gets: statements run inside the surrounding transaction.
class Tx {
 public:
  explicit Tx(Connection& c) : c_(c) {}
  Backend backend() const { return c_.backend(); }
  Rows query(std::string_view sql, const Params& p = {}) { return c_.query(sql, p); }
  // The first row, or nullopt when there is none.
  std::optional<Row> query_one(std::string_view sql, const Params& p = {});
  int64_t execute(std::string_view sql, const Params& p = {}) { return c_.execute(sql, p); }
  void execute_script(std::string_view sql) { c_.execute_script(sql); }
  // Connection::scan_text: every row of a statement, as text, one at a time.
  void scan_text(std::string_view sql, const TextRowVisitor& visit) {
    c_.scan_text(sql, {}, visit);
  }
  void scan_text(std::string_view sql, const Params& p, const TextRowVisitor& visit) {
    c_.scan_text(sql, p, visit);
  }
  // Connection::scan: every row of a statement, read in place, one at a time.
  void scan(std::string_view sql, const Params& p, const RowVisitor& visit) {
    c_.scan(sql, p, visit);
  }
  Connection& connection() { return c_; }

 private:
  Connection& c_;
};

struct PoolStats {
  int size = 0;     // connections open
  int in_use = 0;   // leased right now
  int waiting = 0;  // threads waiting for a connection
};

struct OpenOptions {
  int pool_size = 8;               // PostgreSQL connections; SQLite readers
  int busy_timeout_ms = 5000;      // SQLite busy timeout; PostgreSQL lock_timeout
  int acquire_timeout_ms = 10000;  // waiting for a free connection before DbError(kBusy)
  bool create = true;              // SQLite: create the file (and its folder) if missing
  // SQLite: read the file through memory mappings kept while the database is open
  // (store/sqlite/mapped_vfs.h) instead of a system call per page. Pays in a long-running server,
  // which reads the same pages again and again; a one-shot command pays a page fault per page.
  bool mapped_reads = false;
};

template <class T>
struct IsResult : std::false_type {};
template <class T>
struct IsResult<core::Result<T>> : std::true_type {};

class Database {
 public:
  virtual ~Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Opens (and for SQLite creates) the database. Throws DbError(kUnavailable) whose message names
  // the masked URL and the server's reason.
  static std::unique_ptr<Database> open(const DatabaseUrl& url, const OpenOptions& options = {});

  virtual Backend backend() const = 0;
  virtual const DatabaseUrl& url() const = 0;
  virtual PoolStats pool_stats() const = 0;
  // Closes every pooled connection; waits for leased ones to come back. Idempotent.
  virtual void close() = 0;
  // Cheap liveness probe (SELECT 1 on a pooled connection); false instead of throwing.
  virtual bool ping() noexcept = 0;

  template <class F>
  auto write(F&& work) {
    return run(true, std::forward<F>(work));
  }
  template <class F>
  auto read(F&& work) {
    return run(false, std::forward<F>(work));
  }

 protected:
  Database() = default;

  // A pooled connection, given back on destruction.
  class Lease {
   public:
    Lease(Connection* c, std::function<void(Connection*)> give_back)
        : c_(c), give_back_(std::move(give_back)) {}
    Lease(Lease&& o) noexcept
        : c_(std::exchange(o.c_, nullptr)), give_back_(std::move(o.give_back_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (c_) give_back_(c_);
    }
    Connection& operator*() const { return *c_; }

   private:
    Connection* c_;
    std::function<void(Connection*)> give_back_;
  };
  virtual Lease acquire(bool write) = 0;

 private:
  template <class F>
  auto run(bool write, F&& work) -> std::invoke_result_t<F, Tx&> {
    using R = std::invoke_result_t<F, Tx&>;
    Lease lease = acquire(write);
    Connection& c = *lease;
    c.begin(write);
    Tx tx(c);
    try {
      if constexpr (std::is_void_v<R>) {
        work(tx);
        c.commit();
      } else {
        R r = work(tx);
        if constexpr (IsResult<R>::value) {
          if (!r.ok()) {
            c.rollback();
            return r;
          }
        }
        c.commit();
        return r;
      }
    } catch (...) {
      c.rollback();
      throw;
    }
  }
};

}  // namespace haven::store
