// XLSX for exports, through libxlsxwriter 1.1.4 in constant-memory mode (each row is flushed to
// the sheet as it is written, so a 100k-row list needs no more memory than one row). Every cell is
// written as a string (never a formula, so nothing needs defusing); the first row is the bold
// header, frozen. 1.1.4 writes only to a file path: the caller owns the file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace haven::service {

class XlsxWriter {
 public:
  // A workbook at `path` (created or truncated) with one sheet named `sheet` (≤ 31 characters).
  static core::Result<std::unique_ptr<XlsxWriter>> open(const std::string& path,
                                                        const std::string& sheet);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // The first row written is the header.
  core::Status row(const std::vector<std::string>& cells);
  // Writes the package; the file is complete only after this returns ok.
  core::Status close();

 private:
  XlsxWriter() = default;
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace haven::service
