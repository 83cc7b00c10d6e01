// haven's Mustache: mstch 1.0's tokenizer and rules, parsed once, rendered from the model in place.
#include "http/web/templates.h"

#include <cstdint>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "http/web/embedded_web.h"

namespace haven::http::web {

namespace {

// ---- Parsing, as mstch 1.0's template_type does it ----

enum class TokenType : uint8_t {
  kText,
  kVariable,
  kUnescaped,
  kSectionOpen,
  kInvertedOpen,
  kSectionClose,
  kPartial,
  kComment,
  kDelimiterChange,
};

struct Token {
  TokenType type = TokenType::kText;
  std::string raw;
  std::string name;
  std::string partial_prefix;
  bool eol = false;
  bool ws_only = false;
};

size_t first_not_space(const std::string& s, size_t from, size_t to) {
  while (from < to && s[from] == ' ') ++from;
  return from;
}

// One past the last character of s[from, to) that is not a space (from if all are spaces).
size_t last_not_space_end(const std::string& s, size_t from, size_t to) {
  while (to > from && s[to - 1] == ' ') --to;
  return to;
}

Token text_token(std::string text) {
  Token t;
  t.eol = !text.empty() && text.back() == '\n';
  t.ws_only = text.find_first_not_of(" \n\t") == std::string::npos;
  t.raw = std::move(text);
  return t;
}

Token tag_token(std::string raw) {
  Token t;
  t.raw = std::move(raw);
  const std::string& s = t.raw;
  const size_t inner_end = s.size() - 2;  // before "}}"
  if (s[2] == '=' && s[inner_end - 1] == '=') {
    t.type = TokenType::kDelimiterChange;
  } else if (s[2] == '{' && s[inner_end - 1] == '}') {
    t.type = TokenType::kUnescaped;
    const size_t b = first_not_space(s, 3, inner_end);
    const size_t e = last_not_space_end(s, 2, inner_end - 1);
    t.name = e > b ? s.substr(b, e - b) : std::string();
  } else {
    size_t b = first_not_space(s, 2, inner_end);
    switch (b < s.size() ? s[b] : '\0') {
      case '>':
        t.type = TokenType::kPartial;
        break;
      case '^':
        t.type = TokenType::kInvertedOpen;
        break;
      case '/':
        t.type = TokenType::kSectionClose;
        break;
      case '&':
        t.type = TokenType::kUnescaped;
        break;
      case '#':
        t.type = TokenType::kSectionOpen;
        break;
      case '!':
        t.type = TokenType::kComment;
        break;
      default:
        t.type = TokenType::kVariable;
    }
    if (t.type != TokenType::kVariable) b = first_not_space(s, b + 1, inner_end);
    const size_t e = last_not_space_end(s, 2, inner_end);
    t.name = e > b ? s.substr(b, e - b) : std::string();
  }
  return t;
}

// Text split into lines, each line one token (as mstch does, so the standalone rule can see them).
void add_text(std::vector<Token>& out, const std::string& s, size_t begin, size_t end) {
  size_t start = begin;
  for (size_t i = begin; i < end; ++i)
    if (s[i] == '\n' || i == end - 1) {
      out.push_back(text_token(s.substr(start, i + 1 - start)));
      start = i + 1;
    }
}

std::vector<Token> tokenize(const std::string& s) {
  std::vector<Token> out;
  const auto npos = std::string::npos;
  for (size_t cur = 0; cur < s.size();) {
    const size_t open = s.find("{{", cur);
    size_t close = open == npos ? npos : s.find("}}", open + 1);
    if (open != npos && close != npos) {
      if (open + 2 < s.size() && s[open + 2] == '{' && close + 2 < s.size() && s[close + 2] == '}')
        ++close;
      add_text(out, s, cur, open);
      cur = close + 2;
      out.push_back(tag_token(s.substr(open, close + 2 - open)));
      if (cur == s.size()) {
        out.push_back(text_token(""));
        out.back().eol = true;
      }
    } else {
      add_text(out, s, cur, s.size());
      cur = s.size();
    }
  }
  // Standalone lines: a line holding only section, partial or comment tags and white space loses
  // the white space and its line break; a partial on such a line keeps its indentation as prefix.
  size_t line_begin = 0;
  bool has_tag = false, non_space = false;
  for (size_t i = 0; i < out.size(); ++i) {
    const TokenType type = out[i].type;
    if (type != TokenType::kText && type != TokenType::kVariable && type != TokenType::kUnescaped)
      has_tag = true;
    else if (!out[i].ws_only)
      non_space = true;
    if (!out[i].eol) continue;
    if (has_tag && !non_space) {
      for (size_t c = line_begin; !out[c].eol; ++c)
        if (out[c].type == TokenType::kPartial && c != line_begin && out[c - 1].ws_only)
          out[c].partial_prefix = out[c - 1].raw;
      size_t kept = line_begin;
      for (size_t c = line_begin; c <= i; ++c)
        if (!out[c].ws_only) {
          if (kept != c) out[kept] = std::move(out[c]);
          ++kept;
        }
      out.erase(out.begin() + static_cast<std::ptrdiff_t>(kept),
                out.begin() + static_cast<std::ptrdiff_t>(i + 1));
      i = kept - 1;
    }
    non_space = has_tag = false;
    line_begin = i + 1;
  }
  return out;
}

// ---- The parsed form: a tree, sections holding their contents ----

enum class NodeKind : uint8_t { kText, kEscaped, kUnescaped, kSection, kInverted, kPartial };

struct Node {
  NodeKind kind = NodeKind::kText;
  std::string text;    // the text, or the tag's name
  std::string prefix;  // a partial's indentation
  std::string body;    // a section's raw text (what a lambda is given)
  std::vector<Node> children;
};

std::string library_key(const std::string& name, const std::string& prefix) {
  return prefix.empty() ? name : name + '\0' + prefix;
}

// The tree of `text` rendered as a partial indented by `prefix` (mstch writes the prefix before
// every line of the partial, inside its sections too). `partials` receives the (name, prefix)
// pairs it includes.
std::vector<Node> build_tree(const std::string& text, const std::string& prefix,
                             std::vector<std::pair<std::string, std::string>>* partials) {
  std::vector<Token> flat = tokenize(text);
  if (!prefix.empty()) {
    std::vector<Token> with;
    with.reserve(flat.size() * 2);
    bool prev_eol = true;
    for (auto& t : flat) {
      if (prev_eol) with.push_back(text_token(prefix));
      prev_eol = t.eol;
      with.push_back(std::move(t));
    }
    flat = std::move(with);
  }
  struct Open {
    Node node;
    size_t first;  // index of the first token inside
  };
  std::vector<Node> top;
  std::vector<Open> open;
  auto current = [&]() -> std::vector<Node>& {
    return open.empty() ? top : open.back().node.children;
  };
  for (size_t i = 0; i < flat.size(); ++i) {
    Token& t = flat[i];
    switch (t.type) {
      case TokenType::kText: {
        auto& nodes = current();
        if (!nodes.empty() && nodes.back().kind == NodeKind::kText)
          nodes.back().text += t.raw;
        else if (!t.raw.empty())
          nodes.push_back(Node{NodeKind::kText, t.raw, {}, {}, {}});
        break;
      }
      case TokenType::kVariable:
        current().push_back(Node{NodeKind::kEscaped, t.name, {}, {}, {}});
        break;
      case TokenType::kUnescaped:
        current().push_back(Node{NodeKind::kUnescaped, t.name, {}, {}, {}});
        break;
      case TokenType::kSectionOpen:
      case TokenType::kInvertedOpen:
        open.push_back(
            Open{Node{t.type == TokenType::kSectionOpen ? NodeKind::kSection : NodeKind::kInverted,
                      t.name,
                      {},
                      {},
                      {}},
                 i + 1});
        break;
      case TokenType::kSectionClose: {
        if (open.empty()) break;  // mstch renders a stray close as nothing
        Open done = std::move(open.back());
        open.pop_back();
        for (size_t k = done.first; k < i; ++k) done.node.body += flat[k].raw;
        current().push_back(std::move(done.node));
        break;
      }
      case TokenType::kPartial:
        if (partials) partials->emplace_back(t.name, t.partial_prefix);
        current().push_back(Node{NodeKind::kPartial, t.name, t.partial_prefix, {}, {}});
        break;
      case TokenType::kComment:
      case TokenType::kDelimiterChange:  // not supported (haven's templates have none)
        break;
    }
  }
  return top;  // an unclosed section renders nothing, as in mstch
}

}  // namespace

struct Templates::Parsed {
  std::vector<Node> nodes;
};

namespace {

using Library = std::map<std::string, Templates::Parsed>;

// Parses template `name` (with `prefix`) and, transitively, the partials it includes, into `lib`.
void compile(Library& lib, const std::map<std::string, std::string>& sources,
             const std::string& name, const std::string& prefix) {
  const std::string key = library_key(name, prefix);
  auto source = sources.find(name);
  if (lib.count(key) || source == sources.end()) return;
  Templates::Parsed& slot = lib[key];  // placed first, so a partial that includes itself ends
  std::vector<std::pair<std::string, std::string>> used;
  slot.nodes = build_tree(source->second, prefix, &used);
  for (const auto& [partial, indent] : used) compile(lib, sources, partial, indent);
}

const mstch::node& null_node() {
  static const mstch::node null;
  return null;
}

// Whether `n` counts as false for a section (mstch's is_node_empty).
bool is_empty(const mstch::node& n) {
  if (n.which() == 0) return true;  // nullptr
  if (auto* s = boost::get<std::string>(&n)) return s->empty();
  if (auto* i = boost::get<int>(&n)) return *i == 0;
  if (auto* d = boost::get<double>(&n)) return *d == 0;
  if (auto* b = boost::get<bool>(&n)) return !*b;
  if (auto* a = boost::get<mstch::array>(&n)) return a->empty();
  return false;
}

void append_escaped(std::string& out, const std::string& text) {
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
}

class Renderer {
 public:
  Renderer(const Library& lib, const std::map<std::string, std::string>& sources, std::string& out)
      : lib_(lib), sources_(sources), out_(out) {}

