// `haven stats compute --country SE --period 2026 --out release.csv`: the country's indicators for
// a period, disclosure-controlled, as an SDMX-CSV release (service/stats/stats_service.h). The file
// is written beside its final name, read back and attacked as a receiver would before it takes
// that name, so a file at --out has always passed the check. With the instance's exchange keys, a
// detached signature goes beside it (<out>.sig, exchange/detached_signature.h), and `haven stats
// publish --to HUB` sends both to the regional hub. Exit 2: a bad period, country or output path,
// or a release the hub refused; 1: anything else that stops the release.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/command.h"
#include "cli/hub_client.h"
#include "cli/progress.h"
#include "core/clock.h"
#include "core/country.h"
#include "exchange/detached_signature.h"
#include "exchange/key_file.h"
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
  std::string exchange_dir;  // the signing key; "" = resolve_exchange_dir
  bool timings = false;      // where the time went, on stderr
};

struct StatsPublishArgs {
  HubTarget hub;
  std::string release;
  std::string signature;  // "" = <release>.sig
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

// --timings: one line per part of the release (service::StatsTiming) and the command's own.
void print_timings(const std::vector<service::StatsTiming>& parts) {
  std::fprintf(stderr, "%-52s %9s %9s %s\n", "timings", "wall ms", "CPU ms", "worker");
  for (const auto& t : parts) {
    std::fprintf(stderr, "%-52s %9.0f %9.0f %s\n", t.part.c_str(), t.wall_ms, t.cpu_ms,
                 t.worker == 0 ? "-" : std::to_string(t.worker).c_str());
  }
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

  // The catalogue's six TOML files take toml11 40–80 ms to parse, the longest part of the start:
  // they are parsed beside the rest of it (the population, the disclosure policy, the database
  // and the App), on a second thread.
  auto catalogue_loaded = std::async(std::launch::async, [] {
    return stats::load_catalogue(find_shipped_file("config/indicators"));
  });
  auto population = stats::load_population(find_shipped_file("config/population"));
  if (!population.ok()) return report(population.error());
  auto disclosure =
      service::DisclosureSettings::load(find_shipped_file("config/policy/disclosure"));
  if (!disclosure.ok()) return report(disclosure.error());

  return with_app(a.common, [&](service::App& app) -> int {
    const auto catalogue = catalogue_loaded.get();
    if (!catalogue.ok()) return report(catalogue.error());
    service::StatsService statistics(app.db, app.access, app.audit, app.clock, app.policies,
                                     *catalogue, *population, *disclosure);
    const double before_release =
        std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    auto release = statistics.compute({country, a.period}, service::Actor::cli());
    if (!release.ok()) return report(release.error());
    const auto released = Clock::now();

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
    // Signed with the instance's Ed25519 key when it has exchange keys; the signature is written
    // first so that a release at --out never lacks the signature it was made with.
    const std::string dir = resolve_exchange_dir(a.exchange_dir);
    std::string signed_note;
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::path(dir) / "identity.json", ec)) {
      auto keys = exchange::InstanceKeys::load(dir);
      if (!keys.ok() || keys->identity().country != country) {
        std::filesystem::remove(tmp, ec);
        if (!keys.ok()) return report(keys.error());
        return report(core::Error::invalid("the exchange keys in " + dir + " are " +
                                           keys->identity().country + "'s, not " + country +
                                           "'s: a release is signed by its own country"));
      }
      const auto sig =
          exchange::sign_detached("statistics-release", release->period.code,
                                  core::SystemClock::instance().now().ms, written.str(), *keys);
      if (auto st = exchange::write_text_file(a.out + ".sig", sig.to_json()); !st.ok()) {
        std::filesystem::remove(tmp, ec);
        return report(st.error());
      }
      signed_note = ", signed by " + keys->identity().authority + " in " + a.out + ".sig";
    } else {
      signed_note = "; not signed: no exchange keys in " + dir + " (`haven exchange keys init`)";
    }
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
    if (a.timings) {
      std::vector<service::StatsTiming> parts;
      parts.push_back({"start: settings, catalogue, database", 0, before_release, 0});
      parts.insert(parts.end(), release->timings.begin(), release->timings.end());
      parts.push_back({"written, read back and checked, signed", 0,
                       std::chrono::duration<double, std::milli>(Clock::now() - released).count(),
                       0});
      parts.push_back({"whole command", 0, seconds * 1e3, 0});
      print_timings(parts);
    }
    std::printf("wrote %s (checked: no withheld cell can be recovered%s) in %s\n", a.out.c_str(),
                signed_note.c_str(), format_duration(seconds).c_str());
    return kExitOk;
  });
}

