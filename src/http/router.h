// The route table. Every endpoint is registered here with its method, path template and operation
// name, so the table can be listed (compared with docs/openapi.yaml, walked by the attack suite,
// used as the `route` metrics label) as well as dispatched.
//
// Path templates use OpenAPI syntax: literal segments and `{name}` for exactly one non-empty
// segment, e.g. "/api/v1/cases/{case_id}/notes". When several templates match a path, the one with
// a literal where the others have a parameter wins ("/cases/search" beats "/cases/{case_id}"). A
// GET route also answers HEAD. Matching is plain string comparison (no std::regex, which is slow
// and recursive in libstdc++).
//
// Thread-safety: routes are added while the server is being set up, single-threaded;
// Server::listen() freezes the table, after which add() throws and match() may be called from any
// thread.
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace haven::http {

class RequestContext;

enum class Method { kGet, kPost, kPut, kPatch, kDelete };
const char* method_name(Method method);  // "GET", ...

struct RouteInfo {
  Method method = Method::kGet;
  std::string pattern;  // "/api/v1/cases/{case_id}": the OpenAPI path and the metrics `route` label
  std::string name;     // operation id ("getCase"), unique in the table
};

// Values of the `{name}` segments of the matched template, in template order. Already URL-decoded
// (httplib decodes the path); handlers validate them (e.g. core::is_valid_id) before use.
using PathParams = std::vector<std::pair<std::string, std::string>>;

class Router {
 public:
  using Handler = std::function<void(RequestContext&)>;

  struct Route {
    RouteInfo info;
    std::vector<std::string> segments;  // "{x}" marks a parameter
    Handler handler;
    size_t max_body_bytes = 0;  // 0: the server's limit (ServerOptions::max_body_bytes)
  };

  struct Match {
    enum class Kind { kFound, kNoPath, kWrongMethod };
    Kind kind = Kind::kNoPath;
    const Route* route = nullptr;  // set for kFound; for kWrongMethod, one route on that path
    PathParams params;
    std::string allow;  // kWrongMethod: the Allow header value, e.g. "GET, HEAD, POST"
  };

  // Registers a route. Throws std::invalid_argument for a malformed template or a duplicate
  // (method, template) or name, and std::logic_error once frozen: all are start-up programming
  // errors.
  void add(Method method, std::string pattern, std::string name, Handler handler);
  void get(std::string pattern, std::string name, Handler h) {
    add(Method::kGet, std::move(pattern), std::move(name), std::move(h));
  }
  void post(std::string pattern, std::string name, Handler h) {
    add(Method::kPost, std::move(pattern), std::move(name), std::move(h));
  }
  void put(std::string pattern, std::string name, Handler h) {
    add(Method::kPut, std::move(pattern), std::move(name), std::move(h));
  }
  void patch(std::string pattern, std::string name, Handler h) {
    add(Method::kPatch, std::move(pattern), std::move(name), std::move(h));
  }
  void del(std::string pattern, std::string name, Handler h) {
    add(Method::kDelete, std::move(pattern), std::move(name), std::move(h));
  }

  // Lets the route (method, template) take bodies up to `max_bytes` instead of the server's limit
  // (file uploads). Throws std::invalid_argument if there is no such route, std::logic_error once
  // frozen.
  void limit_body(Method method, const std::string& pattern, size_t max_bytes);

  // Every route in registration order.
  std::vector<RouteInfo> routes() const;

  // Finds the route for a request. `method` is the request method as sent ("HEAD" matches GET
  // routes).
  Match match(std::string_view method, std::string_view path) const;

  void freeze() { frozen_ = true; }
  bool frozen() const { return frozen_; }

 private:
  std::deque<Route> routes_;  // deque: Match keeps pointers, which push_back must not invalidate
  bool frozen_ = false;
};

}  // namespace haven::http
