// What the handlers of records under a case (referrals, placements, participation, information
// given, notes, documents, transfers) share on top of case_api.h: reading a JSON body into a
// domain record with every field problem collected (service/case_json.h's JsonReader), the
// version an update names, and turning a service Result into JSON (or a problem) with the shapes
// of list {"items": […]} and single records.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/field_errors.h"
#include "http/api/case_api.h"
#include "service/case_json.h"
#include "service/case_record_support.h"

namespace haven::http::api {

// A date as "YYYY-MM-DD" or null.
inline nlohmann::json date_json(const std::optional<core::Date>& d) {
  return d ? nlohmann::json(d->to_string()) : nlohmann::json();
}
// Text, or null when empty.
inline nlohmann::json text_or_null(const std::string& s) {
  return s.empty() ? nlohmann::json() : nlohmann::json(s);
}
inline std::string instant_json(int64_t ms) {
  return core::to_rfc3339({ms});
}

// The version an update names ("version" in the body or If-Match, see case_body): required, a
// whole number from 1.
inline std::optional<int64_t> read_version(const nlohmann::json& body,
                                           domain::FieldErrors& errors) {
  const auto& v = body.is_object() && body.contains("version") ? body["version"] : nlohmann::json();
  if (v.is_number_integer() && v.get<int64_t>() >= 1) return v.get<int64_t>();
  errors.add("version",
             "Give the version of the record you read (a whole number), in the body "
             "or in If-Match.");
  return std::nullopt;
}

// Sends a service result as JSON (one record through `to_json`), or its problem.
template <class T, class F>
void send_record(RequestContext& ctx, core::Result<T> result, F&& to_json, int status = 200) {
  if (!result.ok()) return send_case_result(ctx, core::Result<nlohmann::json>(result.take_error()));
  send_case_result(ctx, core::Result<nlohmann::json>(to_json(*result)), status);
}

// Sends a list result as {"items": [...]}.
template <class T, class F>
void send_list(RequestContext& ctx, core::Result<std::vector<T>> result, F&& to_json) {
  if (!result.ok()) return send_case_result(ctx, core::Result<nlohmann::json>(result.take_error()));
  nlohmann::json items = nlohmann::json::array();
  for (const T& item : *result) items.push_back(to_json(item));
  ctx.send_json(200, nlohmann::json{{"items", items}});
}

// The status of the field errors collected while reading a body; ok when there are none.
inline core::Status read_status(const domain::FieldErrors& errors, const char* what) {
  return errors.status(std::string("The ") + what + " needs correcting; see the marked fields.");
}

// When reading the body found problems, answers them — but only after asking whether the caller
// may do `action` on the case at all, so that a stranger to the case learns nothing from the
// checks of their input (authorize → validate, as in the services). True when an answer was sent.
inline bool refused_input(RequestContext& ctx, service::App& app, const service::Actor& actor,
                          security::Action action, security::ResourceKind kind,
                          const domain::FieldErrors& errors, const char* what) {
  if (errors.empty()) return false;
  auto allowed = service::authorize_case_record(app.db, app.case_access, actor, action,
                                                std::string(ctx.param("case_id")), kind);
  if (!allowed.ok()) {
    ctx.send_problem(allowed.error());
    return true;
  }
  ctx.send_problem(read_status(errors, what).error());
  return true;
}

}  // namespace haven::http::api
