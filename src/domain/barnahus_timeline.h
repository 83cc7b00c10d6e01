// The Barnahus timeline measured against the country policy ([J1] items 4 and 6): when the
// interview, the medical examination and the assessment fall due after the report, whether each is
// met, pending or overdue at a given moment (the coordinator's alerts), and the quality-standards
// figures over a set of cases (PROMISE standards: one interview, no undue delay, planning before
// the interview, therapy offered, information at every stage). Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "domain/country_policy.h"
#include "domain/deadlines.h"

namespace haven::domain {

// What the deadlines of one case depend on.
struct BarnahusProgress {
  core::Timestamp referred_at;
  std::optional<core::Date> first_interview_on;
  std::optional<core::Date> medical_exam_on;  // the first examination done
  bool medical_exam_acute = false;            // an acute examination was called for
  std::optional<core::Date> assessment_on;    // the child's mental-health assessment started
};

// One step's deadline: met (on time or late) or still open (ok, due soon, overdue).
struct BarnahusDeadline {
  std::string step;  // "interview" | "medical_exam" | "assessment"
  Deadline due;
  std::optional<core::Date> met_on;
  std::string state;  // "met" | "met_late" | "ok" | "due_soon" | "overdue"
};
std::vector<BarnahusDeadline> barnahus_deadlines(const CountryPolicy& policy,
                                                 const BarnahusProgress& progress,
                                                 core::Timestamp now);

// What the quality report needs of one case.
struct BarnahusCaseFacts {
  core::Date referred_on;
  int interviews = 0;
  std::optional<core::Date> first_interview_on;
  std::optional<core::Date> first_meeting_on;
  std::optional<core::Date> medical_exam_on;  // the first examination done
  bool therapy_offered = false;               // any therapy or assessment offered to the child
  bool court = false;                         // any court date
  // Stage ("referral", "forensic_interview", …) → who was informed ("child", "caregiver").
  std::map<std::string, std::set<std::string>> informed;
};

struct BarnahusStageInformed {
  std::string stage;
  int reached = 0;   // cases that reached the stage
  int informed = 0;  // … where both the child and a caregiver were told
};

struct BarnahusQuality {
  int cases = 0;
  int interviewed = 0;
  int interviewed_once = 0;
  std::optional<double> share_interviewed_once;  // of the interviewed
  std::optional<double> median_days_to_interview;
  int examined = 0;
  std::optional<double> median_days_to_medical_exam;
  int meeting_before_interview = 0;  // a team meeting held on or before the first interview's day
  std::optional<double> share_meeting_before_interview;  // of the interviewed
  int therapy_offered = 0;
  std::optional<double> share_therapy_offered;  // of all cases
  int informed_every_stage = 0;  // child and caregiver told at every stage the case reached
  std::optional<double> share_informed_every_stage;  // of all cases
  std::vector<BarnahusStageInformed> by_stage;
};
// Stages reached: referral always; forensic_interview, medical_examination, therapy and
// court_proceedings when the case had one. A share is nullopt when its denominator is zero.
BarnahusQuality barnahus_quality(std::span<const BarnahusCaseFacts> cases);
// The stages whose information barnahus_quality() checks, in the order of its by_stage: referral
// first, then forensic_interview, medical_examination, therapy, court_proceedings.
std::span<const std::string_view> barnahus_quality_stages();
// The information rule of the quality standards on a case's facts as bits, each stage at its place
// s in barnahus_quality_stages(): bit s of `reached` says the case reached the stage (referral's,
// bit 0, is implied: every case is referred), bits 2s and 2s + 1 of `informed` that the child and a
// caregiver were told at it. True if both were told at every stage reached. The statistics read
// the two masks straight from the database; barnahus_quality() builds them from the facts.
bool barnahus_informed_every_stage(uint64_t reached, uint64_t informed);

// The median of `values` (the mean of the middle two for an even count); nullopt when empty.
std::optional<double> median(std::vector<double> values);

}  // namespace haven::domain
