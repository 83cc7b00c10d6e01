// PostgreSQL connections over libpqxx 6.4: prepared statements cached per connection by SQL text,
// parameters sent as text (the server infers their types from the statement), results converted by
// column type, and server errors mapped to DbError kinds by SQLSTATE.
#include "store/postgres/postgres_database.h"

#include <poll.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>
#include <optional>
#include <pqxx/binarystring>
#include <pqxx/connection>
#include <pqxx/errorhandler>
#include <pqxx/except>
#include <pqxx/prepared_statement>
#include <pqxx/result>
#include <pqxx/stream_from>
#include <pqxx/transaction>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/connection_pool.h"

namespace haven::store {

namespace {

// Beyond this many distinct statements a connection is retired at its next release (its
// replacement starts with an empty cache): a guard against SQL built with inlined values.
constexpr size_t kMaxPreparedStatements = 512;

// Type OIDs from pg_type.h.
constexpr pqxx::oid kBoolOid = 16;
constexpr pqxx::oid kByteaOid = 17;
constexpr pqxx::oid kInt8Oid = 20;
constexpr pqxx::oid kInt2Oid = 21;
constexpr pqxx::oid kInt4Oid = 23;
constexpr pqxx::oid kOidOid = 26;
constexpr pqxx::oid kFloat4Oid = 700;
constexpr pqxx::oid kFloat8Oid = 701;
constexpr pqxx::oid kNumericOid = 1700;

struct Settings {
  std::string conninfo;  // the URL as given: holds the password, never logged
  std::string label;     // the masked URL, for messages
  int lock_timeout_ms = 5000;
};

// libpq messages: drop "connection to server at … failed:" and "ERROR:  "/"FATAL:  " prefixes,
// trim, join the lines with "; ". Only the first line of a server error is kept: DETAIL lines can
// quote row values (personal data), which must not reach a log.
std::string clean_message(std::string_view raw, bool first_line_only) {
  std::string out;
  std::vector<std::string> seen;
  while (!raw.empty()) {
    size_t nl = raw.find('\n');
    std::string_view line = raw.substr(0, nl);
    raw = nl == std::string_view::npos ? std::string_view() : raw.substr(nl + 1);
    if (size_t failed = line.find(" failed: ");
        failed != std::string_view::npos && line.substr(0, 10) == "connection") {
      line.remove_prefix(failed + 9);
    }
    for (std::string_view prefix : {"ERROR:", "FATAL:"}) {
      if (line.substr(0, prefix.size()) == prefix) line.remove_prefix(prefix.size());
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.substr(0, 7) == "DETAIL:" || line.substr(0, 5) == "HINT:" ||
        line.substr(0, 5) == "LINE " || line.substr(0, 8) == "CONTEXT:" || line.front() == '^') {
      continue;
    }
    std::string l(line);
    bool duplicate = false;
    for (const auto& s : seen) duplicate = duplicate || s == l;
    if (duplicate) continue;
    if (!out.empty()) out += "; ";
    out += l;
    seen.push_back(std::move(l));
    if (first_line_only) break;
  }
  return out;
}

DbError::Kind kind_for_sqlstate(const std::string& state) {
  if (state.size() != 5) return DbError::Kind::kOther;
  if (state.compare(0, 2, "23") == 0) return DbError::Kind::kConstraint;
  if (state == "40001" || state == "40P01" || state == "55P03" || state == "57014") {
    return DbError::Kind::kBusy;
  }
  if (state.compare(0, 2, "08") == 0 || state == "57P01" || state == "57P02" || state == "57P03" ||
      state.compare(0, 2, "53") == 0) {
    return DbError::Kind::kUnavailable;
  }
  return DbError::Kind::kOther;
}

// Server notices (e.g. "relation already exists, skipping") and libpqxx warnings go to the log at
// debug level instead of stderr.
class NoticeToLog final : public pqxx::errorhandler {
 public:
  NoticeToLog(pqxx::connection_base& c, std::string label)
      : pqxx::errorhandler(c), label_(std::move(label)) {}
  bool operator()(const char msg[]) noexcept override {
    try {
      spdlog::debug("{}: {}", label_, clean_message(msg, true));
    } catch (...) {
    }
    return false;  // do not pass it on to the default handler (stderr)
  }

 private:
  const std::string label_;
};

std::string hex_bytea(const Blob& b) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 + b.bytes.size() * 2);
  out += "\\x";
  for (uint8_t byte : b.bytes) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0xF]);
  }
  return out;
}

