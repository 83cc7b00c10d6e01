// `haven import FILE --mapping M.toml`: children from CSV or JSON lines, all or nothing. Bad usage
// (unknown mapping field, unreadable file, unknown format or agency) stops with exit 2 before any
// work; a file with bad rows imports nothing, writes the error report and exits 2; Ctrl-C leaves
// the database as it was.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/progress.h"
#include "core/clock.h"
#include "service/audit_service.h"
#include "service/import/import_service.h"
#include "service/key_service.h"
#include "store/database.h"

namespace haven::cli {

namespace {

namespace imp = service::import;

std::atomic<bool> g_import_interrupted{false};
extern "C" void on_import_interrupt(int) {
  g_import_interrupted.store(true);
}

// Catches SIGINT and SIGTERM for the life of the run, then puts the previous handlers back.
class ImportInterruptGuard {
 public:
  ImportInterruptGuard() {
    g_import_interrupted = false;
    old_int_ = std::signal(SIGINT, on_import_interrupt);
    old_term_ = std::signal(SIGTERM, on_import_interrupt);
  }
  ~ImportInterruptGuard() {
    std::signal(SIGINT, old_int_);
    std::signal(SIGTERM, old_term_);
  }
  ImportInterruptGuard(const ImportInterruptGuard&) = delete;
  ImportInterruptGuard& operator=(const ImportInterruptGuard&) = delete;

