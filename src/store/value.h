// Values that cross the SQL boundary: what is bound to a `$n` placeholder and what a column yields.
// Both backends speak only these five types, which keeps the portable SQL subset honest.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace haven::store {

// Binary data (ciphertexts, hashes). BLOB in SQLite, BYTEA in PostgreSQL.
struct Blob {
  std::vector<uint8_t> bytes;
  friend bool operator==(const Blob&, const Blob&) = default;
};

// NULL, BIGINT, DOUBLE PRECISION / REAL, TEXT, BLOB / BYTEA.
using Value = std::variant<std::monostate, int64_t, double, std::string, Blob>;
using Params = std::vector<Value>;

// Converts the usual C++ types to a Value: integers, bool (0/1), floating point, strings, Blob,
// std::optional (nullopt → NULL) and nullptr (NULL).
template <class T>
Value to_value(T&& v) {
  using U = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<U, std::nullptr_t> || std::is_same_v<U, std::monostate>) {
    return std::monostate{};
  } else if constexpr (std::is_same_v<U, bool>) {
    return int64_t{v ? 1 : 0};
  } else if constexpr (std::is_integral_v<U>) {
    return static_cast<int64_t>(v);
  } else if constexpr (std::is_floating_point_v<U>) {
    return static_cast<double>(v);
  } else if constexpr (std::is_same_v<U, Blob> || std::is_same_v<U, Value>) {
    return std::forward<T>(v);
  } else if constexpr (std::is_convertible_v<T, std::string_view>) {
    return std::string(std::string_view(v));
  } else {
    // std::optional<X>
    if (!v.has_value()) return std::monostate{};
    return to_value(*std::forward<T>(v));
  }
}

// params(a, b, c) → Params for `$1, $2, $3`.
template <class... Ts>
Params params(Ts&&... vs) {
  Params p;
  p.reserve(sizeof...(Ts));
  (p.push_back(to_value(std::forward<Ts>(vs))), ...);
  return p;
}

// Thrown by row accessors on a type mismatch or an out-of-range column: a programming error.
class ColumnError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// One result row, materialized. Accessors convert where it is lossless (an INTEGER read as text is not).
class Row {
 public:
  Row() = default;
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  size_t size() const { return values_.size(); }
  const Value& operator[](size_t i) const;
  bool is_null(size_t i) const;

  int64_t integer(size_t i) const;
  double real(size_t i) const;  // also accepts integers
  const std::string& text(size_t i) const;
  const Blob& blob(size_t i) const;
  bool boolean(size_t i) const { return integer(i) != 0; }

  std::optional<int64_t> opt_integer(size_t i) const;
  std::optional<std::string> opt_text(size_t i) const;

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

}  // namespace haven::store
