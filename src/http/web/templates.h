// The page templates (web/templates/*.mustache, compiled in), parsed once when the site starts and
// rendered straight from the model: the same Mustache as mstch 1.0 (its tokenizer, its standalone-
// line rule, its partial indentation, its lambdas), so mstch::map/array/lambda stay the model
// types, but without mstch's per-render parsing of the template and every partial and its copying
// of each section's model (together about a third of the case page's CPU, docs/PERFORMANCE.md,
// "Load"). Every template is also a partial under its name without the extension ({{>
// field_errors}}). Values are HTML-escaped by `{{ }}`; haven's templates use the triple mustache
// only for `content` (a page already rendered) and for the QR code SVG (built by security/qr_svg
// from escaped parts).
//
// Immutable after construction; render() may be called from any thread.
#pragma once

#include <map>
#include <memory>
#include <mstch/mstch.hpp>
#include <string>
#include <string_view>
#include <vector>

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
  // The same for a page's model as it is built (a map), without first copying all of it into a
  // node, as passing it to the overload above would.
  std::string render(const std::string& name, const mstch::map& model) const;
  bool has(const std::string& name) const { return templates_.count(name) != 0; }
  const std::map<std::string, std::string>& all() const { return templates_; }

  struct Parsed;  // a template as a tree of text, tags and sections (templates.cpp)

 private:
  std::map<std::string, std::string> templates_;
  // Each template parsed once, and each partial once per indentation it is included with (mstch
  // indents every line of a partial that stands alone on an indented line).
  std::shared_ptr<const std::map<std::string, Parsed>> parsed_;
};

// A template text rendered with `model` exactly as mstch::render(text, model, partials) would, for
// the Mustache haven uses (no set-delimiter tags): the tests compare the two.
std::string render_mustache(const std::string& text, const mstch::node& model,
                            const std::map<std::string, std::string>& partials = {});

}  // namespace haven::http::web
