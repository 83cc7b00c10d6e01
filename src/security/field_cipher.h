// Encryption of sensitive fields at rest (narratives, notes, identity numbers, health and
// disability details) with XChaCha20-Poly1305, each ciphertext bound to its table, column and row;
// and blind indexes, which allow exact look-ups of an identity number without storing it in the
// clear.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "security/key_ring.h"
#include "security/secret.h"

namespace haven::security {

// Where a ciphertext lives. Encrypting binds it to exactly this place: a ciphertext copied to
// another row or column does not decrypt. None of the parts may contain a NUL byte.
struct AssociatedData {
  std::string_view table;
  std::string_view column;
  std::string_view row_id;
};

// Ciphertext layout (all stored as one BLOB/BYTEA):
//   byte 0      format version, 0x01
//   bytes 1–4   key id, big-endian uint32
//   bytes 5–28  random 192-bit nonce (XChaCha20's nonce is large enough to pick at random)
//   rest        XChaCha20-Poly1305-IETF ciphertext followed by its 16-byte tag
// Authenticated data: the 5 header bytes, then "table\0column\0row_id". So the version and key id
// are authenticated too, and so is the place.
inline constexpr uint8_t kFieldCipherVersion = 1;
inline constexpr size_t kFieldCipherOverhead = 1 + 4 + 24 + 16;

// Thread-safe: holds a shared, immutable KeyRing.
class FieldCipher {
 public:
  explicit FieldCipher(std::shared_ptr<const KeyRing> ring);

  // Encrypts under the active key.
  core::Result<std::vector<uint8_t>> encrypt(std::string_view plaintext,
                                             const AssociatedData& where) const;

  // Decrypts. Errors (the message names the key id or the place, never the content):
  //  - kUnavailable "… key id 7, which this key ring does not hold (it holds 1–6) …" for an unknown
  //  key;
  //  - kInternal "ciphertext does not belong to cases.narrative of this row (…) or was altered"
  //  when
  //    authentication fails (moved, altered, or truncated);
  //  - kInternal for a value that is not a haven ciphertext at all.
  core::Result<Secret> decrypt(std::span<const uint8_t> ciphertext,
                               const AssociatedData& where) const;

  // Decrypts and encrypts again under the active key (what `haven keys rotate` does per row).
  core::Result<std::vector<uint8_t>> reencrypt(std::span<const uint8_t> ciphertext,
                                               const AssociatedData& where) const;

  // True if the ciphertext names a key other than the active one. False for malformed input, which
  // rotation cannot fix (decrypt reports it).
  bool needs_reencryption(std::span<const uint8_t> ciphertext) const;

  // The key id a ciphertext names, or nullopt if it is not a haven ciphertext.
  static std::optional<uint32_t> key_id_of(std::span<const uint8_t> ciphertext);

  const KeyRing& ring() const { return *ring_; }

 private:
  std::shared_ptr<const KeyRing> ring_;
};

// Blind indexes: BLAKE2b-256 keyed with a key derived from the master key (context "havenbix"),
// over the kind and the normalised value, both length-prefixed. Equal inputs give equal indexes (so
// a UNIQUE or ordinary index on the column finds a match); without the key, an index tells nothing
// and cannot be brute-forced from a database copy. Different kinds never collide ("passport" 123 is
// not "national_id" 123). The index key does not rotate with data keys: changing it means
// recomputing every index, which `haven keys rotate --blind-indexes` would do. Thread-safe
// (immutable).
class BlindIndex {
 public:
  explicit BlindIndex(const KeyRing& ring);
  // Lowercase hex of the 32-byte index. `normalized_value` should come from a normaliser below.
  std::string compute(std::string_view kind, std::string_view normalized_value) const;

 private:
  Secret key_;
};

// Identity numbers as people type them: removes spaces (also no-break and thin spaces), hyphens, en
// dashes, dots and slashes, and upper-cases ASCII letters ("19121212-1212" → "191212121212",
// "ab 123 456" → "AB123456"). Fails on invalid UTF-8 or if nothing is left.
core::Result<std::string> normalize_identity_number(std::string_view text);

}  // namespace haven::security
