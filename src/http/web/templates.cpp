// mstch with haven's escaping, over the compiled-in templates.
#include "http/web/templates.h"

#include <mutex>
#include <set>
#include <stdexcept>
#include <vector>

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

namespace {

// The names of the partials `text` includes directly ({{> name}}).
std::set<std::string> partials_named_in(std::string_view text) {
  std::set<std::string> out;
  for (size_t at = text.find("{{>"); at != std::string_view::npos; at = text.find("{{>", at + 3)) {
    const size_t end = text.find("}}", at);
    if (end == std::string_view::npos) break;
    std::string_view name = text.substr(at + 3, end - at - 3);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    out.emplace(name);
  }
  return out;
}

}  // namespace

Templates::Templates(std::map<std::string, std::string> templates)
    : templates_(std::move(templates)) {
  for (const auto& [name, text] : templates_) {
    std::map<std::string, std::string>& mine = partials_[name];
    std::vector<std::string> pending(1, name);
    while (!pending.empty()) {
      const std::string current = std::move(pending.back());
      pending.pop_back();
      auto it = templates_.find(current);
      if (it == templates_.end()) continue;
      for (const auto& used : partials_named_in(it->second)) {
        auto partial = templates_.find(used);
        if (partial == templates_.end() || mine.count(used)) continue;
        mine.emplace(used, partial->second);
        pending.push_back(used);
      }
    }
  }
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
  return mstch::render(it->second, model, partials_.at(name));
}

}  // namespace haven::http::web
