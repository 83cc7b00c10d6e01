// Splits a multipart/form-data body at its boundary and reads each part's Content-Disposition.
#include "http/web/multipart.h"

#include <algorithm>
#include <cctype>

#include "core/utf8.h"
#include "http/ows.h"

namespace haven::http::web {

namespace {

constexpr std::string_view kCrlf = "\r\n";

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The value of parameter `name` in a header value like `form-data; name="a"; filename="b.pdf"`.
// Quoted values may escape `"` and `\` with a backslash, as browsers do.
std::optional<std::string> parameter(std::string_view header, std::string_view name) {
  size_t at = header.find(';');
  while (at != std::string_view::npos) {
    std::string_view rest = trim_ows(header.substr(at + 1));
    const size_t eq = rest.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    const std::string key = lower(trim_ows(rest.substr(0, eq)));
    std::string_view value = trim_ows(rest.substr(eq + 1));
    std::string out;
    size_t used = 0;
    if (!value.empty() && value.front() == '"') {
      size_t i = 1;
      for (; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        out += value[i];
      }
      if (i >= value.size()) return std::nullopt;  // unterminated quote
      used = i + 1;
    } else {
      used = std::min(value.find(';'), value.size());
      out = std::string(trim_ows(value.substr(0, used)));
    }
    if (key == name) return out;
    const size_t next = value.find(';', used);
    if (next == std::string_view::npos) return std::nullopt;
    at = static_cast<size_t>(value.data() + next - header.data());
  }
  return std::nullopt;
}

}  // namespace

std::string multipart_boundary(std::string_view content_type) {
  const size_t semi = content_type.find(';');
  if (lower(trim_ows(content_type.substr(0, semi))) != "multipart/form-data") return "";
  auto b = parameter(content_type, "boundary");
  if (!b || b->empty() || b->size() > 70) return "";
  return *b;
}

std::optional<MultipartForm> MultipartForm::parse(std::string_view content_type,
                                                  std::string_view body) {
  const std::string boundary = multipart_boundary(content_type);
  if (boundary.empty()) return std::nullopt;
  const std::string delimiter = "--" + boundary;
  const std::string between = std::string(kCrlf) + delimiter;
  MultipartForm out;
  // The first delimiter opens the body (a preamble before it is ignored).
  size_t at = body.find(delimiter);
  if (at == std::string_view::npos) return std::nullopt;
  if (at != 0 && (at < 2 || body.substr(at - 2, 2) != kCrlf)) return std::nullopt;
  at += delimiter.size();
  for (;;) {
    if (body.substr(at, 2) == "--") return out;  // the closing delimiter
    if (body.substr(at, 2) != kCrlf) return std::nullopt;
    at += 2;
    const size_t head_end = body.find("\r\n\r\n", at);
    if (head_end == std::string_view::npos) return std::nullopt;
    std::string_view head = body.substr(at, head_end - at);
    const size_t content_from = head_end + 4;
    const size_t content_end = body.find(between, content_from);
    if (content_end == std::string_view::npos) return std::nullopt;
    std::string_view content = body.substr(content_from, content_end - content_from);
    at = content_end + between.size();

    std::optional<std::string> name, file_name;
    std::string part_type;
    bool disposition = false;
    while (!head.empty()) {
      const size_t eol = head.find(kCrlf);
      std::string_view line = head.substr(0, eol);
      head = eol == std::string_view::npos ? std::string_view() : head.substr(eol + 2);
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos) return std::nullopt;
      const std::string key = lower(trim_ows(line.substr(0, colon)));
      std::string_view value = trim_ows(line.substr(colon + 1));
      if (key == "content-disposition") {
        if (lower(trim_ows(value.substr(0, value.find(';')))) != "form-data") return std::nullopt;
        disposition = true;
        name = parameter(value, "name");
        file_name = parameter(value, "filename");
      } else if (key == "content-type") {
        part_type = std::string(value);
      }
    }
    if (!disposition || !name) return std::nullopt;
    if (file_name) {
      if (!core::is_valid_utf8(*file_name)) return std::nullopt;
      out.files_.push_back({*name, *file_name, part_type, content});
    } else {
      if (!core::is_valid_utf8(content) || !core::is_valid_utf8(*name)) return std::nullopt;
      if (!out.fields_.has(*name)) out.fields_.set(*name, std::string(content));
    }
  }
}

const UploadedFile* MultipartForm::file(std::string_view name) const {
  for (const auto& f : files_)
    if (f.field == name) return &f;
  return nullptr;
}

}  // namespace haven::http::web
