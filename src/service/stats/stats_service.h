// Regional statistics from case data ([R1]): for a country and a period, every indicator of the
// catalogue whose data haven holds is counted by set-based queries (case_data_queries.h) into the
// catalogue's tables, protected by the country's disclosure policy (cubes about the same children
// together), and rates, ratios and shares are derived from the protected counts only. The release
// is checked by the attacker before it is handed back and written as SDMX-CSV. Authorize → one
// read transaction → audit ("stats.compute"). Thread-safe: holds only references to immutable
// configuration.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "security/permissions.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "service/policy_registry.h"
#include "service/stats/disclosure_settings.h"
#include "stats/disclosure_control.h"
#include "stats/indicator_catalogue.h"
#include "stats/period.h"
#include "stats/population.h"
#include "stats/release_audit.h"
#include "stats/table.h"
#include "store/database.h"

namespace haven::service {

struct StatsRequest {
  std::string country;  // ISO 3166-1 alpha-2, upper case
  std::string period;   // "2026" or "2026-Q1"
};

// An indicator of the catalogue that is not in the release, and why.
struct IndicatorSkipped {
  std::string indicator;
  std::string reason;
};

// Records an indicator could not place in its code lists: children without a date of birth, or
// outside ages 0–17 on the reference day (the AGE code list has no "unknown").
struct IndicatorLeftOut {
  std::string indicator;
  int64_t records = 0;
};

// How long one part of computing a release took, for `haven stats compute --timings`: each
// source's query on the worker that ran it, the children's ages and sexes, and the protection.
// CPU is the thread's own (CLOCK_THREAD_CPUTIME_ID), so the two workers' parts can be told apart.
struct StatsTiming {
  std::string part;  // "source screening", "children's ages and sexes", "protection and checks"
  int worker = 0;    // 1 or 2 for the two readers; 0 for the calling thread after them
  double wall_ms = 0;
  double cpu_ms = 0;
};

struct StatsRelease {
  std::string country;
  stats::Period period;
  std::string stock_day;             // the day stocks were taken: the period's last, or today
  std::vector<stats::Table> tables;  // protected, in catalogue order
  std::vector<IndicatorSkipped> skipped;
  std::vector<IndicatorLeftOut> left_out;
  stats::ProtectionSummary protection;  // summed over every table
  std::string sdmx_csv;                 // the release, SDMX-CSV with status codes
  std::vector<StatsTiming> timings;     // worker 1's parts in order, worker 2's, the rest
};

class StatsService {
 public:
  StatsService(store::Database& db, AccessService& access, AuditService& audit,
               const core::Clock& clock, const PolicyRegistry& policies,
               const stats::Catalogue& catalogue, const stats::Population& population,
               const DisclosureSettings& disclosure)
      : db_(db),
        access_(access),
        audit_(audit),
        clock_(clock),
        policies_(policies),
        catalogue_(catalogue),
        population_(population),
        disclosure_(disclosure) {}

  // Errors: kInvalidInput for a country that is not an ISO code, a malformed period or one that
  // has not begun; kForbidden without aggregates.export; kInternal if the attacker could recover
  // a withheld cell (nothing is returned then).
  core::Result<StatsRelease> compute(const StatsRequest& request, const Actor& actor);
  // The same release for looking at it (the dashboard): needs aggregates.view instead of
  // aggregates.export. Audited as a computation all the same.
  core::Result<StatsRelease> compute_to_view(const StatsRequest& request, const Actor& actor);

  // What a receiver checks in a published file: it reads as SDMX-CSV of the catalogue's structure,
  // and the small-count rule and the attacker find nothing in any of its count tables. Empty:
  // the file passes. Errors: the file is not a valid release.
  core::Result<std::vector<stats::AuditFinding>> audit_published(std::string_view sdmx_csv,
                                                                 std::string_view country) const;

 private:
  store::Database& db_;
  AccessService& access_;
  AuditService& audit_;
  const core::Clock& clock_;
  const PolicyRegistry& policies_;  // screening_days, for the on-time share
  const stats::Catalogue& catalogue_;
  const stats::Population& population_;
  const DisclosureSettings& disclosure_;

  core::Result<StatsRelease> compute_as(const StatsRequest& request, const Actor& actor,
                                        security::Action action);
};

}  // namespace haven::service
