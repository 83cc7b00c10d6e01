// The key ring: one 256-bit master key, from which every data key and every server secret is
// derived. Loading the master key (file with mode 0600, or HAVEN_MASTER_KEY) and creating a new key
// file live here too, as the one place in this layer that does file I/O, because only a key file is
// involved.
//
// Design: data keys are DERIVED, not stored wrapped. Data key n = crypto_kdf_derive_from_key(
// subkey_id = n, context "havenfld", master). Nothing but the master key needs backing up, there is
// no key table that could be lost or rolled back, and rotation is a counter: the active id moves
// from n to n+1, new ciphertexts name n+1, and `haven keys rotate` re-encrypts old rows in batches
// (each ciphertext names its key id, so a half-finished rotation is consistent and resumable). Once
// no row names an old id, the oldest id is raised and that key is no longer derived at all. The
// price: rotating a data key does not help if the MASTER key leaked; that needs a new master key
// and a full re-encryption (planned: a second master in the ring during the move).
// Other server secrets are derived the same way under their own 8-byte contexts: "havenbix" (blind
// indexes), "havenrcv" (recovery codes), "havencsr" (CSRF tokens), "havenkcv" (the fingerprint that
// tells a wrong master key at start-up). Compromise of any derived key reveals nothing about the
// others or the master (the KDF is BLAKE2b keyed with the master key).
//
// A KeyRing is immutable after creation and safe to share between threads. A process that learns of
// a new active id (another process rotated) builds a new KeyRing and swaps a shared_ptr to it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/result.h"
#include "security/secret.h"

namespace haven::security {

inline constexpr size_t kMasterKeyBytes = 32;
inline constexpr uint32_t kMaxKeysInRing = 4096;
inline constexpr const char* kMasterKeyEnvVar = "HAVEN_MASTER_KEY";

class KeyRing {
 public:
  // Derives data keys oldest_id … active_id (ids start at 1). Fails if the master key is not 32
  // bytes or the ids are out of order or span more than kMaxKeysInRing keys.
  static core::Result<KeyRing> derive(const Secret& master_key, uint32_t active_id,
                                      uint32_t oldest_id = 1);

  uint32_t active_id() const { return active_id_; }
  uint32_t oldest_id() const { return oldest_id_; }
  bool has_key(uint32_t id) const { return data_keys_.count(id) > 0; }
  // The data key with this id, or nullptr if the ring does not hold it.
  const Secret* data_key(uint32_t id) const;

  // A 32-byte server secret for one purpose. `context` must be exactly 8 characters ("havenbix").
  Secret purpose_key(std::string_view context) const;

  // "kcv1:<32 hex>": identifies the master key without revealing anything about it. `haven keys
  // init` stores it in the database; at start the server compares, so a wrong key stops it with a
  // clear message instead of failing on the first read (or worse, writing under the wrong key).
  std::string fingerprint() const;
  core::Status check_fingerprint(std::string_view expected) const;

 private:
  KeyRing() = default;
  Secret master_;
  uint32_t active_id_ = 0;
  uint32_t oldest_id_ = 0;
  std::map<uint32_t, Secret> data_keys_;
};

// A master key written as text: standard or URL-safe base64 (44/43 characters) or 64 hex digits,
// surrounding whitespace ignored. `source` names where it came from, for the error message (which
// never contains the key itself).
core::Result<Secret> parse_master_key(std::string_view text, std::string_view source);

// Reads the master key from `path`. Refuses (kInvalidInput) a file that group or others may read,
// write or execute, naming the mode and the chmod that fixes it; refuses anything but a regular
// file. Symbolic links are followed (container secret mounts use them); the target's mode is what
// counts.
core::Result<Secret> read_master_key_file(const std::string& path);

// Reads HAVEN_MASTER_KEY (base64 or hex). kNotFound if the variable is not set.
core::Result<Secret> master_key_from_environment();

// Creates `path` with a fresh random master key (base64 and a newline), mode 0600, failing if the
// file already exists (O_CREAT|O_EXCL): an existing key is never overwritten, because losing it
// loses every encrypted field. The file is fsync'd, then its directory, before this returns; on any
// error the partial file is removed.
core::Status generate_master_key_file(const std::string& path);

}  // namespace haven::security
