// How common each value of a name field is among the indexed children, for the match model's
// term-frequency adjustment: two records agreeing on "Nowak" or "Jensen" is weaker evidence than
// two agreeing on "Schtscherbakow". Counts by StringPool id, kept current on insert and remove.
#pragma once

#include <cstdint>
#include <vector>

namespace haven::search {

// Not thread-safe; the index guards it with its own lock.
class TermFrequencies {
 public:
  void add(uint32_t id);
  void remove(uint32_t id);
  // Share of records with this value (at least 1/total, so an unseen value counts as rare).
  double frequency(uint32_t id) const;
  // The chance two random records agree on this field: sum of squared shares.
  double agreement_chance() const;
  uint64_t total() const { return total_; }

 private:
  std::vector<uint32_t> counts_;
  uint64_t total_ = 0;
  uint64_t sum_squares_ = 0;
};

}  // namespace haven::search
