// Table indexing (row-major over code indices), unit and status code tables, and margin summation.
#include "stats/table.h"

#include <cmath>
#include <set>
#include <stdexcept>

namespace haven::stats {

namespace {

struct UnitInfo {
  Unit unit;
  std::string_view name;
  std::string_view sdmx;
  int decimals;
};

constexpr UnitInfo kUnits[] = {
    {Unit::kCount, "count", "NR", 0},
    {Unit::kRatePer100k, "rate_per_100000", "P_HTHAB", 1},
    {Unit::kShare, "share", "PC", 1},
    {Unit::kRatio, "ratio", "RT", 2},
    {Unit::kMedianDays, "median_days", "DAY", 1},
};

const UnitInfo& info(Unit unit) {
  for (const UnitInfo& u : kUnits) {
    if (u.unit == unit) return u;
  }
  throw std::logic_error("unknown unit");
}

}  // namespace

std::string_view unit_name(Unit unit) {
  return info(unit).name;
}
std::string_view unit_sdmx_code(Unit unit) {
  return info(unit).sdmx;
}
int unit_decimals(Unit unit) {
  return info(unit).decimals;
}
bool is_additive(Unit unit) {
  return unit != Unit::kMedianDays;
}

std::optional<Unit> parse_unit_name(std::string_view name) {
  for (const UnitInfo& u : kUnits) {
    if (u.name == name) return u.unit;
  }
  return std::nullopt;
}

std::optional<Unit> parse_unit_sdmx_code(std::string_view code) {
  for (const UnitInfo& u : kUnits) {
    if (u.sdmx == code) return u.unit;
  }
  return std::nullopt;
}

bool is_suppressed(CellStatus status) {
  return status == CellStatus::kPrimarySuppressed || status == CellStatus::kSecondarySuppressed;
}

char obs_status_code(CellStatus status) {
  switch (status) {
    case CellStatus::kNotApplicable:
      return 'M';
    case CellStatus::kMissing:
      return 'L';
    default:
      return 'A';
  }
}

char conf_status_code(CellStatus status) {
  switch (status) {
    case CellStatus::kPrimarySuppressed:
      return 'C';
    case CellStatus::kSecondarySuppressed:
      return 'D';
    default:
      return 'F';
  }
}

std::optional<CellStatus> status_from_sdmx(std::string_view obs, std::string_view conf) {
  if (obs == "A") {
    if (conf == "F") return CellStatus::kObserved;
    if (conf == "C") return CellStatus::kPrimarySuppressed;
    if (conf == "D") return CellStatus::kSecondarySuppressed;
    return std::nullopt;
  }
  if (conf != "F") return std::nullopt;  // a missing value has nothing to keep confidential
  if (obs == "M") return CellStatus::kNotApplicable;
  if (obs == "L") return CellStatus::kMissing;
  return std::nullopt;
}

Table::Table(TableKey key, Unit unit, std::vector<Dimension> dimensions)
    : key_(std::move(key)), unit_(unit), dims_(std::move(dimensions)) {
  std::set<std::string_view> ids;
  size_t total = 1;
  for (const Dimension& d : dims_) {
    if (auto status = validate_dimension(d); !status.ok()) {
      throw std::invalid_argument(status.error().message);
    }
    if (!ids.insert(d.id).second) throw std::invalid_argument("dimension " + d.id + " twice");
    if (total > kMaxCells / d.codes.size()) throw std::invalid_argument("table too large");
    total *= d.codes.size();
  }
  strides_.assign(dims_.size(), 1);
  for (size_t k = dims_.size(); k-- > 1;) strides_[k - 1] = strides_[k] * dims_[k].codes.size();
  for (const Dimension& d : dims_) {
    std::vector<bool> leaves(d.codes.size());
    for (size_t c = 0; c < d.codes.size(); ++c) leaves[c] = d.is_leaf(static_cast<int>(c));
    leaf_.push_back(std::move(leaves));
  }
  cells_.resize(total);
}

int Table::dimension_index(std::string_view id) const {
  for (size_t k = 0; k < dims_.size(); ++k) {
    if (dims_[k].id == id) return static_cast<int>(k);
  }
  return -1;
}

size_t Table::index(std::span<const int> coords) const {
  size_t i = 0;
  for (size_t k = 0; k < dims_.size(); ++k) i += strides_[k] * static_cast<size_t>(coords[k]);
  return i;
}

int Table::coord(size_t index, size_t dimension) const {
  return static_cast<int>((index / strides_[dimension]) % dims_[dimension].codes.size());
}

std::vector<int> Table::coords(size_t index) const {
  std::vector<int> out(dims_.size());
  for (size_t k = 0; k < dims_.size(); ++k) out[k] = coord(index, k);
  return out;
}

std::optional<size_t> Table::find(std::span<const std::string_view> codes) const {
  if (codes.size() != dims_.size()) return std::nullopt;
  size_t i = 0;
  for (size_t k = 0; k < dims_.size(); ++k) {
    int c = dims_[k].find(codes[k]);
    if (c < 0) return std::nullopt;
    i += strides_[k] * static_cast<size_t>(c);
  }
  return i;
}

std::optional<size_t> Table::find(std::initializer_list<std::string_view> codes) const {
  return find(std::span<const std::string_view>(codes.begin(), codes.size()));
}

bool Table::is_margin(size_t index) const {
  for (size_t k = 0; k < dims_.size(); ++k) {
    if (!leaf_[k][static_cast<size_t>(coord(index, k))]) return true;
  }
  return false;
}

std::string Table::describe(size_t index) const {
  if (dims_.empty()) return "total";
  std::string out;
  for (size_t k = 0; k < dims_.size(); ++k) {
    if (k > 0) out += ", ";
    out += dims_[k].id + "=" + dims_[k].codes[static_cast<size_t>(coord(index, k))].id;
  }
  return out;
}

void Table::sum_margins() {
  for (size_t k = 0; k < dims_.size(); ++k) {
    const Dimension& d = dims_[k];
    if (d.kind != DimensionKind::kAdditive) continue;
    const size_t n = d.codes.size();
    // Zero this dimension's non-leaf codes, then add children into parents, deepest first
    // (children are listed after their parents).
    for (size_t i = 0; i < cells_.size(); ++i) {
      if (!leaf_[k][static_cast<size_t>(coord(i, k))]) {
        cells_[i].count = 0;
        cells_[i].denominator = 0;
      }
    }
    for (size_t c = n; c-- > 0;) {
      int parent = d.codes[c].parent;
      if (parent < 0) continue;
      for (size_t i = 0; i < cells_.size(); ++i) {
        if (static_cast<size_t>(coord(i, k)) != c) continue;
        size_t p = i - c * strides_[k] + static_cast<size_t>(parent) * strides_[k];
        cells_[p].count += cells_[i].count;
        cells_[p].denominator += cells_[i].denominator;
      }
    }
  }
}

double round_to(double v, int decimals) {
  const double f = std::pow(10.0, decimals);
  return std::round(v * f) / f;
}

}  // namespace haven::stats
