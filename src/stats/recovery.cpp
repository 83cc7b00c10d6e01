// The attacker's two engines — interval propagation and per-cell linear programmes in reduced form
// (unknown leaf cells only) — split into independent connected parts so each programme stays small.
#include "stats/recovery.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>

#include "stats/linear_program.h"

namespace haven::stats {

size_t RecoveryReport::exposed_count() const {
  return static_cast<size_t>(
      std::count_if(cells.begin(), cells.end(), [](const CellBounds& c) { return c.exposed; }));
}

namespace {

constexpr int64_t kInf = std::numeric_limits<int64_t>::max() / 4;

// What the release says about one joint cell: an exact count, an interval (rounded), or nothing.
struct Knowledge {
  int64_t lo = 0;
  int64_t hi = kInf;
  bool target = false;  // suppressed: a cell the attacker is after
  bool variable() const { return lo != hi; }
};

std::vector<Knowledge> what_is_published(const CellSystem& sys) {
  std::vector<Knowledge> out(sys.size());
  for (size_t j = 0; j < sys.size(); ++j) {
    Knowledge& k = out[j];
    for (const CellRef& ref : sys.members(j)) {
      const Cell& c = sys.table(ref.table).at(ref.cell);
      // A share not applicable has no children in its base: its numerator is known to be 0.
      if (c.status == CellStatus::kNotApplicable && sys.unit() == Unit::kShare) {
        k.hi = 0;
        continue;
      }
      if (c.status != CellStatus::kObserved) continue;
      int64_t lo = c.count, hi = c.count;
      if (c.rounding_base > 1) {  // round half up to a multiple of b: x in [r - h, r - h + b - 1]
        const int64_t h = c.rounding_base / 2;
        lo = std::max<int64_t>(0, c.count - h);
        hi = c.count - h + c.rounding_base - 1;
      }
      k.lo = std::max(k.lo, lo);
      k.hi = std::min(k.hi, hi);
    }
    k.target = is_suppressed(sys.status(j));
  }
  return out;
}

int64_t sat_add(int64_t a, int64_t b) {
  return std::min(kInf, a + b);
}

// Narrows every interval to a fixed point of all relations. False if one becomes empty.
bool propagate(const CellSystem& sys, std::vector<Knowledge>& iv) {
  const auto& relations = sys.relations();
  for (int sweep = 0; sweep < 1000; ++sweep) {
    bool changed = false;
    auto narrow = [&](size_t j, int64_t lo, int64_t hi) {
      Knowledge& k = iv[j];
      lo = std::max<int64_t>(lo, 0);
      if (lo > k.lo) {
        k.lo = lo;
        changed = true;
      }
      if (hi < k.hi) {
        k.hi = hi;
        changed = true;
      }
    };
    for (const Relation& r : relations) {
      bool any_variable = iv[r.total].variable();
      for (size_t p : r.parts) any_variable = any_variable || iv[p].variable();
      if (!any_variable) continue;
      int64_t sum_lo = 0, sum_hi = 0, max_lo = 0;
      int infinite = 0;
      for (size_t p : r.parts) {
        sum_lo = sat_add(sum_lo, iv[p].lo);
        max_lo = std::max(max_lo, iv[p].lo);
        if (iv[p].hi >= kInf)
          ++infinite;
        else
          sum_hi = sat_add(sum_hi, iv[p].hi);
      }
      const Knowledge total = iv[r.total];
      if (r.exact) {
        narrow(r.total, sum_lo, infinite > 0 ? kInf : sum_hi);
      } else {
        narrow(r.total, max_lo, infinite > 0 ? kInf : sum_hi);
      }
      for (size_t p : r.parts) {
        const Knowledge part = iv[p];
        const bool part_inf = part.hi >= kInf;
        const int others_inf = infinite - (part_inf ? 1 : 0);
        const int64_t others_hi = sum_hi - (part_inf ? 0 : part.hi);
        int64_t lo = 0;
        if (others_inf == 0 && total.lo > others_hi) lo = total.lo - others_hi;
        int64_t hi = total.hi;
        if (r.exact && total.hi < kInf) hi = total.hi - (sum_lo - part.lo);
        narrow(p, lo, hi);
      }
      if (iv[r.total].lo > iv[r.total].hi) return false;
      for (size_t p : r.parts) {
        if (iv[p].lo > iv[p].hi) return false;
      }
    }
    if (!changed) break;
  }
  return true;
}

bool exposed(int64_t lo, std::optional<int64_t> hi, int64_t width) {
  return hi.has_value() && *hi - lo < width;
}

// The attacker's linear programme in reduced form. Every cell of a table is the sum of its
// "reduced" cells — those at a leaf of every additive dimension (any code of a multi-valued one) —
// so only unknown reduced cells are variables; a published margin is one equation over them, a
// multi-valued relation two inequalities, and a cell shared by linked tables an equation between
// its expressions in each. Equivalent to the programme over all cells and relations, with far fewer
// rows and columns, which is what makes it fast enough to run inside disclosure control.
class ReducedModel {
 public:
  struct Expr {
    std::vector<size_t> vars;  // joint indices of unknown reduced cells
    double constant = 0;
  };

