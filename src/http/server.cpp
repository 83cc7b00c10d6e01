// The server proper: an httplib::Server subclass that binds its own listening socket (precise
// errors, a real backlog), serves each connection through http::Connection (request-head limits, a
// keep-alive wait that notices stop()), and handles every request in one pre-routing hook that
// matches haven's Router, checks framing, reads the body and calls the handler. httplib's own regex
// routing is unused.
//
// ODR note: Debian ships cpp-httplib 0.11.4 as a header plus a compiled libcpp-httplib.so, so its
// compile-time CPPHTTPLIB_* limits (8192-byte header lines and URIs, no limit on the number of
// headers or on a request line's length before the URI check, a listen backlog of 5) are fixed in
// the library whatever we #define. Redefining them here would only make our view of its classes
// differ from the library's (an ODR violation), so nothing is redefined; the limits haven needs are
// enforced at run time instead (Connection, pre_routing, bind_listener).
#include "http/server.h"

#include <httplib.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "core/utf8.h"
#include "http/connection.h"
#include "http/hub/hub_routes.h"
#include "http/metrics.h"
#include "http/middleware.h"
#include "http/problem.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/routes.h"
#include "service/app.h"
#include "store/database.h"

namespace haven::http {

namespace {

using SteadyClock = std::chrono::steady_clock;
using HandlerResponse = httplib::Server::HandlerResponse;

constexpr size_t kKeepAliveMaxRequests = 100;
// The worker threads when [server] threads is 0: enough for the connections a municipality's
// caseworkers keep open at once (browsers hold up to six each, the load test 64), since httplib
// gives each keep-alive connection a worker of its own. A worker waiting on a socket costs no CPU.
constexpr size_t kDefaultThreads = 64;
// A busy keep-alive connection answers this many requests, then closes when accepted connections
// wait for a worker, so that a few clients cannot hold every worker while others queue.
constexpr size_t kFairShareRequests = 4;
constexpr std::chrono::milliseconds kMaxLinger{2000};

// What the hooks httplib calls for one request share. httplib runs every hook and the handler on
// the worker thread that serves the connection, inside our process_and_close_socket, so a
// thread_local pointer set around each process_request call is enough.
struct Exchange {
  SteadyClock::time_point start = SteadyClock::now();
  std::string request_id;
  std::string route = "invalid";  // metrics label until the request line is understood
  std::optional<Router::Match> match;
  bool parsed = false;  // pre-routing saw it: request line and headers were valid
  bool counted_in_flight = false;
  bool close = false;      // close the connection after this answer
  bool linger = false;     // ...and drain what the client still sends first
  bool responded = false;  // the answer's headers were finished
};

thread_local Exchange* tl_exchange = nullptr;
thread_local Connection* tl_connection = nullptr;

Exchange& current_exchange() {
  if (tl_exchange) return *tl_exchange;
  // Only reachable if httplib called a hook outside our connection loop, which 0.11.4 does not.
  thread_local Exchange fallback;
  return fallback;
}

std::shared_ptr<spdlog::logger> default_log() {
  if (auto existing = spdlog::get("haven.http")) return existing;
  try {
    auto log = spdlog::stdout_logger_mt("haven.http");
    log->set_pattern("%v");
    return log;
  } catch (const spdlog::spdlog_ex&) {
    return spdlog::get("haven.http");  // registered by another thread meanwhile
  }
}

// httplib's ThreadPool, counting the accepted connections that wait for a worker, so that idle
// keep-alive connections can make way for them (see process_and_close_socket).
class CountingPool final : public httplib::TaskQueue {
 public:
  CountingPool(size_t threads, std::atomic<int>& waiting) : pool_(threads), waiting_(waiting) {}
  void enqueue(std::function<void()> fn) override {
    waiting_.fetch_add(1);
    pool_.enqueue([this, fn = std::move(fn)] {
      waiting_.fetch_sub(1);
      fn();
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
  std::atomic<int>& waiting_;
};

std::string display_address(const std::string& host, int port) {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string explain_bind_errno(int err) {
  switch (err) {
    case EADDRINUSE:
      return "address already in use — is another haven running? choose another with --listen";
    case EACCES:
      return "permission denied — ports below 1024 need privileges; choose another with --listen";
    case EADDRNOTAVAIL:
      return "this machine has no such address — choose another with --listen";
    default:
      return std::strerror(err);
  }
}

// Strict Content-Length: digits only, no sign, no overflow.
std::optional<size_t> parse_length(const std::string& text) {
  size_t value = 0;
  if (text.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

class Server::Impl final : public httplib::Server {
 public:
  Impl(ServerOptions options, service::App& app);
  ~Impl() override;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  core::Status bind_listener();
  void serve();
  void stop();

  ServerOptions options_;
  service::App& app_;
  std::shared_ptr<spdlog::logger> log_;
  Router router_;
  Metrics metrics_;
  int port_ = 0;
  bool listening_ = false;
  std::atomic<bool> stop_requested_{false};
  std::atomic<bool> serving_{false};

 private:
  bool process_and_close_socket(socket_t sock) override;

  void begin(Exchange& ex, const httplib::Request& req);
  void refuse(Exchange& ex, const httplib::Request& req, httplib::Response& res, int status,
              std::string_view detail, bool unread_body);
  HandlerResponse pre_routing(const httplib::Request& req, httplib::Response& res);
  int expect_continue(const httplib::Request& req, httplib::Response& res);
  void on_error(const httplib::Request& req, httplib::Response& res);
  void post_routing(const httplib::Request& req, httplib::Response& res);
  void on_exception(const httplib::Request& req, httplib::Response& res, std::exception_ptr ep);
  void on_answered(const httplib::Request& req, const httplib::Response& res);
  void answer_raw(Connection& conn, Exchange& ex, int status, std::string_view detail);
  // The largest body the matched route takes: its own allowance (Router::limit_body) or the
  // server's.
  size_t body_limit(const Router::Match& match) const {
    if (match.kind == Router::Match::Kind::kFound && match.route && match.route->max_body_bytes)
      return match.route->max_body_bytes;
    return options_.max_body_bytes;
  }

  ConnectionLimits limits_;
  size_t threads_ = 8;
  std::atomic<int> waiting_{0};  // accepted connections not yet given a worker
};

size_t worker_threads(int configured) {
  if (configured > 0) return static_cast<size_t>(configured);
  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  return std::max<size_t>(kDefaultThreads, 8 * static_cast<size_t>(hw));
}

Server::Impl::Impl(ServerOptions options, service::App& app)
    : options_(std::move(options)), app_(app), log_(options_.log ? options_.log : default_log()) {
  threads_ = worker_threads(options_.threads);
  limits_.max_head_bytes = options_.max_header_bytes;
  limits_.head_timeout = std::chrono::seconds(options_.read_timeout_s);
  limits_.read_timeout = std::chrono::seconds(options_.read_timeout_s);
  limits_.write_timeout = std::chrono::seconds(options_.write_timeout_s);

  // httplib owns the queue it gets from this factory (it wraps the pointer in a unique_ptr).
  new_task_queue = [this] { return std::make_unique<CountingPool>(threads_, waiting_).release(); };
  set_read_timeout(options_.read_timeout_s);
  set_write_timeout(options_.write_timeout_s);
  set_keep_alive_timeout(options_.idle_timeout_s);
  set_keep_alive_max_count(kKeepAliveMaxRequests);
  set_payload_max_length(options_.max_body_bytes);

  set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    return pre_routing(req, res);
  });
  set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
    return expect_continue(req, res);
  });
  // HandlerWithResponse spelled out: both set_error_handler overloads accept a plain lambda.
  set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        on_error(req, res);
        return HandlerResponse::Unhandled;  // Handled would make httplib apply Range to the problem
      }));
  set_post_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) { post_routing(req, res); });
  set_exception_handler([this](const httplib::Request& req, httplib::Response& res,
                               std::exception_ptr ep) { on_exception(req, res, std::move(ep)); });
  set_logger(
      [this](const httplib::Request& req, const httplib::Response& res) { on_answered(req, res); });

  if (options_.regional)
    register_hub_routes(router_, app_, metrics_);
  else
    register_routes(router_, app_, metrics_);
}

