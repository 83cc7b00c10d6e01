// problem+json documents: the ErrorCode → status table and the JSON body.
#include "http/problem.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

namespace haven::http {

namespace {

const char* title_for(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kInvalidInput:
      return "Invalid input";
    case core::ErrorCode::kNotFound:
      return "Not found";
    case core::ErrorCode::kUnauthenticated:
      return "Sign-in required";
    case core::ErrorCode::kForbidden:
      return "Forbidden";
    case core::ErrorCode::kConflict:
      return "Conflict";
    case core::ErrorCode::kTooLarge:
      return "Too large";
    case core::ErrorCode::kRateLimited:
      return "Too many requests";
    case core::ErrorCode::kUnavailable:
      return "Service unavailable";
    case core::ErrorCode::kInternal:
      return "Internal error";
  }
  return "Internal error";
}

constexpr const char* kInternalDetail =
    "Something went wrong on our side. It has been logged; quote the request id when reporting it.";

// Output must never throw on text from outside (a path with broken UTF-8): replace, don't fail.
std::string dump(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void add_context(nlohmann::ordered_json& j, std::string_view instance,
                 std::string_view request_id) {
  if (!instance.empty()) j["instance"] = std::string(instance);
  if (!request_id.empty()) j["request_id"] = std::string(request_id);
}

void set_body(httplib::Response& res, int status, std::string body) {
  res.status = status;
  // httplib's set_header appends to a multimap; erase first so there is exactly one Content-Type.
  res.headers.erase("Content-Type");
  res.headers.erase("Content-Length");
  res.body = std::move(body);
  res.set_header("Content-Type", kProblemContentType);
}

}  // namespace

int http_status(const core::Error& error) {
  switch (error.code) {
    case core::ErrorCode::kInvalidInput:
      return error.fields.empty() ? 400 : 422;
    case core::ErrorCode::kNotFound:
      return 404;
    case core::ErrorCode::kUnauthenticated:
      return 401;
    case core::ErrorCode::kForbidden:
      return 403;
    case core::ErrorCode::kConflict:
      return 409;
    case core::ErrorCode::kTooLarge:
      return 413;
    case core::ErrorCode::kRateLimited:
      return 429;
    case core::ErrorCode::kUnavailable:
      return 503;
    case core::ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 416:
      return "Range Not Satisfiable";
    case 417:
      return "Expectation Failed";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

std::string problem_json(const core::Error& error, std::string_view instance,
                         std::string_view request_id) {
  const int status = http_status(error);
  nlohmann::ordered_json j;
  j["type"] = std::string(kProblemTypeBase) + core::error_code_name(error.code);
  j["title"] = title_for(error.code);
  j["status"] = status;
  j["detail"] =
      error.code == core::ErrorCode::kInternal ? std::string(kInternalDetail) : error.message;
  add_context(j, instance, request_id);
  if (!error.fields.empty()) {
    auto& list = j["errors"] = nlohmann::ordered_json::array();
    for (const auto& f : error.fields) list.push_back({{"field", f.field}, {"message", f.message}});
  }
  return dump(j);
}

std::string status_problem_json(int status, std::string_view detail, std::string_view instance,
                                std::string_view request_id) {
  nlohmann::ordered_json j;
  j["type"] = "about:blank";
  j["title"] = reason_phrase(status);
  j["status"] = status;
  if (!detail.empty()) j["detail"] = std::string(detail);
  if (status >= 500 && detail.empty()) j["detail"] = kInternalDetail;
  add_context(j, instance, request_id);
  return dump(j);
}

void write_problem(httplib::Response& res, const core::Error& error, const std::string& request_id,
                   std::string_view instance) {
  set_body(res, http_status(error), problem_json(error, instance, request_id));
}

void write_status_problem(httplib::Response& res, int status, std::string_view detail,
                          std::string_view request_id, std::string_view instance) {
  set_body(res, status, status_problem_json(status, detail, instance, request_id));
}

}  // namespace haven::http
