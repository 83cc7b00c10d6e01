// docs/openapi.yaml and the route table list the same endpoints: every route registered under
// /api/ (and /healthz, /readyz, /metrics) is in the spec with the same method and operation id,
// and the spec lists nothing the server does not serve. HTML pages are not part of the API.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "core/clock.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/routes.h"
#include "service/app.h"
#include "store/database.h"
#include "store/migrator.h"

namespace haven::http {
namespace {

std::string spec_path() {
  const char* root = std::getenv("HAVEN_SOURCE_DIR");
  return std::string(root ? root : ".") + "/docs/openapi.yaml";
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "get /api/v1/cases" → operationId, read from the `paths:` section (two-space path keys,
// four-space method keys), which is all the structure this check needs.
std::map<std::string, std::string> spec_operations(const std::string& path) {
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

bool in_api(const std::string& pattern) {
  return pattern.rfind("/api/", 0) == 0 || pattern == "/healthz" || pattern == "/readyz" ||
         pattern == "/metrics";
}

class OpenApiSpec : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = store::DatabaseUrl::parse("sqlite::memory:");
    ASSERT_TRUE(url.ok());
    db_ = store::Database::open(*url);
    ASSERT_TRUE(store::Migrator(*db_).apply_pending().ok());
    app_ = std::make_unique<service::App>(*db_, core::SystemClock::instance());
    register_routes(router_, *app_, metrics_);
    for (const RouteInfo& r : router_.routes())
      if (in_api(r.pattern)) routes_[lower(method_name(r.method)) + " " + r.pattern] = r.name;
  }
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<service::App> app_;
  Metrics metrics_;
  Router router_;
  std::map<std::string, std::string> routes_;  // "get /api/v1/cases" → operation id
};

TEST_F(OpenApiSpec, EveryApiRouteIsDescribed) {
  auto spec = spec_operations(spec_path());
  ASSERT_FALSE(routes_.empty());
  for (const auto& [key, name] : routes_) {
    auto it = spec.find(key);
    EXPECT_NE(it, spec.end()) << key << " (" << name
                              << ") is served but missing from docs/openapi.yaml";
    if (it != spec.end()) {
      EXPECT_EQ(it->second, name) << "operationId of " << key;
    }
  }
}

TEST_F(OpenApiSpec, SpecListsOnlyServedRoutes) {
  for (const auto& [key, name] : spec_operations(spec_path())) {
    EXPECT_TRUE(routes_.count(key))
        << key << " (" << name << ") is in docs/openapi.yaml but no route serves it";
  }
}

TEST_F(OpenApiSpec, CaseEndpointsOfTheIssueAreServed) {
  for (const char* key : {"post /api/v1/reports", "get /api/v1/cases",
                          "get /api/v1/cases/{case_id}", "post /api/v1/cases/{case_id}/transitions",
                          "get /api/v1/cases/{case_id}/history", "get /api/v1/tasks"}) {
    EXPECT_TRUE(routes_.count(key)) << key;
  }
}

}  // namespace
}  // namespace haven::http
