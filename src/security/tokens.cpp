// Token generation and hashing over libsodium; CSRF derivation; session expiry arithmetic.
#include "security/tokens.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "security/encoding.h"

namespace haven::security {

namespace {

constexpr size_t kTokenRandomBytes = 32;
constexpr size_t kTokenBodyChars = 43;  // base64url of 32 bytes without padding

Digest blake2b(std::string_view data) {
  Digest d{};
  crypto_generichash(d.data(), d.size(), reinterpret_cast<const uint8_t*>(data.data()), data.size(),
                     nullptr, 0);
  return d;
}

bool is_base64url_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

std::string_view token_prefix(TokenKind kind) {
  return kind == TokenKind::kSession ? "hvs_" : "hvt_";
}

IssuedToken issue_token(TokenKind kind) {
  Secret random = Secret::random(kTokenRandomBytes);
  std::string token = std::string(token_prefix(kind)) + to_base64url(random.bytes());
  IssuedToken out{Secret(), to_hex(blake2b(token))};
  out.token = Secret::take(std::move(token));
  return out;
}

std::optional<std::string> token_storage_hash(std::string_view presented, TokenKind kind) {
  std::string_view prefix = token_prefix(kind);
  if (presented.size() != prefix.size() + kTokenBodyChars) return std::nullopt;
  if (presented.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string_view body = presented.substr(prefix.size());
  if (!std::all_of(body.begin(), body.end(), is_base64url_char)) return std::nullopt;
  ensure_sodium();
  return to_hex(blake2b(presented));
}

CsrfTokens::CsrfTokens(const Secret& server_key) : key_(Secret::copy_of(server_key.bytes())) {
  ensure_sodium();
  if (key_.size() != crypto_generichash_KEYBYTES)
    throw std::invalid_argument("CSRF key must be 32 bytes");
}

std::string CsrfTokens::token_for(std::string_view session_hash_hex) const {
  static constexpr std::string_view kLabel = "haven csrf v1\n";
  crypto_generichash_state st;
  crypto_generichash_init(&st, key_.data(), key_.size(), crypto_generichash_BYTES);
  crypto_generichash_update(&st, reinterpret_cast<const uint8_t*>(kLabel.data()), kLabel.size());
  crypto_generichash_update(&st, reinterpret_cast<const uint8_t*>(session_hash_hex.data()),
                            session_hash_hex.size());
  Digest d{};
  crypto_generichash_final(&st, d.data(), d.size());
  return to_base64url(d);
}

bool CsrfTokens::verify(std::string_view session_hash_hex, std::string_view submitted) const {
  if (session_hash_hex.empty()) return false;
  return constant_time_equal(token_for(session_hash_hex), submitted);
}

SessionState session_state(core::Timestamp created_at, core::Timestamp last_seen_at,
                           core::Timestamp now, const SessionPolicy& policy) {
  if (now.ms - created_at.ms >= policy.absolute_ms) return SessionState::kAbsoluteExpired;
  core::Timestamp seen = std::max(last_seen_at, created_at);
  if (now.ms - seen.ms >= policy.idle_ms) return SessionState::kIdleExpired;
  return SessionState::kActive;
}

bool session_needs_touch(core::Timestamp last_seen_at, core::Timestamp now,
                         const SessionPolicy& policy) {
  return now.ms - last_seen_at.ms >= policy.touch_interval_ms;
}

core::Timestamp session_expires_at(core::Timestamp created_at, core::Timestamp last_seen_at,
                                   const SessionPolicy& policy) {
  core::Timestamp seen = std::max(last_seen_at, created_at);
  return {std::min(seen.ms + policy.idle_ms, created_at.ms + policy.absolute_ms)};
}

}  // namespace haven::security
