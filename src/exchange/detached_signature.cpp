// Detached signatures: the signed text, its JSON form, and the checks a receiver makes.
#include "exchange/detached_signature.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "exchange/key_file.h"
#include "security/secret.h"

namespace haven::exchange {

namespace {

bool has_line_break(std::string_view s) {
  return s.find('\n') != std::string_view::npos || s.find('\r') != std::string_view::npos;
}

bool is_hex_digest(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

std::string DetachedSignature::signed_text() const {
  std::string out(kSignatureFormat);
  for (const std::string* field : {&kind, &country, &authority, &subject}) {
    out.push_back('\n');
    out += *field;
  }
  out += "\n" + std::to_string(signed_at) + "\n" + digest + "\n" + signing_key;
  return out;
}

std::string DetachedSignature::to_json() const {
  nlohmann::ordered_json j;
  j["format"] = std::string(kSignatureFormat);
  j["kind"] = kind;
  j["country"] = country;
  j["authority"] = authority;
  j["subject"] = subject;
  j["signed_at"] = signed_at;
  j["digest"] = digest;
  j["signing_key"] = signing_key;
  j["signature"] = signature;
  return j.dump(2) + "\n";
}

core::Result<DetachedSignature> DetachedSignature::parse(std::string_view text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return core::Error::invalid("The signature is not a JSON object.");
  if (!j.contains("format") || j["format"] != std::string(kSignatureFormat))
    return core::Error::invalid("The signature is not in the format " +
                                std::string(kSignatureFormat) + ".");
  DetachedSignature sig;
  const std::pair<const char*, std::string*> fields[] = {
      {"kind", &sig.kind},          {"country", &sig.country}, {"authority", &sig.authority},
      {"subject", &sig.subject},    {"digest", &sig.digest},   {"signing_key", &sig.signing_key},
      {"signature", &sig.signature}};
  for (auto [name, field] : fields) {
    if (!j.contains(name) || !j[name].is_string())
      return core::Error::invalid(std::string("The signature has no \"") + name + "\" text.");
    *field = j[name].get<std::string>();
    if (has_line_break(*field))
      return core::Error::invalid(std::string("The signature's \"") + name +
                                  "\" holds a line break.");
  }
  if (!j.contains("signed_at") || !j["signed_at"].is_number_integer())
    return core::Error::invalid("The signature has no \"signed_at\" time (ms UTC).");
  sig.signed_at = j["signed_at"].get<int64_t>();
  if (!is_hex_digest(sig.digest))
    return core::Error::invalid("The signature's digest is not 64 lower-case hex digits.");
  return sig;
}

std::string content_digest(std::string_view content) {
  security::ensure_sodium();
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(content.data()),
                     content.size(), nullptr, 0);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(64);
  for (unsigned char b : out) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 15]);
  }
  return hex;
}

DetachedSignature sign_detached(std::string kind, std::string subject, int64_t signed_at,
                                std::string_view content, const InstanceKeys& keys) {
  security::ensure_sodium();
  DetachedSignature sig;
  sig.kind = std::move(kind);
  sig.country = keys.identity().country;
  sig.authority = keys.identity().authority;
  sig.subject = std::move(subject);
  sig.signed_at = signed_at;
  sig.digest = content_digest(content);
  sig.signing_key = key_text(keys.identity().signing_key);
  const std::string text = sig.signed_text();
  unsigned char raw[crypto_sign_BYTES];
  crypto_sign_detached(raw, nullptr, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), keys.signing_secret().data());
  sig.signature = to_base64(std::string_view(reinterpret_cast<const char*>(raw), sizeof raw));
  return sig;
}

std::string_view signature_problem_code(SignatureProblem p) {
  switch (p) {
    case SignatureProblem::kNone:
      return "accepted";
    case SignatureProblem::kWrongKind:
      return "wrong_kind";
    case SignatureProblem::kUnknownSigner:
      return "unknown_authority";
    case SignatureProblem::kDigestMismatch:
      return "digest_mismatch";
    case SignatureProblem::kBadSignature:
      return "bad_signature";
  }
  return "bad_signature";
}

Verified verify_detached(const DetachedSignature& sig, std::string_view expected_kind,
                         std::string_view content, const TrustList& trust) {
  security::ensure_sodium();
  if (sig.kind != expected_kind)
    return {SignatureProblem::kWrongKind,
            "The signature is for a " + sig.kind + ", not a " + std::string(expected_kind) + "."};
  const Identity* signer = trust.find(sig.authority);
  if (!signer || signer->country != sig.country)
    return {SignatureProblem::kUnknownSigner, "The authority \"" + sig.authority + "\" (" +
                                                  sig.country +
                                                  ") is not on this hub's trust list."};
  if (content_digest(content) != sig.digest)
    return {SignatureProblem::kDigestMismatch,
            "The content is not what was signed: its digest differs (altered after signing)."};
  auto raw = from_base64(sig.signature);
  const std::string text = sig.signed_text();
  if (!raw || raw->size() != crypto_sign_BYTES ||
      crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(raw->data()),
                                  reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                                  signer->signing_key.data()) != 0)
    return {SignatureProblem::kBadSignature,
            "The signature does not verify with the key this hub trusts for \"" + sig.authority +
                "\"."};
  return {SignatureProblem::kNone, "", signer};
}

}  // namespace haven::exchange
