// Result<T> and Error: how every layer reports an expected failure (bad input, not found,
// forbidden, conflict, unavailable) as a value. Exceptions are kept for programming errors and
// broken invariants.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace haven::core {

enum class ErrorCode {
  kInvalidInput,     // the caller sent something we cannot accept; fields say what
  kNotFound,         // no such record (or the caller may not know it exists)
  kUnauthenticated,  // no valid session or token
  kForbidden,        // authenticated, but the policy denies it
  kConflict,         // stale version, duplicate key, state does not allow it
  kTooLarge,         // body, file or query beyond a limit
  kRateLimited,      // throttled; try again later
  kUnavailable,      // a dependency (the database) is down or busy
  kInternal,         // a bug; details are logged, not shown
};

// A stable machine name for the code ("invalid_input"), used in problem+json `type` and in logs.
const char* error_code_name(ErrorCode code);

// One problem with one input field, shown beside that field in a form.
struct FieldError {
  std::string field;
  std::string message;
  // For a sentence with values in it, its words with "{{name}}" where each value stands, and the
  // values: a page says it in the reader's language from the words (http/web/catalog.h,
  // Catalogs::service_text) and puts the values back (FieldError::fill).
  std::string pattern = {};
  std::vector<std::pair<std::string, std::string>> values = {};

  // `pattern` with each "{{name}}" of `values` replaced by its value.
  static std::string fill(std::string pattern,
                          const std::vector<std::pair<std::string, std::string>>& values);
  // The error whose message is `pattern` filled with `values`.
  static FieldError with_values(std::string field, std::string pattern,
                                std::vector<std::pair<std::string, std::string>> values);
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;             // one sentence a user can act on
  std::vector<FieldError> fields;  // empty unless the problem is with named inputs

  static Error invalid(std::string message, std::vector<FieldError> fields = {});
  static Error not_found(std::string message);
  static Error unauthenticated(std::string message);
  static Error forbidden(std::string message);
  static Error conflict(std::string message);
  static Error too_large(std::string message);
  static Error rate_limited(std::string message);
  static Error unavailable(std::string message);
  static Error internal(std::string message);
};

// Either a value or an Error. Access the value only after checking ok().
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& take_error() {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success carries nothing.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : e_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return !e_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(!ok());
    return *e_;
  }
  Error&& take_error() {
    assert(!ok());
    return std::move(*e_);
  }

 private:
  std::optional<Error> e_;
};

using Status = Result<void>;

// Returns the error of a failed Result/Status from the enclosing function; continues otherwise.
#define HAVEN_TRY(expr)                                                             \
  do {                                                                              \
    if (auto haven_try_ = (expr); !haven_try_.ok()) return haven_try_.take_error(); \
  } while (0)
inline Status ok_status() {
  return {};
}

}  // namespace haven::core
