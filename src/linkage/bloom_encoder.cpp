// How a record becomes bits: padded bigrams and date parts are each hashed with a keyed BLAKE2b
// whose 512-bit output gives up to 32 independent positions (never double hashing, whose
// arithmetic progressions of positions Niedermeyer et al. exploited), the salt is absorbed before
// every element, then the filter is XOR-folded and optionally BLIP-noised.

#include "linkage/bloom_encoder.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/utf8.h"
#include "linkage/phonetic_code.h"

namespace haven::linkage {
namespace {

constexpr size_t kMaxK = 32;      // 64 digest bytes = 32 positions of 16 bits
constexpr size_t kMaxSalt = 255;  // length-prefixed with one byte
constexpr size_t kFoldedWords = 2 * kFilterWords;

// Element tags: one byte before the element, so "2015" the year and "20" "15" cannot collide.
enum Tag : uint8_t {
  kNameBigram = 'N',
  kDate = 'B',
  kYear = 'Y',
  kDayMonth = 'P',
  kSex = 'S',
};

bool is_separator(char32_t c) {
  return c == ' ' || c == '-' || c == '\'';
}

// Appends the UTF-8 of one code point (already validated input, so no checks).
void put_utf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Code points of valid UTF-8.
void decode(std::string_view s, std::vector<char32_t>& out) {
  out.clear();
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
}

// One name field split into names; calls f(span of code points) per name.
template <class F>
void for_each_name(const std::vector<char32_t>& cps, F&& f) {
  size_t start = 0;
  for (size_t i = 0; i <= cps.size(); ++i) {
    if (i == cps.size() || is_separator(cps[i])) {
      if (i > start) f(cps.data() + start, i - start);
      start = i + 1;
    }
  }
}

std::string_view first_name(std::string_view field) {
  const size_t begin = field.find_first_not_of(" -'");
  if (begin == std::string_view::npos) return {};
  const size_t end = field.find_first_of(" -'", begin);
  return field.substr(begin, end == std::string_view::npos ? field.size() - begin : end - begin);
}

}  // namespace

// Digests of elements already hashed in one batch, per salt and then per (tag, element). Names and
// dates repeat so much (a few thousand distinct bigrams and dates in a country) that nearly every
// element of a large batch is found here instead of costing two BLAKE2b compressions; the same
// goes for blocking keys. Every element is at most 16 bytes (a bigram of two 4-byte code points, a
// 4-byte date, an 11-byte blocking message), so a table slot is keyed by two 64-bit words plus tag
// and length, probed linearly. Holds secret-derived values: wiped when the batch ends.
class DigestCache {
 public:
  using Digest = std::array<uint8_t, 64>;

  class Table {
   public:
    Table() : slots_(1024) {}
    ~Table() { wipe(slots_); }
    Table(const Table&) = delete;
    Table& operator=(const Table&) = delete;

    // Longer elements are hashed every time (none of the encoder's are).
    static constexpr size_t kMaxElement = 16;

    // The digest of (tag, element), computing and keeping it with `make` when absent.
    template <class Make>
    const Digest& get(uint8_t tag, std::string_view element, Make&& make) {
      Key key;
      std::memcpy(key.words, element.data(), element.size());
      key.meta = static_cast<uint16_t>(0x8000 | (tag << 5) | element.size());
      for (size_t i = slot_of(key);; i = (i + 1) & (slots_.size() - 1)) {
        Slot& s = slots_[i];
        if (s.key == key) return s.digest;
        if (s.key.meta == 0) {
          s.key = key;
          make(s.digest);
          if (++used_ * 2 > slots_.size()) return grow(key);
          return s.digest;
        }
      }
    }

