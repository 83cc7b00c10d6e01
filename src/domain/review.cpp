// The rules for a review.
#include "domain/review.h"

#include "domain/field_errors.h"

namespace haven::domain {

core::Status validate_review(const Review& r, core::Date today) {
  FieldErrors errors;
  errors.not_future("held_on", r.held_on, today);
  errors.text("progress", r.progress, kLongTextMaxChars, Presence::kRequired);
  if (!r.risk_level) errors.add("risk_level", "Re-rate the risk at every review.");
  errors.text("risk_rationale", r.risk_rationale, kTextMaxChars, Presence::kRequired);
  errors.text("decisions", r.decisions, kTextMaxChars, Presence::kOptional);
  if (r.next_review_on && *r.next_review_on <= r.held_on)
    errors.add("next_review_on", "The next review must come after this one.");
  return errors.status("The review needs correcting; see the marked fields.");
}

}  // namespace haven::domain
