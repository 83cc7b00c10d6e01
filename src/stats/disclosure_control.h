// Disclosure control: what makes a table safe to leave a national instance. Primary suppression of
// small counts, secondary suppression until the attacker (recovery.h) can no longer pin or narrow
// any suppressed cell from the margins, optional rounding, and the published values computed last
// from what survived. After protect() a table holds nothing a policy says to withhold.
//
// Secondary suppression, in two stages:
//  1. The classic heuristic: every exact relation (a row, column or hierarchy line of the cube, in
//     any dimension) holding exactly one unknown cell gets a partner: the published non-zero cell
//     of that line that is not a margin, would leave the fewest other lines with a lone unknown,
//     and is smallest — repeated to a fixed point.
//  2. Audit: the linear-programming attacker runs on the result. Every suppressed cell whose
//     feasible range is narrower than policy.protection_interval (patterns the line rule cannot
//     see: bridges between suppression cycles in 2-D, combinations in 3-D and more, ranges made
//     narrow by non-negativity) gets one more partner from one of its lines; then stage 1 again,
//     until the attacker fails everywhere. The loop ends because each round hides at least one
//     more cell, and a cube with every non-zero cell hidden has no narrow range left.
// Limits: the attacker is the LP relaxation, so bounds are those of non-negative real tables; an
// attacker enumerating integer tables can in rare 3-D+ patterns be sharper. The pattern is good,
// not optimal: no minimal-loss guarantee, unlike a full integer programme (tau-ARGUS "Optimal").
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"
#include "stats/table.h"

namespace haven::stats {

struct DisclosurePolicy {
  // Counts 1 … min_count-1 are confidential (the usual rule: 1–4); 0 or 1 turns this off.
  int64_t min_count = 5;
  // A zero can disclose too ("no child in this group"); off by default.
  bool zero_is_sensitive = false;
  // The attacker's integer range for every suppressed cell must be at least this wide (hi - lo).
  // Default 5, the threshold: no hidden cell can be narrowed to fewer than six possible counts.
  int64_t protection_interval = 5;
  // false only to show what an attacker recovers without it (tests); never in production.
  bool secondary_suppression = true;
  // 0: no rounding. b > 1: published counts of the units below rounded half-up to a multiple of b
  // (conventional rounding; 5 as Eurostat does for migration counts). Values derived from a count
  // (rates) are computed from the rounded count, so they do not reveal the exact one.
  int64_t rounding_base = 0;
  std::vector<Unit> rounded_units = {Unit::kCount, Unit::kRatePer100k};
};

core::Status validate_policy(const DisclosurePolicy& policy);

// Is this count confidential by itself under the policy?
bool is_sensitive(int64_t count, const DisclosurePolicy& policy);

// Conventional rounding, half up, to a multiple of base (base > 1; counts are non-negative).
int64_t round_to_base(int64_t count, int64_t base);

struct ProtectionSummary {
  size_t primary = 0;         // cells hidden for themselves
  size_t secondary = 0;       // cells hidden to protect others
  size_t not_applicable = 0;  // cells with no possible figure
  size_t rounded = 0;         // published cells whose count was rounded
  size_t audit_rounds = 0;    // attacker runs it took
};

// Protects one table in place. Its counts must be consistent (check_additivity); cells with status
// kMissing stay missing, every other status is recomputed.
core::Result<ProtectionSummary> protect(Table& table, const DisclosurePolicy& policy);

// Protects tables about the same children together (two breakdowns of one count, sharing margins),
// so a cell hidden in one is hidden in all and the attacker gains nothing by combining them.
core::Result<ProtectionSummary> protect_linked(std::span<Table* const> tables,
                                               const DisclosurePolicy& policy);

}  // namespace haven::stats
