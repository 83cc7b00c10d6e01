// Loading config/policy/*.toml with toml11.
#include "service/policy_registry.h"

#include <filesystem>
#include <toml.hpp>

#include "core/toml_file.h"

namespace haven::service {

namespace {
core::Result<domain::CountryPolicy> load_one(const std::string& path) {
  domain::CountryPolicy p;
  toml::value root;
  try {
    root = core::parse_toml_file(path);
  } catch (const core::TomlFileError& e) {
    return core::Error::invalid(std::string(e.what()) + ".");
  } catch (const std::exception& e) {
    std::string first = e.what();
    return core::Error::invalid(path + ": not valid TOML (" + first.substr(0, first.find('\n')) +
                                ").");
  }
  for (const auto& [key, value] : root.as_table()) {
    if (key == "country" && value.is_string()) {
      p.country = value.as_string().str;
      continue;
    }
    bool known = false;
    for (const auto& f : domain::policy_fields()) {
      if (f.key != key) continue;
      known = true;
      if (!value.is_integer())
        return core::Error::invalid(path + ": " + key + " must be a whole number.");
      p.*(f.member) = static_cast<int>(value.as_integer());
    }
    if (!known) return core::Error::invalid(path + ": unknown key '" + key + "'.");
  }
  if (auto s = domain::validate_policy(p); !s.ok()) {
    std::string msg = path + ": ";
    for (const auto& f : s.error().fields) msg += f.field + ": " + f.message + " ";
    return core::Error::invalid(msg);
  }
  return p;
}
}  // namespace

core::Result<PolicyRegistry> PolicyRegistry::load(const std::string& dir) {
  PolicyRegistry r;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return r;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".toml") continue;
    auto p = load_one(entry.path().string());
    if (!p.ok()) return p.take_error();
    if (entry.path().stem() == "default")
      r.default_ = std::move(*p);
    else
      r.by_country_[p->country] = std::move(*p);
  }
  return r;
}

const domain::CountryPolicy& PolicyRegistry::for_country(std::string_view country) const {
  auto it = by_country_.find(country);
  return it == by_country_.end() ? default_ : it->second;
}

}  // namespace haven::service
