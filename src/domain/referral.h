// Referral: a service the child or family is referred to (parenting support, therapy, legal aid,
// …), its progress, and the consent the law asks for before anything is sent to a provider. Without
// recorded consent, only a supervisor's override with a written reason lets a referral go out.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "core/result.h"
#include "domain/case_types.h"

namespace haven::domain {

struct ConsentRecord {
  std::string
      given_by;  // who consented, as they are known in the case: "the mother", "the young person"
  core::Date given_on;
  std::string recorded_by;  // user id
};

struct ConsentOverride {
  std::string supervisor_id;  // user id; the access policy checks they are a supervisor
  std::string reason;
  core::Date on;
};

struct Referral {
  std::string id;
  ServiceType service_type = ServiceType::kParentingSupport;
  std::string provider;
  ReferralStatus status = ReferralStatus::kProposed;
  std::optional<core::Date> referred_on;  // required once sent
  bool consent_required = true;
  std::optional<ConsentRecord> consent;
  std::optional<ConsentOverride> consent_override;
  std::string notes;
};

// True for statuses in which the referral has gone to the provider (and so carries personal data).
bool is_sent(ReferralStatus status);

core::Status validate_referral(const Referral& referral, core::Date today);

}  // namespace haven::domain
