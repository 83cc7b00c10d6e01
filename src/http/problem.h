// Errors as HTTP answers: every 4xx and 5xx haven sends is application/problem+json (RFC 9457),
// built here so that the status for each core::ErrorCode and the shape of the body are decided in
// one place.
//
// Body: {"type", "title", "status", "detail", "instance", "request_id", "errors": [{"field",
// "message"}]}. `type` is https://haven.example/problems/<code name> for a core::Error and
// "about:blank" for answers whose HTTP status says everything (404 for an unknown path, 405, 408,
// 411, 414, 431, ...).
//
// Status choice for invalid input: 400 when the request as a whole is unusable (no field errors),
// 422 when it was understood but named fields are wrong (the Error carries field errors). Forms and
// API clients can then tell "fix your request" from "fix these fields".
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace httplib {
struct Response;
}

namespace haven::http {

inline constexpr const char* kProblemContentType = "application/problem+json";
inline constexpr std::string_view kProblemTypeBase = "https://haven.example/problems/";

// The HTTP status for an error: invalid_input 400 (422 with field errors), unauthenticated 401,
// forbidden 403, not_found 404, conflict 409, too_large 413, rate_limited 429, internal 500,
// unavailable 503.
int http_status(const core::Error& error);

// The standard reason phrase for a status ("Not Found"), or "Error" for one haven never sends.
const char* reason_phrase(int status);

// The problem document for `error`. For kInternal the message is replaced by a generic sentence
// (the real one belongs in the log, not in an answer). Empty `instance` or `request_id` are left
// out.
std::string problem_json(const core::Error& error, std::string_view instance,
                         std::string_view request_id);

// A problem document for a bare HTTP status (type "about:blank", title = reason phrase).
std::string status_problem_json(int status, std::string_view detail, std::string_view instance,
                                std::string_view request_id);

// Sets status, Content-Type and body of `res` to the problem for `error`, replacing any body.
// `instance` should be the request path (without query string).
void write_problem(httplib::Response& res, const core::Error& error, const std::string& request_id,
                   std::string_view instance = {});

// Same for a bare HTTP status.
void write_status_problem(httplib::Response& res, int status, std::string_view detail,
                          std::string_view request_id, std::string_view instance = {});

}  // namespace haven::http
