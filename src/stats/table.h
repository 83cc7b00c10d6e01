// The statistical table every indicator is published as: a hypercube over breakdown dimensions
// whose margins (codes such as "_T") are stored as cells of their own, each cell carrying the count
// behind it, its published value and an observation status. Disclosure control, the attacker and
// SDMX-CSV all speak this one model.
//
// Status codes (SDMX 2.1 cross-domain code lists CL_OBS_STATUS and CL_CONF_STATUS):
//
//   CellStatus            OBS_STATUS CONF_STATUS OBS_VALUE  meaning
//   kObserved             A          F           the figure normal value, free for publication
//   kPrimarySuppressed    A          C           empty      confidential: the cell itself is small
//   kSecondarySuppressed  A          D           empty      confidential: hidden so that a primary
//                                                           cell cannot be found by subtraction
//   kNotApplicable        M          F           empty      the figure cannot exist (a rate with
//                                                           no population, a median of no cases)
//   kMissing              L          F           empty      exists, but was not supplied
//
// Rounding is orthogonal to status: a rounded cell is kObserved with rounding_base > 0, published
// in the ROUNDING attribute column.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "stats/dimension.h"

namespace haven::stats {

enum class Unit : uint8_t {
  kCount,        // children or events                          SDMX UNIT_MEASURE NR
  kRatePer100k,  // per 100,000 children 0–17 of the breakdown                    P_HTHAB
  kShare,        // percentage of a base count                                    PC
  kRatio,        // one count over another (residential per family-based)         RT
  kMedianDays,   // median of a duration in days                                  DAY
};

std::string_view unit_name(Unit unit);  // catalogue spelling: "count", "rate_per_100000", …
std::optional<Unit> parse_unit_name(std::string_view name);
std::string_view unit_sdmx_code(Unit unit);
std::optional<Unit> parse_unit_sdmx_code(std::string_view code);
int unit_decimals(Unit unit);  // digits after the point in a published value
// True when the counts behind cells add up along additive dimensions, so margins relate cells
// linearly. Rates, shares and ratios count: with public denominators the count is their numerator
// times the denominator. Medians are not additive.
bool is_additive(Unit unit);

enum class CellStatus : uint8_t {
  kObserved,
  kPrimarySuppressed,
  kSecondarySuppressed,
  kNotApplicable,
  kMissing,
};

bool is_suppressed(CellStatus status);  // primary or secondary
char obs_status_code(CellStatus status);
char conf_status_code(CellStatus status);
// The status of an OBS_STATUS / CONF_STATUS pair; nullopt for codes or pairs haven does not emit.
std::optional<CellStatus> status_from_sdmx(std::string_view obs_status,
                                           std::string_view conf_status);

struct Cell {
  int64_t count = 0;        // units behind the figure: the count itself, the numerator of a rate,
                            // share or ratio, the number of cases a median is taken over
  int64_t denominator = 0;  // population (rates), base count (shares, ratios); unused otherwise
  double median = 0;        // median days (kMedianDays only)
  CellStatus status = CellStatus::kObserved;
  int64_t rounding_base = 0;    // > 0 when the published count was rounded to this base
  std::optional<double> value;  // the published figure; set by protect() or read from SDMX-CSV
};

// What one table is about: an indicator in one country for one period ("2026" or "2026-Q1").
struct TableKey {
  std::string indicator;
  std::string country;
  std::string period;
  friend bool operator==(const TableKey&, const TableKey&) = default;
};

// Cells are stored row-major over the dimensions' codes, margins included. Not thread-safe for
// writing; a const Table may be read from several threads.
class Table {
 public:
  static constexpr size_t kMaxCells = 1'000'000;

  // Throws std::invalid_argument if a dimension is invalid, two dimensions share an id, or the cube
  // would exceed kMaxCells (programming errors: dimensions come from the validated catalogue).
  Table(TableKey key, Unit unit, std::vector<Dimension> dimensions);

  const TableKey& key() const { return key_; }
  Unit unit() const { return unit_; }
  const std::vector<Dimension>& dimensions() const { return dims_; }
  int dimension_index(std::string_view id) const;  // -1 if the table has no such dimension

  size_t size() const { return cells_.size(); }
  Cell& at(size_t index) { return cells_[index]; }
  const Cell& at(size_t index) const { return cells_[index]; }
  std::vector<Cell>& cells() { return cells_; }
  const std::vector<Cell>& cells() const { return cells_; }

  // Coordinates are code indices, one per dimension.
  size_t index(std::span<const int> coords) const;
  int coord(size_t index, size_t dimension) const;
  std::vector<int> coords(size_t index) const;
  // The cell at these code ids (one per dimension, in order); nullopt if one is unknown.
  std::optional<size_t> find(std::span<const std::string_view> codes) const;
  std::optional<size_t> find(std::initializer_list<std::string_view> codes) const;
  size_t stride(size_t dimension) const { return strides_[dimension]; }

  // A margin has a non-leaf code (a total or subtotal) in some dimension.
  bool is_margin(size_t index) const;
  // "AGE=Y0T4, SEX=F" (or "total" for a table without dimensions), for messages.
  std::string describe(size_t index) const;

  // Fills every margin of the additive dimensions with the sum of its children (count and
  // denominator). Set the cells whose additive coordinates are all leaves first; for multi-valued
  // dimensions every code, the total included, must be set by the caller (it is not a sum).
  void sum_margins();

 private:
  TableKey key_;
  Unit unit_;
  std::vector<Dimension> dims_;
  std::vector<size_t> strides_;
  std::vector<std::vector<bool>> leaf_;  // leaf_[dimension][code]
  std::vector<Cell> cells_;
};

// A published figure to `decimals` places (halves away from zero).
double round_to(double v, int decimals);

}  // namespace haven::stats
