// Fuzz target: SDMX-CSV releases as the regional hub receives them from other countries
// (stats/sdmx_csv), read against the real catalogue's data structure. A file is accepted or refused
// with a line and column; an accepted one regroups into tables, and writing those tables back must
// give a file that reads again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "fuzz_support.h"
#include "stats/catalogue_loader.h"
#include "stats/sdmx_csv.h"

namespace {

const haven::stats::DataStructure& structure() {
  static const haven::stats::DataStructure s = [] {
    auto c = haven::stats::load_catalogue(HAVEN_SOURCE_DIR "/config/indicators");
    if (!c.ok()) std::abort();
    return c->data_structure();
  }();
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)structure();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace stats = haven::stats;
  stats::SdmxLimits limits;
  limits.max_rows = 10'000;
  auto dataset = stats::read_sdmx_csv(haven::fuzz::as_text(data, size), structure(), limits);
  if (!dataset.ok()) return 0;
  auto tables = stats::tables_from_dataset(*dataset, structure());
  if (!tables.ok()) return 0;
  std::vector<const stats::Table*> pointers;
  for (const auto& t : *tables) pointers.push_back(&t);
  auto written = stats::write_sdmx_csv(pointers, structure());
  if (written.ok() && !stats::read_sdmx_csv(*written, structure()).ok()) std::abort();
  return 0;
}
