// The Database contract on both backends: values round-trip, transactions commit or leave nothing,
// errors come back as the right DbError kind, statements are reused, and concurrent version-checked
// writers lose nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "store/database.h"
#include "support/test_databases.h"

namespace haven::store {
namespace {

using haven::testing::DatabaseTest;
using haven::testing::TestDatabaseOptions;

// A scratch table in each dialect (the statements that use it are the same on both).
void create_items(Database& db) {
  db.write([](Tx& tx) {
    if (tx.backend() == Backend::kPostgres) {
      tx.execute_script(
          "CREATE TABLE items (id TEXT PRIMARY KEY, n BIGINT, x DOUBLE PRECISION, t TEXT, "
          "b BYTEA, version INTEGER NOT NULL DEFAULT 1)");
    } else {
      tx.execute_script(
          "CREATE TABLE items (id TEXT PRIMARY KEY, n INTEGER, x REAL, t TEXT, b BLOB, "
          "version INTEGER NOT NULL DEFAULT 1) STRICT");
    }
  });
}

int64_t count_items(Database& db) {
  return db.read([](Tx& tx) { return tx.query_one("SELECT count(*) FROM items")->integer(0); });
}

class StoreDatabase : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    create_items(db());
  }
};

TEST_P(StoreDatabase, EveryValueTypeRoundTrips) {
  const std::string unicode =
      "Ščerbakovs Юлія 李小龍 👧🏽 — \"quoted\" 'single' \\ back";
  Blob bytes;
  for (int i = 0; i < 256; ++i) bytes.bytes.push_back(static_cast<uint8_t>(i));
  struct Case {
    std::string id;
    Value n, x, t, b;
  };
  const std::vector<Case> cases = {
      {"nulls", std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{}},
      {"values", int64_t{42}, 3.25, unicode, bytes},
      {"extremes", std::numeric_limits<int64_t>::min(), 1.0 / 3.0, std::string(), Blob{}},
      {"max", std::numeric_limits<int64_t>::max(), -1.5e300, std::string(10000, 'x'), Blob{{0x00}}},
  };
  db().write([&](Tx& tx) {
    for (const Case& c : cases) {
      EXPECT_EQ(tx.execute("INSERT INTO items (id, n, x, t, b) VALUES ($1, $2, $3, $4, $5)",
                           {c.id, c.n, c.x, c.t, c.b}),
                1);
    }
  });
  db().read([&](Tx& tx) {
    for (const Case& c : cases) {
      auto row = tx.query_one("SELECT n, x, t, b FROM items WHERE id = $1", params(c.id));
      ASSERT_TRUE(row.has_value()) << c.id;
      EXPECT_EQ((*row)[0], c.n) << c.id;
      EXPECT_EQ((*row)[1], c.x) << c.id;
      EXPECT_EQ((*row)[2], c.t) << c.id;
      EXPECT_EQ((*row)[3], c.b) << c.id;
    }
  });
}

TEST_P(StoreDatabase, PlaceholdersBindByNumberWhateverTheirOrderAndRepetition) {
  db().write([](Tx& tx) {
    tx.execute("INSERT INTO items (t, id, n) VALUES ($2, $1, $3)", params("a", "second", 7));
  });
  auto row = db().read([](Tx& tx) {
    return tx.query_one("SELECT id, t, n FROM items WHERE id = $1 AND n = $2 AND n > $2 - 1",
                        params("a", 7));
  });
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->text(1), "second");
}

TEST_P(StoreDatabase, WrongParameterCountIsAnError) {
  EXPECT_THROW(
      db().write([](Tx& tx) { tx.execute("INSERT INTO items (id) VALUES ($1)", params("a", 1)); }),
      DbError);
  EXPECT_EQ(count_items(db()), 0);
}

TEST_P(StoreDatabase, ExecuteCountsChangedRowsAndQueryOneFindsNothingAsNullopt) {
  db().write([](Tx& tx) {
    for (int i = 0; i < 5; ++i) {
      tx.execute("INSERT INTO items (id, n) VALUES ($1, $2)", params("i" + std::to_string(i), i));
    }
    EXPECT_EQ(tx.execute("UPDATE items SET n = n + 10 WHERE n >= $1", params(3)), 2);
    EXPECT_EQ(tx.execute("DELETE FROM items WHERE id = $1", params("nope")), 0);
    EXPECT_FALSE(tx.query_one("SELECT id FROM items WHERE id = $1", params("nope")).has_value());
    auto sum = tx.query_one("SELECT sum(n) FROM items");
    EXPECT_EQ(sum->integer(0), 0 + 1 + 2 + 13 + 14);  // integral on both backends
  });
}

