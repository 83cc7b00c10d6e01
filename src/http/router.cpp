// Route registration checks and path-template matching.
#include "http/router.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace haven::http {

namespace {

bool is_param(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

bool valid_param_name(std::string_view name) {
  if (name.empty() || !(std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_'))
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool valid_literal(std::string_view segment) {
  return !segment.empty() && std::all_of(segment.begin(), segment.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
           c == '~';
  });
}

// "/" → {}; "/a/b" → {"a", "b"}; "/a/" → {"a", ""}. `path` must start with '/'.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (path == "/") return out;
  path.remove_prefix(1);
  size_t start = 0;
  while (true) {
    size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

bool method_matches(Method route_method, std::string_view request_method) {
  if (request_method == "HEAD") return route_method == Method::kGet;
  return request_method == method_name(route_method);
}

// True if `route` matches `parts`; `literal_mask` records which positions matched a literal.
bool template_matches(const Router::Route& route, const std::vector<std::string_view>& parts,
                      std::vector<bool>& literal_mask) {
  if (route.segments.size() != parts.size()) return false;
  literal_mask.assign(parts.size(), false);
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (is_param(seg)) {
      if (parts[i].empty()) return false;
    } else {
      if (seg != parts[i]) return false;
      literal_mask[i] = true;
    }
  }
  return true;
}

}  // namespace

const char* method_name(Method method) {
  switch (method) {
    case Method::kGet:
      return "GET";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
  }
  return "GET";
}

void Router::add(Method method, std::string pattern, std::string name, Handler handler) {
  if (frozen_) throw std::logic_error("route " + pattern + " added after the server started");
  if (pattern.empty() || pattern.front() != '/')
    throw std::invalid_argument("route template must start with '/': " + pattern);
  if (name.empty()) throw std::invalid_argument("route " + pattern + " needs a name");
  if (!handler) throw std::invalid_argument("route " + pattern + " has no handler");

  Route route{{method, pattern, std::move(name)}, {}, std::move(handler)};
  std::vector<std::string_view> param_names;
  for (std::string_view seg : split_path(pattern)) {
    if (is_param(seg)) {
      std::string_view pname = seg.substr(1, seg.size() - 2);
      if (!valid_param_name(pname))
        throw std::invalid_argument("bad parameter name in route template " + pattern);
      if (std::find(param_names.begin(), param_names.end(), pname) != param_names.end())
        throw std::invalid_argument("parameter repeated in route template " + pattern);
      param_names.push_back(pname);
    } else if (!valid_literal(seg)) {
      throw std::invalid_argument("bad segment '" + std::string(seg) + "' in route template " +
                                  pattern);
    }
    route.segments.emplace_back(seg);
  }

  for (const Route& r : routes_) {
    if (r.info.name == route.info.name)
      throw std::invalid_argument("route name used twice: " + route.info.name);
    // Two templates that differ only in parameter names are the same template.
    bool same_shape = r.info.method == method && r.segments.size() == route.segments.size();
    for (size_t i = 0; same_shape && i < r.segments.size(); ++i) {
      const bool a = is_param(r.segments[i]), b = is_param(route.segments[i]);
      same_shape = a == b && (a || r.segments[i] == route.segments[i]);
    }
    if (same_shape)
      throw std::invalid_argument(std::string("route registered twice: ") + method_name(method) +
                                  " " + pattern);
  }
  routes_.push_back(std::move(route));
}

void Router::limit_body(Method method, const std::string& pattern, size_t max_bytes) {
  if (frozen_)
    throw std::logic_error("body limit for " + pattern + " set after the server started");
  for (Route& r : routes_) {
    if (r.info.method == method && r.info.pattern == pattern) {
      r.max_body_bytes = max_bytes;
      return;
    }
  }
  throw std::invalid_argument("no route " + pattern + " to set a body limit for");
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const Route& r : routes_) out.push_back(r.info);
  return out;
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match result;
  if (path.empty() || path.front() != '/') return result;
  const std::vector<std::string_view> parts = split_path(path);

  const Route* best = nullptr;
  std::vector<bool> best_mask, mask;
  std::vector<Method> allowed;
  for (const Route& r : routes_) {
    if (!template_matches(r, parts, mask)) continue;
    if (!method_matches(r.info.method, method)) {
      allowed.push_back(r.info.method);
      if (!result.route) result.route = &r;
      continue;
    }
    // Literal beats parameter at the first position where the two templates differ.
    if (!best || mask > best_mask) {
      best = &r;
      best_mask = mask;
    }
  }

  if (best) {
    result.kind = Match::Kind::kFound;
    result.route = best;
    for (size_t i = 0; i < parts.size(); ++i) {
      const std::string& seg = best->segments[i];
      if (is_param(seg)) result.params.emplace_back(seg.substr(1, seg.size() - 2), parts[i]);
    }
    return result;
  }
  if (allowed.empty()) return result;

  result.kind = Match::Kind::kWrongMethod;
  std::sort(allowed.begin(), allowed.end());
  allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
  for (Method m : allowed) {
    if (!result.allow.empty()) result.allow += ", ";
    result.allow += method_name(m);
    if (m == Method::kGet) result.allow += ", HEAD";
  }
  return result;
}

}  // namespace haven::http
