// Signing, sealing and opening exchange packages with libsodium; the inner JSON and its checks.
#include "exchange/package.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "exchange/key_file.h"

namespace haven::exchange {

namespace {

using nlohmann::json;

bool is_code(const std::string& s, size_t max) {
  if (s.empty() || s.size() > max) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

json party_json(const Party& p) {
  return {{"country", p.country}, {"authority", p.authority}};
}

std::vector<core::FieldError> check_header(const PackageHeader& h, const std::string& payload) {
  std::vector<core::FieldError> errors;
  auto bad = [&](const char* field, const char* message) { errors.push_back({field, message}); };
  if (h.message_id.empty() || h.message_id.size() > 64) bad("message_id", "a message id is needed");
  if (!is_code(h.kind, 40)) bad("kind", "a kind in lower case letters, digits and _ is needed");
  if (h.sender.country.empty() || h.sender.authority.empty()) bad("sender", "the sender is needed");
  if (h.receiver.country.empty() || h.receiver.authority.empty())
    bad("receiver", "the receiver is needed");
  if (h.purpose.empty() || h.purpose.size() > 500) bad("purpose", "a purpose is needed");
  if (h.legal_basis.empty() || h.legal_basis.size() > 500)
    bad("legal_basis", "a legal basis is needed");
  if (h.created_at <= 0 || h.expires_at <= h.created_at)
    bad("expires_at", "the package must expire after it was created");
  for (const auto& c : h.data_categories)
    if (!is_code(c, 60)) {
      bad("data_categories", "each data category is a code in lower case letters, digits and _");
      break;
    }
  const json p = json::parse(payload, nullptr, false);
  if (!p.is_object()) bad("payload", "the payload must be a JSON object");
  return errors;
}

std::string inner_json(const Package& pkg) {
  const auto& h = pkg.header;
  return json{{"message_id", h.message_id},
              {"kind", h.kind},
              {"sender", party_json(h.sender)},
              {"receiver", party_json(h.receiver)},
              {"created_at", h.created_at},
              {"expires_at", h.expires_at},
              {"purpose", h.purpose},
              {"legal_basis", h.legal_basis},
              {"data_categories", h.data_categories},
              {"payload", json::parse(pkg.payload)}}
      .dump();
}

std::string text_of(const json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return "";
}

// Whatever of the header can be read from the (possibly unverified) inner JSON.
PackageHeader claimed_header(const json& j) {
  PackageHeader h;
  if (!j.is_object()) return h;
  h.message_id = text_of(j, "message_id");
  h.kind = text_of(j, "kind");
  if (j.contains("sender"))
    h.sender = {text_of(j["sender"], "country"), text_of(j["sender"], "authority")};
  if (j.contains("receiver"))
    h.receiver = {text_of(j["receiver"], "country"), text_of(j["receiver"], "authority")};
  if (j.contains("created_at") && j["created_at"].is_number_integer())
    h.created_at = j["created_at"].get<int64_t>();
  if (j.contains("expires_at") && j["expires_at"].is_number_integer())
    h.expires_at = j["expires_at"].get<int64_t>();
  h.purpose = text_of(j, "purpose");
  h.legal_basis = text_of(j, "legal_basis");
  if (j.contains("data_categories") && j["data_categories"].is_array())
    for (const auto& c : j["data_categories"])
      if (c.is_string()) h.data_categories.push_back(c.get<std::string>());
  return h;
}

OpenResult refuse(Rejection r, std::string message, PackageHeader claimed = {}) {
  OpenResult out;
  out.refused = Refusal{r, std::move(message), std::move(claimed)};
  return out;
}

std::string hex(const unsigned char* bytes, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.resize(n * 2);
  return out;
}

}  // namespace

std::string_view rejection_code(Rejection r) {
  switch (r) {
    case Rejection::kMalformed:
      return "malformed";
    case Rejection::kNotForUs:
      return "not_for_us";
    case Rejection::kUnknownSender:
      return "unknown_sender";
    case Rejection::kBadSignature:
      return "bad_signature";
    case Rejection::kExpired:
      return "expired";
    case Rejection::kReplay:
      return "replay";
  }
  return "malformed";
}

core::Result<std::string> seal(const Package& package, const InstanceKeys& sender,
                               const Identity& receiver) {
  security::ensure_sodium();
  auto errors = check_header(package.header, package.payload);
  const Party self{sender.identity().country, sender.identity().authority};
  if (package.header.sender != self)
    errors.push_back({"sender", "the sender must be this instance"});
  if (package.header.receiver != Party{receiver.country, receiver.authority})
    errors.push_back({"receiver", "the receiver must be the partner sealed to"});
  if (!errors.empty()) return core::Error::invalid("The package cannot be sent.", errors);

  const std::string inner = inner_json(package);
  std::string signed_msg(inner.size() + crypto_sign_BYTES, '\0');
  unsigned long long signed_len = 0;
  crypto_sign(reinterpret_cast<unsigned char*>(signed_msg.data()), &signed_len,
              reinterpret_cast<const unsigned char*>(inner.data()), inner.size(),
              sender.signing_secret().data());
  signed_msg.resize(signed_len);
  std::string sealed(signed_msg.size() + crypto_box_SEALBYTES, '\0');
  if (crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()),
                      reinterpret_cast<const unsigned char*>(signed_msg.data()), signed_msg.size(),
                      receiver.encryption_key.data()) != 0)
    return core::Error::internal("Sealing the package failed.");
  const std::string envelope = json{{"format", kEnvelopeFormat},
                                    {"recipient", key_text(receiver.encryption_key)},
                                    {"sealed", to_base64(sealed)}}
                                   .dump() +
                               "\n";
  if (envelope.size() > kMaxPackageBytes)
    return core::Error::too_large("The package is larger than 16 MiB.");
  return envelope;
}

