// serve_until_signal(): the signal-watching thread that turns SIGINT / SIGTERM into Server::stop().
#include <pthread.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "http/middleware.h"
#include "http/server.h"

namespace haven::http {

namespace {

sigset_t shutdown_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

const char* signal_name(int sig) {
  return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "?";
}

}  // namespace

void block_shutdown_signals() {
  sigset_t set = shutdown_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int serve_until_signal(Server& server) {
  block_shutdown_signals();
  std::atomic<bool> served{false};
  std::atomic<int> stopped_by{0};
  spdlog::logger& log = *server.log();
  const auto drain_timeout = std::chrono::seconds(server.options().drain_timeout_s);

  std::thread watcher([&] {
    const sigset_t set = shutdown_set();
    std::optional<std::chrono::steady_clock::time_point> drain_deadline;
    while (!served.load()) {
      timespec wait{0, 200'000'000};
      int sig = sigtimedwait(&set, nullptr, &wait);
      if (sig > 0 && !drain_deadline) {
        stopped_by = sig;
        log_json(log, LogLevel::kInfo, "shutdown signal received; draining", {},
                 {{"signal", signal_name(sig)}, {"in_flight", server.in_flight()}});
        drain_deadline = std::chrono::steady_clock::now() + drain_timeout;
        server.stop();
      } else if (sig > 0) {
        log_json(log, LogLevel::kWarn, "second shutdown signal; exiting without draining", {},
                 {{"signal", signal_name(sig)}, {"in_flight", server.in_flight()}});
        log.flush();
        std::_Exit(128 + sig);
      } else if (drain_deadline && std::chrono::steady_clock::now() > *drain_deadline) {
        log_json(log, LogLevel::kError, "drain timed out; exiting with requests in flight", {},
                 {{"in_flight", server.in_flight()}});
        log.flush();
        std::_Exit(1);
      }
    }
  });

  server.serve();
  served = true;
  watcher.join();
  return stopped_by.load();
}

}  // namespace haven::http
