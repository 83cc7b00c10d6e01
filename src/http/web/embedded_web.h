// The files under web/ (templates, static assets, message catalogs) compiled into the binary, as
// the build found them (see EmbedWeb.cmake), so `haven serve` needs no web folder at run time.
#pragma once

#include <string_view>
#include <vector>

namespace haven::http::web {

struct EmbeddedWebFile {
  std::string_view path;     // relative to web/: "templates/layout.mustache", "i18n/en.json"
  std::string_view content;  // the file's bytes, exactly
};

// Sorted by path. Defined in the generated embedded_web.cpp.
const std::vector<EmbeddedWebFile>& embedded_web_files();

}  // namespace haven::http::web
