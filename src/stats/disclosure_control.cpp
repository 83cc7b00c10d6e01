// Primary suppression, the line heuristic and the attacker-audited loop of secondary suppression,
// rounding, and the computation of published values (see the header for the algorithm and limits).
#include "stats/disclosure_control.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "stats/recovery.h"
#include "stats/relations.h"

namespace haven::stats {

core::Status validate_policy(const DisclosurePolicy& p) {
  if (p.min_count < 0 || p.min_count > 1000) {
    return core::Error::invalid("min_count must be between 0 and 1000.");
  }
  if (p.protection_interval < 1 || p.protection_interval > 1000) {
    return core::Error::invalid("protection_interval must be between 1 and 1000.");
  }
  if (p.rounding_base < 0 || p.rounding_base == 1 || p.rounding_base > 1000) {
    return core::Error::invalid("rounding_base must be 0 (no rounding) or between 2 and 1000.");
  }
  for (Unit u : p.rounded_units) {
    if (u != Unit::kCount && u != Unit::kRatePer100k) {
      return core::Error::invalid("Only counts and rates can be rounded, not " +
                                  std::string(unit_name(u)) + ".");
    }
  }
  return core::ok_status();
}

bool is_sensitive(int64_t count, const DisclosurePolicy& policy) {
  if (count == 0) return policy.zero_is_sensitive && policy.min_count > 0;
  return count > 0 && count < policy.min_count;
}

int64_t round_to_base(int64_t count, int64_t base) {
  return (count + base / 2) / base * base;
}

namespace {

class Protector {
 public:
  Protector(const CellSystem& sys, std::span<Table* const> tables, const DisclosurePolicy& policy)
      : sys_(sys), tables_(tables), policy_(policy) {}

  core::Result<size_t> run() {
    primary();
    if (!is_additive(sys_.unit()) || !policy_.secondary_suppression) return size_t{0};
    size_t rounds = 0;
    const size_t max_rounds = sys_.size() + 1;
    for (; rounds < max_rounds; ++rounds) {
      heuristic();
      AttackOptions options;
      options.protection_interval = policy_.protection_interval;
      options.exact_bounds = false;
      SystemAttack attack = attack_system(sys_, options);
      if (!attack.consistent) {
        return core::Error::internal("The table's counts are inconsistent; nothing was published.");
      }
      std::vector<size_t> exposed;
      for (const JointBounds& b : attack.cells) {
        if (b.exposed) exposed.push_back(b.joint);
      }
      if (exposed.empty()) return rounds + 1;
      std::set<size_t> touched;  // relations that gained a hidden cell this round
      size_t added = 0;
      for (size_t e : exposed) {
        const auto& rels = sys_.relations_of(e);
        if (std::any_of(rels.begin(), rels.end(), [&](size_t r) { return touched.count(r); })) {
          continue;
        }
        std::optional<size_t> partner = nearest_candidate(e);
        if (!partner) continue;
        hide(*partner, CellStatus::kSecondarySuppressed);
        for (size_t r : sys_.relations_of(*partner)) touched.insert(r);
        ++added;
      }
      if (added == 0) {
        return core::Error::internal("Secondary suppression found no cell left to hide while " +
                                     sys_.describe(exposed.front()) + " is still exposed.");
      }
    }
    return core::Error::internal("Secondary suppression did not converge.");
  }

 private:
  // A share's not-applicable cell is a group of no children (base count 0): its numerator is a
  // known 0, not something to protect or to hide behind. Count tables have no such cells.
  bool unknown(size_t j) const {
    const CellStatus s = sys_.status(j);
    if (s == CellStatus::kNotApplicable && sys_.unit() == Unit::kShare) return false;
    return s != CellStatus::kObserved;
  }

  // Sets the status of every member that has a figure (not-applicable and missing members stay).
  void hide(size_t j, CellStatus status) {
    for (const CellRef& ref : sys_.members(j)) {
      Cell& c = tables_[ref.table]->at(ref.cell);
      if (c.status == CellStatus::kObserved || is_suppressed(c.status)) c.status = status;
    }
  }

  void primary() {
    for (size_t j = 0; j < sys_.size(); ++j) {
      if (sys_.status(j) != CellStatus::kObserved) continue;
      const Cell& c = sys_.cell(j);
      bool sensitive = is_sensitive(c.count, policy_);
      if (sys_.unit() == Unit::kShare) {
        sensitive = sensitive || is_sensitive(c.denominator - c.count, policy_);
      } else if (sys_.unit() == Unit::kRatio) {
        sensitive = sensitive || is_sensitive(c.denominator, policy_);
      }
      if (sensitive) hide(j, CellStatus::kPrimarySuppressed);
    }
  }

  // Lower is better: hide interior cells before margins, avoid creating new lone unknowns, hide
  // small counts before large ones; the index makes the choice deterministic.
  std::tuple<bool, size_t, int64_t, size_t> cost(size_t j) const {
    size_t lone = 0;
    for (size_t r : sys_.relations_of(j)) {
      const Relation& rel = sys_.relations()[r];
      if (!rel.exact) continue;
      size_t unknowns = unknown(rel.total) ? 1 : 0;
      for (size_t p : rel.parts) unknowns += unknown(p) ? 1 : 0;
      if (unknowns == 0) ++lone;
    }
    return {sys_.is_margin(j), lone, sys_.cell(j).count, j};
  }

  bool candidate(size_t j) const { return !unknown(j) && sys_.cell(j).count > 0; }

