// UTF-8 <-> UTF-32 conversion and the few code point classes the name rules need (letter, mark,
// script). Rules work on code points, so a Latvian "ņ" or a Cyrillic "щ" is one unit, never bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace haven::search {

// The writing systems haven transliterates with their own rules; everything else is kOther.
enum class Script : uint8_t { kLatin, kCyrillic, kArabic, kEthiopic, kOther };
std::string_view script_name(Script s);  // "latin", "cyrillic" …

// Decodes well-formed UTF-8 (validate with core::is_valid_utf8 first; malformed bytes become
// U+FFFD rather than undefined behaviour).
std::u32string utf8_to_u32(std::string_view text);
void append_utf8(char32_t cp, std::string& out);
std::string u32_to_utf8(std::u32string_view text);

// Letters in the Unicode sense (General Category L*), combining marks (M*), and the script of a
// letter; backed by ICU's character properties.
bool is_letter(char32_t cp);
bool is_mark(char32_t cp);
Script script_of(char32_t cp);

}  // namespace haven::search
