// The secret the partner authorities share for linkage, and the purpose-bound keys derived from
// it. Kept apart from the encoder so that the one object that must never reach the regional hub is
// easy to find, wipe and audit.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/result.h"

namespace haven::linkage {

// 32 random bytes shared by the national contact points of the countries that link (never by the
// hub). Every key the encoder uses is derived from it with libsodium's crypto_kdf (BLAKE2b), one
// per purpose, so that bit positions, blocking keys, BLIP noise and the fingerprint cannot be
// related to each other. Move-only; the bytes are wiped (sodium_memzero) on destruction and when
// moved from. Concurrent reads of a const secret are safe.
class LinkageSecret {
 public:
  static constexpr size_t kBytes = 32;

  // Exactly 32 bytes, not all equal (an all-zero or constant file is a setup mistake). The caller
  // wipes its own copy.
  static core::Result<LinkageSecret> from_bytes(std::span<const uint8_t> bytes);
  // 32 bytes from libsodium's CSPRNG: how a new shared secret is made.
  static LinkageSecret generate();

  LinkageSecret(LinkageSecret&& other) noexcept;
  LinkageSecret& operator=(LinkageSecret&& other) noexcept;
  LinkageSecret(const LinkageSecret&) = delete;
  LinkageSecret& operator=(const LinkageSecret&) = delete;
  ~LinkageSecret();

  // Keys for one purpose each (BLAKE2b keys, 32 bytes). Never log or serialise them.
  const std::array<uint8_t, 32>& bloom_key() const { return bloom_; }
  const std::array<uint8_t, 32>& blocking_key() const { return blocking_; }
  const std::array<uint8_t, 32>& noise_key() const { return noise_; }
  // A 64-bit value that names the secret without revealing it (a MAC of a constant), written into
  // every encoding file so the hub can refuse to compare encodings made with different secrets.
  uint64_t fingerprint() const { return fingerprint_; }

 private:
  LinkageSecret() = default;
  void derive(std::span<const uint8_t, kBytes> master);
  void wipe();

  std::array<uint8_t, 32> bloom_{};
  std::array<uint8_t, 32> blocking_{};
  std::array<uint8_t, 32> noise_{};
  uint64_t fingerprint_ = 0;
};

namespace detail {
// Initialises libsodium once (thread-safe, idempotent); every entry point of this layer that uses
// libsodium calls it. Throws std::runtime_error if libsodium cannot start (a broken environment).
void ensure_sodium();
}  // namespace detail

}  // namespace haven::linkage
