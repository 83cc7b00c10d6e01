// `haven stats compute --country SE --period 2026 --out release.csv`: the country's indicators for
// a period, disclosure-controlled, as an SDMX-CSV release (service/stats/stats_service.h). The file
// is written beside its final name, read back and attacked as a receiver would before it takes
// that name, so a file at --out has always passed the check. Exit 2: a bad period, country or
// output path; 1: anything else that stops the release.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/command.h"
#include "cli/progress.h"
#include "core/country.h"
#include "service/app.h"
#include "service/stats/disclosure_settings.h"
#include "service/stats/stats_service.h"
#include "stats/catalogue_loader.h"
#include "stats/period.h"
#include "stats/population.h"

namespace haven::cli {

namespace {

struct StatsComputeArgs {
  CommonOptions common;
  std::string country;  // empty: the instance's country from the settings
  std::string period;
  std::string out;
};

// Checks that `path` can be created or replaced, by creating its temporary sibling.
bool writable(const std::string& path) {
  const std::string probe = path + ".tmp";
  {
    std::ofstream f(probe, std::ios::binary | std::ios::trunc);
    if (!f.good()) return false;
  }
  std::error_code ec;
  std::filesystem::remove(probe, ec);
  return true;
}

int run_compute(const StatsComputeArgs& a) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  if (auto p = stats::parse_period(a.period); !p.ok()) return report(p.error());
  std::string country = a.country;
  if (country.empty()) {
    auto settings = load_settings(a.common);
    if (!settings.ok()) return report(settings.error());
    country = settings->country;
  }
  auto normalized = core::normalize_country_code(country);
  if (!normalized) {
    return report(core::Error::invalid("--country '" + country +
                                       "' is not an ISO 3166-1 alpha-2 code such as SE"));
  }
  country = *normalized;
  if (a.out.empty() || !writable(a.out)) {
    return report(core::Error::invalid("cannot write the release to '" + a.out + "'"));
  }

  auto catalogue = stats::load_catalogue(find_shipped_file("config/indicators"));
  if (!catalogue.ok()) return report(catalogue.error());
  auto population = stats::load_population(find_shipped_file("config/population"));
  if (!population.ok()) return report(population.error());
  auto disclosure =
      service::DisclosureSettings::load(find_shipped_file("config/policy/disclosure"));
  if (!disclosure.ok()) return report(disclosure.error());

  return with_app(a.common, [&](service::App& app) -> int {
    service::StatsService statistics(app.db, app.access, app.audit, app.clock, app.policies,
                                     *catalogue, *population, *disclosure);
    auto release = statistics.compute({country, a.period}, service::Actor::cli());
    if (!release.ok()) return report(release.error());

    const std::string tmp = a.out + ".tmp";
    {
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      f << release->sdmx_csv;
      f.close();
      if (!f.good()) {
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        return report(core::Error::invalid("cannot write the release to '" + a.out + "'"));
      }
    }
    // Read back what is on disk and attack it as the hub will.
    std::ifstream in(tmp, std::ios::binary);
    std::stringstream written;
    written << in.rdbuf();
    auto findings = statistics.audit_published(written.str(), country);
    if (!findings.ok() || !findings->empty()) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      if (!findings.ok()) return report(findings.error());
      for (const auto& f : *findings)
        std::cerr << "haven: " << f.table.indicator << " " << f.cell << ": " << f.problem << "\n";
      std::cerr << "haven: the release failed its disclosure check; nothing was written\n";
      return kExitFailure;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, a.out, ec);
    if (ec) return report(core::Error::invalid("cannot write the release to '" + a.out + "'"));

    size_t cells = 0;
    for (const auto& t : release->tables) cells += t.size();
    const auto& p = release->protection;
    std::printf(
        "%s %s: %zu tables, %s cells (%s withheld as small, %s withheld to protect them, %s not "
        "applicable, %s rounded); stocks on %s\n",
        release->country.c_str(), release->period.code.c_str(), release->tables.size(),
        group_digits(cells).c_str(), group_digits(p.primary).c_str(),
        group_digits(p.secondary).c_str(), group_digits(p.not_applicable).c_str(),
        group_digits(p.rounded).c_str(), release->stock_day.c_str());
    for (const auto& s : release->skipped)
      std::printf("not in the release: %s: %s\n", s.indicator.c_str(), s.reason.c_str());
    for (const auto& l : release->left_out) {
      std::printf("left out of %s: %s records without a date of birth or not aged 0-17\n",
                  l.indicator.c_str(), group_digits(static_cast<uint64_t>(l.records)).c_str());
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    std::printf("wrote %s (checked: no withheld cell can be recovered) in %s\n", a.out.c_str(),
                format_duration(seconds).c_str());
    return kExitOk;
  });
}

}  // namespace

void add_stats_command(CLI::App& app, Action& action) {
  auto* group = app.add_subcommand("stats", "Regional statistics: disclosure-controlled releases");
  group->require_subcommand(1);
  auto* compute = group->add_subcommand(
      "compute",
      "Compute a country's indicators for a period from the case data, protect them by the "
      "country's disclosure policy and write an SDMX-CSV release");
  auto args = std::make_shared<StatsComputeArgs>();
  add_database_options(*compute, args->common);
  compute->add_option("--country", args->country,
                      "ISO 3166-1 alpha-2 country (default: the instance's country)");
  compute->add_option("--period", args->period, "A year (2026) or a quarter (2026-Q1)")->required();
  compute->add_option("--out", args->out, "Where to write the release (SDMX-CSV)")->required();
  compute->callback([&action, args] { action = [args]() -> int { return run_compute(*args); }; });
}

}  // namespace haven::cli
