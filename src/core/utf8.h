// UTF-8 checks for text from outside: every string that enters haven is validated here at the edge.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace haven::core {

// True if `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);
// Number of code points in valid UTF-8 (what a user calls "characters" for length limits).
size_t utf8_length(std::string_view text);
// Cuts valid UTF-8 to at most `max_code_points`, never inside a code point.
std::string utf8_truncate(std::string_view text, size_t max_code_points);
// Trims ASCII and Unicode spaces (U+00A0, U+2000–U+200B, U+3000) from both ends.
std::string_view trim(std::string_view text);

}  // namespace haven::core
