// CSV for exports: RFC 4180 (fields quoted when they hold a comma, quote, CR or LF; quotes doubled;
// CRLF line ends), UTF-8 with a byte-order mark so Excel opens the diacritics right, and formula
// injection defused (a cell starting with = + - @, tab or CR gets a leading apostrophe, so a
// spreadsheet shows it as text instead of running it). Writes to any std::ostream, row by row.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace haven::service {

// The cell as a spreadsheet should see it: text that a spreadsheet would take for a formula gets a
// leading apostrophe ('=SUM(A1) stays visible as "=SUM(A1)" text).
std::string defuse_formula(std::string_view cell);

// One field: defused, then quoted if RFC 4180 requires it.
std::string csv_field(std::string_view cell);

class CsvWriter {
 public:
  // Writes the UTF-8 byte-order mark at once.
  explicit CsvWriter(std::ostream& out);
  void row(const std::vector<std::string>& cells);
  int64_t rows() const { return rows_; }

 private:
  std::ostream& out_;
  int64_t rows_ = 0;
};

}  // namespace haven::service
