// The linear relations a published table gives away: each total equals the sum of its children
// (inequalities for multi-valued dimensions). Tables that describe the same children (two
// breakdowns of one count sharing their margins) are merged into one CellSystem, so protection and
// attack see every relation an outsider could combine.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "stats/table.h"

namespace haven::stats {

struct Relation {
  size_t total = 0;           // the parent cell
  std::vector<size_t> parts;  // its children along one dimension, the other coordinates fixed
  // true: total == sum(parts). false (multi-valued dimension): part <= total <= sum(parts).
  bool exact = true;
};

// Every relation of one table: for each dimension, each non-leaf code, each combination of the
// other dimensions' codes (margins included), so 1-D lines, 2-D margins, n-D crossings and every
// level of a hierarchy are all covered.
std::vector<Relation> table_relations(const Table& table);

// The counts of a table satisfy its relations; the message names the first total that does not.
core::Status check_additivity(const Table& table);

struct CellRef {
  size_t table = 0;
  size_t cell = 0;
};

// Cells of one or more tables merged into joint cells: two cells are the same quantity when their
// tables are linked (same unit, country and period; the caller links only tables about the same
// children) and they name the same codes for every dimension not at its total. Relations are
// deduplicated. Holds pointers to the tables, which must outlive it.
class CellSystem {
 public:
  // Errors when the tables do not share unit, country and period, or when two published members of
  // one joint cell disagree on their count.
  static core::Result<CellSystem> link(std::span<const Table* const> tables);

  size_t size() const { return members_.size(); }
  size_t table_count() const { return tables_.size(); }
  const Table& table(size_t t) const { return *tables_[t]; }
  Unit unit() const { return tables_.front()->unit(); }

  const std::vector<Relation>& relations() const { return relations_; }
  // Indices into relations() of the relations a joint cell takes part in.
  const std::vector<size_t>& relations_of(size_t joint) const { return relations_of_[joint]; }
  const std::vector<CellRef>& members(size_t joint) const { return members_[joint]; }
  size_t joint_of(size_t table, size_t cell) const { return joint_[table][cell]; }

  // The first member stands for the joint cell; status() merges the members' statuses (published if
  // any member publishes it, else the strongest suppression).
  const Cell& cell(size_t joint) const;
  CellStatus status(size_t joint) const;
  bool is_margin(size_t joint) const;
  std::string describe(size_t joint) const;

 private:
  std::vector<const Table*> tables_;
  std::vector<std::vector<CellRef>> members_;
  std::vector<std::vector<size_t>> joint_;
  std::vector<Relation> relations_;
  std::vector<std::vector<size_t>> relations_of_;
};

}  // namespace haven::stats
