// Children as `haven import` writes them: rows of the base `children` columns, inserted in batches
// inside the caller's one transaction (many rows per statement on PostgreSQL, where each statement
// is a round trip; one per statement on SQLite, where that is fastest). No rules here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct ChildImportRow {
  std::string id;
  std::string agency_id;
  std::string given_names;
  std::string family_names;
  std::string names_original_script;      // empty: NULL
  std::string sex;                        // domain code
  std::optional<std::string> birth_date;  // YYYY-MM-DD
  bool birth_date_estimated = false;
  std::string nationalities;  // JSON array of codes
  std::string languages;      // JSON array of codes
  int64_t created_at = 0;
};

// Buffers rows and writes them through `tx`; flush() before the transaction commits. Throws
// DbError like every statement (a duplicate id is kConstraint).
class ChildImportWriter {
 public:
  explicit ChildImportWriter(Tx& tx);
  void add(ChildImportRow row);
  void flush();
  int64_t written() const { return written_; }

 private:
  Tx& tx_;
  size_t rows_per_statement_;
  std::vector<ChildImportRow> pending_;
  std::vector<std::string> sql_;  // by number of rows - 1
  Params params_;
  int64_t written_ = 0;
};

}  // namespace haven::store
