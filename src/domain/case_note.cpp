// The rules for a case note.
#include "domain/case_note.h"

#include "domain/field_errors.h"

namespace haven::domain {

core::Status validate_case_note(const CaseNote& n, core::Date today) {
  FieldErrors errors;
  errors.id("author_id", n.author_id, Presence::kRequired);
  if (n.occurred_on) errors.not_future("occurred_on", *n.occurred_on, today);
  errors.text("text", n.text, kLongTextMaxChars, Presence::kRequired);
  return errors.status("The note needs correcting; see the marked fields.");
}

}  // namespace haven::domain