TEST_P(StoreDatabase, CommitsWhenTheWorkReturnsNormally) {
  db().write([](Tx& tx) { tx.execute("INSERT INTO items (id) VALUES ($1)", params("kept")); });
  EXPECT_EQ(count_items(db()), 1);
}

TEST_P(StoreDatabase, ExceptionRollsBackEverything) {
  EXPECT_THROW(db().write([](Tx& tx) {
    tx.execute("INSERT INTO items (id) VALUES ($1)", params("one"));
    tx.execute("INSERT INTO items (id) VALUES ($1)", params("two"));
    throw std::runtime_error("changed my mind");
  }),
               std::runtime_error);
  EXPECT_EQ(count_items(db()), 0);
}

TEST_P(StoreDatabase, ErrorResultRollsBackEverythingAndIsReturned) {
  core::Result<int> r = db().write([](Tx& tx) -> core::Result<int> {
    tx.execute("INSERT INTO items (id) VALUES ($1)", params("one"));
    return core::Error::conflict("stale version");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "stale version");
  EXPECT_EQ(count_items(db()), 0);

  core::Status ok = db().write([](Tx& tx) -> core::Status {
    tx.execute("INSERT INTO items (id) VALUES ($1)", params("two"));
    return core::ok_status();
  });
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(count_items(db()), 1);
}

TEST_P(StoreDatabase, ConstraintViolationsAreKConstraintAndLeaveNothing) {
  db().write([](Tx& tx) { tx.execute("INSERT INTO items (id) VALUES ($1)", params("dup")); });
  try {
    db().write([](Tx& tx) {
      tx.execute("INSERT INTO items (id) VALUES ($1)", params("fresh"));
      tx.execute("INSERT INTO items (id) VALUES ($1)", params("dup"));
    });
    FAIL() << "duplicate primary key accepted";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kConstraint) << e.what();
    EXPECT_EQ(to_error(e).code, core::ErrorCode::kConflict);
  }
  EXPECT_EQ(count_items(db()), 1);  // "fresh" was rolled back with the failed insert
}

TEST_P(StoreDatabase, SchemaConstraintsAreEnforced) {
  // The migrated schema: a foreign key, a CHECK and NOT NULL, each a kConstraint on both backends.
  auto expect_constraint = [&](const char* sql, const Params& p) {
    try {
      db().write([&](Tx& tx) { tx.execute(sql, p); });
      ADD_FAILURE() << "accepted: " << sql;
    } catch (const DbError& e) {
      EXPECT_EQ(e.kind(), DbError::Kind::kConstraint) << sql << ": " << e.what();
    }
  };
  expect_constraint(
      "INSERT INTO teams (id, agency_id, name, created_at, updated_at) VALUES ($1, $2, $3, 0, 0)",
      params("t1", "no-such-agency", "Team"));
  expect_constraint(
      "INSERT INTO agencies (id, name, kind, country, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, 0, 0)",
      params("a1", "Agency", "municipal", "SWE"));
  expect_constraint(
      "INSERT INTO agencies (id, name, kind, country, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, 0, 0)",
      params("a1", nullptr, "municipal", "SE"));
}

// What a scan hands over, copied out of the views it lends.
using TextRows = std::vector<std::vector<std::optional<std::string>>>;
TextRows scan_all(Tx& tx, std::string_view sql, const Params& p = {}) {
  TextRows out;
  tx.scan_text(sql, p, [&](TextRow row) {
    out.emplace_back();
    for (const auto& field : row) {
      out.back().push_back(field ? std::optional<std::string>(*field) : std::nullopt);
    }
  });
  return out;
}

