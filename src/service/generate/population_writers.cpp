// The two sinks of the generator. Into a database: generation on its own thread feeds batches to
// the thread holding the one write transaction, which INSERTs them with cached prepared statements.
// Into files: buffered JSON lines, renamed into place at the end.
#include "service/generate/population_writers.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

namespace haven::service::generate {

namespace {

namespace fs = std::filesystem;
using store::Value;

// Rows per INSERT statement. On SQLite, once parameters are bound by position (the store does so
// for `$1 … $n` in order) and a row's values are swapped in rather than copied, 16 rows a statement
// take about 15 % less CPU than one (fewer steps, resets and statement look-ups; 64 gave no more);
// PostgreSQL pays a round trip per statement instead.
constexpr size_t kRowsPerStatementSqlite = 16;
constexpr size_t kRowsPerStatementPostgres = 200;
// Rows (all tables) handed from the generating thread to the writing one at a time.
constexpr size_t kBatchRows = 20'000;
constexpr size_t kQueuedBatches = 4;

// Rows of every table, in the order generated.
struct Batch {
  std::array<std::vector<Value>, kTableCount> values;
  size_t rows = 0;
  int64_t children_done = 0;  // children generated when the batch was sent, for progress
};

// Hands batches from the generating thread to the thread that holds the transaction (a Tx belongs
// to the thread that got it), and the written ones back: the generating thread frees their strings
// (its own allocations, so glibc takes them back into that thread's cache instead of the writer's
// paying for cross-thread frees) and fills the same vectors again. Bounded, so memory stays flat
// whatever the size.
class BatchQueue {
 public:
  // Blocks while full; false once the reader has given up (the batch is dropped).
  bool push(Batch&& b) {
    std::unique_lock lock(m_);
    not_full_.wait(lock, [&] { return q_.size() < kQueuedBatches || abandoned_; });
    if (abandoned_) return false;
    q_.push_back(std::move(b));
    not_empty_.notify_one();
    return true;
  }
  void close() {
    std::lock_guard lock(m_);
    closed_ = true;
    not_empty_.notify_one();
  }
  void abandon() {
    std::lock_guard lock(m_);
    abandoned_ = true;
    not_full_.notify_all();
  }
  // A written batch, for the generating thread to empty and fill again.
  void recycle(Batch&& b) {
    std::lock_guard lock(m_);
    if (spare_.size() < kQueuedBatches + 1) spare_.push_back(std::move(b));
  }
  bool take_spare(Batch& out) {
    std::lock_guard lock(m_);
    if (spare_.empty()) return false;
    out = std::move(spare_.back());
    spare_.pop_back();
    return true;
  }
  enum class Pop { kBatch, kTimeout, kClosed };
  Pop pop(Batch& out, std::chrono::milliseconds wait) {
    std::unique_lock lock(m_);
    if (!not_empty_.wait_for(lock, wait, [&] { return !q_.empty() || closed_; }))
      return Pop::kTimeout;
    if (q_.empty()) return Pop::kClosed;
    out = std::move(q_.front());
    q_.pop_front();
    not_full_.notify_one();
    return Pop::kBatch;
  }

 private:
  std::mutex m_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Batch> q_;
  std::vector<Batch> spare_;
  bool closed_ = false, abandoned_ = false;
};

// Columns of identity_numbers (kIdentityNumberCols in population.cpp).
constexpr size_t kNumberKind = 3, kNumberValue = 5, kNumberBlindIndex = 6;

// The generating side: collects rows into batches and queues them.
// Sensitive columns are encrypted here, so the work overlaps with the writing thread's; so are the
// identity numbers' blind indexes computed (with the key ring's blind-index key, as intake does).
class QueueSink final : public RecordSink {
 public:
  QueueSink(BatchQueue& queue, std::atomic<bool>& stop, const security::FieldCipher* cipher)
      : queue_(queue), stop_(stop), cipher_(cipher) {
    if (cipher_) blind_.emplace(cipher_->ring());
  }
  void add(Table table, std::span<Value> row) override {
    const TableSpec& spec = table_spec(table);
    if (table == Table::kIdentityNumbers) {
      if (!blind_) throw std::logic_error("an identity number generated without a key ring");
      auto normalized =
          security::normalize_identity_number(std::get<std::string>(row[kNumberValue]));
      if (!normalized.ok()) throw std::runtime_error(normalized.error().message);
      row[kNumberBlindIndex] =
          Value{blind_->compute(std::get<std::string>(row[kNumberKind]), *normalized)};
    }
    for (size_t c = 0; c < row.size(); ++c) {
      if (!spec.encrypted_columns[c]) continue;
      const auto* plain = std::get_if<std::string>(&row[c]);
      if (!plain) continue;  // NULL stays NULL
      if (!cipher_) throw std::logic_error("sensitive content generated without a cipher");
      auto ct =
          cipher_->encrypt(*plain, {spec.name, spec.columns[c], std::get<std::string>(row[0])});
      if (!ct.ok()) throw std::runtime_error(ct.error().message);
      row[c] = store::Blob{std::move(ct).value()};
    }
    auto& buf = batch_.values[static_cast<size_t>(table)];
    for (auto& v : row) buf.push_back(std::move(v));
    ++batch_.rows;
  }
  void household_done() override {
    if (batch_.rows >= kBatchRows) send();
  }
  // Progress is reported as batches are written, not as they are made (which runs ahead).
  void note_progress(int64_t children_done) { children_done_ = children_done; }
  void send() {
    batch_.children_done = children_done_;
    if (batch_.rows && !queue_.push(std::move(batch_))) stop_ = true;
    batch_ = Batch{};
    if (queue_.take_spare(batch_)) {
      for (auto& values : batch_.values) values.clear();  // keeps the capacity
      batch_.rows = 0;
    }
  }

