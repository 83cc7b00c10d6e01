// Relationship: a typed tie between two people in a child's world — the household and family map a
// caseworker draws. Read it as "from is the <type> of to".
#pragma once

#include <string>

#include "core/result.h"
#include "domain/person_types.h"

namespace haven::domain {

struct Relationship {
  std::string id;
  std::string from_person_id;  // a person or child id
  std::string to_person_id;
  RelationshipType type = RelationshipType::kOther;
  bool lives_with = false;               // the two share a household
  bool parental_responsibility = false;  // `from` has legal custody or guardianship of `to`
  std::string note;
};

core::Status validate_relationship(const Relationship& relationship);

}  // namespace haven::domain
