// Writing the case, task and placement lists to CSV or XLSX, page by page, and auditing the export.
#include "service/export/list_export.h"

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <system_error>

#include "core/date.h"
#include "service/export/csv_writer.h"
#include "service/export/xlsx_writer.h"
#include "store/repositories/placement_repository.h"
#include "store/repositories/user_repository.h"

namespace haven::service {

std::optional<ExportList> parse_export_list(std::string_view name) {
  if (name == "cases") return ExportList::kCases;
  if (name == "tasks") return ExportList::kTasks;
  if (name == "placements") return ExportList::kPlacements;
  return std::nullopt;
}
std::optional<ExportFormat> parse_export_format(std::string_view name) {
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "xlsx") return ExportFormat::kXlsx;
  return std::nullopt;
}
std::string_view export_list_name(ExportList list) {
  switch (list) {
    case ExportList::kCases:
      return "cases";
    case ExportList::kTasks:
      return "tasks";
    case ExportList::kPlacements:
      return "placements";
  }
  return "cases";
}
std::string_view export_format_name(ExportFormat format) {
  return format == ExportFormat::kCsv ? "csv" : "xlsx";
}

TempFile::~TempFile() {
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

core::Result<std::shared_ptr<TempFile>> TempFile::create(std::string_view suffix) {
  std::error_code ec;
  auto dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string path = (dir / "haven-export-XXXXXX").string() + std::string(suffix);
  // mkstemps creates the file with mode 0600 and a name nobody could have guessed.
  int fd = ::mkstemps(path.data(), static_cast<int>(suffix.size()));
  if (fd < 0) return core::Error::internal("The export file could not be created.");
  ::close(fd);
  return std::make_shared<TempFile>(std::move(path));
}

namespace {

// Rows to the chosen format.
class Sink {
 public:
  static core::Result<std::unique_ptr<Sink>> open(ExportFormat format, const std::string& path,
                                                  const std::string& sheet) {
    auto s = std::make_unique<Sink>();
    if (format == ExportFormat::kCsv) {
      s->out_.open(path, std::ios::binary | std::ios::trunc);
      if (!s->out_) return core::Error::internal("The export file could not be opened.");
      s->csv_ = std::make_unique<CsvWriter>(s->out_);
    } else {
      auto x = XlsxWriter::open(path, sheet);
      if (!x.ok()) return x.take_error();
      s->xlsx_ = std::move(*x);
    }
    return core::Result<std::unique_ptr<Sink>>(std::move(s));
  }
  core::Status row(const std::vector<std::string>& cells) {
    if (csv_) {
      csv_->row(cells);
      if (!out_) return core::Error::internal("The export file could not be written.");
      return core::Status();
    }
    return xlsx_->row(cells);
  }
  core::Status finish() {
    if (csv_) {
      out_.close();
      if (!out_) return core::Error::internal("The export file could not be written.");
      return core::Status();
    }
    return xlsx_->close();
  }

 private:
  std::ofstream out_;
  std::unique_ptr<CsvWriter> csv_;
  std::unique_ptr<XlsxWriter> xlsx_;
};

std::string text(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  return v.dump();
}

// Display names of the workers the rows name, looked up once per export.
class WorkerNames {
 public:
  explicit WorkerNames(store::Database& db) : db_(db) {}
  void load(const std::vector<std::string>& ids) {
    std::vector<std::string> missing;
    for (const auto& id : ids)
      if (!id.empty() && !names_.count(id)) missing.push_back(id);
    if (missing.empty()) return;
    db_.read([&](store::Tx& tx) {
      for (const auto& id : missing) {
        auto u = store::UserRepository::find(tx, id);
        names_[id] = u ? u->display_name : "";
      }
    });
  }
  std::string name(const std::string& id) const {
    auto it = names_.find(id);
    return it == names_.end() ? "" : it->second;
  }

 private:
  store::Database& db_;
  std::map<std::string, std::string> names_;
};

// The placements of the cases `ids`, by case, each with the case fields the access policy reads
// (CaseAccess::resource_of): one query for a page of cases instead of two per case.
using CasePlacements = std::pair<store::CaseRow, std::vector<store::PlacementRow>>;
std::map<std::string, CasePlacements> placements_of(store::Tx& tx,
                                                    const std::vector<std::string>& ids) {
  std::map<std::string, CasePlacements> out;
  if (ids.empty()) return out;
  std::string in;
  store::Params p;
  for (const auto& id : ids) {
    p.push_back(id);
    in += (in.empty() ? "$" : ", $") + std::to_string(p.size());
  }
  const std::string sql =
      "SELECT c.id, c.case_number, c.agency_id, a.country, c.assigned_worker_id, c.team_id, "
      "c.restricted, c.created_by, p.id, p.type, p.provider, p.start_on, p.end_on, p.reason, "
      "p.end_reason, p.exit_destination FROM placements p JOIN cases c ON c.id = p.case_id "
      "JOIN agencies a ON a.id = c.agency_id WHERE p.case_id IN (" +
      in + ") ORDER BY p.case_id, p.start_on, p.id";
  // Their coded entry reasons (migration 0016), in a second query for the same page.
  std::map<std::string, std::vector<std::string>> reasons;
  for (const store::Row& r : tx.query("SELECT placement_id, reason FROM placement_entry_reasons "
                                      "WHERE placement_id IN (SELECT id FROM placements WHERE "
                                      "case_id IN (" +
                                          in + ")) ORDER BY placement_id, reason",
                                      p))
    reasons[r.text(0)].push_back(r.text(1));
  for (const store::Row& r : tx.query(sql, p)) {
    auto& [c, placements] = out[r.text(0)];
    if (c.id.empty()) {
      c.id = r.text(0);
      c.case_number = r.text(1);
      c.agency_id = r.text(2);
      c.country = r.text(3);
      c.assigned_worker_id = r.opt_text(4);
      c.team_id = r.opt_text(5);
      c.restricted = r.boolean(6);
      c.created_by = r.opt_text(7).value_or("");
    }
    store::PlacementRow x;
    x.id = r.text(8);
    x.case_id = c.id;
    x.type = r.text(9);
    x.provider = r.text(10);
    x.start_on = r.text(11);
    x.end_on = r.opt_text(12);
    x.reason = r.text(13);
    x.end_reason = r.text(14);
    x.exit_destination = r.opt_text(15);
    if (auto it = reasons.find(x.id); it != reasons.end()) x.entry_reasons = std::move(it->second);
    placements.push_back(std::move(x));
  }
  return out;
}

nlohmann::json filters_json(const ListExportRequest& r) {
  nlohmann::json f = nlohmann::json::object();
  if (r.filters.status) f["status"] = *r.filters.status;
  if (r.filters.risk) f["risk"] = *r.filters.risk;
  if (r.filters.worker) f["worker"] = *r.filters.worker;
  if (r.filters.overdue_only) f["overdue"] = true;
  return f;
}

}  // namespace

core::Result<ExportFile> ListExportService::export_list(const ListExportRequest& request,
                                                        const Actor& actor) {
  if (request.list == ExportList::kTasks &&
      (request.filters.status || request.filters.risk || request.filters.worker ||
       request.filters.overdue_only))
    return core::Error::invalid("The task list has no filters: it is always your own.",
                                {{"status", "Leave the filters empty for the task list."}});

  const std::string list_name(export_list_name(request.list));
  const std::string ext(export_format_name(request.format));
  auto file = TempFile::create("." + ext);
  if (!file.ok()) return file.take_error();
  auto sink = Sink::open(request.format, (*file)->path(), list_name);
  if (!sink.ok()) return sink.take_error();
  Sink& out = **sink;
  int64_t rows = 0;
  WorkerNames workers(db_);

  try {
    if (request.list == ExportList::kTasks) {
      auto tasks = tasks_.for_actor(actor);
      if (!tasks.ok()) return tasks.take_error();
      HAVEN_TRY(out.row(
          {"due_date", "state", "task", "label", "risk", "audience", "case_number", "case_id"}));
      for (const auto& t : (*tasks)["tasks"]) {
        HAVEN_TRY(out.row({text(t["due_date"]), text(t["state"]), text(t["kind"]), text(t["label"]),
                           text(t["risk"]), text(t["audience"]), text(t["case_number"]),
                           text(t["case_id"])}));
        ++rows;
      }
    } else {
      if (request.list == ExportList::kCases)
        HAVEN_TRY(out.row({"case_number", "status", "risk_level", "urgency", "assigned_worker",
                           "opened_at", "overdue", "case_id"}));
      else
        HAVEN_TRY(out.row({"case_number", "placement_type", "provider", "start_on", "end_on",
                           "reason", "end_reason", "placement_id", "case_id", "entry_reasons",
                           "exit_destination"}));
      // Walk CaseService::list page by page: its filters, its access rules, its restriction
      // check. Memory holds one page (200 cases and their placements) at a time.
      if (request.list == ExportList::kPlacements && actor.principal) {
        // A user (or a token) without placement reads is refused once, before any row, rather
        // than given a file with the header only (one audited refusal per case, as before).
        store::CaseRow own_agency;
        own_agency.agency_id = actor.principal->agency_id;
        own_agency.country = actor.principal->country;
        HAVEN_TRY(case_access_.authorize(actor, security::Action::kRead, own_agency,
                                         security::ResourceKind::kPlacement));
      }
      CaseListRequest page = request.filters;
      page.sort = "-opened_at";
      page.limit = 200;
      page.cursor.clear();
      while (true) {
        auto listed = cases_.list(page, actor);
        if (!listed.ok()) return listed.take_error();
        const auto& items = (*listed)["items"];
        if (request.list == ExportList::kCases) {
          std::vector<std::string> ids;
          for (const auto& c : items) ids.push_back(text(c["assigned_worker_id"]));
          workers.load(ids);
          for (const auto& c : items) {
            HAVEN_TRY(out.row({text(c["case_number"]), text(c["status"]), text(c["risk_level"]),
                               text(c["urgency"]), workers.name(text(c["assigned_worker_id"])),
                               core::to_rfc3339(core::Timestamp{c["opened_at"].get<int64_t>()}),
                               text(c["overdue"]), text(c["id"])}));
            ++rows;
          }
        } else {
          // The placements of the listed cases in one query per page, each case asked for
          // placement reads too (in memory: the policy needs only the case's own fields).
          std::vector<std::string> ids;
          for (const auto& c : items) ids.push_back(c["id"].get<std::string>());
          auto placements = db_.read([&](store::Tx& tx) { return placements_of(tx, ids); });
          for (const auto& id : ids) {
            auto it = placements.find(id);
            if (it == placements.end()) continue;
            const auto& [c, rows_of_case] = it->second;
            if (!case_access_
                     .authorize(actor, security::Action::kRead, c,
                                security::ResourceKind::kPlacement)
                     .ok())
              continue;
            for (const auto& p : rows_of_case) {
              std::string codes;  // the coded entry reasons, space-separated
              for (const auto& code : p.entry_reasons) codes += (codes.empty() ? "" : " ") + code;
              HAVEN_TRY(out.row({c.case_number, p.type, p.provider, p.start_on,
                                 p.end_on.value_or(""), p.reason, p.end_reason, p.id, c.id, codes,
                                 p.exit_destination.value_or("")}));
              ++rows;
            }
          }
        }
        const auto& next = (*listed)["next_cursor"];
        if (next.is_null()) break;
        page.cursor = next.get<std::string>();
      }
    }
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  HAVEN_TRY(out.finish());

  ExportFile result;
  result.file = *file;
  std::error_code ec;
  result.size_bytes = static_cast<int64_t>(std::filesystem::file_size((*file)->path(), ec));
  result.rows = rows;
  result.file_name =
      "haven-" + list_name + "-" + core::Date::of(clock_.now()).to_string() + "." + ext;
  result.media_type = request.format == ExportFormat::kCsv
                          ? "text/csv; charset=utf-8"
                          : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  nlohmann::json details{
      {"list", list_name}, {"format", ext}, {"filters", filters_json(request)}, {"rows", rows}};
  HAVEN_TRY(
      audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "export.list", "export",
                     list_name, "case_management", "success", actor.request_id, details.dump()}));
  return result;
}

}  // namespace haven::service
