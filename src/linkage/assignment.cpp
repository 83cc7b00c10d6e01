// Connected components by union-find, then per component either the single pair, the Hungarian
// algorithm (O(n²m), fine for the small components real data gives) or greedy for the rare giant.
#include "linkage/assignment.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace haven::linkage {
namespace {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }
  uint32_t find(uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void unite(uint32_t x, uint32_t y) {
    x = find(x), y = find(y);
    if (x != y) parent_[std::max(x, y)] = std::min(x, y);
  }

 private:
  std::vector<uint32_t> parent_;
};

bool by_score(const ScoredPair& x, const ScoredPair& y) {
  if (x.dice != y.dice) return x.dice > y.dice;
  return x.a != y.a ? x.a < y.a : x.b < y.b;
}

void greedy(std::vector<ScoredPair> pairs, std::vector<ScoredPair>& out) {
  std::sort(pairs.begin(), pairs.end(), by_score);
  uint32_t max_a = 0, max_b = 0;
  for (const ScoredPair& p : pairs) max_a = std::max(max_a, p.a), max_b = std::max(max_b, p.b);
  std::vector<bool> used_a(size_t{max_a} + 1), used_b(size_t{max_b} + 1);
  for (const ScoredPair& p : pairs) {
    if (used_a[p.a] || used_b[p.b]) continue;
    used_a[p.a] = used_b[p.b] = true;
    out.push_back(p);
  }
}

// Maximum-weight matching of one component by the Hungarian algorithm on an n×m cost matrix
// (n ≤ m), cost −weight for a pair and 0 for "no pair", so rows left on a 0 cell stay unmatched.
void hungarian(const std::vector<ScoredPair>& pairs, double threshold,
               std::vector<ScoredPair>& out) {
  std::vector<uint32_t> as, bs;
  for (const ScoredPair& p : pairs) as.push_back(p.a), bs.push_back(p.b);
  std::sort(as.begin(), as.end());
  as.erase(std::unique(as.begin(), as.end()), as.end());
  std::sort(bs.begin(), bs.end());
  bs.erase(std::unique(bs.begin(), bs.end()), bs.end());
  const bool a_rows = as.size() <= bs.size();
  const size_t n = a_rows ? as.size() : bs.size();
  const size_t m = a_rows ? bs.size() : as.size();
  auto index = [](const std::vector<uint32_t>& v, uint32_t x) {
    return static_cast<size_t>(std::lower_bound(v.begin(), v.end(), x) - v.begin());
  };
  // 1-based rows and columns as in the textbook formulation; cell holds the pair index + 1.
  std::vector<double> cost((n + 1) * (m + 1), 0.0);
  std::vector<uint32_t> cell((n + 1) * (m + 1), 0);
  for (uint32_t k = 0; k < pairs.size(); ++k) {
    const size_t ia = index(as, pairs[k].a) + 1, ib = index(bs, pairs[k].b) + 1;
    const size_t r = a_rows ? ia : ib, c = a_rows ? ib : ia;
    cost[r * (m + 1) + c] = -(std::max(double{pairs[k].dice} - threshold, 0.0) + 1e-6);
    cell[r * (m + 1) + c] = k + 1;
  }
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0), v(m + 1, 0), minv(m + 1);
  std::vector<size_t> p(m + 1, 0), way(m + 1, 0);
  std::vector<char> used(m + 1);
  for (size_t i = 1; i <= n; ++i) {
    p[0] = i;
    size_t j0 = 0;
    std::fill(minv.begin(), minv.end(), kInf);
    std::fill(used.begin(), used.end(), 0);
    do {
      used[j0] = 1;
      const size_t i0 = p[j0];
      double delta = kInf;
      size_t j1 = 0;
      for (size_t j = 1; j <= m; ++j) {
        if (used[j]) continue;
        const double cur = cost[i0 * (m + 1) + j] - u[i0] - v[j];
        if (cur < minv[j]) minv[j] = cur, way[j] = j0;
        if (minv[j] < delta) delta = minv[j], j1 = j;
      }
      for (size_t j = 0; j <= m; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  for (size_t j = 1; j <= m; ++j) {
    if (p[j] == 0) continue;
    if (const uint32_t k = cell[p[j] * (m + 1) + j]) out.push_back(pairs[k - 1]);
  }
}

}  // namespace

std::vector<ScoredPair> assign_one_to_one(std::span<const ScoredPair> pairs,
                                          const AssignmentOptions& options,
                                          AssignmentCounts* counts) {
  AssignmentCounts local;
  std::vector<ScoredPair> out;
  if (pairs.empty()) {
    if (counts) *counts = local;
    return out;
  }
  if (options.method == AssignmentMethod::kGreedy) {
    // Greedy over the whole list is the same as greedy per component.
    greedy(std::vector<ScoredPair>(pairs.begin(), pairs.end()), out);
  } else {
    // Nodes: a indexes, then b indexes offset by the largest a + 1.
    uint32_t max_a = 0, max_b = 0;
    for (const ScoredPair& p : pairs) max_a = std::max(max_a, p.a), max_b = std::max(max_b, p.b);
    const uint32_t offset = max_a + 1;
    UnionFind uf(size_t{offset} + max_b + 1);
    for (const ScoredPair& p : pairs) uf.unite(p.a, offset + p.b);
    std::vector<std::pair<uint32_t, uint32_t>> by_root(pairs.size());  // (root, pair index)
    for (uint32_t k = 0; k < pairs.size(); ++k) by_root[k] = {uf.find(pairs[k].a), k};
    std::sort(by_root.begin(), by_root.end());
    std::vector<ScoredPair> component;
    for (size_t s = 0; s < by_root.size();) {
      size_t e = s;
      component.clear();
      while (e < by_root.size() && by_root[e].first == by_root[s].first)
        component.push_back(pairs[by_root[e++].second]);
      s = e;
      if (component.size() == 1) {
        out.push_back(component[0]);
        continue;
      }
      std::vector<uint32_t> as, bs;
      for (const ScoredPair& p : component) as.push_back(p.a), bs.push_back(p.b);
      std::sort(as.begin(), as.end());
      std::sort(bs.begin(), bs.end());
      const size_t na = static_cast<size_t>(std::unique(as.begin(), as.end()) - as.begin());
      const size_t nb = static_cast<size_t>(std::unique(bs.begin(), bs.end()) - bs.begin());
      ++local.components;
      local.largest_component = std::max<uint64_t>(local.largest_component, na + nb);
      if (std::max(na, nb) <= options.max_optimal_side) {
        hungarian(component, options.threshold, out);
      } else {
        ++local.solved_greedily;
        greedy(component, out);
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  if (counts) *counts = local;
  return out;
}

}  // namespace haven::linkage
