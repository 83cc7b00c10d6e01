// Barnahus ([J1], docs/BARNAHUS.md): the multidisciplinary case around a child victim or witness
// of violence, its team, and the services on one timeline. Every method authorizes through the one
// policy (security::decide, via AccessService, with the Barnahus resource fields: the Barnahus
// running the case, the part a record belongs to, the agency that recorded it, whom a police or
// prosecutor record was shared with), validates with domain/barnahus.h, writes in one transaction
// and audits — every read too; refusals are audited by AccessService as "policy.deny".
//
// Who may do what (security/policy.h rule 6): the coordinators of the Barnahus running a case do
// everything except open police and prosecutor records not shared with them; invited members (a
// user, or every user of an invited agency) see the case's core and the parts shared with them,
// and record what their own agency did; police and prosecutor records are read by police,
// prosecutors and those they were shared with. A caller who is neither coordinator nor invited
// gets kNotFound, so the case's existence is not confirmed.
//
// Errors every method may return: kNotFound (no such case, or not one the caller may know of),
// kForbidden (the policy's reason), kInvalidInput with fields, kConflict (the case is closed, a
// stale version, a member already invited). Thread-safe; never call inside a transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/result.h"
#include "domain/barnahus.h"
#include "domain/barnahus_timeline.h"
#include "domain/child.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/identity.h"
#include "service/key_service.h"
#include "service/policy_registry.h"
#include "store/database.h"
#include "store/repositories/agency_repository.h"
#include "store/repositories/barnahus_repository.h"

namespace haven::service {

// Opening a case: the child is either known (child_id, a child of the same country) or registered
// here with the case (new_child, owned by the Barnahus). case_id optionally links the child
// protection case (it must be the same child's).
struct BarnahusCaseInput {
  domain::BarnahusCase details;
  std::string child_id;
  std::optional<domain::Child> new_child;
  std::string case_id;
  std::string barnahus_agency_id;  // only for the command line; a user opens cases of their own
};

// A police or prosecutor record as its reader sees it (the text decrypted).
struct BarnahusLawEnforcementView {
  store::BarnahusLawEnforcementRow row;  // body_ct cleared
  std::string body;
  std::vector<std::string> shared_with;
};

// A case with everything on its timeline the reader may see, and the deadlines.
struct BarnahusTimeline {
  store::BarnahusCaseRow barnahus_case;
  std::string child_name;  // given and family names, as registered
  std::vector<store::BarnahusMemberRow> members;
  std::vector<store::BarnahusPartyRow> parties;
  std::vector<store::BarnahusMeetingRow> meetings;
  std::vector<store::BarnahusInterviewRow> interviews;
  std::vector<store::BarnahusMedicalExamRow> medical_exams;
  std::vector<store::BarnahusTherapyRow> therapy;
  std::vector<store::BarnahusCourtDateRow> court_dates;
  std::vector<store::BarnahusInformationRow> information;
  std::vector<BarnahusLawEnforcementView> law_enforcement;  // those the reader may open
  int withheld_records = 0;  // records of parts not shared with the reader (not listed)
  // The deadlines report → interview / medical examination / assessment (the dates are the
  // case's core, known to the whole team).
  std::vector<domain::BarnahusDeadline> deadlines;
};

// One open case with a step due soon or overdue, for the coordinator's dashboard.
struct BarnahusAlert {
  std::string barnahus_case_id;
  std::string child_id;
  int64_t referred_at = 0;
  std::string contact_person;
  domain::BarnahusDeadline deadline;
  std::string child_name;  // given and family names, as registered
};

struct BarnahusQualityReport {
  std::string barnahus_agency_id;
  core::Date from;  // cases referred from this day …
  core::Date to;    // … through this day (UTC)
  domain::BarnahusQuality quality;
};

// Who can be named on a case: agencies and active users of the caller's country.
struct BarnahusPerson {
  std::string id;
  std::string name;  // the display name, else the username
  std::string agency_id;
};
struct BarnahusDirectory {
  std::vector<store::AgencyRow> agencies;  // by name
  std::vector<BarnahusPerson> people;      // by name
};

class BarnahusService {
 public:
  BarnahusService(store::Database& db, const core::Clock& clock, AccessService& access,
                  AuditService& audit, KeyService& keys, const PolicyRegistry& policies)
      : db_(db), clock_(clock), access_(access), audit_(audit), keys_(keys), policies_(policies) {}

  // Whether the caller may open cases (a coordinator, for their own Barnahus); a refusal is
  // audited.
  core::Status authorize_open_case(const Actor& actor);
  // A coordinator opens a case for their Barnahus (from a police referral or any other source).
  core::Result<store::BarnahusCaseRow> create_case(const Actor& actor, BarnahusCaseInput input);
  // The cases the caller works: all of their Barnahus for a coordinator, the invited ones for
  // others; open ones only unless `include_closed`. Audited.
  core::Result<std::vector<store::BarnahusCaseRow>> list_cases(const Actor& actor,
                                                               bool include_closed = false);
  // The case with its timeline; what the caller may not see is left out (and counted). Audited.
  core::Result<BarnahusTimeline> timeline(const Actor& actor, const std::string& barnahus_case_id);
  // Closes the case when still at `version` (coordinators).
  core::Result<store::BarnahusCaseRow> close_case(const Actor& actor,
                                                  const std::string& barnahus_case_id,
                                                  int64_t version);

