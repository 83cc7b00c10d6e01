// The rules for a referral and its consent.
#include "domain/referral.h"

#include "domain/field_errors.h"

namespace haven::domain {

bool is_sent(ReferralStatus status) {
  switch (status) {
    case ReferralStatus::kReferred:
    case ReferralStatus::kAccepted:
    case ReferralStatus::kInProgress:
    case ReferralStatus::kCompleted:
    case ReferralStatus::kDeclinedByProvider:
      return true;
    case ReferralStatus::kProposed:
    case ReferralStatus::kDeclinedByFamily:
    case ReferralStatus::kCancelled:
      return false;
  }
  return false;
}

core::Status validate_referral(const Referral& r, core::Date today) {
  FieldErrors errors;
  errors.line("provider", r.provider, kNameMaxChars, Presence::kRequired);
  errors.text("notes", r.notes, kTextMaxChars, Presence::kOptional);

  if (r.referred_on)
    errors.not_future("referred_on", *r.referred_on, today);
  else if (is_sent(r.status))
    errors.add("referred_on", "Record when the referral was sent.");

  if (r.consent) {
    errors.line("consent.given_by", r.consent->given_by, kNameMaxChars, Presence::kRequired);
    errors.not_future("consent.given_on", r.consent->given_on, today);
    errors.id("consent.recorded_by", r.consent->recorded_by, Presence::kRequired);
  }
  if (r.consent_override) {
    errors.id("consent_override.supervisor_id", r.consent_override->supervisor_id,
              Presence::kRequired);
    errors.text("consent_override.reason", r.consent_override->reason, kTextMaxChars,
                Presence::kRequired);
    errors.not_future("consent_override.on", r.consent_override->on, today);
  }
  if (r.consent_required && is_sent(r.status) && !r.consent && !r.consent_override)
    errors.add("consent",
               "Record who consented and when before the referral is sent, or ask a supervisor to "
               "override with a reason.");
  return errors.status("The referral needs correcting; see the marked fields.");
}

}  // namespace haven::domain
