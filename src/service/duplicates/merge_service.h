// Merging a child registered twice into one record, and un-merging it ([S1] item 4). A supervisor
// merges the duplicate (the merged child) into the record that stays (the survivor): in one
// transaction the merged child's cases, reports, relationships and identity numbers are re-pointed
// to the survivor, the merged child is marked merged_into the survivor, the ids of the moved rows
// are kept with the merge (child_merges.moved), both children get history rows, the review queue's
// pair turns "merged", and the merge is audited. Un-merging moves exactly those rows back.
// The name index follows by itself: the children trigger feeds child_changes (migration 0009).
// Thread-safe (holds only references).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "security/policy.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "service/record_history.h"
#include "store/database.h"

namespace haven::service {

struct MergeRequest {
  std::string survivor_child_id;
  std::string merged_child_id;
  std::string reason;
  // The versions the supervisor saw; a child changed since is a conflict. nullopt: not checked
  // (the operator at the command line).
  std::optional<int64_t> survivor_version;
  std::optional<int64_t> merged_child_version;
};

struct MergeView {
  std::string id;
  std::string survivor_child_id;
  std::string merged_child_id;
  std::string reason;
  std::map<std::string, std::vector<std::string>> moved;  // row ids by "table.column"
  std::string merged_by;
  int64_t merged_at = 0;
  std::optional<std::string> unmerged_by;
  std::optional<int64_t> unmerged_at;
  std::optional<std::string> unmerge_reason;
  int64_t version = 1;
};

// The policy's view of a child, as ChildService describes it: owning agency and its country, and
// the worker of the child's newest case. nullopt if there is no such child.
std::optional<security::Resource> child_resource(store::Tx& tx, const std::string& child_id);

// Asks the policy for child.merge on one child (the operator at the command line is allowed).
// kNotFound for a malformed id, a missing child, or another agency's child; kForbidden with the
// policy's reason otherwise. Never call inside a transaction (a denial is audited).
core::Status authorize_merge(store::Database& db, AccessService& access, const Actor& actor,
                             const std::string& child_id);

class MergeService {
 public:
  MergeService(store::Database& db, const core::Clock& clock, AccessService& access,
               AuditService& audit, RecordHistory& history)
      : db_(db), clock_(clock), access_(access), audit_(audit), history_(history) {}

  // Needs child.merge on both children (supervisors, within their agency); a child of another
  // agency is kNotFound. Refused with kConflict: merging a child into itself, into a merged child,
  // a child already merged, a stale version. kInvalidInput without a reason (3–2000 characters).
  core::Result<MergeView> merge(const MergeRequest& request, const Actor& actor);

  // Moves back exactly the rows the merge moved and clears merged_into. Refused with kConflict:
  // a merge already undone, a stale `version` of the merge, a survivor merged into another child
  // since (undo that merge first).
  core::Result<MergeView> unmerge(const std::string& merge_id, const std::string& reason,
                                  std::optional<int64_t> version, const Actor& actor);

  // One merge, for a supervisor who may merge both children.
  core::Result<MergeView> get(const std::string& merge_id, const Actor& actor);

 private:
  core::Status authorize_child(const Actor& actor, const std::string& child_id) {
    return authorize_merge(db_, access_, actor, child_id);
  }

  store::Database& db_;
  const core::Clock& clock_;
  AccessService& access_;
  AuditService& audit_;
  RecordHistory& history_;
};

}  // namespace haven::service