OpenResult open(std::string_view envelope, const InstanceKeys& self, const TrustList& trust,
                core::Timestamp now) {
  security::ensure_sodium();
  if (envelope.size() > kMaxPackageBytes)
    return refuse(Rejection::kMalformed, "The package is larger than 16 MiB.");
  const json env = json::parse(envelope, nullptr, false);
  if (!env.is_object() || text_of(env, "format") != kEnvelopeFormat)
    return refuse(Rejection::kMalformed,
                  "This is not an exchange package (format " + std::string(kEnvelopeFormat) + ").");
  const auto recipient = parse_key(text_of(env, "recipient"), "recipient key");
  auto sealed = from_base64(text_of(env, "sealed"));
  if (!recipient || !sealed || sealed->size() < crypto_box_SEALBYTES + crypto_sign_BYTES)
    return refuse(Rejection::kMalformed, "The package has no readable recipient or content.");
  const Identity& me = self.identity();
  if (*recipient != me.encryption_key)
    return refuse(Rejection::kNotForUs,
                  "The package is sealed to another instance's key, not to ours.");

  std::string signed_msg(sealed->size() - crypto_box_SEALBYTES, '\0');
  if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(signed_msg.data()),
                           reinterpret_cast<const unsigned char*>(sealed->data()), sealed->size(),
                           me.encryption_key.data(), self.encryption_secret().data()) != 0)
    return refuse(Rejection::kNotForUs,
                  "The package cannot be opened with our key: damaged, or sealed to another key.");

  // The claimed sender names the key to check the signature with; nothing else of the unverified
  // text is trusted.
  const json unverified = json::parse(signed_msg.substr(crypto_sign_BYTES), nullptr, false);
  if (!unverified.is_object())
    return refuse(Rejection::kMalformed, "The package's content is not a JSON object.");
  PackageHeader claimed = claimed_header(unverified);
  const Identity* partner = trust.find(claimed.sender.authority);
  if (partner == nullptr || partner->country != claimed.sender.country)
    return refuse(Rejection::kUnknownSender,
                  "The sender '" + claimed.sender.authority + "' (" + claimed.sender.country +
                      ") is not on our trust list.",
                  claimed);

  std::string inner(signed_msg.size() - crypto_sign_BYTES, '\0');
  unsigned long long inner_len = 0;
  if (crypto_sign_open(reinterpret_cast<unsigned char*>(inner.data()), &inner_len,
                       reinterpret_cast<const unsigned char*>(signed_msg.data()), signed_msg.size(),
                       partner->signing_key.data()) != 0)
    return refuse(Rejection::kBadSignature,
                  "The signature does not verify with the key we trust for '" + partner->authority +
                      "': forged or altered.",
                  claimed);
  inner.resize(inner_len);

  const json j = json::parse(inner, nullptr, false);
  Package pkg;
  pkg.header = claimed_header(j);
  if (pkg.header.receiver != Party{me.country, me.authority})
    return refuse(Rejection::kNotForUs,
                  "The package is addressed to '" + pkg.header.receiver.authority + "' (" +
                      pkg.header.receiver.country + "), not to us.",
                  pkg.header);
  pkg.payload = j.contains("payload") ? j["payload"].dump() : "";
  if (auto errors = check_header(pkg.header, pkg.payload); !errors.empty()) {
    std::string what;
    for (const auto& e : errors) what += (what.empty() ? "" : "; ") + e.field + ": " + e.message;
    return refuse(Rejection::kMalformed, "The package's header is incomplete (" + what + ").",
                  pkg.header);
  }
  if (now.ms > pkg.header.expires_at)
    return refuse(Rejection::kExpired, "The package expired before it was opened.", pkg.header);
  if (pkg.header.created_at > now.ms + kClockSkewMs)
    return refuse(Rejection::kExpired, "The package is dated in the future; check the clocks.",
                  pkg.header);

  OpenResult out;
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(envelope.data()),
                     envelope.size(), nullptr, 0);
  out.accepted = Opened{std::move(pkg), *partner, hex(digest, sizeof digest)};
  return out;
}

Package make_receipt(const Opened& opened, const std::string& receipt_id, core::Timestamp now) {
  const auto& h = opened.package.header;
  Package r;
  r.header.message_id = receipt_id;
  r.header.kind = "receipt";
  r.header.sender = h.receiver;
  r.header.receiver = h.sender;
  r.header.created_at = now.ms;
  r.header.expires_at = now.ms + int64_t{30} * 24 * 3600 * 1000;
  r.header.purpose = "receipt for " + h.message_id;
  r.header.legal_basis = h.legal_basis;
  r.payload = json{
      {"receipt_for", h.message_id},
      {"digest", opened.digest},
      {"received_at", now.ms},
      {"accepted",
       true}}.dump();
  return r;
}

}  // namespace haven::exchange
