// Margin views, rates and ratios over protected count tables.
#include "stats/derive.h"

#include <algorithm>
#include <cmath>

namespace haven::stats {

namespace {

// For each cell of `view` (dimensions `keep` of `source`), the index of the source cell with the
// same codes there and every other dimension at its root, optionally one dimension fixed to a code.
core::Result<std::vector<size_t>> source_cells(const Table& source, const Table& view,
                                               int fixed_dim = -1, int fixed_code = -1) {
  std::vector<int> map(view.dimensions().size());
  for (size_t k = 0; k < map.size(); ++k) {
    map[k] = source.dimension_index(view.dimensions()[k].id);
    if (map[k] < 0) {
      return core::Error::invalid("Table " + source.key().indicator + " has no dimension " +
                                  view.dimensions()[k].id + ".");
    }
  }
  std::vector<size_t> out(view.size());
  std::vector<int> coords(source.dimensions().size());
  for (size_t i = 0; i < view.size(); ++i) {
    for (size_t d = 0; d < coords.size(); ++d) coords[d] = source.dimensions()[d].root();
    if (fixed_dim >= 0) coords[static_cast<size_t>(fixed_dim)] = fixed_code;
    for (size_t k = 0; k < map.size(); ++k) coords[static_cast<size_t>(map[k])] = view.coord(i, k);
    out[i] = source.index(coords);
  }
  return out;
}

std::vector<Dimension> kept(const Table& table, const std::vector<std::string>& keep) {
  std::vector<Dimension> dims;
  for (const Dimension& d : table.dimensions()) {
    for (const std::string& k : keep) {
      if (d.id == k) dims.push_back(d);
    }
  }
  return dims;
}

}  // namespace

core::Result<Table> margin_view(const Table& table, const std::vector<std::string>& keep,
                                const std::string& indicator) {
  for (const std::string& k : keep) {
    if (table.dimension_index(k) < 0) {
      return core::Error::invalid("Table " + table.key().indicator + " has no dimension " + k +
                                  ".");
    }
  }
  Table view({indicator, table.key().country, table.key().period}, table.unit(), kept(table, keep));
  auto cells = source_cells(table, view);
  if (!cells.ok()) return cells.take_error();
  for (size_t i = 0; i < view.size(); ++i) view.at(i) = table.at((*cells)[i]);
  return view;
}

core::Result<Table> derive_rates(const Table& counts, const Indicator& rate,
                                 const Population& population) {
  if (counts.unit() != Unit::kCount || rate.unit != Unit::kRatePer100k) {
    return core::Error::invalid("Rates are derived from a count table.");
  }
  const std::string& period = counts.key().period;
  if (period.size() < 4 || !std::all_of(period.begin(), period.begin() + 4,
                                        [](char ch) { return ch >= '0' && ch <= '9'; })) {
    return core::Error::invalid("Period '" + period + "' does not start with a year.");
  }
  const int year = std::stoi(period.substr(0, 4));
  auto view = margin_view(counts, rate.breakdowns, rate.id);
  if (!view.ok()) return view.take_error();
  Table out({rate.id, counts.key().country, period}, Unit::kRatePer100k, view->dimensions());
  const int age = out.dimension_index("AGE"), sex = out.dimension_index("SEX");
  for (size_t i = 0; i < out.size(); ++i) {
    Cell c = view->at(i);
    c.median = 0;
    c.denominator = 0;
    c.value.reset();
    if (c.status == CellStatus::kObserved) {
      auto code_of = [&](int dim) -> std::string_view {
        if (dim < 0) return kTotalCode;
        const size_t k = static_cast<size_t>(dim);
        return out.dimensions()[k].codes[static_cast<size_t>(out.coord(i, k))].id;
      };
      const std::string_view age_code = code_of(age), sex_code = code_of(sex);
      auto pop = population.children(counts.key().country, year, age_code, sex_code);
      if (!pop || *pop <= 0) {
        c.status = CellStatus::kNotApplicable;
        c.count = 0;
        c.rounding_base = 0;
      } else {
        c.denominator = *pop;
        c.value = round_to(static_cast<double>(c.count) * 100000.0 / static_cast<double>(*pop),
                           unit_decimals(Unit::kRatePer100k));
      }
    }
    out.at(i) = c;
  }
  return out;
}

core::Result<Table> derive_ratio(const Table& counts, const Indicator& ratio) {
  if (counts.unit() != Unit::kCount || ratio.unit != Unit::kRatio) {
    return core::Error::invalid("Ratios are derived from a count table.");
  }
  const int dim = counts.dimension_index(ratio.ratio_dimension);
  if (dim < 0) {
    return core::Error::invalid("Table " + counts.key().indicator + " has no dimension " +
                                ratio.ratio_dimension + ".");
  }
  const Dimension& d = counts.dimensions()[static_cast<size_t>(dim)];
  const int num_code = d.find(ratio.ratio_numerator), den_code = d.find(ratio.ratio_denominator);
  if (num_code < 0 || den_code < 0) {
    return core::Error::invalid("Codes " + ratio.ratio_numerator + " and " +
                                ratio.ratio_denominator + " are not both in " + d.id + ".");
  }
  for (const std::string& k : ratio.breakdowns) {
    if (counts.dimension_index(k) < 0 || k == ratio.ratio_dimension) {
      return core::Error::invalid("Ratio " + ratio.id + " cannot be broken down by " + k + ".");
    }
  }
  Table out({ratio.id, counts.key().country, counts.key().period}, Unit::kRatio,
            kept(counts, ratio.breakdowns));
  auto nums = source_cells(counts, out, dim, num_code);
  auto dens = source_cells(counts, out, dim, den_code);
  if (!nums.ok()) return nums.take_error();
  if (!dens.ok()) return dens.take_error();
  for (size_t i = 0; i < out.size(); ++i) {
    const Cell& n = counts.at((*nums)[i]);
    const Cell& m = counts.at((*dens)[i]);
    Cell c;
    if (n.status == CellStatus::kObserved && m.status == CellStatus::kObserved) {
      if (m.count == 0) {
        c.status = CellStatus::kNotApplicable;
      } else {
        c.count = n.count;
        c.denominator = m.count;
        c.value = round_to(static_cast<double>(n.count) / static_cast<double>(m.count),
                           unit_decimals(Unit::kRatio));
      }
    } else if (n.status == CellStatus::kPrimarySuppressed ||
               m.status == CellStatus::kPrimarySuppressed) {
      c.status = CellStatus::kPrimarySuppressed;
    } else if (is_suppressed(n.status) || is_suppressed(m.status)) {
      c.status = CellStatus::kSecondarySuppressed;
    } else {
      c.status = n.status == CellStatus::kObserved ? m.status : n.status;  // missing or n/a
    }
    out.at(i) = c;
  }
  return out;
}

}  // namespace haven::stats
