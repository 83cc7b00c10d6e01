// All the encodings one country submits for one linkage run, held column by column (filters,
// popcounts, record references, blocking keys) the way the matcher reads them; and the binary
// encoding file that carries them to the hub. Neither ever holds a name or a date in the clear.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "linkage/bloom_encoder.h"
#include "linkage/bloom_filter.h"

namespace haven::linkage {

// What both sides of a linkage must agree on; written at the head of every encoding file.
struct EncodingHeader {
  EncoderParams params;
  uint64_t key_fingerprint = 0;  // LinkageSecret::fingerprint()
  friend bool operator==(const EncodingHeader&, const EncodingHeader&) = default;
};

// A record reference is an opaque 64-bit number chosen by the national instance for this export
// (a fresh random number per record and run is best), which alone maps it back to its child. Never
// the child's id: UUIDv7 ids carry their creation time.
//
// A value type. Filling it (resize + set on distinct indexes) may be split across threads; reading
// a const set is thread-safe.
class EncodingSet {
 public:
  EncodingSet() = default;
  explicit EncodingSet(EncodingHeader header) : header_(header) {}

  const EncodingHeader& header() const { return header_; }
  size_t size() const { return refs_.size(); }

  void reserve(size_t n);
  void resize(size_t n);
  void set(size_t i, uint64_t ref, const EncodedRecord& record);
  void add(uint64_t ref, const EncodedRecord& record);

  uint64_t ref(size_t i) const { return refs_[i]; }
  const BloomFilter& filter(size_t i) const { return filters_[i]; }
  uint16_t popcount(size_t i) const { return popcounts_[i]; }
  const BlockingKeys& keys(size_t i) const { return keys_[i]; }

  const std::vector<BloomFilter>& filters() const { return filters_; }
  const std::vector<uint16_t>& popcounts() const { return popcounts_; }
  const std::vector<uint64_t>& refs() const { return refs_; }

 private:
  EncodingHeader header_;
  std::vector<BloomFilter> filters_;
  std::vector<uint16_t> popcounts_;
  std::vector<uint64_t> refs_;
  std::vector<BlockingKeys> keys_;
};

// The encoding file, version 1 (all integers little-endian):
//   magic "HVNCLK01" · u16 format version · u16 filter bits (1024) · u8 blocking passes (4) ·
//   u8 k given, family, date, year, day-month, sex · u8 XOR-fold (0/1) ·
//   u16 BLIP flip (×1/65536) · u16 reserved (0) · u64 key fingerprint · u64 record count = 40 bytes
//   count × { u64 ref · 4 × u64 blocking key · 128 bytes filter }             = 168 bytes each
//   32-byte BLAKE2b-256 of everything before it (detects truncation and damage, not forgery:
//   authenticity comes from the signed package that carries the file).
// Records are written in ascending ref order, so the order says nothing about the records.
inline constexpr size_t kEncodingHeaderBytes = 40;
inline constexpr size_t kEncodingRecordBytes = 8 + 8 * kBlockingPasses + kFilterBytes;
inline constexpr size_t kEncodingTrailerBytes = 32;

std::string serialize_encodings(const EncodingSet& set);
// Every problem is an invalid-input Error naming what is wrong: not an encoding file, another
// version, parameters out of range, wrong length for the count, checksum mismatch, a ref twice.
core::Result<EncodingSet> parse_encodings(std::string_view bytes);

}  // namespace haven::linkage
