// The rules for a screening decision.
#include "domain/screening_decision.h"

#include "domain/field_errors.h"

namespace haven::domain {

core::Status validate_screening_decision(const ScreeningDecision& d, core::Date today) {
  FieldErrors errors;
  errors.not_future("decided_on", d.decided_on, today);
  errors.id("decided_by", d.decided_by, Presence::kRequired);
  errors.text("reasons", d.reasons, kTextMaxChars, Presence::kRequired);
  return errors.status("The screening decision needs correcting; see the marked fields.");
}

}  // namespace haven::domain
