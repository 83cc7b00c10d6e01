// Buffered socket I/O with poll() timeouts, the request-head budget and lingering close.
#include "http/connection.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace haven::http {

namespace {

using Clock = std::chrono::steady_clock;

// poll() for one event, retrying on EINTR. >0 ready, 0 timeout, <0 error.
int poll_one(int fd, short events, std::chrono::milliseconds timeout) {
  pollfd p{fd, events, 0};
  const auto deadline = Clock::now() + timeout;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    int rc = ::poll(&p, 1, static_cast<int>(std::max<int64_t>(0, left.count())));
    if (rc < 0 && errno == EINTR) continue;
    return rc;
  }
}

void address_of(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  auto* sa = reinterpret_cast<sockaddr*>(&addr);
  if ((peer ? ::getpeername(fd, sa, &len) : ::getsockname(fd, sa, &len)) != 0) return;
  char host[NI_MAXHOST];
  char serv[NI_MAXSERV];
  if (::getnameinfo(sa, len, host, sizeof(host), serv, sizeof(serv),
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(serv);
  }
}

}  // namespace

bool Connection::is_readable() const {
  return off_ < len_ || poll_one(fd_, POLLIN, limits_.read_timeout) > 0;
}

bool Connection::is_writable() const {
  return poll_one(fd_, POLLOUT, limits_.write_timeout) > 0;
}

ssize_t Connection::fill() {
  std::chrono::milliseconds wait = limits_.read_timeout;
  if (in_head_) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(head_deadline_ - Clock::now());
    wait = std::min(wait, left);
    if (wait.count() <= 0) {
      failure_ = Failure::kTimeout;
      return -1;
    }
  }
  int rc = poll_one(fd_, POLLIN, wait);
  if (rc == 0) {
    failure_ = Failure::kTimeout;
    return -1;
  }
  if (rc < 0) {
    failure_ = Failure::kIo;
    return -1;
  }
  while (true) {
    ssize_t n = ::recv(fd_, buf_.data(), buf_.size(), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      failure_ = (errno == EAGAIN || errno == EWOULDBLOCK) ? Failure::kTimeout : Failure::kIo;
      return -1;
    }
    if (n == 0) failure_ = Failure::kClosed;
    off_ = 0;
    len_ = static_cast<size_t>(n);
    return n;
  }
}

ssize_t Connection::read(char* ptr, size_t size) {
  if (size == 0) return 0;
  if (failure_ != Failure::kNone) return failure_ == Failure::kClosed ? 0 : -1;
  if (off_ == len_) {
    ssize_t n = fill();
    if (n <= 0) return n;
  }
  size_t n = std::min(size, len_ - off_);
  if (in_head_) {
    // httplib reads the head a byte at a time; count every byte and stop at the blank line.
    for (size_t i = 0; i < n; ++i) {
      if (++head_bytes_ > limits_.max_head_bytes) {
        failure_ = Failure::kHeadTooLarge;
        if (i == 0) return -1;
        n = i;  // hand out what was within budget; the next read fails
        break;
      }
      tail_ = (tail_ << 8) | static_cast<unsigned char>(buf_[off_ + i]);
      if (tail_ == 0x0D0A0D0A) {
        in_head_ = false;
        n = i + 1;  // the body (or the next request) is not head: leave it for the next read
        break;
      }
    }
  }
  std::memcpy(ptr, buf_.data() + off_, n);
  off_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t Connection::write(const char* ptr, size_t size) {
  size_t sent = 0;
  while (sent < size) {
    ssize_t n = ::send(fd_, ptr + sent, size - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) &&
        poll_one(fd_, POLLOUT, limits_.write_timeout) > 0)
      continue;
    return -1;
  }
  return static_cast<ssize_t>(size);
}

void Connection::get_remote_ip_and_port(std::string& ip, int& port) const {
  address_of(fd_, true, ip, port);
}

void Connection::get_local_ip_and_port(std::string& ip, int& port) const {
  address_of(fd_, false, ip, port);
}

bool Connection::wait_for_request(const std::function<bool()>& give_up,
                                  std::chrono::milliseconds idle) {
  if (off_ < len_) return true;  // a pipelined request is already buffered
  const auto deadline = Clock::now() + idle;
  constexpr std::chrono::milliseconds kSlice{50};
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    // Poll before giving up, so a request already sent is served rather than dropped.
    int rc = poll_one(fd_, POLLIN, std::clamp(left, std::chrono::milliseconds(0), kSlice));
    if (rc > 0) return true;  // data, or EOF that the next read reports
    if (rc < 0 || left.count() <= 0 || give_up()) return false;
  }
}

void Connection::begin_request() {
  in_head_ = true;
  head_bytes_ = 0;
  tail_ = 0;
  head_deadline_ = Clock::now() + limits_.head_timeout;
}

bool Connection::read_exact(char* ptr, size_t size) {
  size_t got = 0;
  while (got < size) {
    ssize_t n = read(ptr + got, size - got);
    if (n <= 0) {
      if (n == 0) failure_ = Failure::kClosed;
      return false;
    }
    got += static_cast<size_t>(n);
  }
  return true;
}

void Connection::lingering_close(std::chrono::milliseconds linger) {
  ::shutdown(fd_, SHUT_WR);
  const auto deadline = Clock::now() + linger;
  std::array<char, 16 * 1024> sink{};
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return;
    if (poll_one(fd_, POLLIN, left) <= 0) return;
    ssize_t n = ::recv(fd_, sink.data(), sink.size(), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
  }
}

}  // namespace haven::http
