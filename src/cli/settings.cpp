// haven.toml reading with toml11 3.7. Only this file includes toml.hpp (it is heavy to compile).
// Unknown keys are errors, not silently ignored: a misspelt setting should never go unnoticed.
#include "cli/settings.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <toml.hpp>

#include "core/country.h"
#include "core/toml_file.h"
#include "http/client_address.h"

namespace haven::cli {

using core::Error;
using core::Result;

namespace {

std::string first_line(const std::string& s) {
  auto nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl);
}

Error config_error(const std::string& file, const toml::value& v, const std::string& key,
                   const std::string& what) {
  return Error::invalid(file + ":" + std::to_string(v.location().line()) + ": " + key + ": " + what,
                        {{key, what}});
}

// Reads one table of the file, checking every key is known and of the right type.
class TableReader {
 public:
  TableReader(const std::string& file, const toml::value& root, const std::string& name)
      : file_(file), name_(name) {
    if (root.contains(name)) table_ = &root.at(name);
  }

  core::Status check_known(const std::set<std::string>& known) const {
    if (!table_) return {};
    if (!table_->is_table())
      return config_error(file_, *table_, "[" + name_ + "]", "must be a table");
    for (const auto& [k, v] : table_->as_table()) {
      if (!known.count(k)) return config_error(file_, v, name_ + "." + k, "unknown setting");
    }
    return {};
  }

  core::Status string(const char* key, std::string& out) const {
    if (!table_ || !table_->contains(key)) return {};
    const toml::value& v = table_->at(key);
    if (!v.is_string()) return config_error(file_, v, name_ + "." + key, "must be a string");
    out = v.as_string().str;
    return {};
  }

  core::Status strings(const char* key, std::vector<std::string>& out) const {
    if (!table_ || !table_->contains(key)) return {};
    const toml::value& v = table_->at(key);
    if (!v.is_array())
      return config_error(file_, v, name_ + "." + key, "must be a list of strings");
    std::vector<std::string> items;
    for (const auto& item : v.as_array()) {
      if (!item.is_string())
        return config_error(file_, item, name_ + "." + key, "must be a list of strings");
      items.push_back(item.as_string().str);
    }
    out = std::move(items);
    return {};
  }

  // The value's line, for messages about a value that has the right type but is wrong.
  int line_of(const char* key) const {
    return table_ && table_->contains(key) ? static_cast<int>(table_->at(key).location().line())
                                           : 0;
  }