  std::optional<size_t> best_in(const Relation& r) const {
    std::optional<size_t> best;
    auto consider = [&](size_t j) {
      if (candidate(j) && (!best || cost(j) < cost(*best))) best = j;
    };
    consider(r.total);
    for (size_t p : r.parts) consider(p);
    return best;
  }

  void heuristic() {
    for (bool changed = true; changed;) {
      changed = false;
      for (const Relation& r : sys_.relations()) {
        if (!r.exact) continue;
        size_t unknowns = unknown(r.total) ? 1 : 0;
        for (size_t p : r.parts) unknowns += unknown(p) ? 1 : 0;
        if (unknowns != 1) continue;
        if (std::optional<size_t> partner = best_in(r)) {
          hide(*partner, CellStatus::kSecondarySuppressed);
          changed = true;
        }
      }
    }
  }

  // The best candidate in the lines of cell e; if they hold none, in the lines of the hidden cells
  // reachable from e through hidden cells, nearest first.
  std::optional<size_t> nearest_candidate(size_t e) const {
    std::vector<bool> seen(sys_.size(), false);
    std::vector<size_t> frontier{e};
    seen[e] = true;
    while (!frontier.empty()) {
      std::optional<size_t> best;
      std::vector<size_t> next;
      for (size_t j : frontier) {
        for (size_t r : sys_.relations_of(j)) {
          const Relation& rel = sys_.relations()[r];
          if (auto b = best_in(rel); b && (!best || cost(*b) < cost(*best))) best = b;
          auto visit = [&](size_t k) {
            if (!seen[k] && unknown(k)) {
              seen[k] = true;
              next.push_back(k);
            }
          };
          visit(rel.total);
          for (size_t p : rel.parts) visit(p);
        }
      }
      if (best) return best;
      frontier = std::move(next);
    }
    return std::nullopt;
  }

  const CellSystem& sys_;
  std::span<Table* const> tables_;
  const DisclosurePolicy& policy_;
};

// Not-applicable cells are decided before anything else: they carry no figure to protect.
void mark_not_applicable(Table& table) {
  for (Cell& c : table.cells()) {
    if (c.status == CellStatus::kMissing) continue;
    bool na = false;
    switch (table.unit()) {
      case Unit::kCount:
        break;
      case Unit::kRatePer100k:
      case Unit::kShare:
      case Unit::kRatio:
        na = c.denominator <= 0;
        break;
      case Unit::kMedianDays:
        na = c.count <= 0;
        break;
    }
    c.status = na ? CellStatus::kNotApplicable : CellStatus::kObserved;
    c.rounding_base = 0;
    c.value.reset();
  }
}

void publish_values(Table& table) {
  const int decimals = unit_decimals(table.unit());
  for (Cell& c : table.cells()) {
    if (c.status != CellStatus::kObserved) {
      c = Cell{0, 0, 0, c.status, 0, std::nullopt};  // nothing withheld survives in the object
      continue;
    }
    const double n = static_cast<double>(c.count), d = static_cast<double>(c.denominator);
    double v = 0;
    switch (table.unit()) {
      case Unit::kCount:
        v = n;
        break;
      case Unit::kRatePer100k:
        v = n * 100000.0 / d;
        break;
      case Unit::kShare:
        v = n * 100.0 / d;
        break;
      case Unit::kRatio:
        v = n / d;
        break;
      case Unit::kMedianDays:
        v = c.median;
        break;
    }
    c.value = round_to(v, decimals);
  }
}

}  // namespace

core::Result<ProtectionSummary> protect_linked(std::span<Table* const> tables,
                                               const DisclosurePolicy& policy) {
  HAVEN_TRY(validate_policy(policy));
  if (tables.empty()) return core::Error::invalid("No table to protect.");
  for (Table* t : tables) {
    HAVEN_TRY(check_additivity(*t));
    for (const Cell& c : t->cells()) {
      if (c.count < 0 || c.denominator < 0) {
        return core::Error::invalid("Table " + t->key().indicator + " has a negative count.");
      }
    }
    mark_not_applicable(*t);
  }
  std::vector<const Table*> view(tables.begin(), tables.end());
  auto sys = CellSystem::link(view);
  if (!sys.ok()) return sys.take_error();
  ProtectionSummary summary;
  auto rounds = Protector(*sys, tables, policy).run();
  if (!rounds.ok()) return rounds.take_error();
  summary.audit_rounds = *rounds;

  const bool round_unit = policy.rounding_base > 1 &&
                          std::find(policy.rounded_units.begin(), policy.rounded_units.end(),
                                    tables.front()->unit()) != policy.rounded_units.end();
  for (Table* t : tables) {
    for (Cell& c : t->cells()) {
      switch (c.status) {
        case CellStatus::kPrimarySuppressed:
          ++summary.primary;
          break;
        case CellStatus::kSecondarySuppressed:
          ++summary.secondary;
          break;
        case CellStatus::kNotApplicable:
          ++summary.not_applicable;
          break;
        case CellStatus::kObserved:
          if (round_unit) {
            c.count = round_to_base(c.count, policy.rounding_base);
            c.rounding_base = policy.rounding_base;
            ++summary.rounded;
          }
          break;
        case CellStatus::kMissing:
          break;
      }
    }
    publish_values(*t);
  }
  return summary;
}

core::Result<ProtectionSummary> protect(Table& table, const DisclosurePolicy& policy) {
  Table* one[] = {&table};
  return protect_linked(std::span<Table* const>(one), policy);
}

}  // namespace haven::stats
