// `haven dedupe`: the batch duplicate scan ([S1] item 4). Builds the name index from the database,
// compares every pair of children that share a blocking key, and writes the likely duplicates to
// the supervisors' review queue (service/duplicates/dedupe_service.h) in one transaction: Ctrl-C
// during the scan leaves the queue as it was; pairs already dismissed or merged stay decided.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/command.h"
#include "cli/progress.h"
#include "search/name_index.h"
#include "service/app.h"

namespace haven::cli {

namespace {

std::atomic<bool> g_dedupe_interrupted{false};
extern "C" void on_dedupe_interrupt(int) {
  g_dedupe_interrupted.store(true);
}

// Catches SIGINT and SIGTERM for the life of the scan, then puts the previous handlers back.
class ScanInterruptGuard {
 public:
  ScanInterruptGuard() {
    g_dedupe_interrupted = false;
    old_int_ = std::signal(SIGINT, on_dedupe_interrupt);
    old_term_ = std::signal(SIGTERM, on_dedupe_interrupt);
  }
  ~ScanInterruptGuard() {
    std::signal(SIGINT, old_int_);
    std::signal(SIGTERM, old_term_);
  }
  ScanInterruptGuard(const ScanInterruptGuard&) = delete;
  ScanInterruptGuard& operator=(const ScanInterruptGuard&) = delete;

 private:
  void (*old_int_)(int) = SIG_DFL;
  void (*old_term_)(int) = SIG_DFL;
};

struct DedupeArgs {
  CommonOptions common;
  double min_probability = search::DedupeOptions{}.min_probability;
  int64_t limit = 0;  // 0: every pair found
};

int run(const DedupeArgs& a) {
  using Clock = std::chrono::steady_clock;
  if (!(a.min_probability > 0 && a.min_probability <= 1))
    return report(core::Error::invalid("--min-probability must be above 0 and at most 1"));
  if (a.limit < 0) return report(core::Error::invalid("--limit must be 0 (no limit) or more"));
  return with_app(a.common, [&](service::App& app) -> int {
    const auto started = Clock::now();
    std::fprintf(stderr, "dedupe: building the name index…\n");
    if (auto built = app.search.build(); !built.ok()) return report(built.error());
    const search::NameIndex& index = app.search.index();
    const uint64_t children = index.size();

    ScanInterruptGuard guard;
    ProgressOptions popts;
    popts.what = "blocks";
    std::optional<Progress> progress;
    uint64_t blocks = 0;
    search::DedupeOptions options;
    options.min_probability = a.min_probability;
    options.progress = [&](size_t done, size_t total) {
      if (!progress) progress.emplace("dedupe", total, stderr, popts);
      blocks = total;
      progress->update(done);
      return !g_dedupe_interrupted.load();
    };
    search::DedupeReport scan = index.dedupe(options);
    if (scan.cancelled || g_dedupe_interrupted.load()) {
      if (progress) progress->abandon();
      std::cerr << "haven: interrupted; the review queue is as it was\n";
      return kExitFailure;
    }
    if (progress) progress->finish(blocks);

    std::vector<service::DuplicatePairInput> pairs;
    const size_t keep =
        a.limit > 0 ? std::min(scan.pairs.size(), static_cast<size_t>(a.limit)) : scan.pairs.size();
    pairs.reserve(keep);
    for (size_t i = 0; i < keep; ++i) {
      const auto& p = scan.pairs[i];
      pairs.push_back({p.first, p.second, p.weight, p.probability, p.explanation.text()});
    }
    service::DedupeRun run;
    run.children = children;
    run.pairs_compared = scan.pairs_compared;
    run.min_probability = a.min_probability;
    run.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    auto written = app.duplicates.record_pairs(pairs, run, service::Actor::cli());
    if (!written.ok()) return report(written.error());
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    std::printf(
        "compared %s pairs among %s children; %s likely duplicates%s: queued %s new, refreshed "
        "%s open, kept %s already decided, skipped %s with a merged child, in %s\n",
        group_digits(scan.pairs_compared).c_str(), group_digits(children).c_str(),
        group_digits(scan.pairs.size()).c_str(),
        keep < scan.pairs.size() ? (" (the " + group_digits(keep) + " most likely written)").c_str()
                                 : "",
        group_digits(written->queued).c_str(), group_digits(written->refreshed).c_str(),
        group_digits(written->kept_decided).c_str(), group_digits(written->skipped_merged).c_str(),
        format_duration(seconds).c_str());
    return kExitOk;
  });
}

}  // namespace

void add_dedupe_command(CLI::App& app, Action& action) {
  auto* sub = app.add_subcommand(
      "dedupe",
      "Find children registered twice: scan the name index and write likely duplicate pairs to "
      "the supervisors' review queue (pairs already dismissed or merged stay decided)");
  auto args = std::make_shared<DedupeArgs>();
  add_database_options(*sub, args->common);
  sub->add_option("--min-probability", args->min_probability,
                  "Queue pairs at least this likely to be the same child, above 0 to 1 "
                  "(default 0.75)");
  sub->add_option("--limit", args->limit,
                  "Write at most this many pairs, the most likely first (default 0: all)");
  sub->callback([&action, args] { action = [args]() -> int { return run(*args); }; });
}

}  // namespace haven::cli
