// SQL for Barnahus ([J1], migration 0012): cases, invitations, and the records on a case's
// timeline, as rows. Lists take a BarnahusScope (one case, or the cases of one Barnahus referred
// in a period) so a report over many cases reads each table once, not once per case. No rules
// here; every function runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct BarnahusCaseRow {
  std::string id;
  std::string barnahus_agency_id;
  std::string country;
  std::string child_id;
  std::optional<std::string> case_id;
  std::string violence_types;  // JSON list of codes
  std::string child_role;
  std::string referred_by;
  std::optional<std::string> referred_by_agency_id;
  int64_t referred_at = 0;
  std::string contact_person;
  std::optional<std::string> contact_person_user_id;
  std::string status = "open";
  std::optional<int64_t> closed_at;
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct BarnahusMemberRow {
  std::string id;
  std::string barnahus_case_id;
  std::optional<std::string> user_id;
  std::optional<std::string> agency_id;
  std::string shared_parts;  // JSON list
  std::string invited_by;
  int64_t invited_at = 0;
  std::optional<int64_t> revoked_at;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// What every record on a case's timeline carries: the case, the agency that recorded it (only it
// changes the record; the policy's owning agency), the author and the version.
struct BarnahusRecordRow {
  std::string id;
  std::string barnahus_case_id;
  std::string agency_id;
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct BarnahusPartyRow : BarnahusRecordRow {
  std::string role;
  std::string name;
  std::string relationship;
};
struct BarnahusMeetingRow : BarnahusRecordRow {
  std::string kind;
  std::string held_on;
  std::string agencies_present;  // JSON list of agency ids
  std::string decisions;
  std::string tasks;  // JSON list of {"agency_id", "task", "due_on"}
};
struct BarnahusInterviewRow : BarnahusRecordRow {
  int64_t sequence = 1;
  std::string interviewed_on;
  std::string interviewer;
  std::optional<std::string> interviewer_user_id;
  bool interviewer_trained = false;
  std::string protocol;
  bool recorded = false;
  std::string place;
  std::optional<int64_t> used_in_court;  // 0/1, NULL unknown
  std::optional<std::string> repeat_reason;
};
struct BarnahusMedicalExamRow : BarnahusRecordRow {
  bool offered = false;
  std::optional<std::string> offered_on;
  bool done = false;
  std::optional<std::string> examined_on;
  bool acute = false;
  std::string examined_by;
};
struct BarnahusTherapyRow : BarnahusRecordRow {
  std::string service;
  std::string recipient;
  std::optional<std::string> party_id;
  std::optional<std::string> offered_on;
  std::optional<std::string> started_on;
};
struct BarnahusCourtDateRow : BarnahusRecordRow {
  std::string kind;
  std::string held_on;
  std::string court;
};
struct BarnahusInformationRow : BarnahusRecordRow {
  std::string given_on;
  std::string stage;
  std::string what;
  std::string language;
  std::string format;
  std::string recipient;
  std::optional<std::string> party_id;
  std::string given_by;
};
struct BarnahusLawEnforcementRow : BarnahusRecordRow {
  std::string kind;
  std::string recorded_on;
  std::string title;
  Blob body_ct;
  std::string shared_with;  // JSON list of user and agency ids
};
struct BarnahusTrainingRow {
  std::string id;
  std::string barnahus_agency_id;
  std::string user_id;
  std::string training;
  std::string completed_on;
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// Which cases a list covers: one case, or a Barnahus's cases referred in [from, to) (ms), all or
// only the open ones.
struct BarnahusScope {
  std::string cases_sql;  // "SELECT id FROM barnahus_cases WHERE …"
  Params values;
  static BarnahusScope one_case(const std::string& barnahus_case_id);
  static BarnahusScope of_barnahus(const std::string& barnahus_agency_id, int64_t from_ms,
                                   int64_t to_ms, bool open_only);
};

class BarnahusRepository {
 public:
  static void insert_case(Tx& tx, const BarnahusCaseRow& row);
  static std::optional<BarnahusCaseRow> find_case(Tx& tx, const std::string& id);
  static std::vector<BarnahusCaseRow> cases(Tx& tx, const BarnahusScope& scope);
  // Sets status closed at `at`, when still at `expected_version`.
  static bool close_case(Tx& tx, const std::string& id, int64_t expected_version, int64_t at);

  static void insert_member(Tx& tx, const BarnahusMemberRow& row);
  static std::vector<BarnahusMemberRow> members(Tx& tx, const std::string& barnahus_case_id);
  // Sets revoked_at when the invitation is still active and at `expected_version`.
  static bool revoke_member(Tx& tx, const std::string& id, int64_t expected_version, int64_t at);
  // The active invitations of a user, directly or through their agency.
  static std::vector<BarnahusMemberRow> invitations_of(Tx& tx, const std::string& user_id,
                                                       const std::string& agency_id);

  static void insert_party(Tx& tx, const BarnahusPartyRow& row);
  static std::vector<BarnahusPartyRow> parties(Tx& tx, const BarnahusScope& scope);
  static void insert_meeting(Tx& tx, const BarnahusMeetingRow& row);
  static std::vector<BarnahusMeetingRow> meetings(Tx& tx, const BarnahusScope& scope);
  static void insert_interview(Tx& tx, const BarnahusInterviewRow& row);
  static std::vector<BarnahusInterviewRow> interviews(Tx& tx, const BarnahusScope& scope);
  // Records whether the interview was used in court (NULL: not known), when still at
  // `expected_version`.
  static bool set_interview_used_in_court(Tx& tx, const std::string& id,
                                          std::optional<int64_t> used_in_court,
                                          int64_t expected_version, int64_t at);
  static void insert_medical_exam(Tx& tx, const BarnahusMedicalExamRow& row);
  static std::vector<BarnahusMedicalExamRow> medical_exams(Tx& tx, const BarnahusScope& scope);
  static void insert_therapy(Tx& tx, const BarnahusTherapyRow& row);
  static std::vector<BarnahusTherapyRow> therapy(Tx& tx, const BarnahusScope& scope);
  static void insert_court_date(Tx& tx, const BarnahusCourtDateRow& row);
  static std::vector<BarnahusCourtDateRow> court_dates(Tx& tx, const BarnahusScope& scope);
  static void insert_information(Tx& tx, const BarnahusInformationRow& row);
  static std::vector<BarnahusInformationRow> information(Tx& tx, const BarnahusScope& scope);

  static void insert_law_enforcement(Tx& tx, const BarnahusLawEnforcementRow& row);
  static std::vector<BarnahusLawEnforcementRow> law_enforcement(Tx& tx, const BarnahusScope& scope);
  static std::optional<BarnahusLawEnforcementRow> find_law_enforcement(Tx& tx,
                                                                       const std::string& id);
  // Replaces shared_with when still at `expected_version`.
  static bool share_law_enforcement(Tx& tx, const std::string& id, const std::string& shared_with,
                                    int64_t expected_version, int64_t at);

  static void insert_training(Tx& tx, const BarnahusTrainingRow& row);
  static std::vector<BarnahusTrainingRow> training(Tx& tx, const std::string& barnahus_agency_id);
};

}  // namespace haven::store