  ReducedModel(const CellSystem& sys, const std::vector<Knowledge>& known)
      : sys_(sys), known_(known) {
    for (size_t t = 0; t < sys.table_count(); ++t) {
      const Table& table = sys.table(t);
      std::vector<std::vector<std::vector<int>>> per_dim;
      for (const Dimension& d : table.dimensions()) {
        std::vector<std::vector<int>> per_code(d.codes.size());
        for (size_t c = 0; c < d.codes.size(); ++c) {
          if (d.kind == DimensionKind::kMultiValued) {
            per_code[c] = {static_cast<int>(c)};
            continue;
          }
          for (size_t leaf = 0; leaf < d.codes.size(); ++leaf) {
            if (!d.is_leaf(static_cast<int>(leaf))) continue;
            for (int a = static_cast<int>(leaf); a >= 0;
                 a = d.codes[static_cast<size_t>(a)].parent) {
              if (a == static_cast<int>(c)) {
                per_code[c].push_back(static_cast<int>(leaf));
                break;
              }
            }
          }
        }
        per_dim.push_back(std::move(per_code));
      }
      descendants_.push_back(std::move(per_dim));
    }
  }

  bool reduced(size_t t, size_t cell) const {
    const Table& table = sys_.table(t);
    for (size_t k = 0; k < table.dimensions().size(); ++k) {
      const auto& d = descendants_[t][k][static_cast<size_t>(table.coord(cell, k))];
      if (d.size() != 1 || d.front() != table.coord(cell, k)) return false;
    }
    return true;
  }

  Expr expr(size_t t, size_t cell) const {
    const Table& table = sys_.table(t);
    const size_t dims = table.dimensions().size();
    std::vector<const std::vector<int>*> sets(dims);
    for (size_t k = 0; k < dims; ++k)
      sets[k] = &descendants_[t][k][static_cast<size_t>(table.coord(cell, k))];
    Expr e;
    std::vector<int> coords(dims);
    std::vector<size_t> pos(dims, 0);
    for (;;) {
      for (size_t k = 0; k < dims; ++k) coords[k] = (*sets[k])[pos[k]];
      const size_t j = sys_.joint_of(t, table.index(coords));
      if (known_[j].variable())
        e.vars.push_back(j);
      else
        e.constant += static_cast<double>(known_[j].lo);
      size_t k = 0;
      for (; k < dims; ++k) {
        if (++pos[k] < sets[k]->size()) break;
        pos[k] = 0;
      }
      if (k == dims) break;
    }
    return e;
  }

  // The expression of a joint cell through its first member (all members are tied equal).
  Expr expr(size_t joint) const {
    const CellRef& m = sys_.members(joint).front();
    return expr(m.table, m.cell);
  }

