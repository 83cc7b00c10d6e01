// Counts with a running sum of squares, so agreement_chance() is O(1).
#include "search/term_frequencies.h"

#include "search/string_pool.h"

namespace haven::search {

void TermFrequencies::add(uint32_t id) {
  if (id == kUnknownId) return;
  if (id >= counts_.size()) counts_.resize(static_cast<size_t>(id) + 1 + counts_.size() / 2, 0);
  const uint64_t c = counts_[id]++;
  sum_squares_ += 2 * c + 1;
  ++total_;
}

void TermFrequencies::remove(uint32_t id) {
  if (id == kUnknownId || id >= counts_.size() || counts_[id] == 0) return;
  const uint64_t c = counts_[id]--;
  sum_squares_ -= 2 * c - 1;
  --total_;
}

double TermFrequencies::frequency(uint32_t id) const {
  if (total_ == 0) return 1.0;
  const uint64_t c = id < counts_.size() ? counts_[id] : 0;
  return static_cast<double>(c > 0 ? c : 1) / static_cast<double>(total_);
}

double TermFrequencies::agreement_chance() const {
  if (total_ == 0) return 1.0;
  const double t = static_cast<double>(total_);
  return static_cast<double>(sum_squares_) / (t * t);
}

}  // namespace haven::search
