// Placement: a period of alternative care — kinship, foster, residential or supervised independent
// living — with provider, start, end, why the child entered care and where the child went (as
// codes, with the narrative beside them) and the dates it was reviewed. Placements feed the
// formal-care indicators, so their dates and codes must be right.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "domain/case_types.h"
#include "domain/placement_types.h"

namespace haven::domain {

struct Placement {
  std::string id;
  PlacementType type = PlacementType::kFosterCare;
  std::string provider;                             // the foster family, the institution
  core::Date start_on;                              // may lie ahead: a planned placement
  std::optional<core::Date> end_on;                 // open while the child is placed
  std::vector<EntryReason> entry_reasons;           // one or more; each at most once
  std::string reason;                               // the narrative beside the entry reasons
  std::optional<ExitDestination> exit_destination;  // set once ended
  std::string end_reason;                           // where the child went and why, once ended
  std::vector<core::Date> review_dates;
};

// A placement recorded before entry reasons were coded (migration 0016) has none and may be
// edited without adding them; every other write needs at least one.
enum class EntryReasons { kRequired, kOptional };

// True on the days the child is in this placement (start and end day included).
bool is_active_on(const Placement& placement, core::Date day);

// Field errors name `entry_reasons` (none given, or one twice), `exit_destination` (an ended
// placement without one, or one before the end), the text fields and the dates.
core::Status validate_placement(const Placement& placement, core::Date today,
                                EntryReasons entry_reasons = EntryReasons::kRequired);

}  // namespace haven::domain
