// Readiness: a ping, then the migration check, then the search index.
#include "service/health_service.h"

#include "service/search/search_service.h"
#include "store/migrator.h"

namespace haven::service {

Readiness HealthService::readiness() {
  if (!db_.ping()) return {false, "database unreachable"};
  try {
    store::Migrator migrator(db_);
    core::Status current = migrator.check_current();
    if (!current.ok()) return {false, current.error().message};
  } catch (const store::DbError& e) {
    return {false, "database error while checking migrations"};
  }
  if (search_ && search_->building())
    return {false, "building the search index (" + std::to_string(search_->children_loaded()) +
                       " children loaded)"};
  return {true, ""};
}

}  // namespace haven::service
