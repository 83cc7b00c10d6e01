// UTF-8 validation per RFC 3629 (table 3-7 of the Unicode standard).
#include "core/utf8.h"

#include <cstdint>

namespace haven::core {

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
      n = 1;
    else if (c == 0xE0) {
      n = 2;
      lo = 0xA0;
    } else if (c >= 0xE1 && c <= 0xEC)
      n = 2;
    else if (c == 0xED) {
      n = 2;
      hi = 0x9F;
    } else if (c >= 0xEE && c <= 0xEF)
      n = 2;
    else if (c == 0xF0) {
      n = 3;
      lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3)
      n = 3;
    else if (c == 0xF4) {
      n = 3;
      hi = 0x8F;
    } else
      return false;
    if (static_cast<size_t>(end - p) < n + 1) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (size_t i = 2; i <= n; ++i)
      if (p[i] < 0x80 || p[i] > 0xBF) return false;
    p += n + 1;
  }
  return true;
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string utf8_truncate(std::string_view s, size_t max_cp) {
  size_t cps = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (cps == max_cp) return std::string(s.substr(0, i));
      ++cps;
    }
  }
  return std::string(s);
}

namespace {
// Length of a Unicode space at the start of s, or 0.
size_t space_prefix(std::string_view s) {
  if (s.empty()) return 0;
  unsigned char c = s[0];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (s.size() >= 2 && c == 0xC2 && static_cast<unsigned char>(s[1]) == 0xA0) return 2;
  if (s.size() >= 3 && c == 0xE2 && static_cast<unsigned char>(s[1]) == 0x80 &&
      static_cast<unsigned char>(s[2]) <= 0x8B)
    return 3;
  if (s.size() >= 3 && c == 0xE3 && static_cast<unsigned char>(s[1]) == 0x80 &&
      static_cast<unsigned char>(s[2]) == 0x80)
    return 3;
  return 0;
}
size_t space_suffix(std::string_view s) {
  for (size_t len : {size_t{1}, size_t{2}, size_t{3}}) {
    if (s.size() >= len && space_prefix(s.substr(s.size() - len)) == len) return len;
  }
  return 0;
}
}  // namespace

std::string_view trim(std::string_view s) {
  while (size_t n = space_prefix(s)) s.remove_prefix(n);
  while (size_t n = space_suffix(s)) s.remove_suffix(n);
  return s;
}

}  // namespace haven::core
