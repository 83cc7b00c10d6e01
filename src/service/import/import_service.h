// `haven import`: children from a CSV or JSON-lines file, translated by a mapping file, checked row
// by row with the domain's rules, and written all or nothing — a file with any bad row imports
// nothing and yields an error report naming each row, column and reason. Every run (dry runs and
// refusals too) is one audit event.
//
// Memory stays constant whatever the file's size: the file is streamed twice (see
// import_service.cpp for why), and errors go to the report file as they are found, only the first
// few kept for the summary. A mapped identity number is stored as the services store one: the
// value encrypted (identity_numbers.value_ct) beside its blind index, under the KeyService.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "service/import/import_mapping.h"
#include "service/key_service.h"
#include "store/database.h"

namespace haven::service::import {

struct ImportRequest {
  std::string path;  // the file
  ImportMapping mapping;
  ImportFormat format = ImportFormat::kCsv;
  std::string agency;  // name or id of the agency the children join; empty: the only agency
  bool dry_run = false;
  std::string errors_path;  // the error report (CSV), written only when a row is bad
};

// One problem of one row, as the report lists it.
struct ImportProblem {
  int64_t row = 0;   // 1 = the first data row (CSV: the line after the header)
  int64_t line = 0;  // the line of the file on which the row starts
  RowProblem problem;
};

struct ImportOutcome {
  int64_t rows = 0;      // data rows read
  int64_t bad_rows = 0;  // rows with at least one problem
  int64_t problems = 0;  // problems in all (a row may have several)
  int64_t imported = 0;  // children written (0 for a dry run or a file with bad rows)
  bool dry_run = false;
  std::vector<ImportProblem> first_problems;  // up to kSummaryProblems, for the summary
  std::string agency_id;
  std::string agency_name;
};
inline constexpr size_t kSummaryProblems = 20;

struct ImportControl {
  // Called now and then: which pass ("check" or "write"), rows so far, bytes of the file so far.
  std::function<void(std::string_view pass, int64_t rows, uint64_t bytes)> progress;
  // Called once when a pass starts, with the file size in bytes and (for "write") the row count.
  std::function<void(std::string_view pass, uint64_t bytes, int64_t rows)> pass_started;
  // Polled between rows; when it becomes true the import stops (error "interrupted") and the
  // database is as it was.
  const std::atomic<bool>* cancel = nullptr;
};

class ImportService {
 public:
  // `keys` encrypts and indexes identity numbers; a mapping that names identity_number needs it.
  ImportService(store::Database& db, const core::Clock& clock, AuditService& audit,
                const KeyService* keys = nullptr)
      : db_(db), clock_(clock), audit_(audit), keys_(keys) {}

  // Everything that can be checked before a row is read: the agency exists (kInvalidInput naming
  // it otherwise), the file opens and has the mapped columns, the error report can be written, a
  // mapped identity number has a key service to seal it.
  // Returns the agency's id and name.
  core::Result<std::pair<std::string, std::string>> prepare(const ImportRequest& request);

  // Runs the import. An outcome with bad_rows > 0 means nothing was written and the report is at
  // request.errors_path. Errors: those of prepare(), kUnavailable "interrupted", a database failure
  // (a duplicate id when `id` is mapped, the database down) — in every case nothing is written.
  core::Result<ImportOutcome> run(const ImportRequest& request, const Actor& actor,
                                  const ImportControl& control = {});

 private:
  store::Database& db_;
  const core::Clock& clock_;
  AuditService& audit_;
  const KeyService* keys_;
};

}  // namespace haven::service::import
