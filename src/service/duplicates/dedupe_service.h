// The review queue of likely duplicate children ([S1] item 4): `haven dedupe` scans the name
// index and hands its pairs to record_pairs(), which writes them to duplicate_candidates in one
// transaction, audited as one event with counts (a pair already dismissed or merged stays as
// decided; an open one found again gets its new score). Supervisors list the pairs of their agency
// with both records side by side, and dismiss a pair or merge it (MergeService marks it merged).
// Thread-safe (holds only references).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "store/database.h"

namespace haven::service {

// One pair from the scan, as search::DuplicatePair gives it (service callers need not include
// the index).
struct DuplicatePairInput {
  std::string first, second;  // child ids, in any order
  double weight = 0;          // match weight in bits
  double probability = 0;
  std::string explanation;  // "family name agrees after transliteration; …"
};

// What the scan did, for the audit event.
struct DedupeRun {
  uint64_t children = 0;
  uint64_t pairs_compared = 0;
  double min_probability = 0;
  double seconds = 0;
};

struct DedupeWriteSummary {
  uint64_t pairs = 0;           // handed in
  uint64_t queued = 0;          // new open pairs
  uint64_t refreshed = 0;       // open pairs found again
  uint64_t kept_decided = 0;    // dismissed or merged before: left as decided
  uint64_t skipped_merged = 0;  // a child already merged into another
};

// A child of a pair, as the reviewer compares them.
struct DuplicateChild {
  std::string id;
  std::string given_names;
  std::string family_names;
  std::string sex;
  std::optional<std::string> birth_date;
  bool birth_date_estimated = false;
  std::optional<std::string> merged_into;
  int64_t cases = 0;  // cases of this child
  int64_t version = 0;
  int64_t created_at = 0;
};

struct DuplicateCandidate {
  std::string id;
  DuplicateChild a, b;
  double weight = 0;
  double probability = 0;
  std::string explanation;
  std::string status;  // open | dismissed | merged
  int64_t found_at = 0;
  std::optional<std::string> decided_by;
  std::optional<int64_t> decided_at;
  int64_t version = 1;
};

struct DuplicateListOptions {
  std::string status = "open";
  int limit = 50;  // 1–200
  int offset = 0;
};

struct DuplicatePage {
  std::vector<DuplicateCandidate> candidates;  // most likely first
  int64_t total = 0;                           // in the queue, whatever the page
  std::optional<int> next_offset;
};

class DedupeService {
 public:
  DedupeService(store::Database& db, const core::Clock& clock, AccessService& access,
                AuditService& audit)
      : db_(db), clock_(clock), access_(access), audit_(audit) {}

  // Writes the pairs of one scan to the queue. The batch job of the operator (Actor::cli()); a
  // signed-in user is kForbidden. kInvalidInput for a pair naming one child twice or no child.
  core::Result<DedupeWriteSummary> record_pairs(const std::vector<DuplicatePairInput>& pairs,
                                                const DedupeRun& run, const Actor& actor);

  // The queue of the supervisor's agency (pairs whose two children both belong to it). Needs
  // child.merge; the look-up is audited.
  core::Result<DuplicatePage> list(const Actor& actor, const DuplicateListOptions& options);

  // Marks an open pair as not a duplicate. kConflict if it was already decided or `version` is
  // stale; kNotFound for another agency's pair.
  core::Result<DuplicateCandidate> dismiss(const Actor& actor, const std::string& candidate_id,
                                           std::optional<int64_t> version);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  AccessService& access_;
  AuditService& audit_;
};

}  // namespace haven::service
