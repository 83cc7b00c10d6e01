// The national side of privacy-preserving linkage ([X1]): every child of this instance becomes one
// keyed Bloom-filter encoding under a fresh random record reference, and the map from references
// back to children stays here, in the database (linkage_exports, linkage_refs), so only this
// instance can resolve a match. The encoder, the file format and the matcher are in src/linkage/.
// Thread-safety: holds only references; one encode at a time per process is what the CLI does.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "linkage/encoding_set.h"
#include "linkage/linkage_secret.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "store/database.h"

namespace haven::search {
class NameNormalizer;
}

namespace haven::service {

// One encoding run, ready to be written to a file and then recorded.
struct LinkageExport {
  linkage::EncodingSet set;
  std::vector<std::string> child_ids;  // child_ids[i] is the child behind set.ref(i)
  uint64_t children = 0;               // children read (not merged into another)
  uint64_t skipped = 0;                // children with no usable name: not encoded
};

class LinkageService {
 public:
  LinkageService(store::Database& db, const core::Clock& clock, AuditService& audit);
  ~LinkageService();

  // Reads every child not merged into another, normalizes the names the way search does
  // (search::NameNormalizer, primary Latin spelling of each word), and encodes name, birth date and
  // sex with the secret (salt: the sex). Writes nothing. `progress(done, total)` is called now and
  // then. Errors: kUnavailable (database).
  core::Result<LinkageExport> encode_all(const linkage::LinkageSecret& secret,
                                         const std::function<void(uint64_t, uint64_t)>& progress);

  // Stores the reference map of `exported` and one audit event (linkage.encode: counts and the
  // key fingerprint, no name) in one transaction; returns the export's id. Call once the encoding
  // file is safely written. The operator's batch job: a signed-in user is kForbidden.
  core::Result<std::string> record(const LinkageExport& exported, const Actor& actor);

  // The child behind each of `refs` ("0123456789abcdef", as `haven link match` writes them) in the
  // most recent export that holds it; an unknown reference is left out.
  core::Result<std::vector<std::pair<std::string, std::string>>> resolve(
      const std::vector<std::string>& refs);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  AuditService& audit_;
  std::unique_ptr<search::NameNormalizer> normalizer_;  // created on first use (ICU is slow)
};

// 16 lower-case hex digits: how record references appear outside the binary file.
std::string ref_hex(uint64_t ref);

}  // namespace haven::service
