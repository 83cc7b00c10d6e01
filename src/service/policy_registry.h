// Country policies (config/policy/<country>.toml → domain::CountryPolicy), loaded once at start:
// the deadlines behind task lists and the case list's "overdue" filter. Immutable after load.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/country_policy.h"

namespace haven::service {

class PolicyRegistry {
 public:
  PolicyRegistry() = default;
  // Reads default.toml and every <cc>.toml in `dir`; a missing folder gives the built-in defaults.
  static core::Result<PolicyRegistry> load(const std::string& dir);
  // The country's policy, or the default one.
  const domain::CountryPolicy& for_country(std::string_view country) const;

 private:
  domain::CountryPolicy default_;
  std::map<std::string, domain::CountryPolicy, std::less<>> by_country_;
};

}  // namespace haven::service
