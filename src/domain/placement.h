// Placement: a period of alternative care — kinship, foster, residential or supervised independent
// living — with provider, start, end, the reason for it and the dates it was reviewed. Placements
// feed the formal-care indicators, so their dates must be right.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "domain/case_types.h"

namespace haven::domain {

struct Placement {
  std::string id;
  PlacementType type = PlacementType::kFosterCare;
  std::string provider;              // the foster family, the institution
  core::Date start_on;               // may lie ahead: a planned placement
  std::optional<core::Date> end_on;  // open while the child is placed
  std::string reason;
  std::string end_reason;  // where the child went and why, once ended
  std::vector<core::Date> review_dates;
};

// True on the days the child is in this placement (start and end day included).
bool is_active_on(const Placement& placement, core::Date day);

core::Status validate_placement(const Placement& placement, core::Date today);

}  // namespace haven::domain
