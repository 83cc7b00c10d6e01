// Writing XLSX with libxlsxwriter, one row at a time.
#include "service/export/xlsx_writer.h"

#include <xlsxwriter.h>

#include <cstdint>

namespace haven::service {

struct XlsxWriter::State {
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* bold = nullptr;
  uint32_t next_row = 0;
  std::vector<double> widths;
};

core::Result<std::unique_ptr<XlsxWriter>> XlsxWriter::open(const std::string& path,
                                                           const std::string& sheet) {
  std::unique_ptr<XlsxWriter> w(new XlsxWriter());
  w->state_ = std::make_unique<State>();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  w->state_->workbook = workbook_new_opt(path.c_str(), &options);
  if (!w->state_->workbook) return core::Error::internal("The spreadsheet could not be created.");
  w->state_->sheet = workbook_add_worksheet(w->state_->workbook, sheet.c_str());
  if (!w->state_->sheet) return core::Error::internal("The spreadsheet sheet could not be added.");
  w->state_->bold = workbook_add_format(w->state_->workbook);
  format_set_bold(w->state_->bold);
  worksheet_freeze_panes(w->state_->sheet, 1, 0);
  return core::Result<std::unique_ptr<XlsxWriter>>(std::move(w));
}

XlsxWriter::~XlsxWriter() {
  // Not closed: free the workbook without leaving a half-written package behind as complete.
  if (state_ && state_->workbook) workbook_close(state_->workbook);
}

core::Status XlsxWriter::row(const std::vector<std::string>& cells) {
  if (!state_ || !state_->workbook) return core::Error::internal("The spreadsheet is closed.");
  const bool header = state_->next_row == 0;
  for (size_t c = 0; c < cells.size(); ++c) {
    if (header) {
      // Column widths follow the header (constant-memory mode cannot measure later rows).
      worksheet_set_column(state_->sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           cells[c].size() < 12 ? 14 : static_cast<double>(cells[c].size()) + 4,
                           nullptr);
    }
    if (cells[c].empty()) continue;
    auto rc = worksheet_write_string(state_->sheet, state_->next_row, static_cast<lxw_col_t>(c),
                                     cells[c].c_str(), header ? state_->bold : nullptr);
    if (rc != LXW_NO_ERROR)
      return core::Error::internal(std::string("The spreadsheet cell could not be written: ") +
                                   lxw_strerror(rc));
  }
  ++state_->next_row;
  return core::Status();
}

core::Status XlsxWriter::close() {
  if (!state_ || !state_->workbook) return core::Error::internal("The spreadsheet is closed.");
  auto rc = workbook_close(state_->workbook);
  state_->workbook = nullptr;
  if (rc != LXW_NO_ERROR)
    return core::Error::internal(std::string("The spreadsheet could not be written: ") +
                                 lxw_strerror(rc));
  return core::Status();
}

}  // namespace haven::service