 private:
  BatchQueue& queue_;
  std::atomic<bool>& stop_;
  const security::FieldCipher* cipher_;
  std::optional<security::BlindIndex> blind_;
  Batch batch_;
  int64_t children_done_ = 0;
};

// The writing side: multi-row INSERTs, tables in foreign-key order within each batch. A row's
// values are swapped into the statement's parameters and back (no copy, no allocation, nothing
// freed on this thread): the batch goes back to the generating thread whole.
class BatchWriter {
 public:
  BatchWriter(store::Tx& tx, size_t rows_per_statement)
      : tx_(tx),
        rows_per_statement_(rows_per_statement),
        sqlite_(tx.backend() == store::Backend::kSqlite) {}

  void write(Batch& batch) {
    for (size_t t = 0; t < kTableCount; ++t) write(static_cast<Table>(t), batch.values[t]);
  }

 private:
  void write(Table table, std::vector<Value>& buf) {
    const TableSpec& spec = table_spec(table);
    const size_t width = spec.columns.size();
    const size_t rows = buf.size() / width;
    for (size_t done = 0; done < rows;) {
      // SQLite: the rows left over one at a time (a statement per remainder size would fill the
      // connection's statement cache).
      const size_t k = rows - done >= rows_per_statement_ ? rows_per_statement_
                       : sqlite_                          ? 1
                                                          : rows - done;
      params_.resize(k * width);  // all NULL between statements
      const auto first = buf.begin() + static_cast<ptrdiff_t>(done * width);
      const auto last = first + static_cast<ptrdiff_t>(k * width);
      std::swap_ranges(first, last, params_.begin());
      try {
        tx_.execute(sql(table, k), params_);
      } catch (...) {
        std::swap_ranges(first, last, params_.begin());
        throw;
      }
      std::swap_ranges(first, last, params_.begin());
      done += k;
    }
  }

  const std::string& sql(Table table, size_t rows) {
    auto [it, inserted] = sql_.try_emplace({table, rows});
    if (!inserted) return it->second;
    const TableSpec& spec = table_spec(table);
    std::string s = "INSERT INTO " + std::string(spec.name) + " (";
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      if (c) s += ", ";
      s += spec.columns[c];
    }
    s += ") VALUES ";
    size_t n = 0;
    for (size_t r = 0; r < rows; ++r) {
      s += r ? ", (" : "(";
      for (size_t c = 0; c < spec.columns.size(); ++c) {
        if (c) s += ", ";
        s += '$';
        s += std::to_string(++n);
      }
      s += ')';
    }
    // Counters may exist already (appending): the generator hands back the next free number.
    if (table == Table::kCaseNumberCounters) {
      s += " ON CONFLICT (country, year) DO UPDATE SET next = excluded.next";
    }
    it->second = std::move(s);
    return it->second;
  }

  store::Tx& tx_;
  size_t rows_per_statement_;
  bool sqlite_;
  store::Params params_;
  std::map<std::pair<Table, size_t>, std::string> sql_;
};

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;  // UTF-8 passes through as typed
        }
    }
  }
  out += '"';
}

