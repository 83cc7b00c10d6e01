// Metric recording and the text exposition.
#include "http/metrics.h"

#include <fmt/format.h>

#include <iterator>

#include "core/allocator.h"
#include "core/version.h"
#include "store/database.h"

namespace haven::http {

namespace {

void family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

// Prometheus floats: shortest round-trip form ("0.005", "1", "2.5").
std::string number(double v) {
  return fmt::format("{}", v);
}

}  // namespace

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string_view method_label(std::string_view method) {
  for (std::string_view m : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    if (method == m) return m;
  return "OTHER";
}

void Metrics::observe(std::string_view route, std::string_view method, int status, double seconds) {
  const std::string_view m = method_label(method);
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;

  std::lock_guard lock(mu_);
  auto key = std::make_tuple(route, m, status);
  auto it = requests_.find(key);
  if (it == requests_.end())
    it = requests_.emplace(std::make_tuple(std::string(route), std::string(m), status), 0).first;
  ++it->second;

  auto h = durations_.find(route);
  if (h == durations_.end()) h = durations_.emplace(std::string(route), Histogram{}).first;
  if (bucket < kBuckets.size()) ++h->second.counts[bucket];
  ++h->second.count;
  h->second.sum += seconds;
}

uint64_t Metrics::requests(std::string_view route, std::string_view method, int status) const {
  std::lock_guard lock(mu_);
  auto it = requests_.find(std::make_tuple(route, method_label(method), status));
  return it == requests_.end() ? 0 : it->second;
}

std::string Metrics::render(const store::PoolStats& pool) const {
  std::string out;
  out.reserve(4096);
  {
    std::lock_guard lock(mu_);
    family(out, "haven_http_requests_total", "counter",
           "HTTP requests answered, by route template, method and status.");
    for (const auto& [key, n] : requests_) {
      const auto& [route, method, status] = key;
      fmt::format_to(std::back_inserter(out),
                     "haven_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                     escape_label_value(route), escape_label_value(method), status, n);
    }

    family(out, "haven_http_request_duration_seconds", "histogram",
           "Time from the start of a request to its answer being written, by route template.");
    for (const auto& [route, h] : durations_) {
      const std::string r = escape_label_value(route);
      uint64_t cumulative = 0;
      for (size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += h.counts[i];
        fmt::format_to(std::back_inserter(out),
                       "haven_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                       r, number(kBuckets[i]), cumulative);
      }
      fmt::format_to(std::back_inserter(out),
                     "haven_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n"
                     "haven_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n"
                     "haven_http_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                     r, h.count, r, number(h.sum), r, h.count);
    }
  }

  family(out, "haven_http_in_flight_requests", "gauge", "Requests being handled right now.");
  fmt::format_to(std::back_inserter(out), "haven_http_in_flight_requests {}\n", in_flight());

  family(out, "haven_db_pool_connections", "gauge", "Open database connections, by state.");
  const int idle = pool.size > pool.in_use ? pool.size - pool.in_use : 0;
  fmt::format_to(std::back_inserter(out),
                 "haven_db_pool_connections{{state=\"in_use\"}} {}\n"
                 "haven_db_pool_connections{{state=\"idle\"}} {}\n",
                 pool.in_use, idle);
  family(out, "haven_db_pool_waiting", "gauge", "Threads waiting for a database connection.");
  fmt::format_to(std::back_inserter(out), "haven_db_pool_waiting {}\n", pool.waiting);

  family(out, "haven_build_info", "gauge",
         "The running haven's version and malloc; the value is always 1.");
  fmt::format_to(std::back_inserter(out), "haven_build_info{{version=\"{}\",allocator=\"{}\"}} 1\n",
                 escape_label_value(core::kVersion),
                 core::allocator_name(core::running_allocator()));
  return out;
}

}  // namespace haven::http
