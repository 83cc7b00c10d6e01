// Deadlines: when each step of a case (and of a Barnahus case) falls due under a country's policy,
// and whether a deadline is ok, due soon or overdue at a moment the caller supplies from a
// core::Clock. All arithmetic is on UTC instants and calendar dates, so summer time never moves a
// deadline.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "core/clock.h"
#include "core/date.h"
#include "domain/case_types.h"
#include "domain/country_policy.h"
#include "domain/report_types.h"

namespace haven::domain {

// A moment by which something must be done. Day-counted deadlines ("within 14 days") are on time
// for the whole of their last day, so `late_from` is the following UTC midnight; hour-counted ones
// ("within 24 hours") are late from the exact instant.
struct Deadline {
  core::Timestamp late_from;  // the first instant that is late
  bool whole_days = false;

  // The day to show: the last day still on time, or for an hour deadline the UTC date it falls on.
  core::Date due_date() const;
  friend auto operator<=>(const Deadline&, const Deadline&) = default;
};

enum class DeadlineState { kOk, kDueSoon, kOverdue };
std::string_view to_code(DeadlineState state);  // "ok", "due_soon", "overdue"
std::span<const DeadlineState> all_deadline_states();

// "Within `days` days of `start`": on time through start + days.
Deadline days_after(core::Date start, int days);
// As above, counting from the UTC date of an instant.
Deadline days_after(core::Timestamp start, int days);
// "Within `hours` hours of `start`".
Deadline hours_after(core::Timestamp start, int hours);
// The end of a given day: on time through `last_day`.
Deadline end_of_day(core::Date last_day);

// Overdue from late_from on; due soon when late_from is at most `due_soon_days` × 24 h ahead.
DeadlineState classify(const Deadline& deadline, core::Timestamp now, int due_soon_days);
DeadlineState classify(const Deadline& deadline, core::Timestamp now, const CountryPolicy& policy);

// Case management.
Deadline response_due(const CountryPolicy& policy, core::Timestamp report_received_at,
                      RiskLevel level);
Deadline response_due(const CountryPolicy& policy, core::Timestamp report_received_at,
                      Urgency urgency);
Deadline screening_due(const CountryPolicy& policy, core::Timestamp report_received_at);
Deadline assessment_due(const CountryPolicy& policy, core::Date assessment_opened_on);
Deadline plan_due(const CountryPolicy& policy, core::Date planning_started_on);
// The next review: the policy interval (the placement interval while the child is in alternative
// care) from the last review, or from the start of implementation if there has been none. A
// next-review date set at the last review brings it forward but cannot push it past the policy's
// interval.
Deadline review_due(const CountryPolicy& policy, core::Date last_review_or_start, bool in_placement,
                    std::optional<core::Date> next_review_on = std::nullopt);

// Barnahus ([J1]), counted from the report received.
Deadline barnahus_interview_due(const CountryPolicy& policy, core::Timestamp report_received_at);
Deadline barnahus_medical_exam_due(const CountryPolicy& policy, core::Timestamp report_received_at,
                                   bool acute);
Deadline barnahus_assessment_due(const CountryPolicy& policy, core::Timestamp report_received_at);

}  // namespace haven::domain