// One file per table, written under "<table>.jsonl.partial" and renamed by commit().
class JsonLinesSink final : public RecordSink {
 public:
  explicit JsonLinesSink(std::string dir) : dir_(std::move(dir)) {}
  ~JsonLinesSink() override {
    for (size_t t = 0; t < kTableCount; ++t) {
      if (files_[t]) {
        std::fclose(files_[t]);
        std::error_code ec;
        fs::remove(partial(static_cast<Table>(t)), ec);
      }
    }
  }
  JsonLinesSink(const JsonLinesSink&) = delete;
  JsonLinesSink& operator=(const JsonLinesSink&) = delete;

  core::Status open() {
    for (size_t t = 0; t < kTableCount; ++t) {
      files_[t] = std::fopen(partial(static_cast<Table>(t)).c_str(), "wb");
      if (!files_[t]) return core::Error::invalid("cannot write in " + dir_);
    }
    return core::ok_status();
  }

  void add(Table table, std::span<Value> row) override {
    const TableSpec& spec = table_spec(table);
    std::string& out = buffers_[static_cast<size_t>(table)];
    out += '{';
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) out += ',';
      append_json_string(out, file_column_name(spec, c));
      out += ':';
      const Value& v = row[c];
      if (std::holds_alternative<std::monostate>(v)) {
        out += "null";
      } else if (const auto* i = std::get_if<int64_t>(&v)) {
        out += std::to_string(*i);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        if (spec.json_columns[c]) {
          out += *s;
        } else {
          append_json_string(out, *s);
        }
      } else {
        out += "null";  // the generator hands over no reals or blobs (sensitive text is text)
      }
    }
    out += "}\n";
    if (out.size() > (1u << 20)) drain(table);
  }

  core::Status commit() {
    for (size_t t = 0; t < kTableCount; ++t) {
      drain(static_cast<Table>(t));
      const bool ok = std::fflush(files_[t]) == 0 && !std::ferror(files_[t]);
      std::fclose(files_[t]);
      files_[t] = nullptr;
      if (!ok) return core::Error::internal("writing in " + dir_ + " failed (disk full?)");
    }
    for (size_t t = 0; t < kTableCount; ++t) {
      const auto table = static_cast<Table>(t);
      std::error_code ec;
      fs::rename(partial(table), final_path(table), ec);
      if (ec) return core::Error::internal("cannot rename files in " + dir_ + ": " + ec.message());
    }
    return core::ok_status();
  }

 private:
  std::string final_path(Table t) const {
    return (fs::path(dir_) / (std::string(table_spec(t).name) + ".jsonl")).string();
  }
  std::string partial(Table t) const { return final_path(t) + ".partial"; }
  void drain(Table t) {
    std::string& b = buffers_[static_cast<size_t>(t)];
    std::fwrite(b.data(), 1, b.size(), files_[static_cast<size_t>(t)]);
    b.clear();
  }

  std::string dir_;
  std::array<std::FILE*, kTableCount> files_{};
  std::array<std::string, kTableCount> buffers_;
};

// Bulk-load mode for a NEW SQLite database: the writer connection leaves WAL for an in-memory
// rollback journal without fsync while the one transaction runs, so the pages are written once
// into the database file instead of into the WAL, synced, and copied again by the checkpoint, and
// without foreign-key checks (a parent look-up per reference; the generator writes parents first
// and tests/integration/generate_test.cpp checks `PRAGMA foreign_key_check` on its output). A
// new database has almost no pages to journal, so a rollback (an error, Ctrl-C) still restores it;
// a machine crash during the run can leave the new file unusable (generate again). The journal
// mode can only change outside a transaction, hence the COMMIT/BEGIN around the pragmas in the
// store's (still empty) transaction. False when SQLite refuses (another connection in the file):
// then the load runs in WAL as usual.
bool enter_bulk_load(store::Database& db) {
  try {
    return db.write([](store::Tx& tx) {
      tx.execute_script("COMMIT");
      bool on = false;
      try {
        auto mode = tx.query("PRAGMA journal_mode = MEMORY");
        on = !mode.empty() && mode[0].text(0) == "memory";
        if (on) tx.execute_script("PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF");
      } catch (const store::DbError&) {
        on = false;
      }
      tx.execute_script("BEGIN IMMEDIATE");
      return on;
    });
  } catch (const store::DbError&) {
    return false;
  }
}

