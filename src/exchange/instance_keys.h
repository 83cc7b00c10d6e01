// The keys of one national instance for cross-border exchange ([X1]): an Ed25519 key that signs
// every package and receipt it sends, and an X25519 key that partners seal packages to. The
// secret halves live in files of mode 0600 beside a public identity file that partners add to their
// trust lists; they are wiped from memory when dropped and never logged.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/result.h"
#include "security/secret.h"

namespace haven::exchange {

using PublicKey = std::array<uint8_t, 32>;

// Who an instance is, as partners see it: nothing secret.
struct Identity {
  std::string country;    // ISO 3166-1 alpha-2
  std::string authority;  // "Socialstyrelsen", unique within a trust list
  PublicKey signing_key{};
  PublicKey encryption_key{};
  std::string inbox_url;  // https://…/api/v1/exchange/inbox, or "" for offline carriage only

  // {"country", "authority", "signing_key" (base64), "encryption_key" (base64), "inbox_url"}.
  std::string to_json() const;
  static core::Result<Identity> from_json(std::string_view text);
};

// Move-only; the secret keys wipe themselves.
class InstanceKeys {
 public:
  // Fresh keys from libsodium's CSPRNG.
  static InstanceKeys generate(std::string country, std::string authority, std::string inbox_url);
  // Reads DIR/identity.json, DIR/signing.key and DIR/encryption.key, and checks that the secret
  // keys belong to the public ones. kInvalidInput naming the file on any problem (missing: "create
  // them with `haven exchange keys init`").
  static core::Result<InstanceKeys> load(const std::string& dir);
  // Writes the three files; the secret ones with mode 0600 and never over an existing file
  // (kConflict).
  core::Status save(const std::string& dir) const;

  const Identity& identity() const { return identity_; }
  const security::Secret& signing_secret() const { return sign_sk_; }    // 64 bytes
  const security::Secret& encryption_secret() const { return box_sk_; }  // 32 bytes

 private:
  Identity identity_;
  security::Secret sign_sk_;
  security::Secret box_sk_;
};

std::string key_text(const PublicKey& key);  // base64
core::Result<PublicKey> parse_key(std::string_view base64, std::string_view what);

}  // namespace haven::exchange
