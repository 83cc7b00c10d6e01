// SQL for children added by an import.
#include "store/repositories/child_import_repository.h"

namespace haven::store {

namespace {
constexpr size_t kChildImportColumns = 12;
}

ChildImportWriter::ChildImportWriter(Tx& tx)
    : tx_(tx), rows_per_statement_(tx.backend() == Backend::kSqlite ? 1 : 200) {
  pending_.reserve(rows_per_statement_);
}

void ChildImportWriter::add(ChildImportRow row) {
  pending_.push_back(std::move(row));
  if (pending_.size() >= rows_per_statement_) flush();
}

void ChildImportWriter::flush() {
  if (pending_.empty()) return;
  const size_t rows = pending_.size();
  if (sql_.size() < rows) sql_.resize(rows);
  std::string& sql = sql_[rows - 1];
  if (sql.empty()) {
    sql =
        "INSERT INTO children (id, agency_id, given_names, family_names, names_original_script, "
        "sex, birth_date, birth_date_estimated, nationalities, languages, version, created_at, "
        "updated_at) VALUES ";
    size_t n = 0;
    for (size_t r = 0; r < rows; ++r) {
      sql += r ? ", (" : "(";
      for (size_t c = 0; c < kChildImportColumns; ++c) {
        sql += c ? ", $" : "$";
        sql += std::to_string(++n);
        if (c == 9) sql += ", 1";  // version
      }
      sql += ')';
    }
  }
  params_.clear();
  for (auto& r : pending_) {
    params_.emplace_back(std::move(r.id));
    params_.emplace_back(std::move(r.agency_id));
    params_.emplace_back(std::move(r.given_names));
    params_.emplace_back(std::move(r.family_names));
    params_.push_back(r.names_original_script.empty() ? Value{}
                                                      : Value{std::move(r.names_original_script)});
    params_.emplace_back(std::move(r.sex));
    params_.push_back(r.birth_date ? Value{std::move(*r.birth_date)} : Value{});
    params_.emplace_back(int64_t{r.birth_date_estimated ? 1 : 0});
    params_.emplace_back(std::move(r.nationalities));
    params_.emplace_back(std::move(r.languages));
    params_.emplace_back(r.created_at);
    params_.emplace_back(r.created_at);
  }
  tx_.execute(sql, params_);
  written_ += static_cast<int64_t>(rows);
  pending_.clear();
}

}  // namespace haven::store
