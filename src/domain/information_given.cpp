// The rules for an entry in the information log.
#include "domain/information_given.h"

#include "domain/field_errors.h"

namespace haven::domain {

core::Status validate_information_given(const InformationGiven& e, core::Date today) {
  FieldErrors errors;
  errors.not_future("given_on", e.given_on, today);
  errors.text("what", e.what, kTextMaxChars, Presence::kRequired);
  errors.language("language", e.language);
  errors.id("recipient_person_id", e.recipient_person_id, Presence::kOptional);
  errors.id("given_by", e.given_by, Presence::kRequired);
  return errors.status("The information entry needs correcting; see the marked fields.");
}

}  // namespace haven::domain
