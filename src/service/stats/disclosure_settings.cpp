// Loading config/policy/disclosure/*.toml with toml11.
#include "service/stats/disclosure_settings.h"

#include <filesystem>
#include <toml.hpp>

#include "core/country.h"
#include "core/toml_file.h"

namespace haven::service {

namespace {

core::Result<CountryDisclosure> load_one(const std::string& path) {
  CountryDisclosure d;
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
    if (key == "country") {
      if (!value.is_string()) return core::Error::invalid(path + ": country must be a string.");
      d.country = value.as_string().str;
      if (!d.country.empty() && !core::is_country_code(d.country))
        return core::Error::invalid(path + ": country '" + d.country +
                                    "' is not an ISO 3166-1 alpha-2 code.");
      continue;
    }
    if (key == "zero_is_sensitive") {
      if (!value.is_boolean())
        return core::Error::invalid(path + ": zero_is_sensitive must be true or false.");
      d.policy.zero_is_sensitive = value.as_boolean();
      continue;
    }
    int64_t* target = nullptr;
    if (key == "min_count") target = &d.policy.min_count;
    if (key == "protection_interval") target = &d.policy.protection_interval;
    if (key == "rounding_base") target = &d.policy.rounding_base;
    if (key == "median_min_cases") target = &d.median_min_cases;
    if (target == nullptr) return core::Error::invalid(path + ": unknown key '" + key + "'.");
    if (!value.is_integer())
      return core::Error::invalid(path + ": " + key + " must be a whole number.");
    *target = value.as_integer();
  }
  if (auto s = stats::validate_policy(d.policy); !s.ok())
    return core::Error::invalid(path + ": " + s.error().message);
  if (d.median_min_cases < 1 || d.median_min_cases > 1000)
    return core::Error::invalid(path + ": median_min_cases must be between 1 and 1000.");
  return d;
}

}  // namespace

core::Result<DisclosureSettings> DisclosureSettings::load(const std::string& dir) {
  DisclosureSettings s;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return s;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".toml") continue;
    auto d = load_one(entry.path().string());
    if (!d.ok()) return d.take_error();
    if (entry.path().stem() == "default") {
      s.default_ = std::move(*d);
    } else {
      if (d->country.empty())
        return core::Error::invalid(entry.path().string() + ": country is missing.");
      s.by_country_[d->country] = std::move(*d);
    }
  }
  return s;
}

const CountryDisclosure& DisclosureSettings::for_country(std::string_view country) const {
  auto it = by_country_.find(country);
  return it == by_country_.end() ? default_ : it->second;
}

}  // namespace haven::service