TEST_P(StoreDatabase, ScanTextHandsOverEveryRowAsTextWithNullsAndControlCharacters) {
  // PostgreSQL streams with COPY, whose text format escapes tabs, newlines and backslashes and
  // writes NULL as \N: each must come back as stored, and the text "\N" must stay text.
  const std::vector<std::pair<std::string, std::optional<std::string>>> texts = {
      {"a", "Ščerbakovs Юлія 👧🏽"},
      {"b", "tab\there"},
      {"c", "line\nbreak\r\n"},
      {"d", "back\\slash \\N \\t"},
      {"e", "\\N"},
      {"f", ""},
      {"g", std::nullopt},
      {"h", "\b\f\v end"},
  };
  db().write([&](Tx& tx) {
    int64_t n = -3;
    for (const auto& [id, t] : texts) {
      tx.execute("INSERT INTO items (id, n, t) VALUES ($1, $2, $3)", params(id, n, t));
      n *= 10;
    }
  });
  const TextRows rows =
      db().read([](Tx& tx) { return scan_all(tx, "SELECT id, n, t FROM items ORDER BY id"); });
  ASSERT_EQ(rows.size(), texts.size());
  int64_t n = -3;
  for (size_t i = 0; i < texts.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 3u);
    EXPECT_EQ(rows[i][0], texts[i].first);
    EXPECT_EQ(rows[i][1], std::to_string(n)) << texts[i].first;
    EXPECT_EQ(rows[i][2], texts[i].second) << texts[i].first;
    n *= 10;
  }
}

TEST_P(StoreDatabase, ScanTextReadsManyRowsInOrderAndNoneFromAnEmptyResult) {
  db().write([](Tx& tx) {
    for (int i = 0; i < 5000; ++i) {
      tx.execute("INSERT INTO items (id, n) VALUES ($1, $2)",
                 params(std::to_string(100000 + i), i));
    }
  });
  db().read([](Tx& tx) {
    int64_t seen = 0;
    tx.scan_text("SELECT id, n, t FROM items ORDER BY id", [&](TextRow row) {
      EXPECT_EQ(row[0], std::to_string(100000 + seen));
      EXPECT_EQ(row[1], std::to_string(seen));
      EXPECT_FALSE(row[2].has_value());
      ++seen;
    });
    EXPECT_EQ(seen, 5000);
    EXPECT_TRUE(scan_all(tx, "SELECT id FROM items WHERE n < 0").empty());
  });
}

TEST_P(StoreDatabase, ScanTextTakesParametersAsValuesWhereverTheyStand) {
  // PostgreSQL's COPY takes no parameters, so there they are written into the statement: a quote
  // or SQL inside a value must stay a value, a $1 inside the statement's own text must stay text.
  const std::string attack = "x'); DELETE FROM items; --";
  db().write([&](Tx& tx) {
    tx.execute("INSERT INTO items (id, n, t) VALUES ('a', 1, $1), ('b', 20, $2), ('c', 300, NULL)",
               params(std::string("O'Brien $1"), attack));
  });
  const std::string sql =
      "SELECT id, t, '$1 stays', n * $1 FROM items WHERE n >= $1 AND (t = $2 OR t IS NULL "
      "AND $3 IS NULL) ORDER BY id";
  TextRows rows = db().read([&](Tx& tx) { return scan_all(tx, sql, params(20, attack, nullptr)); });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], "b");
  EXPECT_EQ(rows[0][1], attack);
  EXPECT_EQ(rows[0][2], "$1 stays");
  EXPECT_EQ(rows[0][3], "400");
  EXPECT_EQ(rows[1][0], "c");
  rows = db().read(
      [&](Tx& tx) { return scan_all(tx, sql, params(1, std::string("O'Brien $1"), "none")); });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][1], "O'Brien $1");
  EXPECT_EQ(count_items(db()), 3);
}

TEST_P(StoreDatabase, ScanTextFailuresReachTheCallerAndLeaveTheDatabaseUsable) {
  try {
    db().read([](Tx& tx) { scan_all(tx, "SELECT no_such_column FROM items"); });
    FAIL() << "bad SQL accepted";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kOther) << e.what();
  }
  db().write([](Tx& tx) {
    for (int i = 0; i < 3000; ++i)
      tx.execute("INSERT INTO items (id) VALUES ($1)", params(std::to_string(i)));
  });
  // The caller's own exception, thrown while rows are still arriving, comes through unchanged.
  for (int attempt = 0; attempt < 3; ++attempt) {
    EXPECT_THROW(db().read([](Tx& tx) {
      tx.scan_text("SELECT id FROM items", [](TextRow) { throw std::runtime_error("stop"); });
    }),
                 std::runtime_error);
    EXPECT_EQ(count_items(db()), 3000);
  }
}

