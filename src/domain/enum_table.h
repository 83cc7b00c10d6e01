// EnumTable: the one place an enum's stable codes are spelled out, shared by every to_code/parse
// pair in domain/. The codes are stored in the database and sent over the API, so they never change
// once shipped.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace haven::domain {

template <class E>
struct EnumCode {
  E value;
  std::string_view code;
};

// A dense table: row i holds the enumerator whose underlying value is i. That lets to_code index
// the table and lets a static_assert prove, at compile time, that every enumerator has exactly one
// code.
template <class E, std::size_t N>
class EnumTable {
 public:
  constexpr explicit EnumTable(const EnumCode<E> (&rows)[N]) {
    for (std::size_t i = 0; i < N; ++i) {
      values_[i] = rows[i].value;
      codes_[i] = rows[i].code;
    }
  }

  // True when the rows are in enumerator order, end at `last`, and the codes are unique snake_case.
  constexpr bool complete_through(E last) const {
    if (static_cast<std::size_t>(last) + 1 != N) return false;
    for (std::size_t i = 0; i < N; ++i) {
      if (static_cast<std::size_t>(values_[i]) != i || !is_snake_case(codes_[i])) return false;
      for (std::size_t j = 0; j < i; ++j)
        if (codes_[j] == codes_[i]) return false;
    }
    return true;
  }

  constexpr std::string_view code(E value) const {
    auto i = static_cast<std::size_t>(value);
    return i < N ? codes_[i] : std::string_view{};
  }

  constexpr std::optional<E> parse(std::string_view code) const {
    for (std::size_t i = 0; i < N; ++i)
      if (codes_[i] == code) return values_[i];
    return std::nullopt;
  }

  constexpr std::span<const E> values() const { return values_; }

 private:
  static constexpr bool is_snake_case(std::string_view s) {
    if (s.empty() || s.front() == '_' || s.back() == '_') return false;
    for (char c : s)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
  }

  std::array<E, N> values_{};
  std::array<std::string_view, N> codes_{};
};

// make_enum_table<Sex>({{Sex::kFemale, "female"}, ...}): names the enum, counts the rows.
template <class E, std::size_t N>
constexpr EnumTable<E, N> make_enum_table(const EnumCode<E> (&rows)[N]) {
  return EnumTable<E, N>(rows);
}

}  // namespace haven::domain
