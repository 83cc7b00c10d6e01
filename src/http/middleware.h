// The rules every request and response follow, whatever the route: request ids, security headers
// and the JSON log lines. Plain functions, so they can be tested without a socket; server.cpp
// applies them through httplib's hooks.
#pragma once

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace httplib {
struct Response;
}

namespace spdlog {
class logger;
}

namespace haven::http {

inline constexpr const char* kRequestIdHeader = "X-Request-Id";
inline constexpr size_t kMaxRequestIdLength = 64;

// An incoming X-Request-Id is kept only if it is 1–64 characters of [A-Za-z0-9._:-], so it cannot
// inject headers or log lines; anything else is replaced.
bool is_acceptable_request_id(std::string_view id);
// `incoming` if acceptable, otherwise a new UUIDv7.
std::string request_id_for(std::string_view incoming);

// Headers every response carries unless the handler set its own: CSP, nosniff, no referrer, no
// framing, and Cache-Control: no-store for everything but /static/ (API answers and pages hold
// personal data that must not sit in shared or browser caches).
std::vector<std::pair<std::string, std::string>> security_headers(std::string_view path);
void apply_security_headers(httplib::Response& res, std::string_view path);

// One JSON log line: {"ts", "level", "msg", "request_id", ...fields}. Text from outside is escaped
// and invalid UTF-8 replaced, so a line can never be split or forged. Never pass bodies, cookies or
// authorization headers.
enum class LogLevel { kInfo, kWarn, kError };
std::string json_log_line(LogLevel level, std::string_view msg, std::string_view request_id,
                          const nlohmann::ordered_json& fields);
void log_json(spdlog::logger& log, LogLevel level, std::string_view msg,
              std::string_view request_id, const nlohmann::ordered_json& fields);

// The access log record of one answered request. `path` must not contain the query string (queries
// can carry personal data); it is cut to 512 bytes.
struct AccessRecord {
  std::string_view request_id;
  std::string_view method;
  std::string_view route;
  std::string_view path;
  int status = 0;
  double duration_ms = 0;
  size_t bytes = 0;
};
void log_access(spdlog::logger& log, const AccessRecord& record);

}  // namespace haven::http