  void render(const std::vector<Node>& nodes) {
    for (const Node& n : nodes) {
      switch (n.kind) {
        case NodeKind::kText:
          out_ += n.text;
          break;
        case NodeKind::kEscaped:
        case NodeKind::kUnescaped:
          variable(find(n.text), n.kind == NodeKind::kEscaped);
          break;
        case NodeKind::kSection: {
          const mstch::node& value = find(n.text);
          if (!is_empty(value)) section(value, n, false);
          break;
        }
        case NodeKind::kInverted:
          if (is_empty(find(n.text))) {
            stack_.push_back(&null_node());
            render(n.children);
            stack_.pop_back();
          }
          break;
        case NodeKind::kPartial:
          partial(n.text, n.prefix);
          break;
      }
    }
  }

  void push(const mstch::node& n) { stack_.push_back(&n); }
  // A map at the bottom of the context stack, looked up as a node holding it would be.
  void push_root(const mstch::map& m) { root_map_ = &m; }

 private:
  // mstch's look-up: a dotted name is resolved step by step, the first step through the whole
  // context stack (innermost first), the others in the node found so far.
  const mstch::node& find(std::string_view name) const {
    if (name != "." && name.find('.') != std::string_view::npos) {
      const size_t dot = name.rfind('.');
      const mstch::node& parent = find(name.substr(0, dot));
      const mstch::node* found = lookup(parent, name.substr(dot + 1));
      return found ? *found : null_node();
    }
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
      if (const mstch::node* found = lookup(**it, name)) return *found;
    if (root_map_ != nullptr) {
      auto it = root_map_->find(std::string(name));
      if (it != root_map_->end()) return it->second;
    }
    return null_node();
  }

