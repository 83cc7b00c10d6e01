// The statistics dashboard's data ([R1] item 6): a list of releases — a country, a period and the
// SDMX observations of its file — whichever mode the dashboard runs in. A national instance
// computes its own periods on demand (StatsService, the same protected release `haven stats
// compute` writes) and keeps each in memory for a few minutes, keyed by country and period; the
// regional hub reads the newest stored version of every release it accepted (hub_releases). The
// pages render both the same way, so a figure shown is always a figure that could be published.
//
// Who may look: aggregates.view (analysts, supervisors, Barnahus coordinators, contact points) on
// a national instance; the hub's figures are published, so anyone. Every computation is audited
// by StatsService ("stats.compute"); downloads are audited here ("stats.download").
// Thread-safe: the catalogue is loaded once under a mutex, the cache has its own.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/export/list_export.h"
#include "service/identity.h"
#include "service/policy_registry.h"
#include "stats/indicator_catalogue.h"
#include "stats/sdmx_csv.h"
#include "store/database.h"

namespace haven::service {

class StatsService;
class DisclosureSettings;

// One release as the dashboard reads it.
struct DashboardRelease {
  std::string country;
  std::string period;  // "2026" or "2026-Q1"
  std::vector<stats::Observation> observations;
  std::string note;  // why a period has no figures ("" when it has), already in English
};

class StatsDashboard {
 public:
  // How long a computed period stays in memory before the next view computes it again.
  static constexpr int64_t kCacheMs = 5 * 60 * 1000;

  StatsDashboard(store::Database& db, AccessService& access, AuditService& audit,
                 const core::Clock& clock, const PolicyRegistry& policies, std::string config_dir);
  ~StatsDashboard();
  StatsDashboard(const StatsDashboard&) = delete;
  StatsDashboard& operator=(const StatsDashboard&) = delete;

  // The indicator catalogue (config/indicators), loaded on first use. Errors: a broken catalogue.
  core::Result<const stats::Catalogue*> catalogue();

  // The national figures of the caller's country for each period (oldest first), computed or
  // taken from the cache. A period that has not begun comes back empty with a note. Errors:
  // kForbidden without aggregates.view; kInvalidInput for a malformed period.
  core::Result<std::vector<DashboardRelease>> national(const Actor& actor,
                                                       const std::vector<std::string>& periods);
  // The periods a national dashboard offers on `today`: this year and the two before it,
  // newest first.
  static std::vector<std::string> national_periods(core::Date today);

  // The regional hub: the newest accepted version of every (country, period) it stores.
  core::Result<std::vector<DashboardRelease>> regional();

  // An indicator's figures as a file: `rows` (the first is the header) written as CSV or XLSX by
  // the export writers, in a private temporary file; audited as "stats.download" (indicator,
  // format, rows). `indicator` must be a catalogue id.
  core::Result<ExportFile> download(const Actor& actor, const std::string& indicator,
                                    ExportFormat format,
                                    const std::vector<std::vector<std::string>>& rows);

 private:
  struct Loaded;
  core::Result<const Loaded*> loaded();

  store::Database& db_;
  AccessService& access_;
  AuditService& audit_;
  const core::Clock& clock_;
  const PolicyRegistry& policies_;
  const std::string config_dir_;

  std::mutex load_mutex_;
  std::unique_ptr<Loaded> loaded_;

  struct Cached {
    DashboardRelease release;
    int64_t computed_at = 0;
  };
  std::mutex cache_mutex_;
  std::map<std::string, Cached, std::less<>> cache_;  // "SE/2026" → figures
};

}  // namespace haven::service
