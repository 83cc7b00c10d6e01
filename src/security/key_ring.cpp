// Key derivation for the ring, and the master key's text format and file handling (POSIX).
#include "security/key_ring.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <vector>

#include "security/encoding.h"

namespace haven::security {

namespace {

constexpr char kDataKeyContext[] = "havenfld";
constexpr char kFingerprintContext[] = "havenkcv";

Secret derive_subkey(const Secret& master, uint64_t subkey_id, const char (&context)[9]) {
  Secret out(32);
  if (crypto_kdf_derive_from_key(out.data(), out.size(), subkey_id, context, master.data()) != 0) {
    throw std::runtime_error("key derivation failed");
  }
  return out;
}

std::string mode_text(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

// strerror is not thread-safe; glibc's GNU strerror_r returns the message (possibly not in buf).
std::string errno_text(int err) {
  char buf[256];
  return ::strerror_r(err, buf, sizeof buf);
}

// Closes a file descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }

 private:
  int fd_;
};

}  // namespace

core::Result<KeyRing> KeyRing::derive(const Secret& master_key, uint32_t active_id,
                                      uint32_t oldest_id) {
  ensure_sodium();
  if (master_key.size() != kMasterKeyBytes) {
    return core::Error::invalid("The master key must be 32 bytes; this one has " +
                                std::to_string(master_key.size()) + ".");
  }
  if (oldest_id == 0 || active_id < oldest_id) {
    return core::Error::invalid("Key ids start at 1 and the active key id (" +
                                std::to_string(active_id) + ") cannot be below the oldest (" +
                                std::to_string(oldest_id) + ").");
  }
  if (active_id - oldest_id >= kMaxKeysInRing) {
    return core::Error::invalid("The key ring would hold more than " +
                                std::to_string(kMaxKeysInRing) +
                                " keys; finish re-encryption and raise the oldest key id.");
  }
  KeyRing ring;
  ring.master_ = Secret::copy_of(master_key.bytes());
  ring.active_id_ = active_id;
  ring.oldest_id_ = oldest_id;
  for (uint32_t id = oldest_id;; ++id) {
    ring.data_keys_.emplace(id, derive_subkey(ring.master_, id, kDataKeyContext));
    if (id == active_id) break;
  }
  return ring;
}

const Secret* KeyRing::data_key(uint32_t id) const {
  auto it = data_keys_.find(id);
  return it == data_keys_.end() ? nullptr : &it->second;
}

Secret KeyRing::purpose_key(std::string_view context) const {
  if (context.size() != crypto_kdf_CONTEXTBYTES) {
    throw std::invalid_argument("key context must be 8 characters");
  }
  char ctx[9] = {};
  std::memcpy(ctx, context.data(), 8);
  return derive_subkey(master_, 1, ctx);
}

std::string KeyRing::fingerprint() const {
  Secret k = derive_subkey(master_, 1, kFingerprintContext);
  return "kcv1:" + to_hex(k.bytes().first(16));
}

core::Status KeyRing::check_fingerprint(std::string_view expected) const {
  std::string actual = fingerprint();
  if (constant_time_equal(actual, expected)) return core::ok_status();
  return core::Error::invalid(
      "The master key is not the one this database was encrypted with (its fingerprint is " +
      actual + ", the database expects " + std::string(expected) +
      "). Check HAVEN_MASTER_KEY or the key file; the server will not start with the wrong key.");
}

core::Result<Secret> parse_master_key(std::string_view text, std::string_view source) {
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  std::optional<std::vector<uint8_t>> bytes;
  if (text.size() == 2 * kMasterKeyBytes) bytes = from_hex(text);
  if (!bytes) bytes = from_base64(text);
  if (!bytes || bytes->size() != kMasterKeyBytes) {
    if (bytes) sodium_memzero(bytes->data(), bytes->size());
    return core::Error::invalid("The master key in " + std::string(source) +
                                " is not 32 bytes written as base64 or hex; create one with "
                                "`haven keys init`.");
  }
  Secret key = Secret::copy_of(std::span<const uint8_t>(*bytes));
  sodium_memzero(bytes->data(), bytes->size());
  return key;
}

core::Result<Secret> read_master_key_file(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    int err = errno;
    if (err == ENOENT) {
      return core::Error::not_found("The master key file " + path +
                                    " does not exist; create it with `haven keys init`.");
    }
    return core::Error::unavailable("Cannot open the master key file " + path + ": " +
                                    errno_text(err) + ".");
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return core::Error::unavailable("Cannot inspect the master key file " + path + ": " +
                                    errno_text(errno) + ".");
  }
  if (!S_ISREG(st.st_mode)) {
    return core::Error::invalid("The master key file " + path + " is not a regular file.");
  }
  if ((st.st_mode & 077) != 0) {
    return core::Error::invalid("The master key file " + path +
                                " can be accessed by other users (mode " + mode_text(st.st_mode) +
                                "). Restrict it with `chmod 600 " + path + "` and start again.");
  }
  std::array<char, 512> buf{};
  size_t len = 0;
  for (;;) {
    ssize_t n = ::read(fd.get(), buf.data() + len, buf.size() - len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      sodium_memzero(buf.data(), buf.size());
      return core::Error::unavailable("Cannot read the master key file " + path + ": " +
                                      errno_text(err) + ".");
    }
    if (n == 0) break;
    len += static_cast<size_t>(n);
    if (len == buf.size()) {
      sodium_memzero(buf.data(), buf.size());
      return core::Error::invalid("The master key file " + path + " is too large to be a key.");
    }
  }
  auto key = parse_master_key(std::string_view(buf.data(), len), path);
  sodium_memzero(buf.data(), buf.size());
  return key;
}

