// SQL for child merges. Table and column names come only from kChildReferences; every value is a
// parameter.
#include "store/repositories/child_merge_repository.h"

#include <string_view>

namespace haven::store {

namespace {

constexpr const char* kChildMergeSelect =
    "SELECT id, survivor_child_id, merged_child_id, reason, moved, merged_by, merged_at, "
    "unmerged_by, unmerged_at, unmerge_reason, version FROM child_merges ";

ChildMergeRow child_merge_from_row(const Row& r) {
  ChildMergeRow m;
  m.id = r.text(0);
  m.survivor_child_id = r.text(1);
  m.merged_child_id = r.text(2);
  m.reason = r.text(3);
  m.moved = r.text(4);
  m.merged_by = r.text(5);
  m.merged_at = r.integer(6);
  m.unmerged_by = r.opt_text(7);
  m.unmerged_at = r.opt_integer(8);
  m.unmerge_reason = r.opt_text(9);
  m.version = r.integer(10);
  return m;
}

std::string key_of(const ChildReference& ref) {
  return std::string(ref.table) + "." + ref.column;
}

}  // namespace

void ChildMergeRepository::insert(Tx& tx, const ChildMergeRow& m) {
  tx.execute(
      "INSERT INTO child_merges (id, survivor_child_id, merged_child_id, reason, moved, merged_by, "
      "merged_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 1)",
      params(m.id, m.survivor_child_id, m.merged_child_id, m.reason, m.moved, m.merged_by,
             m.merged_at));
}

std::optional<ChildMergeRow> ChildMergeRepository::find(Tx& tx, const std::string& id) {
  auto r = tx.query_one(std::string(kChildMergeSelect) + "WHERE id = $1", params(id));
  if (!r) return std::nullopt;
  return child_merge_from_row(*r);
}

bool ChildMergeRepository::mark_unmerged(Tx& tx, const std::string& id, const std::string& by,
                                         int64_t at, const std::string& reason,
                                         int64_t expected_version) {
  return tx.execute(
             "UPDATE child_merges SET unmerged_by = $2, unmerged_at = $3, unmerge_reason = $4, "
             "version = version + 1 WHERE id = $1 AND version = $5 AND unmerged_at IS NULL",
             params(id, by, at, reason, expected_version)) > 0;
}

MovedRows ChildMergeRepository::rows_of(Tx& tx, const std::string& child_id,
                                        const std::string& survivor_id) {
  MovedRows out;
  for (const ChildReference& ref : kChildReferences) {
    std::string sql = std::string("SELECT id FROM ") + ref.table + " WHERE " + ref.column + " = $1";
    const bool relationship = !std::string_view(ref.other).empty();
    if (relationship)
      sql += std::string(" AND (") + ref.other + " IS NULL OR " + ref.other + " <> $2)";
    sql += " ORDER BY id";
    auto& ids = out[key_of(ref)];
    for (const Row& r :
         tx.query(sql, relationship ? params(child_id, survivor_id) : params(child_id)))
      ids.push_back(r.text(0));
  }
  return out;
}

MovedRows ChildMergeRepository::repoint(Tx& tx, const MovedRows& rows,
                                        const std::string& from_child, const std::string& to_child,
                                        int64_t now) {
  MovedRows moved;
  for (const ChildReference& ref : kChildReferences) {
    const std::string key = key_of(ref);
    auto& done = moved[key];
    auto it = rows.find(key);
    if (it == rows.end()) continue;
    std::string sql = std::string("UPDATE ") + ref.table + " SET " + ref.column + " = $1";
    if (ref.versioned) sql += ", version = version + 1, updated_at = $4";
    sql += std::string(" WHERE id = $2 AND ") + ref.column + " = $3";
    for (const std::string& id : it->second) {
      const Params p =
          ref.versioned ? params(to_child, id, from_child, now) : params(to_child, id, from_child);
      if (tx.execute(sql, p) > 0) done.push_back(id);
    }
  }
  return moved;
}

bool ChildMergeRepository::set_merged_into(Tx& tx, const std::string& child_id,
                                           const std::optional<std::string>& merged_into,
                                           int64_t expected_version, int64_t now) {
  return tx.execute(
             "UPDATE children SET merged_into = $2, version = version + 1, updated_at = $3 "
             "WHERE id = $1 AND version = $4",
             params(child_id, merged_into, now, expected_version)) > 0;
}

bool ChildMergeRepository::touch_child(Tx& tx, const std::string& child_id,
                                       int64_t expected_version, int64_t now) {
  return tx.execute(
             "UPDATE children SET version = version + 1, updated_at = $2 WHERE id = $1 AND "
             "version = $3",
             params(child_id, now, expected_version)) > 0;
}

}  // namespace haven::store
