// The CSV state machine: one pass over the text, one record per call, limits checked as bytes are
// consumed so a hostile file cannot make it allocate without bound.
#include "stats/csv.h"

#include "core/utf8.h"

namespace haven::stats {

CsvReader::CsvReader(std::string_view text, CsvLimits limits) : text_(text), limits_(limits) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

core::Error CsvReader::error(size_t line, size_t column, const std::string& what) const {
  return core::Error::invalid("line " + std::to_string(line) + ", column " +
                              std::to_string(column) + ": " + what);
}

core::Result<bool> CsvReader::next(CsvRecord& out) {
  out.fields.clear();
  // Skip comment lines (when allowed) before a record starts.
  while (limits_.allow_comments && pos_ < text_.size() && text_[pos_] == '#') {
    size_t end = text_.find('\n', pos_);
    pos_ = end == std::string_view::npos ? text_.size() : end + 1;
    ++line_;
  }
  if (pos_ >= text_.size()) return false;
  if (++records_ > limits_.max_records) {
    return error(line_, 1, "more than " + std::to_string(limits_.max_records) + " records.");
  }
  out.line = line_;
  std::string field;
  for (;;) {
    const size_t column = out.fields.size() + 1;
    if (column > limits_.max_fields) {
      return error(line_, column, "more than " + std::to_string(limits_.max_fields) + " fields.");
    }
    field.clear();
    const size_t field_line = line_;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      ++pos_;
      for (;;) {
        if (pos_ >= text_.size()) {
          return error(field_line, column,
                       "a quoted field is not closed before the end of the file.");
        }
        char c = text_[pos_++];
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field += '"';
            ++pos_;
            continue;
          }
          break;
        }
        if (c == '\n') ++line_;
        field += c;
        if (field.size() > limits_.max_field_bytes) {
          return error(field_line, column,
                       "field longer than " + std::to_string(limits_.max_field_bytes) + " bytes.");
        }
      }
      if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
        return error(line_, column, "unexpected character after a closing quote.");
      }
    } else {
      while (pos_ < text_.size()) {
        char c = text_[pos_];
        if (c == ',' || c == '\n' || c == '\r') break;
        if (c == '"') return error(line_, column, "a quote inside an unquoted field.");
        field += c;
        ++pos_;
        if (field.size() > limits_.max_field_bytes) {
          return error(line_, column,
                       "field longer than " + std::to_string(limits_.max_field_bytes) + " bytes.");
        }
      }
    }
    if (!core::is_valid_utf8(field)) return error(field_line, column, "text is not valid UTF-8.");
    out.fields.push_back(field);
    if (pos_ >= text_.size()) return true;
    char c = text_[pos_++];
    if (c == ',') continue;
    if (c == '\r') {
      if (pos_ >= text_.size() || text_[pos_] != '\n') {
        return error(line_, column, "a carriage return not followed by a line feed.");
      }
      ++pos_;
    }
    ++line_;
    return true;
  }
}

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void append_csv_record(std::string& out, std::span<const std::string> fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  out += "\r\n";
}

}  // namespace haven::stats