TEST_P(StoreDatabase, ScanReadsEveryRowInPlaceTypedAsQueryReadsIt) {
  db().write([](Tx& tx) {
    tx.execute("INSERT INTO items (id, n, x, t) VALUES ($1, $2, $3, $4)",
               params("a", int64_t{-7}, 2.5, std::string("Ščerbakovs Юлія")));
    tx.execute("INSERT INTO items (id, n, t) VALUES ($1, $2, $3)",
               params("b", std::numeric_limits<int64_t>::max(), std::string("")));
    tx.execute("INSERT INTO items (id) VALUES ($1)", params("c"));
    tx.execute("INSERT INTO items (id, n) VALUES ($1, $2)", params("d", int64_t{1}));
  });
  struct Seen {
    std::string id;
    std::optional<int64_t> n;
    std::optional<std::string> t;
  };
  const std::vector<Seen> seen = db().read([](Tx& tx) {
    std::vector<Seen> out;
    // A bound parameter, as query() takes them.
    tx.scan(
        "SELECT id, n, t, count(*) OVER () FROM items WHERE id < $1 ORDER BY id", params("d"),
        [&](const RowView& row) {
          EXPECT_EQ(row.size(), 4u);
          EXPECT_EQ(row.integer(3), 3);
          out.push_back({std::string(row.text(0)),
                         row.is_null(1) ? std::nullopt : std::optional(row.integer(1)),
                         row.is_null(2) ? std::nullopt : std::optional<std::string>(row.text(2))});
        });
    return out;
  });
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].id, "a");
  EXPECT_EQ(seen[0].n, -7);
  EXPECT_EQ(seen[0].t, "Ščerbakovs Юлія");
  EXPECT_EQ(seen[1].n, std::numeric_limits<int64_t>::max());
  EXPECT_EQ(seen[1].t, "");
  EXPECT_FALSE(seen[2].n.has_value());
  EXPECT_FALSE(seen[2].t.has_value());
}

TEST_P(StoreDatabase, ScanRefusesTheWrongTypeAndPassesTheCallersErrorsThrough) {
  db().write([](Tx& tx) {
    for (int i = 0; i < 3000; ++i) {
      tx.execute("INSERT INTO items (id, n, x) VALUES ($1, $2, 0.5)",
                 params(std::to_string(100000 + i), i));
    }
  });
  // Like Row: a number is not text, text is not a number, NULL is neither, no column past the end.
  db().read([](Tx& tx) {
    int64_t rows = 0;
    tx.scan("SELECT id, n, x, t FROM items WHERE n < $1 ORDER BY id", params(int64_t{2}),
            [&](const RowView& row) {
              EXPECT_THROW(row.text(1), ColumnError);
              EXPECT_THROW(row.integer(0), ColumnError);
              EXPECT_THROW(row.integer(2), ColumnError);
              EXPECT_THROW(row.text(3), ColumnError);
              EXPECT_THROW(row.integer(3), ColumnError);
              EXPECT_THROW(row.text(4), ColumnError);
              EXPECT_EQ(row.integer(1), rows++);
            });
    EXPECT_EQ(rows, 2);
  });
  EXPECT_THROW(db().read([](Tx& tx) {
    tx.scan("SELECT no_such_column FROM items", {}, [](const RowView&) {});
  }),
               DbError);
  // The caller's exception, thrown while rows are still coming, comes through unchanged, and
  // the statement can be run again at once.
  for (int attempt = 0; attempt < 3; ++attempt) {
    EXPECT_THROW(db().read([](Tx& tx) {
      tx.scan("SELECT id FROM items WHERE n >= $1", params(int64_t{0}),
              [](const RowView&) { throw std::runtime_error("stop"); });
    }),
                 std::runtime_error);
    const int64_t all = db().read([](Tx& tx) {
      int64_t n = 0;
      tx.scan("SELECT id FROM items WHERE n >= $1", params(int64_t{0}),
              [&](const RowView&) { ++n; });
      return n;
    });
    EXPECT_EQ(all, 3000);
  }
}

