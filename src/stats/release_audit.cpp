// Grouping a release's count tables by cube and running the small-count rule and the attacker on
// what was published.
#include "stats/release_audit.h"

#include <map>
#include <tuple>

#include "stats/recovery.h"

namespace haven::stats {

std::vector<AuditFinding> audit_release(std::span<const Table> tables, const Catalogue& catalogue,
                                        const DisclosurePolicy& policy) {
  std::vector<AuditFinding> findings;
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<const Table*>> cubes;
  for (const Table& t : tables) {
    if (t.unit() != Unit::kCount) continue;
    for (size_t i = 0; i < t.size(); ++i) {
      const Cell& c = t.at(i);
      if (c.status == CellStatus::kObserved && is_sensitive(c.count, policy)) {
        findings.push_back({t.key(), t.describe(i),
                            "a count of " + std::to_string(c.count) +
                                " is published; counts from 1 to " +
                                std::to_string(policy.min_count - 1) + " must be suppressed."});
      }
    }
    const Indicator* ind = catalogue.find(t.key().indicator);
    const std::string cube = ind && !ind->cube.empty() ? ind->cube : t.key().indicator;
    cubes[{t.key().country, t.key().period, cube}].push_back(&t);
  }
  AttackOptions options;
  options.protection_interval = policy.protection_interval;
  options.exact_bounds = false;
  for (const auto& [key, group] : cubes) {
    RecoveryReport report = recover_suppressed(std::span<const Table* const>(group), options);
    if (!report.consistent) {
      findings.push_back({group.front()->key(), "",
                          "the published figures of cube " + std::get<2>(key) +
                              " contradict each other (margins do not add up)."});
      continue;
    }
    for (const CellBounds& b : report.cells) {
      if (!b.exposed) continue;
      const Table& t = *group[b.table];
      findings.push_back({t.key(), t.describe(b.cell),
                          "the withheld cell can be narrowed from the published margins to " +
                              std::to_string(b.lower) + "–" +
                              (b.upper ? std::to_string(*b.upper) : std::string("∞")) + "."});
    }
  }
  return findings;
}

}  // namespace haven::stats
