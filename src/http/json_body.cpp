// JSON body checks. Parsing uses nlohmann's exception path only to learn the error position; the
// exception never leaves this file.
#include "http/json_body.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "http/ows.h"

namespace haven::http {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
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

// Length of the well-formed UTF-8 sequence starting at `i` (no overlongs, surrogates or values
// above U+10FFFF), or 0 when the byte there does not start one.
size_t utf8_sequence_at(std::string_view text, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return n;
}

// Where each invalid byte sits in a JSON text: the member it belongs to, named as the API names
// fields ("narrative", "custom_fields.school", "goals[2].description"), found by one scan that
// tracks objects, arrays, keys and strings. A byte outside any string gets "".
class MemberLocator {
 public:
  // Scans `text`; `bad[i]` marks the bytes to locate. Calls found(field) once per invalid run.
  template <class F>
  static void locate(std::string_view text, const std::vector<bool>& bad, F&& found) {
    struct Frame {
      bool object = false;
      std::string key;
      size_t index = 0;
      bool expecting_key = false;
    };
    std::vector<Frame> stack;
    bool in_string = false, escaped = false, string_is_key = false, reported = false;
    std::string key;
    auto path = [&](bool include_key_string) {
      std::string out;
      for (size_t d = 0; d < stack.size(); ++d) {
        const Frame& f = stack[d];
        const bool last = d + 1 == stack.size();
        if (f.object) {
          const std::string& k = last && include_key_string ? key : f.key;
          if (last && f.expecting_key && !include_key_string) break;
          if (!out.empty()) out += '.';
          out += k;
        } else {
          out += "[" + std::to_string(f.index) + "]";
        }
      }
      return out;
    };
    for (size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (in_string) {
        if (bad[i]) {
          if (!reported) found(path(string_is_key));
          reported = true;
          if (string_is_key) key.push_back('?');
          continue;
        }
        if (escaped) {
          escaped = false;
          if (string_is_key) key.push_back(c);
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          in_string = false;
          if (string_is_key && !stack.empty()) {
            stack.back().key = key;
            stack.back().expecting_key = false;
          }
        } else if (string_is_key) {
          key.push_back(c);
        }
        continue;
      }
      if (bad[i]) {
        if (!reported) found(std::string());
        reported = true;
        continue;
      }
      if (c == '"') {
        in_string = true;
        reported = false;
        string_is_key = !stack.empty() && stack.back().object && stack.back().expecting_key;
        key.clear();
      } else if (c == '{' || c == '[') {
        stack.push_back({c == '{', {}, 0, c == '{'});
      } else if ((c == '}' || c == ']') && !stack.empty()) {
        stack.pop_back();
      } else if (c == ',' && !stack.empty()) {
        if (stack.back().object)
          stack.back().expecting_key = true;
        else
          ++stack.back().index;
      }
    }
  }
};

// The 422 for a JSON body whose strings hold invalid UTF-8: one entry per member, or nullopt when
// the body is not JSON even with the bad bytes replaced (then it is a plain 400).
std::optional<core::Error> invalid_utf8_members(std::string_view text) {
  std::vector<bool> bad(text.size(), false);
  std::string patched(text);
  for (size_t i = 0; i < text.size();) {
    const size_t n = utf8_sequence_at(text, i);
    if (n == 0) {
      bad[i] = true;
      patched[i] = '?';
      ++i;
    } else {
      i += n;
    }
  }
  if (!nlohmann::json::accept(patched)) return std::nullopt;
  std::vector<core::FieldError> fields;
  bool outside_strings = false;
  MemberLocator::locate(text, bad, [&](const std::string& field) {
    if (field.empty()) {
      outside_strings = true;
      return;
    }
    for (const auto& f : fields)
      if (f.field == field) return;
    fields.push_back({field,
                      "This text contains characters that are not valid UTF-8 (often text "
                      "pasted from an old program). Retype the text or paste it again."});
  });
  if (outside_strings || fields.empty()) return std::nullopt;
  return core::Error::invalid(
      "Some text is not valid UTF-8; see the marked fields and enter it again.", std::move(fields));
}

}  // namespace

bool is_json_media_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  std::string t = lower(trim_ows(type));
  const bool json = t == "application/json" || (t.rfind("application/", 0) == 0 && t.size() > 17 &&
                                                t.compare(t.size() - 5, 5, "+json") == 0);
  if (!json) return false;
  // Parameters: only charset is looked at, and only utf-8 is acceptable.
  size_t pos = content_type.find(';');
  while (pos != std::string_view::npos) {
    std::string_view rest = content_type.substr(pos + 1);
    size_t next = rest.find(';');
    std::string param = lower(trim_ows(rest.substr(0, next)));
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
  if (!core::is_valid_utf8(text)) {
    if (nesting_depth(text, kMaxJsonDepth) <= kMaxJsonDepth)
      if (auto members = invalid_utf8_members(text)) return *std::move(members);
    return core::Error::invalid("The request body is not valid UTF-8; send JSON encoded as UTF-8.");
  }
  if (nesting_depth(text, kMaxJsonDepth) > kMaxJsonDepth)
    return core::Error::invalid("The JSON is nested more than " + std::to_string(kMaxJsonDepth) +
                                " levels deep.");
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    return core::Error::invalid("The request body is not valid JSON (error near byte " +
                                std::to_string(e.byte) + ").");
  } catch (const nlohmann::json::out_of_range&) {
    // A number beyond a double (1e400) is reported as out_of_range, not as a parse error (found
    // by tests/fuzz/json_body_fuzz.cpp; it used to escape as a 500).
    return core::Error::invalid("The request body holds a number too large to read.");
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
