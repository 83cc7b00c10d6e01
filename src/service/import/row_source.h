// The rows of an import file, read one at a time in constant memory: RFC 4180 CSV with a header
// line, or JSON lines (one object per line). Each row comes out as the cells of the mapping's
// columns, so the rest of the import does not care which format the file had.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "service/import/import_mapping.h"

namespace haven::service::import {

// Longest CSV field or JSON line accepted; longer ones are a problem of their row.
inline constexpr size_t kMaxFieldBytes = 64 * 1024;
inline constexpr size_t kMaxLineBytes = 1024 * 1024;

class RowSource {
 public:
  virtual ~RowSource() = default;

  // Opens `path` and, for CSV, reads the header and finds every column the mapping names. Errors
  // (kInvalidInput, before any row is read): the file cannot be read, the header lacks a mapped
  // column (the message lists the header's columns), a column appears twice in the header.
  static core::Result<std::unique_ptr<RowSource>> open(const std::string& path, ImportFormat format,
                                                       const ImportMapping& mapping);

  // Reads the next row into `cells` (one per mapping.columns). Returns false at the end of the
  // file. A row that cannot be read as a row at all (a stray quote, the wrong number of fields, a
  // line that is not a JSON object) still returns true, with `broken` saying why.
  virtual core::Result<bool> next(std::vector<Cell>& cells, std::optional<RowProblem>& broken) = 0;

  int64_t row() const { return row_; }    // the last row's number: 1 = the first data row
  int64_t line() const { return line_; }  // the line of the file on which the last row starts
  uint64_t bytes_read() const { return bytes_; }
  uint64_t file_size() const { return size_; }

 protected:
  int64_t row_ = 0;
  int64_t line_ = 0;
  uint64_t bytes_ = 0;
  uint64_t size_ = 0;
};

}  // namespace haven::service::import
