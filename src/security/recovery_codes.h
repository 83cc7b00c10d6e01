// Single-use recovery codes for a lost authenticator: ten codes shown once at enrolment, stored
// only as keyed BLAKE2b hashes. Pure apart from the CSPRNG; the caller persists which codes are
// used.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "security/secret.h"

namespace haven::security {

// Codes look like "7KQM-X4TR-9HWC": 12 characters from a 30-symbol alphabet without look-alikes
// (digits 2-9 and letters except I, L, O, U), about 59 bits each. That is far too many to guess
// online, and because each hash is keyed with a server secret derived from the master key
// (KeyRing::purpose_key("havenrcv")) and bound to the user id, a copy of the database alone does
// not let anyone test guesses offline. Hence a fast keyed hash is enough; Argon2id would only slow
// sign-in.
inline constexpr size_t kRecoveryCodeCount = 10;

// One stored code: its hash (hex) and when it was used, if it was.
struct StoredRecoveryCode {
  std::string hash_hex;
  std::optional<core::Timestamp> used_at;
};

struct RecoveryCodeBatch {
  std::vector<Secret> codes;               // to show the user exactly once
  std::vector<StoredRecoveryCode> stored;  // to persist; same order as codes
};

// Thread-safe (immutable after construction).
class RecoveryCodes {
 public:
  // `key` must be 32 bytes (crypto_generichash_KEYBYTES); the object keeps its own copy.
  explicit RecoveryCodes(const Secret& key);

  // A fresh batch of kRecoveryCodeCount codes for `user_id` (replaces any earlier batch).
  RecoveryCodeBatch generate(std::string_view user_id) const;

  // If `code` matches an unused stored code of `user_id`, marks it used at `now` and returns its
  // index; the caller persists that in the transaction that accepts the sign-in. Input is forgiving
  // of case, spaces and dashes. Every stored hash is compared, in constant time, whatever matches.
  std::optional<size_t> redeem(std::string_view user_id, std::string_view code,
                               std::vector<StoredRecoveryCode>& stored, core::Timestamp now) const;

  // How many codes remain unused (shown to the user; below 3, the page suggests new codes).
  static size_t remaining(const std::vector<StoredRecoveryCode>& stored);

  // "7kqm x4tr-9hwc" → "7KQMX4TR9HWC"; nullopt if it cannot be a code (wrong length or symbols).
  static std::optional<std::string> normalize(std::string_view code);

 private:
  std::string hash_hex(std::string_view user_id, std::string_view normalized) const;
  Secret key_;
};

}  // namespace haven::security
