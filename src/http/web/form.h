// What pages read from a request besides the session: an application/x-www-form-urlencoded body,
// cookies, and the `next` path a sign-in returns to (a local path only, so haven can never be used
// to redirect someone to another site).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace haven::http::web {

// A submitted form: the first value of each name (a page never needs repeated names).
class Form {
 public:
  // Parses `a=1&b=x+y%21`. Malformed escapes are kept literally; invalid UTF-8 makes valid() false.
  static Form parse(std::string_view body);
  const std::string& get(const std::string& name) const;
  bool has(const std::string& name) const { return values_.count(name) != 0; }
  bool valid() const { return valid_; }
  // Replaces a value (a page that turns one button into the fields it stands for).
  void set(const std::string& name, std::string value) { values_[name] = std::move(value); }

 private:
  std::map<std::string, std::string> values_;
  bool valid_ = true;
};

// Percent-decoding with '+' as space.
std::string url_decode(std::string_view text);
// Percent-encoding of everything but unreserved characters.
std::string url_encode(std::string_view text);

// The value of cookie `name` in a Cookie header, or nullopt.
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

// True for a path on this site a redirect may go to: starts with one "/", not "//" or "/\", no
// scheme, no control characters or backslashes, at most 512 bytes, and not a sign-in page (which
// would loop).
bool is_safe_next(std::string_view path);

}  // namespace haven::http::web
