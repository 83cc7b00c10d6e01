// The route table: templates, matching, 404 versus 405, and the listing other tools read.
#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace haven::http {
namespace {

void noop(RequestContext&) {}

TEST(Router, MatchesLiteralsAndParameters) {
  Router r;
  r.get("/api/v1/cases/{case_id}/notes/{note_id}", "getNote", noop);
  auto m = r.match("GET", "/api/v1/cases/0190-abc/notes/7");
  ASSERT_EQ(m.kind, Router::Match::Kind::kFound);
  EXPECT_EQ(m.route->info.name, "getNote");
  ASSERT_EQ(m.params.size(), 2u);
  EXPECT_EQ(m.params[0], std::make_pair(std::string("case_id"), std::string("0190-abc")));
  EXPECT_EQ(m.params[1].second, "7");
}

TEST(Router, ALiteralBeatsAParameter) {
  Router r;
  r.get("/cases/{case_id}", "getCase", noop);
  r.get("/cases/search", "searchCases", noop);
  EXPECT_EQ(r.match("GET", "/cases/search").route->info.name, "searchCases");
  EXPECT_EQ(r.match("GET", "/cases/123").route->info.name, "getCase");
}

TEST(Router, ParametersNeverMatchEmptySegmentsOrExtraSlashes) {
  Router r;
  r.get("/cases/{case_id}", "getCase", noop);
  EXPECT_EQ(r.match("GET", "/cases/").kind, Router::Match::Kind::kNoPath);
  EXPECT_EQ(r.match("GET", "/cases//").kind, Router::Match::Kind::kNoPath);
  EXPECT_EQ(r.match("GET", "/cases/1/").kind, Router::Match::Kind::kNoPath);
  EXPECT_EQ(r.match("GET", "cases/1").kind, Router::Match::Kind::kNoPath);
  EXPECT_EQ(r.match("GET", "").kind, Router::Match::Kind::kNoPath);
}

TEST(Router, RootPathMatchesOnlyRoot) {
  Router r;
  r.get("/", "home", noop);
  EXPECT_EQ(r.match("GET", "/").kind, Router::Match::Kind::kFound);
  EXPECT_EQ(r.match("GET", "/x").kind, Router::Match::Kind::kNoPath);
}

TEST(Router, AKnownPathWithAnotherMethodIsWrongMethodWithAllow) {
  Router r;
  r.get("/cases", "listCases", noop);
  r.post("/cases", "createCase", noop);
  auto m = r.match("DELETE", "/cases");
  EXPECT_EQ(m.kind, Router::Match::Kind::kWrongMethod);
  EXPECT_EQ(m.allow, "GET, HEAD, POST");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->info.pattern, "/cases");
}

TEST(Router, HeadMatchesGetRoutes) {
  Router r;
  r.get("/healthz", "getHealthz", noop);
  EXPECT_EQ(r.match("HEAD", "/healthz").kind, Router::Match::Kind::kFound);
}

TEST(Router, ListsRoutesInRegistrationOrder) {
  Router r;
  r.get("/a", "getA", noop);
  r.patch("/a/{id}", "patchA", noop);
  auto routes = r.routes();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[1].method, Method::kPatch);
  EXPECT_EQ(routes[1].pattern, "/a/{id}");
  EXPECT_EQ(routes[1].name, "patchA");
  EXPECT_STREQ(method_name(routes[1].method), "PATCH");
}

TEST(Router, RefusesMalformedAndDuplicateRoutes) {
  Router r;
  r.get("/cases/{case_id}", "getCase", noop);
  EXPECT_THROW(r.get("cases", "x1", noop), std::invalid_argument);
  EXPECT_THROW(r.get("/cases/{Case}", "x2", noop), std::invalid_argument);
  EXPECT_THROW(r.get("/a/{id}/{id}", "x3", noop), std::invalid_argument);
  EXPECT_THROW(r.get("/a//b", "x4", noop), std::invalid_argument);
  EXPECT_THROW(r.get("/a?b", "x5", noop), std::invalid_argument);
  EXPECT_THROW(r.get("/cases/{id}", "x6", noop), std::invalid_argument);   // same template
  EXPECT_THROW(r.post("/other", "getCase", noop), std::invalid_argument);  // same name
  EXPECT_THROW(r.get("/x", "x7", nullptr), std::invalid_argument);
  r.post("/cases/{case_id}", "updateCase", noop);  // another method is fine
}

TEST(Router, AFrozenTableRefusesNewRoutes) {
  Router r;
  r.freeze();
  EXPECT_THROW(r.get("/late", "late", noop), std::logic_error);
}

}  // namespace
}  // namespace haven::http
