// Recovery code generation (unbiased sampling with randombytes_uniform) and keyed-hash redemption.
#include "security/recovery_codes.h"

#include <sodium.h>

#include <stdexcept>

#include "security/encoding.h"

namespace haven::security {

namespace {

constexpr std::string_view kAlphabet =
    "23456789ABCDEFGHJKMNPQRSTVWXYZ";  // 30 symbols, no look-alikes
constexpr size_t kCodeLength = 12;

}  // namespace

RecoveryCodes::RecoveryCodes(const Secret& key) : key_(Secret::copy_of(key.bytes())) {
  ensure_sodium();
  if (key_.size() != crypto_generichash_KEYBYTES) {
    throw std::invalid_argument("recovery code key must be 32 bytes");
  }
}

std::string RecoveryCodes::hash_hex(std::string_view user_id, std::string_view normalized) const {
  // BLAKE2b-256 keyed with the server secret over len(user_id) || user_id || code.
  crypto_generichash_state st;
  crypto_generichash_init(&st, key_.data(), key_.size(), crypto_generichash_BYTES);
  uint8_t len[8];
  uint64_t n = user_id.size();
  for (int i = 0; i < 8; ++i) len[i] = static_cast<uint8_t>(n >> (56 - 8 * i));
  crypto_generichash_update(&st, len, sizeof len);
  crypto_generichash_update(&st, reinterpret_cast<const uint8_t*>(user_id.data()), user_id.size());
  crypto_generichash_update(&st, reinterpret_cast<const uint8_t*>(normalized.data()),
                            normalized.size());
  Digest d{};
  crypto_generichash_final(&st, d.data(), d.size());
  sodium_memzero(&st, sizeof st);
  return to_hex(d);
}

RecoveryCodeBatch RecoveryCodes::generate(std::string_view user_id) const {
  RecoveryCodeBatch batch;
  for (size_t i = 0; i < kRecoveryCodeCount; ++i) {
    std::string raw(kCodeLength, ' ');
    for (char& c : raw) {
      c = kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
    }
    batch.stored.push_back({hash_hex(user_id, raw), std::nullopt});
    std::string shown = raw.substr(0, 4) + "-" + raw.substr(4, 4) + "-" + raw.substr(8, 4);
    wipe(raw);
    batch.codes.push_back(Secret::take(std::move(shown)));
  }
  return batch;
}

std::optional<std::string> RecoveryCodes::normalize(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    out.push_back(c);
    if (out.size() > kCodeLength) return std::nullopt;
  }
  if (out.size() != kCodeLength) return std::nullopt;
  return out;
}

std::optional<size_t> RecoveryCodes::redeem(std::string_view user_id, std::string_view code,
                                            std::vector<StoredRecoveryCode>& stored,
                                            core::Timestamp now) const {
  auto normalized = normalize(code);
  if (!normalized) return std::nullopt;
  std::string candidate = hash_hex(user_id, *normalized);
  wipe(*normalized);
  std::optional<size_t> match;
  for (size_t i = 0; i < stored.size(); ++i) {
    bool equal = constant_time_equal(candidate, stored[i].hash_hex);
    if (equal && !stored[i].used_at && !match) match = i;
  }
  if (match) stored[*match].used_at = now;
  return match;
}

size_t RecoveryCodes::remaining(const std::vector<StoredRecoveryCode>& stored) {
  size_t n = 0;
  for (const auto& s : stored) n += s.used_at ? 0 : 1;
  return n;
}

}  // namespace haven::security
