// Instance keys: generation with libsodium, the three files, and the public identity as JSON.
#include "exchange/instance_keys.h"

#include <sodium.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "exchange/key_file.h"

namespace haven::exchange {

namespace {

std::string path_in(const std::string& dir, const char* name) {
  return (std::filesystem::path(dir) / name).string();
}

}  // namespace

std::string key_text(const PublicKey& key) {
  return to_base64(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
}

core::Result<PublicKey> parse_key(std::string_view base64, std::string_view what) {
  auto raw = from_base64(base64);
  if (!raw || raw->size() != 32)
    return core::Error::invalid("The " + std::string(what) +
                                " is not a public key (32 bytes in base64).");
  PublicKey key;
  std::copy(raw->begin(), raw->end(), key.begin());
  return key;
}

std::string Identity::to_json() const {
  return nlohmann::json{{"country", country},
                        {"authority", authority},
                        {"signing_key", key_text(signing_key)},
                        {"encryption_key", key_text(encryption_key)},
                        {"inbox_url", inbox_url}}
      .dump(2);
}

core::Result<Identity> Identity::from_json(std::string_view text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return core::Error::invalid("An identity must be a JSON object.");
  Identity id;
  for (const char* field : {"country", "authority", "signing_key", "encryption_key"})
    if (!j.contains(field) || !j[field].is_string() || j[field].get<std::string>().empty())
      return core::Error::invalid(std::string("The identity has no ") + field + ".");
  id.country = j["country"].get<std::string>();
  id.authority = j["authority"].get<std::string>();
  if (j.contains("inbox_url") && j["inbox_url"].is_string()) id.inbox_url = j["inbox_url"];
  auto sk = parse_key(j["signing_key"].get<std::string>(), "signing key");
  if (!sk) return sk.error();
  auto ek = parse_key(j["encryption_key"].get<std::string>(), "encryption key");
  if (!ek) return ek.error();
  id.signing_key = *sk;
  id.encryption_key = *ek;
  return id;
}

InstanceKeys InstanceKeys::generate(std::string country, std::string authority,
                                    std::string inbox_url) {
  security::ensure_sodium();
  InstanceKeys k;
  k.identity_ = {std::move(country), std::move(authority), {}, {}, std::move(inbox_url)};
  k.sign_sk_ = security::Secret(crypto_sign_SECRETKEYBYTES);
  crypto_sign_keypair(k.identity_.signing_key.data(), k.sign_sk_.data());
  k.box_sk_ = security::Secret::random(crypto_box_SECRETKEYBYTES);
  crypto_scalarmult_base(k.identity_.encryption_key.data(), k.box_sk_.data());
  return k;
}

core::Result<InstanceKeys> InstanceKeys::load(const std::string& dir) {
  security::ensure_sodium();
  const std::string id_path = path_in(dir, "identity.json");
  std::error_code ec;
  if (!std::filesystem::exists(id_path, ec))
    return core::Error::invalid("This instance has no exchange keys in " + dir +
                                "; create them with `haven exchange keys init`.");
  auto text = read_text_file(id_path, "identity file");
  if (!text) return text.error();
  auto identity = Identity::from_json(*text);
  if (!identity) return core::Error::invalid(id_path + ": " + identity.error().message);
  auto sign = read_key_file(path_in(dir, "signing.key"), "signing key", crypto_sign_SECRETKEYBYTES);
  if (!sign) return sign.error();
  auto box =
      read_key_file(path_in(dir, "encryption.key"), "encryption key", crypto_box_SECRETKEYBYTES);
  if (!box) return box.error();
  PublicKey sign_pk, box_pk;
  crypto_sign_ed25519_sk_to_pk(sign_pk.data(), sign->data());
  crypto_scalarmult_base(box_pk.data(), box->data());
  if (sign_pk != identity->signing_key || box_pk != identity->encryption_key)
    return core::Error::invalid("The secret keys in " + dir +
                                " do not belong to the public keys of identity.json.");
  InstanceKeys k;
  k.identity_ = std::move(*identity);
  k.sign_sk_ = std::move(*sign);
  k.box_sk_ = std::move(*box);
  return k;
}

core::Status InstanceKeys::save(const std::string& dir) const {
  const std::string id_path = path_in(dir, "identity.json");
  std::error_code ec;
  if (std::filesystem::exists(id_path, ec))
    return core::Error::conflict("Exchange keys already exist in " + dir +
                                 "; they are never overwritten (partners trust them).");
  HAVEN_TRY(write_key_file(path_in(dir, "signing.key"), sign_sk_, "signing key"));
  if (auto st = write_key_file(path_in(dir, "encryption.key"), box_sk_, "encryption key");
      !st.ok()) {
    std::filesystem::remove(path_in(dir, "signing.key"), ec);
    return st;
  }
  return write_text_file(id_path, identity_.to_json() + "\n");
}

}  // namespace haven::exchange
