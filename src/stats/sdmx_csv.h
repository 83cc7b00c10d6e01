// SDMX-CSV 2.0 releases: the exchange format of Eurostat and other statistical agencies, in which a
// national instance publishes its protected tables and the regional hub receives them. The reader
// takes files from other countries, so it validates the header and every row against the data
// structure and bounds what it will read; errors name the line and the column.
//
// Columns, in order:
//   STRUCTURE      "dataflow"
//   STRUCTURE_ID   the dataflow, "CBSS:CHILD_PROTECTION(1.0)"
//   ACTION         "I" (information) when written; "A" (append) and "R" (replace) also read
//   FREQ           "A" annual, "Q" quarterly
//   REF_AREA       ISO 3166-1 alpha-2 country
//   INDICATOR      the catalogue's indicator id
//   <breakdowns>   one column per breakdown dimension of the structure (AGE, SEX, …); "_T" total,
//                  "_Z" when the indicator is not broken down by it
//   TIME_PERIOD    "2026" or "2026-Q1", matching FREQ
//   OBS_VALUE      the figure; empty when suppressed, not applicable or missing
//   OBS_STATUS     A normal, M not applicable (cannot exist), L missing (exists, not supplied)
//   CONF_STATUS    F free, C confidential (primary), D confidential (secondary)
//   UNIT_MEASURE   NR, P_HTHAB, PC, RT, DAY (see table.h)
//   ROUNDING       observation attribute: the rounding base (e.g. 5) of a rounded count, else empty
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "stats/dimension.h"
#include "stats/table.h"

namespace haven::stats {

inline constexpr std::string_view kChildProtectionDataflow = "CBSS:CHILD_PROTECTION(1.0)";

// The data structure a release follows: its dataflow id and breakdown dimensions (with code lists).
// Built from the indicator catalogue's code lists so there is one source of truth.
struct DataStructure {
  std::string id{kChildProtectionDataflow};
  std::vector<Dimension> breakdowns;
  std::vector<std::string> indicators;  // allowed INDICATOR codes; empty accepts any SDMX id
};

// The header row for a structure.
std::vector<std::string> sdmx_columns(const DataStructure& structure);

struct Observation {
  std::string country;
  std::string indicator;
  std::string period;
  std::vector<std::string> breakdown_codes;  // one per structure breakdown; "_Z" if not broken down
  std::optional<double> value;
  CellStatus status = CellStatus::kObserved;
  Unit unit = Unit::kCount;
  int64_t rounding_base = 0;
  size_t line = 0;  // where it was read (0 for observations not read from text)
};

struct Dataset {
  std::string structure_id;
  char action = 'I';
  std::vector<Observation> observations;
};

struct SdmxLimits {
  size_t max_bytes = 64u << 20;
  size_t max_rows = 1'000'000;
  size_t max_field_bytes = 256;
};

// Writes protected tables as one release. Refuses (kInvalidInput) a table whose dimension is not in
// the structure, a cell without a published value that claims to be observed, and — whatever the
// caller did — any value in a cell whose status says it must not be published.
core::Result<std::string> write_sdmx_csv(std::span<const Table* const> tables,
                                         const DataStructure& structure);

// Reads and validates a release. Checks: the header is exactly sdmx_columns(); every row has every
// field; dataflow, action, frequency and period agree; country, indicator and codes are known;
// status codes are valid SDMX codes haven uses; a value is present exactly when the status says so,
// non-negative, an integer for counts and a multiple of its rounding base; no key appears twice.
core::Result<Dataset> read_sdmx_csv(std::string_view text, const DataStructure& structure,
                                    const SdmxLimits& limits = {});

// Regroups a dataset into tables, one per country, indicator and period, over the breakdowns not
// at "_Z". Cells absent from the file are kMissing. Counts (unit NR) carry their value as count, so
// the attacker can run on what was received.
core::Result<std::vector<Table>> tables_from_dataset(const Dataset& dataset,
                                                     const DataStructure& structure);

}  // namespace haven::stats
