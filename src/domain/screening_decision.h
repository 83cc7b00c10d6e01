// ScreeningDecision: the first decision on a report — open an assessment or not — with the reasons,
// which are what a later reader (or an inspector) needs most when a screened-out child comes back.
#pragma once

#include <string>

#include "core/date.h"
#include "core/result.h"

namespace haven::domain {

struct ScreeningDecision {
  std::string id;
  core::Date decided_on;
  std::string decided_by;  // user id
  bool open_assessment = false;
  std::string reasons;  // required either way
};

core::Status validate_screening_decision(const ScreeningDecision& decision, core::Date today);

}  // namespace haven::domain