Server::Impl::~Impl() {
  int fd = svr_sock_.exchange(INVALID_SOCKET);
  if (fd != INVALID_SOCKET && !is_running()) ::close(fd);
}

core::Status Server::Impl::bind_listener() {
  if (listening_) return core::ok_status();
  const std::string where = display_address(options_.host, options_.port);
  if (options_.port < 0 || options_.port > 65535)
    return core::Error::invalid("cannot listen on " + where + ": the port must be 0–65535");

  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(options_.port);
  int rc = ::getaddrinfo(options_.host.empty() ? nullptr : options_.host.c_str(), service.c_str(),
                         &hints, &found);
  if (rc != 0)
    return core::Error::invalid("cannot listen on " + where + ": " + ::gai_strerror(rc) +
                                " — check the host given to --listen");
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> guard(found, &::freeaddrinfo);

  int last_errno = EADDRNOTAVAIL;
  for (addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) {
      last_errno = errno;
      continue;
    }
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0) {
      sockaddr_storage addr{};
      socklen_t len = sizeof(addr);
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
      port_ = addr.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port)
                                         : ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
      svr_sock_ = fd;
      listening_ = true;
      router_.freeze();
      return core::ok_status();
    }
    last_errno = errno;
    ::close(fd);
  }
  return core::Error::unavailable("cannot listen on " + where + ": " +
                                  explain_bind_errno(last_errno));
}