  static const mstch::node* lookup(const mstch::node& n, std::string_view name) {
    if (auto* m = boost::get<mstch::map>(&n)) {
      auto it = m->find(std::string(name));
      return it == m->end() ? nullptr : &it->second;
    }
    if (auto* o = boost::get<std::shared_ptr<mstch::object>>(&n)) {
      const std::string key(name);
      return *o && (*o)->has(key) ? &(*o)->at(key) : nullptr;
    }
    return name == "." ? &n : nullptr;
  }

  // A node as text (mstch's render_node): strings as they are, numbers and booleans spelt out, a
  // lambda's result rendered as a template; maps, arrays and null as nothing.
  std::string as_text(const mstch::node& n) {
    if (auto* s = boost::get<std::string>(&n)) return *s;
    if (auto* i = boost::get<int>(&n)) return std::to_string(*i);
    if (auto* d = boost::get<double>(&n)) {
      std::ostringstream text;
      text << *d;
      return text.str();
    }
    if (auto* b = boost::get<bool>(&n)) return *b ? "true" : "false";
    if (auto* l = boost::get<mstch::lambda>(&n))
      return render_text_template((*l)([this](const mstch::node& r) { return as_text(r); }));
    return "";
  }

  void variable(const mstch::node& n, bool escape) {
    if (auto* s = boost::get<std::string>(&n)) {
      if (escape)
        append_escaped(out_, *s);
      else
        out_ += *s;
      return;
    }
    const std::string text = as_text(n);
    if (escape)
      append_escaped(out_, text);
    else
      out_ += text;
  }

