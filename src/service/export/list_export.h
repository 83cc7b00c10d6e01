// List exports ([F5] item 4): the cases, tasks and placements a user may see, written as CSV or
// XLSX to a private temporary file that the caller streams out and removes. The lists come from
// CaseService::list (page by page, 200 rows at a time, so memory stays constant per batch) and
// TaskService::for_actor — the same access rules as the list endpoints, no second access logic.
// Each export is audited once ("export.list": list, filters, format, row count). Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "service/audit_service.h"
#include "service/case_access.h"
#include "service/case_service.h"
#include "service/identity.h"
#include "service/task_service.h"
#include "store/database.h"

namespace haven::service {

enum class ExportList { kCases, kTasks, kPlacements };
enum class ExportFormat { kCsv, kXlsx };

std::optional<ExportList> parse_export_list(std::string_view name);      // "cases", …
std::optional<ExportFormat> parse_export_format(std::string_view name);  // "csv", "xlsx"
std::string_view export_list_name(ExportList list);
std::string_view export_format_name(ExportFormat format);

struct ListExportRequest {
  ExportList list = ExportList::kCases;
  ExportFormat format = ExportFormat::kCsv;
  // The filters of GET /api/v1/cases (status, risk, worker, overdue) for the case and placement
  // lists; sort, cursor and limit are ignored (the export walks every page, newest first).
  CaseListRequest filters;
};

// A finished export in a private temporary file (mode 0600). The file is removed when the last
// copy of `file` goes away, so keep it alive until the bytes are sent.
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();
  const std::string& path() const { return path_; }
  // A new empty file in the system temporary directory, readable only by this process's user.
  static core::Result<std::shared_ptr<TempFile>> create(std::string_view suffix);

 private:
  std::string path_;
};

struct ExportFile {
  std::shared_ptr<TempFile> file;
  std::string file_name;   // e.g. "haven-cases-2026-11-28.csv": no personal data
  std::string media_type;  // text/csv; charset=utf-8 or the XLSX type
  int64_t rows = 0;
  int64_t size_bytes = 0;
};

class ListExportService {
 public:
  ListExportService(store::Database& db, const core::Clock& clock, CaseAccess& case_access,
                    AuditService& audit, CaseService& cases, TaskService& tasks)
      : db_(db),
        clock_(clock),
        case_access_(case_access),
        audit_(audit),
        cases_(cases),
        tasks_(tasks) {}

  // Errors as the list endpoints give them (kInvalidInput for a bad filter, kForbidden for a role
  // that may not read the list), kInternal when the temporary file cannot be written.
  core::Result<ExportFile> export_list(const ListExportRequest& request, const Actor& actor);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  CaseAccess& case_access_;
  AuditService& audit_;
  CaseService& cases_;
  TaskService& tasks_;
};

}  // namespace haven::service
