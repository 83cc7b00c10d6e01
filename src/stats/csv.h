// RFC 4180 CSV: a strict, bounded reader for files that come from outside (SDMX-CSV releases,
// population tables) and the matching writer. It never trusts its input: field and record limits
// are enforced while reading, text must be UTF-8, and every error names the line and column.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace haven::stats {

struct CsvLimits {
  size_t max_field_bytes = 4096;
  size_t max_fields = 64;
  size_t max_records = 1'000'000;
  bool allow_comments = false;  // lines starting with '#' (outside quotes) are skipped
};

struct CsvRecord {
  std::vector<std::string> fields;
  size_t line = 0;  // 1-based line on which the record starts
};

// Reads records one at a time from text that outlives the reader. Accepts CRLF and LF line ends,
// a leading UTF-8 byte-order mark, and a missing final line end.
class CsvReader {
 public:
  CsvReader(std::string_view text, CsvLimits limits);

  // The next record into `out`; false at the end of the text. Errors: an unterminated or stray
  // quote, a stray carriage return, a field, record or file over a limit, invalid UTF-8.
  core::Result<bool> next(CsvRecord& out);

 private:
  core::Error error(size_t line, size_t column, const std::string& what) const;

  std::string_view text_;
  CsvLimits limits_;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t records_ = 0;
};

// A field as RFC 4180 wants it: quoted, quotes doubled, when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view field);
// Appends one record, fields separated by commas, ended by CRLF.
void append_csv_record(std::string& out, std::span<const std::string> fields);

}  // namespace haven::stats
