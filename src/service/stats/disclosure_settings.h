// Each country's disclosure-control policy for its statistics releases, read from
// config/policy/disclosure/<country>.toml (default.toml for countries without a file). It sits
// beside the country's deadline policy rather than inside it because that file is flat and its
// loader refuses keys it does not know (domain::CountryPolicy). Immutable after load.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/result.h"
#include "stats/disclosure_control.h"

namespace haven::service {

struct CountryDisclosure {
  std::string country;  // empty for the default
  stats::DisclosurePolicy policy;
  // A median of fewer cases than this is withheld (it would come close to one child's figure).
  int64_t median_min_cases = 10;
};

class DisclosureSettings {
 public:
  DisclosureSettings() = default;
  // default.toml and every <cc>.toml in `dir`; a missing folder gives the built-in defaults.
  // Errors (kInvalidInput) name the file and the key.
  static core::Result<DisclosureSettings> load(const std::string& dir);
  const CountryDisclosure& for_country(std::string_view country) const;

 private:
  CountryDisclosure default_;
  std::map<std::string, CountryDisclosure, std::less<>> by_country_;
};

}  // namespace haven::service