// One line of COPY's text format split into its columns: tab-separated, `\N` for NULL, and the
// backslash escapes COPY TO writes (\\, \t, \n, \r, \b, \f, \v) undone. The views point into the
// line or into this object, so both must outlive their use.
class CopyLine {
 public:
  TextRow split(std::string& line) {
    if (!line.empty() && line.back() == '\n') line.pop_back();
    size_t columns = 1;
    for (char c : line) columns += c == '\t' ? 1 : 0;
    fields_.assign(columns, std::nullopt);
    unescaped_.resize(columns);  // sized before any view points into it
    size_t at = 0;
    for (size_t i = 0; i < columns; ++i) {
      size_t end = line.find('\t', at);
      if (end == std::string::npos) end = line.size();
      const std::string_view raw(line.data() + at, end - at);
      at = end + 1;
      if (raw == "\\N") continue;
      if (raw.find('\\') == std::string_view::npos) {
        fields_[i] = raw;
        continue;
      }
      std::string& out = unescaped_[i];
      out.clear();
      for (size_t k = 0; k < raw.size(); ++k) {
        if (raw[k] != '\\' || k + 1 == raw.size()) {
          out += raw[k];
          continue;
        }
        switch (const char e = raw[++k]) {
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'v':
            out += '\v';
            break;
          default:
            out += e;  // \\ (and any other character) stands for itself
        }
      }
      fields_[i] = out;
    }
    return fields_;
  }

