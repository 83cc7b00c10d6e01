// The import use case: prepare (agency, file, report), a checking pass, then a writing pass in ONE
// transaction, then the audit event.
//
// Why two passes over the file rather than writing while checking and rolling back at the first bad
// row: the write transaction (on SQLite the only writer, which every other user waits for) is held
// only for a file already known to be good, never while a bad one is read to its end; the report
// names every bad row, not just the first, so a file is fixed in one round; and --dry-run is
// exactly the first pass. The price is reading and translating the file twice, which costs far less
// than the inserts. The writing pass checks every row again, so a file changed in between still
// cannot write anything bad (its transaction rolls back).
#include "service/import/import_service.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/id.h"
#include "domain/person_types.h"
#include "service/generate/population_writers.h"
#include "service/import/row_source.h"
#include "store/repositories/agency_repository.h"
#include "store/repositories/child_import_repository.h"
#include "store/repositories/child_repository.h"

namespace haven::service::import {

namespace {

namespace fs = std::filesystem;

constexpr int64_t kProgressEvery = 1000;  // rows between progress calls

std::string csv_cell(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string json_codes(const std::vector<std::string>& codes) {
  std::string out = "[";
  for (size_t i = 0; i < codes.size(); ++i) {
    if (i) out += ',';
    out += nlohmann::json(codes[i]).dump();
  }
  return out + "]";
}

// The error report: CSV written under "<path>.partial" as problems are found, renamed at the end.
class ReportWriter {
 public:
  explicit ReportWriter(std::string path) : path_(std::move(path)) {}
  ~ReportWriter() {
    if (f_) {
      std::fclose(f_);
      std::error_code ec;
      fs::remove(partial(), ec);
    }
  }
  ReportWriter(const ReportWriter&) = delete;
  ReportWriter& operator=(const ReportWriter&) = delete;

  core::Status add(const ImportProblem& p) {
    if (!f_) {
      f_ = std::fopen(partial().c_str(), "wb");
      if (!f_) return core::Error::unavailable("cannot write the error report " + path_);
      std::fputs("row,line,column,value,reason\n", f_);
    }
    const std::string line = std::to_string(p.row) + "," + std::to_string(p.line) + "," +
                             csv_cell(p.problem.column) + "," + csv_cell(p.problem.value) + "," +
                             csv_cell(p.problem.reason) + "\n";
    std::fwrite(line.data(), 1, line.size(), f_);
    return core::ok_status();
  }

  core::Status finish() {
    if (!f_) return core::ok_status();
    const bool ok = std::fflush(f_) == 0 && !std::ferror(f_);
    std::fclose(f_);
    f_ = nullptr;
    std::error_code ec;
    if (ok) fs::rename(partial(), path_, ec);
    if (!ok || ec) {
      fs::remove(partial(), ec);
      return core::Error::unavailable("cannot write the error report " + path_);
    }
    return core::ok_status();
  }

 private:
  std::string partial() const { return path_ + ".partial"; }
  std::string path_;
  std::FILE* f_ = nullptr;
};

store::ChildImportRow to_row(ImportedChild&& in, const std::string& agency_id,
                             core::Timestamp now) {
  domain::Child& c = in.child;
  store::ChildImportRow row;
  row.id = in.id.empty() ? core::new_id(now) : std::move(in.id);
  row.agency_id = agency_id;
  row.given_names = std::move(c.given_names);
  row.family_names = std::move(c.family_names);
  row.names_original_script = std::move(c.names_original_script);
  row.sex = std::string(domain::to_code(c.sex));
  if (c.birth_date) row.birth_date = c.birth_date->to_string();
  row.birth_date_estimated = c.birth_date_estimated;
  row.nationalities = json_codes(c.nationalities);
  row.languages = json_codes(c.languages);
  row.created_at = now.ms;
  return row;
}

bool maps_identity_numbers(const ImportMapping& mapping) {
  for (const auto& f : mapping.fields)
    if (f.field == ImportField::kIdentityNumber) return true;
  return false;
}

// The blind index of each identity number of a row translated without problems (fails only for a
// number the normaliser cannot read, e.g. nothing but separators): appended, or a problem.
bool index_numbers(const KeyService* keys, const ImportMapping& mapping, const ImportedChild& child,
                   std::vector<std::string>& bidx, std::vector<RowProblem>& problems) {
  bidx.clear();
  for (const auto& n : child.child.identity_numbers) {
    auto b = keys->blind_index(domain::to_code(n.kind), n.value);
    if (!b.ok()) {
      std::string column;
      for (const auto& f : mapping.fields)
        if (f.field == ImportField::kIdentityNumber) column = f.column;
      problems.push_back({column, n.value, "identity_number: " + b.error().message});
      return false;
    }
    bidx.push_back(std::move(*b));
  }
  return true;
}

bool cancelled(const ImportControl& control) {
  return control.cancel && control.cancel->load();
}

}  // namespace

core::Result<std::pair<std::string, std::string>> ImportService::prepare(
    const ImportRequest& request) {
  std::optional<store::AgencyRow> agency;
  try {
    auto found = db_.read([&](store::Tx& tx) -> core::Result<store::AgencyRow> {
      if (request.agency.empty()) {  // the only agency, if there is exactly one
        auto all = store::AgencyRepository::list(tx);
        if (all.size() == 1) return all.front();
        return core::Error::invalid(
            all.empty() ? "the database has no agency yet; create one with `haven agency add`."
                        : "the database has several agencies: give --agency NAME.");
      }
      if (core::is_valid_id(request.agency)) {
        if (auto a = store::AgencyRepository::find(tx, request.agency)) return *a;
      }
      auto named = store::AgencyRepository::find_by_name(tx, request.agency);
      if (named.empty())
        return core::Error::invalid("no agency is named or has the id \"" + request.agency +
                                    "\"; see `haven agency list`.");
      if (named.size() > 1)
        return core::Error::invalid("several agencies are named \"" + request.agency +
                                    "\"; give the agency's id instead.");
      return named.front();
    });
    if (!found.ok()) return found.take_error();
    agency = *found;
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  auto source = RowSource::open(request.path, request.format, request.mapping);
  if (!source.ok()) return source.take_error();
  if (!request.errors_path.empty()) {
    const fs::path p(request.errors_path);
    std::error_code ec;
    if (fs::is_directory(p, ec))
      return core::Error::invalid("the error report " + request.errors_path + " is a folder.");
    const std::string probe = request.errors_path + ".partial";
    std::FILE* f = std::fopen(probe.c_str(), "wb");
    if (!f)
      return core::Error::invalid("cannot write the error report " + request.errors_path + ".");
    std::fclose(f);
    fs::remove(probe, ec);
  }
  if (maps_identity_numbers(request.mapping) && !keys_)
    return core::Error::invalid(
        "the mapping names identity_number, which is stored encrypted: the import needs the "
        "database's master key.");
  return std::make_pair(agency->id, agency->name);
}

core::Result<ImportOutcome> ImportService::run(const ImportRequest& request, const Actor& actor,
                                               const ImportControl& control) {
  // Import is an operator's bulk load: only the command line (which holds the database) runs it.
  if (actor.principal)
    return core::Error::forbidden("Importing children is done with `haven import` by an operator.");
  auto prepared = prepare(request);
  if (!prepared.ok()) return prepared.take_error();
  ImportOutcome out;
  out.dry_run = request.dry_run;
  out.agency_id = prepared->first;
  out.agency_name = prepared->second;
  const core::Date today = core::Date::of(clock_.now());
  const std::string import_id = core::new_id(clock_.now());  // names the run in the audit log

  auto audit_record = [&](const std::string& outcome, const std::string& note) {
    nlohmann::json details{{"file", fs::path(request.path).filename().string()},
                           {"rows", out.rows},
                           {"bad_rows", out.bad_rows},
                           {"imported", out.imported},
                           {"dry_run", request.dry_run},
                           {"agency_id", out.agency_id}};
    if (!note.empty()) details["note"] = note;
    return AuditRecord{actor.actor_id(), actor.role(),  out.agency_id, "child.import",
                       "import",         import_id,     "data_import", outcome,
                       actor.request_id, details.dump()};
  };
  auto fail = [&](core::Error error, const std::string& note) -> core::Result<ImportOutcome> {
    (void)audit_.append(audit_record("failure", note));
    return error;
  };

  // Pass 1: check every row; problems go to the report as found.
  {
    auto opened = RowSource::open(request.path, request.format, request.mapping);
    if (!opened.ok()) return opened.take_error();
    RowSource& source = **opened;
    if (control.pass_started) control.pass_started("check", source.file_size(), 0);
    ReportWriter report(request.errors_path);
    std::vector<Cell> cells;
    std::optional<RowProblem> broken;
    std::vector<RowProblem> problems;
    std::vector<std::string> bidx;
    for (;;) {
      if (cancelled(control)) return fail(core::Error::unavailable("interrupted"), "interrupted");
      auto more = source.next(cells, broken);
      if (!more.ok()) return fail(more.take_error(), "the file could not be read");
      if (!*more) break;
      ++out.rows;
      problems.clear();
      if (broken) {
        problems.push_back(*broken);
      } else if (auto child = translate_row(request.mapping, cells, today, problems);
                 child && !child->child.identity_numbers.empty()) {
        (void)index_numbers(keys_, request.mapping, *child, bidx, problems);
      }
      if (!problems.empty()) {
        ++out.bad_rows;
        for (auto& p : problems) {
          ImportProblem ip{source.row(), source.line(), std::move(p)};
          ++out.problems;
          if (!request.errors_path.empty()) {
            if (auto w = report.add(ip); !w.ok()) return fail(w.take_error(), "report failed");
          }
          if (out.first_problems.size() < kSummaryProblems)
            out.first_problems.push_back(std::move(ip));
        }
      }
      if (control.progress && out.rows % kProgressEvery == 0)
        control.progress("check", out.rows, source.bytes_read());
    }
    if (control.progress) control.progress("check", out.rows, source.bytes_read());
    if (auto w = report.finish(); !w.ok()) return fail(w.take_error(), "report failed");
  }
  if (out.bad_rows > 0) {
    (void)audit_.append(audit_record("failure", "bad rows: nothing imported"));
    return out;
  }
  if (request.dry_run) {
    (void)audit_.append(audit_record("success", "dry run: nothing written"));
    return out;
  }

  // Pass 2: the same rows again, written in one transaction with the audit event.
  const core::Timestamp now = clock_.now();
  try {
    auto written = db_.write([&](store::Tx& tx) -> core::Result<int64_t> {
      auto opened = RowSource::open(request.path, request.format, request.mapping);
      if (!opened.ok()) return opened.take_error();
      RowSource& source = **opened;
      if (control.pass_started) control.pass_started("write", source.file_size(), out.rows);
      store::ChildImportWriter writer(tx);
      std::vector<Cell> cells;
      std::optional<RowProblem> broken;
      std::vector<RowProblem> problems;
      std::vector<std::string> bidx;
      // Identity numbers wait until their children's rows are written (a foreign key).
      std::vector<store::IdentityNumberRow> numbers;
      std::optional<security::FieldCipher> cipher;
      if (keys_) cipher.emplace(keys_->cipher());
      auto write_numbers = [&] {
        writer.flush();
        for (const auto& n : numbers) store::ChildRepository::insert_identity_number(tx, n);
        numbers.clear();
      };
      int64_t rows = 0;
      for (;;) {
        if (cancelled(control)) return core::Error::unavailable("interrupted");
        auto more = source.next(cells, broken);
        if (!more.ok()) return more.take_error();
        if (!*more) break;
        ++rows;
        problems.clear();
        auto child = broken ? std::nullopt : translate_row(request.mapping, cells, today, problems);
        if (child && !child->child.identity_numbers.empty() &&
            !index_numbers(keys_, request.mapping, *child, bidx, problems))
          child.reset();
        if (!child)
          return core::Error::conflict("the file changed while it was imported (row " +
                                       std::to_string(source.row()) +
                                       " is no longer valid); nothing was imported.");
        const std::vector<domain::IdentityNumber> ids = std::move(child->child.identity_numbers);
        store::ChildImportRow row = to_row(std::move(*child), out.agency_id, now);
        // Sealed as ReportService::intake seals a child's numbers: bound to the row's own id.
        for (size_t i = 0; i < ids.size(); ++i) {
          store::IdentityNumberRow in;
          in.id = core::new_id(now);
          in.child_id = row.id;
          in.kind = std::string(domain::to_code(ids[i].kind));
          in.country = ids[i].country;
          auto ct = cipher->encrypt(ids[i].value, {"identity_numbers", "value_ct", in.id});
          if (!ct.ok()) return ct.take_error();
          in.value_ct = store::Blob{std::move(*ct)};
          in.value_bidx = std::move(bidx[i]);
          in.created_at = now.ms;
          numbers.push_back(std::move(in));
        }
        writer.add(std::move(row));
        if (numbers.size() >= 1000) write_numbers();
        if (control.progress && rows % kProgressEvery == 0)
          control.progress("write", rows, source.bytes_read());
      }
      write_numbers();
      if (rows != out.rows)
        return core::Error::conflict(
            "the file changed while it was imported; nothing was imported.");
      if (control.progress) control.progress("write", rows, source.bytes_read());
      // The last moment a Ctrl-C can still undo everything; after this the commit runs.
      if (cancelled(control)) return core::Error::unavailable("interrupted");
      out.imported = writer.written();
      audit_.record(tx, audit_record("success", ""));
      return writer.written();
    });
    if (!written.ok()) {
      out.imported = 0;
      const core::Error& e = written.error();
      return fail(e, e.message == "interrupted" ? "interrupted" : e.message);
    }
  } catch (const store::DbError& e) {
    out.imported = 0;
    core::Error error = store::to_error(e);
    if (e.kind() == store::DbError::Kind::kConstraint)
      error.message =
          "The database refused a row (an id that is already used, if the mapping names `id`); "
          "nothing was imported.";
    return fail(std::move(error), "database refused the import");
  }
  // PostgreSQL plans from statistics: give it some for the rows just added (nothing on SQLite).
  // The import is committed; statistics that fail now are gathered by autovacuum later.
  try {
    generate::analyze(db_);
  } catch (const store::DbError&) {
  }
  return out;
}

}  // namespace haven::service::import
