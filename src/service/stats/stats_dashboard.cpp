// Where the dashboard's releases come from: national periods computed by StatsService and read back
// from their SDMX-CSV (so the page shows exactly what a release would carry), cached per country
// and period; or the hub's stored releases, read the same way.
#include "service/stats/stats_dashboard.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <utility>

#include "security/policy.h"
#include "service/export/csv_writer.h"
#include "service/stats/disclosure_settings.h"
#include "service/stats/stats_service.h"
#include "service/stats/stats_xlsx.h"
#include "stats/catalogue_loader.h"
#include "stats/period.h"
#include "stats/population.h"
#include "store/repositories/hub_release_repository.h"

namespace haven::service {

struct StatsDashboard::Loaded {
  stats::Catalogue catalogue;
  stats::Population population;
  DisclosureSettings disclosure;
  stats::DataStructure structure;
};

StatsDashboard::StatsDashboard(store::Database& db, AccessService& access, AuditService& audit,
                               const core::Clock& clock, const PolicyRegistry& policies,
                               std::string config_dir)
    : db_(db),
      access_(access),
      audit_(audit),
      clock_(clock),
      policies_(policies),
      config_dir_(std::move(config_dir)) {}

StatsDashboard::~StatsDashboard() = default;

core::Result<const StatsDashboard::Loaded*> StatsDashboard::loaded() {
  std::lock_guard lock(load_mutex_);
  if (loaded_) return loaded_.get();
  auto l = std::make_unique<Loaded>();
  auto catalogue = stats::load_catalogue(config_dir_ + "/indicators");
  if (!catalogue.ok()) return catalogue.take_error();
  l->catalogue = std::move(*catalogue);
  auto population = stats::load_population(config_dir_ + "/population");
  if (!population.ok()) return population.take_error();
  l->population = std::move(*population);
  auto disclosure = DisclosureSettings::load(config_dir_ + "/policy/disclosure");
  if (!disclosure.ok()) return disclosure.take_error();
  l->disclosure = std::move(*disclosure);
  l->structure = l->catalogue.data_structure();
  loaded_ = std::move(l);
  return loaded_.get();
}

core::Result<const stats::Catalogue*> StatsDashboard::catalogue() {
  auto l = loaded();
  if (!l.ok()) return l.take_error();
  return &(*l)->catalogue;
}

// Three years: a first view computes every period offered, a second or more each on a generated
// population of thousands.
std::vector<std::string> StatsDashboard::national_periods(core::Date today) {
  std::vector<std::string> out;
  for (int y = today.year(); y > today.year() - 3; --y) out.push_back(std::to_string(y));
  return out;
}

core::Result<std::vector<DashboardRelease>> StatsDashboard::national(
    const Actor& actor, const std::vector<std::string>& periods) {
  if (!actor.principal) return core::Error::forbidden("Sign in to see the statistics.");
  const std::string country = actor.principal->country;
  security::Resource resource;
  resource.kind = security::ResourceKind::kStatisticsAggregate;
  resource.country = country;
  HAVEN_TRY(access_.authorize(*actor.principal, security::Action::kViewAggregates, resource,
                              actor.request_id));
  auto l = loaded();
  if (!l.ok()) return l.take_error();
  const Loaded& config = **l;

  std::vector<stats::Period> parsed;
  for (const std::string& p : periods) {
    auto period = stats::parse_period(p);
    if (!period.ok()) return period.take_error();
    parsed.push_back(*period);
  }
  std::sort(parsed.begin(), parsed.end(),
            [](const stats::Period& a, const stats::Period& b) { return a.first < b.first; });

  const core::Date today = core::Date::of(clock_.now());
  const int64_t now = clock_.now().ms;
  std::vector<DashboardRelease> out;
  for (const stats::Period& period : parsed) {
    const std::string key = country + "/" + period.code;
    {
      std::lock_guard lock(cache_mutex_);
      auto hit = cache_.find(key);
      if (hit != cache_.end() && now - hit->second.computed_at < kCacheMs) {
        out.push_back(hit->second.release);
        continue;
      }
    }
    DashboardRelease release{country, period.code, {}, {}};
    if (period.first > today) {
      release.note = "The period has not begun.";
      out.push_back(std::move(release));
      continue;
    }
    StatsService statistics(db_, access_, audit_, clock_, policies_, config.catalogue,
                            config.population, config.disclosure);
    auto computed = statistics.compute_to_view({country, period.code}, actor);
    if (!computed.ok()) return computed.take_error();
    auto dataset = stats::read_sdmx_csv(computed->sdmx_csv, config.structure);
    if (!dataset.ok()) return dataset.take_error();
    release.observations = std::move(dataset->observations);
    {
      std::lock_guard lock(cache_mutex_);
      cache_[key] = Cached{release, now};
    }
    out.push_back(std::move(release));
  }
  return out;
}

core::Result<std::vector<DashboardRelease>> StatsDashboard::regional() {
  auto l = loaded();
  if (!l.ok()) return l.take_error();
  const Loaded& config = **l;
  std::vector<store::HubReleaseRow> rows;
  try {
    db_.read([&](store::Tx& tx) { rows = store::HubReleaseRepository::latest(tx); });
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  std::vector<DashboardRelease> out;
  for (const store::HubReleaseRow& row : rows) {
    DashboardRelease release{row.country, row.period, {}, {}};
    auto dataset = stats::read_sdmx_csv(row.sdmx_csv, config.structure);
    if (dataset.ok()) {
      release.observations = std::move(dataset->observations);
    } else {
      // The hub checked it on arrival; a catalogue changed since cannot read it any more.
      release.note =
          "The stored release cannot be read with this catalogue: " + dataset.error().message;
    }
    out.push_back(std::move(release));
  }
  return out;
}

core::Result<ExportFile> StatsDashboard::download(
    const Actor& actor, const std::string& indicator, ExportFormat format,
    const std::vector<std::vector<std::string>>& rows) {
  const std::string ext(export_format_name(format));
  auto file = TempFile::create("." + ext);
  if (!file.ok()) return file.take_error();
  if (format == ExportFormat::kCsv) {
    std::ofstream out((*file)->path(), std::ios::binary | std::ios::trunc);
    CsvWriter csv(out);
    for (const auto& row : rows) csv.row(row);
    out.close();
    if (!out.good()) return core::Error::internal("The download could not be written.");
  } else {
    // The figure and its rounding base are numbers; codes and flags stay text.
    HAVEN_TRY(write_statistics_xlsx((*file)->path(), rows, {"OBS_VALUE", "ROUNDING"}));
  }
  ExportFile result;
  result.file = *file;
  std::error_code ec;
  result.size_bytes = static_cast<int64_t>(std::filesystem::file_size((*file)->path(), ec));
  result.rows = rows.empty() ? 0 : static_cast<int64_t>(rows.size()) - 1;
  std::string name = indicator;
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
    return c == '_' ? '-' : static_cast<char>(std::tolower(c));
  });
  result.file_name = "haven-" + name + "-" + core::Date::of(clock_.now()).to_string() + "." + ext;
  result.media_type = format == ExportFormat::kCsv
                          ? "text/csv; charset=utf-8"
                          : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  const std::string details = "{\"indicator\":\"" + indicator + "\",\"format\":\"" + ext +
                              "\",\"rows\":" + std::to_string(result.rows) + "}";
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "stats.download",
                           "statistics_indicator", indicator, "statistics", "success",
                           actor.request_id, details}));
  return result;
}

}  // namespace haven::service
