// Applying and checking schema migrations. Each migration runs in its own write transaction with
// its schema_migrations row; on PostgreSQL a transaction-scoped advisory lock serialises concurrent
// starts of several haven processes, on SQLite BEGIN IMMEDIATE does.
#include "store/migrator.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <map>

#include "store/embedded_migrations.h"

namespace haven::store {

namespace {

// Key of the advisory lock taken by every migrating transaction on PostgreSQL ("haven" + "mig").
constexpr int64_t kMigrationLockKey = 0x686176656e6d6967;

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "number INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, "
    "applied_at BIGINT NOT NULL)";

struct Recorded {
  std::string name;
  std::string checksum;
  int64_t applied_at = 0;
};
using RecordedMap = std::map<int, Recorded>;  // by number

std::string short_sum(const std::string& checksum) {
  return checksum.substr(0, 12) + "…";
}

std::string changed_message(const std::string& name, const std::string& recorded,
                            const std::string& file) {
  return "migration " + name + " was changed after it was applied (recorded checksum " +
         short_sum(recorded) + ", file " + short_sum(file) +
         "); restore the original file or start from a new database";
}

std::string unknown_message(int number, const Recorded& r) {
  return "the database has migration " + r.name + " (number " + std::to_string(number) +
         "), which this haven binary does not know: the database was migrated by a newer haven; "
         "run that version or a newer one";
}

void lock_for_migration(Tx& tx) {
  if (tx.backend() == Backend::kPostgres) {
    tx.query("SELECT pg_advisory_xact_lock($1)", params(kMigrationLockKey));
  }
}

bool table_exists(Tx& tx) {
  if (tx.backend() == Backend::kPostgres) {
    return tx
        .query_one(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND "
            "table_name = 'schema_migrations'")
        .has_value();
  }
  return tx
      .query_one("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
      .has_value();
}

// nullopt when the table does not exist yet (a database never migrated).
std::optional<RecordedMap> read_recorded(Tx& tx) {
  if (!table_exists(tx)) return std::nullopt;
  RecordedMap out;
  for (const Row& r : tx.query(
           "SELECT number, name, checksum, applied_at FROM schema_migrations ORDER BY number")) {
    out[static_cast<int>(r.integer(0))] = Recorded{r.text(1), r.text(2), r.integer(3)};
  }
  return out;
}

// A refusal when the recorded history does not fit the known migrations, else nullopt.
std::optional<core::Error> check_history(const std::vector<Migration>& known,
                                         const RecordedMap& recorded) {
  for (const Migration& m : known) {
    auto it = recorded.find(m.number);
    if (it != recorded.end() && it->second.checksum != m.checksum) {
      return core::Error::conflict(changed_message(m.name, it->second.checksum, m.checksum));
    }
  }
  for (const auto& [number, r] : recorded) {
    bool is_known = std::any_of(known.begin(), known.end(),
                                [n = number](const Migration& m) { return m.number == n; });
    if (!is_known) return core::Error::conflict(unknown_message(number, r));
  }
  return std::nullopt;
}

core::Error from_db_error(const DbError& e, const std::string& context) {
  core::Error out = to_error(e);
  out.message = context + ": " + e.what();
  return out;
}

}  // namespace

std::string migration_checksum(std::string_view sql) {
  static const int ready = sodium_init();  // idempotent; selects the fastest BLAKE2b code
  (void)ready;
  std::array<unsigned char, crypto_generichash_BYTES> hash{};
  static_assert(crypto_generichash_BYTES == 32, "BLAKE2b-256");
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(sql.data()),
                     sql.size(), nullptr, 0);
  std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  return std::string(hex.data(), hash.size() * 2);
}

const std::vector<Migration>& embedded_migrations(Backend backend) {
  auto build = [](Backend b) {
    std::vector<Migration> out;
    for (const EmbeddedMigrationFile& f : embedded_migration_files(b)) {
      out.push_back(
          Migration{f.number, std::string(f.name), std::string(f.sql), migration_checksum(f.sql)});
    }
    return out;
  };
  static const std::vector<Migration> sqlite = build(Backend::kSqlite);
  static const std::vector<Migration> postgres = build(Backend::kPostgres);
  return backend == Backend::kPostgres ? postgres : sqlite;
}

Migrator::Migrator(Database& db, const core::Clock& clock)
    : Migrator(db, embedded_migrations(db.backend()), clock) {}

Migrator::Migrator(Database& db, std::vector<Migration> migrations, const core::Clock& clock)
    : db_(db), migrations_(std::move(migrations)), clock_(clock) {
  for (Migration& m : migrations_) {
    if (m.checksum.empty()) m.checksum = migration_checksum(m.sql);
  }
  std::sort(migrations_.begin(), migrations_.end(),
            [](const Migration& a, const Migration& b) { return a.number < b.number; });
}

core::Result<std::vector<MigrationStatus>> Migrator::status() {
  try {
    std::optional<RecordedMap> recorded = db_.read([](Tx& tx) { return read_recorded(tx); });
    std::vector<MigrationStatus> out;
    for (const Migration& m : migrations_) {
      MigrationStatus s{m.number, m.name, false, std::nullopt, false, false};
      if (recorded) {
        if (auto it = recorded->find(m.number); it != recorded->end()) {
          s.applied = true;
          s.applied_at = core::Timestamp{it->second.applied_at};
          s.changed = it->second.checksum != m.checksum;
        }
      }
      out.push_back(std::move(s));
    }
    if (recorded) {
      for (const auto& [number, r] : *recorded) {
        bool is_known = std::any_of(migrations_.begin(), migrations_.end(),
                                    [n = number](const Migration& m) { return m.number == n; });
        if (!is_known) {
          out.push_back(
              MigrationStatus{number, r.name, true, core::Timestamp{r.applied_at}, false, true});
        }
      }
    }
    return out;
  } catch (const DbError& e) {
    return from_db_error(e, "cannot read the migration state of " + db_.url().masked());
  }
}

core::Result<int> Migrator::apply_pending() {
  const std::string where = db_.url().masked();
  try {
    db_.write([](Tx& tx) {
      lock_for_migration(tx);
      tx.execute_script(kCreateTable);
    });
    RecordedMap recorded = *db_.read([](Tx& tx) { return read_recorded(tx); });
    if (auto refusal = check_history(migrations_, recorded)) return *refusal;

    int applied = 0;
    for (const Migration& m : migrations_) {
      if (recorded.count(m.number) != 0) continue;
      core::Result<bool> done = db_.write([&](Tx& tx) -> core::Result<bool> {
        lock_for_migration(tx);
        // Another process may have applied it while this one waited for the lock.
        if (auto row = tx.query_one("SELECT checksum FROM schema_migrations WHERE number = $1",
                                    params(m.number))) {
          if (row->text(0) != m.checksum) {
            return core::Error::conflict(changed_message(m.name, row->text(0), m.checksum));
          }
          return false;
        }
        try {
          tx.execute_script(m.sql);
        } catch (const DbError& e) {
          throw DbError(e.kind(), "migration " + m.name +
                                      " failed and was rolled back: " + std::string(e.what()));
        }
        tx.execute(
            "INSERT INTO schema_migrations (number, name, checksum, applied_at) "
            "VALUES ($1, $2, $3, $4)",
            params(m.number, m.name, m.checksum, clock_.now().ms));
        return true;
      });
      if (!done.ok()) return done.take_error();
      if (*done) {
        ++applied;
        spdlog::info("applied migration {} to {}", m.name, where);
      }
    }
    return applied;
  } catch (const DbError& e) {
    return from_db_error(e, "cannot migrate " + where);
  }
}

core::Status Migrator::check_current() {
  auto st = status();
  if (!st.ok()) return st.take_error();
  int pending = 0;
  std::string first_pending;
  for (const MigrationStatus& s : *st) {
    if (s.unknown) {
      return core::Error::conflict("the database has migration " + s.name +
                                   ", which this haven binary does not know: it was migrated by a "
                                   "newer haven");
    }
    if (s.changed) {
      return core::Error::conflict("migration " + s.name +
                                   " was changed after it was applied; restore the original file "
                                   "or start from a new database");
    }
    if (!s.applied && pending++ == 0) first_pending = s.name;
  }
  if (pending > 0) {
    return core::Error::unavailable(
        std::to_string(pending) + " migration" + (pending == 1 ? " is" : "s are") +
        " not applied yet (first: " + first_pending + "); run `haven migrate`");
  }
  return core::ok_status();
}

}  // namespace haven::store
