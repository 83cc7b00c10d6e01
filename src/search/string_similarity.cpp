// Jaro–Winkler with fixed-size match flags, and OSA over three rolling rows with a band check for
// the early exit.
#include "search/string_similarity.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <vector>

namespace haven::search {

double jaro_winkler(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  if (a.size() > b.size()) std::swap(a, b);
  const size_t la = a.size(), lb = b.size();
  const size_t window = lb / 2 > 0 ? lb / 2 - 1 : 0;
  std::vector<bool> heap_a, heap_b;
  std::bitset<128> small_a, small_b;
  const bool small = lb <= 128;
  if (!small) {
    heap_a.assign(la, false);
    heap_b.assign(lb, false);
  }
  auto flag_a = [&](size_t i) { return small ? small_a[i] : heap_a[i]; };
  auto flag_b = [&](size_t j) { return small ? small_b[j] : heap_b[j]; };
  auto set_a = [&](size_t i) { small ? (void)small_a.set(i) : (void)(heap_a[i] = true); };
  auto set_b = [&](size_t j) { small ? (void)small_b.set(j) : (void)(heap_b[j] = true); };

  size_t matches = 0;
  for (size_t i = 0; i < la; ++i) {
    const size_t lo = i > window ? i - window : 0;
    const size_t hi = std::min(lb, i + window + 1);
    for (size_t j = lo; j < hi; ++j) {
      if (flag_b(j) || a[i] != b[j]) continue;
      set_a(i);
      set_b(j);
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  size_t transpositions = 0;
  for (size_t i = 0, j = 0; i < la; ++i) {
    if (!flag_a(i)) continue;
    while (!flag_b(j)) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(la) + m / static_cast<double>(lb) +
                       (m - static_cast<double>(transpositions) / 2.0) / m) /
                      3.0;
  size_t prefix = 0;
  while (prefix < 4 && prefix < la && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

size_t osa_distance(std::string_view a, std::string_view b, size_t max_distance) {
  if (a.size() > b.size()) std::swap(a, b);
  const size_t la = a.size(), lb = b.size();
  if (lb - la > max_distance) return max_distance + 1;
  if (la == 0) return lb;
  std::array<size_t, 65> stack_rows[3];
  std::vector<size_t> heap_rows[3];
  size_t* rows[3];
  if (lb + 1 <= stack_rows[0].size()) {
    for (int r = 0; r < 3; ++r) rows[r] = stack_rows[r].data();
  } else {
    for (int r = 0; r < 3; ++r) {
      heap_rows[r].assign(lb + 1, 0);
      rows[r] = heap_rows[r].data();
    }
  }
  size_t* prev2 = rows[0];
  size_t* prev = rows[1];
  size_t* cur = rows[2];
  for (size_t j = 0; j <= lb; ++j) prev[j] = j;
  for (size_t i = 1; i <= la; ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= lb; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, prev2[j - 2] + 1);
      }
      cur[j] = d;
      row_min = std::min(row_min, d);
    }
    if (row_min > max_distance) return max_distance + 1;
    size_t* t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  const size_t d = prev[lb];
  return d > max_distance ? max_distance + 1 : d;
}

double token_set_agreement(std::span<const std::string_view> a,
                           std::span<const std::string_view> b) {
  if (a.empty() || b.empty()) return 0.0;
  if (a.size() > b.size()) std::swap(a, b);
  size_t agreeing = 0;
  for (std::string_view t : a) {
    if (std::find(b.begin(), b.end(), t) != b.end()) ++agreeing;
  }
  return static_cast<double>(agreeing) / static_cast<double>(a.size());
}

}  // namespace haven::search
