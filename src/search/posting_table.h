// The index's inverted lists: blocking key (a 64-bit hash) → the record slots that have it, in
// an open-addressing table whose single-slot lists are stored inline. Most keys (a name pair, a
// birth date) have one or two records, so this takes a fraction of the memory of a map of vectors.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace haven::search {

// Not thread-safe; the index guards it. A span returned by find() lists the key's slots in
// ascending order and is valid until the next add().
class PostingTable {
 public:
  void add(uint64_t key, uint32_t slot);
  void remove(uint64_t key, uint32_t slot);
  std::span<const uint32_t> find(uint64_t key) const;
  size_t keys() const { return live_keys_; }
  size_t memory_bytes() const;

 private:
  struct Bucket {
    uint64_t key = 0;    // 0 = never used
    uint32_t count = 0;  // 0 = emptied (the key stays as a tombstone)
    uint32_t value = 0;  // the slot when count == 1, else an index into lists_
  };
  size_t probe(uint64_t key) const;  // the bucket holding key, or the empty one where it goes
  void grow();

  std::vector<Bucket> buckets_;
  size_t used_ = 0;  // buckets with a key, tombstones included
  size_t live_keys_ = 0;
  std::vector<std::vector<uint32_t>> lists_;
  std::vector<uint32_t> free_lists_;
};

// A well-mixed 64-bit key from a type tag (0–7, kept in the top three bits) and two values; never
// 0.
uint64_t posting_key(uint32_t type, uint64_t a, uint64_t b = 0);
uint32_t posting_key_type(uint64_t key);

}  // namespace haven::search
