// Detached signatures for what a national instance sends the regional hub ([R1], [X1]): a
// statistics release, a file of linkage encodings, a request for linkage pairs. The content travels
// as it is (an SDMX-CSV file stays a plain SDMX-CSV file); beside it goes a small JSON statement —
// what it is, who signs, for which subject, when, the content's BLAKE2b-256 digest — signed with
// the instance's Ed25519 key. The receiver checks it against the key its trust list holds for the
// signing authority, never against the key the statement carries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "exchange/instance_keys.h"
#include "exchange/trust_list.h"

namespace haven::exchange {

inline constexpr std::string_view kSignatureFormat = "haven-signature/1";

// What is signed (every field but `signature`), and the signature.
struct DetachedSignature {
  std::string kind;         // "statistics-release", "linkage-upload", "linkage-pairs" ([a-z-])
  std::string country;      // ISO 3166-1 alpha-2 of the signer
  std::string authority;    // the signer's authority name
  std::string subject;      // the release's period, the partner country asked about, or ""
  int64_t signed_at = 0;    // ms UTC
  std::string digest;       // BLAKE2b-256 of the content, 64 hex digits
  std::string signing_key;  // the signer's Ed25519 public key, base64 (informative)
  std::string signature;    // Ed25519 over signed_text(), base64

  // The exact bytes the signature covers: the format, then each field above but `signature` on a
  // line of its own, in this order. No field may hold a line break (parse() refuses one).
  std::string signed_text() const;
  // {"format", "kind", "country", "authority", "subject", "signed_at", "digest", "signing_key",
  // "signature"}.
  std::string to_json() const;
  // kInvalidInput with a sentence naming what is wrong (not JSON, a field missing or of the wrong
  // type, a line break in a field, a digest that is not 64 hex digits).
  static core::Result<DetachedSignature> parse(std::string_view json);
};

// BLAKE2b-256 of `content`, 64 lower-case hex digits.
std::string content_digest(std::string_view content);

// Signs `content` as `keys`' authority.
DetachedSignature sign_detached(std::string kind, std::string subject, int64_t signed_at,
                                std::string_view content, const InstanceKeys& keys);

// Why verify_detached refuses, in the order it checks.
enum class SignatureProblem {
  kNone,
  kWrongKind,       // a statement for something else (a release signature on a linkage upload)
  kUnknownSigner,   // the authority is not on the trust list, or listed for another country
  kDigestMismatch,  // the content is not what was signed (altered after signing)
  kBadSignature,    // the signature does not verify with the key the trust list holds
};
std::string_view signature_problem_code(SignatureProblem p);  // "unknown_authority", …

struct Verified {
  SignatureProblem problem = SignatureProblem::kNone;
  std::string message;               // one sentence for the refusal, "" when accepted
  const Identity* signer = nullptr;  // on the trust list, when accepted
};

// Checks `sig` over `content`: the kind, the signer on `trust` (authority and country), the digest,
// then the Ed25519 signature with the trusted key.
Verified verify_detached(const DetachedSignature& sig, std::string_view expected_kind,
                         std::string_view content, const TrustList& trust);

}  // namespace haven::exchange
