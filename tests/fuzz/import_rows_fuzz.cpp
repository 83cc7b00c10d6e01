// Fuzz target: the rows of an import file (service/import/row_source) and their translation into
// children (translate_row: codes, dates, lists, identity numbers with their check digits, the
// domain's rules). The first byte picks the format (even: CSV with ';', odd: JSON lines), the rest
// is the file, read through a mapping that names every field haven imports. Every row is read, a
// broken one is reported as broken, and the reader ends; nothing crashes or loops.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "fuzz_support.h"
#include "service/import/row_source.h"

namespace imp = haven::service::import;

namespace {

constexpr const char* kMapping = R"(
[source]
delimiter = ";"
[fields]
id = "id"
given_names = "given"
family_names = "family"
names_original_script = "original"
sex = { column = "sex", values = { M = "male", F = "female", X = "unknown" } }
birth_date = { column = "born", format = "%d.%m.%Y" }
birth_date_estimated = { column = "est", values = { J = "true", N = "false" } }
birth_date_estimate_basis = { column = "basis", default = "caseworker_estimate" }
registered_on = { column = "created", format = "epoch_ms" }
nationalities = { column = "nat", separator = "," }
languages = { column = "lang", separator = ",", values = { svenska = "sv" } }
identity_number = "idnr"
identity_number_country = { column = "idc", default = "SE" }
identity_number_kind = "idk"
)";

const imp::ImportMapping& mapping() {
  static const imp::ImportMapping m = [] {
    std::istringstream in(kMapping);
    auto parsed = imp::parse_mapping(in, "fuzz.toml");
    if (!parsed.ok()) std::abort();
    return *parsed;
  }();
  return m;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)mapping();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto format = data[0] % 2 == 0 ? imp::ImportFormat::kCsv : imp::ImportFormat::kJsonLines;
  const std::string path =
      haven::fuzz::write_scratch("rows", haven::fuzz::as_text(data + 1, size - 1));
  auto source = imp::RowSource::open(path, format, mapping());
  if (!source.ok()) return 0;
  const haven::core::Date today = *haven::core::Date::from_ymd(2026, 11, 28);
  std::vector<imp::Cell> cells;
  std::optional<imp::RowProblem> broken;
  for (size_t rows = 0;; ++rows) {
    if (rows > size + 1) std::abort();  // more rows than bytes: the reader is not advancing
    auto more = (*source)->next(cells, broken);
    if (!more.ok() || !*more) break;
    if (broken) continue;
    if (cells.size() != mapping().columns.size()) std::abort();
    std::vector<imp::RowProblem> problems;
    auto child = imp::translate_row(mapping(), cells, today, problems);
    if (child.has_value() == !problems.empty()) std::abort();  // a child, or the reasons why not
  }
  return 0;
}