TEST_P(StoreDatabase, SqlErrorsAreKOtherAndMapToInternal) {
  try {
    db().read([](Tx& tx) { tx.query("SELECT no_such_column FROM items"); });
    FAIL() << "bad SQL accepted";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kOther) << e.what();
    EXPECT_NE(std::string(e.what()).find("no_such_column"), std::string::npos) << e.what();
    core::Error err = to_error(e);
    EXPECT_EQ(err.code, core::ErrorCode::kInternal);
    EXPECT_EQ(err.message.find("no_such_column"), std::string::npos) << "details leak to users";
  }
}

TEST_P(StoreDatabase, ReadTransactionsCannotWrite) {
  EXPECT_THROW(db().read([](Tx& tx) { tx.execute("INSERT INTO items (id) VALUES ('r')"); }),
               DbError);
  EXPECT_EQ(count_items(db()), 0);
}

TEST_P(StoreDatabase, ConnectionStaysUsableAfterAFailedTransaction) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_THROW(db().write([](Tx& tx) { tx.query("SELECT * FROM no_such_table"); }), DbError);
    db().write([&](Tx& tx) {
      tx.execute("INSERT INTO items (id) VALUES ($1)", params("ok" + std::to_string(i)));
    });
  }
  EXPECT_EQ(count_items(db()), 3);
}

TEST_P(StoreDatabase, PreparedStatementsAreReusedAcrossManyCalls) {
  constexpr int kRows = 2000;
  db().write([](Tx& tx) {
    for (int i = 0; i < kRows; ++i) {
      tx.execute(
          "INSERT INTO items (id, n, t) VALUES ($1, $2, $3)",
          params("row" + std::to_string(i), i, std::string(static_cast<size_t>(i % 7), 'z')));
    }
  });
  for (int round = 0; round < 3; ++round) {
    db().read([](Tx& tx) {
      for (int i = 0; i < kRows; i += 97) {
        auto row =
            tx.query_one("SELECT n, t FROM items WHERE id = $1", params("row" + std::to_string(i)));
        ASSERT_TRUE(row.has_value());
        EXPECT_EQ(row->integer(0), i);
        EXPECT_EQ(row->text(1).size(), static_cast<size_t>(i % 7));
      }
    });
  }
  EXPECT_EQ(count_items(db()), kRows);
}

TEST_P(StoreDatabase, ReadersSeeCommittedWrites) {
  db().write([](Tx& tx) { tx.execute("INSERT INTO items (id, n) VALUES ('seen', 1)"); });
  // Several concurrent readers (separate pooled connections) all see the committed row.
  std::vector<std::thread> readers;
  std::atomic<int> seen{0};
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&] {
      db().read([&](Tx& tx) {
        if (tx.query_one("SELECT n FROM items WHERE id = 'seen'")) ++seen;
      });
    });
  }
  for (auto& t : readers) t.join();
  EXPECT_EQ(seen, 4);
}

