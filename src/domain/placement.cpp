// The rules for an alternative-care placement.
#include "domain/placement.h"

#include "domain/field_errors.h"

namespace haven::domain {

bool is_active_on(const Placement& p, core::Date day) {
  return p.start_on <= day && (!p.end_on || day <= *p.end_on);
}

core::Status validate_placement(const Placement& p, core::Date today) {
  FieldErrors errors;
  errors.line("provider", p.provider, kNameMaxChars, Presence::kRequired);
  errors.text("reason", p.reason, kTextMaxChars, Presence::kRequired);
  errors.text("end_reason", p.end_reason, kTextMaxChars, Presence::kOptional);
  if (p.end_on) {
    errors.not_before("end_on", *p.end_on, p.start_on, "the placement started");
  } else if (!p.end_reason.empty()) {
    errors.add("end_reason", "Only an ended placement has an end reason; give the end date too.");
  }
  for (std::size_t i = 0; i < p.review_dates.size(); ++i) {
    std::string field = indexed_field("review_dates", i);
    if (!errors.not_future(field, p.review_dates[i], today)) continue;
    errors.not_before(field, p.review_dates[i], p.start_on, "the placement started");
  }
  return errors.status("The placement needs correcting; see the marked fields.");
}

}  // namespace haven::domain
