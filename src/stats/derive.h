// Figures computed from a protected count table rather than from case data: margins of it, rates
// per 100,000 children and ratios between two of its codes. Deriving from the protected table —
// never from raw counts — is what keeps a cell hidden there hidden in every figure built on it.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "stats/indicator_catalogue.h"
#include "stats/population.h"
#include "stats/table.h"

namespace haven::stats {

// The cells of a table where every dimension not in `keep` is at its total, as a table over `keep`
// (in the table's order) for `indicator`; counts, denominators, statuses and rounding carried over.
// Errors if a dimension in `keep` is not in the table.
core::Result<Table> margin_view(const Table& table, const std::vector<std::string>& keep,
                                const std::string& indicator);

// A rate indicator's table from the protected count table it is derived from: counts from the
// count table's margin over the rate's breakdowns (AGE, SEX), denominators from the population of
// the period's year. A withheld count gives a withheld rate; no population (sex "_U", a missing
// year) gives not applicable.
core::Result<Table> derive_rates(const Table& protected_counts, const Indicator& rate,
                                 const Population& population);

// A ratio indicator's table: numerator code over denominator code of ratio_dimension in the
// protected count table, over the ratio's breakdowns. Withheld if either count is withheld (C if
// either is primary, else D); not applicable where the denominator is zero.
core::Result<Table> derive_ratio(const Table& protected_counts, const Indicator& ratio);

}  // namespace haven::stats
