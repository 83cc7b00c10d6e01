// Builders for the stats tests: small hand-made tables and seeded random cubes (additive and
// multi-valued), plus where the repository is for tests that read the shipped catalogue.
#pragma once

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "stats/table.h"

namespace haven::stats::testing {

inline std::string source_dir() {
  if (const char* env = std::getenv("HAVEN_SOURCE_DIR"); env != nullptr && *env != '\0') return env;
  std::string here = __FILE__;  // …/tests/unit/stats/test_tables.h
  for (int i = 0; i < 4; ++i) here = here.substr(0, here.rfind('/'));
  return here;
}

// A 1-D table: leaves with these counts under a total.
inline Table line_table(const std::vector<int64_t>& counts) {
  std::vector<std::string> codes;
  for (size_t i = 0; i < counts.size(); ++i) codes.push_back("C" + std::to_string(i));
  Table t({"TEST", "SE", "2026"}, Unit::kCount, {flat_dimension("D", codes)});
  for (size_t i = 0; i < counts.size(); ++i) t.at(i + 1).count = counts[i];
  t.sum_margins();
  return t;
}

// A 2-D table from a row-major grid of interior counts; margins are summed.
inline Table grid_table(const std::vector<std::vector<int64_t>>& grid) {
  std::vector<std::string> rows, cols;
  for (size_t r = 0; r < grid.size(); ++r) rows.push_back("R" + std::to_string(r));
  for (size_t c = 0; c < grid.front().size(); ++c) cols.push_back("C" + std::to_string(c));
  Table t({"TEST", "SE", "2026"}, Unit::kCount,
          {flat_dimension("ROW", rows), flat_dimension("COL", cols)});
  for (size_t r = 0; r < grid.size(); ++r) {
    for (size_t c = 0; c < grid[r].size(); ++c) {
      int coords[] = {static_cast<int>(r + 1), static_cast<int>(c + 1)};
      t.at(t.index(coords)).count = grid[r][c];
    }
  }
  t.sum_margins();
  return t;
}

// Counts like those of a small country's child-protection figures: many zeros and small numbers,
// some large ones.
inline int64_t skewed_count(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> kind(0, 9);
  switch (kind(rng)) {
    case 0:
    case 1:
      return 0;
    case 2:
    case 3:
    case 4:
      return std::uniform_int_distribution<int64_t>(1, 4)(rng);
    case 5:
    case 6:
      return std::uniform_int_distribution<int64_t>(5, 15)(rng);
    default:
      return std::uniform_int_distribution<int64_t>(10, 200)(rng);
  }
}

// A cube over these dimensions with skewed random leaf counts and summed margins. Multi-valued
// dimensions are filled by simulating children who each have one or more categories.
inline Table random_cube(std::mt19937_64& rng, std::vector<Dimension> dims,
                         Unit unit = Unit::kCount) {
  Table t({"RANDOM", "SE", "2026"}, unit, std::move(dims));
  const auto& ds = t.dimensions();
  bool multi = false;
  for (const Dimension& d : ds) multi = multi || d.kind == DimensionKind::kMultiValued;
  if (!multi) {
    for (size_t i = 0; i < t.size(); ++i) {
      if (!t.is_margin(i)) t.at(i).count = skewed_count(rng);
    }
    t.sum_margins();
    return t;
  }
  // Simulated children: a leaf in every additive dimension, a non-empty set of leaves in each
  // multi-valued one; each child counts once in every cell whose codes it matches.
  std::uniform_int_distribution<int> how_many(20, 400);
  const int children = how_many(rng);
  std::vector<std::vector<int>> leaves(ds.size());
  for (size_t k = 0; k < ds.size(); ++k) {
    for (size_t c = 0; c < ds[k].codes.size(); ++c) {
      if (ds[k].is_leaf(static_cast<int>(c))) leaves[k].push_back(static_cast<int>(c));
    }
  }
  for (int n = 0; n < children; ++n) {
    // Each dimension: the chosen codes plus all their ancestors.
    std::vector<std::vector<int>> codes(ds.size());
    for (size_t k = 0; k < ds.size(); ++k) {
      std::vector<bool> on(ds[k].codes.size(), false);
      auto pick = [&] {
        // Skewed: the first leaves are more common, so some cells stay small.
        std::geometric_distribution<int> g(0.45);
        int i = std::min<int>(g(rng), static_cast<int>(leaves[k].size()) - 1);
        for (int c = leaves[k][static_cast<size_t>(i)]; c >= 0;
             c = ds[k].codes[static_cast<size_t>(c)].parent) {
          on[static_cast<size_t>(c)] = true;
        }
      };
      pick();
      if (ds[k].kind == DimensionKind::kMultiValued) {
        while (std::uniform_int_distribution<int>(0, 2)(rng) == 0) pick();
      }
      for (size_t c = 0; c < on.size(); ++c) {
        if (on[c]) codes[k].push_back(static_cast<int>(c));
      }
    }
    std::vector<int> coords(ds.size());
    auto add = [&](auto&& self, size_t k) -> void {
      if (k == ds.size()) {
        ++t.at(t.index(coords)).count;
        return;
      }
      for (int c : codes[k]) {
        coords[k] = c;
        self(self, k + 1);
      }
    };
    add(add, 0);
  }
  return t;
}

}  // namespace haven::stats::testing
