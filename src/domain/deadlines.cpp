// Deadline arithmetic. Instants are UTC milliseconds and days are civil dates, so there is no time
// zone anywhere and a day is always 86 400 000 ms.
#include "domain/deadlines.h"

#include <algorithm>

#include "domain/enum_table.h"

namespace haven::domain {
namespace {

constexpr int64_t kDayMs = 86'400'000;

constexpr auto kDeadlineStates = make_enum_table<DeadlineState>({
    {DeadlineState::kOk, "ok"},
    {DeadlineState::kDueSoon, "due_soon"},
    {DeadlineState::kOverdue, "overdue"},
});
static_assert(kDeadlineStates.complete_through(DeadlineState::kOverdue));

core::Timestamp start_of(core::Date day) {
  return {day.days_since_epoch() * kDayMs};
}

}  // namespace

std::string_view to_code(DeadlineState state) {
  return kDeadlineStates.code(state);
}
std::span<const DeadlineState> all_deadline_states() {
  return kDeadlineStates.values();
}

core::Date Deadline::due_date() const {
  return core::Date::of(whole_days ? core::Timestamp{late_from.ms - 1} : late_from);
}

Deadline end_of_day(core::Date last_day) {
  return {start_of(last_day.plus_days(1)), true};
}
Deadline days_after(core::Date start, int days) {
  return end_of_day(start.plus_days(days));
}
Deadline days_after(core::Timestamp start, int days) {
  return days_after(core::Date::of(start), days);
}
Deadline hours_after(core::Timestamp start, int hours) {
  return {start.plus_hours(hours), false};
}

DeadlineState classify(const Deadline& deadline, core::Timestamp now, int due_soon_days) {
  if (now >= deadline.late_from) return DeadlineState::kOverdue;
  if (deadline.late_from.ms - now.ms <= int64_t{due_soon_days} * kDayMs)
    return DeadlineState::kDueSoon;
  return DeadlineState::kOk;
}

DeadlineState classify(const Deadline& deadline, core::Timestamp now, const CountryPolicy& policy) {
  return classify(deadline, now, policy.due_soon_days);
}

Deadline response_due(const CountryPolicy& policy, core::Timestamp received_at, RiskLevel level) {
  return hours_after(received_at, response_hours(policy, level));
}
Deadline response_due(const CountryPolicy& policy, core::Timestamp received_at, Urgency urgency) {
  return hours_after(received_at, response_hours(policy, urgency));
}
Deadline screening_due(const CountryPolicy& policy, core::Timestamp received_at) {
  return days_after(received_at, policy.screening_days);
}
Deadline assessment_due(const CountryPolicy& policy, core::Date opened_on) {
  return days_after(opened_on, policy.assessment_days);
}
Deadline plan_due(const CountryPolicy& policy, core::Date planning_started_on) {
  return days_after(planning_started_on, policy.plan_days);
}

Deadline review_due(const CountryPolicy& policy, core::Date last_review_or_start, bool in_placement,
                    std::optional<core::Date> next_review_on) {
  int interval = in_placement ? policy.placement_review_interval_days : policy.review_interval_days;
  core::Date last_day = last_review_or_start.plus_days(interval);
  if (next_review_on) last_day = std::min(last_day, *next_review_on);
  return end_of_day(last_day);
}

Deadline barnahus_interview_due(const CountryPolicy& policy, core::Timestamp received_at) {
  return days_after(received_at, policy.barnahus_interview_days);
}
Deadline barnahus_medical_exam_due(const CountryPolicy& policy, core::Timestamp received_at,
                                   bool acute) {
  return acute ? hours_after(received_at, policy.barnahus_acute_medical_exam_hours)
               : days_after(received_at, policy.barnahus_medical_exam_days);
}
Deadline barnahus_assessment_due(const CountryPolicy& policy, core::Timestamp received_at) {
  return days_after(received_at, policy.barnahus_assessment_days);
}

}  // namespace haven::domain
