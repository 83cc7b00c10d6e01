// Linkage quality against a known truth (synthetic populations only): precision, recall and F1
// of predicted pairs of record references.
#pragma once

#include <cstdint>
#include <span>
#include <utility>

namespace haven::linkage {

using RefPair = std::pair<uint64_t, uint64_t>;  // (ref in A, ref in B)

struct LinkageQuality {
  uint64_t true_positives = 0;
  uint64_t false_positives = 0;
  uint64_t false_negatives = 0;
  double precision = 0;  // 1 when nothing was predicted
  double recall = 0;     // 1 when there was nothing to find
  double f1 = 0;
};

// Duplicates in either list count once.
LinkageQuality evaluate(std::span<const RefPair> predicted, std::span<const RefPair> truth);

}  // namespace haven::linkage