void Server::Impl::serve() {
  if (!listening_) {
    log_json(*log_, LogLevel::kError, "serve() called without a successful listen()", {}, {});
    return;
  }
  serving_ = true;
  if (!stop_requested_) {
    log_json(*log_, LogLevel::kInfo, "listening", {},
             {{"address", display_address(options_.host, port_)},
              {"threads", threads_},
              {"demo", options_.demo}});
    if (!listen_after_bind()) {
      // httplib closed the socket after a failed accept() but left its number behind.
      svr_sock_ = INVALID_SOCKET;
      log_json(*log_, LogLevel::kError, "the listening socket failed; no longer accepting", {},
               {{"error", std::strerror(errno)}});
    }
  }
  int fd = svr_sock_.exchange(INVALID_SOCKET);  // stopped before httplib's loop ever ran
  if (fd != INVALID_SOCKET) ::close(fd);
  serving_ = false;
  listening_ = false;
  log_json(*log_, LogLevel::kInfo, "stopped", {}, {});
}

void Server::Impl::stop() {
  if (!stop_requested_.exchange(true)) {
    log_json(*log_, LogLevel::kInfo, "stopping", {}, {{"in_flight", metrics_.in_flight()}});
  }
  // serve() may sit between its stop_requested_ check and httplib's loop start, where httplib's
  // stop() does nothing yet; wait (at most 2 s) until the loop runs.
  for (int i = 0; i < 2000 && serving_ && !is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  httplib::Server::stop();
}

// Replaces httplib's connection loop (same shape: keep-alive up to a request count) so that reads
// go through Connection's limits and an idle connection ends as soon as the server stops.
bool Server::Impl::process_and_close_socket(socket_t sock) {
  // An answer is two writes (head, body); without this Nagle holds the body back for an ACK.
  int one = 1;
  ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));

  Connection conn(sock, limits_);
  bool ret = false;
  bool linger = false;
  tl_connection = &conn;
  try {
    const auto idle = std::chrono::seconds(options_.idle_timeout_s);
    bool first = true;
    // An idle keep-alive connection holds a worker thread; it lets go when the server stops or when
    // other connections wait for a worker (a browser alone opens six). A new connection may use the
    // whole idle timeout to send its first request.
    auto give_up = [this, &first] {
      return svr_sock_ == INVALID_SOCKET || (!first && waiting_.load() > 0);
    };
    size_t served = 0;
    for (size_t remaining = keep_alive_max_count_; remaining > 0; --remaining, first = false) {
      if (!conn.wait_for_request(give_up, idle)) break;
      conn.begin_request();

      Exchange ex;
      struct Scope {
        Exchange& ex;
        Metrics& metrics;
        ~Scope() {
          if (ex.counted_in_flight) metrics.request_finished();
          tl_exchange = nullptr;
        }
      } scope{ex, metrics_};
      tl_exchange = &ex;

      bool connection_closed = false;
      // Connection: close on the last answer: the request budget is spent, the server stops, or
      // this connection has had its share while others wait for a worker.
      const bool last = remaining == 1 || svr_sock_ == INVALID_SOCKET ||
                        (++served >= kFairShareRequests && waiting_.load() > 0);
      ret = process_request(conn, last, connection_closed, nullptr);
      if (!ex.responded && conn.failure() == Connection::Failure::kHeadTooLarge) {
        // The request line alone broke the budget, so httplib gave up without answering.
        answer_raw(conn, ex, 431,
                   "The request line and headers are larger than the limit of " +
                       std::to_string(options_.max_header_bytes) + " bytes.");
        ret = true;
      }
      linger = ex.linger && ex.responded;
      if (!ret || connection_closed || ex.close || conn.failure() != Connection::Failure::kNone)
        break;
    }
  } catch (const std::exception& e) {
    log_json(*log_, LogLevel::kError, "connection failed", {}, {{"exception", e.what()}});
  } catch (...) {
    log_json(*log_, LogLevel::kError, "connection failed", {}, {{"exception", "unknown"}});
  }
  tl_connection = nullptr;
  tl_exchange = nullptr;
  if (linger)
    conn.lingering_close(std::min<std::chrono::milliseconds>(limits_.read_timeout, kMaxLinger));
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

