// Writing RFC 4180 CSV with a BOM and defused formulas.
#include "service/export/csv_writer.h"

namespace haven::service {

std::string defuse_formula(std::string_view cell) {
  if (!cell.empty()) {
    const char c = cell.front();
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r')
      return "'" + std::string(cell);
  }
  return std::string(cell);
}

std::string csv_field(std::string_view cell) {
  std::string v = defuse_formula(cell);
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string quoted = "\"";
  for (char c : v) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

CsvWriter::CsvWriter(std::ostream& out) : out_(out) {
  out_ << "\xEF\xBB\xBF";
}

void CsvWriter::row(const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out_ << ',';
    out_ << csv_field(cells[i]);
  }
  out_ << "\r\n";
  ++rows_;
}

}  // namespace haven::service