 private:
  const CellSystem& sys_;
  const std::vector<Knowledge>& known_;
  std::vector<std::vector<std::vector<std::vector<int>>>> descendants_;  // [table][dim][code]
};

struct Row {
  std::map<size_t, double> terms;  // joint index → coefficient
  double rhs = 0;
  bool equal = true;
};

// sum(a·E) {=, <=} rhs, constants moved to the right; false if a row without variables is violated.
bool add_row(std::vector<Row>& rows,
             const std::vector<std::pair<double, ReducedModel::Expr>>& parts, double rhs,
             bool equal) {
  Row row;
  row.rhs = rhs;
  row.equal = equal;
  for (const auto& [a, e] : parts) {
    for (size_t v : e.vars) row.terms[v] += a;
    row.rhs -= a * e.constant;
  }
  for (auto it = row.terms.begin(); it != row.terms.end();) {
    it = it->second == 0.0 ? row.terms.erase(it) : std::next(it);
  }
  if (row.terms.empty()) {
    return equal ? std::fabs(row.rhs) < 0.5 : row.rhs > -0.5;
  }
  rows.push_back(std::move(row));
  return true;
}

// Exact LP bounds for the targets of one connected part. False if its constraints are infeasible.
bool solve_component(const std::vector<Knowledge>& published, const std::vector<Knowledge>& known,
                     const std::vector<size_t>& vars, const std::vector<const Row*>& rows,
                     const std::vector<std::pair<size_t, ReducedModel::Expr>>& targets,
                     const AttackOptions& options, std::vector<JointBounds>& out, bool& complete) {
  std::map<size_t, size_t> local;
  for (size_t v = 0; v < vars.size(); ++v) local[vars[v]] = v;
  BoundsLp lp(vars.size());
  for (size_t v = 0; v < vars.size(); ++v) {
    // Lower bounds from propagation cost nothing (a shift); upper bounds only where the release
    // states them (rounding intervals) — the rest follow from the rows.
    const int64_t hi = published[vars[v]].hi;
    lp.set_bounds(v, static_cast<double>(known[vars[v]].lo),
                  hi >= kInf ? std::numeric_limits<double>::infinity() : static_cast<double>(hi));
  }
  for (const Row* row : rows) {
    BoundsLp::Terms terms;
    for (const auto& [j, a] : row->terms) terms.emplace_back(local.at(j), a);
    if (row->equal)
      lp.add_equal(std::move(terms), row->rhs);
    else
      lp.add_at_most(std::move(terms), row->rhs);
  }
  BoundsLp::Outcome ready = lp.prepare();
  if (ready == BoundsLp::Outcome::kInfeasible) return false;
  const size_t n = targets.size();
  std::vector<BoundsLp::Terms> objective(n);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j : targets[i].second.vars) objective[i].emplace_back(local.at(j), 1.0);
  }
  std::vector<double> seen_lo(n, std::numeric_limits<double>::infinity());
  std::vector<double> seen_hi(n, -std::numeric_limits<double>::infinity());
  auto observe = [&] {
    const std::vector<double> x = lp.solution();
    for (size_t i = 0; i < n; ++i) {
      double v = targets[i].second.constant;
      for (const auto& [var, a] : objective[i]) v += a * x[var];
      seen_lo[i] = std::min(seen_lo[i], v);
      seen_hi[i] = std::max(seen_hi[i], v);
    }
  };
  if (ready == BoundsLp::Outcome::kOptimal) {
    observe();
    // Two far-apart tables first (every hidden cell as large, then as small as possible): together
    // they settle most cells' ranges, so fewer per-cell programmes are needed.
    BoundsLp::Terms all;
    for (size_t v = 0; v < vars.size(); ++v) all.emplace_back(v, -1.0);
    if (lp.minimize(all).outcome == BoundsLp::Outcome::kOptimal) observe();
    for (auto& term : all) term.second = 1.0;
    if (lp.minimize(all).outcome == BoundsLp::Outcome::kOptimal) observe();
  }
  const double width = static_cast<double>(options.protection_interval);
  for (size_t i = 0; i < n; ++i) {
    const size_t j = targets[i].first;
    const double constant = targets[i].second.constant;
    JointBounds b{j, known[j].lo, std::nullopt, false};
    if (known[j].hi < kInf) b.upper = known[j].hi;
    if (ready != BoundsLp::Outcome::kOptimal) {  // solver gave up: keep propagation's outer bounds
      complete = false;
      b.exposed = true;
      out.push_back(b);
      continue;
    }
    if (!options.exact_bounds && seen_hi[i] - seen_lo[i] >= width - 1e-6) {
      b.lower = static_cast<int64_t>(std::ceil(seen_lo[i] - 1e-6));
      b.upper = static_cast<int64_t>(std::floor(seen_hi[i] + 1e-6));
      out.push_back(b);
      continue;
    }
    BoundsLp::Terms negated = objective[i];
    for (auto& term : negated) term.second = -term.second;
    BoundsLp::Extremum hi = lp.minimize(negated);
    if (hi.outcome == BoundsLp::Outcome::kOptimal) {
      hi.value = constant - hi.value;
      observe();
    }
    // No programme needed for the minimum if a consistent table already puts the cell at its floor.
    const bool at_floor = seen_lo[i] <= static_cast<double>(known[j].lo) + 1e-9;
    BoundsLp::Extremum lo{BoundsLp::Outcome::kOptimal, static_cast<double>(known[j].lo)};
    const bool need_min =
        !at_floor && (options.exact_bounds || hi.outcome != BoundsLp::Outcome::kUnbounded);
    if (need_min) {
      lo = lp.minimize(objective[i]);
      if (lo.outcome == BoundsLp::Outcome::kOptimal) {
        lo.value += constant;
        observe();
      }
    }
    const bool hi_ok =
        hi.outcome == BoundsLp::Outcome::kOptimal || hi.outcome == BoundsLp::Outcome::kUnbounded;
    if (!hi_ok || lo.outcome != BoundsLp::Outcome::kOptimal) {
      complete = false;
      b.exposed = true;
      out.push_back(b);
      continue;
    }
    if (need_min || at_floor) {
      b.lower = std::max<int64_t>(b.lower, static_cast<int64_t>(std::ceil(lo.value - 1e-6)));
    }
    if (hi.outcome == BoundsLp::Outcome::kUnbounded) {
      b.upper.reset();
    } else {
      const int64_t h = static_cast<int64_t>(std::floor(hi.value + 1e-6));
      b.upper = b.upper ? std::min(*b.upper, h) : h;
    }
    b.exposed = exposed(b.lower, b.upper, options.protection_interval);
    out.push_back(b);
  }
  return true;
}

