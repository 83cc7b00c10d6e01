// Liveness and readiness as the load balancer and operators see them: is the database reachable,
// and is its schema the one this binary expects.
#pragma once

#include <string>

#include "core/result.h"
#include "store/database.h"

namespace haven::service {

struct Readiness {
  bool ready = false;
  std::string reason;  // empty when ready; otherwise one sentence for the operator
};

class HealthService {
 public:
  explicit HealthService(store::Database& db) : db_(db) {}
  // Database answers and every migration is applied and unchanged.
  Readiness readiness();
  store::PoolStats pool_stats() const { return db_.pool_stats(); }
  const char* backend_name() const { return store::backend_name(db_.backend()); }

 private:
  store::Database& db_;
};

}  // namespace haven::service
