// mstch with haven's escaping, over the compiled-in templates.
#include "http/web/templates.h"

#include <mutex>
#include <stdexcept>

#include "http/web/embedded_web.h"

namespace haven::http::web {

std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '/':
        out += "&#x2F;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Templates::Templates(std::map<std::string, std::string> templates)
    : templates_(std::move(templates)) {
  // mstch's escape function is a process-wide setting; install ours once, before any render.
  static std::once_flag once;
  std::call_once(once, [] { mstch::config::escape = escape_html; });
}

Templates Templates::embedded() {
  std::map<std::string, std::string> out;
  constexpr std::string_view kDir = "templates/", kExt = ".mustache";
  for (const auto& f : embedded_web_files()) {
    if (f.path.substr(0, kDir.size()) != kDir || f.path.size() <= kDir.size() + kExt.size() ||
        f.path.substr(f.path.size() - kExt.size()) != kExt)
      continue;
    out.emplace(std::string(f.path.substr(kDir.size(), f.path.size() - kDir.size() - kExt.size())),
                std::string(f.content));
  }
  return Templates(std::move(out));
}

std::string Templates::render(const std::string& name, const mstch::node& model) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) throw std::out_of_range("no template named " + name);
  return mstch::render(it->second, model, templates_);
}

}  // namespace haven::http::web