  // A lambda's result is itself a template, rendered in the current context (with a null node
  // in front, as mstch pushes one). Catalog texts rarely hold a tag: those are used as they are.
  std::string render_text_template(const std::string& text) {
    if (text.find("{{") == std::string::npos) return text;
    std::string rendered;
    Renderer inner(lib_, sources_, rendered);
    inner.stack_ = stack_;
    inner.root_map_ = root_map_;
    inner.stack_.push_back(&null_node());
    inner.render(build_tree(text, "", nullptr));
    return rendered;
  }

  void section(const mstch::node& value, const Node& n, bool keep_array) {
    if (auto* l = boost::get<mstch::lambda>(&value)) {
      out_ +=
          render_text_template((*l)([this](const mstch::node& r) { return as_text(r); }, n.body));
      return;
    }
    if (auto* a = boost::get<mstch::array>(&value); a && !keep_array) {
      for (const mstch::node& item : *a) section(item, n, true);
      return;
    }
    stack_.push_back(&value);
    render(n.children);
    stack_.pop_back();
  }

  void partial(const std::string& name, const std::string& prefix) {
    auto it = lib_.find(library_key(name, prefix));
    if (it != lib_.end()) return render(it->second.nodes);
    auto source = sources_.find(name);  // only a lambda's template can reach here
    if (source != sources_.end()) render(build_tree(source->second, prefix, nullptr));
  }

  const Library& lib_;
  const std::map<std::string, std::string>& sources_;
  std::string& out_;
  std::vector<const mstch::node*> stack_;
  const mstch::map* root_map_ = nullptr;  // below stack_, when rendering a map (push_root)
};

}  // namespace

std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_escaped(out, text);
  return out;
}

Templates::Templates(std::map<std::string, std::string> templates)
    : templates_(std::move(templates)) {
  auto lib = std::make_shared<Library>();
  for (const auto& [name, text] : templates_) compile(*lib, templates_, name, "");
  parsed_ = std::move(lib);
  // mstch's escape function is a process-wide setting; install ours once, for code that still
  // calls mstch::render directly.
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

namespace {

// Renders template `name` of `parsed` with the model `seed` puts at the bottom of the stack.
template <typename Library, typename Seed>
std::string render_named(const Library& parsed, const std::map<std::string, std::string>& texts,
                         const std::string& name, Seed seed) {
  auto it = parsed.find(name);
  if (it == parsed.end()) throw std::out_of_range("no template named " + name);
  std::string out;
  out.reserve(16 * 1024);
  Renderer renderer(parsed, texts, out);
  seed(renderer);
  renderer.render(it->second.nodes);
  return out;
}

}  // namespace

std::string Templates::render(const std::string& name, const mstch::node& model) const {
  return render_named(*parsed_, templates_, name, [&](Renderer& r) { r.push(model); });
}

std::string Templates::render(const std::string& name, const mstch::map& model) const {
  return render_named(*parsed_, templates_, name, [&](Renderer& r) { r.push_root(model); });
}

std::string render_mustache(const std::string& text, const mstch::node& model,
                            const std::map<std::string, std::string>& partials) {
  Library lib;
  for (const auto& [name, source] : partials) compile(lib, partials, name, "");
  std::vector<std::pair<std::string, std::string>> used;
  const std::vector<Node> nodes = build_tree(text, "", &used);
  for (const auto& [name, prefix] : used) compile(lib, partials, name, prefix);
  std::string out;
  Renderer renderer(lib, partials, out);
  renderer.push(model);
  renderer.render(nodes);
  return out;
}

}  // namespace haven::http::web
