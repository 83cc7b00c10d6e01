// A breakdown dimension of a statistical table (age band, sex, care type …): its codes and the
// hierarchy saying which codes add up to which. Disclosure control reads the linear relations of a
// table from these hierarchies, so they live apart from the cells.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace haven::stats {

// SDMX conventions: "_T" is the total of a dimension, "_Z" means the dimension does not apply to a
// figure (a count not broken down by sex has SEX=_Z in SDMX-CSV).
inline constexpr std::string_view kTotalCode = "_T";
inline constexpr std::string_view kNotApplicableCode = "_Z";

struct Code {
  std::string id;
  int parent = -1;  // index of the code this one adds up into; -1 for the root (the total)
};

enum class DimensionKind {
  // Every child falls in exactly one leaf (sex, age band, care type): a parent is the sum of its
  // children. This is what lets an attacker subtract.
  kAdditive,
  // A child may fall in several categories (violence types, reasons for entering care): each child
  // code is at most its parent, and the parent at most the sum of its children. The latter holds
  // only if every unit has a category, so such lists carry an "other"/"unknown" code.
  kMultiValued,
};

// Codes are listed parents first; exactly one code is the root. Immutable once built; cheap to
// copy.
struct Dimension {
  std::string id;
  std::vector<Code> codes;
  DimensionKind kind = DimensionKind::kAdditive;

  int find(std::string_view code) const;  // index, or -1
  bool is_leaf(int code) const;
  std::vector<int> children(int code) const;
  int root() const;  // index of the root code (-1 only for an invalid dimension)
};

// A dimension with a "_T" root and the given leaves under it.
Dimension flat_dimension(std::string id, const std::vector<std::string>& leaves,
                         DimensionKind kind = DimensionKind::kAdditive);

// SDMX identifiers: 1–50 characters of A–Z a–z 0–9 _ @ $ -, as in IDType of the SDMX information
// model (the first character not '-').
bool is_sdmx_id(std::string_view text);

// Well-formed: an SDMX id, codes unique SDMX ids, one root, parents listed before their children.
core::Status validate_dimension(const Dimension& dimension);

}  // namespace haven::stats