 private:
  void (*old_int_)(int) = SIG_DFL;
  void (*old_term_)(int) = SIG_DFL;
};

struct ImportArgs {
  CommonOptions common;
  std::string file;
  std::string mapping;
  std::string format;
  std::string agency;
  std::string errors;
  bool dry_run = false;
};

// --format, else the mapping's [source] format, else the file name's extension.
core::Result<imp::ImportFormat> resolve_format(const ImportArgs& a, const imp::ImportMapping& m) {
  if (a.format == "csv") return imp::ImportFormat::kCsv;
  if (a.format == "jsonl") return imp::ImportFormat::kJsonLines;
  if (!a.format.empty())
    return core::Error::invalid("unknown --format '" + a.format + "' (csv or jsonl)");
  if (m.format) return *m.format;
  auto ends = [&](std::string_view suffix) {
    return a.file.size() >= suffix.size() &&
           a.file.compare(a.file.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends(".csv")) return imp::ImportFormat::kCsv;
  if (ends(".jsonl") || ends(".ndjson")) return imp::ImportFormat::kJsonLines;
  return core::Error::invalid("cannot tell the format of " + a.file +
                              ": give --format csv or --format jsonl");
}

void print_problems(const imp::ImportOutcome& out, const std::string& report) {
  std::fprintf(stderr, "haven: %s of %s rows are bad; nothing was imported.\n",
               group_digits(static_cast<uint64_t>(out.bad_rows)).c_str(),
               group_digits(static_cast<uint64_t>(out.rows)).c_str());
  for (const auto& p : out.first_problems) {
    std::fprintf(stderr, "  row %lld (line %lld)%s%s: %s\n", static_cast<long long>(p.row),
                 static_cast<long long>(p.line), p.problem.column.empty() ? "" : ", column ",
                 p.problem.column.c_str(), p.problem.reason.c_str());
  }
  if (out.problems > static_cast<int64_t>(out.first_problems.size()))
    std::fprintf(
        stderr, "  … and %s more\n",
        group_digits(static_cast<uint64_t>(out.problems) - out.first_problems.size()).c_str());
  std::fprintf(stderr, "haven: every problem is listed in %s\n", report.c_str());
}

int run(ImportArgs a) {
  using SteadyClock = std::chrono::steady_clock;
  // 1. Everything the user typed, before any work.
  auto mapping = imp::load_mapping(a.mapping);
  if (!mapping.ok()) return report(mapping.error());
  auto format = resolve_format(a, *mapping);
  if (!format.ok()) return report(format.error());
  if (a.errors.empty()) a.errors = a.file + ".errors.csv";

  auto settings = load_settings(a.common);
  if (!settings.ok()) return report(settings.error());
  int code = kExitOk;
  // Children are imported into an agency of an existing database: a new one has none.
  auto db = open_database(*settings, code, /*server=*/false, MissingDatabase::kRefuse);
  if (!db) return code;
  HAVEN_CLI_MIGRATED(*db);
  const core::Clock& clock = core::SystemClock::instance();
  service::AuditService audit(*db, clock);
  // Identity numbers are sealed under the database's key ring, as the services seal them.
  std::unique_ptr<service::KeyService> keys;
  const bool numbers = std::any_of(mapping->fields.begin(), mapping->fields.end(), [](auto& f) {
    return f.field == imp::ImportField::kIdentityNumber;
  });
  if (numbers) {
    auto ring = service::KeyService::open_ring(*db, clock, settings->master_key_file, true);
    if (!ring.ok()) return report(ring.error());
    if (ring->created)
      std::fprintf(stderr, "created a new master key at %s — back it up\n", ring->source.c_str());
    keys = std::make_unique<service::KeyService>(*db, clock, ring->master, ring->ring);
  }
  imp::ImportService imports(*db, clock, audit, keys.get());
  imp::ImportRequest request{a.file,  std::move(mapping).value(), *format, a.agency, a.dry_run,
                             a.errors};
  if (auto ready = imports.prepare(request); !ready.ok()) return report(ready.error());

  // 2. The work, interruptible, with progress: bytes while checking, rows while writing.
  ImportInterruptGuard guard;
  std::unique_ptr<Progress> progress;
  uint64_t last_done = 0;
  imp::ImportControl control;
  control.cancel = &g_import_interrupted;
  control.pass_started = [&](std::string_view pass, uint64_t bytes, int64_t rows) {
    if (progress) progress->finish(last_done);
    ProgressOptions popts;
    popts.what = pass == "check" ? "bytes" : "rows";
    const bool writing = pass == "write";
    progress =
        std::make_unique<Progress>("import: " + std::string(pass),
                                   writing ? static_cast<uint64_t>(rows) : bytes, stderr, popts);
    last_done = 0;
    if (writing)
      progress->note("all " + group_digits(static_cast<uint64_t>(rows)) +
                     " rows are valid; writing them in one transaction");
  };
  control.progress = [&](std::string_view pass, int64_t rows, uint64_t bytes) {
    last_done = pass == "check" ? bytes : static_cast<uint64_t>(rows);
    if (progress) progress->update(last_done);
  };
  const auto started = SteadyClock::now();
  auto outcome = imports.run(request, service::Actor::cli(), control);
  if (progress) {
    if (outcome.ok() && outcome->bad_rows == 0) {
      progress->finish(last_done);
    } else {
      progress->abandon();
    }
  }
  const double seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
  if (!outcome.ok()) {
    if (g_import_interrupted.load() || outcome.error().message == "interrupted") {
      std::cerr << "haven: interrupted; " << db->url().masked()
                << " is as it was (nothing was imported)\n";
      return kExitFailure;
    }
    return report(outcome.error());
  }
  if (outcome->bad_rows > 0) {
    print_problems(*outcome, a.errors);
    return kExitUsage;
  }
  if (outcome->dry_run) {
    std::printf("checked %s rows of %s in %.1f s: all valid (dry run, nothing written)\n",
                group_digits(static_cast<uint64_t>(outcome->rows)).c_str(), a.file.c_str(),
                seconds);
  } else {
    std::printf("imported %s children from %s into agency %s in %.1f s\n",
                group_digits(static_cast<uint64_t>(outcome->imported)).c_str(), a.file.c_str(),
                outcome->agency_name.c_str(), seconds);
  }
  return kExitOk;
}

}  // namespace

void add_import_command(CLI::App& app, Action& action) {
  auto* sub = app.add_subcommand(
      "import",
      "Import children from a CSV or JSON-lines file through a mapping file: all or nothing, "
      "with an error report naming each bad row, column and reason");
  auto args = std::make_shared<ImportArgs>();
  add_database_options(*sub, args->common);
  sub->add_option("file", args->file, "The CSV or JSON-lines file")->required();
  sub->add_option("--mapping", args->mapping,
                  "TOML file naming which column feeds which field (docs/DATA.md)")
      ->required();
  sub->add_option(
      "--format", args->format,
      "csv | jsonl (default: the mapping's [source] format, else the file's extension)");
  sub->add_option("--agency", args->agency,
                  "Name or id of the agency the children belong to (default: the only one)");
  sub->add_option("--errors", args->errors,
                  "Where the error report goes (CSV; default FILE.errors.csv)");
  sub->add_flag("--dry-run", args->dry_run, "Check every row, write nothing");
  sub->callback([&action, args] { action = [args]() -> int { return run(*args); }; });
}

}  // namespace haven::cli
