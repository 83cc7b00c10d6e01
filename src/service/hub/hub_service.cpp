// The regional hub's checks and storage: signed releases re-checked for disclosure before they are
// kept, and linkage uploads matched pairwise with only each country's own references returned.
#include "service/hub/hub_service.h"

#include <sodium.h>

#include <array>
#include <ctime>
#include <nlohmann/json.hpp>

#include "core/country.h"
#include "core/id.h"
#include "exchange/detached_signature.h"
#include "exchange/package.h"
#include "exchange/trust_list.h"
#include "linkage/country_links.h"
#include "linkage/encoding_set.h"
#include "linkage/matcher.h"
#include "service/linkage/linkage_service.h"
#include "service/stats/disclosure_settings.h"
#include "stats/catalogue_loader.h"
#include "stats/indicator_catalogue.h"
#include "stats/period.h"
#include "stats/release_audit.h"
#include "stats/sdmx_csv.h"

namespace haven::service {

namespace {

constexpr const char* kReleaseKind = "statistics-release";
constexpr const char* kUploadKind = "linkage-upload";
constexpr const char* kPairsKind = "linkage-pairs";
constexpr int64_t kUploadMaxAgeMs = 60 * 60 * 1000;  // an upload is signed when it is sent
constexpr int64_t kPairsMaxAgeMs = 5 * 60 * 1000;    // so is a request for pairs
constexpr size_t kMaxFindingsShown = 20;

core::Error refusal_error(exchange::SignatureProblem problem, std::string message) {
  return problem == exchange::SignatureProblem::kWrongKind
             ? core::Error::invalid(std::move(message))
             : core::Error::forbidden(std::move(message));
}

std::string iso_time(int64_t ms) {
  const std::time_t s = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

struct HubService::Config {
  stats::Catalogue catalogue;
  stats::DataStructure structure;
  DisclosureSettings disclosure;
};

HubService::HubService(store::Database& db, const core::Clock& clock, AuditService& audit,
                       HubOptions options)
    : db_(db), clock_(clock), audit_(audit), options_(std::move(options)) {}

HubService::~HubService() = default;

core::Result<const HubService::Config*> HubService::config() {
  std::lock_guard lock(config_mutex_);
  if (config_) return config_.get();
  auto catalogue = stats::load_catalogue(options_.indicators_dir);
  if (!catalogue.ok()) return catalogue.take_error();
  auto disclosure = DisclosureSettings::load(options_.disclosure_dir);
  if (!disclosure.ok()) return disclosure.take_error();
  auto c = std::make_unique<Config>();
  c->catalogue = std::move(catalogue).value();
  c->structure = c->catalogue.data_structure();
  c->disclosure = std::move(disclosure).value();
  config_ = std::move(c);
  return config_.get();
}

void HubService::audit_refusal(const std::string& action, const std::string& reason,
                               const std::string& message, const std::string& country,
                               const std::string& authority, const std::string& subject,
                               const std::string& request_id) {
  // What the submission claimed, unverified, beside the reason: the operator's trail of refusals.
  const nlohmann::json details{{"reason", reason},
                               {"message", message},
                               {"country", country},
                               {"authority", authority},
                               {"subject", subject}};
  (void)audit_.append({authority.empty() ? "unknown" : authority, "", "", action, "hub", country,
                       "regional_hub", "failure", request_id, details.dump()});
}

HubAnswer<store::HubReleaseRow> HubService::submit_release(std::string_view signature_json,
                                                           std::string_view sdmx_csv,
                                                           const std::string& request_id) {
  using Answer = HubAnswer<store::HubReleaseRow>;
  const std::string action = "hub.release.refuse";
  auto sig = exchange::DetachedSignature::parse(signature_json);
  if (!sig.ok()) {
    audit_refusal(action, "malformed", sig.error().message, "", "", "", request_id);
    return Answer::refused("malformed", sig.error());
  }
  auto refuse = [&](std::string reason, core::Error error) {
    audit_refusal(action, reason, error.message, sig->country, sig->authority, sig->subject,
                  request_id);
    return Answer::refused(std::move(reason), std::move(error));
  };

  auto trust = exchange::TrustList::load(options_.trust_file);
  if (!trust.ok()) return Answer::refused("unavailable", trust.error());
  const auto verified = exchange::verify_detached(*sig, kReleaseKind, sdmx_csv, *trust);
  if (verified.problem != exchange::SignatureProblem::kNone)
    return refuse(std::string(exchange::signature_problem_code(verified.problem)),
                  refusal_error(verified.problem, verified.message));

  auto period = stats::parse_period(sig->subject);
  if (!period.ok())
    return refuse("malformed", core::Error::invalid("The signed period is not valid: " +
                                                    period.error().message));
  auto cfg = config();
  if (!cfg.ok()) return Answer::refused("unavailable", cfg.error());
  const Config& c = **cfg;

  auto dataset = stats::read_sdmx_csv(sdmx_csv, c.structure);
  if (!dataset.ok())
    return refuse("malformed_sdmx", core::Error::invalid("The release is not valid SDMX-CSV: " +
                                                             dataset.error().message,
                                                         dataset.error().fields));
  if (dataset->observations.empty())
    return refuse("malformed_sdmx", core::Error::invalid("The release holds no observation."));
  int64_t withheld = 0;
  for (const auto& o : dataset->observations) {
    if (o.country != sig->country || o.period != sig->subject)
      return refuse("mismatch",
                    core::Error::invalid("Line " + std::to_string(o.line) + " is for " + o.country +
                                         " " + o.period + ", but the release is " + "signed for " +
                                         sig->country + " " + sig->subject + "."));
    if (stats::is_suppressed(o.status)) ++withheld;
  }
  auto tables = stats::tables_from_dataset(*dataset, c.structure);
  if (!tables.ok())
    return refuse("malformed_sdmx", core::Error::invalid("The release's tables are inconsistent: " +
                                                         tables.error().message));
  const auto findings =
      stats::audit_release(*tables, c.catalogue, c.disclosure.for_country(sig->country).policy);
  if (!findings.empty()) {
    std::vector<core::FieldError> fields;
    for (const auto& f : findings) {
      if (fields.size() == kMaxFindingsShown) break;
      fields.push_back({f.table.indicator + " " + f.cell, f.problem});
    }
    return refuse("disclosure_check",
                  core::Error::invalid(
                      "The release fails the disclosure check: " + std::to_string(findings.size()) +
                          " cell(s) could disclose a small count.",
                      std::move(fields)));
  }

  const int64_t now = clock_.now().ms;
  store::HubReleaseRow row;
  row.id = core::new_id(clock_.now());
  row.country = sig->country;
  row.authority = sig->authority;
  row.period = sig->subject;
  row.prepared_at = sig->signed_at;
  row.received_at = now;
  row.dataflow = dataset->structure_id;
  row.sdmx_csv = std::string(sdmx_csv);
  row.digest = sig->digest;
  row.signature = sig->signature;
  row.signer_key = exchange::key_text(verified.signer->signing_key);
  row.observations = static_cast<int64_t>(dataset->observations.size());
  row.withheld = withheld;
  std::optional<store::HubReleaseRow> newer;
  try {
    db_.write([&](store::Tx& tx) {
      auto latest = store::HubReleaseRepository::latest_for(tx, row.country, row.period);
      if (latest && latest->prepared_at >= row.prepared_at) {
        newer = std::move(latest);
        return;
      }
      row.release_version = latest ? latest->release_version + 1 : 1;
      store::HubReleaseRepository::insert(tx, row);
      const nlohmann::json details{{"country", row.country},
                                   {"authority", row.authority},
                                   {"period", row.period},
                                   {"release_version", row.release_version},
                                   {"observations", row.observations},
                                   {"withheld", row.withheld},
                                   {"digest", row.digest}};
      audit_.record(tx, {row.authority, "", "", "hub.release.accept", "hub_releases", row.id,
                         "regional_statistics", "success", request_id, details.dump()});
    });
  } catch (const store::DbError& e) {
    if (e.kind() == store::DbError::Kind::kConstraint)  // the same version accepted meanwhile
      return refuse("superseded",
                    core::Error::conflict("Another version of " + row.country + " " + row.period +
                                          " was accepted meanwhile; send again."));
    return Answer::refused("unavailable", store::to_error(e));
  }
  if (newer)
    return refuse("superseded",
                  core::Error::conflict(
                      "The hub already holds version " + std::to_string(newer->release_version) +
                      " of " + row.country + " " + row.period + ", prepared at " +
                      iso_time(newer->prepared_at) + ", which is not older than this one (" +
                      iso_time(row.prepared_at) + "). Compute the release again to replace it."));
  row.sdmx_csv.clear();
  return Answer{std::move(row), "", {}};
}

core::Result<std::vector<store::HubReleaseRow>> HubService::list_releases(
    const store::ReleaseQuery& query) {
  try {
    return db_.read([&](store::Tx& tx) { return store::HubReleaseRepository::list(tx, query); });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<std::vector<store::HubReleaseRow>> HubService::latest_releases(
    const store::ReleaseQuery& query) {
  try {
    return db_.read([&](store::Tx& tx) { return store::HubReleaseRepository::latest(tx, query); });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

core::Result<store::HubReleaseRow> HubService::release(const std::string& id) {
  try {
    auto row = db_.read([&](store::Tx& tx) { return store::HubReleaseRepository::find(tx, id); });
    if (!row) return core::Error::not_found("The hub holds no release with this id.");
    return std::move(*row);
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
}

HubAnswer<HubUploadReceipt> HubService::upload_encodings(std::string_view signature_json,
                                                         std::string_view encodings,
                                                         const std::string& request_id) {
  using Answer = HubAnswer<HubUploadReceipt>;
  const std::string action = "hub.linkage.refuse";
  auto sig = exchange::DetachedSignature::parse(signature_json);
  if (!sig.ok()) {
    audit_refusal(action, "malformed", sig.error().message, "", "", "", request_id);
    return Answer::refused("malformed", sig.error());
  }
  auto refuse = [&](std::string reason, core::Error error) {
    audit_refusal(action, reason, error.message, sig->country, sig->authority, "upload",
                  request_id);
    return Answer::refused(std::move(reason), std::move(error));
  };
  auto trust = exchange::TrustList::load(options_.trust_file);
  if (!trust.ok()) return Answer::refused("unavailable", trust.error());
  const auto verified = exchange::verify_detached(*sig, kUploadKind, encodings, *trust);
  if (verified.problem != exchange::SignatureProblem::kNone)
    return refuse(std::string(exchange::signature_problem_code(verified.problem)),
                  refusal_error(verified.problem, verified.message));
  const int64_t now = clock_.now().ms;
  if (sig->signed_at < now - kUploadMaxAgeMs || sig->signed_at > now + exchange::kClockSkewMs)
    return refuse("stale", core::Error::invalid(
                               "The upload was signed at " + iso_time(sig->signed_at) +
                               ", not within the last hour: sign and send it again (check the "
                               "clocks)."));
  auto set = linkage::parse_encodings(encodings);
  if (!set.ok())
    return refuse("malformed",
                  core::Error::invalid("The encoding file is not valid: " + set.error().message));
  HubUploadReceipt receipt{core::new_id(clock_.now()), sig->country,
                           static_cast<int64_t>(set->size()),
                           ref_hex(set->header().key_fingerprint)};
  try {
    db_.write([&](store::Tx& tx) {
      // The previous upload and its runs go: the hub keeps one set of encodings per country.
      tx.execute(
          "DELETE FROM hub_linkage_links WHERE run_id IN (SELECT r.id FROM "
          "hub_linkage_runs r JOIN hub_linkage_uploads u ON u.id = r.upload_a OR u.id = "
          "r.upload_b WHERE u.country = $1)",
          store::params(receipt.country));
      tx.execute("DELETE FROM hub_linkage_runs WHERE country_a = $1 OR country_b = $1",
                 store::params(receipt.country));
      tx.execute("DELETE FROM hub_linkage_uploads WHERE country = $1",
                 store::params(receipt.country));
      store::Blob blob;
      blob.bytes.assign(encodings.begin(), encodings.end());
      tx.execute(
          "INSERT INTO hub_linkage_uploads (id, country, authority, key_fingerprint, records, "
          "encodings, digest, signature, signer_key, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, "
          "$7, $8, $9, $10)",
          store::params(receipt.upload_id, receipt.country, sig->authority, receipt.key_fingerprint,
                        receipt.records, std::move(blob), sig->digest, sig->signature,
                        exchange::key_text(verified.signer->signing_key), now));
      const nlohmann::json details{{"country", receipt.country},
                                   {"authority", sig->authority},
                                   {"records", receipt.records},
                                   {"key_fingerprint", receipt.key_fingerprint}};
      audit_.record(
          tx, {sig->authority, "", "", "hub.linkage.upload", "hub_linkage_uploads",
               receipt.upload_id, "cross_border_linkage", "success", request_id, details.dump()});
    });
  } catch (const store::DbError& e) {
    return Answer::refused("unavailable", store::to_error(e));
  }
  return Answer{std::move(receipt), "", {}};
}

HubAnswer<HubPairs> HubService::pairs(std::string_view signature_json,
                                      const std::string& request_id) {
  using Answer = HubAnswer<HubPairs>;
  const std::string action = "hub.linkage.refuse";
  auto sig = exchange::DetachedSignature::parse(signature_json);
  if (!sig.ok()) {
    audit_refusal(action, "malformed", sig.error().message, "", "", "", request_id);
    return Answer::refused("malformed", sig.error());
  }
  auto refuse = [&](std::string reason, core::Error error) {
    audit_refusal(action, reason, error.message, sig->country, sig->authority, sig->subject,
                  request_id);
    return Answer::refused(std::move(reason), std::move(error));
  };
  auto trust = exchange::TrustList::load(options_.trust_file);
  if (!trust.ok()) return Answer::refused("unavailable", trust.error());
  const auto verified = exchange::verify_detached(*sig, kPairsKind, "", *trust);
  if (verified.problem != exchange::SignatureProblem::kNone)
    return refuse(std::string(exchange::signature_problem_code(verified.problem)),
                  refusal_error(verified.problem, verified.message));
  const int64_t now = clock_.now().ms;
  if (sig->signed_at < now - kPairsMaxAgeMs || sig->signed_at > now + exchange::kClockSkewMs)
    return refuse("stale",
                  core::Error::invalid("The request was signed at " + iso_time(sig->signed_at) +
                                       ", not within the last 5 minutes (check the "
                                       "clocks)."));
  const std::string self = sig->country;
  const auto partner_code = core::normalize_country_code(sig->subject);
  if (!partner_code || *partner_code == self)
    return refuse("malformed", core::Error::invalid("The partner country \"" + sig->subject +
                                                    "\" is not another ISO 3166-1 code."));
  const std::string partner = *partner_code;
  // The run is stored under the two countries in alphabetical order.
  const bool self_is_a = self < partner;
  const std::string country_a = self_is_a ? self : partner;
  const std::string country_b = self_is_a ? partner : self;

  struct Upload {
    std::string id;
    store::Blob encodings;
  };
  std::optional<Upload> up_a, up_b;
  std::optional<std::string> run_id;
  try {
    db_.read([&](store::Tx& tx) {
      auto load = [&](const std::string& country) -> std::optional<Upload> {
        auto r = tx.query_one(
            "SELECT id FROM hub_linkage_uploads WHERE country = $1 ORDER BY uploaded_at DESC "
            "LIMIT 1",
            store::params(country));
        if (!r) return std::nullopt;
        return Upload{r->text(0), {}};
      };
      up_a = load(country_a);
      up_b = load(country_b);
      if (up_a && up_b) {
        auto r =
            tx.query_one("SELECT id FROM hub_linkage_runs WHERE upload_a = $1 AND upload_b = $2",
                         store::params(up_a->id, up_b->id));
        if (r) run_id = r->text(0);
      }
    });
  } catch (const store::DbError& e) {
    return Answer::refused("unavailable", store::to_error(e));
  }
  if (!up_a || !up_b)
    return refuse("no_upload",
                  core::Error::not_found((!up_a ? country_a : country_b) +
                                         " has not uploaded linkage encodings to this hub yet."));

  if (!run_id) {
    // First request for these two uploads: match them and store both sides.
    try {
      db_.read([&](store::Tx& tx) {
        for (Upload* u : {&*up_a, &*up_b}) {
          auto r = tx.query_one("SELECT encodings FROM hub_linkage_uploads WHERE id = $1",
                                store::params(u->id));
          if (r) u->encodings = r->blob(0);
        }
      });
    } catch (const store::DbError& e) {
      return Answer::refused("unavailable", store::to_error(e));
    }
    // An upload's encodings are deleted once a run has used them (docs/LINKAGE.md): matching it
    // with another partner needs a fresh upload.
    for (const auto* u : {&*up_a, &*up_b})
      if (u->encodings.bytes.empty())
        return refuse("no_upload",
                      core::Error::not_found(
                          (u == &*up_a ? country_a : country_b) +
                          "'s last upload was matched already and its encodings deleted; it must "
                          "upload again to be matched with " +
                          (u == &*up_a ? country_b : country_a) + "."));
    auto as_view = [](const store::Blob& b) {
      return std::string_view(reinterpret_cast<const char*>(b.bytes.data()), b.bytes.size());
    };
    auto set_a = linkage::parse_encodings(as_view(up_a->encodings));
    auto set_b = linkage::parse_encodings(as_view(up_b->encodings));
    if (!set_a.ok() || !set_b.ok())
      return Answer::refused("unavailable",
                             core::Error::internal("A stored upload no longer parses."));
    if (auto comparable = linkage::check_comparable(*set_a, *set_b); !comparable.ok())
      return refuse("incomparable",
                    core::Error::conflict("The uploads of " + country_a + " and " + country_b +
                                          " cannot be compared: " + comparable.error().message));
    linkage::MatchOptions options;
    options.threshold = options_.linkage_threshold;
    options.threads = options_.linkage_threads;
    auto result = linkage::match(*set_a, *set_b, options);
    if (!result.ok()) return refuse("incomparable", result.error());
    std::array<uint8_t, 32> run_key{};
    randombytes_buf(run_key.data(), run_key.size());
    const auto links = linkage::split_for_countries(*set_a, *set_b, result->pairs, run_key);
    sodium_memzero(run_key.data(), run_key.size());
    const std::string new_run = core::new_id(clock_.now());
    try {
      db_.write([&](store::Tx& tx) {
        tx.execute(
            "INSERT INTO hub_linkage_runs (id, upload_a, upload_b, country_a, country_b, pairs, "
            "compared, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            store::params(new_run, up_a->id, up_b->id, country_a, country_b,
                          static_cast<int64_t>(result->pairs.size()),
                          static_cast<int64_t>(result->compare.compared), now));
        for (const auto& [country, rows] :
             {std::pair{country_a, &links.a}, std::pair{country_b, &links.b}})
          for (const auto& row : *rows)
            tx.execute(
                "INSERT INTO hub_linkage_links (run_id, country, link, record) VALUES ($1, $2, "
                "$3, $4)",
                store::params(new_run, country, ref_hex(row.link), ref_hex(row.record)));
        const nlohmann::json details{{"country_a", country_a},
                                     {"country_b", country_b},
                                     {"pairs", result->pairs.size()},
                                     {"compared", result->compare.compared}};
        audit_.record(tx, {sig->authority, "", "", "hub.linkage.match", "hub_linkage_runs", new_run,
                           "cross_border_linkage", "success", request_id, details.dump()});
        // The run holds what both countries need: the encodings it used are deleted now, in the
        // same transaction (the upload's row stays as the record of what was received).
        tx.execute(
            "UPDATE hub_linkage_uploads SET encodings = $3, version = version + 1 WHERE id = $1 "
            "OR id = $2",
            store::params(up_a->id, up_b->id, store::Blob{}));
        audit_.record(tx, {sig->authority, "", "", "hub.linkage.delete_encodings",
                           "hub_linkage_uploads", up_a->id + "," + up_b->id, "cross_border_linkage",
                           "success", request_id, nlohmann::json{{"run_id", new_run}}.dump()});
      });
      run_id = new_run;
    } catch (const store::DbError& e) {
      if (e.kind() != store::DbError::Kind::kConstraint)
        return Answer::refused("unavailable", store::to_error(e));
      // Both countries asked at once and the other request stored the run first: read it.
      try {
        db_.read([&](store::Tx& tx) {
          auto r =
              tx.query_one("SELECT id FROM hub_linkage_runs WHERE upload_a = $1 AND upload_b = $2",
                           store::params(up_a->id, up_b->id));
          if (r) run_id = r->text(0);
        });
      } catch (const store::DbError& e2) {
        return Answer::refused("unavailable", store::to_error(e2));
      }
      if (!run_id) return Answer::refused("unavailable", store::to_error(e));
    }
  }

  HubPairs out{*run_id, self, partner, {}};
  try {
    db_.write([&](store::Tx& tx) {
      for (const auto& r : tx.query("SELECT link, record FROM hub_linkage_links WHERE run_id = $1 "
                                    "AND country = $2 ORDER BY link",
                                    store::params(*run_id, self)))
        out.links.push_back({r.text(0), r.text(1)});
      const nlohmann::json details{
          {"country", self}, {"partner", partner}, {"links", out.links.size()}};
      audit_.record(tx, {sig->authority, "", "", "hub.linkage.pairs", "hub_linkage_runs", *run_id,
                         "cross_border_linkage", "success", request_id, details.dump()});
    });
  } catch (const store::DbError& e) {
    return Answer::refused("unavailable", store::to_error(e));
  }
  return Answer{std::move(out), "", {}};
}

}  // namespace haven::service
