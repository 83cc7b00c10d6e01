// Fuzz target: JSON request bodies as every API handler reads them (http/json_body): media type,
// size, UTF-8, nesting depth and syntax. Whatever arrives, the answer is a document or an error,
// never a crash; an accepted document must dump to JSON that is accepted again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fuzz_support.h"
#include "http/json_body.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = haven::fuzz::as_text(data, size);
  auto parsed = haven::http::parse_json_body(text, "application/json; charset=utf-8", 1u << 20);
  if (parsed.ok()) {
    const std::string dumped = parsed->dump();
    if (!haven::http::parse_json_text(dumped).ok()) std::abort();  // what we accepted dumps validly
  } else if (parsed.error().code != haven::core::ErrorCode::kInvalidInput &&
             parsed.error().code != haven::core::ErrorCode::kTooLarge) {
    std::abort();
  }
  // The media type is outside input too: the first line of the input, read as a Content-Type.
  const size_t nl = text.find('\n');
  (void)haven::http::is_json_media_type(text.substr(0, nl));
  return 0;
}
