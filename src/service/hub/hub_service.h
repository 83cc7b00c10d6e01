// The regional hub ([R1], [X1]; `haven serve --mode regional`): what it accepts from national
// instances and what it gives back. It holds no personal data — statistics releases that passed
// their disclosure check, and linkage encodings nobody can read without the countries' secret.
//
// Nobody signs in to the hub: every submission carries a detached signature
// (exchange/detached_signature.h) by an authority on the hub's trust list (the trust.toml of its
// exchange folder, re-read on every submission so `haven exchange trust add` needs no restart).
// Each method checks, then writes in one transaction with its audit event; a refusal stores
// nothing and is audited (`hub.release.refuse`, `hub.linkage.refuse`) with its reason code.
//
// Thread-safety: methods may be called from any request thread; the catalogue and disclosure
// policies are loaded once, under a mutex, on first use.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/audit_service.h"
#include "store/database.h"
#include "store/repositories/hub_release_repository.h"

namespace haven::stats {
struct Catalogue;
}

namespace haven::service {

class DisclosureSettings;

struct HubOptions {
  std::string trust_file = "var/exchange/trust.toml";       // partner authorities allowed to send
  std::string indicators_dir = "config/indicators";         // the catalogue releases follow
  std::string disclosure_dir = "config/policy/disclosure";  // the policy each country is checked by
  double linkage_threshold = 0.77;                          // Dice, as docs/LINKAGE.md
  unsigned linkage_threads = 2;
};

// The hub's answer: a value, or a refusal with a machine-readable reason ("unknown_authority",
// "bad_signature", "digest_mismatch", "malformed", "malformed_sdmx", "mismatch",
// "disclosure_check", "superseded", "stale", "no_upload", "incomparable") and the error to show.
template <class T>
struct HubAnswer {
  std::optional<T> value;
  std::string reason;
  core::Error error;
  bool ok() const { return value.has_value(); }
  static HubAnswer refused(std::string reason, core::Error error) {
    return HubAnswer{std::nullopt, std::move(reason), std::move(error)};
  }
};

// What the hub returns to one country for a pair of uploads: its own references only.
struct HubLink {
  std::string link;    // 16 hex digits, shared with the partner's row of the same pair
  std::string record;  // 16 hex digits: the caller's own record reference
};

struct HubUploadReceipt {
  std::string upload_id;
  std::string country;
  int64_t records = 0;
  std::string key_fingerprint;  // 16 hex digits
};

struct HubPairs {
  std::string run_id;
  std::string country;  // the caller
  std::string partner;  // the other country
  std::vector<HubLink> links;
};

class HubService {
 public:
  HubService(store::Database& db, const core::Clock& clock, AuditService& audit,
             HubOptions options);
  ~HubService();

  // A statistics release: `signature_json` is the detached signature (kind "statistics-release",
  // subject = the period) over the exact bytes of `sdmx_csv`. Checks, in order: the signature's
  // form (malformed), signer on the trust list (unknown_authority), digest (digest_mismatch) and
  // signature (bad_signature); the CSV as SDMX of the catalogue's structure (malformed_sdmx); every
  // row of the signer's country and the signed period (mismatch); the disclosure check re-run with
  // the country's policy — primary suppression and the recovery attacker (disclosure_check); no
  // version of that country and period prepared at the same time or later already held
  // (superseded). Accepted: stored as the next release_version.
  HubAnswer<store::HubReleaseRow> submit_release(std::string_view signature_json,
                                                 std::string_view sdmx_csv,
                                                 const std::string& request_id);

  // Stored releases, newest first (without their text), or the latest version of each country and
  // period (with it).
  core::Result<std::vector<store::HubReleaseRow>> list_releases(const store::ReleaseQuery& query);
  core::Result<std::vector<store::HubReleaseRow>> latest_releases(const store::ReleaseQuery& query);
  core::Result<store::HubReleaseRow> release(const std::string& id);

  // A country's linkage encodings (the file of `haven link encode`), signed as "linkage-upload"
  // within the last hour. Replaces the country's previous upload and every run made with it. Its
  // encodings are deleted as soon as a match run has used them (pairs()); the row stays.
  HubAnswer<HubUploadReceipt> upload_encodings(std::string_view signature_json,
                                               std::string_view encodings,
                                               const std::string& request_id);

  // The caller's side of the match between its latest upload and `partner`'s: the signature (kind
  // "linkage-pairs", subject = the partner's country code, over empty content) must be fresh (5
  // minutes). The first request for a pair of uploads runs the match (blocking, Dice, one-to-one
  // assignment), stores both countries' sides and deletes the two uploads' encodings in the same
  // transaction; later ones read the stored sides. An upload already used by a run with another
  // partner is refused (no_upload): the country uploads again.
  HubAnswer<HubPairs> pairs(std::string_view signature_json, const std::string& request_id);

 private:
  struct Config;
  core::Result<const Config*> config();
  void audit_refusal(const std::string& action, const std::string& reason,
                     const std::string& message, const std::string& country,
                     const std::string& authority, const std::string& subject,
                     const std::string& request_id);

  store::Database& db_;
  const core::Clock& clock_;
  AuditService& audit_;
  HubOptions options_;
  std::mutex config_mutex_;
  std::unique_ptr<Config> config_;
};

}  // namespace haven::service
