// InformationGiven: one entry in the log of what a child (or a caregiver) was told, when, in which
// language and format. The log is how haven shows a child was informed at every stage.
#pragma once

#include <string>

#include "core/date.h"
#include "core/result.h"
#include "domain/participation_types.h"

namespace haven::domain {

struct InformationGiven {
  std::string id;
  core::Date given_on;
  CaseStage stage = CaseStage::kOther;
  std::string what;      // "what happens at the interview and who will be there"
  std::string language;  // ISO 639 code
  InformationFormat format = InformationFormat::kVerbal;
  std::string
      recipient_person_id;  // empty: the child themself; otherwise a caregiver or support person
  std::string given_by;     // user id
};

core::Status validate_information_given(const InformationGiven& entry, core::Date today);

}  // namespace haven::domain
