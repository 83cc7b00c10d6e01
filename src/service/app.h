// The services one haven process offers, wired once at start and shared by http/ and cli/.
// Later issues add their services here (cases, reports, users, …); the transport layers only see this.
#pragma once

#include <memory>

#include "core/clock.h"
#include "service/health_service.h"
#include "store/database.h"

namespace haven::service {

struct App {
  App(store::Database& database, const core::Clock& clk) : db(database), clock(clk), health(database) {}
  store::Database& db;
  const core::Clock& clock;
  HealthService health;
};

}  // namespace haven::service
