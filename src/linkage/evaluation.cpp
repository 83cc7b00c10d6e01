// Set intersection of sorted pair lists; nothing clever.
#include "linkage/evaluation.h"

#include <algorithm>
#include <iterator>
#include <vector>

namespace haven::linkage {

LinkageQuality evaluate(std::span<const RefPair> predicted, std::span<const RefPair> truth) {
  std::vector<RefPair> p(predicted.begin(), predicted.end()), t(truth.begin(), truth.end());
  std::sort(p.begin(), p.end());
  p.erase(std::unique(p.begin(), p.end()), p.end());
  std::sort(t.begin(), t.end());
  t.erase(std::unique(t.begin(), t.end()), t.end());
  std::vector<RefPair> both;
  std::set_intersection(p.begin(), p.end(), t.begin(), t.end(), std::back_inserter(both));

  LinkageQuality q;
  q.true_positives = both.size();
  q.false_positives = p.size() - both.size();
  q.false_negatives = t.size() - both.size();
  q.precision = p.empty() ? 1.0 : static_cast<double>(q.true_positives) / p.size();
  q.recall = t.empty() ? 1.0 : static_cast<double>(q.true_positives) / t.size();
  q.f1 = q.precision + q.recall == 0 ? 0 : 2 * q.precision * q.recall / (q.precision + q.recall);
  return q;
}

}  // namespace haven::linkage
