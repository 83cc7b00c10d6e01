// The smallest and largest value one variable can take over a polyhedron
// { x : A x = b, C x <= d, lo <= x <= hi }, by a two-phase bounded-variable simplex on a dense
// condensed tableau. It is the attacker's
// engine: a few hundred variables (the suppressed cells of one connected part of a table), exact
// enough for integer counts below a few million. Not a general-purpose LP solver.
#pragma once

#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

namespace haven::stats {

class BoundsLp {
 public:
  using Terms = std::vector<std::pair<size_t, double>>;  // (variable, coefficient)

  enum class Outcome { kOptimal, kUnbounded, kInfeasible, kIterationLimit };
  struct Extremum {
    Outcome outcome = Outcome::kOptimal;
    double value = 0;  // meaningful for kOptimal
  };

  explicit BoundsLp(size_t variables);

  // Bounds default to [0, +inf). Set them before the first solve.
  void set_bounds(size_t variable, double lower, double upper);
  void add_equal(Terms terms, double rhs);
  void add_at_most(Terms terms, double rhs);

  // Finds a first feasible vertex (phase I). kInfeasible if the constraints contradict each other.
  Outcome prepare();
  // Each starts from the previous vertex (the region is the same), so a series of solves is cheap.
  Extremum minimize(size_t variable);
  Extremum maximize(size_t variable);
  // Minimises a weighted sum of variables (used to reach far-apart vertices in one solve).
  Extremum minimize(const Terms& cost);
  // Every variable's value at the current vertex.
  std::vector<double> solution() const;

  size_t pivots() const { return pivots_; }

 private:
  struct Row {
    Terms terms;
    double rhs;
    bool equal;
  };
  Extremum optimize(const Terms& cost);
  Outcome run_simplex();
  void pivot(size_t row, size_t col);
  void set_objective(const std::vector<double>& cost);  // cost per label
  void compact();  // drops artificial columns and redundant rows after phase I
  double& at(size_t r, size_t c) { return t_[r * cols_ + c]; }
  double at(size_t r, size_t c) const { return t_[r * cols_ + c]; }

  size_t n_;
  std::vector<double> lower_, upper_;
  std::vector<Row> rows_;
  // Condensed (Tucker) tableau with bounded variables: one row per basic variable, one column per
  // non-basic one, row m_ the objective. Row i reads x_basic(i) + sum_j t(i,j) x_nonbasic(j) =
  // const. A non-basic variable sits at 0 or at its upper bound (at_upper_); value_ holds the basic
  // variables' current values. Labels: structural 0..n-1, then slacks, then artificials.
  size_t m_ = 0, cols_ = 0, first_artificial_ = 0, labels_ = 0;
  std::vector<double> t_;
  std::vector<double> value_;   // per row
  std::vector<double> ub_;      // per label (shifted upper bound; +inf if none)
  std::vector<bool> at_upper_;  // per column
  std::vector<size_t> basic_, nonbasic_;
  std::vector<size_t> nonzero_;  // scratch: the pivot row's non-zero columns
  bool prepared_ = false, feasible_ = false;
  size_t pivots_ = 0;
};

}  // namespace haven::stats