TEST_P(StoreDatabase, ConcurrentVersionCheckedWritersLoseNothing) {
  db().write([](Tx& tx) { tx.execute("INSERT INTO items (id, n, version) VALUES ('c', 0, 1)"); });
  constexpr int kThreads = 4;
  constexpr int kIncrements = 50;
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements;) {
        // Read in one transaction, write in another naming the version read: a lost update shows
        // up as 0 rows changed, and the caller retries (what a 409 + reload does for a user).
        auto [n, version] = db().read([](Tx& tx) {
          auto row = tx.query_one("SELECT n, version FROM items WHERE id = 'c'");
          return std::pair{row->integer(0), row->integer(1)};
        });
        int64_t changed = db().write([&](Tx& tx) {
          return tx.execute(
              "UPDATE items SET n = $1, version = version + 1 WHERE id = 'c' AND version = $2",
              params(n + 1, version));
        });
        if (changed == 1) {
          ++i;
        } else {
          ++conflicts;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  auto row = db().read([](Tx& tx) { return tx.query_one("SELECT n, version FROM items"); });
  EXPECT_EQ(row->integer(0), kThreads * kIncrements);
  EXPECT_EQ(row->integer(1), kThreads * kIncrements + 1);
  // Not asserted (timing-dependent), but worth seeing that the check actually fired.
  RecordProperty("version_conflicts", conflicts.load());
}

TEST_P(StoreDatabase, ConcurrentInsertsFromManyThreadsAllLand) {
  constexpr int kThreads = 6;
  constexpr int kEach = 40;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        db().write([&](Tx& tx) {
          tx.execute("INSERT INTO items (id, n) VALUES ($1, $2)",
                     params(std::to_string(t) + "/" + std::to_string(i), i));
        });
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(count_items(db()), kThreads * kEach);
  PoolStats s = db().pool_stats();
  EXPECT_EQ(s.in_use, 0);
  EXPECT_GE(s.size, 1);
}

TEST_P(StoreDatabase, WaitingForALockLongerThanTheBusyTimeoutIsKBusy) {
  using namespace std::chrono_literals;
  db().write([](Tx& tx) { tx.execute("INSERT INTO items (id, n) VALUES ('locked', 0)"); });
  OpenOptions quick;
  quick.busy_timeout_ms = 200;  // SQLite busy timeout; PostgreSQL lock_timeout
  auto other = Database::open(test_db().url(), quick);  // another process, in effect
  std::promise<void> locked;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::thread holder([&] {
    db().write([&](Tx& tx) {
      tx.execute("UPDATE items SET n = 1 WHERE id = 'locked'");
      locked.set_value();
      released.wait_for(10s);
    });
  });
  ASSERT_EQ(locked.get_future().wait_for(10s), std::future_status::ready);
  const auto started = std::chrono::steady_clock::now();
  try {
    other->write([](Tx& tx) { tx.execute("UPDATE items SET n = 2 WHERE id = 'locked'"); });
    ADD_FAILURE() << "the update did not wait for the lock";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kBusy) << e.what();
    EXPECT_EQ(to_error(e).code, core::ErrorCode::kUnavailable);
  }
  const auto waited = std::chrono::steady_clock::now() - started;
  release.set_value();
  holder.join();
  EXPECT_GE(waited, 150ms);
  EXPECT_LT(waited, 3s);
  EXPECT_EQ(other->read([](Tx& tx) {
    return tx.query_one("SELECT n FROM items WHERE id = 'locked'")->integer(0);
  }),
            1);
  other->close();
}

TEST_P(StoreDatabase, PingAnswersAndCloseIsIdempotent) {
  EXPECT_TRUE(db().ping());
  db().close();
  EXPECT_FALSE(db().ping());
  db().close();
  try {
    db().read([](Tx& tx) { tx.query("SELECT 1"); });
    FAIL() << "a closed database answered";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUnavailable);
  }
}

HAVEN_INSTANTIATE_BACKENDS(StoreDatabase);

// The migrated base schema on both backends: every table there, and empty.
class StoreBaseSchema : public DatabaseTest {};

TEST_P(StoreBaseSchema, HasEveryBaseTableEmpty) {
  for (const char* table : {"settings", "agencies", "teams", "users", "team_members", "children",
                            "persons", "relationships", "case_number_counters", "cases", "reports",
                            "record_history", "audit_events", "sessions"}) {
    int64_t n = db().read([&](Tx& tx) {
      return tx.query_one(std::string("SELECT count(*) FROM ") + table)->integer(0);
    });
    EXPECT_EQ(n, 0) << table;
  }
}

TEST_P(StoreBaseSchema, CaseNumberCounterIncrementsWithUpsertReturning) {
  // The portable subset promised by DESIGN.md: INSERT … ON CONFLICT … DO UPDATE … RETURNING.
  auto next = [&] {
    return db().write([](Tx& tx) {
      return tx
          .query_one(
              "INSERT INTO case_number_counters (country, year, next) VALUES ($1, $2, 2) "
              "ON CONFLICT (country, year) DO UPDATE SET next = case_number_counters.next + 1 "
              "RETURNING next - 1",
              params("SE", 2026))
          ->integer(0);
    });
  };
  EXPECT_EQ(next(), 1);
  EXPECT_EQ(next(), 2);
  EXPECT_EQ(next(), 3);
}

HAVEN_INSTANTIATE_BACKENDS(StoreBaseSchema);

}  // namespace
}  // namespace haven::store