   private:
    struct Key {
      uint64_t words[2] = {0, 0};
      uint16_t meta = 0;  // 0 = empty slot; else a set top bit, the tag, the length
      friend bool operator==(const Key&, const Key&) = default;
    };
    struct Slot {
      Key key;
      Digest digest{};
    };
    static void wipe(std::vector<Slot>& slots) {
      if (!slots.empty()) sodium_memzero(slots.data(), slots.size() * sizeof(Slot));
    }
    size_t slot_of(const Key& k) const {
      uint64_t h = (k.words[0] ^ (k.words[1] * 0xC2B2AE3D27D4EB4Full) ^ (uint64_t{k.meta} << 48)) *
                   0x9E3779B97F4A7C15ull;
      h ^= h >> 29;
      return static_cast<size_t>(h) & (slots_.size() - 1);
    }
    const Digest& grow(const Key& key) {
      std::vector<Slot> old(slots_.size() * 2);
      old.swap(slots_);
      for (const Slot& s : old) {
        if (s.key.meta == 0) continue;
        size_t i = slot_of(s.key);
        while (slots_[i].key.meta != 0) i = (i + 1) & (slots_.size() - 1);
        slots_[i] = s;
      }
      wipe(old);
      for (size_t i = slot_of(key);; i = (i + 1) & (slots_.size() - 1))
        if (slots_[i].key == key) return slots_[i].digest;
    }

    std::vector<Slot> slots_;
    size_t used_ = 0;
  };

  Table& blocking() { return blocking_; }
  Table& for_salt(std::string_view salt) {
    for (auto& [s, table] : tables_)
      if (s == salt) return *table;
    tables_.emplace_back(std::string(salt), std::make_unique<Table>());
    return *tables_.back().second;
  }

 private:
  std::vector<std::pair<std::string, std::unique_ptr<Table>>> tables_;  // few salts per batch
  Table blocking_;
};

namespace {

// The working state of one record's encoding.
class Builder {
 public:
  Builder(const crypto_generichash_state& keyed, std::string_view salt, size_t bits,
          DigestCache* cache)
      : keyed_(&keyed),
        salt_(salt),
        mask_(bits - 1),
        table_(cache ? &cache->for_salt(salt) : nullptr) {}
  ~Builder() {
    if (salted_ready_) sodium_memzero(&salted_, sizeof salted_);
    sodium_memzero(digest_.data(), digest_.size());
  }

  // Sets k independent pseudo-random positions of (salt, tag, element): 16-bit slices of one
  // keyed BLAKE2b-512 digest.
  void add(Tag tag, std::string_view element, size_t k, uint64_t* words) {
    if (k == 0) return;
    const DigestCache::Digest* digest = &digest_;
    if (table_ && element.size() <= DigestCache::Table::kMaxElement) {
      digest =
          &table_->get(tag, element, [&](DigestCache::Digest& d) { compute(tag, element, d); });
    } else {
      compute(tag, element, digest_);
    }
    for (size_t i = 0; i < k; ++i) {
      const size_t pos = ((*digest)[2 * i] | (size_t{(*digest)[2 * i + 1]} << 8)) & mask_;
      words[pos / 64] |= uint64_t{1} << (pos % 64);
    }
  }

 private:
  void compute(Tag tag, std::string_view element, DigestCache::Digest& out) {
    if (!salted_ready_) {
      // Salt first, length-prefixed, so salt and element cannot run into each other.
      salted_ = *keyed_;
      const auto len = static_cast<uint8_t>(salt_.size());
      crypto_generichash_update(&salted_, &len, 1);
      crypto_generichash_update(&salted_, reinterpret_cast<const uint8_t*>(salt_.data()),
                                salt_.size());
      salted_ready_ = true;
    }
    crypto_generichash_state st = salted_;
    const uint8_t t = tag;
    crypto_generichash_update(&st, &t, 1);
    crypto_generichash_update(&st, reinterpret_cast<const uint8_t*>(element.data()),
                              element.size());
    crypto_generichash_final(&st, out.data(), out.size());
    sodium_memzero(&st, sizeof st);
  }

