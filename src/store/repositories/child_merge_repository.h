// Merges of duplicate child records as rows (table child_merges, migration 0010), and the SQL that
// re-points a merged child's rows to the survivor and back. Which tables hold a child is listed
// once here (kChildReferences), so merge and un-merge cannot disagree about it. Deciding who may
// merge is MergeService's work. Every function runs inside the caller's transaction.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

// One column that points at a child. `other` names the column at the other end of a
// relationship: a row linking the two children being merged is left alone (re-pointing it would
// tie the survivor to itself).
struct ChildReference {
  const char* table;
  const char* column;
  bool versioned;     // the table has version / updated_at, bumped when a row moves
  const char* other;  // "" or the column that must not already hold the survivor
};
inline constexpr std::array<ChildReference, 6> kChildReferences = {{
    {"cases", "child_id", true, ""},
    {"barnahus_cases", "child_id", true, ""},
    {"reports", "child_id", true, ""},
    {"relationships", "from_child_id", true, "to_child_id"},
    {"relationships", "to_child_id", true, "from_child_id"},
    {"identity_numbers", "child_id", false, ""},
}};

// Moved row ids by "table.column" (a key of kChildReferences).
using MovedRows = std::map<std::string, std::vector<std::string>>;

struct ChildMergeRow {
  std::string id;
  std::string survivor_child_id;
  std::string merged_child_id;
  std::string reason;
  std::string moved = "{}";  // JSON of MovedRows
  std::string merged_by;
  int64_t merged_at = 0;
  std::optional<std::string> unmerged_by;
  std::optional<int64_t> unmerged_at;
  std::optional<std::string> unmerge_reason;
  int64_t version = 1;
};

class ChildMergeRepository {
 public:
  static void insert(Tx& tx, const ChildMergeRow& row);
  static std::optional<ChildMergeRow> find(Tx& tx, const std::string& id);
  // Records the un-merge; false if the version is not `expected_version` (nothing changes).
  static bool mark_unmerged(Tx& tx, const std::string& id, const std::string& by, int64_t at,
                            const std::string& reason, int64_t expected_version);

  // The rows pointing at `child_id` in every table of kChildReferences, except relationships
  // between it and `survivor_id`.
  static MovedRows rows_of(Tx& tx, const std::string& child_id, const std::string& survivor_id);
  // Re-points the listed rows from `from_child` to `to_child` (only rows still pointing at
  // `from_child`); bumps their version. Returns the rows actually moved.
  static MovedRows repoint(Tx& tx, const MovedRows& rows, const std::string& from_child,
                           const std::string& to_child, int64_t now);

  // Sets or clears children.merged_into and bumps the child's version; false on a stale version.
  static bool set_merged_into(Tx& tx, const std::string& child_id,
                              const std::optional<std::string>& merged_into,
                              int64_t expected_version, int64_t now);
  // Bumps the version of a child whose record changed by a merge; false on a stale version.
  static bool touch_child(Tx& tx, const std::string& child_id, int64_t expected_version,
                          int64_t now);
};

}  // namespace haven::store
