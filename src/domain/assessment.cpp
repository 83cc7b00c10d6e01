// The rules for an assessment.
#include "domain/assessment.h"

#include "core/utf8.h"
#include "domain/field_errors.h"

namespace haven::domain {

core::Status validate_assessment(const Assessment& a, core::Date today) {
  FieldErrors errors;
  errors.not_future("started_on", a.started_on, today);
  errors.text("safety", a.safety, kLongTextMaxChars, Presence::kOptional);
  errors.text("health", a.health, kLongTextMaxChars, Presence::kOptional);
  errors.text("development", a.development, kLongTextMaxChars, Presence::kOptional);
  errors.text("education", a.education, kLongTextMaxChars, Presence::kOptional);
  errors.text("family_environment", a.family_environment, kLongTextMaxChars, Presence::kOptional);
  bool views_ok = errors.text("child_views", a.child_views, kLongTextMaxChars, Presence::kOptional);
  bool rationale_ok =
      errors.text("risk_rationale", a.risk_rationale, kTextMaxChars, Presence::kOptional);
  if (a.completed()) {
    if (views_ok && core::trim(a.child_views).empty())
      errors.add(
          "child_views",
          "Record the child's views, or why they could not be obtained (for example, too young "
          "to say).");
    if (rationale_ok && core::trim(a.risk_rationale).empty())
      errors.add("risk_rationale", "Explain why this risk level was chosen.");
    if (!a.risk_level) errors.add("risk_level", "A completed assessment needs a risk level.");
    if (errors.not_future("completed_on", *a.completed_on, today))
      errors.not_before("completed_on", *a.completed_on, a.started_on, "the assessment started");
  }
  return errors.status("The assessment needs correcting; see the marked fields.");
}

}  // namespace haven::domain
