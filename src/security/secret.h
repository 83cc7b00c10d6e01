// Secret bytes that wipe themselves (keys, TOTP secrets, tokens shown once, decrypted fields) and
// the one place libsodium is initialised for this layer. Every other security file builds on these.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace haven::security {

// Initialises libsodium once (idempotent, thread-safe). core/id.cpp also does this at static init;
// every entry point of this layer calls it again defensively. Throws std::runtime_error if
// libsodium cannot start (no usable random source), which is a broken environment, not an expected
// failure.
void ensure_sodium();

// A BLAKE2b-256 digest or a 256-bit key-derived value. Not secret by itself.
using Digest = std::array<uint8_t, 32>;

// Owns a byte buffer that is overwritten with zeros (sodium_memzero) when destroyed or moved from.
// Move-only so a secret is never silently duplicated. Never log `view()`. Not thread-safe for
// mutation; concurrent reads of a const Secret are fine.
class Secret {
 public:
  Secret() = default;
  // `size` zero bytes, to be filled through data().
  explicit Secret(size_t size);
  // `size` bytes from libsodium's CSPRNG.
  static Secret random(size_t size);
  // A copy of `bytes`. The caller remains responsible for wiping its own copy.
  static Secret copy_of(std::string_view bytes);
  static Secret copy_of(std::span<const uint8_t> bytes);
  // Moves `text` in, then wipes the moved-from string's remaining buffer.
  static Secret take(std::string&& text);

  ~Secret();
  Secret(Secret&& other) noexcept;
  Secret& operator=(Secret&& other) noexcept;
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;

  uint8_t* data() { return bytes_.data(); }
  const uint8_t* data() const { return bytes_.data(); }
  size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  std::span<const uint8_t> bytes() const { return {bytes_.data(), bytes_.size()}; }
  // The bytes as text (for secrets that are text: codes, tokens, URIs). Valid while *this lives.
  std::string_view view() const {
    return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()};
  }

 private:
  void zero();
  std::vector<uint8_t> bytes_;
};

// Overwrites a std::string's characters with zeros (for temporaries that held a secret).
void wipe(std::string& text);

// Constant-time equality of two byte strings (sodium_memcmp); false if the lengths differ (the
// length is not secret in any of our uses).
bool constant_time_equal(std::span<const uint8_t> a, std::span<const uint8_t> b);
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace haven::security
