// Request ids, security headers and JSON log lines, without a socket.
#include "http/middleware.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/id.h"

namespace haven::http {
namespace {

TEST(RequestId, KeepsSaneIdsAndReplacesTheRest) {
  EXPECT_EQ(request_id_for("abc-DEF_1.2:3"), "abc-DEF_1.2:3");
  EXPECT_EQ(request_id_for(std::string(64, 'a')), std::string(64, 'a'));
  for (std::string bad :
       {std::string(65, 'a'), std::string(""), std::string("a b"),
        std::string("a\r\nSet-Cookie: x"), std::string("<script>"), std::string("\xC3\xA9")}) {
    std::string id = request_id_for(bad);
    EXPECT_TRUE(core::is_valid_id(id)) << bad;
  }
}

TEST(SecurityHeaders, AreAddedWithoutOverridingAHandlersChoice) {
  httplib::Response res;
  res.set_header("Cache-Control", "max-age=3600");
  apply_security_headers(res, "/static/app.css");
  EXPECT_EQ(res.get_header_value("Cache-Control"), "max-age=3600");
  EXPECT_EQ(res.get_header_value("X-Content-Type-Options"), "nosniff");

  httplib::Response api;
  apply_security_headers(api, "/api/v1/cases");
  EXPECT_EQ(api.get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(api.get_header_value("X-Frame-Options"), "DENY");
}

TEST(JsonLog, LinesAreSingleLineJsonEvenForHostileText) {
  std::string line = json_log_line(LogLevel::kWarn, "request", "r-1",
                                   {{"path", "/a\r\n{\"forged\":1}\xC0"}, {"status", 404}});
  EXPECT_EQ(line.find('\n'), std::string::npos);
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["level"], "warn");
  EXPECT_EQ(j["msg"], "request");
  EXPECT_EQ(j["request_id"], "r-1");
  EXPECT_EQ(j["status"], 404);
  EXPECT_FALSE(j.contains("forged"));
  EXPECT_EQ(line.rfind("{\"ts\":", 0), 0u);  // ts first: lines sort and read well
}

}  // namespace
}  // namespace haven::http
