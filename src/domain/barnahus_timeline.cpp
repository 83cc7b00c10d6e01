// Barnahus deadlines and the quality-standards figures.
#include "domain/barnahus_timeline.h"

#include <algorithm>
#include <array>

namespace haven::domain {

namespace {

BarnahusDeadline step(std::string name, Deadline due, std::optional<core::Date> met_on,
                      core::Timestamp now, const CountryPolicy& policy) {
  BarnahusDeadline d{std::move(name), due, met_on, ""};
  if (met_on) {
    // A day-counted step is on time through its last day; an hour-counted one is judged by day
    // too, as only the examination's date is recorded.
    d.state = *met_on <= due.due_date() ? "met" : "met_late";
  } else {
    d.state = std::string(to_code(classify(due, now, policy)));
  }
  return d;
}

std::optional<double> share(int part, int whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / whole;
}

}  // namespace

std::vector<BarnahusDeadline> barnahus_deadlines(const CountryPolicy& policy,
                                                 const BarnahusProgress& p, core::Timestamp now) {
  std::vector<BarnahusDeadline> out;
  out.push_back(step("interview", barnahus_interview_due(policy, p.referred_at),
                     p.first_interview_on, now, policy));
  out.push_back(step("medical_exam",
                     barnahus_medical_exam_due(policy, p.referred_at, p.medical_exam_acute),
                     p.medical_exam_on, now, policy));
  out.push_back(step("assessment", barnahus_assessment_due(policy, p.referred_at), p.assessment_on,
                     now, policy));
  return out;
}

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

namespace {
constexpr std::array<std::string_view, 5> kQualityStages = {
    "referral", "forensic_interview", "medical_examination", "therapy", "court_proceedings"};
}  // namespace

std::span<const std::string_view> barnahus_quality_stages() {
  return kQualityStages;
}

bool barnahus_informed_every_stage(uint64_t reached, uint64_t informed) {
  for (size_t s = 0; s < kQualityStages.size(); ++s) {
    const bool was_reached = s == 0 || ((reached >> s) & 1) != 0;
    if (was_reached && ((informed >> (2 * s)) & 3) != 3) return false;
  }
  return true;
}

BarnahusQuality barnahus_quality(std::span<const BarnahusCaseFacts> cases) {
  BarnahusQuality q;
  std::vector<double> to_interview, to_exam;
  q.by_stage.resize(kQualityStages.size());
  for (size_t i = 0; i < kQualityStages.size(); ++i) q.by_stage[i].stage = kQualityStages[i];

  for (const auto& c : cases) {
    ++q.cases;
    if (c.interviews > 0 && c.first_interview_on) {
      ++q.interviewed;
      if (c.interviews == 1) ++q.interviewed_once;
      to_interview.push_back(static_cast<double>(c.first_interview_on->days_since_epoch() -
                                                 c.referred_on.days_since_epoch()));
      if (c.first_meeting_on && *c.first_meeting_on <= *c.first_interview_on)
        ++q.meeting_before_interview;
    }
    if (c.medical_exam_on) {
      ++q.examined;
      to_exam.push_back(static_cast<double>(std::max<int64_t>(
          0, c.medical_exam_on->days_since_epoch() - c.referred_on.days_since_epoch())));
    }
    if (c.therapy_offered) ++q.therapy_offered;

    // The case's facts as barnahus_informed_every_stage()'s masks, a stage's place its bit.
    const bool reached_at[] = {true, c.interviews > 0, c.medical_exam_on.has_value(),
                               c.therapy_offered, c.court};
    static_assert(std::size(reached_at) == kQualityStages.size());
    uint64_t reached = 0;
    uint64_t informed = 0;
    for (size_t i = 0; i < kQualityStages.size(); ++i) {
      auto it = c.informed.find(std::string(kQualityStages[i]));
      const bool child = it != c.informed.end() && it->second.count("child") > 0;
      const bool caregiver = it != c.informed.end() && it->second.count("caregiver") > 0;
      informed |= (uint64_t{child} | uint64_t{caregiver} << 1) << (2 * i);
      if (!reached_at[i]) continue;
      reached |= uint64_t{1} << i;
      ++q.by_stage[i].reached;
      if (child && caregiver) ++q.by_stage[i].informed;
    }
    if (barnahus_informed_every_stage(reached, informed)) ++q.informed_every_stage;
  }
  q.share_interviewed_once = share(q.interviewed_once, q.interviewed);
  q.median_days_to_interview = median(std::move(to_interview));
  q.median_days_to_medical_exam = median(std::move(to_exam));
  q.share_meeting_before_interview = share(q.meeting_before_interview, q.interviewed);
  q.share_therapy_offered = share(q.therapy_offered, q.cases);
  q.share_informed_every_stage = share(q.informed_every_stage, q.cases);
  return q;
}

}  // namespace haven::domain
