// The page templates (web/templates/*.mustache, compiled in) rendered with mstch. Every template is
// also a partial under its name without the extension ({{> field_errors}}). Values are HTML-escaped
// by `{{ }}`; haven's templates use the triple mustache only for `content` (a page already
// rendered) and for the QR code SVG (built by security/qr_svg from escaped parts).
//
// Immutable after construction; render() may be called from any thread.
#pragma once

#include <map>
#include <mstch/mstch.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace haven::http::web {

// The escaping `{{ }}` applies: & < > " ' / as entities. Installed into mstch by Templates.
std::string escape_html(const std::string& text);

class Templates {
 public:
  // Templates given as name → text (tests), or the embedded web/templates folder.
  explicit Templates(std::map<std::string, std::string> templates);
  static Templates embedded();

  // Renders template `name` with `model`. Throws std::out_of_range for an unknown template (a
  // programming error, answered as 500 by the server).
  std::string render(const std::string& name, const mstch::node& model) const;
  bool has(const std::string& name) const { return templates_.count(name) != 0; }
  const std::map<std::string, std::string>& all() const { return templates_; }

 private:
  std::map<std::string, std::string> templates_;
  // Per template, the partials it uses, directly or through other partials. mstch parses every
  // partial it is given on every render, so each render gets only these (with all templates as
  // partials, the case page spent most of its time re-parsing templates it never used).
  std::map<std::string, std::map<std::string, std::string>> partials_;
};

}  // namespace haven::http::web
