// Turns one child's already-normalized identifying fields into a hardened 1024-bit Bloom filter
// (a cryptographic long-term key, CLK) and a handful of keyed blocking keys: the only form in which
// a name may leave a national instance for linkage. See docs/LINKAGE.md for what this protects
// against and what it does not.
#pragma once

#include <sodium.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "linkage/bloom_filter.h"
#include "linkage/linkage_secret.h"

namespace haven::linkage {

enum class Sex : uint8_t { kUnknown = 0, kFemale = 1, kMale = 2 };

// What the caller supplies for one child. Names must already be normalized the way both countries
// agree (haven uses search::normalize: lower case, diacritics folded, transliterated to Latin);
// this encoder only splits them into names at spaces, hyphens and apostrophes.
struct LinkageFields {
  std::string_view given_names;   // "anna maria"
  std::string_view family_names;  // "scerbakovs"
  std::optional<core::Date> birth_date;
  Sex sex = Sex::kUnknown;
  // A stable, non-identifying field that both countries know the same way, mixed into every bit
  // position so that the same bigram sets unrelated bits in different salt groups. At most 255
  // bytes; "" is a valid salt. haven uses the sex (salt_from_sex); the birth year separates more
  // but loses every child whose year is missing or estimated differently on the two sides (see
  // docs/LINKAGE.md for the measured trade-off).
  std::string_view salt;
};

// The sex as a salt ("f", "m", or "" when unknown): what haven uses.
std::string_view salt_from_sex(Sex sex);
// The birth year as a salt ("2015"), or "" when the date is unknown.
std::string salt_from_birth_year(const std::optional<core::Date>& birth_date);

// Every parameter that changes the bits. Both countries must use identical parameters (the
// encoding file records them and the matcher refuses a mismatch).
struct EncoderParams {
  // Hash functions per element, chosen by how much the element tells apart (at most 32 each).
  // Given and family names share one bigram tag and, by default, one k: a bigram then sets the
  // same positions in either field, so swapped given and family names still match.
  uint8_t k_given = 8;
  uint8_t k_family = 8;
  // The birth date as three elements. The whole date tells children with one name apart; the
  // year is what an age estimate gets right or nearly; day and month as an unordered pair survive
  // the most common date error, day and month swapped (07.03 / 03.07), so such a pair loses only
  // the whole-date bits while two different children born the same year lose both.
  uint8_t k_date = 24;
  uint8_t k_year = 8;
  uint8_t k_day_month = 32;
  uint8_t k_sex = 4;
  // Hardening 1, XOR-folding: hash into 2048 bits, then fold the halves with XOR into 1024, so
  // that no output bit is tied to one bigram's hash position (Schnell, Borgs & Encinas 2016).
  bool xor_fold = true;
  // Hardening 2, BLIP: flip each output bit with probability blip_flip / 65536 (randomized
  // response, Schnell & Borgs 2016), with flips drawn from a keyed PRF of the filter itself so the
  // same record always encodes the same way and cannot be averaged out. 0 = off.
  uint16_t blip_flip = 0;

  core::Status validate() const;
  friend bool operator==(const EncoderParams&, const EncoderParams&) = default;
};

// Blocking passes: records are compared only when they share a key in at least one pass.
//   0  sex + full birth date
//   1  sex + birth year + phonetic code of the first family name
//   2  sex + birth year + phonetic code of the first given name
//   3  sex + the two codes of pass 1 and 2, in sorted order (finds wrong dates and swapped names)
// Each key is the first 64 bits of a keyed BLAKE2b; 0 means the record has no key in that pass.
inline constexpr size_t kBlockingPasses = 4;
using BlockingKeys = std::array<uint64_t, kBlockingPasses>;

struct EncodedRecord {
  BloomFilter filter;
  BlockingKeys keys{};
};

class DigestCache;  // bloom_encoder.cpp

// Immutable after create(), so one encoder may serve many threads. Holds keys derived from the
// secret (wiped on destruction); move-only.
class BloomEncoder {
 public:
  static core::Result<BloomEncoder> create(const LinkageSecret& secret, EncoderParams params = {});

  BloomEncoder(BloomEncoder&& other) noexcept;
  BloomEncoder& operator=(BloomEncoder&&) = delete;
  BloomEncoder(const BloomEncoder&) = delete;
  BloomEncoder& operator=(const BloomEncoder&) = delete;
  ~BloomEncoder();

  // Encodes one record into `out`. Fails for invalid UTF-8, a salt over 255 bytes, or a record
  // with neither a given nor a family name (nothing to link on); `out` is then unchanged.
  core::Status encode_into(const LinkageFields& fields, EncodedRecord& out) const;
  // Encodes out[i] from fields[i] for every i, reusing the digest of every (salt, element) seen
  // before in the batch: names and dates repeat, so a batch of thousands costs a fraction of
  // single encodes. The cache of secret-derived digests is wiped before returning. Returns the
  // indexes of records that could not be encoded (their out[i] is cleared: leave them out).
  // Call from several threads on disjoint batches.
  std::vector<size_t> encode_batch(std::span<const LinkageFields> fields,
                                   std::span<EncodedRecord> out) const;

  const EncoderParams& params() const { return params_; }
  uint64_t key_fingerprint() const { return fingerprint_; }

 private:
  BloomEncoder() = default;
  core::Status encode_with(const LinkageFields& fields, EncodedRecord& out,
                           DigestCache* cache) const;
  void wipe();

  crypto_generichash_state bloom_state_;  // keyed with the bloom key, nothing absorbed yet
  std::array<uint8_t, 32> blocking_key_{};
  std::array<uint8_t, 32> noise_key_{};
  uint64_t fingerprint_ = 0;
  EncoderParams params_;
};

}  // namespace haven::linkage
