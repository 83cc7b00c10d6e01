// Relation enumeration over a hypercube with hierarchical margins, and the merging of linked
// tables.
#include "stats/relations.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace haven::stats {

std::vector<Relation> table_relations(const Table& table) {
  std::vector<Relation> out;
  const auto& dims = table.dimensions();
  for (size_t k = 0; k < dims.size(); ++k) {
    const Dimension& d = dims[k];
    const size_t stride = table.stride(k);
    for (size_t p = 0; p < d.codes.size(); ++p) {
      std::vector<int> kids = d.children(static_cast<int>(p));
      if (kids.empty()) continue;
      for (size_t i = 0; i < table.size(); ++i) {
        if (static_cast<size_t>(table.coord(i, k)) != p) continue;
        Relation r;
        r.total = i;
        r.exact = d.kind == DimensionKind::kAdditive;
        for (int c : kids) r.parts.push_back(i - p * stride + static_cast<size_t>(c) * stride);
        out.push_back(std::move(r));
      }
    }
  }
  return out;
}

core::Status check_additivity(const Table& table) {
  if (!is_additive(table.unit())) return core::ok_status();
  for (const Relation& r : table_relations(table)) {
    int64_t sum = 0;
    int64_t largest = 0;
    for (size_t p : r.parts) {
      sum += table.at(p).count;
      largest = std::max(largest, table.at(p).count);
    }
    const int64_t total = table.at(r.total).count;
    bool ok = r.exact ? total == sum : (largest <= total && total <= sum);
    if (!ok) {
      return core::Error::invalid(
          "Table " + table.key().indicator + ": the total at " + table.describe(r.total) + " (" +
          std::to_string(total) + ") does not agree with its parts (sum " + std::to_string(sum) +
          (r.exact ? ")."
                   : ", and a multi-valued total lies between the largest part and the sum)."));
    }
  }
  return core::ok_status();
}

namespace {

// "AGE=Y0T4;SEX=F": the codes not at their dimension's root, sorted by dimension id.
std::string canonical_key(const Table& table, size_t cell) {
  std::vector<std::pair<std::string_view, std::string_view>> parts;
  const auto& dims = table.dimensions();
  for (size_t k = 0; k < dims.size(); ++k) {
    const Code& c = dims[k].codes[static_cast<size_t>(table.coord(cell, k))];
    if (c.parent >= 0) parts.emplace_back(dims[k].id, c.id);
  }
  std::sort(parts.begin(), parts.end());
  std::string key;
  for (const auto& [dim, code] : parts) {
    key.append(dim).append("=").append(code).append(";");
  }
  return key;
}

int status_strength(CellStatus s) {
  switch (s) {
    case CellStatus::kObserved:
      return 4;
    case CellStatus::kPrimarySuppressed:
      return 3;
    case CellStatus::kSecondarySuppressed:
      return 2;
    case CellStatus::kNotApplicable:
      return 1;
    case CellStatus::kMissing:
      return 0;
  }
  return 0;
}

}  // namespace

core::Result<CellSystem> CellSystem::link(std::span<const Table* const> tables) {
  if (tables.empty()) return core::Error::invalid("No tables to link.");
  CellSystem sys;
  const Table& first = *tables.front();
  std::map<std::string, size_t> by_key;
  for (size_t t = 0; t < tables.size(); ++t) {
    const Table& table = *tables[t];
    if (table.unit() != first.unit() || table.key().country != first.key().country ||
        table.key().period != first.key().period) {
      return core::Error::invalid("Tables " + first.key().indicator + " and " +
                                  table.key().indicator +
                                  " cannot be linked: unit, country or period differ.");
    }
    sys.tables_.push_back(&table);
    std::vector<size_t> joint(table.size());
    for (size_t i = 0; i < table.size(); ++i) {
      if (tables.size() == 1) {
        joint[i] = i;
        sys.members_.push_back({{t, i}});
        continue;
      }
      auto [it, inserted] = by_key.try_emplace(canonical_key(table, i), sys.members_.size());
      if (inserted) {
        sys.members_.push_back({{t, i}});
      } else {
        const CellRef other = sys.members_[it->second].front();
        const Cell& a = sys.tables_[other.table]->at(other.cell);
        const Cell& b = table.at(i);
        if (a.status == CellStatus::kObserved && b.status == CellStatus::kObserved &&
            a.count != b.count) {
          return core::Error::invalid("Linked tables disagree at " + table.describe(i) + ": " +
                                      first.key().indicator + " has " + std::to_string(a.count) +
                                      ", " + table.key().indicator + " has " +
                                      std::to_string(b.count) + ".");
        }
        sys.members_[it->second].push_back({t, i});
      }
      joint[i] = it->second;
    }
    sys.joint_.push_back(std::move(joint));
  }
  std::set<std::tuple<bool, size_t, std::vector<size_t>>> seen;
  for (size_t t = 0; t < tables.size(); ++t) {
    for (Relation r : table_relations(*tables[t])) {
      r.total = sys.joint_[t][r.total];
      for (size_t& p : r.parts) p = sys.joint_[t][p];
      std::vector<size_t> sorted = r.parts;
      std::sort(sorted.begin(), sorted.end());
      if (tables.size() > 1 && !seen.emplace(r.exact, r.total, std::move(sorted)).second) continue;
      sys.relations_.push_back(std::move(r));
    }
  }
  sys.relations_of_.assign(sys.members_.size(), {});
  for (size_t r = 0; r < sys.relations_.size(); ++r) {
    sys.relations_of_[sys.relations_[r].total].push_back(r);
    for (size_t p : sys.relations_[r].parts) sys.relations_of_[p].push_back(r);
  }
  return sys;
}

const Cell& CellSystem::cell(size_t joint) const {
  const CellRef& ref = members_[joint].front();
  return tables_[ref.table]->at(ref.cell);
}

CellStatus CellSystem::status(size_t joint) const {
  CellStatus best = CellStatus::kMissing;
  for (const CellRef& ref : members_[joint]) {
    CellStatus s = tables_[ref.table]->at(ref.cell).status;
    if (status_strength(s) > status_strength(best)) best = s;
  }
  return best;
}

bool CellSystem::is_margin(size_t joint) const {
  const CellRef& ref = members_[joint].front();
  return tables_[ref.table]->is_margin(ref.cell);
}

std::string CellSystem::describe(size_t joint) const {
  const CellRef& ref = members_[joint].front();
  return tables_[ref.table]->key().indicator + " " + tables_[ref.table]->describe(ref.cell);
}

}  // namespace haven::stats
