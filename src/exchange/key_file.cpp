// Key and text files for the cross-border layer: mode checks, exclusive creation, atomic rewrite.
#include "exchange/key_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace haven::exchange {

namespace {

std::string errno_text(int err) {
  return std::strerror(err);  // NOLINT(concurrency-mt-unsafe): message text only
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
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

std::string trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  return std::string(s);
}

// Decodes with one libsodium variant; false unless all of `text` was consumed.
bool decode_base64(std::string_view text, int variant, std::string& out) {
  out.assign(text.size(), '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, &end, variant) != 0 ||
      end != text.data() + text.size()) {
    sodium_memzero(out.data(), out.size());
    return false;
  }
  out.resize(len);
  return true;
}

core::Status make_parent(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return core::ok_status();
  std::error_code ec;
  if (std::filesystem::is_directory(parent, ec)) return core::ok_status();
  std::filesystem::create_directories(parent, ec);
  if (ec)
    return core::Error::invalid("Cannot create the folder " + parent.string() + ": " +
                                ec.message() + ".");
  std::filesystem::permissions(parent, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  return core::ok_status();
}

}  // namespace

std::string to_base64(std::string_view bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

core::Result<std::string> from_base64(std::string_view text) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
  std::string out;
  for (int variant : {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING,
                      sodium_base64_VARIANT_URLSAFE, sodium_base64_VARIANT_URLSAFE_NO_PADDING})
    if (decode_base64(text, variant, out)) return out;
  return core::Error::invalid("not base64");
}

core::Result<security::Secret> read_key_file(const std::string& path, std::string_view what,
                                             size_t bytes) {
  security::ensure_sodium();
  const std::string name = "The " + std::string(what) + " file " + path;
  if (path.empty()) return core::Error::invalid("No " + std::string(what) + " file was given.");
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    const int err = errno;
    if (err == ENOENT) return core::Error::invalid(name + " does not exist.");
    return core::Error::invalid("Cannot open " + name.substr(4) + ": " + errno_text(err) + ".");
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
    return core::Error::invalid(name + " is not a regular file.");
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return core::Error::invalid(name + " can be read by other users (mode " + mode +
                                "); restrict it with `chmod 600 " + path + "`.");
  }
  std::string buf(1024, '\0');
  size_t len = 0;
  for (;;) {
    const ssize_t n = ::read(fd.get(), buf.data() + len, buf.size() - len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      security::wipe(buf);
      return core::Error::invalid("Cannot read " + name.substr(4) + ": " + errno_text(err) + ".");
    }
    if (n == 0) break;
    len += static_cast<size_t>(n);
    if (len == buf.size()) {
      security::wipe(buf);
      return core::Error::invalid(name + " is too large to be a key.");
    }
  }
  std::string text = trim(std::string_view(buf.data(), len));
  security::wipe(buf);
  std::string raw;
  if (text.size() == bytes * 2) {
    raw.assign(bytes, '\0');
    size_t out_len = 0;
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), text.data(),
                       text.size(), nullptr, &out_len, nullptr) != 0 ||
        out_len != bytes)
      raw.clear();
  }
  if (raw.empty()) {
    auto decoded = from_base64(text);
    if (!decoded) {
      security::wipe(text);
      return core::Error::invalid(name + " holds neither base64 nor hex.");
    }
    raw = std::move(*decoded);
  }
  security::wipe(text);
  if (raw.size() != bytes) {
    const size_t got = raw.size();
    security::wipe(raw);
    return core::Error::invalid("The " + std::string(what) + " in " + path + " must be " +
                                std::to_string(bytes) + " bytes; this one has " +
                                std::to_string(got) + ".");
  }
  return security::Secret::take(std::move(raw));
}

core::Status write_key_file(const std::string& path, const security::Secret& key,
                            std::string_view what) {
  security::ensure_sodium();
  HAVEN_TRY(make_parent(path));
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd.get() < 0) {
    const int err = errno;
    if (err == EEXIST)
      return core::Error::conflict("The " + std::string(what) + " file " + path +
                                   " already exists; it is never overwritten.");
    return core::Error::invalid("Cannot create the " + std::string(what) + " file " + path + ": " +
                                errno_text(err) + ".");
  }
  auto fail = [&](int err) -> core::Status {
    ::close(fd.release());
    ::unlink(path.c_str());
    return core::Error::unavailable("Cannot write the " + std::string(what) + " file " + path +
                                    ": " + errno_text(err) + ".");
  };
  if (::fchmod(fd.get(), 0600) != 0) return fail(errno);
  std::string text =
      to_base64(std::string_view(reinterpret_cast<const char*>(key.data()), key.size())) + "\n";
  size_t off = 0;
  while (off < text.size()) {
    const ssize_t n = ::write(fd.get(), text.data() + off, text.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      security::wipe(text);
      return fail(err);
    }
    off += static_cast<size_t>(n);
  }
  security::wipe(text);
  if (::fsync(fd.get()) != 0) return fail(errno);
  if (::close(fd.release()) != 0) {
    ::unlink(path.c_str());
    return core::Error::unavailable("Cannot close " + path + ".");
  }
  return core::ok_status();
}

core::Status write_text_file(const std::string& path, std::string_view text) {
  HAVEN_TRY(make_parent(path));
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      return core::Error::invalid("Cannot write " + path + ".");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return core::Error::invalid("Cannot write " + path + ": " + ec.message() + ".");
  }
  return core::ok_status();
}

core::Result<std::string> read_text_file(const std::string& path, std::string_view what,
                                         size_t max_bytes) {
  std::error_code ec;
  if (path.empty()) return core::Error::invalid("No " + std::string(what) + " file was given.");
  if (!std::filesystem::is_regular_file(path, ec))
    return core::Error::invalid("Cannot read the " + std::string(what) + " " + path +
                                ": no such file.");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size > max_bytes)
    return core::Error::invalid("Cannot read the " + std::string(what) + " " + path +
                                (ec ? ": " + ec.message() : std::string(": too large")) + ".");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  if (!in && !in.eof())
    return core::Error::invalid("Cannot read the " + std::string(what) + " " + path + ".");
  return s.str();
}

}  // namespace haven::exchange
