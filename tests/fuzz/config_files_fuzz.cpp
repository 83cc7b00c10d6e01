// Fuzz target: the configuration files haven reads at start or on a command — haven.toml
// (cli/settings), a country policy (config/policy/<cc>.toml), an indicator catalogue file
// (config/indicators/*.toml) and an import mapping (config/import/*.toml). The first byte picks
// the kind of file, the rest is its text. Each loader must answer with settings or an error naming
// the file, never crash or throw.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli/settings.h"
#include "fuzz_support.h"
#include "service/import/import_mapping.h"
#include "service/policy_registry.h"
#include "stats/catalogue_loader.h"

namespace {

// The real code lists, so a fuzzed indicator file can be validated against known breakdowns.
const haven::stats::Catalogue& codelists() {
  static const haven::stats::Catalogue c = [] {
    haven::stats::Catalogue out;
    std::ifstream in(HAVEN_SOURCE_DIR "/config/indicators/codelists.toml");
    if (!haven::stats::parse_codelists(in, "codelists.toml", out).ok()) std::abort();
    return out;
  }();
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  ::unsetenv("HAVEN_DB");  // settings must come from the fuzzed file alone
  ::unsetenv("HAVEN_CONFIG");
  (void)codelists();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(haven::fuzz::as_text(data + 1, size - 1));
  switch (data[0] % 4) {
    case 0: {  // haven.toml
      haven::cli::CommonOptions given;
      given.config = haven::fuzz::write_scratch("haven.toml", text);
      auto s = haven::cli::load_settings(given);
      if (!s.ok() && s.error().code != haven::core::ErrorCode::kInvalidInput) std::abort();
      break;
    }
    case 1: {  // a country policy
      const auto dir = haven::fuzz::scratch_dir() / "policy";
      std::filesystem::create_directories(dir);
      haven::fuzz::write_scratch("policy/xx.toml", text);
      auto r = haven::service::PolicyRegistry::load(dir.string());
      if (r.ok()) (void)r->for_country("XX");
      break;
    }
    case 2: {  // an indicator catalogue file, validated with the real code lists
      haven::stats::Catalogue c = codelists();
      std::istringstream in(text);
      if (haven::stats::parse_indicators(in, "fuzz.toml", c).ok() &&
          haven::stats::validate_catalogue(c).ok()) {
        for (const auto& ind : c.indicators) (void)c.dimensions_of(ind);
        (void)c.data_structure();
      }
      break;
    }
    default: {  // an import mapping
      std::istringstream in(text);
      auto m = haven::service::import::parse_mapping(in, "fuzz.toml");
      if (m.ok() && m->column_of.size() != m->fields.size()) std::abort();
      break;
    }
  }
  return 0;
}