// Builds the reduced programme, splits it into connected parts and solves each. False if the
// published figures are contradictory.
bool solve_reduced(const CellSystem& sys, const std::vector<Knowledge>& published,
                   const std::vector<Knowledge>& known, const AttackOptions& options,
                   std::vector<JointBounds>& out, bool& complete) {
  ReducedModel model(sys, known);
  std::vector<Row> rows;
  std::vector<ReducedModel::Expr> first(sys.size());
  for (size_t j = 0; j < sys.size(); ++j) first[j] = model.expr(j);
  for (size_t j = 0; j < sys.size(); ++j) {
    const auto& members = sys.members(j);
    const bool is_published = published[j].hi < kInf;
    const bool exact = is_published && published[j].lo == published[j].hi;
    for (size_t m = 0; m < members.size(); ++m) {
      const CellRef& ref = members[m];
      const bool reduced = model.reduced(ref.table, ref.cell);
      ReducedModel::Expr e = m == 0 ? first[j] : model.expr(ref.table, ref.cell);
      if (is_published && !reduced) {
        const double lo = static_cast<double>(published[j].lo),
                     hi = static_cast<double>(published[j].hi);
        if (exact) {
          if (!add_row(rows, {{1.0, e}}, lo, true)) return false;
        } else if (!add_row(rows, {{1.0, e}}, hi, false) ||
                   !add_row(rows, {{-1.0, e}}, -lo, false)) {
          return false;
        }
      }
      if (m > 0 && !exact && !add_row(rows, {{1.0, first[j]}, {-1.0, e}}, 0.0, true)) return false;
    }
  }
  for (const Relation& r : sys.relations()) {
    if (r.exact) continue;  // additive relations are built into the reduced form
    std::vector<std::pair<double, ReducedModel::Expr>> sum{{1.0, first[r.total]}};
    for (size_t p : r.parts) {
      if (!add_row(rows, {{1.0, first[p]}, {-1.0, first[r.total]}}, 0.0, false)) return false;
      sum.emplace_back(-1.0, first[p]);
    }
    if (!add_row(rows, sum, 0.0, false)) return false;
  }
  // Targets: every suppressed cell; one whose expression has no variable is pinned outright.
  std::vector<std::pair<size_t, ReducedModel::Expr>> targets;
  for (size_t j = 0; j < sys.size(); ++j) {
    if (!known[j].target || !known[j].variable()) continue;
    if (first[j].vars.empty()) {
      const int64_t v = std::llround(first[j].constant);
      out.push_back({j, v, v, true});
      continue;
    }
    targets.emplace_back(j, first[j]);
  }
  // Connected parts over the variables; a target's variables are kept together.
  std::map<size_t, size_t> parent;
  auto root = [&](size_t x) {
    parent.try_emplace(x, x);
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  auto join = [&](const std::vector<size_t>& vs) {
    for (size_t k = 1; k < vs.size(); ++k) parent[root(vs[k])] = root(vs.front());
    if (!vs.empty()) root(vs.front());
  };
  for (const Row& row : rows) {
    std::vector<size_t> vs;
    for (const auto& [v, a] : row.terms) vs.push_back(v);
    join(vs);
  }
  for (const auto& [j, e] : targets) join(e.vars);
  std::map<size_t, std::vector<size_t>> vars_of;
  std::map<size_t, std::vector<const Row*>> rows_of;
  std::map<size_t, std::vector<std::pair<size_t, ReducedModel::Expr>>> targets_of;
  for (auto& [v, p] : parent) vars_of[root(v)].push_back(v);
  for (const Row& row : rows) rows_of[root(row.terms.begin()->first)].push_back(&row);
  for (const auto& t : targets) targets_of[root(t.second.vars.front())].push_back(t);
  for (const auto& [r, ts] : targets_of) {
    if (!solve_component(published, known, vars_of[r], rows_of[r], ts, options, out, complete)) {
      return false;
    }
  }
  return true;
}

}  // namespace

