// Reading a JSON request body safely: media type, size, UTF-8, nesting depth and syntax are checked
// here, at the edge, and each failure becomes a core::Error a client can act on (problem+json
// 400/413; 422 naming the member when only some text in a JSON body is not UTF-8). Separate from
// the handlers so every endpoint rejects bad bodies the same way.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/result.h"

namespace haven::http {

// Deeper nesting is refused before parsing: nothing haven accepts is deeper, and it keeps the
// recursive parts of nlohmann (dump, destruction) away from hostile input.
inline constexpr size_t kMaxJsonDepth = 64;

// True for "application/json" and any "application/<x>+json", ignoring case and parameters; a
// charset parameter, when present, must be utf-8.
bool is_json_media_type(std::string_view content_type);

// Parses `text` as one JSON value. Errors (kInvalidInput) say what is wrong and near which byte.
// Invalid UTF-8 inside strings of an otherwise well-formed document is an error with one field per
// member it sits in ("narrative", "report.custom_fields.school", "goals[0].description"), so a
// form can mark them; any other invalid UTF-8 is an error without fields (400).
core::Result<nlohmann::json> parse_json_text(std::string_view text);

// The whole check for a request body: media type, size (kTooLarge beyond `max_bytes`), non-empty,
// UTF-8, depth, syntax.
core::Result<nlohmann::json> parse_json_body(std::string_view body, std::string_view content_type,
                                             size_t max_bytes);

}  // namespace haven::http
