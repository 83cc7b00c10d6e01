// Request ids, security headers and JSON log lines.
#include "http/middleware.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/id.h"

namespace haven::http {

namespace {

constexpr size_t kMaxLoggedPath = 512;

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

}  // namespace

bool is_acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

std::string request_id_for(std::string_view incoming) {
  if (is_acceptable_request_id(incoming)) return std::string(incoming);
  return core::new_id();
}

std::vector<std::pair<std::string, std::string>> security_headers(std::string_view path) {
  std::vector<std::pair<std::string, std::string>> h = {
      {"Content-Security-Policy", kContentSecurityPolicy},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
  };
  if (path.rfind("/static/", 0) != 0) h.emplace_back("Cache-Control", "no-store");
  return h;
}

void apply_security_headers(httplib::Response& res, std::string_view path) {
  for (auto& [name, value] : security_headers(path))
    if (!res.has_header(name)) res.set_header(name, value);
}

std::string json_log_line(LogLevel level, std::string_view msg, std::string_view request_id,
                          const nlohmann::ordered_json& fields) {
  nlohmann::ordered_json line;
  line["ts"] = core::to_rfc3339(core::SystemClock::instance().now());
  line["level"] = level_name(level);
  line["msg"] = std::string(msg);
  if (!request_id.empty()) line["request_id"] = std::string(request_id);
  if (fields.is_object())
    for (const auto& [key, value] : fields.items()) line[key] = value;
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void log_json(spdlog::logger& log, LogLevel level, std::string_view msg,
              std::string_view request_id, const nlohmann::ordered_json& fields) {
  const spdlog::level::level_enum lvl = level == LogLevel::kError  ? spdlog::level::err
                                        : level == LogLevel::kWarn ? spdlog::level::warn
                                                                   : spdlog::level::info;
  if (!log.should_log(lvl)) return;
  log.log(lvl, "{}", json_log_line(level, msg, request_id, fields));
}

void log_access(spdlog::logger& log, const AccessRecord& r) {
  nlohmann::ordered_json f;
  f["method"] = std::string(r.method.substr(0, 16));
  f["route"] = std::string(r.route);
  f["path"] = std::string(r.path.substr(0, kMaxLoggedPath));
  f["status"] = r.status;
  f["duration_ms"] = std::round(r.duration_ms * 1000.0) / 1000.0;
  f["bytes"] = r.bytes;
  log_json(log, r.status >= 500 ? LogLevel::kError : LogLevel::kInfo, "request", r.request_id, f);
}

}  // namespace haven::http
