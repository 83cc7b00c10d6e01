// Bounded-variable simplex on a condensed tableau: only non-basic columns are stored, so a pivot
// costs rows × degrees of freedom — small for tables, whose margins fix most cells — and upper
// bounds (rounding intervals) cost no rows. Dantzig's rule, falling back to Bland's on long
// degenerate runs so it cannot cycle; phase I with artificials, which are then dropped.
#include "stats/linear_program.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace haven::stats {

namespace {
constexpr double kPivotEps = 1e-9;
constexpr double kCostEps = 1e-9;
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

BoundsLp::BoundsLp(size_t variables)
    : n_(variables), lower_(variables, 0.0), upper_(variables, kInf) {}

void BoundsLp::set_bounds(size_t variable, double lower, double upper) {
  lower_[variable] = lower;
  upper_[variable] = upper;
}

void BoundsLp::add_equal(Terms terms, double rhs) {
  rows_.push_back({std::move(terms), rhs, true});
}

void BoundsLp::add_at_most(Terms terms, double rhs) {
  rows_.push_back({std::move(terms), rhs, false});
}

BoundsLp::Outcome BoundsLp::prepare() {
  prepared_ = true;
  // Shift every variable to x' = x - lower, so 0 <= x' <= upper - lower.
  std::vector<Row> rows = rows_;
  for (Row& row : rows) {
    for (const auto& [v, a] : row.terms) row.rhs -= a * lower_[v];
  }
  for (size_t v = 0; v < n_; ++v) {
    if (upper_[v] < lower_[v] - 1e-9) return Outcome::kInfeasible;
  }
  m_ = rows.size();
  size_t slacks = 0;
  for (const Row& row : rows) slacks += row.equal ? 0 : 1;
  first_artificial_ = n_ + slacks;
  labels_ = first_artificial_ + m_;
  ub_.assign(labels_, kInf);
  for (size_t v = 0; v < n_; ++v) ub_[v] = std::max(0.0, upper_[v] - lower_[v]);
  // Columns: every structural variable, and the slack of each "<=" row whose right-hand side is
  // negative (that row starts with an artificial in the basis instead of its slack).
  std::vector<size_t> column_of(labels_, SIZE_MAX);
  nonbasic_.clear();
  for (size_t v = 0; v < n_; ++v) {
    column_of[v] = nonbasic_.size();
    nonbasic_.push_back(v);
  }
  size_t slack = n_;
  for (const Row& row : rows) {
    if (row.equal) continue;
    if (row.rhs < 0) {
      column_of[slack] = nonbasic_.size();
      nonbasic_.push_back(slack);
    }
    ++slack;
  }
  cols_ = nonbasic_.size();
  t_.assign((m_ + 1) * cols_, 0.0);
  value_.assign(m_, 0.0);
  at_upper_.assign(cols_, false);
  basic_.assign(m_, 0);
  slack = n_;
  for (size_t r = 0; r < m_; ++r) {
    const Row& row = rows[r];
    const double sign = row.rhs < 0 ? -1.0 : 1.0;
    for (const auto& [v, a] : row.terms) at(r, column_of[v]) += sign * a;
    value_[r] = sign * row.rhs;
    if (row.equal) {
      basic_[r] = first_artificial_ + r;
    } else {
      if (sign > 0) {
        basic_[r] = slack;
      } else {
        at(r, column_of[slack]) = sign;
        basic_[r] = first_artificial_ + r;
      }
      ++slack;
    }
  }
  // Phase I: minimise the sum of the artificials.
  std::vector<double> cost(labels_, 0.0);
  for (size_t l = first_artificial_; l < labels_; ++l) cost[l] = 1.0;
  set_objective(cost);
  Outcome outcome = run_simplex();
  if (outcome == Outcome::kIterationLimit) return outcome;
  double scale = 1.0, infeasibility = 0.0;
  for (size_t r = 0; r < m_; ++r) {
    scale = std::max(scale, std::fabs(value_[r]));
    if (basic_[r] >= first_artificial_) infeasibility += value_[r];
  }
  if (infeasibility > 1e-7 * scale) return Outcome::kInfeasible;
  feasible_ = true;
  compact();
  return Outcome::kOptimal;
}

void BoundsLp::compact() {
  // Pivot artificials still basic (at zero) out where a real column allows; rows where none does
  // are linearly dependent on others and are dropped. Values do not move: the artificial is zero.
  std::vector<bool> keep_row(m_, true);
  for (size_t r = 0; r < m_; ++r) {
    if (basic_[r] < first_artificial_) continue;
    size_t best = cols_;
    for (size_t c = 0; c < cols_; ++c) {
      if (nonbasic_[c] >= first_artificial_) continue;
      if (std::fabs(at(r, c)) > (best == cols_ ? kPivotEps : std::fabs(at(r, best)))) best = c;
    }
    if (best == cols_) {
      keep_row[r] = false;
      continue;
    }
    const double entering = at_upper_[best] ? ub_[nonbasic_[best]] : 0.0;
    pivot(r, best);
    value_[r] = entering;
    at_upper_[best] = false;  // the artificial leaves at zero
  }
  std::vector<size_t> keep_cols, keep_rows;
  for (size_t c = 0; c < cols_; ++c) {
    if (nonbasic_[c] < first_artificial_) keep_cols.push_back(c);
  }
  for (size_t r = 0; r < m_; ++r) {
    if (keep_row[r]) keep_rows.push_back(r);
  }
  keep_rows.push_back(m_);  // the objective row
  const size_t new_cols = keep_cols.size();
  std::vector<double> t(keep_rows.size() * new_cols, 0.0);
  std::vector<size_t> basic, nonbasic;
  std::vector<double> value;
  std::vector<bool> at_upper;
  for (size_t c : keep_cols) {
    nonbasic.push_back(nonbasic_[c]);
    at_upper.push_back(at_upper_[c]);
  }
  for (size_t i = 0; i < keep_rows.size(); ++i) {
    const size_t r = keep_rows[i];
    for (size_t j = 0; j < new_cols; ++j) t[i * new_cols + j] = at(r, keep_cols[j]);
    if (r < m_) {
      basic.push_back(basic_[r]);
      value.push_back(value_[r]);
    }
  }
  m_ = keep_rows.size() - 1;
  cols_ = new_cols;
  t_ = std::move(t);
  basic_ = std::move(basic);
  nonbasic_ = std::move(nonbasic);
  value_ = std::move(value);
  at_upper_ = std::move(at_upper);
}

void BoundsLp::set_objective(const std::vector<double>& cost) {
  // Objective row in the same form as the others: z + sum_j (c_B·t_j - c_j) x_j = const, so a
  // positive entry means raising that non-basic variable lowers z.
  for (size_t c = 0; c < cols_; ++c) {
    double v = -cost[nonbasic_[c]];
    for (size_t r = 0; r < m_; ++r) {
      const double cb = cost[basic_[r]];
      if (cb != 0.0) v += cb * at(r, c);
    }
    at(m_, c) = v;
  }
}

void BoundsLp::pivot(size_t row, size_t col) {
  ++pivots_;
  double* pr = &t_[row * cols_];
  const double inv = 1.0 / pr[col];
  for (size_t c = 0; c < cols_; ++c) pr[c] *= inv;
  pr[col] = inv;
  // Table constraints are sparse: update only the pivot row's non-zero columns.
  nonzero_.clear();
  for (size_t c = 0; c < cols_; ++c) {
    if (c != col && pr[c] != 0.0) nonzero_.push_back(c);
  }
  for (size_t r = 0; r <= m_; ++r) {
    if (r == row) continue;
    double* rr = &t_[r * cols_];
    const double f = rr[col];
    if (f == 0.0) continue;
    for (size_t c : nonzero_) rr[c] -= f * pr[c];
    rr[col] = -f * inv;
  }
  std::swap(basic_[row], nonbasic_[col]);
}

BoundsLp::Outcome BoundsLp::run_simplex() {
  const size_t limit = 50 * (m_ + cols_) + 1000;
  size_t degenerate = 0;
  for (size_t iteration = 0; iteration < limit; ++iteration) {
    const bool bland = degenerate > 20;
    size_t enter = cols_;
    double best = kCostEps;
    for (size_t c = 0; c < cols_; ++c) {
      if (feasible_ && nonbasic_[c] >= first_artificial_) continue;
      // Improving: raise a variable at zero with a positive entry, lower one at its upper bound
      // with a negative entry.
      const double d = at_upper_[c] ? -at(m_, c) : at(m_, c);
      if (d <= kCostEps) continue;
      if (bland) {
        if (enter == cols_ || nonbasic_[c] < nonbasic_[enter]) enter = c;
      } else if (d > best) {
        enter = c;
        best = d;
      }
    }
    if (enter == cols_) return Outcome::kOptimal;
    const double dir = at_upper_[enter] ? -1.0 : 1.0;
    double step = ub_[nonbasic_[enter]];  // as far as the entering variable's own other bound
    size_t leave = m_;
    bool leave_at_upper = false;
    for (size_t r = 0; r < m_; ++r) {
      const double a = at(r, enter) * dir;  // the basic variable falls by a per unit of step
      double limit_r;
      if (a > kPivotEps) {
        limit_r = value_[r] / a;
      } else if (a < -kPivotEps && std::isfinite(ub_[basic_[r]])) {
        limit_r = (ub_[basic_[r]] - value_[r]) / -a;
      } else {
        continue;
      }
      limit_r = std::max(limit_r, 0.0);
      if (limit_r < step - 1e-12 ||
          (limit_r <= step + 1e-12 && leave < m_ && basic_[r] < basic_[leave])) {
        step = limit_r;
        leave = r;
        leave_at_upper = a < 0;
      }
    }
    if (!std::isfinite(step)) return Outcome::kUnbounded;
    const double delta = dir * step;
    for (size_t r = 0; r < m_; ++r) {
      double& v = value_[r];
      v -= at(r, enter) * delta;
      if (v < 0 && v > -1e-9) v = 0;
    }
    const double entering = (at_upper_[enter] ? ub_[nonbasic_[enter]] : 0.0) + delta;
    if (leave == m_) {  // the entering variable reached its other bound first: no basis change
      at_upper_[enter] = !at_upper_[enter];
      degenerate = 0;
      continue;
    }
    degenerate = step <= 1e-12 ? degenerate + 1 : 0;
    pivot(leave, enter);
    value_[leave] = entering;
    at_upper_[enter] = leave_at_upper;
  }
  return Outcome::kIterationLimit;
}

BoundsLp::Extremum BoundsLp::optimize(const Terms& terms) {
  if (!prepared_) {
    if (Outcome o = prepare(); o != Outcome::kOptimal) return {o, 0};
  }
  if (!feasible_) return {Outcome::kInfeasible, 0};
  std::vector<double> cost(labels_, 0.0);
  for (const auto& [v, a] : terms) cost[v] += a;
  set_objective(cost);
  Outcome o = run_simplex();
  if (o != Outcome::kOptimal) return {o, 0};
  std::vector<double> x = solution();
  double z = 0;
  for (const auto& [v, a] : terms) z += a * x[v];
  return {o, z};
}

BoundsLp::Extremum BoundsLp::minimize(const Terms& cost) {
  return optimize(cost);
}
BoundsLp::Extremum BoundsLp::minimize(size_t variable) {
  return optimize({{variable, 1.0}});
}

BoundsLp::Extremum BoundsLp::maximize(size_t variable) {
  Extremum e = optimize({{variable, -1.0}});
  e.value = -e.value;
  return e;
}

std::vector<double> BoundsLp::solution() const {
  std::vector<double> x(lower_);
  for (size_t c = 0; c < cols_; ++c) {
    if (nonbasic_[c] < n_ && at_upper_[c]) x[nonbasic_[c]] += ub_[nonbasic_[c]];
  }
  for (size_t r = 0; r < m_; ++r) {
    if (basic_[r] < n_) x[basic_[r]] += value_[r];
  }
  return x;
}

}  // namespace haven::stats
