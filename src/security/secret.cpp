// Secret's wiping and libsodium start-up. Wiping uses sodium_memzero, which the compiler may not
// elide.
#include "security/secret.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace haven::security {

void ensure_sodium() {
  // sodium_init is itself thread-safe and idempotent (returns 1 once initialised).
  static const int kState = sodium_init();
  if (kState < 0) throw std::runtime_error("libsodium could not be initialised");
}

Secret::Secret(size_t size) : bytes_(size, 0) {}

Secret Secret::random(size_t size) {
  ensure_sodium();
  Secret s(size);
  randombytes_buf(s.data(), s.size());
  return s;
}

Secret Secret::copy_of(std::string_view bytes) {
  Secret s(bytes.size());
  if (!bytes.empty()) std::copy(bytes.begin(), bytes.end(), reinterpret_cast<char*>(s.data()));
  return s;
}

Secret Secret::copy_of(std::span<const uint8_t> bytes) {
  Secret s(bytes.size());
  if (!bytes.empty()) std::copy(bytes.begin(), bytes.end(), s.data());
  return s;
}

Secret Secret::take(std::string&& text) {
  Secret s = copy_of(std::string_view(text));
  wipe(text);
  text.clear();
  return s;
}

Secret::~Secret() {
  zero();
}

Secret::Secret(Secret&& other) noexcept : bytes_(std::move(other.bytes_)) {
  other.zero();
}

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    zero();
    bytes_ = std::move(other.bytes_);
    other.zero();
  }
  return *this;
}

void Secret::zero() {
  if (!bytes_.empty()) sodium_memzero(bytes_.data(), bytes_.size());
  bytes_.clear();
}

void wipe(std::string& text) {
  // Wipe the whole capacity: earlier, longer contents may still sit past size().
  if (text.capacity() > 0) {
    text.resize(text.capacity());
    sodium_memzero(text.data(), text.size());
  }
  text.clear();
}

bool constant_time_equal(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return constant_time_equal(std::span(reinterpret_cast<const uint8_t*>(a.data()), a.size()),
                             std::span(reinterpret_cast<const uint8_t*>(b.data()), b.size()));
}

}  // namespace haven::security