core::Result<Secret> master_key_from_environment() {
  // Read once at start-up, before threads that could modify the environment exist.
  const char* value = std::getenv(kMasterKeyEnvVar);  // NOLINT(concurrency-mt-unsafe)
  if (value == nullptr || *value == '\0') {
    return core::Error::not_found(std::string(kMasterKeyEnvVar) + " is not set.");
  }
  return parse_master_key(value, kMasterKeyEnvVar);
}

core::Status generate_master_key_file(const std::string& path) {
  ensure_sodium();
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd.get() < 0) {
    int err = errno;
    if (err == EEXIST) {
      return core::Error::conflict("The master key file " + path +
                                   " already exists; it is never overwritten, since losing a key "
                                   "loses the data encrypted with it.");
    }
    return core::Error::unavailable("Cannot create the master key file " + path + ": " +
                                    errno_text(err) + ".");
  }
  auto fail = [&](const std::string& what, int err) -> core::Status {
    ::close(fd.release());
    ::unlink(path.c_str());
    return core::Error::unavailable(what + " " + path + ": " + errno_text(err) + ".");
  };
  // The umask cannot add bits, but make the mode explicit in case the file system ignored it.
  if (::fchmod(fd.get(), 0600) != 0) return fail("Cannot set mode 0600 on", errno);

  Secret key = Secret::random(kMasterKeyBytes);
  std::string text = to_base64(key.bytes()) + "\n";
  size_t off = 0;
  while (off < text.size()) {
    ssize_t n = ::write(fd.get(), text.data() + off, text.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      wipe(text);
      return fail("Cannot write", err);
    }
    off += static_cast<size_t>(n);
  }
  wipe(text);
  if (::fsync(fd.get()) != 0) return fail("Cannot flush", errno);
  if (::close(fd.release()) != 0) {
    int err = errno;
    ::unlink(path.c_str());
    return core::Error::unavailable("Cannot close " + path + ": " + errno_text(err) + ".");
  }
  // Make the new directory entry durable too.
  std::string dir = path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/'));
  if (dir.empty()) dir = "/";
  Fd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dfd.get() >= 0) (void)::fsync(dfd.get());
  return core::ok_status();
}

}  // namespace haven::security
