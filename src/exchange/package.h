// Exchange packages ([X1]): a JSON message between two partner authorities, signed by the sender
// (Ed25519, crypto_sign) and then sealed to the receiver's encryption key (X25519,
// crypto_box_seal), so only the receiver can read it and the receiver can prove who wrote it and
// for whom. open() refuses a package with one clear reason; the one check that needs memory across
// packages — a message id seen before (replay) — is the caller's (service/exchange/).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "exchange/instance_keys.h"
#include "exchange/trust_list.h"

namespace haven::exchange {

inline constexpr std::string_view kEnvelopeFormat = "haven-exchange/1";
inline constexpr size_t kMaxPackageBytes = 16u << 20;   // the whole envelope
inline constexpr int64_t kClockSkewMs = 5 * 60 * 1000;  // a package may be this far in the future

struct Party {
  std::string country;
  std::string authority;
  friend bool operator==(const Party&, const Party&) = default;
};

// What the log keeps of every package: who to whom, why, under which law, which kinds of data.
struct PackageHeader {
  std::string message_id;  // UUIDv7, unique per sender; a second package with it is a replay
  std::string kind;        // "referral", "receipt", … ([a-z_], at most 40)
  Party sender;
  Party receiver;
  int64_t created_at = 0;  // ms UTC
  int64_t expires_at = 0;  // ms UTC; refused after it
  std::string purpose;
  std::string legal_basis;
  std::vector<std::string> data_categories;  // "identity", "case_summary", …
};

struct Package {
  PackageHeader header;
  std::string payload = "{}";  // a JSON object, as text
};

// Checks the header and payload (kInvalidInput with field errors), signs the package with
// `sender`'s key and seals it to `receiver`. The sender and receiver parties in the header must be
// `sender`'s identity and `receiver`. Returns the envelope, a small JSON document that carries
// nothing readable but the receiver's public key.
core::Result<std::string> seal(const Package& package, const InstanceKeys& sender,
                               const Identity& receiver);

enum class Rejection { kMalformed, kNotForUs, kUnknownSender, kBadSignature, kExpired, kReplay };
// "malformed", "not_for_us", "unknown_sender", "bad_signature", "expired", "replay".
std::string_view rejection_code(Rejection r);

struct Refusal {
  Rejection reason = Rejection::kMalformed;
  std::string message;    // for the operator: what was wrong, in a sentence
  PackageHeader claimed;  // what the package claimed, as far as it could be read (unverified)
};

struct Opened {
  Package package;
  Identity sender;     // the trust-list entry whose key verified the signature
  std::string digest;  // BLAKE2b-256 of the envelope, hex: what a receipt names
};

struct OpenResult {
  std::optional<Opened> accepted;
  std::optional<Refusal> refused;
};

// Opens an envelope addressed to `self`: checks, in this order, that it is an envelope of this
// format (malformed), sealed to our key and readable with it (not for us), signed by an authority
// on `trust` (unknown sender) with that authority's key (bad signature), naming us as receiver
// (not for us), with a well-formed header and payload (malformed), within its validity at `now`
// (expired). Exactly one of accepted/refused is set.
OpenResult open(std::string_view envelope, const InstanceKeys& self, const TrustList& trust,
                core::Timestamp now);

// The signed receipt for an accepted package: a package of kind "receipt" back to its sender,
// whose payload names the message id and the envelope digest and the time it was received.
Package make_receipt(const Opened& opened, const std::string& receipt_id, core::Timestamp now);

}  // namespace haven::exchange