// Whether an index's keys arrive in ascending order as the generator writes its table, so it can
// stay live during the load: every insert lands at the right edge of the B-tree (or of one of a few
// agencies' ranges), on pages already in the cache. The generator's ids are UUIDv7 from a counter
// (IdMaker) and a table's rows come in the order their case, child or person was made, so indexes
// led by an id column qualify; one led by a date, a name, a blind index or a status does not and is
// built after the load instead (one sort instead of millions of inserts at random places). At a
// million children the deferred indexes cost a full scan of their table each (gigabytes read
// back); the live ones cost nothing after the load. `sql` is the schema's CREATE INDEX.
bool keys_arrive_in_order(std::string_view sql) {
  const size_t open = sql.find('(');
  const size_t close = sql.find(')', open);
  if (open == std::string_view::npos || close == std::string_view::npos) return false;
  const std::string_view columns = sql.substr(open + 1, close - open - 1);
  const size_t comma = columns.find(',');
  std::string_view first = columns.substr(0, comma);
  while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
  while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
  static constexpr std::array<std::string_view, 9> kInOrder = {"id",
                                                               "case_id",
                                                               "child_id",
                                                               "barnahus_case_id",
                                                               "from_child_id",
                                                               "to_child_id",
                                                               "from_person_id",
                                                               "merged_into",
                                                               "entity"};
  if (std::find(kInOrder.begin(), kInOrder.end(), first) != kInOrder.end()) return true;
  // (agency_id) alone: its key is (agency_id, rowid), in order within each agency.
  return comma == std::string_view::npos && (first == "agency_id" || first == "user_id");
}

// Back to what the store opens every connection with (WAL, synchronous FULL): durable again.
void leave_bulk_load(store::Database& db) {
  db.write([](store::Tx& tx) {
    tx.execute_script(
        "COMMIT; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
        "BEGIN IMMEDIATE");
  });
}

}  // namespace

void analyze(store::Database& db) {
  if (db.backend() != store::Backend::kPostgres) return;
  db.write([](store::Tx& tx) { tx.execute_script("ANALYZE"); });
}

core::Result<int64_t> count_existing_records(store::Database& db) {
  try {
    return db.read([](store::Tx& tx) -> int64_t {
      auto row = tx.query_one(
          "SELECT (SELECT COUNT(*) FROM agencies) + (SELECT COUNT(*) FROM children) + "
          "(SELECT COUNT(*) FROM persons) + (SELECT COUNT(*) FROM relationships) + "
          "(SELECT COUNT(*) FROM reports) + (SELECT COUNT(*) FROM cases)");
      return row ? row->integer(0) : 0;
    });
  } catch (const store::DbError& e) {
    return core::Error::unavailable(std::string("cannot read the database: ") + e.what());
  }
}

