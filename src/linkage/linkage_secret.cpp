// Sub-key derivation for linkage: crypto_kdf_derive_from_key (BLAKE2b with a context and a
// sub-key id) turns the shared master secret into independent keys, one per purpose.
#include "linkage/linkage_secret.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace haven::linkage {
namespace {

// crypto_kdf contexts are exactly 8 bytes; the version digit lets a future encoding change every
// derived key at once.
constexpr char kContext[crypto_kdf_CONTEXTBYTES + 1] = "hvnlink1";
enum SubKey : uint64_t { kBloomKey = 1, kBlockingKey = 2, kNoiseKey = 3, kFingerprintKey = 4 };

}  // namespace

void detail::ensure_sodium() {
  static const int state = sodium_init();
  if (state < 0) throw std::runtime_error("libsodium could not be initialised");
}

core::Result<LinkageSecret> LinkageSecret::from_bytes(std::span<const uint8_t> bytes) {
  if (bytes.size() != kBytes) {
    return core::Error::invalid("The linkage secret must be exactly 32 bytes; this one has " +
                                std::to_string(bytes.size()) + ".");
  }
  if (std::all_of(bytes.begin(), bytes.end(), [&](uint8_t b) { return b == bytes[0]; })) {
    return core::Error::invalid(
        "The linkage secret is one byte repeated, not a random key; make a new one (32 random "
        "bytes) and share it with the partner authorities again.");
  }
  detail::ensure_sodium();
  LinkageSecret s;
  s.derive(std::span<const uint8_t, kBytes>(bytes.data(), kBytes));
  return s;
}

LinkageSecret LinkageSecret::generate() {
  detail::ensure_sodium();
  std::array<uint8_t, kBytes> master;
  crypto_kdf_keygen(master.data());
  LinkageSecret s;
  s.derive(master);
  sodium_memzero(master.data(), master.size());
  return s;
}

void LinkageSecret::derive(std::span<const uint8_t, kBytes> master) {
  static_assert(crypto_kdf_KEYBYTES == kBytes);
  crypto_kdf_derive_from_key(bloom_.data(), bloom_.size(), kBloomKey, kContext, master.data());
  crypto_kdf_derive_from_key(blocking_.data(), blocking_.size(), kBlockingKey, kContext,
                             master.data());
  crypto_kdf_derive_from_key(noise_.data(), noise_.size(), kNoiseKey, kContext, master.data());
  std::array<uint8_t, 32> check;
  crypto_kdf_derive_from_key(check.data(), check.size(), kFingerprintKey, kContext, master.data());
  std::memcpy(&fingerprint_, check.data(), sizeof fingerprint_);
  sodium_memzero(check.data(), check.size());
}

void LinkageSecret::wipe() {
  sodium_memzero(bloom_.data(), bloom_.size());
  sodium_memzero(blocking_.data(), blocking_.size());
  sodium_memzero(noise_.data(), noise_.size());
  fingerprint_ = 0;
}

LinkageSecret::LinkageSecret(LinkageSecret&& other) noexcept
    : bloom_(other.bloom_),
      blocking_(other.blocking_),
      noise_(other.noise_),
      fingerprint_(other.fingerprint_) {
  other.wipe();
}

LinkageSecret& LinkageSecret::operator=(LinkageSecret&& other) noexcept {
  if (this != &other) {
    bloom_ = other.bloom_;
    blocking_ = other.blocking_;
    noise_ = other.noise_;
    fingerprint_ = other.fingerprint_;
    other.wipe();
  }
  return *this;
}

LinkageSecret::~LinkageSecret() {
  wipe();
}

}  // namespace haven::linkage
