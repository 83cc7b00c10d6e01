// JSON body checks. Parsing uses nlohmann's exception path only to learn the error position; the
// exception never leaves this file.
#include "http/json_body.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/utf8.h"

namespace haven::http {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Deepest nesting of arrays and objects, counting only brackets outside strings. Stops early once
// `limit` is passed, so a hostile body costs one linear scan at most.
size_t nesting_depth(std::string_view text, size_t limit) {
  size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

bool is_json_media_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  std::string t = lower(trim_ascii(type));
  const bool json = t == "application/json" || (t.rfind("application/", 0) == 0 && t.size() > 17 &&
                                                t.compare(t.size() - 5, 5, "+json") == 0);
  if (!json) return false;
  // Parameters: only charset is looked at, and only utf-8 is acceptable.
  size_t pos = content_type.find(';');
  while (pos != std::string_view::npos) {
    std::string_view rest = content_type.substr(pos + 1);
    size_t next = rest.find(';');
    std::string param = lower(trim_ascii(rest.substr(0, next)));
    if (param.rfind("charset=", 0) == 0) {
      std::string value = param.substr(8);
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
      if (value != "utf-8" && value != "utf8") return false;
    }
    pos = next == std::string_view::npos ? next : pos + 1 + next;
  }
  return true;
}

core::Result<nlohmann::json> parse_json_text(std::string_view text) {
  if (!core::is_valid_utf8(text))
    return core::Error::invalid("The request body is not valid UTF-8; send JSON encoded as UTF-8.");
  if (nesting_depth(text, kMaxJsonDepth) > kMaxJsonDepth)
    return core::Error::invalid("The JSON is nested more than " + std::to_string(kMaxJsonDepth) +
                                " levels deep.");
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    return core::Error::invalid("The request body is not valid JSON (error near byte " +
                                std::to_string(e.byte) + ").");
  }
}

core::Result<nlohmann::json> parse_json_body(std::string_view body, std::string_view content_type,
                                             size_t max_bytes) {
  if (!is_json_media_type(content_type))
    return core::Error::invalid("Send the body as JSON with \"Content-Type: application/json\".");
  if (body.size() > max_bytes)
    return core::Error::too_large("The request body is larger than the limit of " +
                                  std::to_string(max_bytes) + " bytes.");
  if (body.empty()) return core::Error::invalid("The request body is empty; send a JSON document.");
  return parse_json_text(body);
}

}  // namespace haven::http
