// Names and constructors for Error.
#include "core/result.h"

namespace haven::core {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return "invalid_input";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kTooLarge:
      return "too_large";
    case ErrorCode::kRateLimited:
      return "rate_limited";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

Error Error::invalid(std::string m, std::vector<FieldError> f) {
  return {ErrorCode::kInvalidInput, std::move(m), std::move(f)};
}
Error Error::not_found(std::string m) {
  return {ErrorCode::kNotFound, std::move(m), {}};
}
Error Error::unauthenticated(std::string m) {
  return {ErrorCode::kUnauthenticated, std::move(m), {}};
}
Error Error::forbidden(std::string m) {
  return {ErrorCode::kForbidden, std::move(m), {}};
}
Error Error::conflict(std::string m) {
  return {ErrorCode::kConflict, std::move(m), {}};
}
Error Error::too_large(std::string m) {
  return {ErrorCode::kTooLarge, std::move(m), {}};
}
Error Error::rate_limited(std::string m) {
  return {ErrorCode::kRateLimited, std::move(m), {}};
}
Error Error::unavailable(std::string m) {
  return {ErrorCode::kUnavailable, std::move(m), {}};
}
Error Error::internal(std::string m) {
  return {ErrorCode::kInternal, std::move(m), {}};
}

std::string FieldError::fill(std::string pattern,
                             const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [name, value] : values) {
    const std::string mark = "{{" + name + "}}";
    if (auto at = pattern.find(mark); at != std::string::npos)
      pattern.replace(at, mark.size(), value);
  }
  return pattern;
}

FieldError FieldError::with_values(std::string field, std::string pattern,
                                   std::vector<std::pair<std::string, std::string>> values) {
  std::string message = fill(pattern, values);
  return {std::move(field), std::move(message), std::move(pattern), std::move(values)};
}

}  // namespace haven::core