SystemAttack attack_system(const CellSystem& sys, const AttackOptions& options) {
  SystemAttack result;
  std::vector<Knowledge> known = what_is_published(sys);
  if (!is_additive(sys.unit())) {  // medians: no relation links one cell to another
    for (size_t j = 0; j < sys.size(); ++j) {
      if (known[j].target) result.cells.push_back({j, 0, std::nullopt, false});
    }
    return result;
  }
  for (const Knowledge& k : known) {
    if (k.lo > k.hi) result.consistent = false;
  }
  const std::vector<Knowledge> published = known;
  if (!result.consistent || !propagate(sys, known)) {
    result.consistent = false;
    return result;
  }
  if (options.method == AttackMethod::kPropagation) {
    for (size_t j = 0; j < sys.size(); ++j) {
      if (!known[j].target) continue;
      std::optional<int64_t> hi;
      if (known[j].hi < kInf) hi = known[j].hi;
      result.cells.push_back(
          {j, known[j].lo, hi, exposed(known[j].lo, hi, options.protection_interval)});
    }
    return result;
  }
  // Targets that propagation already pinned to one value are not variables of any program.
  for (size_t j = 0; j < sys.size(); ++j) {
    if (known[j].target && !known[j].variable()) {
      result.cells.push_back({j, known[j].lo, known[j].hi, true});
    }
  }
  if (!solve_reduced(sys, published, known, options, result.cells, result.complete)) {
    result.consistent = false;
    result.cells.clear();
    return result;
  }
  std::sort(result.cells.begin(), result.cells.end(),
            [](const JointBounds& a, const JointBounds& b) { return a.joint < b.joint; });
  return result;
}

RecoveryReport recover_suppressed(std::span<const Table* const> linked,
                                  const AttackOptions& options) {
  RecoveryReport report;
  auto sys = CellSystem::link(linked);
  if (!sys.ok()) {
    report.consistent = false;
    return report;
  }
  SystemAttack attack = attack_system(*sys, options);
  report.consistent = attack.consistent;
  report.complete = attack.complete;
  for (const JointBounds& b : attack.cells) {
    for (const CellRef& ref : sys->members(b.joint)) {
      if (!is_suppressed(sys->table(ref.table).at(ref.cell).status)) continue;
      report.cells.push_back({ref.table, ref.cell, b.lower, b.upper, b.exposed});
    }
  }
  std::sort(report.cells.begin(), report.cells.end(), [](const CellBounds& a, const CellBounds& b) {
    return a.table != b.table ? a.table < b.table : a.cell < b.cell;
  });
  return report;
}

RecoveryReport recover_suppressed(const Table& published, const AttackOptions& options) {
  const Table* one[] = {&published};
  return recover_suppressed(std::span<const Table* const>(one), options);
}

}  // namespace haven::stats