  const crypto_generichash_state* keyed_;
  std::string_view salt_;
  size_t mask_;
  DigestCache::Table* table_;
  bool salted_ready_ = false;
  crypto_generichash_state salted_;
  DigestCache::Digest digest_{};
};

uint64_t keyed_hash64(const std::array<uint8_t, 32>& key, const std::string& message,
                      DigestCache::Table* cache) {
  auto make = [&](DigestCache::Digest& d) {
    crypto_generichash(d.data(), 8, reinterpret_cast<const uint8_t*>(message.data()),
                       message.size(), key.data(), key.size());
  };
  DigestCache::Digest local;
  const DigestCache::Digest* d = &local;
  if (cache && message.size() <= DigestCache::Table::kMaxElement) {
    d = &cache->get('K', message, make);
  } else {
    make(local);
  }
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | (*d)[static_cast<size_t>(i)];
  sodium_memzero(local.data(), local.size());
  return v == 0 ? 1 : v;  // 0 is reserved for "no key"
}

void blocking_keys(const std::array<uint8_t, 32>& key, const LinkageFields& f, BlockingKeys& out,
                   DigestCache* cache) {
  DigestCache::Table* table = cache ? &cache->blocking() : nullptr;
  out.fill(0);
  const std::string family = phonetic_code(first_name(f.family_names));
  const std::string given = phonetic_code(first_name(f.given_names));
  std::string msg;
  auto start = [&](char pass) {
    msg.clear();
    msg.push_back(pass);
    msg.push_back(static_cast<char>(f.sex));
  };
  auto put_year = [&] {
    const int y = f.birth_date->year();
    msg.push_back(static_cast<char>(y & 0xFF));
    msg.push_back(static_cast<char>((y >> 8) & 0xFF));
  };
  if (f.birth_date) {
    start('0');
    put_year();
    msg.push_back(static_cast<char>(f.birth_date->month()));
    msg.push_back(static_cast<char>(f.birth_date->day()));
    out[0] = keyed_hash64(key, msg, table);
    if (!family.empty()) {
      start('1');
      put_year();
      msg += family;
      out[1] = keyed_hash64(key, msg, table);
    }
    if (!given.empty()) {
      start('2');
      put_year();
      msg += given;
      out[2] = keyed_hash64(key, msg, table);
    }
  }
  if (!family.empty() && !given.empty()) {
    start('3');
    const bool ordered = given <= family;
    msg += ordered ? given : family;
    msg.push_back('|');
    msg += ordered ? family : given;
    out[3] = keyed_hash64(key, msg, table);
  }
}

// BLIP: flips drawn from ChaCha20 keyed by a keyed hash of the filter (deterministic per record).
void blip(const std::array<uint8_t, 32>& noise_key, uint16_t flip, BloomFilter& filter) {
  uint8_t seed[crypto_stream_chacha20_KEYBYTES];
  crypto_generichash(seed, sizeof seed, reinterpret_cast<const uint8_t*>(filter.words.data()),
                     kFilterBytes, noise_key.data(), noise_key.size());
  static const uint8_t kNonce[crypto_stream_chacha20_NONCEBYTES] = {};
  uint8_t draws[2 * kFilterBits];
  crypto_stream_chacha20(draws, sizeof draws, kNonce, seed);
  for (size_t bit = 0; bit < kFilterBits; ++bit) {
    const uint16_t u = static_cast<uint16_t>(draws[2 * bit] | (draws[2 * bit + 1] << 8));
    if (u < flip) filter.words[bit / 64] ^= uint64_t{1} << (bit % 64);
  }
  sodium_memzero(seed, sizeof seed);
  sodium_memzero(draws, sizeof draws);
}

}  // namespace

std::string_view salt_from_sex(Sex sex) {
  return sex == Sex::kFemale ? "f" : sex == Sex::kMale ? "m" : "";
}

std::string salt_from_birth_year(const std::optional<core::Date>& birth_date) {
  return birth_date ? std::to_string(birth_date->year()) : std::string();
}

core::Status EncoderParams::validate() const {
  for (uint8_t k : {k_given, k_family, k_date, k_year, k_day_month, k_sex}) {
    if (k > kMaxK) {
      return core::Error::invalid("Each field may use at most 32 hash functions; one uses " +
                                  std::to_string(k) + ".");
    }
  }
  if (k_given == 0 && k_family == 0) {
    return core::Error::invalid("Names must set at least one bit: k_given or k_family above 0.");
  }
  if (blip_flip > 16384) {
    return core::Error::invalid(
        "A BLIP flip probability above 0.25 destroys the similarity it is meant to protect.");
  }
  return core::ok_status();
}

core::Result<BloomEncoder> BloomEncoder::create(const LinkageSecret& secret, EncoderParams params) {
  HAVEN_TRY(params.validate());
  BloomEncoder e;
  e.params_ = params;
  e.blocking_key_ = secret.blocking_key();
  e.noise_key_ = secret.noise_key();
  e.fingerprint_ = secret.fingerprint();
  crypto_generichash_init(&e.bloom_state_, secret.bloom_key().data(), secret.bloom_key().size(),
                          2 * kMaxK);
  return e;
}

BloomEncoder::BloomEncoder(BloomEncoder&& other) noexcept
    : bloom_state_(other.bloom_state_),
      blocking_key_(other.blocking_key_),
      noise_key_(other.noise_key_),
      fingerprint_(other.fingerprint_),
      params_(other.params_) {
  other.wipe();
}

BloomEncoder::~BloomEncoder() {
  wipe();
}

void BloomEncoder::wipe() {
  sodium_memzero(&bloom_state_, sizeof bloom_state_);
  sodium_memzero(blocking_key_.data(), blocking_key_.size());
  sodium_memzero(noise_key_.data(), noise_key_.size());
}

core::Status BloomEncoder::encode_into(const LinkageFields& fields, EncodedRecord& out) const {
  return encode_with(fields, out, nullptr);
}

std::vector<size_t> BloomEncoder::encode_batch(std::span<const LinkageFields> fields,
                                               std::span<EncodedRecord> out) const {
  DigestCache cache;
  std::vector<size_t> failed;
  for (size_t i = 0; i < fields.size() && i < out.size(); ++i) {
    if (!encode_with(fields[i], out[i], &cache).ok()) {
      out[i] = {};
      failed.push_back(i);
    }
  }
  return failed;
}

core::Status BloomEncoder::encode_with(const LinkageFields& fields, EncodedRecord& out,
                                       DigestCache* cache) const {
  if (!core::is_valid_utf8(fields.given_names) || !core::is_valid_utf8(fields.family_names) ||
      !core::is_valid_utf8(fields.salt)) {
    return core::Error::invalid("Names and salt must be valid UTF-8.");
  }
  if (fields.salt.size() > kMaxSalt) {
    return core::Error::invalid("The linkage salt may be at most 255 bytes.");
  }
  if (first_name(fields.given_names).empty() && first_name(fields.family_names).empty()) {
    return core::Error::invalid("A record needs a given or a family name to be linked.",
                                {{"given_names", "Given or family name required."}});
  }

  const size_t bits = params_.xor_fold ? 2 * kFilterBits : kFilterBits;
  uint64_t words[kFoldedWords] = {};
  Builder b(bloom_state_, fields.salt, bits, cache);

  thread_local std::vector<char32_t> cps;
  thread_local std::string element;
  auto add_names = [&](std::string_view field, size_t k) {
    if (k == 0) return;
    decode(field, cps);
    for_each_name(cps, [&](const char32_t* name, size_t n) {
      // Padded bigrams: "anna" → _a an nn na a_, with NUL as the pad (never in valid text).
      for (size_t i = 0; i <= n; ++i) {
        element.clear();
        if (i == 0)
          element.push_back('\0');
        else
          put_utf8(name[i - 1], element);
        if (i == n)
          element.push_back('\0');
        else
          put_utf8(name[i], element);
        b.add(kNameBigram, element, k, words);
      }
    });
  };
  add_names(fields.given_names, params_.k_given);
  add_names(fields.family_names, params_.k_family);

  if (fields.birth_date) {
    const int y = fields.birth_date->year();
    const char year[2] = {static_cast<char>(y & 0xFF), static_cast<char>((y >> 8) & 0xFF)};
    const auto month = static_cast<char>(fields.birth_date->month());
    const auto day = static_cast<char>(fields.birth_date->day());
    const char date[4] = {year[0], year[1], month, day};
    const char day_month[2] = {std::min(day, month), std::max(day, month)};
    b.add(kDate, std::string_view(date, 4), params_.k_date, words);
    b.add(kYear, std::string_view(year, 2), params_.k_year, words);
    b.add(kDayMonth, std::string_view(day_month, 2), params_.k_day_month, words);
  }
  if (fields.sex != Sex::kUnknown) {
    const char sex = static_cast<char>(fields.sex);
    b.add(kSex, std::string_view(&sex, 1), params_.k_sex, words);
  }

  for (size_t i = 0; i < kFilterWords; ++i)
    out.filter.words[i] = params_.xor_fold ? words[i] ^ words[i + kFilterWords] : words[i];
  sodium_memzero(words, sizeof words);  // the unfolded filter is what hardening hides
  if (params_.blip_flip) blip(noise_key_, params_.blip_flip, out.filter);
  blocking_keys(blocking_key_, fields, out.keys, cache);
  return core::ok_status();
}

}  // namespace haven::linkage
