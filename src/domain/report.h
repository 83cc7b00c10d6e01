// Report: a report of concern as it arrives — when, how, from whom, what the reporter is worried
// about, what they saw, and how urgent it looked. Several reports may attach to one case.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/report_types.h"

namespace haven::domain {

inline constexpr std::size_t kNarrativeMaxChars = 20'000;

struct Report {
  std::string id;
  core::Timestamp received_at;
  ReportChannel channel = ReportChannel::kPhone;
  ReporterType reporter_type = ReporterType::kOther;
  std::string reporter_person_id;     // the reporter as a Person; must stay empty when anonymous
  std::string reporter_organisation;  // "Björkskolan", "Children's hospital, ward 3"
  std::vector<ConcernCategory> concern_categories;  // at least one, no repeats
  std::string narrative;  // what was observed, in the reporter's words; encrypted when stored
  Urgency urgency = Urgency::kMedium;
};

// `now` comes from the caller's clock; a receipt time up to five minutes ahead of it is tolerated
// (clocks of two servers drift), anything later is an error.
core::Status validate_report(const Report& report, core::Timestamp now);

}  // namespace haven::domain
