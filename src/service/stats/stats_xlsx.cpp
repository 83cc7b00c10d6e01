// Statistics as XLSX through libxlsxwriter (constant-memory mode, one row at a time): numbers as
// numbers with a format per number of decimals, everything else as strings, never a formula.
#include "service/stats/stats_xlsx.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

namespace haven::service {

namespace {

// A plain decimal ("12", "-3", "45.7"): its value and its number of decimals; nullopt otherwise
// (codes such as "Y0T4", empty cells, exponents, thousands separators).
struct Decimal {
  double value = 0;
  int decimals = 0;
};
std::optional<Decimal> decimal_of(const std::string& text) {
  if (text.empty()) return std::nullopt;
  size_t i = text[0] == '-' ? 1 : 0;
  size_t digits = 0, point = std::string::npos;
  for (; i < text.size(); ++i) {
    if (text[i] >= '0' && text[i] <= '9') {
      ++digits;
    } else if (text[i] == '.' && point == std::string::npos) {
      point = i;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0 || point + 1 == text.size()) return std::nullopt;
  Decimal d;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d.value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  d.decimals = point == std::string::npos ? 0 : static_cast<int>(text.size() - point - 1);
  return d;
}

struct Workbook {
  lxw_workbook* book = nullptr;
  ~Workbook() {
    if (book) workbook_close(book);
  }
};

core::Status cell_error(lxw_error rc) {
  return core::Error::internal(std::string("The spreadsheet cell could not be written: ") +
                               lxw_strerror(rc));
}

}  // namespace

core::Status write_statistics_xlsx(const std::string& path,
                                   const std::vector<std::vector<std::string>>& rows,
                                   const std::vector<std::string>& numeric_headers) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  Workbook wb;
  wb.book = workbook_new_opt(path.c_str(), &options);
  if (!wb.book) return core::Error::internal("The spreadsheet could not be created.");
  lxw_worksheet* sheet = workbook_add_worksheet(wb.book, "statistics");
  if (!sheet) return core::Error::internal("The spreadsheet sheet could not be added.");
  lxw_format* bold = workbook_add_format(wb.book);
  format_set_bold(bold);
  worksheet_freeze_panes(sheet, 1, 0);
  std::map<int, lxw_format*> by_decimals;  // "0", "0.0", "0.00", …
  auto number_format = [&](int decimals) {
    auto f = by_decimals.find(decimals);
    if (f != by_decimals.end()) return f->second;
    lxw_format* format = workbook_add_format(wb.book);
    const std::string pattern =
        decimals > 0 ? "0." + std::string(static_cast<size_t>(decimals), '0') : "0";
    format_set_num_format(format, pattern.c_str());
    by_decimals.emplace(decimals, format);
    return format;
  };

  std::vector<bool> numeric;
  for (size_t r = 0; r < rows.size(); ++r) {
    const auto& cells = rows[r];
    const auto row = static_cast<lxw_row_t>(r);
    for (size_t c = 0; c < cells.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      if (r == 0) {
        numeric.push_back(std::find(numeric_headers.begin(), numeric_headers.end(), cells[c]) !=
                          numeric_headers.end());
        worksheet_set_column(sheet, col, col,
                             cells[c].size() < 12 ? 14 : static_cast<double>(cells[c].size()) + 4,
                             nullptr);
      }
      if (cells[c].empty()) continue;
      lxw_error rc = LXW_NO_ERROR;
      const std::optional<Decimal> number =
          r > 0 && c < numeric.size() && numeric[c] ? decimal_of(cells[c]) : std::nullopt;
      if (number) {
        rc =
            worksheet_write_number(sheet, row, col, number->value, number_format(number->decimals));
      } else {
        rc = worksheet_write_string(sheet, row, col, cells[c].c_str(), r == 0 ? bold : nullptr);
      }
      if (rc != LXW_NO_ERROR) return cell_error(rc);
    }
  }
  lxw_workbook* book = wb.book;
  wb.book = nullptr;
  const lxw_error rc = workbook_close(book);
  if (rc != LXW_NO_ERROR)
    return core::Error::internal(std::string("The spreadsheet could not be written: ") +
                                 lxw_strerror(rc));
  return core::ok_status();
}

}  // namespace haven::service
