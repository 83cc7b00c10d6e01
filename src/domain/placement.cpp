// The rules for an alternative-care placement.
#include "domain/placement.h"

#include <algorithm>

#include "domain/field_errors.h"

namespace haven::domain {

bool is_active_on(const Placement& p, core::Date day) {
  return p.start_on <= day && (!p.end_on || day <= *p.end_on);
}

core::Status validate_placement(const Placement& p, core::Date today, EntryReasons entry_reasons) {
  FieldErrors errors;
  errors.line("provider", p.provider, kNameMaxChars, Presence::kRequired);
  if (p.entry_reasons.empty() && entry_reasons == EntryReasons::kRequired)
    errors.add("entry_reasons", "Choose at least one reason the child entered care.");
  auto reasons = p.entry_reasons;
  std::sort(reasons.begin(), reasons.end());
  if (std::adjacent_find(reasons.begin(), reasons.end()) != reasons.end())
    errors.add("entry_reasons", "Give each reason once.");
  errors.text("reason", p.reason, kTextMaxChars, Presence::kRequired);
  errors.text("end_reason", p.end_reason, kTextMaxChars, Presence::kOptional);
  if (p.end_on) {
    errors.not_before("end_on", *p.end_on, p.start_on, "the placement started");
    if (!p.exit_destination)
      errors.add("exit_destination", "Choose where the child went when the placement ended.");
  } else {
    if (!p.end_reason.empty())
      errors.add("end_reason", "Only an ended placement has an end reason; give the end date too.");
    if (p.exit_destination)
      errors.add("exit_destination",
                 "Only an ended placement has a destination; give the end date too.");
  }
  for (std::size_t i = 0; i < p.review_dates.size(); ++i) {
    std::string field = indexed_field("review_dates", i);
    if (!errors.not_future(field, p.review_dates[i], today)) continue;
    errors.not_before(field, p.review_dates[i], p.start_on, "the placement started");
  }
  return errors.status("The placement needs correcting; see the marked fields.");
}

}  // namespace haven::domain
