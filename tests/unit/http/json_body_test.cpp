// Reading JSON request bodies: what is refused, and with which message.
#include "http/json_body.h"

#include <gtest/gtest.h>

namespace haven::http {
namespace {

TEST(JsonBody, AcceptsJsonMediaTypes) {
  EXPECT_TRUE(is_json_media_type("application/json"));
  EXPECT_TRUE(is_json_media_type("Application/JSON; charset=UTF-8"));
  EXPECT_TRUE(is_json_media_type("application/merge-patch+json"));
  EXPECT_FALSE(is_json_media_type("application/json; charset=latin1"));
  EXPECT_FALSE(is_json_media_type("text/plain"));
  EXPECT_FALSE(is_json_media_type(""));
  EXPECT_FALSE(is_json_media_type("application/+json"));
}

TEST(JsonBody, ParsesAValidBodyKeepingDiacritics) {
  auto r = parse_json_body(R"({"name":"Þórunn Guðmundsdóttir"})", "application/json", 1024);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["name"], "Þórunn Guðmundsdóttir");
}

TEST(JsonBody, RefusesWithMessagesAClientCanActOn) {
  auto wrong_type = parse_json_body("{}", "text/plain", 1024);
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_EQ(wrong_type.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_NE(wrong_type.error().message.find("application/json"), std::string::npos);

  auto too_large = parse_json_body(std::string(2000, ' ') + "{}", "application/json", 1024);
  ASSERT_FALSE(too_large.ok());
  EXPECT_EQ(too_large.error().code, core::ErrorCode::kTooLarge);

  auto empty = parse_json_body("", "application/json", 1024);
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("empty"), std::string::npos);

  auto latin1 = parse_json_body("{\"name\":\"B\xE9rzi\"}", "application/json", 1024);
  ASSERT_FALSE(latin1.ok());
  EXPECT_NE(latin1.error().message.find("UTF-8"), std::string::npos);

  auto malformed = parse_json_body(R"({"name": "x",})", "application/json", 1024);
  ASSERT_FALSE(malformed.ok());
  EXPECT_NE(malformed.error().message.find("near byte"), std::string::npos);
}

// Found by tests/fuzz/json_body_fuzz.cpp: nlohmann throws out_of_range, not parse_error, for a
// number beyond a double, and it escaped as a 500.
TEST(JsonBody, RefusesANumberTooLargeForADoubleAsBadInput) {
  auto r = parse_json_body(R"({"text": 1e400})", "application/json", 1024);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_NE(r.error().message.find("number too large"), std::string::npos);
  EXPECT_TRUE(parse_json_body("[1e308, -1e308]", "application/json", 1024).ok());
}

TEST(JsonBody, RefusesDeepNestingBeforeParsing) {
  std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  auto r = parse_json_text(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("nested"), std::string::npos);

  std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_TRUE(parse_json_text(ok).ok());
  // Brackets inside strings are text, not nesting.
  EXPECT_TRUE(parse_json_text("[\"" + std::string(1000, '[') + "\"]").ok());
}

}  // namespace
}  // namespace haven::http