 private:
  std::vector<std::optional<std::string_view>> fields_;
  std::vector<std::string> unescaped_;
};

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const Settings& settings) : settings_(settings) { connect(); }

  ~PostgresConnection() override {
    tx_.reset();  // rolls back anything left open
    notices_.reset();
  }

  Backend backend() const override { return Backend::kPostgres; }

  Rows query(std::string_view sql, const Params& params) override {
    return to_rows(run(sql, params), sql);
  }

  int64_t execute(std::string_view sql, const Params& params) override {
    return static_cast<int64_t>(run(sql, params).affected_rows());
  }

  void scan(std::string_view sql, const Params& params, const RowVisitor& visit) override {
    const pqxx::result r = run(sql, params);
    const auto columns = r.columns();
    std::vector<pqxx::oid> types(columns);
    for (pqxx::row_size_type c = 0; c < columns; ++c) types[c] = r.column_type(c);
    for (const auto& row : r) visit(PgRowView(*this, row, types, sql));
  }

  void scan_text(std::string_view sql, const Params& params, const TextRowVisitor& visit) override {
    require_tx(sql);
    // libpqxx 6.4's stream_from sends `COPY <name> TO STDOUT` with the name as given, so a
    // parenthesised query streams that query's rows in COPY's text format. Messages name `sql`
    // as written: the values written into it may be personal data.
    std::optional<pqxx::stream_from> copy;
    try {
      copy.emplace(*tx_, "(" + with_literals(sql, params) + ")");
    } catch (...) {
      rethrow(sql);
    }
    std::string line;
    CopyLine fields;
    for (;;) {
      try {
        if (!copy->get_raw_line(line)) break;
      } catch (...) {
        rethrow(sql);
      }
      try {
        visit(fields.split(line));
      } catch (...) {
        healthy_ = false;  // the COPY is cut short: do not reuse this session
        throw;
      }
    }
    try {
      copy->complete();
    } catch (...) {
      rethrow(sql);
    }
  }

  void execute_script(std::string_view sql) override {
    require_tx(sql);
    try {
      tx_->exec(std::string(sql));
    } catch (...) {
      rethrow(sql);
    }
  }

  void begin(bool write) override {
    if (tx_) throw DbError(DbError::Kind::kOther, settings_.label + ": transaction already open");
    // An idle session has nothing to read unless the server ended it (restart, failover,
    // pg_terminate_backend): reconnect before sending anything. Besides saving a failed round
    // trip, this avoids libpqxx 6.4 leaking the result of a query sent on a dead connection.
    if (!conn_ || !conn_->is_open() || server_hung_up()) connect();
    try {
      start(write);
    } catch (const pqxx::broken_connection&) {
      // The connection died while idle without a sign on the socket. Nothing of this transaction
      // has run yet, so a fresh connection is safe; if that fails too, the server is down.
      tx_.reset();
      connect();
      try {
        start(write);
      } catch (...) {
        tx_.reset();
        rethrow("BEGIN");
      }
    } catch (...) {
      tx_.reset();
      rethrow("BEGIN");
    }
  }

  void commit() override {
    require_tx("COMMIT");
    try {
      tx_->commit();
      tx_.reset();
    } catch (const pqxx::in_doubt_error& e) {
      tx_.reset();
      healthy_ = false;
      throw DbError(DbError::Kind::kUnavailable,
                    settings_.label + ": the connection was lost during COMMIT; the transaction " +
                        "may or may not have been committed (" + clean_message(e.what(), true) +
                        ")");
    } catch (...) {
      tx_.reset();
      rethrow("COMMIT");
    }
  }

  void rollback() noexcept override {
    if (!tx_) return;
    try {
      tx_->abort();
    } catch (...) {
      healthy_ = false;  // could not even roll back: do not reuse this session
    }
    try {
      tx_.reset();
    } catch (...) {
      healthy_ = false;
    }
  }

  bool healthy() const override { return healthy_ && conn_ && conn_->is_open(); }

 private:
  void connect() {
    notices_.reset();
    conn_.reset();
    prepared_.clear();
    healthy_ = false;
    try {
      conn_ = std::make_unique<pqxx::connection>(settings_.conninfo);
      notices_ = std::make_unique<NoticeToLog>(*conn_, settings_.label);
      // set_variable (rather than SET) so libpqxx restores them if it ever reconnects by itself.
      conn_->set_variable("lock_timeout", std::to_string(settings_.lock_timeout_ms));
      conn_->set_variable("client_min_messages", "warning");
    } catch (const std::exception& e) {
      notices_.reset();
      conn_.reset();
      throw DbError(DbError::Kind::kUnavailable,
                    "cannot connect to " + settings_.label + ": " + clean_message(e.what(), false));
    }
    healthy_ = true;
  }

  // True when the idle connection's socket is readable or closed: the server sent a goodbye
  // (FATAL 57P01 and EOF) or vanished.
  bool server_hung_up() const {
    pollfd p{conn_->sock(), POLLIN | POLLRDHUP, 0};
    if (p.fd < 0) return true;
    return ::poll(&p, 1, 0) > 0 && (p.revents & (POLLIN | POLLRDHUP | POLLHUP | POLLERR)) != 0;
  }

  void start(bool write) {
    if (write) {
      tx_ = std::make_unique<pqxx::work>(*conn_);
    } else {
      tx_ = std::make_unique<pqxx::read_transaction>(*conn_);
    }
  }

  void require_tx(std::string_view sql) const {
    if (!tx_) {
      throw DbError(DbError::Kind::kOther, settings_.label + ": statement outside a transaction: " +
                                               std::string(sql.substr(0, 200)));
    }
  }

  const std::string& statement_name(std::string_view sql) {
    std::string key(sql);
    if (auto it = prepared_.find(key); it != prepared_.end()) return it->second;
    if (prepared_.size() == kMaxPreparedStatements) {
      spdlog::warn("{}: more than {} distinct statements on one connection; it will be replaced",
                   settings_.label, kMaxPreparedStatements);
      healthy_ = false;
    }
    std::string name = "haven_" + std::to_string(prepared_.size() + 1);
    conn_->prepare(name, key);  // registered with the server on first use
    return prepared_.emplace(std::move(key), std::move(name)).first->second;
  }

  // The text form PostgreSQL is sent for parameter $(i + 1); nullopt for NULL.
  std::optional<std::string> param_text(const Params& params, size_t i) const {
    const Value& v = params[i];
    if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
    if (const auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
    if (const auto* d = std::get_if<double>(&v)) {
      char buf[32];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);  // shortest round-trip form
      return std::string(buf, ec == std::errc() ? end : buf);
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
      if (s->find('\0') != std::string::npos) {
        throw DbError(DbError::Kind::kOther,
                      settings_.label + ": text parameter $" + std::to_string(i + 1) +
                          " contains a NUL character, which PostgreSQL cannot store");
      }
      return *s;
    }
    return hex_bytea(std::get<Blob>(v));
  }

  // `sql` with each $n outside quoted text and identifiers replaced by parameter n as a literal
  // escaped by libpq (PQescapeStringConn, through libpqxx's quote): an untyped literal, which the
  // server types from its context as it types an untyped parameter. For COPY, which takes no
  // parameters (scan_text). Quoted means standard '…' text and "…" identifiers: haven's SQL
  // writes no E'…' or dollar-quoted text.
  std::string with_literals(std::string_view sql, const Params& params) {
    if (params.empty()) return std::string(sql);
    for (const Value& v : params) {
      if (std::holds_alternative<Blob>(v))
        throw DbError(DbError::Kind::kOther, settings_.label + ": scan_text takes no BYTEA value");
    }
    std::string out;
    out.reserve(sql.size() + 16 * params.size());
    char quote = 0;  // the quote character of the text or identifier we are in, if any
    for (size_t i = 0; i < sql.size(); ++i) {
      const char c = sql[i];
      if (quote != 0) {
        if (c == quote) quote = 0;  // a doubled quote closes and reopens: the same either way
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
        size_t end = i + 1;
        size_t n = 0;
        while (end < sql.size() && sql[end] >= '0' && sql[end] <= '9')
          n = n * 10 + static_cast<size_t>(sql[end++] - '0');
        if (n == 0 || n > params.size())
          throw DbError(DbError::Kind::kOther, settings_.label + ": $" + std::to_string(n) +
                                                   " has no parameter (" +
                                                   std::to_string(params.size()) + " given)");
        const std::optional<std::string> text = param_text(params, n - 1);
        out += text ? tx_->quote(*text) : "NULL";
        i = end - 1;
        continue;
      }
      out += c;
    }
    return out;
  }

  pqxx::result run(std::string_view sql, const Params& params) {
    require_tx(sql);
    // Text form of every parameter; nullptr is NULL. `text` is sized first so its strings never
    // move while `values` points into them.
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      std::optional<std::string> t = param_text(params, i);
      if (!t) continue;
      text[i] = std::move(*t);
      values[i] = text[i].c_str();
    }
    try {
      const std::string& name = statement_name(sql);
      return tx_->exec_prepared(name, pqxx::prepare::make_dynamic_params(values));
    } catch (...) {
      rethrow(sql);
    }
  }

  // A row of a result, read in place (scan): each column's kind from its type, as to_rows()
  // converts it; integers converted as to_rows() does.
  class PgRowView final : public RowView {
   public:
    PgRowView(const PostgresConnection& c, const pqxx::row& row,
              const std::vector<pqxx::oid>& types, std::string_view sql)
        : c_(c), row_(row), types_(types), sql_(sql) {}
    size_t size() const override { return types_.size(); }
    Kind kind(size_t i) const override {
      const pqxx::field f = field(i);
      if (f.is_null()) return Kind::kNull;
      switch (types_[i]) {
        case kBoolOid:
        case kInt2Oid:
        case kInt4Oid:
        case kInt8Oid:
        case kOidOid:
          return Kind::kInteger;
        case kFloat4Oid:
        case kFloat8Oid:
          return Kind::kReal;
        case kByteaOid:
          return Kind::kBlob;
        case kNumericOid:  // integral values become integers, as in to_rows()
          return std::holds_alternative<int64_t>(c_.convert(types_[i], f, sql_)) ? Kind::kInteger
                                                                                 : Kind::kReal;
        default:
          return Kind::kText;
      }
    }
    bool is_null(size_t i) const override { return field(i).is_null(); }
    int64_t integer(size_t i) const override {
      if (kind(i) != Kind::kInteger) {
        throw ColumnError("column " + std::to_string(i) + " is not an integer");
      }
      return std::get<int64_t>(c_.convert(types_[i], field(i), sql_));
    }
    std::string_view text(size_t i) const override {
      if (kind(i) != Kind::kText) throw ColumnError("column " + std::to_string(i) + " is not text");
      const pqxx::field f = field(i);
      return {f.c_str(), f.size()};
    }

   private:
    pqxx::field field(size_t i) const {
      if (i >= types_.size()) throw ColumnError("column " + std::to_string(i) + " out of range");
      return row_[static_cast<pqxx::row_size_type>(i)];
    }
    const PostgresConnection& c_;
    const pqxx::row& row_;
    const std::vector<pqxx::oid>& types_;
    std::string_view sql_;
  };

  Rows to_rows(const pqxx::result& r, std::string_view sql) {
    const auto columns = r.columns();
    std::vector<pqxx::oid> types(columns);
    for (pqxx::row_size_type c = 0; c < columns; ++c) types[c] = r.column_type(c);
    Rows rows;
    rows.reserve(r.size());
    for (const auto& row : r) {
      std::vector<Value> values;
      values.reserve(columns);
      for (pqxx::row_size_type c = 0; c < columns; ++c) {
        const pqxx::field f = row[c];
        if (f.is_null()) {
          values.emplace_back(std::monostate{});
          continue;
        }
        values.push_back(convert(types[c], f, sql));
      }
      rows.emplace_back(std::move(values));
    }
    return rows;
  }

  Value convert(pqxx::oid type, const pqxx::field& f, std::string_view sql) const {
    const char* begin = f.c_str();
    const char* end = begin + f.size();
    switch (type) {
      case kInt2Oid:
      case kInt4Oid:
      case kInt8Oid:
      case kOidOid: {
        int64_t n = 0;
        auto [ptr, ec] = std::from_chars(begin, end, n);
        if (ec != std::errc() || ptr != end) break;
        return n;
      }
      case kNumericOid: {
        // Integral numerics (sum() of a BIGINT column is NUMERIC) come back as integers, as they
        // do on SQLite; the rest as doubles.
        int64_t n = 0;
        auto [ptr, ec] = std::from_chars(begin, end, n);
        if (ec == std::errc() && ptr == end) return n;
        [[fallthrough]];
      }
      case kFloat4Oid:
      case kFloat8Oid: {
        double d = 0;
        auto [ptr, ec] = std::from_chars(begin, end, d);
        if (ec != std::errc() || ptr != end) break;
        return d;
      }
      case kBoolOid:
        return int64_t{f.size() > 0 && begin[0] == 't' ? 1 : 0};
      case kByteaOid: {
        pqxx::binarystring b(f);
        Blob blob;
        blob.bytes.assign(b.data(), b.data() + b.size());
        return blob;
      }
      default:
        return std::string(begin, f.size());
    }
    throw DbError(DbError::Kind::kOther, settings_.label + ": cannot read column value '" +
                                             std::string(begin, f.size()).substr(0, 40) +
                                             "' of type " + std::to_string(type) +
                                             " (while "
                                             "running: " +
                                             std::string(sql.substr(0, 200)) + ")");
  }

  // Turns the exception being handled into a DbError. Must be called inside a catch block.
  [[noreturn]] void rethrow(std::string_view sql) {
    const std::string where = " (while running: " + std::string(sql.substr(0, 200)) + ")";
    try {
      throw;
    } catch (const DbError&) {
      throw;
    } catch (const pqxx::broken_connection& e) {
      healthy_ = false;
      throw DbError(DbError::Kind::kUnavailable, settings_.label + ": connection lost: " +
                                                     clean_message(e.what(), false) + where);
    } catch (const pqxx::sql_error& e) {
      const DbError::Kind kind = kind_for_sqlstate(e.sqlstate());
      if (kind == DbError::Kind::kUnavailable) healthy_ = false;
      throw DbError(kind, settings_.label + ": " + clean_message(e.what(), true) + " [SQLSTATE " +
                              e.sqlstate() + "]" + where);
    } catch (const pqxx::in_doubt_error& e) {
      healthy_ = false;
      throw DbError(DbError::Kind::kUnavailable, settings_.label + ": outcome unknown: " +
                                                     clean_message(e.what(), true) + where);
    } catch (const std::exception& e) {
      if (conn_ && !conn_->is_open()) healthy_ = false;
      throw DbError(healthy_ ? DbError::Kind::kOther : DbError::Kind::kUnavailable,
                    settings_.label + ": " + clean_message(e.what(), true) + where);
    }
  }

  const Settings& settings_;
  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<NoticeToLog> notices_;  // after conn_: unregistered before the connection closes
  std::unique_ptr<pqxx::dbtransaction> tx_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text → statement name
  bool healthy_ = false;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(DatabaseUrl url, const OpenOptions& options)
      : url_(std::move(url)),
        settings_{url_.text, url_.masked(), options.busy_timeout_ms},
        pool_(settings_.label, options.pool_size,
              std::chrono::milliseconds(options.acquire_timeout_ms),
              [this]() -> std::unique_ptr<Connection> {
                return std::make_unique<PostgresConnection>(settings_);
              }) {
    pool_.adopt(std::make_unique<PostgresConnection>(settings_));
  }

  ~PostgresDatabase() override { close(); }

  Backend backend() const override { return Backend::kPostgres; }
  const DatabaseUrl& url() const override { return url_; }
  PoolStats pool_stats() const override { return pool_.stats(); }
  void close() override { pool_.close(); }

  bool ping() noexcept override {
    try {
      read([](Tx& tx) { tx.query("SELECT 1"); });
      return true;
    } catch (...) {
      return false;
    }
  }

 protected:
  Lease acquire(bool /*write*/) override {
    return Lease(pool_.acquire(), [this](Connection* c) { pool_.release(c); });
  }

 private:
  DatabaseUrl url_;
  Settings settings_;  // referenced by every connection: declared before the pool
  ConnectionPool pool_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const DatabaseUrl& url, const OpenOptions& options) {
  return std::make_unique<PostgresDatabase>(url, options);
}

}  // namespace haven::store
