// The attacker: what an outsider can learn about suppressed cells from everything else a release
// publishes — values, margins, totals, rounding — by solving the linear relations among them. The
// disclosure control runs it on its own output and stops only when it fails; tests run it on every
// table. It sees only what is published: counts of observed cells, never those of suppressed ones.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "stats/relations.h"
#include "stats/table.h"

namespace haven::stats {

enum class AttackMethod {
  // Interval constraint propagation: each relation narrows each unknown's [lo, hi] from the others'
  // bounds, to a fixed point. Finds every line with a single unknown and chains of them. Outer
  // bounds.
  kPropagation,
  // Linear programming: the exact smallest and largest value of each suppressed cell over all
  // non-negative tables consistent with the release (then rounded inward to integers). Catches
  // combinations of rows and columns that propagation misses. The strongest attacker here.
  kLinearProgram,
};

struct AttackOptions {
  AttackMethod method = AttackMethod::kLinearProgram;
  // A suppressed cell whose feasible integer range [lo, hi] is narrower than this (hi - lo < width)
  // counts as exposed; 1 means only exact recovery.
  int64_t protection_interval = 1;
  // false: stop on a cell as soon as two consistent tables are found whose values for it differ by
  // at least protection_interval (then lower/upper are attained values, not the extremes). Faster;
  // used inside disclosure control. Exposure verdicts are the same.
  bool exact_bounds = true;
};

struct CellBounds {
  size_t table = 0;  // index of the table among those attacked
  size_t cell = 0;   // index of the cell in that table
  int64_t lower = 0;
  std::optional<int64_t> upper;  // nullopt: no upper bound at all
  bool exposed = false;
};

struct RecoveryReport {
  std::vector<CellBounds> cells;  // every suppressed cell, tables in order, cells in order
  bool consistent = true;         // false: the published figures contradict each other
  bool complete = true;           // false: the solver gave up on some cell (marked exposed)
  size_t exposed_count() const;
};

// Attacks one published table.
RecoveryReport recover_suppressed(const Table& published, const AttackOptions& options = {});
// Attacks tables about the same children together (see CellSystem): shared margins are one unknown.
RecoveryReport recover_suppressed(std::span<const Table* const> linked,
                                  const AttackOptions& options = {});

// Per joint cell of a system: the attacker's verdict on each suppressed one (others are absent).
struct JointBounds {
  size_t joint = 0;
  int64_t lower = 0;
  std::optional<int64_t> upper;
  bool exposed = false;
};
struct SystemAttack {
  std::vector<JointBounds> cells;
  bool consistent = true;
  bool complete = true;
};
SystemAttack attack_system(const CellSystem& system, const AttackOptions& options);

}  // namespace haven::stats
