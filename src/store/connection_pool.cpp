// The connection pool: bounded, lazily filled, self-healing (unhealthy connections are replaced).
#include "store/connection_pool.h"

#include <algorithm>
#include <utility>

namespace haven::store {

ConnectionPool::ConnectionPool(std::string what, int max_size,
                               std::chrono::milliseconds acquire_timeout, Factory factory)
    : what_(std::move(what)),
      max_size_(std::max(1, max_size)),
      acquire_timeout_(acquire_timeout),
      factory_(std::move(factory)) {}

ConnectionPool::~ConnectionPool() {
  close();
}

void ConnectionPool::adopt(std::unique_ptr<Connection> c) {
  std::lock_guard lock(mu_);
  idle_.push_back(c.get());
  all_.push_back(std::move(c));
  cv_.notify_one();
}

Connection* ConnectionPool::acquire() {
  std::unique_lock lock(mu_);
  const auto deadline = std::chrono::steady_clock::now() + acquire_timeout_;
  while (true) {
    if (closed_) throw DbError(DbError::Kind::kUnavailable, what_ + ": the database is closed");
    if (!idle_.empty()) {
      Connection* c = idle_.back();
      idle_.pop_back();
      ++in_use_;
      return c;
    }
    if (static_cast<int>(all_.size()) + opening_ < max_size_) {
      ++opening_;
      lock.unlock();
      std::unique_ptr<Connection> fresh;
      try {
        fresh = factory_();
      } catch (...) {
        lock.lock();
        --opening_;
        cv_.notify_one();  // the slot is free again for someone else to try
        throw;
      }
      lock.lock();
      --opening_;
      Connection* c = fresh.get();
      all_.push_back(std::move(fresh));
      ++in_use_;
      return c;
    }
    ++waiting_;
    bool woke = cv_.wait_until(lock, deadline, [&] {
      return closed_ || !idle_.empty() || static_cast<int>(all_.size()) + opening_ < max_size_;
    });
    --waiting_;
    if (!woke) {
      throw DbError(DbError::Kind::kBusy, what_ + ": no database connection became free within " +
                                              std::to_string(acquire_timeout_.count()) +
                                              " ms (pool of " + std::to_string(max_size_) + ")");
    }
  }
}

void ConnectionPool::release(Connection* c) noexcept {
  std::lock_guard lock(mu_);
  --in_use_;
  if (closed_ || !c->healthy()) {
    destroy_locked(c);
  } else {
    idle_.push_back(c);
  }
  cv_.notify_all();
}

void ConnectionPool::destroy_locked(Connection* c) {
  auto it = std::find_if(all_.begin(), all_.end(), [c](const auto& p) { return p.get() == c; });
  if (it != all_.end()) all_.erase(it);
}

void ConnectionPool::close() noexcept {
  std::unique_lock lock(mu_);
  closed_ = true;
  for (Connection* c : idle_) destroy_locked(c);
  idle_.clear();
  cv_.notify_all();
  cv_.wait(lock, [&] { return in_use_ == 0 && opening_ == 0; });
  all_.clear();
}

PoolStats ConnectionPool::stats() const {
  std::lock_guard lock(mu_);
  return {static_cast<int>(all_.size()), in_use_, waiting_};
}

}  // namespace haven::store
