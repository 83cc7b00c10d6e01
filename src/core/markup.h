// Escaping text for HTML and XML (SVG included), the one rule haven writes markup by: the five
// characters with a meaning in markup become entities, everything else is copied as it is.
// The page templates escape through their own renderer, which also escapes '/' as mustache does.
#pragma once

#include <string>
#include <string_view>

namespace haven::core {

// Appends `text` to `out` with & < > " ' written as entities; safe in element content and in
// quoted attribute values.
void append_markup_escaped(std::string& out, std::string_view text);
std::string escape_markup(std::string_view text);

}  // namespace haven::core
