// The rules for a participation record. Field names are nested by Lundy element: "voice.views".
#include "domain/participation_record.h"

#include "core/utf8.h"
#include "domain/field_errors.h"

namespace haven::domain {

core::Status validate_participation_record(const ParticipationRecord& r, core::Date today) {
  FieldErrors errors;
  errors.line("decision", r.decision, kShortTextMaxChars, Presence::kRequired);

  const ParticipationSpace& space = r.space;
  if (!space.offered_on)
    errors.add("space.offered_on",
               "Record when the child was offered the chance to give their views.");
  else
    errors.not_future("space.offered_on", *space.offered_on, today);
  errors.line("space.setting", space.setting, kShortTextMaxChars, Presence::kOptional);
  errors.line("space.support_person", space.support_person, kNameMaxChars, Presence::kOptional);
  if (!space.interpreter_language.empty())
    errors.language("space.interpreter_language", space.interpreter_language);

  bool views_ok = errors.text("voice.views", r.voice.views, kLongTextMaxChars, Presence::kOptional);
  bool has_views = !core::trim(r.voice.views).empty();
  if (views_ok && !has_views && !r.voice.declined)
    errors.add("voice.views",
               "Record the child's views, or that the child chose not to give them.");
  if (has_views && r.voice.declined)
    errors.add("voice.declined", "The child either gave views or declined; not both.");

  // Views that were given must reach someone who decides.
  errors.line("audience.decision_maker", r.audience.decision_maker, kNameMaxChars,
              r.voice.declined ? Presence::kOptional : Presence::kRequired);

  const ParticipationInfluence& influence = r.influence;
  errors.text("influence.weight_given", influence.weight_given, kTextMaxChars, Presence::kOptional);
  errors.text("influence.feedback_how", influence.feedback_how, kShortTextMaxChars,
              influence.feedback_given_on ? Presence::kRequired : Presence::kOptional);
  if (influence.feedback_given_on) {
    if (errors.not_future("influence.feedback_given_on", *influence.feedback_given_on, today) &&
        space.offered_on)
      errors.not_before("influence.feedback_given_on", *influence.feedback_given_on,
                        *space.offered_on, "the child was heard");
    if (!r.voice.declined && core::trim(influence.weight_given).empty() &&
        !errors.has("influence.weight_given"))
      errors.add("influence.weight_given",
                 "Before telling the child how their views shaped the decision, record what weight "
                 "they were given.");
  }
  return errors.status("The participation record needs correcting; see the marked fields.");
}

}  // namespace haven::domain
