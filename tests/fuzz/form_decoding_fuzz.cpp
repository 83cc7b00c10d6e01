// Fuzz target: what the pages decode from a request (http/web/form, multipart): urlencoded form
// bodies, cookies, the `next` redirect path, and multipart/form-data uploads. The first line of the
// input is the multipart Content-Type (so the fuzzer can vary the boundary), the rest the body;
// every decoder sees the same bytes. Invariants: a file's content lies inside the body it came
// from, and a path is_safe_next() accepts is local.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fuzz_support.h"
#include "http/web/form.h"
#include "http/web/multipart.h"

namespace web = haven::http::web;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = haven::fuzz::as_text(data, size);
  const size_t nl = text.find('\n');
  const std::string_view content_type = text.substr(0, nl);
  const std::string_view body =
      nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);

  const web::Form form = web::Form::parse(text);
  (void)form.get("csrf");
  (void)web::url_decode(text);
  if (web::url_decode(web::url_encode(text)) != text) std::abort();  // encoding is lossless
  (void)web::cookie_value(text, "__Host-haven_session");
  if (web::is_safe_next(text) && (text.empty() || text[0] != '/' || text.substr(0, 2) == "//"))
    std::abort();

  (void)web::multipart_boundary(content_type);
  if (auto mp = web::MultipartForm::parse(content_type, body)) {
    (void)mp->fields().get("title");
    if (const web::UploadedFile* f = mp->file("file")) {
      const char* b = body.data();
      if (!f->content.empty() &&
          (f->content.data() < b || f->content.data() + f->content.size() > b + body.size()))
        std::abort();
    }
  }
  return 0;
}