core::Result<GenerateStats> generate_into_database(store::Database& db,
                                                   const synth::NameData& names,
                                                   GenerateOptions options,
                                                   const RunControl& control,
                                                   const security::FieldCipher* cipher) {
  if (auto valid = validate_options(options); !valid.ok()) return valid.error();
  if (!cipher) options.sensitive_content = false;
  const bool sqlite = db.backend() == store::Backend::kSqlite;
  // Through the writer: a reader connection opened now would keep bulk-load mode off.
  const bool fresh = sqlite && db.write([](store::Tx& tx) {
    return tx.query_one("SELECT (SELECT COUNT(*) FROM children) + (SELECT COUNT(*) FROM agencies)")
               ->integer(0) == 0;
  });
  const bool bulk = fresh && enter_bulk_load(db);
  auto load = [&] {
    return db.write([&](store::Tx& tx) -> core::Result<GenerateStats> {
      for (const auto& r :
           tx.query("SELECT year, next FROM case_number_counters WHERE country = $1",
                    store::params(options.country))) {
        options.counters_next[static_cast<int>(r.integer(0))] = r.integer(1);
      }
      for (const auto& r : tx.query("SELECT name, id FROM agencies WHERE country = $1",
                                    store::params(options.country))) {
        options.existing_agencies.emplace(r.text(0), r.text(1));
      }
      // A million children touch far more index pages than SQLite's default 2 MiB cache holds.
      if (sqlite) tx.execute_script("PRAGMA cache_size = -524288");
      // Into an empty SQLite database, the secondary indexes of every table written (but agencies
      // and counters) whose keys arrive in random order are dropped and built again after the
      // load, inside this transaction (a rollback restores them): one sort is cheaper than
      // millions of inserts at random places of a B-tree. Those whose keys arrive in order stay
      // (keys_arrive_in_order): building them after the load would read each table back. The SQL
      // is the schema's own (names from table_spec, never from input).
      std::vector<std::string> deferred_indexes;
      if (sqlite && options.existing_agencies.empty() &&
          tx.query_one("SELECT COUNT(*) FROM children")->integer(0) == 0) {
        std::string tables;
        for (size_t t = 0; t < kTableCount; ++t) {
          const auto table = static_cast<Table>(t);
          if (table == Table::kAgencies || table == Table::kCaseNumberCounters) continue;
          tables += (tables.empty() ? "'" : ", '") + std::string(table_spec(table).name) + "'";
        }
        for (const auto& r : tx.query(
                 "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
                 "tbl_name IN (" +
                 tables + ") ORDER BY name")) {
          if (keys_arrive_in_order(r.text(1))) continue;
          deferred_indexes.push_back(r.text(1));
          tx.execute_script("DROP INDEX \"" + r.text(0) + "\"");
        }
      }
      // Generation runs on its own thread and feeds this one, which holds the transaction.
      BatchQueue queue;
      std::atomic<bool> stop{false};
      QueueSink sink(queue, stop, cipher);  // used by the producer thread only
      RunControl producer_control;
      producer_control.progress = [&sink](int64_t done) { sink.note_progress(done); };
      producer_control.cancel = &stop;
      core::Result<GenerateStats> stats = core::Error::internal("generation did not run");
      std::thread producer([&] {
        try {
          stats = generate_population(names, options, sink, producer_control);
          if (stats.ok()) sink.send();
        } catch (const std::exception& e) {
          stats = core::Error::internal(std::string("generation failed: ") + e.what());
        }
        queue.close();
      });
      BatchWriter writer(tx, sqlite ? kRowsPerStatementSqlite : kRowsPerStatementPostgres);
      try {
        Batch batch;
        for (;;) {
          if (control.cancel && control.cancel->load()) stop = true;
          const auto got = queue.pop(batch, std::chrono::milliseconds(100));
          if (got == BatchQueue::Pop::kClosed) break;
          if (got == BatchQueue::Pop::kBatch && !stop) {
            writer.write(batch);
            if (control.progress && batch.children_done > 0) control.progress(batch.children_done);
            queue.recycle(std::move(batch));
          }
        }
      } catch (...) {
        stop = true;
        queue.abandon();
        producer.join();
        throw;
      }
      producer.join();
      if (stats.ok() && stop) return core::Error::unavailable("interrupted");
      if (stats.ok()) {
        if (control.step) {
          control.step(deferred_indexes.empty() ? "committing" : "building indexes and committing");
        }
        auto cancelled = [&] { return control.cancel && control.cancel->load(); };
        // The generating thread is done: SQLite's sorter may use the second core for the indexes.
        if (!deferred_indexes.empty()) tx.execute_script("PRAGMA threads = 2");
        for (const auto& sql : deferred_indexes) {
          if (cancelled()) return core::Error::unavailable("interrupted");
          tx.execute_script(sql);
        }
        // The last moment a Ctrl-C can still undo everything; after this the commit runs.
        if (cancelled()) return core::Error::unavailable("interrupted");
      }
      return stats;
    });
  };
  core::Result<GenerateStats> result = core::Error::internal("generation did not run");
  try {
    result = load();
  } catch (...) {
    if (bulk) leave_bulk_load(db);
    throw;
  }
  if (bulk) {
    if (control.step) control.step("syncing");
    leave_bulk_load(db);
  }
  if (sqlite) {
    db.write(
        [](store::Tx& tx) { tx.execute_script("PRAGMA cache_size = -2000; PRAGMA threads = 0"); });
  }
  // PostgreSQL plans from statistics that autovacuum would gather only later: without them the
  // first queries on millions of fresh rows guess from an empty table.
  if (result.ok() && !sqlite) {
    if (control.step) control.step("analyzing");
    analyze(db);
  }
  return result;
}

core::Status prepare_output_directory(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    return core::Error::invalid("cannot create the output folder " + dir + ": " +
                                (ec ? ec.message() : "not a folder"));
  }
  const fs::path probe = fs::path(dir) / ".haven-write-test";
  std::FILE* f = std::fopen(probe.c_str(), "wb");
  if (!f) return core::Error::invalid("the output folder " + dir + " is not writable");
  std::fclose(f);
  fs::remove(probe, ec);
  return core::ok_status();
}

core::Result<GenerateStats> generate_into_directory(const std::string& dir,
                                                    const synth::NameData& names,
                                                    const GenerateOptions& options,
                                                    const RunControl& control) {
  JsonLinesSink sink(dir);
  if (auto opened = sink.open(); !opened.ok()) return opened.error();
  auto stats = generate_population(names, options, sink, control);
  if (!stats.ok()) return stats;
  if (auto done = sink.commit(); !done.ok()) return done.error();
  return stats;
}

}  // namespace haven::service::generate
