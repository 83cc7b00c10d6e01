// Parsing and masking of database URLs. Only the masked form may ever reach a log or an answer.
#include "store/database_url.h"

#include <cctype>
#include <charconv>

namespace haven::store {

namespace {

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The parts of `scheme://userinfo@hostport/path?query`, as offsets into the text so the text can be
// rebuilt with one part replaced.
struct UrlParts {
  size_t authority_begin = 0;        // just after "://"
  size_t authority_end = 0;          // at the first '/', '?' or end after authority_begin
  size_t at = std::string::npos;     // the '@' ending the userinfo, if any
  size_t colon = std::string::npos;  // the ':' separating user and password, if any
  size_t query = std::string::npos;  // the '?', if any
};

UrlParts split(std::string_view text) {
  UrlParts p;
  size_t sep = text.find("://");
  if (sep == std::string_view::npos) return p;
  p.authority_begin = sep + 3;
  p.authority_end = text.find_first_of("/?", p.authority_begin);
  if (p.authority_end == std::string_view::npos) p.authority_end = text.size();
  std::string_view authority = text.substr(p.authority_begin, p.authority_end - p.authority_begin);
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    p.at = p.authority_begin + at;
    size_t colon = authority.substr(0, at).find(':');
    if (colon != std::string_view::npos) p.colon = p.authority_begin + colon;
  }
  p.query = text.find('?', p.authority_begin);
  return p;
}

// Replaces the value of every `password=` query parameter with `replacement`, or drops the
// parameter when `replacement` is null.
std::string rewrite_query_password(const std::string& text, size_t query, const char* replacement) {
  if (query == std::string::npos) return text;
  std::string out = text.substr(0, query);
  std::string_view rest = std::string_view(text).substr(query + 1);
  char sep = '?';
  while (true) {
    size_t amp = rest.find('&');
    std::string_view param = rest.substr(0, amp);
    bool is_password = starts_with_ci(param, "password=");
    if (!is_password || replacement != nullptr) {
      out.push_back(sep);
      sep = '&';
      if (is_password) {
        out.append("password=").append(replacement);
      } else {
        out.append(param);
      }
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return out;
}

std::string mask_any(std::string_view text) {
  UrlParts p = split(text);
  std::string out(text);
  if (p.authority_begin == 0) return out;
  if (p.colon != std::string::npos && p.at != std::string::npos) {
    out.replace(p.colon + 1, p.at - p.colon - 1, "***");
    size_t delta = (p.at - p.colon - 1) - 3;
    if (p.query != std::string::npos) p.query -= delta;
  }
  return rewrite_query_password(out, p.query, "***");
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

core::Result<DatabaseUrl> parse_postgres(std::string_view text) {
  UrlParts p = split(text);
  if (p.at != std::string::npos && p.at == p.authority_begin) {
    return core::Error::invalid("the database URL " + mask_any(text) +
                                " has an '@' but no user name before it");
  }
  size_t hosts_begin = p.at == std::string::npos ? p.authority_begin : p.at + 1;
  std::string_view hosts = text.substr(hosts_begin, p.authority_end - hosts_begin);
  // libpq allows several hosts ("h1:5432,h2:5433") and bracketed IPv6 addresses ("[::1]:5432").
  while (true) {
    size_t comma = hosts.find(',');
    std::string_view one = hosts.substr(0, comma);
    size_t colon = one.rfind(':');
    size_t bracket = one.rfind(']');
    if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
      std::string_view port = one.substr(colon + 1);
      int value = 0;
      auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
      if (port.empty() || ec != std::errc() || ptr != port.data() + port.size() || value < 1 ||
          value > 65535) {
        return core::Error::invalid("the port '" + std::string(port) + "' in the database URL " +
                                    mask_any(text) + " is not a number from 1 to 65535");
      }
    }
    if (comma == std::string_view::npos) break;
    hosts.remove_prefix(comma + 1);
  }
  size_t path_end = p.query == std::string::npos ? text.size() : p.query;
  if (p.authority_end < path_end) {
    std::string_view db = text.substr(p.authority_end + 1, path_end - p.authority_end - 1);
    if (db.find('/') != std::string_view::npos) {
      return core::Error::invalid("the database name in " + mask_any(text) +
                                  " contains '/'; write postgresql://user@host:port/dbname");
    }
  }
  DatabaseUrl url;
  url.backend = Backend::kPostgres;
  url.text = std::string(text);
  return url;
}

}  // namespace

const char* backend_name(Backend b) {
  switch (b) {
    case Backend::kSqlite:
      return "sqlite";
    case Backend::kPostgres:
      return "postgresql";
  }
  return "unknown";
}

std::string DatabaseUrl::masked() const {
  if (backend == Backend::kSqlite) return text;
  return mask_any(text);
}

std::string DatabaseUrl::password() const {
  if (backend != Backend::kPostgres) return {};
  UrlParts p = split(text);
  if (p.colon != std::string::npos && p.at != std::string::npos) {
    return percent_decode(std::string_view(text).substr(p.colon + 1, p.at - p.colon - 1));
  }
  if (p.query != std::string::npos) {
    std::string_view q = std::string_view(text).substr(p.query + 1);
    while (!q.empty()) {
      size_t amp = q.find('&');
      std::string_view param = q.substr(0, amp);
      if (starts_with_ci(param, "password=")) return percent_decode(param.substr(9));
      if (amp == std::string_view::npos) break;
      q.remove_prefix(amp + 1);
    }
  }
  return {};
}

std::string DatabaseUrl::without_password() const {
  if (backend != Backend::kPostgres) return text;
  UrlParts p = split(text);
  std::string out = text;
  if (p.colon != std::string::npos && p.at != std::string::npos) {
    out.erase(p.colon, p.at - p.colon);
    if (p.query != std::string::npos) p.query -= p.at - p.colon;
  }
  return rewrite_query_password(out, p.query, nullptr);
}

DatabaseUrl DatabaseUrl::with_database(std::string_view name) const {
  DatabaseUrl copy = *this;
  if (backend != Backend::kPostgres) return copy;
  UrlParts p = split(text);
  size_t path_end = p.query == std::string::npos ? text.size() : p.query;
  copy.text = text.substr(0, p.authority_end) + "/" + std::string(name) + text.substr(path_end);
  return copy;
}

std::string DatabaseUrl::database_name() const {
  if (backend != Backend::kPostgres) return {};
  UrlParts p = split(text);
  size_t path_end = p.query == std::string::npos ? text.size() : p.query;
  if (p.authority_end >= path_end) return {};
  return percent_decode(
      std::string_view(text).substr(p.authority_end + 1, path_end - p.authority_end - 1));
}

core::Result<DatabaseUrl> DatabaseUrl::parse(std::string_view raw) {
  std::string_view text = trim_ascii(raw);
  if (text.empty()) {
    return core::Error::invalid(
        "the database URL is empty; write sqlite:PATH or postgresql://user@host:port/dbname");
  }
  if (starts_with_ci(text, "sqlite:")) {
    std::string_view path = text.substr(7);
    if (path.substr(0, 2) == "//") path.remove_prefix(2);
    if (path.empty()) {
      return core::Error::invalid("the database URL '" + std::string(text) +
                                  "' names no file; write sqlite:PATH, e.g. sqlite:var/haven.db");
    }
    DatabaseUrl url;
    url.backend = Backend::kSqlite;
    url.text = std::string(text);
    url.sqlite_path = std::string(path);
    return url;
  }
  if (starts_with_ci(text, "postgresql://") || starts_with_ci(text, "postgres://")) {
    return parse_postgres(text);
  }
  std::string shown = mask_any(text);
  size_t colon = shown.find(':');
  std::string scheme = colon == std::string::npos ? "" : shown.substr(0, colon);
  if (scheme.empty() || scheme.find_first_of("/\\.") != std::string::npos) {
    return core::Error::invalid("'" + shown +
                                "' is not a database URL; write sqlite:PATH (for example "
                                "sqlite:var/haven.db) or postgresql://user@host:port/dbname");
  }
  return core::Error::invalid("the database URL scheme '" + scheme + ":' in '" + shown +
                              "' is not supported; use sqlite:PATH or "
                              "postgresql://user@host:port/dbname");
}

}  // namespace haven::store
