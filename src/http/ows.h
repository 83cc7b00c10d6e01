// HTTP's optional white space (RFC 9110 §5.6.3: spaces and horizontal tabs) around header,
// cookie, form and catalogue values. Unicode spaces are core::trim's business, not HTTP's.
#pragma once

#include <string_view>

namespace haven::http {

inline std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace haven::http
