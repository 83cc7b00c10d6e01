// One accepted client connection as httplib sees it (an httplib::Stream), with the limits that
// cpp-httplib 0.11.4 cannot enforce itself: a byte budget and a total deadline for the request head
// (request line + headers), so neither an endless header stream nor a slow-loris client can hold a
// worker thread or memory, and a keep-alive wait that notices the server stopping.
//
// Internal to http/ (it includes httplib.h); used only by server.cpp. Not thread-safe: one
// connection is served by one worker thread.
#pragma once

#include <httplib.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace haven::http {

struct ConnectionLimits {
  size_t max_head_bytes = 16 * 1024;               // request line + headers + blank line
  std::chrono::milliseconds head_timeout{10'000};  // whole head, from its first byte
  std::chrono::milliseconds read_timeout{10'000};  // each read of a body
  std::chrono::milliseconds write_timeout{10'000};
};

class Connection final : public httplib::Stream {
 public:
  enum class Failure { kNone, kHeadTooLarge, kTimeout, kClosed, kIo };

  Connection(int fd, const ConnectionLimits& limits) : fd_(fd), limits_(limits) {}

  // httplib::Stream
  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  int socket() const override { return fd_; }

  // Waits up to `idle` for the next request's first byte. False on timeout, or as soon as
  // `give_up()` says so (checked every 50 ms: the server is stopping, or other connections wait for
  // a worker).
  bool wait_for_request(const std::function<bool()>& give_up, std::chrono::milliseconds idle);
  // Starts counting the head budget and deadline for a new request.
  void begin_request();
  // True once the blank line ending the current request's head has been read.
  bool head_complete() const { return !in_head_; }
  // Why the last read failed, if it did.
  Failure failure() const { return failure_; }

  // Reads exactly `size` body bytes; false on timeout, error or the peer closing early.
  bool read_exact(char* ptr, size_t size);
  // Half-closes the connection and reads (and drops) what the client still sends, for at most
  // `linger`, so that it receives our answer instead of a connection reset. Used when a request is
  // refused before its body was read.
  void lingering_close(std::chrono::milliseconds linger);

 private:
  // Refills the buffer; returns bytes read, 0 on EOF, -1 on timeout or error (failure_ says which).
  ssize_t fill();

  int fd_;
  ConnectionLimits limits_;
  std::array<char, 16 * 1024> buf_{};
  size_t off_ = 0;
  size_t len_ = 0;

  bool in_head_ = true;
  size_t head_bytes_ = 0;
  uint32_t tail_ = 0;  // the last four head bytes, to spot "\r\n\r\n"
  std::chrono::steady_clock::time_point head_deadline_{};
  Failure failure_ = Failure::kNone;
};

}  // namespace haven::http
