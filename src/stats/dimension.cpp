// Dimension look-ups and the structural checks every table relies on (one root, parents first).
#include "stats/dimension.h"

#include <set>

namespace haven::stats {

int Dimension::find(std::string_view code) const {
  for (size_t i = 0; i < codes.size(); ++i) {
    if (codes[i].id == code) return static_cast<int>(i);
  }
  return -1;
}

bool Dimension::is_leaf(int code) const {
  for (const Code& c : codes) {
    if (c.parent == code) return false;
  }
  return true;
}

std::vector<int> Dimension::children(int code) const {
  std::vector<int> out;
  for (size_t i = 0; i < codes.size(); ++i) {
    if (codes[i].parent == code) out.push_back(static_cast<int>(i));
  }
  return out;
}

int Dimension::root() const {
  for (size_t i = 0; i < codes.size(); ++i) {
    if (codes[i].parent < 0) return static_cast<int>(i);
  }
  return -1;
}

Dimension flat_dimension(std::string id, const std::vector<std::string>& leaves,
                         DimensionKind kind) {
  Dimension d{std::move(id), {{std::string(kTotalCode), -1}}, kind};
  for (const std::string& leaf : leaves) d.codes.push_back({leaf, 0});
  return d;
}

bool is_sdmx_id(std::string_view text) {
  if (text.empty() || text.size() > 50 || text.front() == '-') return false;
  for (char c : text) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '@' || c == '$' || c == '-';
    if (!ok) return false;
  }
  return true;
}

core::Status validate_dimension(const Dimension& d) {
  if (!is_sdmx_id(d.id)) {
    return core::Error::invalid("Dimension id '" + d.id + "' is not an SDMX identifier.");
  }
  if (d.codes.empty()) return core::Error::invalid("Dimension " + d.id + " has no codes.");
  std::set<std::string_view> seen;
  int roots = 0;
  for (size_t i = 0; i < d.codes.size(); ++i) {
    const Code& c = d.codes[i];
    if (!is_sdmx_id(c.id) || c.id == kNotApplicableCode) {
      return core::Error::invalid("Dimension " + d.id + ": code '" + c.id +
                                  "' is not a valid SDMX code.");
    }
    if (!seen.insert(c.id).second) {
      return core::Error::invalid("Dimension " + d.id + ": code " + c.id + " is listed twice.");
    }
    if (c.parent < 0) {
      ++roots;
    } else if (static_cast<size_t>(c.parent) >= i) {
      return core::Error::invalid("Dimension " + d.id + ": code " + c.id +
                                  " must come after its parent.");
    }
  }
  if (roots != 1) {
    return core::Error::invalid("Dimension " + d.id + " must have exactly one total code, has " +
                                std::to_string(roots) + ".");
  }
  return core::ok_status();
}

}  // namespace haven::stats
