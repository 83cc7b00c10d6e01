// Barnahus ([J1]): the records of a child-friendly justice case and the rules each must keep — a
// Barnahus case (violence types, the child's role, who referred it and when), invitations into the
// team, meetings, forensic interviews (none before the report; every one after the first with a
// reason), medical examinations, therapy, court dates, the information given, parties, police and
// prosecutor records and staff training. Codes are plain strings checked against the vocabularies
// below. Pure; the timeline's deadlines and the quality report are in barnahus_timeline.h.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/result.h"

namespace haven::domain {

// Vocabularies (codes as the API and the database carry them).
std::span<const std::string_view> barnahus_violence_types();    // "sexual_abuse", …
std::span<const std::string_view> barnahus_child_roles();       // "victim", "witness"
std::span<const std::string_view> barnahus_referral_sources();  // "police", "child_protection", …
// The parts of a case the team shares with a member one by one (security::Resource::barnahus_part);
// the case's core (the case, its team, meetings, parties, information log) needs no part.
std::span<const std::string_view> barnahus_parts();  // "interview", "medical", "therapy", "court"
std::span<const std::string_view> barnahus_meeting_kinds();       // "planning", "review"
std::span<const std::string_view> barnahus_therapy_services();    // "mental_health_assessment", …
std::span<const std::string_view> barnahus_therapy_recipients();  // "child", "family_member"
std::span<const std::string_view> barnahus_court_kinds();         // "main_hearing", …
std::span<const std::string_view> barnahus_stages();  // information stages: "referral", …
std::span<const std::string_view> barnahus_information_recipients();  // "child", "caregiver"
std::span<const std::string_view> barnahus_party_roles();  // "non_offending_caregiver", …
std::span<const std::string_view> barnahus_law_enforcement_kinds();  // "prosecutor_note", …
bool is_barnahus_code(std::span<const std::string_view> vocabulary, std::string_view code);

struct BarnahusCase {
  std::vector<std::string> violence_types;  // one or more, no repeats
  std::string child_role;                   // victim | witness
  std::string referred_by;                  // a referral source
  std::string referred_by_agency_id;        // optional: the referring agency
  core::Timestamp referred_at;  // the report or police referral received: deadlines count from it
  std::string contact_person;   // the child's named contact person
  std::string contact_person_user_id;  // optional
};
core::Status validate_barnahus_case(const BarnahusCase& c, core::Timestamp now);

// An invitation of one user or one agency (exactly one), with the parts shared with them.
struct BarnahusInvite {
  std::string user_id;
  std::string agency_id;
  std::vector<std::string> shared_parts;
};
core::Status validate_barnahus_invite(const BarnahusInvite& invite);

struct BarnahusTask {
  std::string agency_id;
  std::string task;
  std::optional<core::Date> due_on;
};
struct BarnahusMeeting {
  std::string kind = "planning";
  core::Date held_on;
  std::vector<std::string> agencies_present;  // agency ids, at least one
  std::string decisions;
  std::vector<BarnahusTask> tasks;
};
core::Status validate_barnahus_meeting(const BarnahusMeeting& m, core::Date referred_on,
                                       core::Date today);

struct ForensicInterview {
  core::Date interviewed_on;
  std::string interviewer;
  std::string interviewer_user_id;  // optional
  bool interviewer_trained = false;
  std::string protocol;  // "NICHD", a national protocol, …
  bool recorded = false;
  std::string place;
  std::optional<bool> used_in_court;  // unknown until the court has decided
  std::string repeat_reason;          // required for every interview after the first
};
// `earlier_interviews`: how many interviews the child already had in this case. Refuses an
// interview dated before the report, in the future, or a further interview without a reason.
core::Status validate_forensic_interview(const ForensicInterview& i, core::Date referred_on,
                                         int earlier_interviews, core::Date today);

struct MedicalExamination {
  bool offered = false;
  std::optional<core::Date> offered_on;
  bool done = false;
  std::optional<core::Date> examined_on;  // required when done
  bool acute = false;
  std::string examined_by;
};
// An acute examination may precede the referral (the child was brought in first); a planned one
// may not.
core::Status validate_medical_examination(const MedicalExamination& e, core::Date referred_on,
                                          core::Date today);

struct TherapyService {
  std::string service;    // mental_health_assessment | crisis_support | short_term_therapy | …
  std::string recipient;  // child | family_member
  std::string party_id;  // the non-offending family member (a party of the case) when not the child
  std::optional<core::Date> offered_on;
  std::optional<core::Date> started_on;
};
core::Status validate_therapy_service(const TherapyService& t, core::Date today);

struct CourtDate {
  std::string kind;
  core::Date held_on;  // may be ahead: a hearing set for later
  std::string court;
};
core::Status validate_court_date(const CourtDate& c, core::Date referred_on);

struct BarnahusInformation {
  core::Date given_on;
  std::string stage;
  std::string what;
  std::string language;   // ISO 639
  std::string format;     // domain::InformationFormat code: verbal, written, easy_read, …
  std::string recipient;  // child | caregiver
  std::string party_id;   // optional: which caregiver or support person
  std::string given_by;   // who told them
};
core::Status validate_barnahus_information(const BarnahusInformation& i, core::Date today);

struct BarnahusParty {
  std::string role;  // non_offending_caregiver | support_person
  std::string name;
  std::string relationship;
};
core::Status validate_barnahus_party(const BarnahusParty& p);

struct LawEnforcementRecord {
  std::string kind;  // police_report | investigation_note | prosecutor_note | charging_decision
  core::Date recorded_on;
  std::string title;
  std::string body;
};
core::Status validate_law_enforcement_record(const LawEnforcementRecord& r, core::Date today);

struct TrainingRecord {
  std::string user_id;
  std::string training;
  core::Date completed_on;
};
core::Status validate_training_record(const TrainingRecord& t, core::Date today);

}  // namespace haven::domain
