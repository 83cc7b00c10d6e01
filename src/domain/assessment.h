// Assessment: the structured look at a child's safety, health, development, education, family and
// environment, and the child's own views, ending in a risk level with its rationale. Drafts may be
// partial; a completed assessment must carry its conclusion.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "core/result.h"
#include "domain/case_types.h"

namespace haven::domain {

struct Assessment {
  std::string id;
  core::Date started_on;
  std::optional<core::Date> completed_on;  // set = completed
  std::string safety;
  std::string health;
  std::string development;
  std::string education;
  std::string family_environment;
  std::string child_views;  // the child's views, or why they could not be obtained
  std::optional<RiskLevel> risk_level;
  std::string risk_rationale;

  bool completed() const { return completed_on.has_value(); }
};

// Completing requires a risk level, its rationale and the child's views (or why there are none): a
// risk level nobody can explain, or reached without hearing the child, is not an assessment.
core::Status validate_assessment(const Assessment& assessment, core::Date today);

}  // namespace haven::domain
