// What a route handler receives for one request: the parsed request, the response being built, the
// request id, the path parameters and the body, with helpers for the common answers (JSON,
// problem).
//
// The body: haven reads request bodies itself (to enforce Content-Length limits before reading), so
// `request().body` is always empty — use body() or json_body().
//
// A RequestContext lives for one handler call on one thread; it is not shared. Handlers that only
// use its helpers need not include httplib.h (which costs seconds of compile time per file).
#pragma once

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/router.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace spdlog {
class logger;
}

namespace haven::http {

class RequestContext {
 public:
  RequestContext(const httplib::Request& request, httplib::Response& response,
                 const std::string& request_id, const PathParams& params, std::string_view body,
                 size_t max_body_bytes, spdlog::logger* log)
      : req_(request),
        res_(response),
        request_id_(request_id),
        params_(params),
        body_(body),
        max_body_bytes_(max_body_bytes),
        log_(log) {}

  const httplib::Request& request() const { return req_; }
  httplib::Response& response() { return res_; }
  const std::string& request_id() const { return request_id_; }

  const std::string& method() const;
  const std::string& path() const;  // URL-decoded, without the query string
  // A `{name}` path parameter; empty if the template has none of that name.
  std::string_view param(std::string_view name) const;
  // First value of a request header or query parameter; empty if absent.
  std::string header(const std::string& name) const;
  std::string query(const std::string& name) const;

  std::string_view body() const { return body_; }
  // The body as JSON, or an Error (wrong media type, too large, not UTF-8, too deep, malformed).
  core::Result<nlohmann::json> json_body() const;

  // Answers with `body` as application/json.
  void send_json(int status, const nlohmann::json& body);
  // Answers with `body` as `content_type` (e.g. "text/plain; charset=utf-8").
  void send_text(int status, std::string body, const std::string& content_type);
  // Answers with problem+json for `error`. Internal errors are logged here with the request id;
  // their message never reaches the client.
  void send_problem(const core::Error& error);

 private:
  const httplib::Request& req_;
  httplib::Response& res_;
  const std::string& request_id_;
  const PathParams& params_;
  std::string_view body_;
  size_t max_body_bytes_;
  spdlog::logger* log_;
};

}  // namespace haven::http
