// The HTTP server: binds a port, serves the route table through cpp-httplib's thread pool with
// haven's middleware (request ids, limits, security headers, JSON access log, metrics, problem+json
// for every error) and stops gracefully. This header keeps httplib.h out of its includers.
//
// Life cycle, on one thread unless noted:
//   Server server(options, app);     // registers every route (routes.cpp)
//   server.router().get(...);        // optional extra routes, before listen() (tests)
//   if (auto s = server.listen(); !s.ok()) { report s.error().message; exit 1; }
//   server.serve();                  // blocks until stop(); or serve_until_signal(server), below
// stop() may be called from any thread, any number of times, before or during serve(). serve()
// returns once the listening socket is closed and every connection has finished: requests being
// handled run to completion; idle keep-alive connections are closed at once. A request still
// arriving when stop() is called gets up to read_timeout_s to do so. Destroy the Server only after
// serve() has returned (or if it was never called).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/result.h"

namespace spdlog {
class logger;
}

namespace haven::service {
struct App;
}

namespace haven::http {

class Metrics;
class Router;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                          // 0 picks a free port (see Server::port())
  size_t max_body_bytes = 8 * 1024 * 1024;  // larger bodies get 413 before they are read
  size_t max_header_bytes = 16 * 1024;      // request line + headers; larger gets 431
  int read_timeout_s = 10;                  // the whole request head, and each read of a body
  int write_timeout_s = 10;                 // each write of an answer
  int idle_timeout_s = 5;                   // a keep-alive connection waiting for its next request
  int threads = 0;                          // worker threads; 0 = max(64, 8 × hardware threads)
  int drain_timeout_s = 30;  // serve_until_signal: longest stop before the process exits
  bool demo = false;         // demo instance (generated data); pages will show a banner
  // The regional hub's route table (http/hub/hub_routes.h) instead of the national one.
  bool regional = false;
  // Where JSON log lines go (access log, unhandled exceptions, start and stop). Null: the spdlog
  // logger named "haven.http" if one is registered, else a new one on stdout.
  std::shared_ptr<spdlog::logger> log;
};

// The worker threads a server runs for ServerOptions::threads: that number, or for 0 the default,
// max(64, 8 × hardware threads).
size_t worker_threads(int configured);

class Server {
 public:
  // Registers every route of the application (routes.cpp). `app` must outlive the server.
  Server(ServerOptions options, service::App& app);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The route table; add routes only before listen().
  Router& router();
  const Router& router() const;
  const Metrics& metrics() const;
  const ServerOptions& options() const;
  const std::shared_ptr<spdlog::logger>& log() const;

  // Binds host:port and starts listening (connections queue until serve()). Errors say what to do,
  // e.g. "cannot listen on 127.0.0.1:8080: address already in use — is another haven running?
  // choose another with --listen".
  core::Status listen();
  // The bound port (useful with port 0); 0 before listen().
  int port() const;

  // Accepts and answers requests until stop(). Returns at once if listen() did not succeed.
  void serve();
  // Stops accepting, lets in-flight requests finish and makes serve() return. Thread-safe,
  // idempotent, does not block for the drain. Not async-signal-safe: call it from a thread that
  // waits for signals (serve_until_signal), not from a signal handler.
  void stop();

  // Requests being handled right now.
  int64_t in_flight() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// ---- Serving until SIGINT / SIGTERM (signals.cpp) ----
// Signals are taken synchronously by one watcher thread (sigtimedwait), never by an asynchronous
// handler, so stopping can take locks, log and wait.

// Blocks SIGINT and SIGTERM in the calling thread; threads started afterwards inherit the mask.
// Call it first thing in main(), before any thread exists, so that no thread is left in which the
// default action would kill the process mid-request.
void block_shutdown_signals();

// Runs server.serve() on the calling thread until SIGINT or SIGTERM, then stops gracefully
// (in-flight requests finish). Returns the signal that stopped the server, or 0 if serve() ended by
// itself. During the drain, a second signal, or the drain taking longer than
// ServerOptions::drain_timeout_s, ends the process at once (std::_Exit with status 128 + signal, or
// 1) after logging why: the operator must always be able to stop haven. Blocks the two signals
// itself as well.
int serve_until_signal(Server& server);

}  // namespace haven::http
