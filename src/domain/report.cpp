// The rules for a report of concern.
#include "domain/report.h"

#include <algorithm>

#include "domain/field_errors.h"

namespace haven::domain {

core::Status validate_report(const Report& r, core::Timestamp now) {
  FieldErrors errors;
  if (r.received_at > now.plus_minutes(5))
    errors.add("received_at", "A report cannot have been received in the future.");

  if (r.reporter_type == ReporterType::kAnonymous && !r.reporter_person_id.empty())
    errors.add("reporter_person_id",
               "An anonymous report names no reporter; choose another reporter type or remove the "
               "person.");
  else
    errors.id("reporter_person_id", r.reporter_person_id, Presence::kOptional);
  errors.line("reporter_organisation", r.reporter_organisation, kNameMaxChars, Presence::kOptional);

  if (r.concern_categories.empty())
    errors.add("concern_categories", "Choose at least one concern category.");
  for (std::size_t i = 0; i < r.concern_categories.size(); ++i) {
    auto begin = r.concern_categories.begin();
    if (std::find(begin, begin + static_cast<std::ptrdiff_t>(i), r.concern_categories[i]) !=
        begin + static_cast<std::ptrdiff_t>(i))
      errors.add(indexed_field("concern_categories", i), "This category is already chosen.");
  }

  errors.text("narrative", r.narrative, kNarrativeMaxChars, Presence::kRequired);
  return errors.status("The report needs correcting; see the marked fields.");
}

}  // namespace haven::domain
