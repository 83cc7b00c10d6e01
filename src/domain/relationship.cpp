// The rules for a relationship between two people.
#include "domain/relationship.h"

#include "domain/field_errors.h"

namespace haven::domain {

core::Status validate_relationship(const Relationship& r) {
  FieldErrors errors;
  bool ids_ok = errors.id("from_person_id", r.from_person_id, Presence::kRequired);
  ids_ok = errors.id("to_person_id", r.to_person_id, Presence::kRequired) && ids_ok;
  if (ids_ok && r.from_person_id == r.to_person_id)
    errors.add("to_person_id", "A relationship links two different people.");
  errors.text("note", r.note, kShortTextMaxChars, Presence::kOptional);
  return errors.status("The relationship needs correcting; see the marked fields.");
}

}  // namespace haven::domain
