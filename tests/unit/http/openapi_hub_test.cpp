// docs/openapi-hub.yaml and the regional hub's route table list the same endpoints, as
// openapi_test.cpp checks for the national API; and the hub serves none of the national API.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <string>

#include "core/clock.h"
#include "http/hub/hub_routes.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/routes.h"
#include "service/app.h"
#include "store/database.h"
#include "store/migrator.h"

namespace haven::http {
namespace {

std::string hub_spec_path() {
  const char* root = std::getenv("HAVEN_SOURCE_DIR");  // NOLINT(concurrency-mt-unsafe)
  return std::string(root ? root : ".") + "/docs/openapi-hub.yaml";
}

// "get /api/v1/releases" → operationId, from the `paths:` section (as openapi_test.cpp reads it).
std::map<std::string, std::string> hub_spec_operations(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::map<std::string, std::string> ops;
  static const std::regex kPath(R"(^  (/[^:\s]*):\s*$)");
  static const std::regex kMethod(R"(^    (get|post|put|patch|delete):\s*$)");
  static const std::regex kOperation(R"(^      operationId:\s*(\S+)\s*$)");
  std::string line, current_path, current_key;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != ' ' && line[0] != '#') in_paths = line.rfind("paths:", 0) == 0;
    if (!in_paths) continue;
    std::smatch m;
    if (std::regex_match(line, m, kPath)) {
      current_path = m[1];
      current_key.clear();
    } else if (std::regex_match(line, m, kMethod)) {
      current_key = std::string(m[1]) + " " + current_path;
      EXPECT_FALSE(ops.count(current_key)) << "listed twice: " << current_key;
      ops[current_key] = "";
    } else if (std::regex_match(line, m, kOperation) && !current_key.empty()) {
      ops[current_key] = m[1];
    }
  }
  return ops;
}

std::string hub_lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool hub_in_api(const std::string& pattern) {
  return pattern.rfind("/api/", 0) == 0 || pattern == "/healthz" || pattern == "/readyz" ||
         pattern == "/metrics";
}

class HubOpenApiSpec : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = store::DatabaseUrl::parse("sqlite::memory:");
    ASSERT_TRUE(url.ok());
    db_ = store::Database::open(*url);
    ASSERT_TRUE(store::Migrator(*db_).apply_pending().ok());
    app_ = std::make_unique<service::App>(*db_, core::SystemClock::instance());
    register_hub_routes(hub_, *app_, metrics_);
    for (const RouteInfo& r : hub_.routes())
      if (hub_in_api(r.pattern))
        routes_[hub_lower(method_name(r.method)) + " " + r.pattern] = r.name;
  }
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<service::App> app_;
  Metrics metrics_;
  Router hub_;
  std::map<std::string, std::string> routes_;
};

TEST_F(HubOpenApiSpec, EveryHubRouteIsDescribedAndNothingElse) {
  const auto spec = hub_spec_operations(hub_spec_path());
  ASSERT_FALSE(routes_.empty());
  for (const auto& [key, name] : routes_) {
    auto it = spec.find(key);
    EXPECT_NE(it, spec.end()) << key << " (" << name
                              << ") is served but missing from docs/openapi-hub.yaml";
    if (it != spec.end()) {
      EXPECT_EQ(it->second, name) << "operationId of " << key;
    }
  }
  for (const auto& [key, name] : spec)
    EXPECT_TRUE(routes_.count(key)) << key << " is in docs/openapi-hub.yaml but not served";
  for (const char* key : {"post /api/v1/releases", "get /api/v1/releases",
                          "post /api/v1/linkage/uploads", "post /api/v1/linkage/pairs"})
    EXPECT_TRUE(routes_.count(key)) << key;
}

TEST_F(HubOpenApiSpec, TheHubServesNoneOfTheNationalApi) {
  Router national;
  register_routes(national, *app_, metrics_);
  for (const RouteInfo& r : national.routes()) {
    if (r.pattern.rfind("/api/", 0) != 0) continue;  // pages are the dashboard's to share
    EXPECT_EQ(hub_.match(method_name(r.method), r.pattern).kind, Router::Match::Kind::kNoPath)
        << r.pattern << " is served by the hub";
  }
}

}  // namespace
}  // namespace haven::http
