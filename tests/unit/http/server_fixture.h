// A real haven HTTP server on 127.0.0.1 (a free port) over a real SQLite database, for the http
// tests: the fixture starts it in a thread, captures its JSON log lines, and offers a raw-socket
// client for requests httplib::Client refuses to send (malformed, oversized, slow).
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "http/router.h"
#include "http/server.h"
#include "service/app.h"
#include "store/database.h"
#include "store/migrator.h"

namespace haven::http::testing {

// Keeps every log line (the JSON payload) so tests can look for them.
class CaptureSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::vector<std::string> lines() {
    std::lock_guard lock(mutex_);
    return lines_;
  }
  // Waits up to `timeout` for a line satisfying `pred` (the access line is written after the
  // answer).
  std::optional<nlohmann::json> wait_for(
      const std::function<bool(const nlohmann::json&)>& pred,
      std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    do {
      for (const std::string& line : lines()) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_discarded() && pred(j)) return j;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } while (std::chrono::steady_clock::now() < deadline);
    return std::nullopt;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    lines_.emplace_back(msg.payload.data(), msg.payload.size());
  }
  void flush_() override {}

 private:
  std::vector<std::string> lines_;
};

// A plain TCP connection for requests that must be malformed, huge or slow.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }

  // Sends all of `data`; false if the server closed the connection first.
  bool send(std::string_view data) {
    size_t sent = 0;
    while (sent < data.size()) {
      ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }

  // Everything the server sends until it closes the connection or `timeout` passes.
  std::string read_until_closed(std::chrono::milliseconds timeout) {
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buf[4096];
    while (true) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

  // True once read_until_closed saw the server close the connection.
  bool closed_by_server() const { return closed_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
};

// The status code of a raw HTTP/1.1 answer, or 0.
inline int raw_status(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) return 0;
  return std::atoi(response.substr(9, 3).c_str());
}

// The value of a header in a raw answer (first occurrence, case-sensitive name), or "".
inline std::string raw_header(const std::string& response, const std::string& name) {
  const std::string key = "\r\n" + name + ": ";
  size_t at = response.find(key);
  if (at == std::string::npos) return "";
  at += key.size();
  return response.substr(at, response.find("\r\n", at) - at);
}

// The body of the first raw answer (after the blank line).
inline std::string raw_body(const std::string& response) {
  size_t at = response.find("\r\n\r\n");
  return at == std::string::npos ? "" : response.substr(at + 4);
}

// How ServerTest::start() builds the server.
struct ServerSetup {
  bool migrate = true;  // false: an empty database, as before `haven migrate`
  ServerOptions options;
  std::function<void(Router&)> extra_routes;  // test-only endpoints
  bool automatic_threads = false;  // options.threads 0 as `haven serve` has it (not the tests' 4)
};

inline ServerSetup with_routes(std::function<void(Router&)> routes) {
  ServerSetup s;
  s.extra_routes = std::move(routes);
  return s;
}

class ServerTest : public ::testing::Test {
 protected:
  void start(ServerSetup setup) {
    auto url = store::DatabaseUrl::parse("sqlite::memory:");
    ASSERT_TRUE(url.ok());
    db_ = store::Database::open(*url);
    if (setup.migrate) {
      auto applied = store::Migrator(*db_).apply_pending();
      ASSERT_TRUE(applied.ok()) << applied.error().message;
    }
    app_ = std::make_unique<service::App>(*db_, core::SystemClock::instance());

    sink_ = std::make_shared<CaptureSink>();
    setup.options.log = std::make_shared<spdlog::logger>("haven.http.test", sink_);
    setup.options.host = "127.0.0.1";
    setup.options.port = 0;
    if (setup.options.threads == 0 && !setup.automatic_threads) setup.options.threads = 4;
    server_ = std::make_unique<Server>(setup.options, *app_);
    if (setup.extra_routes) setup.extra_routes(server_->router());
    auto listening = server_->listen();
    ASSERT_TRUE(listening.ok()) << listening.error().message;
    serve_thread_ = std::thread([this] { server_->serve(); });
  }
  void start() { start(ServerSetup{}); }

  void TearDown() override {
    if (server_) server_->stop();
    if (serve_thread_.joinable()) serve_thread_.join();
  }

  int port() const { return server_->port(); }

  std::unique_ptr<httplib::Client> client() {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port());
    c->set_connection_timeout(5);
    c->set_read_timeout(10);
    c->set_write_timeout(10);
    return c;
  }

  CaptureSink& log() { return *sink_; }
  Server& server() { return *server_; }

  std::unique_ptr<store::Database> db_;
  std::unique_ptr<service::App> app_;
  std::shared_ptr<CaptureSink> sink_;
  std::unique_ptr<Server> server_;
  std::thread serve_thread_;
};

}  // namespace haven::http::testing
