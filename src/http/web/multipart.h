// A multipart/form-data body (RFC 7578), as a browser sends a form with a file input: the text
// fields as a Form and the files as views into the body. Pages need this for one form (the case
// page's document upload), so it reads only what browsers send: CRLF line ends, one
// Content-Disposition per part, no nested multipart.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/web/form.h"

namespace haven::http::web {

struct UploadedFile {
  std::string field;         // the input's name
  std::string file_name;     // as the browser sent it ("" when no file was chosen)
  std::string content_type;  // the part's Content-Type ("" if none)
  std::string_view content;  // into the body passed to parse(); valid while it is
};

class MultipartForm {
 public:
  // The fields and files of `body` sent with `content_type` (which must be multipart/form-data
  // with a boundary), or nullopt when the body is not well formed or a text field is not UTF-8.
  // Only the first value of a repeated name is kept, as in Form.
  static std::optional<MultipartForm> parse(std::string_view content_type, std::string_view body);

  const Form& fields() const { return fields_; }
  // The first file sent under `name`, or nullptr.
  const UploadedFile* file(std::string_view name) const;

 private:
  Form fields_;
  std::vector<UploadedFile> files_;
};

// The boundary parameter of a multipart/form-data Content-Type, or "" if it is not one.
std::string multipart_boundary(std::string_view content_type);

}  // namespace haven::http::web
