// HTTP metrics in the Prometheus text exposition format (version 0.0.4), served at GET /metrics:
// request counts and latency per route template, requests in flight, database pool figures and the
// build. Routes are labelled by template ("/api/v1/cases/{case_id}"), never by raw path, so the
// number of series stays small whatever clients send.
//
// Thread-safety: every method may be called from any request thread. Recording takes one short
// mutex (a map update); the in-flight gauge is an atomic.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace haven::store {
struct PoolStats;
}

namespace haven::http {

class Metrics {
 public:
  // Upper bounds of the latency histogram buckets, in seconds (+Inf is implicit).
  static constexpr std::array<double, 12> kBuckets = {.001, .005, .01, .025, .05, .1,
                                                      .25,  .5,   1,   2.5,  5,   10};

  // Records one answered request. `method` outside the standard set is counted as "OTHER".
  void observe(std::string_view route, std::string_view method, int status, double seconds);

  void request_started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void request_finished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }
  int64_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }

  // Number of requests recorded for (route, method, status); for tests and diagnostics.
  uint64_t requests(std::string_view route, std::string_view method, int status) const;

  // The full exposition text, with the database pool figures given.
  std::string render(const store::PoolStats& pool) const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};  // per bucket, not cumulative
    uint64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t, std::less<>> requests_;
  std::map<std::string, Histogram, std::less<>> durations_;
  std::atomic<int64_t> in_flight_{0};
};

// Escapes a label value for the exposition format: backslash, double quote and newline.
std::string escape_label_value(std::string_view value);

// The method as a metrics label: one of the standard methods, or "OTHER".
std::string_view method_label(std::string_view method);

}  // namespace haven::http
