// ConnectionPool: bounded size, waiting with a timeout, replacing broken connections, closing.
#include "store/connection_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

namespace haven::store {
namespace {

using namespace std::chrono_literals;

class FakeConnection final : public Connection {
 public:
  explicit FakeConnection(std::atomic<int>& alive) : alive_(alive) { ++alive_; }
  ~FakeConnection() override { --alive_; }
  Backend backend() const override { return Backend::kSqlite; }
  Rows query(std::string_view, const Params&) override { return {}; }
  void scan_text(std::string_view, const Params&, const TextRowVisitor&) override {}
  void scan(std::string_view, const Params&, const RowVisitor&) override {}
  int64_t execute(std::string_view, const Params&) override { return 0; }
  void execute_script(std::string_view) override {}
  void begin(bool) override {}
  void commit() override {}
  void rollback() noexcept override {}
  bool healthy() const override { return healthy_; }
  bool healthy_ = true;

 private:
  std::atomic<int>& alive_;
};

struct PoolFixture : ::testing::Test {
  std::atomic<int> alive{0};
  std::atomic<int> opened{0};
  ConnectionPool::Factory factory = [this]() -> std::unique_ptr<Connection> {
    ++opened;
    return std::make_unique<FakeConnection>(alive);
  };
};

TEST_F(PoolFixture, OpensOnDemandUpToTheLimitAndReusesIdleConnections) {
  ConnectionPool pool("test", 2, 50ms, factory);
  EXPECT_EQ(pool.stats().size, 0);
  Connection* a = pool.acquire();
  Connection* b = pool.acquire();
  EXPECT_NE(a, b);
  EXPECT_EQ(opened, 2);
  PoolStats s = pool.stats();
  EXPECT_EQ(s.size, 2);
  EXPECT_EQ(s.in_use, 2);
  pool.release(a);
  EXPECT_EQ(pool.acquire(), a);  // the idle one, not a new one
  EXPECT_EQ(opened, 2);
  pool.release(a);
  pool.release(b);
  EXPECT_EQ(pool.stats().in_use, 0);
}

TEST_F(PoolFixture, WaitingLongerThanTheTimeoutIsBusy) {
  ConnectionPool pool("test pool", 1, 30ms, factory);
  Connection* only = pool.acquire();
  auto started = std::chrono::steady_clock::now();
  try {
    pool.acquire();
    FAIL() << "a second acquire on a pool of one should time out";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kBusy);
    EXPECT_NE(std::string(e.what()).find("test pool"), std::string::npos) << e.what();
  }
  EXPECT_GE(std::chrono::steady_clock::now() - started, 30ms);
  pool.release(only);
}

TEST_F(PoolFixture, AWaiterGetsTheConnectionWhenItIsGivenBack) {
  ConnectionPool pool("test", 1, 2000ms, factory);
  Connection* only = pool.acquire();
  auto waiter = std::async(std::launch::async, [&] { return pool.acquire(); });
  while (pool.stats().waiting == 0) std::this_thread::sleep_for(1ms);
  pool.release(only);
  EXPECT_EQ(waiter.get(), only);
  pool.release(only);
}

TEST_F(PoolFixture, UnhealthyConnectionsAreClosedAndReplaced) {
  ConnectionPool pool("test", 1, 50ms, factory);
  auto* c = static_cast<FakeConnection*>(pool.acquire());
  c->healthy_ = false;
  pool.release(c);
  EXPECT_EQ(alive, 0);
  EXPECT_EQ(pool.stats().size, 0);
  Connection* fresh = pool.acquire();
  EXPECT_EQ(opened, 2);
  EXPECT_TRUE(fresh->healthy());
  pool.release(fresh);
}

TEST_F(PoolFixture, AFailingFactoryFreesItsSlot) {
  int calls = 0;
  ConnectionPool pool("test", 1, 50ms, [&]() -> std::unique_ptr<Connection> {
    if (++calls == 1) throw DbError(DbError::Kind::kUnavailable, "server down");
    return std::make_unique<FakeConnection>(alive);
  });
  EXPECT_THROW(pool.acquire(), DbError);
  Connection* c = pool.acquire();  // the slot was not leaked by the failure
  EXPECT_EQ(calls, 2);
  pool.release(c);
}

TEST_F(PoolFixture, CloseWaitsForLeasedConnectionsThenRefusesNewLeases) {
  ConnectionPool pool("test", 2, 50ms, factory);
  Connection* leased = pool.acquire();
  pool.release(pool.acquire());  // one idle
  std::atomic<bool> closed{false};
  std::thread closer([&] {
    pool.close();
    closed = true;
  });
  std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(closed) << "close() must wait for the leased connection";
  pool.release(leased);
  closer.join();
  EXPECT_TRUE(closed);
  EXPECT_EQ(alive, 0);
  try {
    pool.acquire();
    FAIL() << "acquire after close must fail";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUnavailable);
  }
  pool.close();  // idempotent
}

}  // namespace
}  // namespace haven::store
