// The rules of Barnahus records: each validate_* collects every problem with its field.
#include "domain/barnahus.h"

#include <algorithm>
#include <array>
#include <set>

#include "core/utf8.h"
#include "domain/field_errors.h"
#include "domain/participation_types.h"

namespace haven::domain {

namespace {

constexpr std::array<std::string_view, 9> kViolenceTypes = {"physical_abuse",
                                                            "sexual_abuse",
                                                            "psychological_abuse",
                                                            "neglect",
                                                            "witnessed_domestic_violence",
                                                            "online_sexual_exploitation",
                                                            "trafficking",
                                                            "female_genital_mutilation",
                                                            "other"};
constexpr std::array<std::string_view, 2> kChildRoles = {"victim", "witness"};
constexpr std::array<std::string_view, 8> kReferralSources = {
    "police", "prosecutor", "child_protection", "health", "school", "family", "child", "other"};
constexpr std::array<std::string_view, 4> kParts = {"interview", "medical", "therapy", "court"};
constexpr std::array<std::string_view, 2> kMeetingKinds = {"planning", "review"};
constexpr std::array<std::string_view, 4> kTherapyServices = {
    "mental_health_assessment", "crisis_support", "short_term_therapy", "long_term_therapy"};
constexpr std::array<std::string_view, 2> kTherapyRecipients = {"child", "family_member"};
constexpr std::array<std::string_view, 5> kCourtKinds = {"pre_trial_hearing", "main_hearing",
                                                         "verdict", "appeal", "other"};
constexpr std::array<std::string_view, 6> kStages = {
    "referral", "forensic_interview", "medical_examination",
    "therapy",  "court_proceedings",  "closure"};
constexpr std::array<std::string_view, 2> kInformationRecipients = {"child", "caregiver"};
constexpr std::array<std::string_view, 2> kPartyRoles = {"non_offending_caregiver",
                                                         "support_person"};
constexpr std::array<std::string_view, 4> kLawEnforcementKinds = {
    "police_report", "investigation_note", "prosecutor_note", "charging_decision"};

// A code from `vocabulary`; a missing one is "required", an unknown one lists the codes allowed.
void check_code(FieldErrors& errors, const std::string& field, std::string_view value,
                std::span<const std::string_view> vocabulary, std::string_view missing) {
  if (value.empty()) {
    errors.add(field, std::string(missing));
    return;
  }
  if (is_barnahus_code(vocabulary, value)) return;
  std::string message =
      "'" + std::string(value.substr(0, 40)) + "' is not an allowed value; use one of: ";
  for (size_t i = 0; i < vocabulary.size(); ++i) {
    if (i > 0) message += ", ";
    message += vocabulary[i];
  }
  errors.add(field, message + ".");
}

}  // namespace

std::span<const std::string_view> barnahus_violence_types() {
  return kViolenceTypes;
}
std::span<const std::string_view> barnahus_child_roles() {
  return kChildRoles;
}
std::span<const std::string_view> barnahus_referral_sources() {
  return kReferralSources;
}
std::span<const std::string_view> barnahus_parts() {
  return kParts;
}
std::span<const std::string_view> barnahus_meeting_kinds() {
  return kMeetingKinds;
}
std::span<const std::string_view> barnahus_therapy_services() {
  return kTherapyServices;
}
std::span<const std::string_view> barnahus_therapy_recipients() {
  return kTherapyRecipients;
}
std::span<const std::string_view> barnahus_court_kinds() {
  return kCourtKinds;
}
std::span<const std::string_view> barnahus_stages() {
  return kStages;
}
std::span<const std::string_view> barnahus_information_recipients() {
  return kInformationRecipients;
}
std::span<const std::string_view> barnahus_party_roles() {
  return kPartyRoles;
}
std::span<const std::string_view> barnahus_law_enforcement_kinds() {
  return kLawEnforcementKinds;
}

bool is_barnahus_code(std::span<const std::string_view> vocabulary, std::string_view code) {
  return std::find(vocabulary.begin(), vocabulary.end(), code) != vocabulary.end();
}

core::Status validate_barnahus_case(const BarnahusCase& c, core::Timestamp now) {
  FieldErrors errors;
  if (c.violence_types.empty())
    errors.add("violence_types", "Choose at least one type of violence.");
  std::set<std::string> seen;
  for (size_t i = 0; i < c.violence_types.size(); ++i) {
    const std::string field = indexed_field("violence_types", i);
    check_code(errors, field, c.violence_types[i], kViolenceTypes, "Choose a type of violence.");
    if (!seen.insert(c.violence_types[i]).second)
      errors.add(field, "This type of violence is listed twice.");
  }
  check_code(errors, "child_role", c.child_role, kChildRoles,
             "Say whether the child is a victim or a witness.");
  check_code(errors, "referred_by", c.referred_by, kReferralSources, "Say who referred the case.");
  errors.id("referred_by_agency_id", c.referred_by_agency_id, Presence::kOptional);
  if (c.referred_at.ms <= 0)
    errors.add("referred_at", "Give when the report or referral was received.");
  else if (c.referred_at > now)
    errors.add("referred_at", "The referral cannot be received in the future.");
  errors.line("contact_person", c.contact_person, kNameMaxChars, Presence::kRequired);
  errors.id("contact_person_user_id", c.contact_person_user_id, Presence::kOptional);
  return errors.status("The Barnahus case needs correcting; see the marked fields.");
}

core::Status validate_barnahus_invite(const BarnahusInvite& invite) {
  FieldErrors errors;
  if (invite.user_id.empty() == invite.agency_id.empty()) {
    errors.add(invite.user_id.empty() ? "user_id" : "agency_id",
               "Invite either one user or one agency.");
  }
  errors.id("user_id", invite.user_id, Presence::kOptional);
  errors.id("agency_id", invite.agency_id, Presence::kOptional);
  std::set<std::string> seen;
  for (size_t i = 0; i < invite.shared_parts.size(); ++i) {
    const std::string field = indexed_field("shared_parts", i);
    check_code(errors, field, invite.shared_parts[i], kParts, "Name a part of the case.");
    if (!seen.insert(invite.shared_parts[i]).second)
      errors.add(field, "This part is listed twice.");
  }
  return errors.status("The invitation needs correcting; see the marked fields.");
}

core::Status validate_barnahus_meeting(const BarnahusMeeting& m, core::Date referred_on,
                                       core::Date today) {
  FieldErrors errors;
  check_code(errors, "kind", m.kind, kMeetingKinds,
             "Say whether it was a planning or a review meeting.");
  if (errors.not_future("held_on", m.held_on, today))
    errors.not_before("held_on", m.held_on, referred_on, "the referral");
  if (m.agencies_present.empty())
    errors.add("agencies_present", "Name at least one agency that was present.");
  for (size_t i = 0; i < m.agencies_present.size(); ++i)
    errors.id(indexed_field("agencies_present", i), m.agencies_present[i], Presence::kRequired);
  errors.text("decisions", m.decisions, kLongTextMaxChars, Presence::kRequired);
  for (size_t i = 0; i < m.tasks.size(); ++i) {
    errors.id(indexed_field("tasks", i, "agency_id"), m.tasks[i].agency_id, Presence::kRequired);
    errors.line(indexed_field("tasks", i, "task"), m.tasks[i].task, kShortTextMaxChars,
                Presence::kRequired);
    if (m.tasks[i].due_on)
      errors.not_before(indexed_field("tasks", i, "due_on"), *m.tasks[i].due_on, m.held_on,
                        "the meeting");
  }
  return errors.status("The meeting needs correcting; see the marked fields.");
}

core::Status validate_forensic_interview(const ForensicInterview& i, core::Date referred_on,
                                         int earlier_interviews, core::Date today) {
  FieldErrors errors;
  if (i.interviewed_on < referred_on) {
    errors.add("interviewed_on", "An interview cannot be dated before the report it follows (" +
                                     referred_on.to_string() + ").");
  } else {
    errors.not_future("interviewed_on", i.interviewed_on, today);
  }
  errors.line("interviewer", i.interviewer, kNameMaxChars, Presence::kRequired);
  errors.id("interviewer_user_id", i.interviewer_user_id, Presence::kOptional);
  errors.line("protocol", i.protocol, kNameMaxChars, Presence::kRequired);
  errors.line("place", i.place, kNameMaxChars, Presence::kRequired);
  if (earlier_interviews > 0) {
    if (core::trim(i.repeat_reason).empty()) {
      errors.add("repeat_reason", "The child has already been interviewed " +
                                      std::to_string(earlier_interviews) +
                                      (earlier_interviews == 1 ? " time" : " times") +
                                      " in this case; give the reason for another interview.");
    } else {
      errors.text("repeat_reason", i.repeat_reason, kTextMaxChars, Presence::kRequired);
    }
  } else {
    errors.text("repeat_reason", i.repeat_reason, kTextMaxChars, Presence::kOptional);
  }
  return errors.status("The interview needs correcting; see the marked fields.");
}

core::Status validate_medical_examination(const MedicalExamination& e, core::Date referred_on,
                                          core::Date today) {
  FieldErrors errors;
  if (!e.offered && !e.done)
    errors.add("offered", "Record an examination that was offered or done.");
  if (e.offered_on) errors.not_future("offered_on", *e.offered_on, today);
  if (e.done && !e.examined_on) errors.add("examined_on", "Give the day of the examination.");
  if (!e.done && e.examined_on)
    errors.add("done", "An examination with a date was done; mark it done.");
  if (e.examined_on && errors.not_future("examined_on", *e.examined_on, today) && !e.acute)
    errors.not_before("examined_on", *e.examined_on, referred_on, "the referral");
  errors.line("examined_by", e.examined_by, kNameMaxChars,
              e.done ? Presence::kRequired : Presence::kOptional);
  return errors.status("The medical examination needs correcting; see the marked fields.");
}

core::Status validate_therapy_service(const TherapyService& t, core::Date today) {
  FieldErrors errors;
  check_code(errors, "service", t.service, kTherapyServices, "Choose the service.");
  check_code(errors, "recipient", t.recipient, kTherapyRecipients,
             "Say whether the service is for the child or a family member.");
  if (t.recipient == "family_member" && t.party_id.empty())
    errors.add("party_id", "Name the non-offending family member (a party of the case).");
  errors.id("party_id", t.party_id, Presence::kOptional);
  if (!t.offered_on && !t.started_on)
    errors.add("offered_on", "Give the day the service was offered or started.");
  if (t.offered_on) errors.not_future("offered_on", *t.offered_on, today);
  if (t.started_on && errors.not_future("started_on", *t.started_on, today) && t.offered_on)
    errors.not_before("started_on", *t.started_on, *t.offered_on, "the offer");
  return errors.status("The service needs correcting; see the marked fields.");
}

core::Status validate_court_date(const CourtDate& c, core::Date referred_on) {
  FieldErrors errors;
  check_code(errors, "kind", c.kind, kCourtKinds, "Choose the kind of proceeding.");
  errors.not_before("held_on", c.held_on, referred_on, "the referral");
  errors.line("court", c.court, kNameMaxChars, Presence::kOptional);
  return errors.status("The court date needs correcting; see the marked fields.");
}

core::Status validate_barnahus_information(const BarnahusInformation& i, core::Date today) {
  FieldErrors errors;
  errors.not_future("given_on", i.given_on, today);
  check_code(errors, "stage", i.stage, kStages, "Choose the stage the information was about.");
  errors.text("what", i.what, kTextMaxChars, Presence::kRequired);
  errors.language("language", i.language);
  if (i.format.empty())
    errors.add("format", "Choose the format.");
  else
    errors.code<InformationFormat>("format", i.format, parse_information_format,
                                   all_information_formats());
  check_code(errors, "recipient", i.recipient, kInformationRecipients,
             "Say whether the child or a caregiver was told.");
  errors.id("party_id", i.party_id, Presence::kOptional);
  errors.line("given_by", i.given_by, kNameMaxChars, Presence::kRequired);
  return errors.status("The information entry needs correcting; see the marked fields.");
}

core::Status validate_barnahus_party(const BarnahusParty& p) {
  FieldErrors errors;
  check_code(errors, "role", p.role, kPartyRoles,
             "Say whether this is a non-offending caregiver or a support person.");
  errors.line("name", p.name, kNameMaxChars, Presence::kRequired);
  errors.line("relationship", p.relationship, kNameMaxChars, Presence::kOptional);
  return errors.status("The party needs correcting; see the marked fields.");
}

core::Status validate_law_enforcement_record(const LawEnforcementRecord& r, core::Date today) {
  FieldErrors errors;
  check_code(errors, "kind", r.kind, kLawEnforcementKinds, "Choose the kind of record.");
  errors.not_future("recorded_on", r.recorded_on, today);
  errors.line("title", r.title, kShortTextMaxChars, Presence::kRequired);
  errors.text("body", r.body, kLongTextMaxChars, Presence::kRequired);
  return errors.status("The record needs correcting; see the marked fields.");
}

core::Status validate_training_record(const TrainingRecord& t, core::Date today) {
  FieldErrors errors;
  errors.id("user_id", t.user_id, Presence::kRequired);
  errors.line("training", t.training, kShortTextMaxChars, Presence::kRequired);
  errors.not_future("completed_on", t.completed_on, today);
  return errors.status("The training record needs correcting; see the marked fields.");
}

}  // namespace haven::domain