void Server::Impl::begin(Exchange& ex, const httplib::Request& req) {
  if (ex.request_id.empty()) ex.request_id = request_id_for(req.get_header_value(kRequestIdHeader));
  if (!ex.match && !req.method.empty() && !req.path.empty()) {
    ex.match = router_.match(req.method, req.path);
    ex.route = ex.match->route ? ex.match->route->info.pattern : "unmatched";
  }
}

void Server::Impl::refuse(Exchange& ex, const httplib::Request& req, httplib::Response& res,
                          int status, std::string_view detail, bool unread_body) {
  write_status_problem(res, status, detail, ex.request_id, req.path);
  if (unread_body) ex.close = ex.linger = true;
}

HandlerResponse Server::Impl::pre_routing(const httplib::Request& req, httplib::Response& res) {
  Exchange& ex = current_exchange();
  ex.parsed = true;
  begin(ex, req);
  if (!ex.match) {  // an empty path ("GET ?x HTTP/1.1") matches nothing
    ex.match.emplace();
    ex.route = "unmatched";
  }
  metrics_.request_started();
  ex.counted_in_flight = true;

  // Framing. haven reads bodies itself, by Content-Length only: no chunked uploads (a client can
  // always send the length), no compressed bodies (decompression bombs), nothing ambiguous.
  const size_t length_headers = req.get_header_value_count("Content-Length");
  const bool has_transfer_encoding = req.has_header("Transfer-Encoding");
  std::optional<size_t> length = length_headers == 1
                                     ? parse_length(req.get_header_value("Content-Length"))
                                     : std::optional<size_t>(0);
  if (length_headers > 1 || !length || (has_transfer_encoding && length_headers > 0)) {
    refuse(ex, req, res, 400,
           "Content-Length must be one number, and not be sent with Transfer-Encoding.", true);
    return HandlerResponse::Handled;
  }
  if (has_transfer_encoding) {
    refuse(ex, req, res, 411, "Send the body with a Content-Length header, not chunked.", true);
    return HandlerResponse::Handled;
  }
  const bool has_body = *length > 0;
  const size_t max_body = body_limit(*ex.match);
  if (*length > max_body) {
    write_problem(res,
                  core::Error::too_large("The request body is larger than the limit of " +
                                         std::to_string(max_body) + " bytes."),
                  ex.request_id, req.path);
    ex.close = ex.linger = true;
    return HandlerResponse::Handled;
  }
  if (has_body && req.has_header("Content-Encoding") &&
      req.get_header_value("Content-Encoding") != "identity") {
    refuse(ex, req, res, 415, "Send the body uncompressed (no Content-Encoding).", true);
    return HandlerResponse::Handled;
  }

  const Router::Match& match = *ex.match;
  if (match.kind == Router::Match::Kind::kNoPath) {
    refuse(ex, req, res, 404, "There is no endpoint at this path.", has_body);
    return HandlerResponse::Handled;
  }
  if (match.kind == Router::Match::Kind::kWrongMethod) {
    refuse(ex, req, res, 405, "This endpoint does not accept " + req.method + ".", has_body);
    res.set_header("Allow", match.allow);
    return HandlerResponse::Handled;
  }
  // A path parameter names a record, a code or a file: text a person could type. One that is not
  // UTF-8 or holds a control character (NUL, a newline) names nothing haven has, and must not reach
  // a database that would refuse it (PostgreSQL cannot store NUL) or a log line it would split.
  for (const auto& [name, value] : match.params) {
    const bool control = std::any_of(value.begin(), value.end(), [](char c) {
      return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    if (control || !core::is_valid_utf8(value)) {
      refuse(ex, req, res, 404, "There is nothing at this path.", has_body);
      return HandlerResponse::Handled;
    }
  }

  std::string body;
  if (has_body) {
    if (!tl_connection) throw std::logic_error("request outside haven's connection loop");
    body.resize(*length);
    if (!tl_connection->read_exact(body.data(), body.size())) {
      const bool timeout = tl_connection->failure() == Connection::Failure::kTimeout;
      write_status_problem(res, timeout ? 408 : 400,
                           timeout ? "The request body did not arrive in time."
                                   : "The request body ended before Content-Length bytes arrived.",
                           ex.request_id, req.path);
      ex.close = true;
      return HandlerResponse::Handled;
    }
  }

  RequestContext ctx(req, res, ex.request_id, match.params, body, options_.max_body_bytes,
                     log_.get());
  match.route->handler(ctx);
  return HandlerResponse::Handled;
}

// "Expect: 100-continue": refuse a body that is too large before the client sends it.
int Server::Impl::expect_continue(const httplib::Request& req, httplib::Response& res) {
  Exchange& ex = current_exchange();
  begin(ex, req);
  auto length = parse_length(req.get_header_value("Content-Length"));
  const size_t max_body = ex.match ? body_limit(*ex.match) : options_.max_body_bytes;
  if (length && *length > max_body) {
    write_problem(res,
                  core::Error::too_large("The request body is larger than the limit of " +
                                         std::to_string(max_body) + " bytes."),
                  ex.request_id, req.path);
    ex.close = ex.linger = true;
    return res.status;
  }
  return 100;
}

// Every 4xx/5xx passes here before it is written. Handlers' own answers (problem+json, or a page
// re-rendered with messages) have a body and are left alone; httplib's bare statuses get a problem.
void Server::Impl::on_error(const httplib::Request& req, httplib::Response& res) {
  try {
    Exchange& ex = current_exchange();
    begin(ex, req);
    const auto failure = tl_connection ? tl_connection->failure() : Connection::Failure::kNone;
    if (!ex.parsed) {
      // The request was not understood: do not trust what follows it on this connection. Drain
      // what the client is still sending so that it reads this answer instead of a reset.
      ex.close = true;
      ex.linger = failure != Connection::Failure::kTimeout;
    }
    if (!res.body.empty()) return;

    int status = res.status;
    std::string detail;
    if (!ex.parsed && failure == Connection::Failure::kHeadTooLarge) {
      status = 431;
      detail = "The request line and headers are larger than the limit of " +
               std::to_string(options_.max_header_bytes) + " bytes.";
    } else if (!ex.parsed && failure == Connection::Failure::kTimeout) {
      status = 408;
      detail = "The request headers did not arrive within " +
               std::to_string(options_.read_timeout_s) + " seconds.";
    } else if (!ex.parsed && status == 400) {
      detail = "The request is not valid HTTP/1.1.";
    } else if (status == 414) {
      detail = "The request URI is too long.";
    }
    write_status_problem(res, status, detail, ex.request_id, ex.parsed ? req.path : "");
  } catch (...) {
    // An answer is being written; a failure here must not take the worker thread down.
  }
}

void Server::Impl::post_routing(const httplib::Request& req, httplib::Response& res) {
  try {
    Exchange& ex = current_exchange();
    begin(ex, req);
    res.headers.erase(kRequestIdHeader);
    res.set_header(kRequestIdHeader, ex.request_id);
    apply_security_headers(res, req.path);
    if (ex.close) {
      res.headers.erase("Keep-Alive");
      res.headers.erase("Connection");
      res.set_header("Connection", "close");
    }
    ex.responded = true;
  } catch (...) {
  }
}

void Server::Impl::on_exception(const httplib::Request& req, httplib::Response& res,
                                std::exception_ptr ep) {
  Exchange& ex = current_exchange();
  begin(ex, req);
  std::string what = "unknown exception";
  core::Error error = core::Error::internal("unhandled exception");
  try {
    if (ep) std::rethrow_exception(ep);
  } catch (const store::DbError& e) {
    what = e.what();
    error = store::to_error(e);  // the database being down is a 503, not a bug
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  try {
    log_json(
        *log_, LogLevel::kError, "unhandled exception", ex.request_id,
        {{"method", req.method}, {"route", ex.route}, {"path", req.path}, {"exception", what}});
  } catch (...) {
  }
  // Nothing the handler half-built (headers, cookies, body) may leak into the error answer.
  res.headers.clear();
  res.body.clear();
  write_problem(res, error, ex.request_id, req.path);
}

void Server::Impl::on_answered(const httplib::Request& req, const httplib::Response& res) {
  try {
    Exchange& ex = current_exchange();
    const double seconds = std::chrono::duration<double>(SteadyClock::now() - ex.start).count();
    metrics_.observe(ex.route, req.method, res.status, seconds);
    // Leave the in-flight count before the access line is written, so whoever reads the log (or
    // scrapes /metrics after seeing it) never counts a request that has already been answered.
    if (ex.counted_in_flight) {
      metrics_.request_finished();
      ex.counted_in_flight = false;
    }
    log_access(*log_, {ex.request_id, req.method.empty() ? "-" : req.method, ex.route, req.path,
                       res.status, seconds * 1000.0, res.body.size()});
  } catch (...) {
  }
}

void Server::Impl::answer_raw(Connection& conn, Exchange& ex, int status, std::string_view detail) {
  if (ex.request_id.empty()) ex.request_id = request_id_for({});
  const std::string body = status_problem_json(status, detail, {}, ex.request_id);
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
  out += std::string("Content-Type: ") + kProblemContentType + "\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += "Connection: close\r\n";
  out += std::string(kRequestIdHeader) + ": " + ex.request_id + "\r\n";
  for (const auto& [name, value] : security_headers("")) out += name + ": " + value + "\r\n";
  out += "\r\n";
  out += body;
  conn.write(out.data(), out.size());
  ex.responded = true;
  ex.close = ex.linger = true;
  const double seconds = std::chrono::duration<double>(SteadyClock::now() - ex.start).count();
  metrics_.observe(ex.route, "", status, seconds);
  log_access(*log_, {ex.request_id, "-", ex.route, "", status, seconds * 1000.0, body.size()});
}

// ---- Server ----

Server::Server(ServerOptions options, service::App& app)
    : impl_(std::make_unique<Impl>(std::move(options), app)) {}
Server::~Server() = default;

Router& Server::router() {
  return impl_->router_;
}
const Router& Server::router() const {
  return impl_->router_;
}
const Metrics& Server::metrics() const {
  return impl_->metrics_;
}
const ServerOptions& Server::options() const {
  return impl_->options_;
}
const std::shared_ptr<spdlog::logger>& Server::log() const {
  return impl_->log_;
}
core::Status Server::listen() {
  return impl_->bind_listener();
}
int Server::port() const {
  return impl_->port_;
}
void Server::serve() {
  impl_->serve();
}
void Server::stop() {
  impl_->stop();
}
int64_t Server::in_flight() const {
  return impl_->metrics_.in_flight();
}

}  // namespace haven::http
