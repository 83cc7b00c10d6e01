// Reading the indicator catalogue from config/indicators/: codelists.toml holds the breakdowns'
// code lists, every other *.toml file holds indicators. The only file of the layer that includes
// toml11. Errors name the file, the line and the key.
#pragma once

#include <istream>
#include <string>

#include "core/result.h"
#include "stats/indicator_catalogue.h"

namespace haven::stats {

// Loads and validates the whole catalogue (files in name order).
core::Result<Catalogue> load_catalogue(const std::string& directory);

// One file's contents into `into`, unvalidated across files; `name` labels messages.
core::Status parse_codelists(std::istream& in, const std::string& name, Catalogue& into);
core::Status parse_indicators(std::istream& in, const std::string& name, Catalogue& into);

}  // namespace haven::stats