  // Invites a user or an agency of the same country into the team (coordinators), sharing the
  // named parts ("interview", "medical", "therapy", "court").
  core::Result<store::BarnahusMemberRow> invite(const Actor& actor,
                                                const std::string& barnahus_case_id,
                                                domain::BarnahusInvite invite);
  // Revokes an invitation (coordinators) when it is still at `version`: from the next request the
  // member no longer knows of the case. kNotFound for no such member of this case, kConflict when
  // it is already revoked, stale, or the case is closed.
  core::Result<store::BarnahusMemberRow> revoke_invitation(const Actor& actor,
                                                           const std::string& barnahus_case_id,
                                                           const std::string& member_id,
                                                           int64_t version);

  // Records on the timeline; each is recorded for the caller's agency. The part a record belongs
  // to decides who else sees it: meetings, parties and the information log are the case's core.
  core::Result<store::BarnahusPartyRow> add_party(const Actor& actor,
                                                  const std::string& barnahus_case_id,
                                                  domain::BarnahusParty party);
  core::Result<store::BarnahusMeetingRow> record_meeting(const Actor& actor,
                                                         const std::string& barnahus_case_id,
                                                         domain::BarnahusMeeting meeting);
  // Refuses an interview dated before the report and a further interview without a reason.
  core::Result<store::BarnahusInterviewRow> record_interview(const Actor& actor,
                                                             const std::string& barnahus_case_id,
                                                             domain::ForensicInterview interview);
  // Records whether the interview was used in court (nullopt: not known yet), when it is still at
  // `version`; the agency that recorded the interview, or a coordinator.
  core::Result<store::BarnahusInterviewRow> set_interview_used_in_court(
      const Actor& actor, const std::string& barnahus_case_id, const std::string& interview_id,
      int64_t version, std::optional<bool> used_in_court);
  core::Result<store::BarnahusMedicalExamRow> record_medical_exam(
      const Actor& actor, const std::string& barnahus_case_id, domain::MedicalExamination exam);
  core::Result<store::BarnahusTherapyRow> record_therapy(const Actor& actor,
                                                         const std::string& barnahus_case_id,
                                                         domain::TherapyService therapy);
  core::Result<store::BarnahusCourtDateRow> record_court_date(const Actor& actor,
                                                              const std::string& barnahus_case_id,
                                                              domain::CourtDate court);
  core::Result<store::BarnahusInformationRow> record_information(
      const Actor& actor, const std::string& barnahus_case_id, domain::BarnahusInformation info);

  // Police and prosecutor records: written by police and prosecutors only, the text encrypted.
  core::Result<BarnahusLawEnforcementView> record_law_enforcement(
      const Actor& actor, const std::string& barnahus_case_id, domain::LawEnforcementRecord record);
  // Opens one record; the read (or the refusal) is audited.
  core::Result<BarnahusLawEnforcementView> law_enforcement_record(
      const Actor& actor, const std::string& barnahus_case_id, const std::string& record_id);
  // Replaces whom the record is shared with (user or agency ids), when still at `version`; only
  // the recording police or prosecutor agency.
  core::Result<BarnahusLawEnforcementView> share_law_enforcement(
      const Actor& actor, const std::string& barnahus_case_id, const std::string& record_id,
      int64_t version, std::vector<std::string> shared_with);

  // The coordinator's alerts: every step of an open case of their Barnahus that is due soon or
  // overdue under the country policy, most urgent first.
  core::Result<std::vector<BarnahusAlert>> alerts(const Actor& actor);
  // The quality-standards figures for the cases of one Barnahus referred in [from, to].
  core::Result<BarnahusQualityReport> quality_report(const Actor& actor,
                                                     const std::string& barnahus_agency_id,
                                                     core::Date from, core::Date to);

  // The authorization a method on the case would ask first (a refusal audited): for an entry point
  // that found problems in its input, so a stranger to the case learns nothing from them.
  core::Status authorize_on_case(
      const Actor& actor, const std::string& barnahus_case_id, security::Action action,
      security::ResourceKind kind = security::ResourceKind::kBarnahusCase,
      const std::string& part = {});

  // The agencies and active users of the caller's country, for naming team members, agencies
  // present and trainees, and for choosing whom to invite: coordinators and anyone invited to a
  // case (kForbidden otherwise). Holds no case data, so it is not audited.
  core::Result<BarnahusDirectory> directory(const Actor& actor);

  // Staff training records of the caller's Barnahus (standard 9; coordinators).
  core::Result<store::BarnahusTrainingRow> record_training(const Actor& actor,
                                                           domain::TrainingRecord training);
  core::Result<std::vector<store::BarnahusTrainingRow>> list_training(const Actor& actor);

 private:
  core::Result<store::BarnahusCaseRow> load_and_authorize(const Actor& actor,
                                                          const std::string& barnahus_case_id,
                                                          security::Action action,
                                                          security::ResourceKind kind,
                                                          const std::string& part);
  core::Status authorize(const Actor& actor, security::Action action,
                         const security::Resource& resource);
  bool may(const Actor& actor, security::Action action, const security::Resource& resource) const;
  void audit(store::Tx& tx, const Actor& actor, const std::string& action,
             const std::string& entity, const std::string& entity_id, const std::string& details);
  core::Status audit_now(const Actor& actor, const std::string& action, const std::string& entity,
                         const std::string& entity_id, const std::string& details);
  template <class Row, class Insert>
  core::Result<Row> write_record(const Actor& actor, const store::BarnahusCaseRow& c, Row row,
                                 const char* entity, Insert&& insert, const std::string& details);
  core::Result<BarnahusLawEnforcementView> view_of(const store::BarnahusLawEnforcementRow& row);

  store::Database& db_;
  const core::Clock& clock_;
  AccessService& access_;
  AuditService& audit_;
  KeyService& keys_;
  const PolicyRegistry& policies_;
};

}  // namespace haven::service
