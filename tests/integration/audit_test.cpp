// The audit trail on both databases: concurrent appenders (threads and a second process) produce
// one linear chain that verifies; group commit shares transactions; changing one byte of any column
// of an event, or removing one, makes verification fail naming that event; export writes JSON
// lines.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "service/audit_service.h"
#include "support/test_databases.h"

namespace haven::testing {
namespace {

class AuditTest : public DatabaseTest {
 protected:
  service::AuditRecord event(int thread, int i) {
    return {"user-" + std::to_string(thread),
            "caseworker",
            "agency-1",
            "case.read",
            "case",
            "case-" + std::to_string(i),
            "casework",
            "success",
            "req-" + std::to_string(i),
            R"({"n":)" + std::to_string(i) + "}"};
  }
  core::ManualClock clock_{core::Timestamp{1'790'000'000'000}};
};

TEST_P(AuditTest, ConcurrentAppendsFromThreadsAndTwoProcessesFormOneVerifiedChain) {
  service::AuditService audit(db(), clock_);
  auto second_db = store::Database::open(test_db().url());
  service::AuditService other_process(*second_db, clock_);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      service::AuditService& mine = t % 4 == 3 ? other_process : audit;  // 2 of 8 threads elsewhere
      for (int i = 0; i < 200; ++i)
        if (!mine.append(event(t, i)).ok()) ++failures;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto v = audit.verify();
  EXPECT_TRUE(v.intact()) << v.reason;
  EXPECT_EQ(v.events_checked, 1600);
  EXPECT_EQ(v.head_seq, 1600);
  auto stats = audit.stats();
  EXPECT_EQ(stats.appended, 1200);
  // Group commit: six threads in this process shared transactions.
  EXPECT_LT(stats.commits, stats.appended) << "every append paid its own commit";
  second_db->close();
}

TEST_P(AuditTest, DeferredAppendsAreCommittedTogetherWhenWaitedFor) {
  service::AuditService audit(db(), clock_);
  const auto committed = [&] {
    return db().read([](store::Tx& tx) {
      return tx.query_one("SELECT COUNT(*) FROM audit_events")->integer(0);
    });
  };
  {
    service::AuditService::Deferral deferral(audit);
    for (int i = 0; i < 7; ++i) ASSERT_TRUE(audit.append(event(0, i)).ok());
    // Queued, not yet in the log: nothing may be sent that they describe.
    EXPECT_EQ(committed(), 0);
    ASSERT_TRUE(deferral.wait().ok());
    EXPECT_EQ(committed(), 7);
    // After the wait, appends on this thread still defer until the next wait or the end.
    ASSERT_TRUE(audit.append(event(0, 7)).ok());
  }
  EXPECT_EQ(committed(), 8) << "the Deferral's end must commit what it queued";
  EXPECT_EQ(audit.stats().commits, 2) << "seven deferred reads should share one commit";
  // Outside a Deferral, append waits for its own commit again.
  ASSERT_TRUE(audit.append(event(0, 8)).ok());
  EXPECT_EQ(committed(), 9);
  auto v = audit.verify();
  EXPECT_TRUE(v.intact()) << v.reason;
  EXPECT_EQ(v.head_seq, 9);
}

TEST_P(AuditTest, ChangingOneByteOfAnyColumnNamesThatEvent) {
  service::AuditService audit(db(), clock_);
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(audit.append(event(0, i)).ok());
  ASSERT_TRUE(audit.verify().intact());
  const std::vector<std::string> tampering = {
      "UPDATE audit_events SET actor_id = 'user-1' WHERE seq = 4",
      "UPDATE audit_events SET role = 'supervisor' WHERE seq = 4",
      "UPDATE audit_events SET agency_id = 'agency-2' WHERE seq = 4",
      "UPDATE audit_events SET action = 'case.reae' WHERE seq = 4",
      "UPDATE audit_events SET entity = 'child' WHERE seq = 4",
      "UPDATE audit_events SET entity_id = 'case-4' WHERE seq = 4",
      "UPDATE audit_events SET purpose = 'casewori' WHERE seq = 4",
      "UPDATE audit_events SET outcome = 'failure' WHERE seq = 4",
      "UPDATE audit_events SET request_id = 'req-4' WHERE seq = 4",
      "UPDATE audit_events SET details = '{\"n\":4}' WHERE seq = 4",
      "UPDATE audit_events SET at = at + 1 WHERE seq = 4",
      "UPDATE audit_events SET id = id || 'x' WHERE seq = 4",
  };
  for (const std::string& sql : tampering) {
    // Change, verify, then restore from a copy of the row.
    db().write([&](store::Tx& tx) {
      tx.execute("CREATE TABLE audit_backup AS SELECT * FROM audit_events WHERE seq = 4");
      EXPECT_EQ(tx.execute(sql), 1) << sql;
    });
    auto v = audit.verify();
    EXPECT_FALSE(v.intact()) << sql;
    EXPECT_EQ(v.first_broken_seq.value_or(0), 4) << sql << ": " << v.reason;
    db().write([&](store::Tx& tx) {
      tx.execute("DELETE FROM audit_events WHERE seq = 4");
      tx.execute("INSERT INTO audit_events SELECT * FROM audit_backup");
      tx.execute("DROP TABLE audit_backup");
    });
    ASSERT_TRUE(audit.verify().intact()) << "restore failed after " << sql;
  }
  // One flipped bit of the stored hash, and of the link.
  for (const char* column : {"hash", "prev_hash"}) {
    auto original = db().read([&](store::Tx& tx) {
      return tx.query_one(std::string("SELECT ") + column + " FROM audit_events WHERE seq = 4")
          ->blob(0);
    });
    store::Blob changed = original;
    changed.bytes[7] ^= 0x01;
    db().write([&](store::Tx& tx) {
      tx.execute(std::string("UPDATE audit_events SET ") + column + " = $1 WHERE seq = 4",
                 store::params(changed));
    });
    auto v = audit.verify();
    EXPECT_EQ(v.first_broken_seq.value_or(0), 4) << column << ": " << v.reason;
    db().write([&](store::Tx& tx) {
      tx.execute(std::string("UPDATE audit_events SET ") + column + " = $1 WHERE seq = 4",
                 store::params(original));
    });
  }
  // A removed event is named as missing.
  db().write([](store::Tx& tx) { tx.execute("DELETE FROM audit_events WHERE seq = 4"); });
  auto v = audit.verify();
  EXPECT_EQ(v.problem, security::ChainBreak::kMissing);
  EXPECT_EQ(v.first_broken_seq.value_or(0), 4) << v.reason;
}

TEST_P(AuditTest, ExportWritesTheEventsOfThePeriodAsJsonLines) {
  service::AuditService audit(db(), clock_);
  ASSERT_TRUE(audit.append(event(0, 1)).ok());
  clock_.advance_ms(2 * 86'400'000LL);
  ASSERT_TRUE(audit.append(event(0, 2)).ok());
  std::vector<std::string> lines;
  auto n = audit.export_jsonl(clock_.now().plus_days(-1), clock_.now().plus_days(1),
                              [&](const std::string& l) { lines.push_back(l); });
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(*n, 1);
  auto j = nlohmann::json::parse(lines.at(0));
  EXPECT_EQ(j["seq"], 2);
  EXPECT_EQ(j["entity_id"], "case-2");
  EXPECT_EQ(j["details"]["n"], 2);
  EXPECT_EQ(j["hash"].get<std::string>().size(), 64u);
}

TEST_P(AuditTest, AuditorQueryFindsWhoTouchedOneRecordNewestFirst) {
  service::AuditService audit(db(), clock_);
  ASSERT_TRUE(audit
                  .append({"u1", "caseworker", "a1", "child.read", "child", "c-42", "assessment",
                           "success", "r1", std::nullopt})
                  .ok());
  ASSERT_TRUE(audit
                  .append({"u2", "supervisor", "a1", "child.read", "child", "c-7", "supervision",
                           "success", "r2", std::nullopt})
                  .ok());
  ASSERT_TRUE(audit
                  .append({"u3", "caseworker", "a2", "policy.break_glass", "child", "c-42",
                           "Child brought to emergency room by police tonight", "success", "r3",
                           std::nullopt})
                  .ok());
  auto events = audit.about("child", "c-42");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].actor_id, "u3");
  EXPECT_EQ(events[0].purpose, "Child brought to emergency room by police tonight");
  EXPECT_EQ(events[1].actor_id, "u1");
}

HAVEN_INSTANTIATE_BACKENDS(AuditTest);

}  // namespace
}  // namespace haven::testing
