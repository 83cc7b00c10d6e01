// XChaCha20-Poly1305 field encryption with the versioned header, and keyed blind indexes.
#include "security/field_cipher.h"

#include <sodium.h>

#include <stdexcept>

#include "core/utf8.h"
#include "security/encoding.h"

namespace haven::security {

namespace {

constexpr size_t kHeaderBytes = 5;
constexpr size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(kFieldCipherOverhead == kHeaderBytes + kNonceBytes + kTagBytes);

std::string place(const AssociatedData& w) {
  return std::string(w.table) + "." + std::string(w.column);
}

bool has_nul(std::string_view s) {
  return s.find('\0') != std::string_view::npos;
}

core::Result<std::string> associated_bytes(const uint8_t* header, const AssociatedData& w) {
  if (has_nul(w.table) || has_nul(w.column) || has_nul(w.row_id) || w.table.empty() ||
      w.column.empty() || w.row_id.empty()) {
    return core::Error::internal(
        "Field encryption needs a table, column and row id without NUL bytes.");
  }
  std::string ad(reinterpret_cast<const char*>(header), kHeaderBytes);
  ad.append(w.table);
  ad.push_back('\0');
  ad.append(w.column);
  ad.push_back('\0');
  ad.append(w.row_id);
  return ad;
}

void put_header(uint8_t* out, uint32_t key_id) {
  out[0] = kFieldCipherVersion;
  out[1] = static_cast<uint8_t>(key_id >> 24);
  out[2] = static_cast<uint8_t>(key_id >> 16);
  out[3] = static_cast<uint8_t>(key_id >> 8);
  out[4] = static_cast<uint8_t>(key_id);
}

}  // namespace

FieldCipher::FieldCipher(std::shared_ptr<const KeyRing> ring) : ring_(std::move(ring)) {
  ensure_sodium();
  if (!ring_) throw std::invalid_argument("FieldCipher needs a key ring");
}

std::optional<uint32_t> FieldCipher::key_id_of(std::span<const uint8_t> ct) {
  if (ct.size() < kFieldCipherOverhead || ct[0] != kFieldCipherVersion) return std::nullopt;
  return (uint32_t{ct[1]} << 24) | (uint32_t{ct[2]} << 16) | (uint32_t{ct[3]} << 8) |
         uint32_t{ct[4]};
}

core::Result<std::vector<uint8_t>> FieldCipher::encrypt(std::string_view plaintext,
                                                        const AssociatedData& where) const {
  const uint32_t id = ring_->active_id();
  const Secret* key = ring_->data_key(id);
  if (key == nullptr)
    return core::Error::internal("The active data key is missing from the key ring.");
  std::vector<uint8_t> out(kFieldCipherOverhead + plaintext.size());
  put_header(out.data(), id);
  auto ad = associated_bytes(out.data(), where);
  if (!ad.ok()) return ad.take_error();
  uint8_t* nonce = out.data() + kHeaderBytes;
  randombytes_buf(nonce, kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + kNonceBytes, &written, reinterpret_cast<const uint8_t*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const uint8_t*>(ad->data()), ad->size(), nullptr, nonce,
      key->data());
  out.resize(kHeaderBytes + kNonceBytes + written);
  return out;
}

core::Result<Secret> FieldCipher::decrypt(std::span<const uint8_t> ct,
                                          const AssociatedData& where) const {
  auto id = key_id_of(ct);
  if (!id) {
    return core::Error::internal("The value in " + place(where) + " of row " +
                                 std::string(where.row_id) +
                                 " is not a haven ciphertext (unknown format or truncated).");
  }
  const Secret* key = ring_->data_key(*id);
  if (key == nullptr) {
    return core::Error::unavailable(
        "The value in " + place(where) + " of row " + std::string(where.row_id) +
        " was encrypted with key id " + std::to_string(*id) +
        ", which this key ring does not hold (it holds " + std::to_string(ring_->oldest_id()) +
        "–" + std::to_string(ring_->active_id()) +
        "). Restart with the current key settings, or check that the right master key is used.");
  }
  auto ad = associated_bytes(ct.data(), where);
  if (!ad.ok()) return ad.take_error();
  const uint8_t* nonce = ct.data() + kHeaderBytes;
  const uint8_t* body = nonce + kNonceBytes;
  const size_t body_len = ct.size() - kHeaderBytes - kNonceBytes;
  Secret plain(body_len - kTagBytes);
  unsigned long long plain_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain.data(), &plain_len, nullptr, body, body_len,
                                                 reinterpret_cast<const uint8_t*>(ad->data()),
                                                 ad->size(), nonce, key->data()) != 0) {
    return core::Error::internal("The ciphertext does not belong to " + place(where) +
                                 " of this row (" + std::string(where.row_id) +
                                 ") or was altered.");
  }
  return plain;
}

core::Result<std::vector<uint8_t>> FieldCipher::reencrypt(std::span<const uint8_t> ct,
                                                          const AssociatedData& where) const {
  auto plain = decrypt(ct, where);
  if (!plain.ok()) return plain.take_error();
  return encrypt(plain->view(), where);
}

bool FieldCipher::needs_reencryption(std::span<const uint8_t> ct) const {
  auto id = key_id_of(ct);
  return id.has_value() && *id != ring_->active_id();
}

BlindIndex::BlindIndex(const KeyRing& ring) : key_(ring.purpose_key("havenbix")) {}

std::string BlindIndex::compute(std::string_view kind, std::string_view value) const {
  crypto_generichash_state st;
  crypto_generichash_init(&st, key_.data(), key_.size(), crypto_generichash_BYTES);
  auto put = [&](std::string_view part) {
    uint8_t len[8];
    uint64_t n = part.size();
    for (int i = 0; i < 8; ++i) len[i] = static_cast<uint8_t>(n >> (56 - 8 * i));
    crypto_generichash_update(&st, len, sizeof len);
    crypto_generichash_update(&st, reinterpret_cast<const uint8_t*>(part.data()), part.size());
  };
  put(kind);
  put(value);
  Digest d{};
  crypto_generichash_final(&st, d.data(), d.size());
  sodium_memzero(&st, sizeof st);
  return to_hex(d);
}

core::Result<std::string> normalize_identity_number(std::string_view text) {
  if (!core::is_valid_utf8(text)) {
    return core::Error::invalid("The identity number is not valid text.",
                                {{"identity_number", "Contains invalid characters."}});
  }
  // Separators people type, as UTF-8: no-break space, thin/narrow spaces, en dash, non-breaking
  // hyphen.
  static constexpr std::string_view kMultiByteSeparators[] = {
      "\xC2\xA0", "\xE2\x80\x89", "\xE2\x80\xAF", "\xE2\x80\x93", "\xE2\x80\x91", "\xE2\x80\x90"};
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '-' || c == '.' || c == '/' || c == '\t') {
      ++i;
      continue;
    }
    bool skipped = false;
    for (std::string_view sep : kMultiByteSeparators) {
      if (text.substr(i, sep.size()) == sep) {
        i += sep.size();
        skipped = true;
        break;
      }
    }
    if (skipped) continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    ++i;
  }
  if (out.empty()) {
    return core::Error::invalid("The identity number is empty.",
                                {{"identity_number", "Enter the number."}});
  }
  return out;
}

}  // namespace haven::security
