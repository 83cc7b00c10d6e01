// A bounded pool of backend connections, shared by the SQLite (writer, readers) and PostgreSQL
// backends. Internal to store/: callers reach connections only through Database::read/write.
//
// Connections are opened on demand up to `max_size` by the factory; one that reports !healthy()
// when it comes back is closed, so the next acquire opens a fresh one. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  // `what` names the pool in error messages ("sqlite:var/haven.db writer").
  ConnectionPool(std::string what, int max_size, std::chrono::milliseconds acquire_timeout,
                 Factory factory);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Adds an already open connection (e.g. the one opened eagerly to check the URL).
  void adopt(std::unique_ptr<Connection> c);

  // Waits up to the acquire timeout for an idle connection or a free slot. Throws
  // DbError(kBusy) on timeout, DbError(kUnavailable) once closed, and whatever the factory throws.
  Connection* acquire();
  // Gives a connection back; an unhealthy one is closed instead of kept.
  void release(Connection* c) noexcept;

  // Closes idle connections, waits for leased ones to come back and closes them too. Idempotent.
  void close() noexcept;

  PoolStats stats() const;

 private:
  void destroy_locked(Connection* c);

  const std::string what_;
  const int max_size_;
  const std::chrono::milliseconds acquire_timeout_;
  const Factory factory_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> all_;  // every open connection, idle or leased
  std::vector<Connection*> idle_;
  int opening_ = 0;  // slots reserved by threads running the factory right now
  int in_use_ = 0;
  int waiting_ = 0;
  bool closed_ = false;
};

}  // namespace haven::store
