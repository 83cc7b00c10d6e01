// Liveness and readiness as the load balancer and operators see them: is the database reachable,
// is its schema the one this binary expects, and has `haven serve` built its search index.
#pragma once

#include <string>

#include "core/result.h"
#include "store/database.h"

namespace haven::service {

struct Readiness {
  bool ready = false;
  std::string reason;  // empty when ready; otherwise one sentence for the operator
};

class SearchService;

class HealthService {
 public:
  explicit HealthService(store::Database& db) : db_(db) {}
  // The index whose background build (SearchService::building) keeps the process not ready.
  void watch(const SearchService& search) { search_ = &search; }
  // Database answers, every migration is applied and unchanged, and no search index is being
  // built in the background.
  Readiness readiness();
  store::PoolStats pool_stats() const { return db_.pool_stats(); }
  const char* backend_name() const { return store::backend_name(db_.backend()); }

 private:
  store::Database& db_;
  const SearchService* search_ = nullptr;
};

}  // namespace haven::service
