// The two readers behind RowSource. Both read the file through one fixed buffer, so memory does not
// grow with the file; CSV is parsed byte by byte (quotes may hold separators and line breaks), JSON
// lines a line at a time with nlohmann::json.
#include "service/import/row_source.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

namespace haven::service::import {

namespace {

// Buffered bytes of a file.
class ByteReader {
 public:
  explicit ByteReader(std::FILE* f) : f_(f), buf_(1 << 20) {}
  ~ByteReader() {
    if (f_) std::fclose(f_);
  }
  ByteReader(const ByteReader&) = delete;
  ByteReader& operator=(const ByteReader&) = delete;

  int get() {
    if (pos_ == len_ && !fill()) return EOF;
    ++consumed_;
    return static_cast<unsigned char>(buf_[pos_++]);
  }
  int peek() {
    if (pos_ == len_ && !fill()) return EOF;
    return static_cast<unsigned char>(buf_[pos_]);
  }
  uint64_t consumed() const { return consumed_; }
  bool failed() const { return std::ferror(f_) != 0; }

 private:
  bool fill() {
    len_ = std::fread(buf_.data(), 1, buf_.size(), f_);
    pos_ = 0;
    return len_ > 0;
  }
  std::FILE* f_;
  std::vector<char> buf_;
  size_t pos_ = 0, len_ = 0;
  uint64_t consumed_ = 0;
};

// Skips a UTF-8 byte-order mark at the start.
void skip_bom(ByteReader& in) {
  if (in.peek() != 0xEF) return;
  in.get();
  if (in.peek() == 0xBB) in.get();
  if (in.peek() == 0xBF) in.get();
}

class CsvSource final : public RowSource {
 public:
  CsvSource(std::FILE* f, char delimiter) : in_(f), delim_(delimiter) {}

  core::Status read_header(const std::string& path, const ImportMapping& mapping) {
    skip_bom(in_);
    std::vector<std::string> header;
    std::optional<RowProblem> broken;
    if (!read_record(header, broken) || header.empty() || (header.size() == 1 && header[0].empty()))
      return core::Error::invalid(path + " is empty: a CSV file needs a header line.");
    if (broken)
      return core::Error::invalid(path + ": the header line cannot be read: " + broken->reason +
                                  ".");
    std::set<std::string> seen;
    for (const auto& h : header) {
      if (!seen.insert(h).second)
        return core::Error::invalid(path + ": the header names the column '" + h + "' twice.");
    }
    width_ = header.size();
    for (const auto& column : mapping.columns) {
      auto it = std::find(header.begin(), header.end(), column);
      if (it == header.end()) {
        std::string known;
        for (const auto& h : header) known += (known.empty() ? "" : ", ") + h;
        return core::Error::invalid("the mapping reads the column '" + column + "', which " + path +
                                    " does not have (its columns: " + known + ").");
      }
      index_.push_back(static_cast<size_t>(it - header.begin()));
    }
    row_ = 0;
    return core::ok_status();
  }

  core::Result<bool> next(std::vector<Cell>& cells, std::optional<RowProblem>& broken) override {
    broken.reset();
    for (;;) {
      if (in_.peek() == EOF) {
        if (in_.failed()) return core::Error::unavailable("reading the file failed");
        bytes_ = in_.consumed();
        return false;
      }
      line_ = next_line_;
      if (!read_record(fields_, broken)) return false;
      bytes_ = in_.consumed();
      if (!broken && fields_.size() == 1 && fields_[0].empty()) continue;  // blank line
      ++row_;
      break;
    }
    if (!broken && fields_.size() != width_) {
      broken = RowProblem{"", "",
                          "the row has " + std::to_string(fields_.size()) +
                              " fields where the header has " + std::to_string(width_)};
    }
    cells.resize(index_.size());
    for (size_t i = 0; i < index_.size(); ++i) {
      Cell& c = cells[i];
      c.list.reset();
      c.present = index_[i] < fields_.size();
      if (c.present) {
        c.text.swap(fields_[index_[i]]);
      } else {
        c.text.clear();
      }
    }
    return true;
  }

