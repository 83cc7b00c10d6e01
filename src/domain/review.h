// Review: a periodic look at how the plan is going — progress against goals, the risk re-rated with
// its rationale, what was decided, and when to look again. Placement reviews follow their own
// interval.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "core/result.h"
#include "domain/case_types.h"

namespace haven::domain {

struct Review {
  std::string id;
  core::Date held_on;
  std::string progress;                 // against the plan's goals
  std::optional<RiskLevel> risk_level;  // re-rated at every review: required
  std::string risk_rationale;
  std::string decisions;
  bool placement_review = false;
  bool child_participated = false;
  std::optional<core::Date> next_review_on;  // overrides the policy interval when set
};

core::Status validate_review(const Review& review, core::Date today);

}  // namespace haven::domain
