// SQL for the Barnahus tables.
#include "store/repositories/barnahus_repository.h"

namespace haven::store {

namespace {

constexpr const char* kCaseColumns =
    "id, barnahus_agency_id, country, child_id, case_id, violence_types, child_role, referred_by, "
    "referred_by_agency_id, referred_at, contact_person, contact_person_user_id, status, "
    "closed_at, created_by, version, created_at, updated_at";
constexpr const char* kMemberColumns =
    "id, barnahus_case_id, user_id, agency_id, shared_parts, invited_by, invited_at, revoked_at, "
    "version, created_at, updated_at";
// The columns every timeline record starts with (BarnahusRecordRow), in this order.
constexpr const char* kRecordColumns =
    "id, barnahus_case_id, agency_id, created_by, version, created_at, updated_at";
constexpr size_t kRecordColumnCount = 7;

BarnahusCaseRow case_from(const Row& r) {
  BarnahusCaseRow x;
  x.id = r.text(0);
  x.barnahus_agency_id = r.text(1);
  x.country = r.text(2);
  x.child_id = r.text(3);
  x.case_id = r.opt_text(4);
  x.violence_types = r.text(5);
  x.child_role = r.text(6);
  x.referred_by = r.text(7);
  x.referred_by_agency_id = r.opt_text(8);
  x.referred_at = r.integer(9);
  x.contact_person = r.text(10);
  x.contact_person_user_id = r.opt_text(11);
  x.status = r.text(12);
  x.closed_at = r.opt_integer(13);
  x.created_by = r.text(14);
  x.version = r.integer(15);
  x.created_at = r.integer(16);
  x.updated_at = r.integer(17);
  return x;
}

BarnahusMemberRow member_from(const Row& r) {
  BarnahusMemberRow x;
  x.id = r.text(0);
  x.barnahus_case_id = r.text(1);
  x.user_id = r.opt_text(2);
  x.agency_id = r.opt_text(3);
  x.shared_parts = r.text(4);
  x.invited_by = r.text(5);
  x.invited_at = r.integer(6);
  x.revoked_at = r.opt_integer(7);
  x.version = r.integer(8);
  x.created_at = r.integer(9);
  x.updated_at = r.integer(10);
  return x;
}

void record_from(const Row& r, BarnahusRecordRow& x) {
  x.id = r.text(0);
  x.barnahus_case_id = r.text(1);
  x.agency_id = r.text(2);
  x.created_by = r.text(3);
  x.version = r.integer(4);
  x.created_at = r.integer(5);
  x.updated_at = r.integer(6);
}

// INSERT of a timeline record: the shared columns, then `columns` with their values.
void insert_record(Tx& tx, const char* table, const BarnahusRecordRow& x, const char* columns,
                   Params values) {
  Params p = params(x.id, x.barnahus_case_id, x.agency_id, x.created_by, x.created_at);
  std::string sql = std::string("INSERT INTO ") + table +
                    " (id, barnahus_case_id, agency_id, created_by, version, created_at, "
                    "updated_at, " +
                    columns + ") VALUES ($1, $2, $3, $4, 1, $5, $5";
  for (auto& v : values) {
    p.push_back(std::move(v));
    sql += ", $" + std::to_string(p.size());
  }
  tx.execute(sql + ")", p);
}

// SELECT of the timeline records of `table` in `scope`, ordered by `order`.
template <class R, class F>
std::vector<R> select_records(Tx& tx, const char* table, const char* columns,
                              const BarnahusScope& scope, const char* order, F&& fill) {
  std::vector<R> out;
  const std::string sql = std::string("SELECT ") + kRecordColumns + ", " + columns + " FROM " +
                          table + " WHERE barnahus_case_id IN (" + scope.cases_sql + ") ORDER BY " +
                          order;
  for (const Row& r : tx.query(sql, scope.values)) {
    R x;
    record_from(r, x);
    fill(r, kRecordColumnCount, x);
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace

BarnahusScope BarnahusScope::one_case(const std::string& barnahus_case_id) {
  return {"SELECT id FROM barnahus_cases WHERE id = $1", store::params(barnahus_case_id)};
}

BarnahusScope BarnahusScope::of_barnahus(const std::string& barnahus_agency_id, int64_t from_ms,
                                         int64_t to_ms, bool open_only) {
  return {std::string("SELECT id FROM barnahus_cases WHERE barnahus_agency_id = $1 AND "
                      "referred_at >= $2 AND referred_at < $3") +
              (open_only ? " AND status = 'open'" : ""),
          store::params(barnahus_agency_id, from_ms, to_ms)};
}

void BarnahusRepository::insert_case(Tx& tx, const BarnahusCaseRow& x) {
  tx.execute(
      "INSERT INTO barnahus_cases (id, barnahus_agency_id, country, child_id, case_id, "
      "violence_types, child_role, referred_by, referred_by_agency_id, referred_at, "
      "contact_person, contact_person_user_id, status, created_by, version, created_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, 1, "
      "$14, $14)",
      params(x.id, x.barnahus_agency_id, x.country, x.child_id, x.case_id, x.violence_types,
             x.child_role, x.referred_by, x.referred_by_agency_id, x.referred_at, x.contact_person,
             x.contact_person_user_id, x.created_by, x.created_at));
}

std::optional<BarnahusCaseRow> BarnahusRepository::find_case(Tx& tx, const std::string& id) {
  auto row = tx.query_one(
      std::string("SELECT ") + kCaseColumns + " FROM barnahus_cases WHERE id = $1", params(id));
  if (!row) return std::nullopt;
  return case_from(*row);
}

std::vector<BarnahusCaseRow> BarnahusRepository::cases(Tx& tx, const BarnahusScope& scope) {
  std::vector<BarnahusCaseRow> out;
  for (const Row& r :
       tx.query(std::string("SELECT ") + kCaseColumns + " FROM barnahus_cases WHERE id IN (" +
                    scope.cases_sql + ") ORDER BY referred_at, id",
                scope.values))
    out.push_back(case_from(r));
  return out;
}

bool BarnahusRepository::close_case(Tx& tx, const std::string& id, int64_t expected_version,
                                    int64_t at) {
  return tx.execute(
             "UPDATE barnahus_cases SET status = 'closed', closed_at = $1, updated_at = $1, "
             "version = version + 1 WHERE id = $2 AND version = $3 AND status = 'open'",
             params(at, id, expected_version)) == 1;
}

void BarnahusRepository::insert_member(Tx& tx, const BarnahusMemberRow& x) {
  tx.execute(
      "INSERT INTO barnahus_members (id, barnahus_case_id, user_id, agency_id, shared_parts, "
      "invited_by, invited_at, version, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $7, $7)",
      params(x.id, x.barnahus_case_id, x.user_id, x.agency_id, x.shared_parts, x.invited_by,
             x.invited_at));
}

std::vector<BarnahusMemberRow> BarnahusRepository::members(Tx& tx,
                                                           const std::string& barnahus_case_id) {
  std::vector<BarnahusMemberRow> out;
  for (const Row& r : tx.query(std::string("SELECT ") + kMemberColumns +
                                   " FROM barnahus_members WHERE barnahus_case_id = $1 "
                                   "ORDER BY invited_at, id",
                               params(barnahus_case_id)))
    out.push_back(member_from(r));
  return out;
}

bool BarnahusRepository::revoke_member(Tx& tx, const std::string& id, int64_t expected_version,
                                       int64_t at) {
  return tx.execute(
             "UPDATE barnahus_members SET revoked_at = $1, updated_at = $1, version = version + 1 "
             "WHERE id = $2 AND version = $3 AND revoked_at IS NULL",
             params(at, id, expected_version)) == 1;
}

std::vector<BarnahusMemberRow> BarnahusRepository::invitations_of(Tx& tx,
                                                                  const std::string& user_id,
                                                                  const std::string& agency_id) {
  std::vector<BarnahusMemberRow> out;
  for (const Row& r : tx.query(std::string("SELECT ") + kMemberColumns +
                                   " FROM barnahus_members WHERE revoked_at IS NULL AND "
                                   "(user_id = $1 OR agency_id = $2) ORDER BY invited_at, id",
                               params(user_id, agency_id)))
    out.push_back(member_from(r));
  return out;
}

void BarnahusRepository::insert_party(Tx& tx, const BarnahusPartyRow& x) {
  insert_record(tx, "barnahus_parties", x, "role, name, relationship",
                params(x.role, x.name, x.relationship));
}
std::vector<BarnahusPartyRow> BarnahusRepository::parties(Tx& tx, const BarnahusScope& scope) {
  return select_records<BarnahusPartyRow>(tx, "barnahus_parties", "role, name, relationship", scope,
                                          "created_at, id",
                                          [](const Row& r, size_t i, BarnahusPartyRow& x) {
                                            x.role = r.text(i);
                                            x.name = r.text(i + 1);
                                            x.relationship = r.text(i + 2);
                                          });
}

void BarnahusRepository::insert_meeting(Tx& tx, const BarnahusMeetingRow& x) {
  insert_record(tx, "barnahus_meetings", x, "kind, held_on, agencies_present, decisions, tasks",
                params(x.kind, x.held_on, x.agencies_present, x.decisions, x.tasks));
}
std::vector<BarnahusMeetingRow> BarnahusRepository::meetings(Tx& tx, const BarnahusScope& scope) {
  return select_records<BarnahusMeetingRow>(
      tx, "barnahus_meetings", "kind, held_on, agencies_present, decisions, tasks", scope,
      "held_on, created_at, id", [](const Row& r, size_t i, BarnahusMeetingRow& x) {
        x.kind = r.text(i);
        x.held_on = r.text(i + 1);
        x.agencies_present = r.text(i + 2);
        x.decisions = r.text(i + 3);
        x.tasks = r.text(i + 4);
      });
}

namespace {
constexpr const char* kInterviewColumns =
    "sequence, interviewed_on, interviewer, interviewer_user_id, interviewer_trained, protocol, "
    "recorded, place, used_in_court, repeat_reason";
}
void BarnahusRepository::insert_interview(Tx& tx, const BarnahusInterviewRow& x) {
  insert_record(tx, "barnahus_interviews", x, kInterviewColumns,
                params(x.sequence, x.interviewed_on, x.interviewer, x.interviewer_user_id,
                       x.interviewer_trained, x.protocol, x.recorded, x.place, x.used_in_court,
                       x.repeat_reason));
}
std::vector<BarnahusInterviewRow> BarnahusRepository::interviews(Tx& tx,
                                                                 const BarnahusScope& scope) {
  return select_records<BarnahusInterviewRow>(tx, "barnahus_interviews", kInterviewColumns, scope,
                                              "barnahus_case_id, sequence",
                                              [](const Row& r, size_t i, BarnahusInterviewRow& x) {
                                                x.sequence = r.integer(i);
                                                x.interviewed_on = r.text(i + 1);
                                                x.interviewer = r.text(i + 2);
                                                x.interviewer_user_id = r.opt_text(i + 3);
                                                x.interviewer_trained = r.boolean(i + 4);
                                                x.protocol = r.text(i + 5);
                                                x.recorded = r.boolean(i + 6);
                                                x.place = r.text(i + 7);
                                                x.used_in_court = r.opt_integer(i + 8);
                                                x.repeat_reason = r.opt_text(i + 9);
                                              });
}

bool BarnahusRepository::set_interview_used_in_court(Tx& tx, const std::string& id,
                                                     std::optional<int64_t> used_in_court,
                                                     int64_t expected_version, int64_t at) {
  return tx.execute(
             "UPDATE barnahus_interviews SET used_in_court = $1, updated_at = $2, "
             "version = version + 1 WHERE id = $3 AND version = $4",
             params(used_in_court, at, id, expected_version)) == 1;
}

namespace {
constexpr const char* kExamColumns = "offered, offered_on, done, examined_on, acute, examined_by";
}
void BarnahusRepository::insert_medical_exam(Tx& tx, const BarnahusMedicalExamRow& x) {
  insert_record(tx, "barnahus_medical_exams", x, kExamColumns,
                params(x.offered, x.offered_on, x.done, x.examined_on, x.acute, x.examined_by));
}
std::vector<BarnahusMedicalExamRow> BarnahusRepository::medical_exams(Tx& tx,
                                                                      const BarnahusScope& scope) {
  return select_records<BarnahusMedicalExamRow>(
      tx, "barnahus_medical_exams", kExamColumns, scope, "created_at, id",
      [](const Row& r, size_t i, BarnahusMedicalExamRow& x) {
        x.offered = r.boolean(i);
        x.offered_on = r.opt_text(i + 1);
        x.done = r.boolean(i + 2);
        x.examined_on = r.opt_text(i + 3);
        x.acute = r.boolean(i + 4);
        x.examined_by = r.text(i + 5);
      });
}

namespace {
constexpr const char* kTherapyColumns = "service, recipient, party_id, offered_on, started_on";
}
void BarnahusRepository::insert_therapy(Tx& tx, const BarnahusTherapyRow& x) {
  insert_record(tx, "barnahus_therapy", x, kTherapyColumns,
                params(x.service, x.recipient, x.party_id, x.offered_on, x.started_on));
}
std::vector<BarnahusTherapyRow> BarnahusRepository::therapy(Tx& tx, const BarnahusScope& scope) {
  return select_records<BarnahusTherapyRow>(tx, "barnahus_therapy", kTherapyColumns, scope,
                                            "created_at, id",
                                            [](const Row& r, size_t i, BarnahusTherapyRow& x) {
                                              x.service = r.text(i);
                                              x.recipient = r.text(i + 1);
                                              x.party_id = r.opt_text(i + 2);
                                              x.offered_on = r.opt_text(i + 3);
                                              x.started_on = r.opt_text(i + 4);
                                            });
}

void BarnahusRepository::insert_court_date(Tx& tx, const BarnahusCourtDateRow& x) {
  insert_record(tx, "barnahus_court_dates", x, "kind, held_on, court",
                params(x.kind, x.held_on, x.court));
}
std::vector<BarnahusCourtDateRow> BarnahusRepository::court_dates(Tx& tx,
                                                                  const BarnahusScope& scope) {
  return select_records<BarnahusCourtDateRow>(tx, "barnahus_court_dates", "kind, held_on, court",
                                              scope, "held_on, id",
                                              [](const Row& r, size_t i, BarnahusCourtDateRow& x) {
                                                x.kind = r.text(i);
                                                x.held_on = r.text(i + 1);
                                                x.court = r.text(i + 2);
                                              });
}

namespace {
constexpr const char* kInformationColumns =
    "given_on, stage, what, language, format, recipient, party_id, given_by";
}
void BarnahusRepository::insert_information(Tx& tx, const BarnahusInformationRow& x) {
  insert_record(tx, "barnahus_information", x, kInformationColumns,
                params(x.given_on, x.stage, x.what, x.language, x.format, x.recipient, x.party_id,
                       x.given_by));
}
std::vector<BarnahusInformationRow> BarnahusRepository::information(Tx& tx,
                                                                    const BarnahusScope& scope) {
  return select_records<BarnahusInformationRow>(
      tx, "barnahus_information", kInformationColumns, scope, "given_on, created_at, id",
      [](const Row& r, size_t i, BarnahusInformationRow& x) {
        x.given_on = r.text(i);
        x.stage = r.text(i + 1);
        x.what = r.text(i + 2);
        x.language = r.text(i + 3);
        x.format = r.text(i + 4);
        x.recipient = r.text(i + 5);
        x.party_id = r.opt_text(i + 6);
        x.given_by = r.text(i + 7);
      });
}

namespace {
constexpr const char* kLawEnforcementColumns = "kind, recorded_on, title, body_ct, shared_with";
void fill_law_enforcement(const Row& r, size_t i, BarnahusLawEnforcementRow& x) {
  x.kind = r.text(i);
  x.recorded_on = r.text(i + 1);
  x.title = r.text(i + 2);
  x.body_ct = r.blob(i + 3);
  x.shared_with = r.text(i + 4);
}
}  // namespace
void BarnahusRepository::insert_law_enforcement(Tx& tx, const BarnahusLawEnforcementRow& x) {
  insert_record(tx, "barnahus_law_enforcement_records", x, kLawEnforcementColumns,
                params(x.kind, x.recorded_on, x.title, x.body_ct, x.shared_with));
}
std::vector<BarnahusLawEnforcementRow> BarnahusRepository::law_enforcement(
    Tx& tx, const BarnahusScope& scope) {
  return select_records<BarnahusLawEnforcementRow>(
      tx, "barnahus_law_enforcement_records", kLawEnforcementColumns, scope,
      "recorded_on, created_at, id", fill_law_enforcement);
}
std::optional<BarnahusLawEnforcementRow> BarnahusRepository::find_law_enforcement(
    Tx& tx, const std::string& id) {
  auto row = tx.query_one(std::string("SELECT ") + kRecordColumns + ", " + kLawEnforcementColumns +
                              " FROM barnahus_law_enforcement_records WHERE id = $1",
                          params(id));
  if (!row) return std::nullopt;
  BarnahusLawEnforcementRow x;
  record_from(*row, x);
  fill_law_enforcement(*row, kRecordColumnCount, x);
  return x;
}
bool BarnahusRepository::share_law_enforcement(Tx& tx, const std::string& id,
                                               const std::string& shared_with,
                                               int64_t expected_version, int64_t at) {
  return tx.execute(
             "UPDATE barnahus_law_enforcement_records SET shared_with = $1, updated_at = $2, "
             "version = version + 1 WHERE id = $3 AND version = $4",
             params(shared_with, at, id, expected_version)) == 1;
}

void BarnahusRepository::insert_training(Tx& tx, const BarnahusTrainingRow& x) {
  tx.execute(
      "INSERT INTO barnahus_training_records (id, barnahus_agency_id, user_id, training, "
      "completed_on, created_by, version, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)",
      params(x.id, x.barnahus_agency_id, x.user_id, x.training, x.completed_on, x.created_by,
             x.created_at));
}
std::vector<BarnahusTrainingRow> BarnahusRepository::training(
    Tx& tx, const std::string& barnahus_agency_id) {
  std::vector<BarnahusTrainingRow> out;
  for (const Row& r : tx.query(
           "SELECT id, barnahus_agency_id, user_id, training, completed_on, created_by, version, "
           "created_at, updated_at FROM barnahus_training_records WHERE barnahus_agency_id = $1 "
           "ORDER BY completed_on DESC, id",
           params(barnahus_agency_id))) {
    BarnahusTrainingRow x;
    x.id = r.text(0);
    x.barnahus_agency_id = r.text(1);
    x.user_id = r.text(2);
    x.training = r.text(3);
    x.completed_on = r.text(4);
    x.created_by = r.text(5);
    x.version = r.integer(6);
    x.created_at = r.integer(7);
    x.updated_at = r.integer(8);
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace haven::store
