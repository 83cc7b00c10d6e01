// problem+json: which status each error becomes and what a client can read from the body.
#include "http/problem.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

namespace haven::http {
namespace {

TEST(Problem, EachErrorCodeHasItsHttpStatus) {
  EXPECT_EQ(http_status(core::Error::invalid("bad")), 400);
  EXPECT_EQ(http_status(core::Error::invalid("bad", {{"name", "Required."}})), 422);
  EXPECT_EQ(http_status(core::Error::unauthenticated("x")), 401);
  EXPECT_EQ(http_status(core::Error::forbidden("x")), 403);
  EXPECT_EQ(http_status(core::Error::not_found("x")), 404);
  EXPECT_EQ(http_status(core::Error::conflict("x")), 409);
  EXPECT_EQ(http_status(core::Error::too_large("x")), 413);
  EXPECT_EQ(http_status(core::Error::rate_limited("x")), 429);
  EXPECT_EQ(http_status(core::Error::internal("x")), 500);
  EXPECT_EQ(http_status(core::Error::unavailable("x")), 503);
}

TEST(Problem, BodyNamesTypeTitleDetailInstanceRequestIdAndFields) {
  httplib::Response res;
  res.set_header("Content-Type", "text/html");
  write_problem(
      res,
      core::Error::invalid("Check the highlighted fields.",
                           {{"birth_date", "Use the form YYYY-MM-DD."}, {"name", "Required."}}),
      "req-1", "/api/v1/children");
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(res.get_header_value_count("Content-Type"), 1u);
  EXPECT_EQ(res.get_header_value("Content-Type"), "application/problem+json");
  auto j = nlohmann::json::parse(res.body);
  EXPECT_EQ(j["type"], "https://haven.example/problems/invalid_input");
  EXPECT_EQ(j["title"], "Invalid input");
  EXPECT_EQ(j["status"], 422);
  EXPECT_EQ(j["detail"], "Check the highlighted fields.");
  EXPECT_EQ(j["instance"], "/api/v1/children");
  EXPECT_EQ(j["request_id"], "req-1");
  ASSERT_EQ(j["errors"].size(), 2u);
  EXPECT_EQ(j["errors"][0]["field"], "birth_date");
  EXPECT_EQ(j["errors"][0]["message"], "Use the form YYYY-MM-DD.");
}

TEST(Problem, InternalErrorsNeverShowTheirMessage) {
  std::string body =
      problem_json(core::Error::internal("SQL near 'SELECT * FROM children'"), "/x", "r");
  EXPECT_EQ(body.find("SELECT"), std::string::npos);
  auto j = nlohmann::json::parse(body);
  EXPECT_EQ(j["status"], 500);
  EXPECT_FALSE(j["detail"].get<std::string>().empty());
}

TEST(Problem, BareStatusesUseAboutBlankAndTheReasonPhrase) {
  httplib::Response res;
  write_status_problem(res, 404, "There is no endpoint at this path.", "r", "/nope");
  auto j = nlohmann::json::parse(res.body);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(j["type"], "about:blank");
  EXPECT_EQ(j["title"], "Not Found");
  EXPECT_EQ(j["instance"], "/nope");
}

TEST(Problem, BrokenUtf8InThePathDoesNotBreakTheBody) {
  std::string body = status_problem_json(404, "", "/a\xC0\xAF", "r");
  EXPECT_FALSE(nlohmann::json::parse(body, nullptr, false).is_discarded()) << body;
}

}  // namespace
}  // namespace haven::http