 private:
  // One record (up to an unquoted line end) into `out`; false when the file had nothing left.
  bool read_record(std::vector<std::string>& out, std::optional<RowProblem>& broken) {
    size_t n = 0;
    auto field = [&]() -> std::string& {
      if (out.size() <= n) out.emplace_back();
      std::string& f = out[n];
      f.clear();
      return f;
    };
    if (in_.peek() == EOF) return false;
    std::string* f = &field();
    bool quoted = false, after_quote = false;
    auto fail = [&](std::string reason) {
      if (!broken) broken = RowProblem{"", "", std::move(reason)};
    };
    for (;;) {
      int ch = in_.get();
      if (ch == EOF) {
        if (quoted) fail("a quoted field is not closed before the end of the file");
        break;
      }
      if (quoted) {
        if (ch == '"') {
          if (in_.peek() == '"') {
            in_.get();
            if (f->size() < kMaxFieldBytes) f->push_back('"');
          } else {
            quoted = false;
            after_quote = true;
          }
          continue;
        }
        if (ch == '\n') ++next_line_;
        if (f->size() < kMaxFieldBytes) {
          f->push_back(static_cast<char>(ch));
        } else {
          fail("a field is longer than " + std::to_string(kMaxFieldBytes / 1024) + " KiB");
        }
        continue;
      }
      if (ch == '\r' && in_.peek() == '\n') continue;
      if (ch == '\n') {
        ++next_line_;
        break;
      }
      if (ch == delim_) {
        ++n;
        f = &field();
        after_quote = false;
        continue;
      }
      if (ch == '"') {
        if (f->empty() && !after_quote) {
          quoted = true;
        } else {
          fail("a quote inside a field that does not start with one");
        }
        continue;
      }
      if (after_quote) fail("text after the closing quote of a field");
      if (f->size() < kMaxFieldBytes) {
        f->push_back(static_cast<char>(ch));
      } else {
        fail("a field is longer than " + std::to_string(kMaxFieldBytes / 1024) + " KiB");
      }
    }
    out.resize(n + 1);
    return true;
  }

  ByteReader in_;
  char delim_;
  size_t width_ = 0;
  std::vector<size_t> index_;  // header position of each mapping column
  std::vector<std::string> fields_;
  int64_t next_line_ = 1;
};

class JsonLinesSource final : public RowSource {
 public:
  JsonLinesSource(std::FILE* f, const ImportMapping& mapping) : in_(f), columns_(mapping.columns) {
    skip_bom(in_);
  }

  core::Result<bool> next(std::vector<Cell>& cells, std::optional<RowProblem>& broken) override {
    broken.reset();
    bool too_long = false;
    for (;;) {
      if (in_.peek() == EOF) {
        if (in_.failed()) return core::Error::unavailable("reading the file failed");
        bytes_ = in_.consumed();
        return false;
      }
      line_text_.clear();
      too_long = false;
      ++line_;
      for (int ch = in_.get(); ch != EOF && ch != '\n'; ch = in_.get()) {
        if (line_text_.size() < kMaxLineBytes) {
          line_text_.push_back(static_cast<char>(ch));
        } else {
          too_long = true;
        }
      }
      bytes_ = in_.consumed();
      if (line_text_.find_first_not_of(" \t\r") != std::string::npos) break;  // else blank
    }
    ++row_;
    cells.resize(columns_.size());
    for (auto& c : cells) {
      c.present = false;
      c.text.clear();
      c.list.reset();
    }
    if (too_long) {
      broken = RowProblem{"", "", "the line is longer than 1 MiB"};
      return true;
    }
    auto doc = nlohmann::json::parse(line_text_, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
      broken = RowProblem{"", "", "the line is not a JSON object"};
      return true;
    }
    for (size_t i = 0; i < columns_.size(); ++i) {
      auto it = doc.find(columns_[i]);
      if (it == doc.end() || it->is_null()) continue;
      Cell& c = cells[i];
      c.present = true;
      if (it->is_array()) {
        c.list.emplace();
        for (const auto& item : *it) {
          if (item.is_string()) {
            c.list->push_back(item.get<std::string>());
          } else {
            c.list->push_back(item.dump());
          }
        }
      } else if (it->is_string()) {
        c.text = it->get<std::string>();
      } else if (it->is_boolean()) {
        c.text = it->get<bool>() ? "true" : "false";
      } else {
        c.text = it->dump();  // numbers as written; objects are not a value of any field
      }
    }
    return true;
  }

 private:
  ByteReader in_;
  std::vector<std::string> columns_;
  std::string line_text_;
};

}  // namespace

core::Result<std::unique_ptr<RowSource>> RowSource::open(const std::string& path,
                                                         ImportFormat format,
                                                         const ImportMapping& mapping) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return core::Error::invalid(path + " is a folder, not a file.");
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return core::Error::invalid("cannot read " + path + ".");
  const auto size = std::filesystem::file_size(path, ec);
  std::unique_ptr<RowSource> source;
  if (format == ImportFormat::kCsv) {
    auto csv = std::make_unique<CsvSource>(f, mapping.delimiter);
    HAVEN_TRY(csv->read_header(path, mapping));
    source = std::move(csv);
  } else {
    source = std::make_unique<JsonLinesSource>(f, mapping);
  }
  source->size_ = ec ? 0 : size;
  return source;
}

}  // namespace haven::service::import
