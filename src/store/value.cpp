// Row accessors.
#include "store/value.h"

namespace haven::store {

namespace {
[[noreturn]] void mismatch(size_t i, const char* want) {
  throw ColumnError("column " + std::to_string(i) + " is not " + want);
}
}  // namespace

const Value& Row::operator[](size_t i) const {
  if (i >= values_.size()) throw ColumnError("column " + std::to_string(i) + " out of range");
  return values_[i];
}

bool Row::is_null(size_t i) const { return std::holds_alternative<std::monostate>((*this)[i]); }

int64_t Row::integer(size_t i) const {
  if (auto* v = std::get_if<int64_t>(&(*this)[i])) return *v;
  mismatch(i, "an integer");
}

double Row::real(size_t i) const {
  const Value& v = (*this)[i];
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
  mismatch(i, "a number");
}

const std::string& Row::text(size_t i) const {
  if (auto* v = std::get_if<std::string>(&(*this)[i])) return *v;
  mismatch(i, "text");
}

const Blob& Row::blob(size_t i) const {
  if (auto* v = std::get_if<Blob>(&(*this)[i])) return *v;
  mismatch(i, "a blob");
}

std::optional<int64_t> Row::opt_integer(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

std::optional<std::string> Row::opt_text(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

}  // namespace haven::store