// Sends a release and its signature to the hub's POST /api/v1/releases.
int run_publish(const StatsPublishArgs& a) {
  auto csv = exchange::read_text_file(a.release, "release", 64u << 20);
  if (!csv.ok()) return report(csv.error());
  const std::string sig_path = a.signature.empty() ? a.release + ".sig" : a.signature;
  auto sig_text = exchange::read_text_file(sig_path, "release signature", 1u << 20);
  if (!sig_text.ok()) return report(sig_text.error());
  auto sig = exchange::DetachedSignature::parse(*sig_text);
  if (!sig.ok()) return report(core::Error::invalid(sig_path + ": " + sig.error().message));
  if (exchange::content_digest(*csv) != sig->digest)
    return report(core::Error::invalid(sig_path + " is not the signature of " + a.release +
                                       " (the digests differ)"));
  const nlohmann::json body{{"signature", nlohmann::json::parse(*sig_text)}, {"sdmx_csv", *csv}};
  auto reply = post_to_hub(a.hub, "/api/v1/releases", body.dump());
  if (!reply.ok()) return report(reply.error());
  if (reply->status != 201) return report_hub_refusal(*reply, "the release");
  auto accepted = nlohmann::json::parse(reply->body, nullptr, false);
  if (!accepted.is_object())
    return report(core::Error::unavailable("the hub's answer is not JSON: " + reply->body));
  std::printf("published %s %s to %s: accepted as version %lld (%lld rows, %lld withheld)\n",
              accepted.value("country", "").c_str(), accepted.value("period", "").c_str(),
              a.hub.url.c_str(), static_cast<long long>(accepted.value("release_version", 0LL)),
              static_cast<long long>(accepted.value("observations", 0LL)),
              static_cast<long long>(accepted.value("withheld", 0LL)));
  return kExitOk;
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
  compute->add_option("--exchange-dir", args->exchange_dir,
                      "Folder of the exchange keys the release is signed with, into <out>.sig "
                      "(default $HAVEN_EXCHANGE_DIR, then var/exchange; no keys: not signed)");
  compute->add_flag("--timings", args->timings,
                    "Print where the time went (each source's query, wall and CPU) to stderr");
  compute->callback([&action, args] { action = [args]() -> int { return run_compute(*args); }; });

  auto* publish = group->add_subcommand(
      "publish",
      "Send a signed release (from `stats compute`) to the regional hub, which checks the "
      "signature and the disclosure control again before it keeps it");
  auto pub = std::make_shared<StatsPublishArgs>();
  publish->add_option("--to", pub->hub.url, "The hub: https://HOST[:PORT]")->required();
  publish->add_option("--release", pub->release, "The release (SDMX-CSV)")->required();
  publish->add_option("--signature", pub->signature,
                      "Its detached signature (default: the release's name + .sig)");
  publish->add_option("--ca-file", pub->hub.ca_file,
                      "PEM certificates to verify the hub's https:// certificate with (default: "
                      "the system's CA store)");
  publish->callback([&action, pub] { action = [pub]() -> int { return run_publish(*pub); }; });
}

}  // namespace haven::cli
