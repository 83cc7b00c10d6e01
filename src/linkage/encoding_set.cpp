// Column storage and the byte-exact reading and writing of encoding files. Reading is strict:
// the hub takes these files from outside, so every length and field is checked before use.
#include "linkage/encoding_set.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <numeric>

#include "linkage/linkage_secret.h"

namespace haven::linkage {
namespace {

constexpr char kMagic[8] = {'H', 'V', 'N', 'C', 'L', 'K', '0', '1'};
constexpr uint16_t kFormatVersion = 1;

void put_u8(std::string& out, uint8_t v) {
  out.push_back(static_cast<char>(v));
}
void put_u16(std::string& out, uint16_t v) {
  for (int i = 0; i < 2; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void put_u64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : p_(reinterpret_cast<const uint8_t*>(bytes.data())) {}
  uint8_t u8() { return *p_++; }
  uint16_t u16() {
    const uint16_t v = static_cast<uint16_t>(p_[0] | (p_[1] << 8));
    p_ += 2;
    return v;
  }
  uint64_t u64() {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p_[i];
    p_ += 8;
    return v;
  }
  const uint8_t* take(size_t n) {
    const uint8_t* at = p_;
    p_ += n;
    return at;
  }

 private:
  const uint8_t* p_;
};

core::Error bad(const std::string& what) {
  return core::Error::invalid("This is not a usable linkage encoding file: " + what);
}

}  // namespace

void EncodingSet::reserve(size_t n) {
  filters_.reserve(n);
  popcounts_.reserve(n);
  refs_.reserve(n);
  keys_.reserve(n);
}

void EncodingSet::resize(size_t n) {
  filters_.resize(n);
  popcounts_.resize(n);
  refs_.resize(n);
  keys_.resize(n);
}

void EncodingSet::set(size_t i, uint64_t ref, const EncodedRecord& record) {
  filters_[i] = record.filter;
  popcounts_[i] = static_cast<uint16_t>(record.filter.popcount());
  refs_[i] = ref;
  keys_[i] = record.keys;
}

void EncodingSet::add(uint64_t ref, const EncodedRecord& record) {
  resize(size() + 1);
  set(size() - 1, ref, record);
}

std::string serialize_encodings(const EncodingSet& set) {
  detail::ensure_sodium();
  const EncodingHeader& h = set.header();
  std::string out;
  out.reserve(kEncodingHeaderBytes + set.size() * kEncodingRecordBytes + kEncodingTrailerBytes);
  out.append(kMagic, sizeof kMagic);
  put_u16(out, kFormatVersion);
  put_u16(out, static_cast<uint16_t>(kFilterBits));
  put_u8(out, static_cast<uint8_t>(kBlockingPasses));
  for (uint8_t k : {h.params.k_given, h.params.k_family, h.params.k_date, h.params.k_year,
                    h.params.k_day_month, h.params.k_sex})
    put_u8(out, k);
  put_u8(out, h.params.xor_fold ? 1 : 0);
  put_u16(out, h.params.blip_flip);
  put_u16(out, 0);
  put_u64(out, h.key_fingerprint);
  put_u64(out, set.size());

  std::vector<uint32_t> order(set.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return set.ref(a) < set.ref(b); });
  for (uint32_t i : order) {
    put_u64(out, set.ref(i));
    for (uint64_t key : set.keys(i)) put_u64(out, key);
    for (uint64_t word : set.filter(i).words) put_u64(out, word);
  }

  uint8_t digest[kEncodingTrailerBytes];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const uint8_t*>(out.data()),
                     out.size(), nullptr, 0);
  out.append(reinterpret_cast<const char*>(digest), sizeof digest);
  return out;
}

core::Result<EncodingSet> parse_encodings(std::string_view bytes) {
  detail::ensure_sodium();
  if (bytes.size() < kEncodingHeaderBytes + kEncodingTrailerBytes ||
      std::memcmp(bytes.data(), kMagic, 6) != 0) {
    return bad("it does not start with a haven encoding header.");
  }
  Reader r(bytes);
  r.take(6);
  const uint8_t* major = r.take(2);
  const uint16_t version = r.u16();
  if (std::memcmp(major, kMagic + 6, 2) != 0 || version != kFormatVersion) {
    return bad("format version " + std::to_string(version) +
               " is not supported (this haven reads " + std::to_string(kFormatVersion) + ").");
  }
  const uint16_t bits = r.u16();
  const uint8_t passes = r.u8();
  if (bits != kFilterBits || passes != kBlockingPasses) {
    return bad("it uses " + std::to_string(bits) + "-bit filters and " + std::to_string(passes) +
               " blocking passes; this haven uses " + std::to_string(kFilterBits) + " and " +
               std::to_string(kBlockingPasses) + ".");
  }
  EncodingHeader h;
  h.params.k_given = r.u8();
  h.params.k_family = r.u8();
  h.params.k_date = r.u8();
  h.params.k_year = r.u8();
  h.params.k_day_month = r.u8();
  h.params.k_sex = r.u8();
  const uint8_t fold = r.u8();
  h.params.blip_flip = r.u16();
  const uint16_t reserved = r.u16();
  if (fold > 1 || reserved != 0) return bad("its header has unknown flags.");
  h.params.xor_fold = fold == 1;
  if (auto st = h.params.validate(); !st.ok()) return bad(st.error().message);
  h.key_fingerprint = r.u64();
  const uint64_t count = r.u64();

  const size_t body = bytes.size() - kEncodingHeaderBytes - kEncodingTrailerBytes;
  if (count > body / kEncodingRecordBytes || body != count * kEncodingRecordBytes) {
    return bad("its header announces " + std::to_string(count) + " records but the file holds " +
               std::to_string(body / kEncodingRecordBytes) +
               " (it was truncated or has bytes appended).");
  }
  uint8_t digest[kEncodingTrailerBytes];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const uint8_t*>(bytes.data()),
                     bytes.size() - kEncodingTrailerBytes, nullptr, 0);
  if (sodium_memcmp(digest, bytes.data() + bytes.size() - kEncodingTrailerBytes,
                    kEncodingTrailerBytes) != 0) {
    return bad("its checksum does not match (the file was damaged in transit).");
  }

  EncodingSet set(h);
  set.resize(count);
  EncodedRecord rec;
  uint64_t previous = 0;
  for (size_t i = 0; i < count; ++i) {
    const uint64_t ref = r.u64();
    if (i > 0 && ref <= previous) {
      return bad("record " + std::to_string(i) + " repeats a reference or is out of order.");
    }
    previous = ref;
    for (uint64_t& key : rec.keys) key = r.u64();
    for (uint64_t& word : rec.filter.words) word = r.u64();
    set.set(i, ref, rec);
  }
  return set;
}

}  // namespace haven::linkage
