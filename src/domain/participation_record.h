// ParticipationRecord: how a child was heard on one decision, after Laura Lundy's model — Space
// (the chance offered, and the support for it), Voice (the views, or the child's choice not to give
// them), Audience (who had to listen) and Influence (the weight the views carried, and how the
// child was told). Records grow over time: space and voice first, influence once the decision is
// made.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "core/result.h"
#include "domain/participation_types.h"

namespace haven::domain {

struct ParticipationSpace {
  std::optional<core::Date> offered_on;  // required: when the child was given the chance
  std::string setting;                   // "at school, with the school nurse present"
  std::string support_person;            // who the child chose to have there
  std::string interpreter_language;      // ISO 639 code; empty when no interpreter was used
  std::optional<InformationFormat> accessible_format;
};

// Taking part is a right, not a duty: declining is a complete answer.
struct ParticipationVoice {
  std::string views;
  bool declined = false;
};

struct ParticipationAudience {
  std::string decision_maker;  // the person or body who received the views
};

struct ParticipationInfluence {
  std::string weight_given;                     // how the views shaped the decision
  std::optional<core::Date> feedback_given_on;  // when the child was told
  std::string feedback_how;                     // how: "met her at school and explained"
};

struct ParticipationRecord {
  std::string id;
  CaseStage stage = CaseStage::kOther;
  std::string decision;  // the decision the child was heard on
  ParticipationSpace space;
  ParticipationVoice voice;
  ParticipationAudience audience;
  ParticipationInfluence influence;
};

core::Status validate_participation_record(const ParticipationRecord& record, core::Date today);

}  // namespace haven::domain
