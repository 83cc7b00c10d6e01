// Prometheus exposition: counters, cumulative histogram buckets and label escaping.
#include "http/metrics.h"

#include <gtest/gtest.h>

#include "store/database.h"

namespace haven::http {
namespace {

TEST(Metrics, HistogramBucketsAreCumulative) {
  Metrics m;
  m.observe("/r", "GET", 200, 0.0005);
  m.observe("/r", "GET", 200, 0.02);
  m.observe("/r", "GET", 500, 30.0);  // beyond the last bucket: only +Inf
  std::string text = m.render(store::PoolStats{4, 1, 2});
  EXPECT_NE(text.find("haven_http_request_duration_seconds_bucket{route=\"/r\",le=\"0.001\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("haven_http_request_duration_seconds_bucket{route=\"/r\",le=\"0.025\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("haven_http_request_duration_seconds_bucket{route=\"/r\",le=\"10\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("haven_http_request_duration_seconds_bucket{route=\"/r\",le=\"+Inf\"} 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("haven_http_request_duration_seconds_count{route=\"/r\"} 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("haven_http_requests_total{route=\"/r\",method=\"GET\",status=\"500\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("haven_db_pool_connections{state=\"in_use\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("haven_db_pool_connections{state=\"idle\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("haven_db_pool_waiting 2\n"), std::string::npos);
  EXPECT_EQ(m.requests("/r", "GET", 200), 2u);
}

TEST(Metrics, EscapesLabelValuesAndBucketsOddMethods) {
  EXPECT_EQ(escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  Metrics m;
  m.observe("/x", "BREW", 400, 0.1);
  EXPECT_EQ(m.requests("/x", "OTHER", 400), 1u);
  EXPECT_NE(m.render({}).find("method=\"OTHER\""), std::string::npos);
}

TEST(Metrics, InFlightGaugeFollowsStartsAndFinishes) {
  Metrics m;
  m.request_started();
  m.request_started();
  m.request_finished();
  EXPECT_EQ(m.in_flight(), 1);
  EXPECT_NE(m.render({}).find("haven_http_in_flight_requests 1\n"), std::string::npos);
}

}  // namespace
}  // namespace haven::http
