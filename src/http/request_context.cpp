// RequestContext accessors and answer helpers.
#include "http/request_context.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "http/json_body.h"
#include "http/middleware.h"
#include "http/problem.h"

namespace haven::http {

const std::string& RequestContext::method() const {
  return req_.method;
}
const std::string& RequestContext::path() const {
  return req_.path;
}

std::string_view RequestContext::param(std::string_view name) const {
  for (const auto& [key, value] : params_)
    if (key == name) return value;
  return {};
}

std::string RequestContext::header(const std::string& name) const {
  return req_.get_header_value(name);
}

std::string RequestContext::query(const std::string& name) const {
  return req_.get_param_value(name);
}

core::Result<nlohmann::json> RequestContext::json_body() const {
  return parse_json_body(body_, req_.get_header_value("Content-Type"), max_body_bytes_);
}

void RequestContext::send_json(int status, const nlohmann::json& body) {
  res_.status = status;
  res_.headers.erase("Content-Type");
  res_.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  res_.set_header("Content-Type", "application/json");
}

void RequestContext::send_text(int status, std::string body, const std::string& content_type) {
  res_.status = status;
  res_.headers.erase("Content-Type");
  res_.body = std::move(body);
  res_.set_header("Content-Type", content_type);
}

void RequestContext::send_problem(const core::Error& error) {
  if (error.code == core::ErrorCode::kInternal && log_) {
    log_json(*log_, LogLevel::kError, "internal error", request_id_,
             {{"path", req_.path}, {"error", error.message}});
  }
  write_problem(res_, error, request_id_, req_.path);
}

}  // namespace haven::http
