// Small builders for the domain tests: each returns a record that passes validation, so a test
// changes exactly the one thing it is about. All names and numbers are synthetic.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"
#include "domain/assessment.h"
#include "domain/case_note.h"
#include "domain/case_plan.h"
#include "domain/child.h"
#include "domain/closure.h"
#include "domain/information_given.h"
#include "domain/participation_record.h"
#include "domain/person.h"
#include "domain/placement.h"
#include "domain/referral.h"
#include "domain/relationship.h"
#include "domain/report.h"
#include "domain/review.h"
#include "domain/screening_decision.h"

namespace haven::domain::fixtures {

inline constexpr std::string_view kWorker = "0190b6c1-0000-7000-8000-000000000001";
inline constexpr std::string_view kSupervisor = "0190b6c1-0000-7000-8000-000000000002";
inline constexpr std::string_view kPersonA = "0190b6c1-0000-7000-8000-00000000000a";
inline constexpr std::string_view kPersonB = "0190b6c1-0000-7000-8000-00000000000b";

inline core::Date day(std::string_view text) {
  return *core::Date::parse(text);
}
inline core::Timestamp at(std::string_view date, int hour = 0, int minute = 0) {
  return core::Timestamp{day(date).days_since_epoch() * 86'400'000}.plus_hours(hour).plus_minutes(
      minute);
}

// The day every test runs on.
inline const core::Date kToday = day("2026-05-20");

// The field names of a failed Status, for EXPECT_THAT(..., Contains("birth_date")).
inline std::vector<std::string> fields_of(const core::Status& status) {
  std::vector<std::string> names;
  if (!status.ok())
    for (const auto& f : status.error().fields) names.push_back(f.field);
  return names;
}
inline std::string message_for(const core::Status& status, std::string_view field) {
  if (!status.ok())
    for (const auto& f : status.error().fields)
      if (f.field == field) return f.message;
  return {};
}

inline Child a_child() {
  Child c;
  c.given_names = "Līga";
  c.family_names = "Bērziņa";
  c.sex = Sex::kFemale;
  c.birth_date = day("2015-03-14");
  c.nationalities = {"LV"};
  c.languages = {"lv", "ru"};
  c.registered_on = day("2026-05-02");
  return c;
}

inline Person a_person() {
  Person p;
  p.given_names = "Ilze";
  p.family_names = "Bērziņa";
  p.sex = Sex::kFemale;
  p.roles = {PersonRole::kCaregiver};
  p.phone = "+371 2000 0000";
  p.email = "ilze@example.org";
  return p;
}

inline Report a_report() {
  Report r;
  r.received_at = at("2026-05-18", 9, 30);
  r.channel = ReportChannel::kPhone;
  r.reporter_type = ReporterType::kSchool;
  r.reporter_organisation = "Björkskolan";
  r.concern_categories = {ConcernCategory::kNeglect};
  r.narrative = "The child has come to school hungry and without warm clothes for two weeks.";
  r.urgency = Urgency::kMedium;
  return r;
}

inline ScreeningDecision a_screening_decision() {
  return {"", day("2026-05-19"), std::string(kWorker), true,
          "Repeated signs of neglect reported by the school; the family is not known to us."};
}

inline Assessment a_completed_assessment() {
  Assessment a;
  a.started_on = day("2026-04-01");
  a.completed_on = day("2026-05-15");
  a.safety = "No immediate danger at home.";
  a.child_views = "Līga says she wants to stay with her mother and would like help with homework.";
  a.risk_level = RiskLevel::kMedium;
  a.risk_rationale = "Ongoing neglect of basic needs, but a caregiver willing to accept support.";
  return a;
}

inline CasePlan an_approved_plan() {
  CasePlan p;
  PlanGoal goal{"Līga has breakfast and warm clothes every school day.", {}};
  goal.actions.push_back(
      {"Weekly parenting support visits", "Family support team", day("2026-07-01"), false});
  p.goals.push_back(goal);
  p.child_views = "Wants help at home but not to move.";
  p.caregiver_views = "Mother agrees to weekly visits.";
  p.approval = PlanApprovalState::kApproved;
  p.submitted_by = kWorker;
  p.submitted_on = day("2026-05-16");
  p.approved_by = kSupervisor;
  p.approved_on = day("2026-05-18");
  return p;
}

inline Referral a_sent_referral() {
  Referral r;
  r.service_type = ServiceType::kParentingSupport;
  r.provider = "Family centre Ziemeļi";
  r.status = ReferralStatus::kReferred;
  r.referred_on = day("2026-05-19");
  r.consent_required = true;
  r.consent = ConsentRecord{"the mother", day("2026-05-18"), std::string(kWorker)};
  return r;
}

inline Placement a_placement() {
  Placement p;
  p.type = PlacementType::kKinshipCare;
  p.provider = "Grandmother, Jūrmala";
  p.start_on = day("2026-01-10");
  p.entry_reasons = {EntryReason::kParentalCapacity};
  p.reason = "Mother in hospital for several months.";
  p.review_dates = {day("2026-03-10")};
  return p;
}

inline Review a_review() {
  Review r;
  r.held_on = day("2026-05-19");
  r.progress = "Breakfast every day at school now; clothes sorted.";
  r.risk_level = RiskLevel::kLow;
  r.risk_rationale = "Basic needs met for two months.";
  r.next_review_on = day("2026-08-19");
  return r;
}

inline CaseNote a_note() {
  return {"", at("2026-05-19", 14), std::string(kWorker), day("2026-05-19"),
          "Home visit: fridge stocked, mother calm."};
}

inline ParticipationRecord a_participation_record() {
  ParticipationRecord r;
  r.stage = CaseStage::kPlanning;
  r.decision = "Case plan for parenting support";
  r.space.offered_on = day("2026-05-12");
  r.space.setting = "At school, in the nurse's room";
  r.space.support_person = "School nurse";
  r.space.accessible_format = InformationFormat::kEasyRead;
  r.voice.views = "Wants to stay at home and have help with homework.";
  r.audience.decision_maker = "Team leader, family unit";
  r.influence.weight_given = "Homework help added as its own goal.";
  r.influence.feedback_given_on = day("2026-05-19");
  r.influence.feedback_how = "Met her at school and explained the plan with pictures.";
  return r;
}

inline InformationGiven an_information_entry() {
  InformationGiven e;
  e.given_on = day("2026-05-12");
  e.stage = CaseStage::kAssessment;
  e.what = "What an assessment is, who will talk to her, and that she can bring someone.";
  e.language = "lv";
  e.format = InformationFormat::kEasyRead;
  e.given_by = kWorker;
  return e;
}

inline Closure a_closure() {
  Closure c;
  c.reason = ClosureReason::kGoalsMetChildSafe;
  c.closing_on = day("2026-05-20");
  c.summary = "Goals met; the family uses the family centre on its own.";
  c.requested_by = kWorker;
  c.requested_on = day("2026-05-19");
  return c;
}

}  // namespace haven::domain::fixtures
