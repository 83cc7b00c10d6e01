// The review queue of likely duplicate children as rows (table duplicate_candidates, migration
// 0010): `haven dedupe` writes pairs, supervisors list them and dismiss or merge them. A pair is
// stored once, its ids in byte order (child_a_id < child_b_id). Every function runs inside the
// caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct DuplicateCandidateRow {
  std::string id;
  std::string child_a_id;
  std::string child_b_id;
  double weight = 0;
  double probability = 0;
  std::string explanation;
  std::string status = "open";  // open | dismissed | merged
  int64_t found_at = 0;
  std::optional<std::string> decided_by;
  std::optional<int64_t> decided_at;
  int64_t version = 1;
};

// What a reviewer compares of each child of a pair.
struct DuplicateChildRow {
  std::string id;
  std::string given_names;
  std::string family_names;
  std::string sex;
  std::optional<std::string> birth_date;
  bool birth_date_estimated = false;
  std::optional<std::string> merged_into;
  int64_t version = 0;
  int64_t created_at = 0;
  int64_t cases = 0;
};

struct DuplicateCandidateQuery {
  std::string agency_id;  // both children of this agency
  std::string status = "open";
  int limit = 50;
  int offset = 0;
};

class DuplicateCandidateRepository {
 public:
  static std::optional<DuplicateCandidateRow> find(Tx& tx, const std::string& id);
  static std::optional<DuplicateCandidateRow> find_pair(Tx& tx, const std::string& child_a_id,
                                                        const std::string& child_b_id);
  static void insert(Tx& tx, const DuplicateCandidateRow& row);
  // Refreshes the score of an open pair found again; decided pairs are left as they are.
  static bool refresh(Tx& tx, const DuplicateCandidateRow& row);
  // Sets the status of a pair with the decider; false on a stale version.
  static bool decide(Tx& tx, const std::string& id, const std::string& status,
                     const std::string& by, int64_t at, int64_t expected_version);
  // Most likely first; pairs with a merged child are left out of the open queue.
  static std::vector<DuplicateCandidateRow> list(Tx& tx, const DuplicateCandidateQuery& query);
  static int64_t count(Tx& tx, const DuplicateCandidateQuery& query);
  // The children with these ids (one query), in no particular order.
  static std::vector<DuplicateChildRow> children(Tx& tx, const std::vector<std::string>& ids);
  // Ids of the children that have been merged into another.
  static std::vector<std::string> merged_children(Tx& tx);
};

}  // namespace haven::store