  core::Status integer(const char* key, int& out, int lo, int hi) const {
    if (!table_ || !table_->contains(key)) return {};
    const toml::value& v = table_->at(key);
    if (!v.is_integer() || v.as_integer() < lo || v.as_integer() > hi)
      return config_error(
          file_, v, name_ + "." + key,
          "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
    out = static_cast<int>(v.as_integer());
    return {};
  }

 private:
  std::string file_, name_;
  const toml::value* table_ = nullptr;
};

core::Status read_file(const std::string& file, Settings& s, std::string& db_text) {
  toml::value root;
  try {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error::invalid("cannot open config file " + file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    root = core::parse_toml_text(text, file);
  } catch (const core::TomlFileError& e) {
    return Error::invalid(e.what());
  } catch (const toml::syntax_error& e) {
    return Error::invalid(file + ":" + std::to_string(e.location().line()) +
                          ": not valid TOML: " + first_line(e.what()) + "\n" + e.what());
  } catch (const std::exception& e) {
    return Error::invalid(file + ": cannot read: " + e.what());
  }
  if (!root.is_table()) return Error::invalid(file + ": not a TOML table");
  static const std::set<std::string> kSections = {"server", "database", "instance", "log",
                                                  "security"};
  for (const auto& [k, v] : root.as_table()) {
    if (!kSections.count(k)) return config_error(file, v, k, "unknown section or setting");
  }

  TableReader server(file, root, "server"), database(file, root, "database"),
      instance(file, root, "instance"), log(file, root, "log"), security(file, root, "security");
  HAVEN_TRY(server.check_known({"listen", "mode", "max_body_mib", "threads", "trusted_proxies"}));
  HAVEN_TRY(database.check_known({"url", "pool_size"}));
  HAVEN_TRY(instance.check_known({"country"}));
  HAVEN_TRY(log.check_known({"level"}));
  HAVEN_TRY(security.check_known({"master_key_file"}));
  HAVEN_TRY(security.string("master_key_file", s.master_key_file));
  if (s.master_key_file.empty())
    return Error::invalid(file + ": security.master_key_file: must not be empty");

  std::string listen;
  HAVEN_TRY(server.string("listen", listen));
  if (!listen.empty()) {
    auto st = parse_listen(listen, s.listen_host, s.listen_port);
    if (!st.ok()) return Error::invalid(file + ": server.listen: " + st.error().message);
  }
  HAVEN_TRY(server.string("mode", s.mode));
  if (s.mode != "national" && s.mode != "regional")
    return Error::invalid(file + ": server.mode: must be \"national\" or \"regional\"");
  HAVEN_TRY(server.integer("max_body_mib", s.max_body_mib, 1, 1024));
  HAVEN_TRY(server.integer("threads", s.threads, 0, 1024));
  HAVEN_TRY(server.strings("trusted_proxies", s.trusted_proxies));
  if (auto proxies = http::TrustedProxies::parse(s.trusted_proxies); !proxies.ok())
    return Error::invalid(file + ":" + std::to_string(server.line_of("trusted_proxies")) +
                              ": server.trusted_proxies: " + proxies.error().message,
                          {{"server.trusted_proxies", proxies.error().message}});
  HAVEN_TRY(database.string("url", db_text));
  HAVEN_TRY(database.integer("pool_size", s.pool_size, 1, 256));
  HAVEN_TRY(instance.string("country", s.country));
  if (!core::is_country_code(s.country))
    return Error::invalid(file + ": instance.country: \"" + s.country +
                          "\" is not an ISO 3166-1 alpha-2 code such as \"SE\"");
  HAVEN_TRY(log.string("level", s.log_level));
  static const std::set<std::string> kLevels = {"trace", "debug", "info", "warn", "error", "off"};
  if (!kLevels.count(s.log_level))
    return Error::invalid(file +
                          ": log.level: must be one of trace, debug, info, warn, error, off");
  return {};
}

}  // namespace

core::Status parse_listen(const std::string& text, std::string& host, int& port) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos)
    return Error::invalid("\"" + text + "\" is not HOST:PORT, e.g. 127.0.0.1:8080");
  std::string h = text.substr(0, colon), p = text.substr(colon + 1);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (h.empty()) h = "127.0.0.1";
  if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(p) > 65535)
    return Error::invalid("\"" + text + "\": the port must be a number from 0 to 65535");
  host = h;
  port = std::stoi(p);
  return {};
}

Result<Settings> load_settings(const CommonOptions& given) {
  Settings s;
  std::string file = given.config;
  if (file.empty()) {
    if (const char* env = std::getenv("HAVEN_CONFIG"); env && *env) file = env;
  }
  bool explicit_file = !file.empty();
  if (!explicit_file && std::filesystem::exists("haven.toml")) file = "haven.toml";

  std::string file_db;
  if (!file.empty()) {
    if (explicit_file && !std::filesystem::exists(file))
      return Error::invalid("config file " + file + " does not exist");
    HAVEN_TRY(read_file(file, s, file_db));
    s.config_file = file;
  }

  std::string db_text(store::kDefaultDatabaseUrl);
  s.database_from = "default";
  if (!file_db.empty()) db_text = file_db, s.database_from = file;
  if (const char* env = std::getenv("HAVEN_DB"); env && *env)
    db_text = env, s.database_from = "HAVEN_DB";
  if (!given.db.empty()) db_text = given.db, s.database_from = "--db";
  auto url = store::DatabaseUrl::parse(db_text);
  if (!url.ok()) return Error::invalid(s.database_from + ": " + url.error().message);
  s.database = std::move(url).value();

  if (!given.listen.empty()) {
    auto st = parse_listen(given.listen, s.listen_host, s.listen_port);
    if (!st.ok()) return Error::invalid("--listen: " + st.error().message);
  }
  return s;
}

}  // namespace haven::cli
